//! The queue itself: the loop sleeps until a job is scheduled and wakes for it, finished
//! jobs are deleted after a month, and scheduling a key again re-arms only a cancelled job.

use super::*;

#[tokio::test]
async fn the_loop_sleeps_until_a_job_is_scheduled_and_wakes_for_it() {
    use crate::time::clock::SystemClock;
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let platform = Arc::new(FakePlatform::default());
        let config = SchedulerConfig {
            idle_recheck: Duration::from_secs(3600),
            ..SchedulerConfig::default()
        };
        let scheduler = Scheduler::new(
            chat.bot.clone(),
            platform.clone(),
            Arc::new(SystemClock),
            config,
        );
        let cancel = CancellationToken::new();
        let task = tokio::spawn(scheduler.run(cancel.clone()));
        tokio::time::sleep(Duration::from_millis(200)).await;
        // A reminder due right now, set by a person whose clock says "now".
        let mut chat = chat;
        chat.now_ms = SystemClock.now_ms() - 2 * 60_000;
        let reply = chat.say("alice", "remind me in 2 minutes now").await;
        assert_eq!(
            reply.tone,
            crate::reply::Tone::Success,
            "{}",
            reply.plain_text()
        );
        let woke = tokio::time::timeout(Duration::from_secs(10), platform.arrived.notified()).await;
        assert!(
            woke.is_ok(),
            "the scheduler woke for the new job instead of sleeping an hour"
        );
        cancel.cancel();
        task.await.unwrap().unwrap();
        assert_eq!(platform.shown().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn finished_jobs_are_deleted_after_a_month_but_pending_ones_stay() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        s.chat.say("alice", "remind me in 1 hour soon").await;
        s.chat.say("alice", "remind me in 40 days later").await;
        s.advance(HOUR);
        scheduler.run_due().await.unwrap();
        s.advance(31 * 24 * HOUR);
        scheduler.start().await.unwrap();
        let mut conn = s.chat.bot.store().pool().acquire().await.unwrap();
        let statuses: Vec<String> = sqlx::query_scalar("SELECT status FROM jobs")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert_eq!(statuses, ["pending"]);
    })
    .await;
}

/// (status, attempts, due_at, run_at) of the job with this key.
async fn status(conn: &mut sqlx::AnyConnection, key: &str) -> (String, i64, i64, i64) {
    sqlx::query_as("SELECT status, attempts, due_at, run_at FROM jobs WHERE idempotency_key = $1")
        .bind(key)
        .fetch_one(conn)
        .await
        .unwrap()
}

/// A job of `kind` in the test space, due at `due_at`, under `key`; its owner is the id
/// in the key (`kind:<id>:…`), as the features write it, or 0 for a key without one.
fn job_of(kind: crate::vocab::JobKind, key: &str, due_at: i64) -> NewJob {
    let owner_id = key
        .split(':')
        .nth(1)
        .and_then(|id| id.parse().ok())
        .unwrap_or(0);
    NewJob {
        kind,
        owner_id,
        payload: format!("{{\"due\":{due_at}}}"),
        space_id: "console:test".into(),
        due_at,
        idempotency_key: key.into(),
    }
}

/// The same idempotency key scheduled again: a cancelled job comes back as a fresh
/// pending one; a pending (retrying), running or finished job is left exactly as it is,
/// so a job that was sent is never sent again.
#[tokio::test]
async fn scheduling_a_key_again_re_arms_only_a_cancelled_job() {
    each_backend(|store| async move {
        let s = Setup::new(store);
        let mut conn = queue_of(&s).await;
        let job = |key: &str, due_at: i64| job_of(crate::vocab::JobKind::Reminder, key, due_at);
        for key in ["cancelled", "retrying", "running", "done"] {
            assert!(repo::insert_job(&mut conn, &job(key, 10), 0).await.unwrap());
        }
        repo::cancel_job(&mut conn, "cancelled", 1).await.unwrap();
        let claimed = repo::claim_due(&mut conn, s.chat.bot.store().backend(), 10, 100, 10)
            .await
            .unwrap();
        assert_eq!(claimed.len(), 3, "the three that are not cancelled");
        let id = |key: &str| {
            claimed
                .iter()
                .find(|j| j.idempotency_key == key)
                .unwrap()
                .id
        };
        repo::retry_job(&mut conn, id("retrying"), 500, "platform down")
            .await
            .unwrap();
        repo::finish_job(&mut conn, id("done"), JobStatus::Done, 20, None)
            .await
            .unwrap();

        assert!(
            repo::insert_job(&mut conn, &job("cancelled", 30), 25)
                .await
                .unwrap()
        );
        assert_eq!(
            status(&mut conn, "cancelled").await,
            ("pending".into(), 0, 30, 30),
            "re-armed with the new time"
        );
        for (key, expected) in [
            ("retrying", ("pending".to_owned(), 1, 10, 500)),
            ("running", ("running".to_owned(), 1, 10, 10)),
            ("done", ("done".to_owned(), 1, 10, 10)),
        ] {
            assert!(
                !repo::insert_job(&mut conn, &job(key, 30), 25)
                    .await
                    .unwrap(),
                "{key} is not scheduled again"
            );
            assert_eq!(status(&mut conn, key).await, expected, "{key} is untouched");
        }
        let keys: Vec<String> = repo::list_pending(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .map(|(_, _, key)| key)
            .collect();
        assert_eq!(keys, ["retrying", "cancelled"], "by due time");
    })
    .await;
}

/// Cancelling one poll's deadline by its key leaves the deadlines of polls whose ids
/// start with the same digits alone.
#[tokio::test]
async fn cancelling_by_key_touches_only_that_key() {
    each_backend(|store| async move {
        let s = Setup::new(store);
        let mut conn = queue_of(&s).await;
        let job = |key: &str| job_of(crate::vocab::JobKind::PollClose, key, 10);
        for key in ["poll_close:1", "poll_close:12", "pollXclose:1"] {
            assert!(repo::insert_job(&mut conn, &job(key), 0).await.unwrap());
        }
        let exact = repo::cancel_job(&mut conn, "poll_close:1", 1)
            .await
            .unwrap();
        assert_eq!(exact, 1);
        assert_eq!(status(&mut conn, "poll_close:1").await.0, "cancelled");
        assert_eq!(status(&mut conn, "poll_close:12").await.0, "pending");
        assert_eq!(status(&mut conn, "pollXclose:1").await.0, "pending");
    })
    .await;
}
