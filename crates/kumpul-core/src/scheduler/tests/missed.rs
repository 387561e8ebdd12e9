//! Jobs found late after kumpul was offline: a little late is delivered with a note, past
//! the grace window is recorded as missed and summarised to moderators once.

use super::*;

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
        // alice is told of each of her missed reminders privately, text and all…
        let alice = s.platform.private_to(&crate::testing::user("alice"));
        // Both fell due at the same minute, so the order they are told in is not defined
        // (on PostgreSQL it follows the plan of the sweep, which the indexes on jobs
        // decide): compared in order of their numbers.
        let mut told = texts(&alice);
        told.sort();
        assert_eq!(told.len(), 2, "{told:?}");
        assert!(
            told[0].contains("your reminder #1 was not sent in time: call mom"),
            "{told:?}"
        );
        assert!(
            told[1].contains("#2 was not sent in time: stretch"),
            "{told:?}"
        );
        // …and the space gets one summary.
        let shown: Vec<_> = s
            .platform
            .shown()
            .into_iter()
            .filter(|d| d.recipient().is_none())
            .collect();
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
        // The summary is posted for the space: personal reminders' texts stay their
        // owner's; only whose they were is said.
        assert!(
            summary.contains("#1 a personal reminder of alice")
                && summary.contains("#2 a personal reminder of alice"),
            "{summary}"
        );
        assert!(
            !summary.contains("call mom") && !summary.contains("stretch"),
            "{summary}"
        );
        scheduler.start().await.unwrap();
        assert_eq!(s.platform.shown().len(), 3, "told and summarised once");
        // The daily reminder goes on from now, not from the missed days.
        assert_eq!(scheduler.run_due().await.unwrap(), 0);
        s.advance(HOUR);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        assert!(texts(&s.platform.shown())[3].contains("stretch"));
    })
    .await;
}
