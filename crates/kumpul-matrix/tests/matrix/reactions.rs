//! Reactions as Element users mean them (issue 19), on a real Synapse with real clients:
//! a reaction taken back (redacted) withdraws what it did — an answer to an event, an
//! upvote — whoever redacts it; the latest standing reaction is a person's answer, so
//! kumpul counts what the room shows; a withdrawn place goes to the first on the waitlist;
//! and nothing is posted for a withdrawal, the card is edited in place.
//!
//! No step waits for kumpul by polling: kumpul handles a room's events one after another,
//! in timeline order, and a reaction or redaction the homeserver has acknowledged comes
//! before the command sent after it, so the command's reply shows its effect.

use matrix_sdk::room::Room;
use matrix_sdk::ruma::OwnedEventId;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::events::room::message::Relation;

use crate::people::{Person, body, registered_kumpul, replies};
use crate::synapse::Synapse;

/// Sends the reaction `key` on `target`; its event id.
async fn react(room: &Room, target: &OwnedEventId, key: &str) -> OwnedEventId {
    let annotation = Annotation::new(target.clone(), key.into());
    room.send(ReactionEventContent::new(annotation))
        .await
        .unwrap()
        .response
        .event_id
}

/// Takes `reaction` back as Element does: redacts it.
async fn take_back(room: &Room, reaction: &OwnedEventId) {
    room.redact(reaction, None, None).await.unwrap();
}

/// kumpul's answer to `command` typed by `who` in `room`, with the commands sent so far.
async fn ask(who: &mut Person, room: &Room, command: &str, sent: &mut Vec<OwnedEventId>) -> String {
    let asked = who.say(room, command).await;
    sent.push(asked.clone());
    body(&who.replies_to(&asked, 1).await[0])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reactions_taken_back_withdraw_what_they_did() {
    let synapse = Synapse::acquire();
    let bot_name = "rx_kumpul";
    let (bot, _store, _dir, (_, cancel, task, _)) = registered_kumpul(&synapse, bot_name).await;
    let mut alice = Person::login(&synapse, "rx_alice").await;
    let bob = Person::login(&synapse, "rx_bob").await;
    let carol = Person::login(&synapse, "rx_carol").await;
    // Alice creates the room: she may redact anyone's event in it.
    let room = alice.create_room(&[&bob.id, &carol.id, &bot], false).await;
    for person in [&bob, &carol] {
        person.client.join_room_by_id(room.room_id()).await.unwrap();
    }
    for member in [&bob.id, &carol.id, &bot] {
        alice.wait_joined(&room, member).await;
    }
    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    let carol_room = carol.client.get_room(room.room_id()).unwrap();
    let mut sent = Vec::new();

    let create = alice
        .say(
            &room,
            "!event create tomorrow 19:00 Board games --capacity 1",
        )
        .await;
    sent.push(create.clone());
    let card = alice
        .replies_to(&create, 1)
        .await
        .remove(0)
        .event_id
        .clone();

    // ✅ answers, taking it back withdraws the answer.
    let yes = react(&bob_room, &card, "✅").await;
    let info = ask(&mut alice, &room, "!event info 1", &mut sent).await;
    assert!(
        info.contains("Going: 1 of 1") && info.contains("rx_bob"),
        "{info}"
    );
    take_back(&bob_room, &yes).await;
    let info = ask(&mut alice, &room, "!event info 1", &mut sent).await;
    assert!(
        info.contains("Going: 0 of 1"),
        "bob is no longer going: {info}"
    );
    assert!(!info.contains("rx_bob"), "{info}");

    // ✅ then ❌: Element shows both, and the latest counts; taking ❌ back leaves ✅.
    let yes = react(&bob_room, &card, "✅").await;
    let no = react(&bob_room, &card, "❌").await;
    let info = ask(&mut alice, &room, "!event info 1", &mut sent).await;
    assert!(info.contains("Going: 0 of 1"), "bob said no last: {info}");
    take_back(&bob_room, &no).await;
    let info = ask(&mut alice, &room, "!event info 1", &mut sent).await;
    assert!(
        info.contains("Going: 1 of 1") && info.contains("rx_bob"),
        "✅ still stands: {info}"
    );

    // Carol waits for the one place; alice (a moderator) removes bob's ✅, which counts
    // as much as bob taking it back: carol moves up.
    react(&carol_room, &card, "✅").await;
    let info = ask(&mut alice, &room, "!event info 1", &mut sent).await;
    assert!(info.contains("Waitlist: 1"), "{info}");
    take_back(&room, &yes).await;
    let info = ask(&mut alice, &room, "!event info 1", &mut sent).await;
    assert!(
        info.contains("Going: 1 of 1") && info.contains("Waitlist: 0"),
        "{info}"
    );
    assert!(
        info.contains("rx_carol") && !info.contains("rx_bob"),
        "{info}"
    );

    // The card itself shows it: edited in place to carol going and nobody waiting.
    alice
        .until("the event card edited to show carol going", |seen| {
            seen.iter()
                .find(|m| {
                    matches!(&m.content.relates_to, Some(Relation::Replacement(r))
                    if r.event_id == card && {
                        let shown = r.new_content.msgtype.body();
                        shown.contains("Waitlist: 0") && shown.contains("rx_carol")
                    })
                })
                .cloned()
        })
        .await;

    // 👍 upvotes an idea; taking it back leaves it with none.
    let add = alice.say(&room, "!idea add Repair café every month").await;
    sent.push(add.clone());
    let idea_card = alice.replies_to(&add, 1).await.remove(0).event_id.clone();
    let thumbs = react(&bob_room, &idea_card, "👍").await;
    let listed = ask(&mut alice, &room, "!idea list", &mut sent).await;
    assert!(
        listed.contains("Repair café every month · 1 upvote"),
        "{listed}"
    );
    take_back(&bob_room, &thumbs).await;
    let listed = ask(&mut alice, &room, "!idea list", &mut sent).await;
    assert!(
        listed.contains("Repair café every month · 0 upvotes"),
        "{listed}"
    );

    // Nothing was posted for any reaction or withdrawal: every message of kumpul in the
    // room answers a command or edits a card.
    let unasked: Vec<String> = alice
        .seen
        .iter()
        .filter(|m| m.room == room.room_id() && m.sender == bot)
        .filter(|m| !matches!(&m.content.relates_to, Some(Relation::Replacement(_))))
        .filter(|m| !sent.iter().any(|command| replies(m, command)))
        .map(|m| body(m))
        .collect();
    assert!(unasked.is_empty(), "{unasked:#?}");

    cancel.cancel();
    task.await.unwrap().unwrap();
}
