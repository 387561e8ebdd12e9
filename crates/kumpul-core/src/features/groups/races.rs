//! Joins racing the deletion of their group, on every backend under its real isolation
//! level: a deleted group gains no member, every join is either confirmed (and counted by
//! the deletion) or refused with a message people can read, never an internal error.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinSet;

use crate::reply::{Reply, Tone};
use crate::store::Store;
use crate::testing::{Chat, each_backend};

/// Groups created and deleted, one after another.
const ROUNDS: usize = 8;
/// People trying to join each group.
const JOINERS: usize = 160;
/// Tasks joining side by side (the pool has 4 connections).
const TASKS: usize = 16;
/// Confirmed joins before the owner deletes the group; the rest race the deletion.
const DELETE_AFTER: usize = 40;
/// The longest any phase may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(120);

/// How a join went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Confirmed,
    /// The group was gone when it was looked up.
    NotFound,
    /// Looked up, then deleted before the join was written.
    Gone,
}

/// Reads a join's reply; any reply but a confirmation or a "no such group" refusal fails.
fn join_outcome(reply: &Reply, who: &str) -> Join {
    let text = reply.plain_text();
    match reply.tone {
        Tone::Success if text.contains("You joined") => Join::Confirmed,
        Tone::Error if text.contains("There is no group called") => Join::NotFound,
        Tone::Error if text.contains("no longer exists") => Join::Gone,
        _ => panic!("{who}: {text}"),
    }
}

/// One round: a group, `JOINERS` joins over `TASKS` tasks, and its deletion racing them.
/// Returns (confirmed joins, refused joins, of which refused by the write itself).
async fn round(chat: &Arc<Chat>, round: usize) -> (usize, usize, usize) {
    let name = format!("walkers{round}");
    chat.say("owner", &format!("group create {name}")).await;
    let confirmed = Arc::new(AtomicUsize::new(0));
    let reached = Arc::new(Notify::new());
    let mut tasks = JoinSet::new();
    for task in 0..TASKS {
        let (chat, confirmed, reached, name) = (
            chat.clone(),
            confirmed.clone(),
            reached.clone(),
            name.clone(),
        );
        tasks.spawn(async move {
            let (mut refused, mut gone) = (0, 0);
            for person in (task..JOINERS).step_by(TASKS) {
                let who = format!("r{round}p{person:03}");
                let reply = chat.say(&who, &format!("group join {name}")).await;
                match join_outcome(&reply, &who) {
                    Join::Confirmed => {
                        if confirmed.fetch_add(1, Ordering::SeqCst) + 1 == DELETE_AFTER {
                            reached.notify_one();
                        }
                    }
                    Join::NotFound => refused += 1,
                    Join::Gone => {
                        refused += 1;
                        gone += 1;
                    }
                }
            }
            (refused, gone)
        });
    }
    tokio::time::timeout(PATIENCE, reached.notified())
        .await
        .expect("the first joins are confirmed in time");
    let deleted = chat.say("owner", &format!("group delete {name}")).await;
    let text = deleted.plain_text();
    assert_eq!(deleted.tone, Tone::Success, "{text}");
    let (mut refused, mut gone) = (0, 0);
    tokio::time::timeout(PATIENCE, async {
        while let Some(done) = tasks.join_next().await {
            let (r, g) = done.expect("a joining task");
            refused += r;
            gone += g;
        }
    })
    .await
    .expect("every join is answered in time");
    let confirmed = confirmed.load(Ordering::SeqCst);
    assert_eq!(confirmed + refused, JOINERS);
    // The owner plus every confirmed joiner: each was a member when it was deleted.
    assert!(
        text.contains(&format!("({} members)", confirmed + 1)),
        "the deletion counts exactly the {} confirmed members and the owner: {text}",
        confirmed
    );
    (confirmed, refused, gone)
}

async fn joins_racing_deletions(store: Store) {
    let chat = Arc::new(Chat::new(store.clone()));
    let (mut confirmed, mut refused, mut gone) = (0, 0, 0);
    for r in 0..ROUNDS {
        let (c, f, g) = round(&chat, r).await;
        confirmed += c;
        refused += f;
        gone += g;
    }
    assert!(refused > 0, "the deletions raced the joins");
    let mut conn = store.pool().acquire().await.unwrap();
    let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM group_members")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let groups: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM groups")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(
        (groups, members),
        (0, 0),
        "no member rows of a deleted group"
    );
    eprintln!(
        "joins racing deletions ({:?}): {ROUNDS} groups, {confirmed} joins confirmed, {refused} refused \
         ({gone} of them by the insert finding the group just deleted)",
        store.backend()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joins_racing_a_deletion_are_confirmed_and_deleted_or_refused() {
    each_backend(joins_racing_deletions).await;
}
