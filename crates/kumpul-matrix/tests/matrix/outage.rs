//! The homeserver crashes and comes back: kumpul waits it out and answers again, without
//! answering anything twice.

use std::time::Duration;

use crate::people::{Person, body, registered_kumpul};
use crate::synapse::Synapse;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kumpul_outlives_a_homeserver_crash() {
    // Its own homeserver: the other tests' is not to be crashed.
    let synapse = Synapse::start();
    let (bot_id, _store, _dir, (_device, cancel, task, _notifier)) =
        registered_kumpul(&synapse, "kumpul").await;
    let mut alice = Person::login(&synapse, "alice").await;
    let room = alice.create_room(&[&bot_id], false).await;
    alice.wait_joined(&room, &bot_id).await;
    let before = alice.say(&room, "!group create hiking Weekend walks").await;
    alice.replies_to(&before, 1).await;

    // Killed mid long poll and down for three seconds: kumpul's sync fails (matrix-sdk's
    // own loop returned the error here, and kumpul ended) and is tried again.
    tokio::task::block_in_place(|| synapse.restart(Duration::from_secs(3)));
    assert!(
        !task.is_finished(),
        "kumpul stopped when the homeserver went away"
    );

    let after = alice.say(&room, "!group list").await;
    let reply = alice.replies_to(&after, 1).await.remove(0);
    assert!(body(&reply).contains("hiking"), "{}", body(&reply));
    assert_eq!(
        alice.replies_to(&before, 1).await.len(),
        1,
        "the command before the crash is not answered again"
    );
    cancel.cancel();
    task.await.unwrap().expect("kumpul stops cleanly");
}
