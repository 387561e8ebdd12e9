//! Events and idea reactions on the shared homeserver, a step of
//! [`crate::kumpul_on_a_real_homeserver`].

use std::time::Duration;

use matrix_sdk::room::Room;
use matrix_sdk::ruma::events::room::message::Relation;

use crate::people::{Person, body};

/// Events from real clients: the card in the space's zone (WIB), a ✅ reaction and a text
/// RSVP with a guest as answers, the card kept current by an edit, and the calendar file.
pub(crate) async fn events(room: &Room, alice: &mut Person, bob: &Person) {
    use matrix_sdk::ruma::events::reaction::ReactionEventContent;
    use matrix_sdk::ruma::events::relation::Annotation;
    use matrix_sdk::ruma::events::room::message::MessageType;

    let zone = alice.say(room, "!settings timezone Asia/Jakarta").await;
    alice.replies_to(&zone, 1).await;
    let create = alice
        .say(
            room,
            "!event create tomorrow 19:00 Board games --capacity 3",
        )
        .await;
    let card = alice.replies_to(&create, 1).await.remove(0);
    let shown = body(&card);
    assert!(
        shown.contains("19:00 WIB"),
        "times in the space's zone: {shown}"
    );
    assert!(shown.contains("react ✅ going"), "{shown}");

    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    bob_room
        .send(ReactionEventContent::new(Annotation::new(
            card.event_id.clone(),
            "✅".into(),
        )))
        .await
        .unwrap();
    let answered = alice.say(room, "!rsvp 1 going +1").await;
    let answer = body(&alice.replies_to(&answered, 1).await[0]);
    assert!(answer.contains("with 1 guests"), "{answer}");
    let mut info = String::new();
    for _ in 0..10 {
        let asked = alice.say(room, "!event info 1").await;
        info = body(&alice.replies_to(&asked, 1).await[0]);
        if info.contains("Going: 3 of 3") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        info.contains("Going: 3 of 3 places"),
        "the reaction counts: {info}"
    );
    assert!(
        info.contains("bob") && info.contains("alice (+1)"),
        "{info}"
    );

    // The card is kept current by an edit of the bot's message.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let edited = alice.seen.iter().any(|m| {
            matches!(&m.content.relates_to, Some(Relation::Replacement(r))
                if r.event_id == card.event_id && r.new_content.msgtype.body().contains("Going: 3 of 3"))
        });
        if edited {
            break;
        }
        match tokio::time::timeout_at(deadline, alice.inbox.recv()).await {
            Ok(Some(message)) => alice.seen.push(message),
            _ => panic!("the event card was not edited"),
        }
    }

    // 👍 on an idea's message upvotes it.
    let idea = alice.say(room, "!idea add Repair café every month").await;
    let idea_card = alice.replies_to(&idea, 1).await.remove(0);
    bob_room
        .send(ReactionEventContent::new(Annotation::new(
            idea_card.event_id.clone(),
            "👍".into(),
        )))
        .await
        .unwrap();
    let mut listed = String::new();
    for _ in 0..10 {
        let asked = alice.say(room, "!idea list").await;
        listed = body(&alice.replies_to(&asked, 1).await[0]);
        if listed.contains("1 upvote") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        listed.contains("Repair café every month · 1 upvote"),
        "{listed}"
    );

    let ics = alice.say(room, "!event ics 1").await;
    alice.replies_to(&ics, 1).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !alice
        .seen
        .iter()
        .any(|m| matches!(&m.content.msgtype, MessageType::File(f) if f.body == "event-1.ics"))
    {
        match tokio::time::timeout_at(deadline, alice.inbox.recv()).await {
            Ok(Some(message)) => alice.seen.push(message),
            _ => panic!("the calendar file was not uploaded"),
        }
    }
}
