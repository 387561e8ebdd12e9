//! Threads on the shared homeserver, a step of [`crate::kumpul_on_a_real_homeserver`].

use std::time::Duration;

use matrix_sdk::room::Room;
use matrix_sdk::ruma::OwnedUserId;
use matrix_sdk::ruma::events::room::message::{Relation, RoomMessageEventContent};

use crate::people::{Person, Seen, body};

/// A thread rooted at kumpul's header, replies from real clients with `m.thread`, and a
/// digest that counts them.
pub(crate) async fn threads(room: &Room, alice: &mut Person, bob: &Person, bot_id: &OwnedUserId) {
    use matrix_sdk::ruma::events::relation::Thread;

    alice.say(room, "!thread start Summer trip plans").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let find = |seen: &[Seen]| {
        let root = seen
            .iter()
            .find(|m| &m.sender == bot_id && body(m).contains("Thread #1: Summer trip plans"))?;
        let first = seen.iter().find(|m| {
            matches!(&m.content.relates_to, Some(Relation::Thread(t)) if t.event_id == root.event_id)
        })?;
        Some((root.event_id.clone(), first.sender.clone()))
    };
    let (root, first_sender) = loop {
        if let Some(found) = find(&alice.seen) {
            break found;
        }
        match tokio::time::timeout_at(deadline, alice.inbox.recv()).await {
            Ok(Some(message)) => alice.seen.push(message),
            _ => panic!("no thread root with a first message in its thread"),
        }
    };
    assert_eq!(
        &first_sender, bot_id,
        "kumpul starts the thread under its header"
    );

    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    for (who, text) in [
        (&bob_room, "I can bring a tent"),
        (room, "Great!"),
        (&bob_room, "And a stove"),
    ] {
        let mut content = RoomMessageEventContent::text_plain(text);
        content.relates_to = Some(Relation::Thread(Thread::plain(root.clone(), root.clone())));
        who.send(content).await.unwrap();
    }
    let mut digest = String::new();
    for _ in 0..10 {
        let asked = alice.say(room, "!thread digest 1").await;
        digest = body(&alice.replies_to(&asked, 1).await[0]);
        if digest.contains("3 messages") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(digest.contains("3 messages from 2 people"), "{digest}");
    assert!(digest.contains("bob (2)"), "{digest}");
}
