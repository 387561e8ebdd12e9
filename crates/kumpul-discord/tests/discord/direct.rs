//! Private deliveries with the real serenity client: a personal reminder goes to the
//! person's DM channel (opened with `POST /users/@me/channels`), in the language of their
//! Discord client, with an enforced nonce, and nothing of it in the channel; with their
//! DMs closed (50007) it comes to the channel, saying so and pinging only them.

use std::sync::Arc;
use std::time::Duration;

use kumpul_core::port::{ManualClock, Scheduler, SchedulerConfig};
use serde_json::json;

use crate::fake::payloads::{self, dm_channel_id};
use crate::harness::{BOB, Harness, description, option, sent_description};

const HOUR: i64 = 3_600_000;

/// Bob sets `remind me in 1 hour <text>` from a client in `locale`; then the hour
/// passes and the scheduler runs once.
async fn remind_bob_and_wait_an_hour(harness: &Harness, text: &str, locale: &str) {
    let confirmed = harness
        .slash(
            "901",
            &["remind", "me"],
            json!([option("when", "in 1 hour"), option("text", text)]),
            (BOB, "bob"),
            locale,
        )
        .await;
    assert!(
        description(&confirmed).contains("#1"),
        "confirmed: {confirmed:#}"
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let clock = Arc::new(ManualClock::starting_at(now + HOUR + 1_000));
    let scheduler = Scheduler::new(
        harness.bot.clone(),
        harness.notifier.clone(),
        clock,
        SchedulerConfig::default(),
    );
    assert_eq!(scheduler.run_due().await.unwrap(), 1);
}

/// Every message kumpul posted in the server's channel.
fn channel_messages(harness: &Harness) -> Vec<serde_json::Value> {
    let path = format!("/channels/{}/messages", payloads::CHANNEL_ID);
    harness
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "POST" && c.path.ends_with(&path))
        .map(|c| c.body)
        .collect()
}

#[tokio::test]
async fn a_personal_reminder_arrives_as_a_dm_in_the_persons_language() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    remind_bob_and_wait_an_hour(&harness, "bayar iuran", "id").await;

    let opened = harness
        .fake
        .wait_for("opening bob's DM channel", |c| {
            c.method == "POST" && c.path.ends_with("/users/@me/channels")
        })
        .await;
    assert_eq!(opened.body["recipient_id"], json!(BOB));
    let dm_path = format!("/channels/{}/messages", dm_channel_id(BOB));
    let sent = harness
        .fake
        .wait_for("the reminder in the DM", |c| {
            c.method == "POST" && c.path.ends_with(&dm_path)
        })
        .await;
    let text = sent_description(&sent.body);
    // The embed escapes Markdown, so the colon comes as `\\:`.
    assert_eq!(text, "⏰ Pengingat\\: bayar iuran", "{:#}", sent.body);
    assert_eq!(sent.body["enforce_nonce"], json!(true));
    assert!(sent.body["nonce"].is_string(), "{:#}", sent.body);
    assert!(
        channel_messages(&harness).is_empty(),
        "nothing in the channel: {:#?}",
        channel_messages(&harness)
    );
}

#[tokio::test]
async fn with_dms_closed_the_reminder_comes_to_the_channel_saying_so() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    harness.fake.close_dms(BOB);
    remind_bob_and_wait_an_hour(&harness, "stretch @everyone", "en-US").await;

    let dm_path = format!("/channels/{}/messages", dm_channel_id(BOB));
    harness
        .fake
        .wait_for("the refused DM", |c| {
            c.method == "POST" && c.path.ends_with(&dm_path)
        })
        .await;
    let channel = channel_messages(&harness);
    assert_eq!(channel.len(), 1, "{channel:#?}");
    let text = sent_description(&channel[0]);
    assert!(
        text.contains("I could not send you a direct message"),
        "{text}"
    );
    assert!(text.contains("⏰ Reminder\\: stretch"), "{text}");
    assert_eq!(
        channel[0]["allowed_mentions"],
        json!({ "parse": [], "users": [BOB], "roles": [] }),
        "pings bob alone"
    );
    assert_eq!(channel[0]["enforce_nonce"], json!(true));
}
