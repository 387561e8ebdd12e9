//! Polls: buttons update the poll message with coalesced exact edits; multiple choice
//! uses a menu and ranked ballots a form.

use std::time::Duration;

use crate::fake;
use crate::fake::payloads::{button, member, select};
use crate::harness::{
    ALICE, BOB, EPHEMERAL, Harness, LIVE_INTERVAL, component_ids, description, flags, integer,
    option, sent_description, voter,
};
use serde_json::json;

#[tokio::test]
async fn poll_buttons_update_the_poll_message_with_coalesced_exact_edits() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "401",
            &["poll", "create"],
            json!([option("poll", "Lunch? | soto | bakso")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let ids = component_ids(&created);
    assert_eq!(ids.len(), 3, "two options and results: {created:#}");
    harness
        .fake
        .wait_for("the posted card's id", |c| {
            c.method == "GET" && c.path.ends_with("/messages/@original")
        })
        .await;
    let started = std::time::Instant::now();
    let clicks = 24;
    for i in 0..clicks {
        let id = format!("41{i:02}");
        harness.fake.dispatch(
            "INTERACTION_CREATE",
            button(&id, &ids[i % 2], voter(i), "en-US"),
        );
    }
    let answers = harness
        .fake
        .wait_for_all("vote callbacks", clicks, |c| {
            c.path.starts_with("/api/v10/interactions/41") && c.path.ends_with("/callback")
        })
        .await;
    assert!(
        answers
            .iter()
            .all(|a| description(&a.body).contains("is saved")),
        "{answers:#?}"
    );
    let exact = harness
        .card_edited("an edit showing every vote", "24 ballots")
        .await;
    let edit_path = format!("/messages/{}", fake::ORIGINAL_ID);
    let elapsed = started.elapsed();
    let edits = harness
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "PATCH" && c.path.ends_with(&edit_path))
        .count() as u128;
    assert!(
        edits <= elapsed.as_millis() / LIVE_INTERVAL.as_millis() + 1,
        "{edits} edits in {elapsed:?}"
    );
    let shown = sent_description(&exact.body);
    assert!(shown.contains("(12)"), "{shown}");
    assert_eq!(
        exact.body["allowed_mentions"]["parse"],
        json!([]),
        "an edit pings nobody"
    );

    the_export_is_uploaded_with_the_answer(&harness).await;
}

/// `/poll export` answers with the poll's CSV attached.
async fn the_export_is_uploaded_with_the_answer(harness: &Harness) {
    let exported = harness
        .slash(
            "402",
            &["poll", "export"],
            json!([integer("number", 1)]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert_eq!(
        exported["data"]["attachments"][0]["filename"], "poll-1.csv",
        "the CSV is uploaded with the answer: {exported:#}"
    );
    assert!(
        description(&exported).contains("24 ballots"),
        "{exported:#}"
    );
}

#[tokio::test]
async fn multiple_choice_uses_a_menu_and_ranked_ballots_a_form() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "501",
            &["poll", "create"],
            json!([
                option("poll", "Snacks? | chips | nuts | fruit"),
                option("kind", "multiple"),
                integer("max", 2)
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let menu = &created["data"]["components"][0]["components"][0];
    assert_eq!(menu["type"], 3, "a string select: {created:#}");
    assert_eq!(
        (menu["min_values"].as_u64(), menu["max_values"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(menu["options"][2]["label"], "3. fruit");
    let picked = harness
        .interact(select(
            "502",
            menu["custom_id"].as_str().unwrap(),
            &["1", "3"],
            member(BOB, "bob", 0),
            "en-US",
        ))
        .await;
    assert!(
        description(&picked).contains("saved\\: chips, fruit"),
        "{picked:#}"
    );
    assert_eq!(flags(&picked) & EPHEMERAL, EPHEMERAL);

    ranked_ballots_use_a_form(&harness).await;
}

/// A ranked poll's ballot button opens a form; a ranking typed in it is saved, a wrong
/// one refused.
async fn ranked_ballots_use_a_form(harness: &Harness) {
    let ranked = harness
        .slash(
            "503",
            &["poll", "create"],
            json!([
                option("poll", "Film? | a | b | c"),
                option("kind", "ranked")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let ballot = component_ids(&ranked)
        .into_iter()
        .find(|id| id.contains(":ballot:"))
        .expect("a ballot button");
    let form = harness.click("504", &ballot, (BOB, "bob"), "en-US").await;
    assert_eq!(form["type"], 9, "a modal: {form:#}");
    assert_eq!(form["data"]["custom_id"], ballot);
    let input = &form["data"]["components"][0]["components"][0];
    assert_eq!(input["type"], 4);
    assert_eq!(input["placeholder"], "3 2 1");
    let voted = harness
        .submit("505", &ballot, "2 3 1", (BOB, "bob"), "en-US")
        .await;
    assert!(
        description(&voted).contains("saved\\: 1. b, 2. c, 3. a"),
        "{voted:#}"
    );
    let wrong = harness
        .submit("506", &ballot, "9", (BOB, "bob"), "en-US")
        .await;
    assert!(description(&wrong).contains("not an option"), "{wrong:#}");
}
