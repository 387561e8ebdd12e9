//! Threads: opened on the header message, their activity feeding the digest, archived
//! when closed.

use std::time::Duration;

use crate::fake::{self, payloads};
use crate::harness::{ALICE, BOB, CAROL, Harness, description, integer, option};
use serde_json::json;

#[tokio::test]
async fn a_thread_opens_on_the_header_and_its_activity_feeds_the_digest() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let started = harness
        .slash(
            "801",
            &["thread", "start"],
            json!([option("topic", "Summer trip plans")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert!(
        description(&started).contains("Summer trip plans"),
        "{started:#}"
    );
    let opened = harness
        .fake
        .wait_for("the thread opened on the header", |c| {
            c.method == "POST" && c.path.ends_with("/threads")
        })
        .await;
    assert_eq!(
        opened.path,
        format!(
            "/api/v10/channels/{}/messages/{}/threads",
            payloads::CHANNEL_ID,
            fake::ORIGINAL_ID
        ),
        "a public thread on the header message, in the channel of the command"
    );
    assert_eq!(opened.body["name"], "Summer trip plans");
    assert_eq!(opened.body["type"], 11);

    // Two people write in the thread and one message gets a reaction.
    tokio::time::sleep(Duration::from_millis(300)).await;
    write_and_react_in_the_thread(&harness);
    let digest = digest_counting_the_activity(&harness).await;
    assert!(digest.contains("3 messages from 2 people"), "{digest}");
    assert!(digest.contains("carol, 1 reaction"), "{digest}");
    assert!(
        digest.contains(&format!("/{}/9002", fake::THREAD_ID)),
        "a link to the message: {digest}"
    );

    let closed = harness
        .slash(
            "802",
            &["thread", "close"],
            json!([integer("number", 1)]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert!(
        description(&closed).contains("archived thread"),
        "{closed:#}"
    );
    let archived = harness
        .fake
        .wait_for("the thread archived", |c| {
            c.method == "PATCH" && c.path == format!("/api/v10/channels/{}", fake::THREAD_ID)
        })
        .await;
    assert_eq!(archived.body["archived"], true);
}

/// Bob and Carol write three messages in the fake's thread; Alice reacts to Carol's.
fn write_and_react_in_the_thread(harness: &Harness) {
    use fake::payloads::{message_in, reaction, user};

    for (id, author) in [
        ("9001", (BOB, "bob")),
        ("9002", (CAROL, "carol")),
        ("9003", (BOB, "bob")),
    ] {
        harness.fake.dispatch(
            "MESSAGE_CREATE",
            message_in(id, fake::THREAD_ID, user(author.0, author.1, false)),
        );
    }
    harness.fake.dispatch(
        "MESSAGE_REACTION_ADD",
        reaction(ALICE, fake::THREAD_ID, "9002"),
    );
}

/// Thread #1's digest once it counts the three messages and the reaction (asked at most
/// 20 times).
async fn digest_counting_the_activity(harness: &Harness) -> String {
    let mut digest = String::new();
    for attempt in 0..20 {
        let answer = harness
            .slash(
                &format!("81{attempt:02}"),
                &["thread", "digest"],
                json!([integer("number", 1)]),
                (ALICE, "alice"),
                "en-US",
            )
            .await;
        digest = description(&answer);
        if digest.contains("3 messages") && digest.contains("1 reaction") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    digest
}
