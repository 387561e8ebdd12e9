#![recursion_limit = "256"]
//! Privacy against someone who reads the channel, or Discord's API, closely (issue #15):
//! an anonymous idea is never the answer to its author's command (Discord would show
//! "<author> used /idea add" above it), and a secret poll's card does not change while
//! people vote, so nobody can tell a vote from what changed when.

mod fake;
mod harness;

use std::time::Duration;

use fake::Recorded;
use fake::payloads::{self, button, command, member};
use harness::{
    ALICE, BOB, CAROL, EPHEMERAL, Harness, component_ids, description, flags, option, voter,
};
use kumpul_core::i18n::{I18n, Locale, Msg};
use kumpul_core::reply::{Reply, Tone};
use serde_json::{Value, json};

/// Alice as Discord shows her, with a username, a display name and a server nickname.
fn alice() -> Value {
    let mut alice = member(ALICE, "aliwij", 0);
    alice["user"]["global_name"] = json!("Alicia Wijayakusuma");
    alice["nick"] = json!("Ciprut");
    alice
}

/// Everything that could name Alice: her id, username, display name and nickname.
const ALICE_NAMES: [&str; 4] = [ALICE, "aliwij", "alicia wijayakusuma", "ciprut"];

/// `idea add <text> --anonymous`, as Discord sends it.
fn anonymous_idea(id: &str, text: &str, locale: &str) -> Value {
    let options = json!([
        option("text", text),
        { "name": "anonymous", "type": 5, "value": true }
    ]);
    command(id, &["idea", "add"], options, alice(), locale)
}

fn is_channel_post(call: &Recorded) -> bool {
    call.method == "POST"
        && call.path == format!("/api/v10/channels/{}/messages", payloads::CHANNEL_ID)
}

/// Whether a callback answers only its author: a message or deferral flagged ephemeral.
fn is_private_callback(body: &Value) -> bool {
    matches!(body["type"].as_u64(), Some(4 | 5)) && flags(body) & EPHEMERAL == EPHEMERAL
}

/// The position of the first call that `matches`.
fn position(calls: &[Recorded], matches: impl Fn(&Recorded) -> bool) -> usize {
    calls
        .iter()
        .position(matches)
        .expect("the call was recorded")
}

#[tokio::test]
async fn an_anonymous_idea_is_kumpuls_own_message_and_only_its_author_hears_back() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let first = harness
        .interact(anonymous_idea(
            "1001",
            "Tool library in the RW hall",
            "en-US",
        ))
        .await;
    assert!(
        is_private_callback(&first),
        "the very first response is private (a public one shows who used the command): {first:#}"
    );
    let card = harness
        .fake
        .wait_for("the idea posted as kumpul's own message", |c| {
            is_channel_post(c) && c.body.to_string().contains("Tool library in the RW hall")
        })
        .await;
    assert!(
        card.body.get("message_reference").is_none(),
        "not a reply to anything: {:#}",
        card.body
    );
    assert_eq!(
        card.body["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [] }),
        "the card pings nobody, as its mentions say"
    );
    let ack_path = "/api/v10/webhooks/1000000000000000001/token-1001/messages/@original";
    let ack = harness
        .fake
        .wait_for("the acknowledgement", |c| {
            c.method == "PATCH" && c.path == ack_path
        })
        .await;
    let acked = description(&json!({ "data": ack.body }));
    assert!(
        acked.contains("#1") && acked.contains("anonym"),
        "the author hears that idea #1 is posted: {acked}"
    );
    let calls = harness.fake.calls();
    assert!(
        position(&calls, |c| c.path == card.path) < position(&calls, |c| c.path == ack_path),
        "posted first, then acknowledged"
    );

    // The Upvote button on the posted card works, and the card's count follows.
    let upvote = component_ids(&json!({ "data": card.body }))
        .into_iter()
        .find(|id| id.starts_with("k1:idea:vote:"))
        .expect("an upvote button on the card");
    let clicked = harness
        .interact(button("1002", &upvote, member(BOB, "bob", 0), "en-US"))
        .await;
    assert!(is_private_callback(&clicked), "{clicked:#}");
    assert!(
        description(&clicked).contains("You upvoted idea"),
        "{clicked:#}"
    );
    let edit_path = format!(
        "/api/v10/channels/{}/messages/{}",
        payloads::CHANNEL_ID,
        fake::CHANNEL_MESSAGE_ID
    );
    harness
        .fake
        .wait_for("the posted card showing its upvote", |c| {
            c.method == "PATCH"
                && c.path == edit_path
                && description(&json!({ "data": c.body })).contains("1 upvote")
        })
        .await;

    // Nothing kumpul sent names Alice: not the card, its edit, the answers, anything.
    let calls = harness.fake.calls();
    for call in &calls {
        let sent = call.body.to_string().to_lowercase();
        for name in ALICE_NAMES {
            assert!(
                !sent.contains(name),
                "{} {} names the author ({name}): {:#}",
                call.method,
                call.path,
                call.body
            );
        }
    }
    let answers: Vec<&Recorded> = calls
        .iter()
        .filter(|c| c.path.contains("/token-1001") || c.path.contains("/interactions/1001/"))
        .collect();
    assert_eq!(
        answers.len(),
        2,
        "one private deferral and its edit, no follow-up, nothing deleted: {answers:#?}"
    );
}

#[tokio::test]
async fn an_anonymous_idea_kumpul_may_not_post_is_reported_to_its_author_in_their_language() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    harness.fake.deny_channel_messages();
    let first = harness
        .interact(anonymous_idea(
            "1011",
            "Perpustakaan alat di balai RW",
            "id",
        ))
        .await;
    assert!(is_private_callback(&first), "{first:#}");
    harness
        .fake
        .wait_for("the refused channel post", is_channel_post)
        .await;
    let ack = harness
        .fake
        .wait_for("the acknowledgement", |c| {
            c.method == "PATCH" && c.path.ends_with("/token-1011/messages/@original")
        })
        .await;
    let i18n = I18n::load().unwrap();
    let note = Reply::private(
        Tone::Warning,
        i18n.rich(Locale::Id, &Msg::new("discord-standalone-failed")),
    );
    let expected = serde_json::to_value(
        kumpul_discord::render::render(&note, &i18n, Locale::Id)[0]
            .embed
            .clone()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        ack.body["embeds"][0]["description"], expected["description"],
        "the author is told, in Indonesian, that it was not posted, and nothing else"
    );
    let answers: Vec<Recorded> = harness
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.path.contains("/token-1011"))
        .collect();
    assert_eq!(
        answers.len(),
        2,
        "one private deferral and its edit, no follow-up, no public answer: {answers:#?}"
    );
}

/// Whether `call` changes what the channel shows. Private interaction answers do not: an
/// ephemeral callback, an edit or deletion of an answer that was ephemeral from the start,
/// an ephemeral follow-up. Reads change nothing either.
fn changes_the_channel(call: &Recorded, private_tokens: &[String]) -> bool {
    if call.method == "GET" {
        return false;
    }
    if call.path.ends_with("/callback") {
        return !is_private_callback(&call.body) && call.body["type"] != 9;
    }
    let segments: Vec<&str> = call.path.split('/').collect();
    match segments.as_slice() {
        [
            "",
            "api",
            "v10",
            "webhooks",
            _,
            token,
            "messages",
            "@original",
        ] => !private_tokens.iter().any(|t| t == token),
        ["", "api", "v10", "webhooks", _, _] => {
            flags(&json!({ "data": call.body })) & EPHEMERAL == 0
        }
        _ => true,
    }
}

/// The tokens of interactions whose first answer was private.
fn private_tokens(calls: &[Recorded]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut private = Vec::new();
    for call in calls.iter().filter(|c| c.path.ends_with("/callback")) {
        let token = call.path.split('/').nth(5).unwrap_or_default().to_owned();
        if seen.contains(&token) {
            continue;
        }
        if is_private_callback(&call.body) {
            private.push(token.clone());
        }
        seen.push(token);
    }
    private
}

#[tokio::test]
async fn a_secret_poll_shows_no_change_between_votes_until_its_results() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "1101",
            &["poll", "create"],
            json!([
                option("poll", "Ketua RT? | Budi | Sari"),
                option("voters", "secret")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert_eq!(created["type"], 4, "the card is posted: {created:#}");
    let options = component_ids(&created);
    let (budi, sari) = (&options[0], &options[1]);
    harness
        .fake
        .wait_for("the card's id, read to keep it current", |c| {
            c.method == "GET" && c.path.ends_with("/token-1101/messages/@original")
        })
        .await;
    harness.settle_live().await;
    let card_posted = harness.fake.calls().len();

    // Bob changes his vote; each vote is followed by everything it could have caused.
    let votes = [
        ("1102", budi, member(BOB, "bob", 0)),
        ("1103", sari, member(CAROL, "carol", 0)),
        ("1104", budi, voter(1)),
        ("1105", sari, member(BOB, "bob", 0)),
        ("1106", sari, voter(2)),
    ];
    for (id, choice, who) in votes {
        let answer = harness.interact(button(id, choice, who, "en-US")).await;
        assert!(
            is_private_callback(&answer),
            "a vote is confirmed privately: {answer:#}"
        );
        harness.settle_live().await;
        let calls = harness.fake.calls();
        let private = private_tokens(&calls);
        let changes: Vec<&Recorded> = calls[card_posted..]
            .iter()
            .filter(|c| changes_the_channel(c, &private))
            .collect();
        assert!(
            changes.is_empty(),
            "after vote {id}, the channel changed: {changes:#?}"
        );
    }

    let closed = harness
        .slash(
            "1107",
            &["poll", "close"],
            json!([{ "name": "number", "type": 4, "value": 1 }]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert_eq!(flags(&closed) & EPHEMERAL, 0, "{closed:#}");
    assert!(
        description(&closed).contains("4 ballots"),
        "the results, once closed, count each voter once: {closed:#}"
    );
}
