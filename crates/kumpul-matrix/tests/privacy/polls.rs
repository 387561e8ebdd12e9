//! Secret and private polls: the room sees nothing between a secret poll's card and its
//! results, a secret vote typed in the room is redacted and explained by DM, and only
//! polls with public voters are native polls.

use matrix_sdk::ruma::Int;
use serde_json::Value;

use crate::people::{body, replies};
use crate::{Scene, bot_events_after, elsewhere, event_id, redacts, sender};

/// (a) While several people vote by DM (one changing their vote), kumpul sends nothing
/// to the shared room — no message, no edit of the card — until the results.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_polls_room_sees_nothing_between_its_card_and_its_results() {
    let mut scene = Scene::start("silent", &["alice", "bob", "carol"], false).await;
    let bot = scene.bot.clone();
    let room = scene.room.clone();
    let create = scene.people[0]
        .say(
            &room,
            "!poll create Budget? | yes | no | later --voters secret",
        )
        .await;
    let card = scene.people[0].replies_to(&create, 1).await.remove(0);
    assert!(
        body(&card).contains("direct message"),
        "the card says how to vote: {}",
        body(&card)
    );

    let mut directs = Vec::new();
    for person in &scene.people {
        directs.push(person.direct_message(&bot).await);
    }
    // (who, choice, what the confirmation names); bob changes his vote at the end.
    for (who, choice, named) in [
        (1, "1", "yes"),
        (2, "2", "no"),
        (0, "2", "no"),
        (1, "3", "later"),
    ] {
        let person = &mut scene.people[who];
        let vote = person
            .say(&directs[who], &format!("!poll vote 1 {choice}"))
            .await;
        let ack = person.replies_to(&vote, 1).await.remove(0);
        assert_eq!(ack.room, directs[who].room_id(), "confirmed in the DM");
        assert!(
            body(&ack).contains(&format!("Your vote on poll #1 is saved: {named}")),
            "{}",
            body(&ack)
        );
    }

    let close = scene.people[0].say(&room, "!poll close 1").await;
    let results = body(&scene.people[0].replies_to(&close, 1).await[0]);
    assert!(results.contains("3 ballots"), "{results}");
    // The card's edit to its closed state comes from the same task that would have
    // edited it between votes, so once it is here, any such edit is here too.
    let card_id = card.event_id.to_string();
    let closed_edit = |e: &Value| {
        e["content"]["m.relates_to"]["rel_type"] == "m.replace"
            && e["content"]["m.relates_to"]["event_id"] == card_id.as_str()
            && e["content"]["m.new_content"]["body"]
                .as_str()
                .is_some_and(|b| b.contains("This poll is closed"))
    };
    scene.people[0]
        .timeline_event(&room, "the card's closed edit", closed_edit)
        .await;

    let close_id = close.to_string();
    let unexpected: Vec<Value> = bot_events_after(&scene.people[0], &room, &bot, &card_id)
        .into_iter()
        .filter(|e| {
            let answers_close =
                e["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] == close_id.as_str();
            !(answers_close || closed_edit(e))
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "kumpul sent to the room between the card and the results: {unexpected:#?}"
    );
    let timeline = scene.people[0].timeline_of(&room);
    let at = |id: &str| timeline.iter().position(|e| event_id(e) == id).unwrap();
    assert!(
        timeline[at(&card_id) + 1..at(&close_id)]
            .iter()
            .all(|e| sender(e) != bot.as_str()),
        "nothing from kumpul before the poll was closed"
    );
    scene.stop().await;
}

/// (b) A secret vote typed in the room is not counted and not echoed: without the power
/// level kumpul cannot redact it and says so by DM (a DM it opens itself); with it, the
/// vote is redacted. Each DM says exactly what to send there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_vote_typed_in_the_room_is_redacted_and_explained_by_dm() {
    let mut scene = Scene::start("typed", &["alice", "bob"], false).await;
    let bot = scene.bot.clone();
    let room = scene.room.clone();
    let bob_room = scene.room_of(1);
    let create = scene.people[0]
        .say(&room, "!poll create Budget? | yes | no --voters secret")
        .await;
    let card = scene.people[0].replies_to(&create, 1).await.remove(0);

    // Without the power level: not redacted, and the DM says so.
    let first = scene.people[1].say(&bob_room, "!poll vote 1 2").await;
    let told = elsewhere(&mut scene.people[1], &bot, &room, "was not counted").await;
    let told_text = body(&told);
    assert!(told_text.contains("cannot remove"), "{told_text}");
    assert!(
        told_text.contains("`!poll vote 1 2`"),
        "the DM says exactly what to send: {told_text}"
    );
    let direct = told.room.clone();

    // With it: redacted.
    room.update_power_levels(vec![(&bot, Int::from(50))])
        .await
        .unwrap();
    let second = scene.people[1].say(&bob_room, "!poll vote 1 1").await;
    let told = elsewhere(&mut scene.people[1], &bot, &room, "`!poll vote 1 1`").await;
    assert_eq!(told.room, direct, "the same DM is used again");
    assert!(
        body(&told).contains("removed your message"),
        "{}",
        body(&told)
    );
    scene.people[0]
        .timeline_event(&room, "the redaction of the typed vote", |e| {
            redacts(e, &second)
        })
        .await;

    // A later command's answer: whatever kumpul did about the votes is in by now.
    let marker = scene.people[0].say(&room, "!help").await;
    scene.people[0].replies_to(&marker, 1).await;
    let alice = &scene.people[0];
    assert!(
        !alice.timeline_of(&room).iter().any(|e| redacts(e, &first)),
        "no redaction without the power level"
    );
    for vote in [&first, &second] {
        assert!(
            !alice.seen.iter().any(|m| replies(m, vote)),
            "a typed secret vote is not answered in the room"
        );
    }
    let in_room: Vec<Value> = bot_events_after(alice, &room, &bot, card.event_id.as_str())
        .into_iter()
        .filter(|e| e["type"] == "m.room.message")
        .filter(|e| e["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] != marker.as_str())
        .collect();
    assert!(in_room.is_empty(), "kumpul said in the room: {in_room:#?}");

    // Neither typed vote counted.
    let close = scene.people[0].say(&room, "!poll close 1").await;
    let results = body(&scene.people[0].replies_to(&close, 1).await[0]);
    assert!(results.contains("0 ballots"), "{results}");
    scene.stop().await;
}

/// (d) Only a poll with public voters is a native poll (a response names its sender and
/// its choice); one with private voters is a text card.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_polls_with_public_voters_are_native_polls() {
    let mut scene = Scene::start("native", &["alice", "bob"], false).await;
    let room = scene.room.clone();
    let bot = scene.bot.clone();
    let start_of = |question: &'static str| {
        move |e: &Value| {
            e["type"] == "org.matrix.msc3381.poll.start"
                && e["content"]["org.matrix.msc3381.poll.start"]["question"]["org.matrix.msc1767.text"]
                    == question
        }
    };
    let private = scene.people[0]
        .say(&room, "!poll create Hidden? | a | b --voters private")
        .await;
    let card = scene.people[0].replies_to(&private, 1).await.remove(0);
    assert_eq!(card.sender, bot);
    assert!(body(&card).contains("Hidden?"), "{}", body(&card));
    let public = scene.people[0]
        .say(&room, "!poll create Shown? | a | b --voters public")
        .await;
    let native = scene.people[0]
        .timeline_event(&room, "the native poll", start_of("Shown?"))
        .await;
    assert_eq!(sender(&native), bot.as_str());
    assert!(
        !scene.people[0]
            .timeline_of(&room)
            .iter()
            .any(start_of("Hidden?")),
        "a poll with private voters is not a native poll"
    );
    // A later command's answer: a text card sent after the native poll is in by now.
    let marker = scene.people[0].say(&room, "!help").await;
    scene.people[0].replies_to(&marker, 1).await;
    assert!(
        scene.people[0].replies_to(&public, 0).await.is_empty(),
        "a native poll has no text card beside it"
    );
    scene.stop().await;
}
