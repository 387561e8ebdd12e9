//! A native poll whose Element tile and kumpul's count differ, on a real Synapse: votes
//! picked in the tile (poll response events sent by real clients) and votes typed as
//! commands are all counted; the typed vote's confirmation says the tile will not show
//! it, `!poll results` and the poll end event's text say how many ballots came which way,
//! and a later pick in the tile replaces a typed vote (the latest wins).

use std::time::Duration;

use matrix_sdk::room::Room;
use matrix_sdk::ruma::OwnedEventId;
use matrix_sdk::ruma::events::poll::unstable_response::UnstablePollResponseEventContent;

use crate::people::{Person, body, registered_kumpul};
use crate::synapse::Synapse;

/// `person` picks `answer` in the poll tile of `start` (what Element sends on a click).
async fn pick(person: &Person, room: &Room, start: &OwnedEventId, answer: &str) {
    person
        .client
        .get_room(room.room_id())
        .unwrap()
        .send(UnstablePollResponseEventContent::new(
            vec![answer.to_owned()],
            start.clone(),
        ))
        .await
        .unwrap();
}

/// `!poll results 1` until it says `expected` (native responses get no answer,
/// so the results are the only sign they were counted); at most 20 tries, 500 ms apart.
async fn results_once(alice: &mut Person, room: &Room, expected: &str) -> String {
    let mut shown = String::new();
    for _ in 0..20 {
        let asked = alice.say(room, "!poll results 1").await;
        shown = body(&alice.replies_to(&asked, 1).await[0]);
        if shown.contains(expected) {
            return shown;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("the results never said {expected:?}; last: {shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_votes_on_a_native_poll_count_and_the_results_say_the_tile_does_not_show_them() {
    let synapse = Synapse::start();
    let (bot_id, _store, _dir, (_, cancel, task, _)) = registered_kumpul(&synapse, "kumpul").await;
    let mut alice = Person::login(&synapse, "alice").await;
    let bob = Person::login(&synapse, "bob").await;
    let carol = Person::login(&synapse, "carol").await;
    let dewi = Person::login(&synapse, "dewi").await;
    let room = alice
        .create_room(&[&bob.id, &carol.id, &dewi.id, &bot_id], false)
        .await;
    for person in [&bob, &carol, &dewi] {
        person.client.join_room_by_id(room.room_id()).await.unwrap();
    }
    for user in [&bot_id, &bob.id, &carol.id, &dewi.id] {
        alice.wait_joined(&room, user).await;
    }

    alice
        .say(&room, "!poll create Makan? | Nasi | Bakso --voters public")
        .await;
    let start = alice
        .timeline_event(&room, "the poll start", |e| {
            e["type"] == "org.matrix.msc3381.poll.start" && e["sender"] == bot_id.as_str()
        })
        .await;
    let start: OwnedEventId = start["event_id"].as_str().unwrap().try_into().unwrap();

    // Two votes in the tile, two typed.
    pick(&alice, &room, &start, "1").await;
    pick(&bob, &room, &start, "2").await;
    for (person, choice) in [(&carol, "2"), (&dewi, "2")] {
        let typed = person
            .say(
                &person.client.get_room(room.room_id()).unwrap(),
                &format!("!poll vote 1 {choice}"),
            )
            .await;
        let confirmed = body(&alice.replies_to(&typed, 1).await[0]);
        assert!(
            confirmed.contains("Your vote on poll #1 is saved: Bakso."),
            "{confirmed}"
        );
        assert!(
            confirmed.contains(
                "kumpul counts this vote, but it will not show in the Matrix poll of #1, \
                 which counts only what is picked in it"
            ),
            "the typed vote is said not to be in the tile: {confirmed}"
        );
    }
    let split = "4 ballots: 2 picked in the Matrix poll, 2 typed or cast elsewhere. The Matrix \
                 poll counts only what was picked in it; these results count every ballot.";
    let results = results_once(&mut alice, &room, split).await;
    assert!(
        results.contains("2. Bakso ███████████████░░░░░ 75% (3)"),
        "kumpul counts every ballot: {results}"
    );

    // Carol picks in the tile after all: her tile pick replaces her typed vote.
    pick(&carol, &room, &start, "1").await;
    let split = "4 ballots: 3 picked in the Matrix poll, 1 typed or cast elsewhere. The Matrix \
                 poll counts only what was picked in it; these results count every ballot.";
    let results = results_once(&mut alice, &room, split).await;
    assert!(
        results.contains("1. Nasi ██████████░░░░░░░░░░ 50% (2)"),
        "the latest vote wins: {results}"
    );

    // The close's announcement and the poll end event (the text Element shows under the
    // ended tile) state the split.
    let close = alice.say(&room, "!poll close 1").await;
    let closed = body(&alice.replies_to(&close, 1).await[0]);
    let said = "4 ballots: 3 picked in the Matrix poll, 1 typed or cast elsewhere.";
    assert!(closed.contains(said), "{closed}");
    let end = alice
        .timeline_event(&room, "the poll end", |e| {
            e["type"] == "org.matrix.msc3381.poll.end"
        })
        .await;
    let text = end["content"]["org.matrix.msc1767.text"]
        .as_str()
        .unwrap_or_default();
    assert!(text.contains(said), "{end}");

    cancel.cancel();
    task.await.unwrap().unwrap();
}
