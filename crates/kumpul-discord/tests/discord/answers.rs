//! How kumpul answers: errors privately in the user's language, slow answers deferred
//! and completed, scheduled messages with a nonce Discord enforces.

use std::time::Duration;

use crate::fake::payloads::{self, GUILD_ID, command, member};
use crate::harness::{
    ALICE, BOB, CAROL, EPHEMERAL, Harness, MANAGE_GUILD, description, flags, option,
    sent_description,
};
use serde_json::json;

#[tokio::test]
async fn a_user_error_is_ephemeral_and_in_the_users_language() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let error = harness
        .slash(
            "301",
            &["group", "join"],
            json!([option("name", "nothing")]),
            (BOB, "bob"),
            "id",
        )
        .await;
    assert_eq!(flags(&error) & EPHEMERAL, EPHEMERAL);
    assert!(
        description(&error).contains("Tidak ada grup bernama **nothing**"),
        "{error:#}"
    );
    let moderator_only = harness
        .interact(command(
            "302",
            &["settings", "language"],
            json!([option("language", "id")]),
            member(BOB, "bob", 0),
            "en-US",
        ))
        .await;
    assert!(
        description(&moderator_only).contains("Only moderators"),
        "{moderator_only:#}"
    );
    let moderator = harness
        .interact(command(
            "303",
            &["settings", "language"],
            json!([option("language", "id")]),
            member(CAROL, "carol", MANAGE_GUILD),
            "en-US",
        ))
        .await;
    assert!(
        description(&moderator).contains("Bahasa Indonesia"),
        "{moderator:#}"
    );
}

#[tokio::test]
async fn slow_answers_are_deferred_and_completed_by_follow_up() {
    // Defer at once, as if every handler were slow.
    let harness = Harness::start(Duration::ZERO).await;
    let deferred = harness
        .slash("401", &["group", "list"], json!([]), (BOB, "bob"), "en-US")
        .await;
    assert_eq!(deferred["type"], 5, "deferred: {deferred:#}");
    assert_eq!(flags(&deferred) & EPHEMERAL, EPHEMERAL);
    let edited = harness
        .fake
        .wait_for("the deferred answer", |c| {
            c.method == "PATCH" && c.path.ends_with("/token-401/messages/@original")
        })
        .await;
    assert!(
        edited.body["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .contains("no groups here yet"),
        "{:#}",
        edited.body
    );

    // A deferral's visibility is fixed when it is made, so a public answer replaces the
    // private "thinking…" message with kumpul's own public channel message.
    harness
        .slash(
            "402",
            &["group", "create"],
            json!([option("name", "chess")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    harness
        .fake
        .wait_for("deleting the deferred answer", |c| {
            c.method == "DELETE" && c.path.contains("/token-402/")
        })
        .await;
    let channel_path = format!("/channels/{}/messages", payloads::CHANNEL_ID);
    harness
        .fake
        .wait_for("the public channel message", |c| {
            c.method == "POST"
                && c.path.ends_with(&channel_path)
                && sent_description(&c.body).contains("created the group **chess**")
        })
        .await;
    assert!(
        !harness
            .fake
            .calls()
            .iter()
            .any(|c| c.method == "POST" && c.path.ends_with("/token-402")),
        "no follow-up that Discord would show only to the author"
    );
}

#[tokio::test]
async fn scheduled_messages_carry_a_nonce_that_discord_enforces_and_ping_only_their_people() {
    use kumpul_core::identity::{ChannelId, Platform, SpaceId, UserId};
    use kumpul_core::notify::{Audience, Delivery, Notifier};
    use kumpul_core::reply::{Inline, Reply, Tone};

    let harness = Harness::start(Duration::from_secs(2)).await;
    let mut reply = Reply::public(
        Tone::Ping,
        vec![Inline::Text("⏰ Reminder: @here stretch".into())],
    );
    reply.mentions.users = vec![UserId::new(Platform::Discord, BOB)];
    let delivery = Delivery {
        key: "reminder:42:1800000000000".into(),
        space: SpaceId::new(Platform::Discord, GUILD_ID),
        channel: Some(ChannelId::new(Platform::Discord, payloads::CHANNEL_ID)),
        audience: Audience::Channel,
        reply,
    };
    harness
        .notifier
        .deliver(&delivery)
        .await
        .expect("delivered");
    // The same delivery again (a retry after a crash) carries the same nonce.
    harness
        .notifier
        .deliver(&delivery)
        .await
        .expect("delivered again");
    let sent = harness
        .fake
        .wait_for_all("two sends", 2, |c| {
            c.method == "POST"
                && c.path
                    .ends_with(&format!("/channels/{}/messages", payloads::CHANNEL_ID))
        })
        .await;
    let nonce = sent[0].body["nonce"].as_str().unwrap().to_owned();
    assert!(nonce.len() <= 25, "{nonce}");
    assert_eq!(sent[1].body["nonce"], json!(nonce));
    assert_eq!(sent[0].body["enforce_nonce"], json!(true));
    assert_eq!(
        sent[0].body["allowed_mentions"],
        json!({ "parse": [], "users": [BOB], "roles": [] })
    );
    assert_eq!(sent[0].body["content"], json!(format!("<@{BOB}>")));
}
