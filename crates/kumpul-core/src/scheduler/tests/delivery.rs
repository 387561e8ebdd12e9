//! Delivering on time: a reminder once when due (to its owner privately), a recurring one
//! every time, a cancelled one never, a group's to its members as they are at delivery
//! time.

use super::*;

#[tokio::test]
async fn a_reminder_is_delivered_once_when_due_to_its_owner_privately() {
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
        assert_eq!(
            shown[0].recipient().map(|r| &r.user),
            Some(&user("alice")),
            "to alice alone"
        );
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
async fn a_recurring_reminder_with_a_count_or_an_until_date_stops_after_its_last_time() {
    each_backend(|store| async move {
        let mut s = Setup::new(store);
        let scheduler = s.scheduler();
        // Friday 15 January 2027, 15:00 WIB.
        s.chat.say("alice", "timezone set WIB").await;
        let counted = s
            .chat
            .say(
                "alice",
                "remind me every day at 7am 2 times water the plants",
            )
            .await;
        assert!(
            counted.plain_text().contains("every day at 07:00, 2 times"),
            "{}",
            counted.plain_text()
        );
        let until = s
            .chat
            .say(
                "alice",
                "remind me setiap hari jam 8 pagi sampai 17 Januari minum obat",
            )
            .await;
        assert!(
            until.plain_text().contains("17 Jan 2027"),
            "{}",
            until.plain_text()
        );
        // Five days of a running scheduler, looking every 10 minutes.
        for _ in 0..(5 * 24 * 6) {
            s.advance(10 * MINUTE);
            scheduler.run_due().await.unwrap();
        }
        let shown = texts(&s.platform.shown());
        let count = |what: &str| shown.iter().filter(|t| t.contains(what)).count();
        assert_eq!(count("water the plants"), 2, "{shown:?}");
        // Saturday 16 and Sunday 17 January: the until date is included.
        assert_eq!(count("minum obat"), 2, "{shown:?}");
        let list = s.chat.say("alice", "remind list").await.plain_text();
        assert!(
            !list.contains("water the plants") && !list.contains("minum obat"),
            "both are over: {list}"
        );
    })
    .await;
}
