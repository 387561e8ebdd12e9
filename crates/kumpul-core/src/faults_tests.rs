//! The database stops taking writes mid-operation — read-only, or full: people get a
//! clear message, reading keeps working, nothing is half-written, and everything works
//! again once the database does.
//!
//! The tests here provoke faults with pragmas of one connection; the submodules break real
//! databases in the middle of a vote burst ([`burst`]): a tmpfs that fills up and a file
//! made immutable (`sqlite_disk`, as root), a PostgreSQL database switched to read-only
//! (`postgres_read_only`), and a SQLite file removed or replaced under a running store
//! (`file_gone`).

use sqlx::Executor;

use crate::reply::Tone;
use crate::store::{Location, Store};
use crate::testing::Chat;

/// One connection, so a pragma on it governs every statement of the bot.
async fn single_connection_store(dir: &tempfile::TempDir) -> Store {
    Store::open(&Location::SqliteFile(dir.path().join("faults.db")), 1)
        .await
        .unwrap()
}

async fn pragma(store: &Store, statement: &'static str) {
    let mut conn = store.pool().acquire().await.unwrap();
    conn.execute(statement).await.unwrap();
}

const STORAGE: &str = "database is full or read-only";

#[tokio::test]
async fn a_read_only_connection_gives_a_clear_error_and_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let store = single_connection_store(&dir).await;
    let chat = Chat::new(store.clone());
    chat.say("alice", "poll create Lunch? | soto | bakso").await;
    chat.say("bob", "poll vote 1 1").await;

    // `query_only` is a setting of the one pooled connection, as a PostgreSQL session keeps
    // `default_transaction_read_only`.
    pragma(&store, "PRAGMA query_only = 1").await;
    let refused = chat.say("carol", "poll create Dinner? | nasi | mie").await;
    assert_eq!(refused.tone, Tone::Error);
    assert!(
        refused.plain_text().contains(STORAGE),
        "{}",
        refused.plain_text()
    );
    let listed = chat.say("dave", "poll list").await.plain_text();
    assert!(
        listed.contains("Open polls (1)") && !listed.contains("Dinner"),
        "{listed}"
    );
    let results = chat.say("dave", "poll results 1").await.plain_text();
    assert!(results.contains("1 ballot"), "{results}");

    // The connection that was refused is not used again: the next write gets a new one.
    let voted = chat.say("carol", "poll vote 1 2").await;
    assert_eq!(voted.tone, Tone::Success, "{}", voted.plain_text());
    let only: i64 = sqlx::query_scalar("PRAGMA query_only")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(only, 0, "the read-only connection went back to the pool");
}

#[tokio::test]
async fn a_full_database_refuses_whole_writes_and_keeps_every_earlier_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = single_connection_store(&dir).await;
    let chat = Chat::new(store.clone());
    // Never more pages than it has now: writes go on until the free space runs out.
    pragma(&store, "PRAGMA max_page_count = 1").await;
    let description = "d".repeat(280);
    let mut created = 0;
    let refused = loop {
        assert!(created < 2_000, "the database never filled up");
        let reply = chat
            .say(
                "alice",
                &format!("group create g{created} {description} --tags a,b,c,d,e"),
            )
            .await;
        if reply.tone == Tone::Error {
            break reply;
        }
        created += 1;
    };
    assert!(
        refused.plain_text().contains(STORAGE),
        "{}",
        refused.plain_text()
    );
    // The refused group left nothing behind; every earlier one is whole.
    let missing = chat.say("bob", &format!("group info g{created}")).await;
    assert_eq!(missing.tone, Tone::Error, "{}", missing.plain_text());
    let last = chat
        .say("bob", &format!("group members g{}", created - 1))
        .await
        .plain_text();
    assert!(last.contains("alice"), "{last}");

    pragma(&store, "PRAGMA max_page_count = 1073741823").await;
    let again = chat.say("alice", &format!("group create g{created}")).await;
    assert_eq!(again.tone, Tone::Success, "{}", again.plain_text());
}

mod burst;
mod file_gone;
mod postgres_read_only;
mod postgres_restart;
mod root;
mod sqlite_disk;
