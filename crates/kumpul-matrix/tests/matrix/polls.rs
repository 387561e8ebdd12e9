//! Native polls on the shared homeserver, a step of [`crate::kumpul_on_a_real_homeserver`].

use std::time::Duration;

use matrix_sdk::room::Room;
use matrix_sdk::ruma::OwnedUserId;

use crate::people::{Person, body};

/// Polls as MSC3381 events from real clients: a poll with public voters is a native poll,
/// unstable and stable responses are votes (the latest wins), bad votes get an answer, the
/// export is a file, and closing ends the native poll with the results.
pub(crate) async fn native_polls(
    room: &Room,
    alice: &mut Person,
    bob: &mut Person,
    bot_id: &OwnedUserId,
) {
    use matrix_sdk::ruma::events::poll::response::PollResponseEventContent;
    use matrix_sdk::ruma::events::poll::unstable_end::OriginalSyncUnstablePollEndEvent;
    use matrix_sdk::ruma::events::poll::unstable_response::UnstablePollResponseEventContent;
    use matrix_sdk::ruma::events::poll::unstable_start::OriginalSyncUnstablePollStartEvent;
    use matrix_sdk::ruma::events::room::message::MessageType;
    use std::sync::{Arc, Mutex};

    let starts: Arc<Mutex<Vec<OriginalSyncUnstablePollStartEvent>>> = Arc::default();
    let ends: Arc<Mutex<Vec<OriginalSyncUnstablePollEndEvent>>> = Arc::default();
    let (s, e) = (starts.clone(), ends.clone());
    alice
        .client
        .add_event_handler(move |event: OriginalSyncUnstablePollStartEvent| {
            let s = s.clone();
            async move { s.lock().unwrap().push(event) }
        });
    alice
        .client
        .add_event_handler(move |event: OriginalSyncUnstablePollEndEvent| {
            let e = e.clone();
            async move { e.lock().unwrap().push(event) }
        });
    let wait = |what: &'static str, done: Box<dyn Fn() -> bool>| async move {
        for _ in 0..150 {
            if done() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("timed out waiting for {what}");
    };

    alice
        .say(room, "!poll create Lunch? | soto | bakso --voters public")
        .await;
    let s = starts.clone();
    wait(
        "the poll start",
        Box::new(move || !s.lock().unwrap().is_empty()),
    )
    .await;
    let start = starts.lock().unwrap()[0].clone();
    assert_eq!(&start.sender, bot_id);
    let block = start.content.poll_start();
    assert_eq!(block.question.text, "Lunch?");
    let answers: Vec<(String, String)> = block
        .answers
        .iter()
        .map(|a| (a.id.clone(), a.text.clone()))
        .collect();
    assert_eq!(
        answers,
        [("1".into(), "soto".into()), ("2".into(), "bakso".into())]
    );
    assert_eq!(block.max_selections, 1u32.into());

    let start_id = start.event_id.clone();
    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    bob_room
        .send(UnstablePollResponseEventContent::new(
            vec!["2".into()],
            start_id.clone(),
        ))
        .await
        .unwrap();
    room.send(PollResponseEventContent::new(
        vec!["1".to_owned()].into(),
        start_id.clone(),
    ))
    .await
    .unwrap();
    room.send(UnstablePollResponseEventContent::new(
        vec!["2".into()],
        start_id.clone(),
    ))
    .await
    .unwrap();
    bob_room
        .send(UnstablePollResponseEventContent::new(
            vec!["9".into()],
            start_id.clone(),
        ))
        .await
        .unwrap();
    let mut tally = String::new();
    for _ in 0..10 {
        let asked = alice.say(room, "!poll results 1").await;
        tally = body(&alice.replies_to(&asked, 1).await[0]);
        if tally.contains("2 ballots") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        tally.contains("2. bakso ████████████████████ 100% (2)"),
        "the latest response of each person counts: {tally}"
    );
    assert!(
        alice
            .seen
            .iter()
            .any(|m| body(m).contains("9 is not an option")),
        "an invalid native vote is answered"
    );

    let export = alice.say(room, "!poll export 1").await;
    alice.replies_to(&export, 1).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !alice
        .seen
        .iter()
        .any(|m| matches!(&m.content.msgtype, MessageType::File(f) if f.body == "poll-1.csv"))
    {
        match tokio::time::timeout_at(deadline, alice.inbox.recv()).await {
            Ok(Some(message)) => alice.seen.push(message),
            _ => panic!("the export was not uploaded as a file"),
        }
    }

    // A secret poll is not a native poll (a response names its sender); its card says to
    // vote in a direct message, where the vote finds the poll of the shared room.
    let secret = alice
        .say(room, "!poll create Budget? | yes | no --voters secret")
        .await;
    let card = body(&alice.replies_to(&secret, 1).await[0]);
    assert!(card.contains("direct message"), "{card}");
    let direct = bob.create_room(&[bot_id], false).await;
    bob.wait_joined(&direct, bot_id).await;
    let vote = bob.say(&direct, "!poll vote 2 1").await;
    let saved = body(&bob.replies_to(&vote, 1).await[0]);
    assert!(
        saved.contains("Your vote on poll #2 is saved: yes"),
        "{saved}"
    );
    let nowhere = bob.say(&direct, "!poll vote 7 1").await;
    let refused = body(&bob.replies_to(&nowhere, 1).await[0]);
    assert!(refused.contains("secret poll #7"), "{refused}");
    assert_eq!(
        starts.lock().unwrap().len(),
        1,
        "no native poll for a secret poll"
    );

    alice.say(room, "!poll close 1").await;
    let e = ends.clone();
    wait(
        "the poll end",
        Box::new(move || !e.lock().unwrap().is_empty()),
    )
    .await;
    let end = ends.lock().unwrap()[0].clone();
    assert_eq!(end.content.relates_to.event_id, start_id);
    assert!(end.content.text.contains("bakso"), "{}", end.content.text);
    assert!(end.content.text.contains("(2)"), "{}", end.content.text);
}
