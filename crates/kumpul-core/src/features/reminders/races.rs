//! Cancelling a recurring reminder while the scheduler is sending it and scheduling the
//! next time, on every backend: the cancellation always holds, and nothing stays
//! scheduled (or half-finished) after it.

use super::model::ReminderStatus;
use crate::reply::Tone;
use crate::store::Store;
use crate::testing::{Chat, each_backend};
use crate::time::clock::Clock;

/// Reminders cancelled at the moment they fall due, one a day.
const ROUNDS: i64 = 40;
const HOUR: i64 = 3_600_000;

async fn cancels_racing_the_scheduler(store: Store) {
    let mut chat = Chat::new(store.clone());
    // 08:00 UTC on day 0.
    chat.now_ms = "2027-01-15T08:00:00Z"
        .parse::<jiff::Timestamp>()
        .unwrap()
        .as_millisecond();
    let (clock, _platform, scheduler) = crate::testing::scheduled(&chat);
    let mut sent_first = 0;
    for round in 0..ROUNDS {
        let set = chat
            .say(
                "alice",
                &format!("remind me every day at 09:00 water {round}"),
            )
            .await;
        assert_eq!(set.tone, Tone::Success, "{}", set.plain_text());
        clock.advance(HOUR);
        chat.now_ms = clock.now_ms();
        let cancel = format!("remind cancel {}", round + 1);
        let (ran, cancelled) = tokio::join!(scheduler.run_due(), chat.say("alice", &cancel));
        let ran = ran.expect("a scheduler round");
        assert_eq!(cancelled.tone, Tone::Success, "{}", cancelled.plain_text());
        sent_first += ran;
        // Whatever the scheduler did meanwhile, the cancellation stands, and every job the
        // scheduler took is finished (none left running to be taken again later).
        let mut conn = store.pool().acquire().await.unwrap();
        let unfinished: Vec<(String, String)> = sqlx::query_as(
            "SELECT status, idempotency_key FROM jobs WHERE status NOT IN ('done', 'cancelled')",
        )
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        assert_eq!(unfinished, [], "round {round}: after the cancel");
        let statuses: Vec<String> =
            sqlx::query_scalar("SELECT status FROM reminders ORDER BY number")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        assert!(
            statuses
                .iter()
                .all(|s| s == ReminderStatus::Cancelled.code()),
            "round {round}: {statuses:?}"
        );
        drop(conn);
        clock.advance(23 * HOUR);
        chat.now_ms = clock.now_ms();
        assert_eq!(
            scheduler.run_due().await.unwrap(),
            0,
            "round {round}: tomorrow"
        );
    }
    eprintln!(
        "cancels racing the scheduler ({:?}): {ROUNDS} cancelled, {sent_first} sent first",
        store.backend()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recurring_reminder_cancelled_as_it_is_sent_stays_cancelled() {
    each_backend(cancels_racing_the_scheduler).await;
}
