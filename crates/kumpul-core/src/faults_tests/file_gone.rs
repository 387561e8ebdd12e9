//! The SQLite file removed or replaced under a running kumpul: without a check, SQLite
//! keeps writing into the deleted file (which nobody will ever read again) and answers
//! "saved". kumpul notices at the next command (or on its timer), refuses with a clear
//! message, and writes nothing anywhere.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::reply::Tone;
use crate::store::{Gone, Location, Store};
use crate::testing::Chat;

const GONE: &str = "database file was removed or replaced";

async fn voting_chat(path: &std::path::Path) -> (Store, Chat) {
    let store = Store::open(&Location::SqliteFile(path.to_owned()), 4)
        .await
        .unwrap();
    let chat = Chat::new(store.clone());
    chat.say("alice", "poll create Lunch? | soto | bakso").await;
    let voted = chat.say("bob", "poll vote 1 1").await;
    assert_eq!(voted.tone, Tone::Success, "{}", voted.plain_text());
    (store, chat)
}

/// The pool is closed by a task that watches for the file to go (`close_when_gone`), so
/// it closes just after the command that noticed, not inside it: wait for its close
/// event, bounded, rather than look at the flag at once (under load the task had not run
/// yet, and the test failed once in four runs).
async fn assert_pool_closes(store: &Store) {
    let closed = tokio::time::timeout(Duration::from_secs(10), store.pool().close_event()).await;
    assert!(
        closed.is_ok() && store.pool().is_closed(),
        "the pool is closed once the file is gone"
    );
}

fn assert_gone_message(reply: &crate::reply::Reply) {
    let text = reply.plain_text();
    assert_eq!(reply.tone, Tone::Error, "{text}");
    assert!(text.contains(GONE), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_database_file_stops_writes_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kumpul.db");
    let (store, chat) = voting_chat(&path).await;

    std::fs::remove_file(&path).unwrap();
    for line in ["poll vote 1 2", "group create walkers", "poll vote 1 1"] {
        assert_gone_message(&chat.say("carol", line).await);
    }
    assert_eq!(store.gone(), Some(Gone::Removed));
    assert_pool_closes(&store).await;
    assert!(
        !path.exists(),
        "no new empty database was created in its place"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replaced_database_file_stops_writes_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kumpul.db");
    let (store, chat) = voting_chat(&path).await;
    // Another kumpul database moved over this one (a restore from a backup, say).
    let other_path = dir.path().join("other.db");
    Store::open(&Location::SqliteFile(other_path.clone()), 1)
        .await
        .unwrap()
        .close()
        .await;
    std::fs::rename(&other_path, &path).unwrap();

    assert_gone_message(&chat.say("carol", "poll vote 1 2").await);
    assert_gone_message(&chat.say("carol", "poll create Dinner? | nasi | mie").await);
    assert_eq!(store.gone(), Some(Gone::Replaced));
    assert_pool_closes(&store).await;
}

#[tokio::test]
async fn the_watch_notices_a_removed_file_without_any_command() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kumpul.db");
    let store = Store::open(&Location::SqliteFile(path.clone()), 2)
        .await
        .unwrap();
    let cancel = CancellationToken::new();
    let watch = tokio::spawn({
        let store = store.clone();
        let cancel = cancel.clone();
        async move { store.watch(Duration::from_millis(20), cancel).await }
    });
    tokio::time::sleep(Duration::from_millis(60)).await;
    assert!(
        !watch.is_finished(),
        "the watch stops only when the file goes"
    );
    std::fs::remove_file(&path).unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(5), watch)
        .await
        .expect("the watch noticed within 5 s")
        .unwrap();
    let error = format!("{:#}", ended.unwrap_err());
    assert!(
        error.contains(&path.display().to_string()) && error.contains("removed"),
        "{error}"
    );
    assert_eq!(store.gone(), Some(Gone::Removed));
}

#[tokio::test]
async fn the_watch_ends_quietly_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 1)
        .await
        .unwrap();
    let cancel = CancellationToken::new();
    cancel.cancel();
    store
        .watch(Duration::from_millis(10), cancel)
        .await
        .expect("a cancelled watch is not an error");
    assert_eq!(store.gone(), None);
}
