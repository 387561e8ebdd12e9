//! Activity racing the close of a thread, on every backend: a message or reaction is
//! either recorded before the close or not at all, and a closed thread gets none.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinSet;

use super::repo::ThreadMessage;
use crate::reply::{Effect, Tone};
use crate::store::Store;
use crate::testing::{Chat, each_backend, user};

/// Messages reported in all.
const MESSAGES: usize = 800;
/// Tasks reporting them side by side (the pool has 4 connections).
const TASKS: usize = 16;
/// Messages recorded before the thread is closed; the rest race the close.
const CLOSE_AFTER: usize = 250;
/// The longest any phase may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(120);

fn message(n: usize, at: i64) -> ThreadMessage {
    ThreadMessage {
        message_id: format!("m{n:04}"),
        author_id: user(&format!("writer{}", n % 7)).key(),
        author_name: format!("writer{}", n % 7),
        sent_at: at,
        reactions: 0,
        link: None,
    }
}

async fn messages_racing_a_close(store: Store) {
    let chat = Arc::new(Chat::new(store.clone()));
    let started = chat.say("alice", "thread start Trip plans").await;
    let Some(Effect::OpenThread { id, .. }) = started.effects.first().cloned() else {
        panic!("no thread to open: {}", started.plain_text());
    };
    chat.bot.record_thread(id, "T1").await.unwrap();
    let recorded = Arc::new(AtomicUsize::new(0));
    let reached = Arc::new(Notify::new());
    let mut tasks = JoinSet::new();
    for task in 0..TASKS {
        let (chat, recorded, reached) = (chat.clone(), recorded.clone(), reached.clone());
        tasks.spawn(async move {
            let mut refused = 0;
            for n in (task..MESSAGES).step_by(TASKS) {
                let at = chat.now_ms + n as i64;
                let kept = chat
                    .bot
                    .record_thread_message(&chat.space, "T1", &message(n, at))
                    .await
                    .expect("recording a message");
                if !kept {
                    refused += 1;
                } else if recorded.fetch_add(1, Ordering::SeqCst) + 1 == CLOSE_AFTER {
                    reached.notify_one();
                }
            }
            refused
        });
    }
    tokio::time::timeout(PATIENCE, reached.notified())
        .await
        .expect("the first messages are recorded in time");
    let closed = chat.say("alice", "thread close 1").await;
    assert_eq!(closed.tone, Tone::Info, "{}", closed.plain_text());
    let mut refused = 0;
    tokio::time::timeout(PATIENCE, async {
        while let Some(done) = tasks.join_next().await {
            refused += done.expect("a reporting task");
        }
    })
    .await
    .expect("every message is handled in time");
    let recorded = recorded.load(Ordering::SeqCst);
    assert_eq!(recorded + refused, MESSAGES);
    assert!(refused > 0, "the close raced the messages");
    let digest = chat.say("bob", "thread digest 1").await.plain_text();
    assert!(
        digest.contains(&format!("{recorded} messages")),
        "every message recorded, and only those ({recorded}): {digest}"
    );
    // Closed: nothing more counts, not even a reaction on a message recorded before.
    let late = message(MESSAGES, chat.now_ms + MESSAGES as i64);
    assert!(
        !chat
            .bot
            .record_thread_message(&chat.space, "T1", &late)
            .await
            .unwrap()
    );
    assert!(
        !chat
            .bot
            .record_thread_reaction(&chat.space, None, "m0000", 1)
            .await
            .unwrap()
    );
    let mut conn = store.pool().acquire().await.unwrap();
    let (messages, reactions, last): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(CASE WHEN reactions > 0 THEN 1 END), MAX(sent_at) \
         FROM thread_messages",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    let activity: i64 = sqlx::query_scalar("SELECT last_activity_at FROM threads")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!((messages as usize, reactions), (recorded, 0));
    assert_eq!(
        activity, last,
        "the thread's activity is its last recorded message"
    );
    eprintln!(
        "messages racing a close ({:?}): {recorded} recorded, {refused} refused",
        store.backend()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_racing_a_close_are_recorded_before_it_or_not_at_all() {
    each_backend(messages_racing_a_close).await;
}
