//! The "done when", as one conversation: a club plans a weekly meetup, moves it,
//! changes its place and its places, and still gets exactly the reminders it expects —
//! privately where they are personal — and the series moves on by itself afterwards.

use std::sync::Arc;

use crate::reply::{Reply, Tone};
use crate::scheduler::{Scheduler, SchedulerConfig};
use crate::testing::{Chat, FakePlatform, each_backend, user};
use crate::time::clock::{Clock, ManualClock};

fn ms(instant: &str) -> i64 {
    instant.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

fn pinged(reply: &Reply) -> Vec<String> {
    let mut ids: Vec<String> = reply.mentions.users.iter().map(|u| u.id.clone()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_club_moves_its_weekly_meetup_and_gets_exactly_the_reminders_it_expects() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        // Monday 1 March 2027, 09:00 UTC (the test space's zone).
        chat.now_ms = ms("2027-03-01T09:00:00Z");
        let clock = Arc::new(ManualClock::starting_at(chat.now_ms));
        let platform = Arc::new(FakePlatform::default());
        let scheduler = Scheduler::new(
            chat.bot.clone(),
            platform.clone(),
            clock.clone(),
            SchedulerConfig::default(),
        );
        let created = chat
            .say(
                "alice",
                "event create every thursday 19:00 Reading circle --where Library --capacity 3",
            )
            .await;
        assert_eq!(created.tone, Tone::Success, "{}", created.plain_text());
        for name in ["bob", "carol", "dave", "erin"] {
            chat.say(name, "rsvp 1 going").await;
        }
        let personal = chat
            .say("bob", "remind me 2027-03-04 12:00 to bring the book")
            .await;
        assert_eq!(personal.tone, Tone::Success, "{}", personal.plain_text());

        // Moved half an hour earlier: everyone who answered is told what changed.
        let moved = chat
            .say("alice", "event edit 1 --when \"every thursday 18:30\"")
            .await;
        let text = moved.plain_text();
        assert!(text.contains("19:00") && text.contains("18:30"), "{text}");
        assert_eq!(pinged(&moved), ["bob", "carol", "dave", "erin"]);
        // A new place, said as old → new.
        let placed = chat.say("alice", "event edit 1 --where Café").await;
        let text = placed.plain_text();
        assert!(text.contains("Library") && text.contains("Café"), "{text}");
        // Fewer places than people going is refused and explained; no limit lets erin in.
        let fewer = chat.say("alice", "event edit 1 --capacity 2").await;
        assert_eq!(fewer.tone, Tone::Error, "{}", fewer.plain_text());
        let open = chat.say("alice", "event edit 1 --capacity none").await;
        assert_ne!(open.tone, Tone::Error, "{}", open.plain_text());
        let info = chat.say("erin", "event info 1").await.plain_text();
        assert!(info.contains("Café"), "{info}");
        assert!(info.contains("18:30"), "{info}");
        assert!(info.contains("Reminders"), "the card says when: {info}");

        // Through Thursday evening: erin hears privately that she has a place, bob gets
        // his own reminder privately, and the day-before and hour-before reminders go to
        // the four going, at the new time.
        let mut due = Vec::new();
        for at in [
            "2027-03-01T09:01:00Z",
            "2027-03-03T18:30:00Z",
            "2027-03-04T12:00:00Z",
            "2027-03-04T17:30:00Z",
            "2027-03-04T21:00:00Z",
        ] {
            clock.advance(ms(at) - clock.now_ms());
            due.push(scheduler.run_due().await.unwrap());
        }
        let bob = platform.private_to(&user("bob"));
        assert_eq!(bob.len(), 1, "{bob:#?}");
        assert!(bob[0].reply.plain_text().contains("bring the book"));
        let erin = platform.private_to(&user("erin"));
        assert_eq!(erin.len(), 1, "erin's place: {erin:#?}");
        let public = platform.in_channels();
        let texts: Vec<String> = public.iter().map(|d| d.reply.plain_text()).collect();
        assert_eq!(public.len(), 2, "the two event reminders only: {texts:#?}");
        assert!(texts.iter().all(|t| !t.contains("bring the book")));
        assert!(texts[0].contains("starts in 1 day"), "{texts:#?}");
        assert!(texts[1].contains("starts in 1 hour"), "{texts:#?}");
        for delivery in &public {
            assert_eq!(pinged(&delivery.reply), ["bob", "carol", "dave", "erin"]);
        }
        assert_eq!(due.len(), 5);

        // After the meetup ended, the series shows next Thursday, still at 18:30.
        chat.now_ms = clock.now_ms();
        let next = chat.say("carol", "event info 1").await.plain_text();
        assert!(next.contains("11 Mar"), "{next}");
        assert!(next.contains("18:30"), "{next}");
    })
    .await;
}
