//! A burst of commands, all typed before kumpul has read the first: every one is
//! answered, once.

use futures_util::future::join_all;
use matrix_sdk::ruma::OwnedEventId;
use matrix_sdk::ruma::events::room::message::RoomMessageEventContent;

use crate::people::{Person, registered_kumpul, replies};
use crate::synapse::Synapse;

/// More than a sync brings of one room unless kumpul asks for more (Synapse: 10).
const BURST: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_commands_is_answered_to_the_last() {
    let synapse = Synapse::acquire();
    let (bot_id, _store, _dir, (_device, cancel, task, _notifier)) =
        registered_kumpul(&synapse, "burst-kumpul").await;
    let mut alice = Person::login(&synapse, "burst-alice").await;
    let room = alice.create_room(&[&bot_id], false).await;
    alice.wait_joined(&room, &bot_id).await;

    let sent = join_all((0..BURST).map(|n| {
        let room = room.clone();
        async move {
            room.send(RoomMessageEventContent::text_plain(format!(
                "!group create burst{n} Group number {n}"
            )))
            .await
            .unwrap()
            .response
            .event_id
        }
    }))
    .await;
    let answered = alice
        .until("an answer to every command of the burst", |seen| {
            let answered: Vec<&OwnedEventId> = sent
                .iter()
                .filter(|command| seen.iter().any(|m| replies(m, command)))
                .collect();
            (answered.len() == BURST).then_some(answered.len())
        })
        .await;
    assert_eq!(answered, BURST);
    for command in &sent {
        let count = alice.seen.iter().filter(|m| replies(m, command)).count();
        assert_eq!(count, 1, "{command} answered {count} times");
    }
    cancel.cancel();
    task.await.unwrap().expect("kumpul stops cleanly");
}
