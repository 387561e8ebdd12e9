//! Failed deliveries: retried with back-off, then given up; a refused one not retried, and
//! what follows it still scheduled.

use super::*;

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
