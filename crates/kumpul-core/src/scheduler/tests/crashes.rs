//! Crashes and concurrency: a process killed between claiming, sending and marking loses
//! nothing and shows nothing twice; two schedulers never run the same job.

use super::*;

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
