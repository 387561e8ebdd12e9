//! The scheduler against real databases, with a controllable clock and a fake platform.

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::repo::JobStatus;
use super::*;
use crate::identity::Role;
use crate::notify::Delivery;
use crate::store::Backend;
use crate::testing::{Behaviour, Chat, FakePlatform, each_backend, user};
use crate::time::clock::{Clock, ManualClock};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

struct Setup {
    chat: Chat,
    clock: Arc<ManualClock>,
    platform: Arc<FakePlatform>,
}

impl Setup {
    fn new(store: crate::store::Store) -> Setup {
        let chat = Chat::new(store);
        let clock = Arc::new(ManualClock::starting_at(chat.now_ms));
        Setup {
            chat,
            clock,
            platform: Arc::new(FakePlatform::default()),
        }
    }

    fn scheduler(&self) -> Scheduler {
        let config = SchedulerConfig {
            retry_base: Duration::from_secs(10),
            max_attempts: 3,
            ..SchedulerConfig::default()
        };
        Scheduler::new(
            self.chat.bot.clone(),
            self.platform.clone(),
            self.clock.clone(),
            config,
        )
    }

    fn advance(&mut self, ms: i64) {
        self.clock.advance(ms);
        self.chat.now_ms += ms;
    }

    async fn job_status(&self, key: &str) -> Option<(JobStatus, i64)> {
        let mut conn = self.chat.bot.store().pool().acquire().await.unwrap();
        repo::fetch_job_status(&mut conn, key).await.unwrap()
    }
}

#[test]
fn job_statuses_round_trip_through_their_codes() {
    assert_codes_round_trip!(JobStatus);
}

fn texts(deliveries: &[Delivery]) -> Vec<String> {
    deliveries.iter().map(|d| d.reply.plain_text()).collect()
}

#[tokio::test]
async fn a_reminder_is_delivered_once_when_due_and_pings_its_owner() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        let set = s
            .chat
            .say("alice", "remind me in 2 hours stretch your legs")
            .await;
        assert_eq!(
            set.tone,
            crate::reply::Tone::Success,
            "{}",
            set.plain_text()
        );
        assert_eq!(scheduler.run_due().await.unwrap(), 0, "nothing is due yet");
        s.advance(2 * HOUR - 1);
        assert_eq!(
            scheduler.run_due().await.unwrap(),
            0,
            "not even a millisecond early"
        );
        s.advance(1);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        assert_eq!(scheduler.run_due().await.unwrap(), 0, "and only once");
        let shown = s.platform.shown();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].reply.mentions.users, [user("alice")]);
        assert!(
            texts(&shown)[0].contains("stretch your legs"),
            "{:?}",
            texts(&shown)
        );
        assert!(
            !texts(&shown)[0].contains("late"),
            "on time means no late note"
        );
    })
    .await;
}

#[tokio::test]
async fn a_recurring_reminder_fires_every_time_and_keeps_its_local_time() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        s.chat.say("alice", "timezone set WIB").await;
        let set = s
            .chat
            .say("alice", "remind me every day at 7am water the plants")
            .await;
        assert!(
            set.plain_text().contains("every day at 07:00"),
            "{}",
            set.plain_text()
        );
        // Three days of a running scheduler, looking every 10 minutes.
        for _ in 0..(3 * 24 * 6) {
            s.advance(10 * MINUTE);
            scheduler.run_due().await.unwrap();
        }
        let shown = s.platform.shown();
        assert_eq!(shown.len(), 3, "{:?}", texts(&shown));
        let keys: std::collections::HashSet<_> = shown.iter().map(|d| d.key.clone()).collect();
        assert_eq!(keys.len(), 3, "every occurrence has its own key");
        let list = s.chat.say("alice", "remind list").await.plain_text();
        assert!(
            list.contains("07:00 WIB") && list.contains("water the plants"),
            "{list}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_cancelled_reminder_is_not_delivered() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        s.chat
            .say("alice", "remind me in 1 hour take out the bins")
            .await;
        let denied = s.chat.say("bob", "remind cancel 1").await;
        assert!(
            denied.plain_text().contains("belongs to someone else"),
            "{}",
            denied.plain_text()
        );
        let cancelled = s.chat.say("alice", "remind cancel 1").await;
        assert!(
            cancelled.plain_text().contains("#1 is cancelled"),
            "{}",
            cancelled.plain_text()
        );
        s.advance(2 * HOUR);
        scheduler.run_due().await.unwrap();
        assert!(s.platform.calls().is_empty());
        let again = s.chat.say("alice", "remind cancel 1").await;
        assert!(
            again.plain_text().contains("already finished"),
            "{}",
            again.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn a_group_reminder_pings_the_members_at_delivery_time() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        s.chat.say("alice", "group create hiking").await;
        let outsider = s
            .chat
            .say("dave", "remind group hiking in 1 hour hello")
            .await;
        assert!(
            outsider.plain_text().contains("Only members of hiking"),
            "{}",
            outsider.plain_text()
        );
        let set = s
            .chat
            .say("alice", "remind group hiking in 1 hour pack water")
            .await;
        assert!(set.mentions.is_empty(), "setting a reminder pings nobody");
        s.chat.say("bob", "group join hiking").await;
        s.advance(HOUR);
        scheduler.run_due().await.unwrap();
        let shown = s.platform.shown();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].reply.mentions.users, [user("alice"), user("bob")]);
        assert!(texts(&shown)[0].contains("pack water"));
    })
    .await;
}

#[tokio::test]
async fn failed_deliveries_are_retried_with_back_off_then_given_up() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        s.chat.say("alice", "remind me in 1 hour x").await;
        s.platform.set(Behaviour::FailTemporarily);
        s.advance(HOUR);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        let key = {
            let mut conn = s.chat.bot.store().pool().acquire().await.unwrap();
            let key: String = sqlx::query_scalar("SELECT idempotency_key FROM jobs")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            key
        };
        assert_eq!(s.job_status(&key).await, Some((JobStatus::Pending, 1)));
        s.advance(9_999);
        assert_eq!(
            scheduler.run_due().await.unwrap(),
            0,
            "the first retry waits 10 s"
        );
        s.advance(1);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        s.advance(19_999);
        assert_eq!(
            scheduler.run_due().await.unwrap(),
            0,
            "the second waits 20 s"
        );
        s.advance(1);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        assert_eq!(
            s.job_status(&key).await,
            Some((JobStatus::Failed, 3)),
            "given up after 3 attempts"
        );
    })
    .await;
}

#[tokio::test]
async fn a_refused_delivery_is_not_retried() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        s.chat.say("alice", "remind me every day at 9am x").await;
        s.platform.set(Behaviour::Refuse);
        for _ in 0..(24 * 6) {
            s.advance(10 * MINUTE);
            scheduler.run_due().await.unwrap();
        }
        let mut conn = s.chat.bot.store().pool().acquire().await.unwrap();
        let statuses: Vec<String> = sqlx::query_scalar("SELECT status FROM jobs ORDER BY due_at")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert_eq!(
            statuses,
            ["failed", "pending"],
            "the next occurrence is still scheduled"
        );
    })
    .await;
}

#[tokio::test]
async fn jobs_found_a_little_late_are_delivered_with_a_note() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        s.chat.say("alice", "remind me in 1 hour x").await;
        s.advance(HOUR + 20 * MINUTE);
        scheduler.start().await.unwrap();
        scheduler.run_due().await.unwrap();
        let shown = texts(&s.platform.shown());
        assert_eq!(shown.len(), 1);
        assert!(shown[0].contains("(late: kumpul was offline)"), "{shown:?}");
    })
    .await;
}

#[tokio::test]
async fn jobs_missed_beyond_the_grace_window_are_summarised_to_moderators_once() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        s.chat.say("alice", "remind me in 1 hour call mom").await;
        s.chat
            .say("alice", "remind me every day at 9am stretch")
            .await;
        s.advance(3 * 24 * HOUR);
        let scheduler = s.scheduler();
        let report = scheduler.start().await.unwrap();
        assert_eq!(report.missed, 2);
        let shown = s.platform.shown();
        assert_eq!(
            shown.len(),
            1,
            "one summary for the space: {:?}",
            texts(&shown)
        );
        assert_eq!(shown[0].audience, crate::notify::Audience::Moderators);
        let summary = shown[0].reply.plain_text();
        assert!(
            summary.contains("2 scheduled messages were missed"),
            "{summary}"
        );
        assert!(
            summary.contains("#1 call mom") && summary.contains("#2 stretch"),
            "{summary}"
        );
        scheduler.start().await.unwrap();
        assert_eq!(s.platform.shown().len(), 1, "summarised once");
        // The daily reminder goes on from now, not from the missed days.
        assert_eq!(scheduler.run_due().await.unwrap(), 0);
        s.advance(HOUR);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        assert!(texts(&s.platform.shown())[1].contains("stretch"));
    })
    .await;
}

/// Runs `run_due` until the fake platform has been called, then kills the task the way
/// a crash would: nothing after that point happens.
async fn crash_during_delivery(scheduler: Scheduler, platform: &FakePlatform) {
    let task = tokio::spawn(async move { scheduler.run_due().await });
    tokio::time::timeout(Duration::from_secs(10), platform.arrived.notified())
        .await
        .expect("the delivery started");
    task.abort();
    let _ = task.await;
}

#[tokio::test]
async fn a_crash_between_claim_and_send_loses_nothing() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        s.chat.say("alice", "remind me in 1 hour x").await;
        s.advance(HOUR);
        s.platform.set(Behaviour::HangBeforeSend);
        crash_during_delivery(s.scheduler(), &s.platform).await;
        assert!(s.platform.calls().is_empty());

        // Restart. SQLite frees the dead process's jobs at once; PostgreSQL waits for the
        // lease, since another live process might hold them.
        s.platform.set(Behaviour::Accept);
        let restarted = s.scheduler();
        restarted.start().await.unwrap();
        if s.chat.bot.store().backend() == Backend::Postgres {
            assert_eq!(
                restarted.run_due().await.unwrap(),
                0,
                "the lease still holds"
            );
            s.advance(61_000);
        }
        assert_eq!(restarted.run_due().await.unwrap(), 1);
        assert_eq!(s.platform.calls().len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_crash_between_send_and_marking_done_shows_the_message_once() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        s.chat.say("alice", "remind me in 1 hour x").await;
        s.advance(HOUR);
        s.platform.set(Behaviour::HangAfterSend);
        crash_during_delivery(s.scheduler(), &s.platform).await;
        assert_eq!(s.platform.calls().len(), 1, "the platform got the message");

        s.platform.set(Behaviour::Accept);
        let restarted = s.scheduler();
        restarted.start().await.unwrap();
        s.advance(61_000);
        assert_eq!(restarted.run_due().await.unwrap(), 1);
        let calls = s.platform.calls();
        assert_eq!(calls.len(), 2, "delivered again after the crash…");
        assert_eq!(
            calls[0].key, calls[1].key,
            "…with the same idempotency key…"
        );
        assert_eq!(s.platform.shown().len(), 1, "…so people see it once");
        assert_eq!(restarted.run_due().await.unwrap(), 0);
    })
    .await;
}

#[tokio::test]
async fn two_schedulers_on_one_database_never_run_the_same_job() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        for i in 0..60 {
            let who = format!("user{}", i % 7);
            let reply = s
                .chat
                .say_as(&who, Role::Member, &format!("remind me in 1 hour task {i}"))
                .await;
            assert_eq!(
                reply.tone,
                crate::reply::Tone::Success,
                "{}",
                reply.plain_text()
            );
        }
        s.advance(HOUR);
        let (a, b) = (s.scheduler(), s.scheduler());
        let (ra, rb) = tokio::join!(a.run_due(), b.run_due());
        assert_eq!(ra.unwrap() + rb.unwrap(), 60);
        let calls = s.platform.calls();
        assert_eq!(calls.len(), 60, "every job ran exactly once");
        let keys: std::collections::HashSet<_> = calls.iter().map(|d| d.key.clone()).collect();
        assert_eq!(keys.len(), 60);
    })
    .await;
}

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

/// The same idempotency key scheduled again: a cancelled job comes back as a fresh
/// pending one; a pending (retrying), running or finished job is left exactly as it is,
/// so a job that was sent is never sent again.
#[tokio::test]
async fn scheduling_a_key_again_re_arms_only_a_cancelled_job() {
    each_backend(|store| async move {
        let s = Setup::new(store);
        let mut conn = s.chat.bot.store().pool().acquire().await.unwrap();
        crate::features::settings::repo::ensure_space(&mut conn, "console:test", 0)
            .await
            .unwrap();
        let job = |key: &str, due_at: i64| NewJob {
            kind: crate::vocab::JobKind::Reminder,
            payload: format!("{{\"due\":{due_at}}}"),
            space_id: "console:test".into(),
            due_at,
            idempotency_key: key.into(),
        };
        for key in ["cancelled", "retrying", "running", "done"] {
            assert!(repo::insert_job(&mut conn, &job(key, 10), 0).await.unwrap());
        }
        repo::cancel_jobs_with_prefix(&mut conn, "cancelled", 1)
            .await
            .unwrap();
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
