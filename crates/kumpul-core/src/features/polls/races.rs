//! Votes and retractions racing a close, on every backend under its real isolation level
//! (PostgreSQL: READ COMMITTED). What people were told must be what the tally says: every
//! vote confirmed as saved (and not taken back) is in the announced and the stored
//! results, and every vote refused was told the poll is closed.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinSet;

use crate::reply::{Reply, Tone};
use crate::store::Store;
use crate::testing::{Chat, each_backend};

/// Votes cast in all, one per voter.
const VOTERS: usize = 2_000;
/// Tasks casting them side by side (the pool has 4 connections).
const TASKS: usize = 16;
/// Saved votes before the close is sent; the rest race it.
const CLOSE_AFTER: usize = 700;
/// Every so many voters take their vote back right after casting it.
const RETRACT_EVERY: usize = 9;
/// The longest any phase may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(120);
const LABELS: [&str; 3] = ["red", "green", "blue"];

/// What happened to one voter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Saved and still counted: the option's index.
    Counted(usize),
    /// Saved, then taken back before the close.
    Retracted,
    /// Refused with "closed".
    Refused,
}

fn closed_refusal(reply: &Reply) -> bool {
    reply.tone == Tone::Error && reply.plain_text().contains("is closed")
}

/// One voter: vote, and for some, take it back. Any answer but the expected ones fails.
async fn cast(chat: &Chat, voter: usize, saved: &AtomicUsize, reached: &Notify) -> Fate {
    let who = format!("voter{voter:04}");
    let option = voter % LABELS.len();
    let reply = chat.say(&who, &format!("poll vote 1 {}", option + 1)).await;
    if closed_refusal(&reply) {
        return Fate::Refused;
    }
    assert!(
        reply.tone == Tone::Success && reply.plain_text().contains("is saved"),
        "{who}: {}",
        reply.plain_text()
    );
    if saved.fetch_add(1, Ordering::SeqCst) + 1 == CLOSE_AFTER {
        reached.notify_one();
    }
    if !voter.is_multiple_of(RETRACT_EVERY) {
        return Fate::Counted(option);
    }
    let back = chat.say(&who, "poll retract 1").await;
    if closed_refusal(&back) {
        return Fate::Counted(option);
    }
    assert!(
        back.tone == Tone::Success && back.plain_text().contains("taken back"),
        "{who} retracting: {}",
        back.plain_text()
    );
    Fate::Retracted
}

/// The count shown for `label` in a results text: `2. green ███… 33% (412)`.
fn shown_count(results: &str, position: usize, label: &str) -> usize {
    let line = format!("{position}. {label} ");
    let start = results
        .find(&line)
        .unwrap_or_else(|| panic!("no line for {label}: {results}"));
    let rest = &results[start..];
    let open = rest.find('(').expect(results);
    let close = rest.find(')').expect(results);
    rest[open + 1..close].parse().expect(results)
}

/// `VOTERS` votes from `TASKS` tasks; the poll is closed once `CLOSE_AFTER` are saved.
async fn votes_racing_a_close(store: Store, flags: &str) {
    let chat = Arc::new(Chat::new(store.clone()));
    let created = chat
        .say(
            "alice",
            &format!("poll create Colour? | red | green | blue {flags}"),
        )
        .await;
    assert!(
        created.plain_text().contains("#1 Colour?"),
        "{}",
        created.plain_text()
    );
    let saved = Arc::new(AtomicUsize::new(0));
    let reached = Arc::new(Notify::new());
    let mut tasks = JoinSet::new();
    for task in 0..TASKS {
        let (chat, saved, reached) = (chat.clone(), saved.clone(), reached.clone());
        tasks.spawn(async move {
            let mut fates = Vec::new();
            for voter in (task..VOTERS).step_by(TASKS) {
                fates.push(cast(&chat, voter, &saved, &reached).await);
            }
            fates
        });
    }
    tokio::time::timeout(PATIENCE, reached.notified())
        .await
        .expect("the first votes are saved in time");
    let close = chat.say("alice", "poll close 1").await;
    assert_eq!(close.tone, Tone::Success, "{}", close.plain_text());
    let announced = close.plain_text();
    let mut fates = Vec::new();
    let joined = tokio::time::timeout(PATIENCE, async {
        while let Some(done) = tasks.join_next().await {
            fates.extend(done.expect("a voting task"));
        }
    });
    joined.await.expect("every vote is answered in time");
    assert_eq!(fates.len(), VOTERS);

    let counted: Vec<usize> = fates
        .iter()
        .filter_map(|f| match f {
            Fate::Counted(option) => Some(*option),
            _ => None,
        })
        .collect();
    let refused = fates.iter().filter(|f| **f == Fate::Refused).count();
    let retracted = fates.iter().filter(|f| **f == Fate::Retracted).count();
    assert!(
        refused > 0,
        "the close raced the votes (saved {}, refused 0)",
        counted.len()
    );
    assert!(
        announced.contains(&format!("{} ballots", counted.len())),
        "announced ballots = votes confirmed and kept ({}): {announced}",
        counted.len()
    );
    let mut conn = store.pool().acquire().await.unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballots")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(stored as usize, counted.len(), "stored = announced");
    if flags.contains("secret") {
        let took_part: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM poll_participants")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(took_part as usize, counted.len(), "who took part = ballots");
    }
    drop(conn);
    // Per option, in the announcement and in the results read back from the database.
    let again = chat.say("bob", "poll results 1").await.plain_text();
    for (i, label) in LABELS.iter().enumerate() {
        let expected = counted.iter().filter(|o| **o == i).count();
        assert_eq!(
            shown_count(&announced, i + 1, label),
            expected,
            "{announced}"
        );
        assert_eq!(shown_count(&again, i + 1, label), expected, "{again}");
    }
    let late = chat.say("zed", "poll vote 1 1").await;
    assert!(closed_refusal(&late), "{}", late.plain_text());
    eprintln!(
        "votes racing a close ({:?}, {flags:?}): {} counted, {retracted} taken back, {refused} refused",
        store.backend(),
        counted.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secret_votes_racing_a_close_are_all_counted_or_all_refused() {
    each_backend(|store| votes_racing_a_close(store, "--voters secret")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_votes_racing_a_close_are_all_counted_or_all_refused() {
    each_backend(|store| votes_racing_a_close(store, "--voters public")).await;
}

/// Another process (or anything but this one) closes a poll this process read open a
/// moment ago and keeps a recent copy of: the next vote is still refused by its own write,
/// and nothing of it is stored.
#[tokio::test]
async fn a_poll_closed_behind_this_process_refuses_the_next_vote_from_its_recent_copy() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        chat.say("alice", "poll create Colour? | red | green").await;
        let first = chat.say("bob", "poll vote 1 1").await;
        assert!(
            first.plain_text().contains("is saved"),
            "{}",
            first.plain_text()
        );
        sqlx::query("UPDATE polls SET status = 'closed'")
            .execute(store.pool())
            .await
            .unwrap();
        let late = chat.say("carol", "poll vote 1 2").await;
        assert!(closed_refusal(&late), "{}", late.plain_text());
        let ballots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballots")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(ballots, 1, "only bob's vote, from before the close");
    })
    .await;
}
