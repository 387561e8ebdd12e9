//! Whole conversations about events through the bot, on every backend.

use std::sync::Arc;

use super::model;
use super::repo;
use crate::identity::Role;
use crate::reply::{Reply, Tone, Visibility};
use crate::scheduler::{Scheduler, SchedulerConfig};
use crate::testing::{Chat, FakePlatform, each_backend};
use crate::time::clock::ManualClock;

fn text(reply: &Reply) -> String {
    reply.plain_text()
}

fn ms(instant: &str) -> i64 {
    instant.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

fn scheduler(chat: &Chat, clock: &Arc<ManualClock>, platform: &Arc<FakePlatform>) -> Scheduler {
    Scheduler::new(
        chat.bot.clone(),
        platform.clone(),
        clock.clone(),
        SchedulerConfig::default(),
    )
}

/// The user ids a delivery pings, sorted.
fn pinged(reply: &Reply) -> Vec<String> {
    let mut ids: Vec<String> = reply.mentions.users.iter().map(|u| u.id.clone()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn answers_fill_places_with_guests_and_the_waitlist_moves_up_in_order() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let clock = Arc::new(ManualClock::starting_at(chat.now_ms));
        let platform = Arc::new(FakePlatform::default());
        let scheduler = scheduler(&chat, &clock, &platform);
        let card = chat
            .say(
                "alice",
                "event create tomorrow 19:00 Board games --capacity 3 --where \"Café Kopi\"",
            )
            .await;
        assert_eq!(card.visibility, Visibility::Public);
        assert_eq!(card.tone, Tone::Success, "{}", text(&card));
        assert!(text(&card).contains("#1 Board games"), "{}", text(&card));
        assert!(
            text(&card).contains("Going: 0 of 3 places"),
            "{}",
            text(&card)
        );
        assert!(text(&card).contains("Where: Café Kopi"), "{}", text(&card));
        assert_eq!(card.actions().len(), 3, "going, maybe, not going");
        assert!(card.anchor().is_some());

        let bob = chat.say("bob", "rsvp 1 going 1").await;
        assert!(text(&bob).contains("with 1 guests"), "{}", text(&bob));
        chat.say("carol", "rsvp 1 going").await;
        let dave = chat.say("dave", "rsvp 1 going").await;
        assert!(
            text(&dave).contains("number 1 on the waitlist"),
            "{}",
            text(&dave)
        );
        let erin = chat.say("erin", "hadir 1 going").await;
        assert!(
            text(&erin).contains("number 2 on the waitlist"),
            "{}",
            text(&erin)
        );
        chat.say("frank", "rsvp 1 maybe").await;
        let info = text(&chat.say("alice", "event info 1").await);
        assert!(
            info.contains("Going: 3 of 3 places · Maybe: 1 · Waitlist: 2"),
            "{info}"
        );
        assert!(info.contains("Waitlist, in order: dave, erin"), "{info}");

        // Carol drops out: the first in line (dave) gets her place, erin waits on.
        chat.say("carol", "rsvp 1 no").await;
        let info = text(&chat.say("alice", "event info 1").await);
        assert!(info.contains("Going: bob (+1), dave"), "{info}");
        assert!(info.contains("Waitlist, in order: erin"), "{info}");
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        let shown = platform.private_to(&crate::testing::user("dave"));
        assert_eq!(
            shown.len(),
            1,
            "told to the promoted person alone, privately"
        );
        assert!(platform.in_channels().is_empty(), "{:?}", platform.shown());
        assert!(
            text(&shown[0].reply).starts_with("A place freed up: you are now going to #1"),
            "{}",
            text(&shown[0].reply)
        );

        // Bob leaves his guest at home: one more place, for erin.
        chat.say("bob", "rsvp 1 going").await;
        let info = text(&chat.say("alice", "event info 1").await);
        assert!(
            info.contains("Going: 3 of 3 places · Maybe: 1 · Waitlist: 0"),
            "{info}"
        );
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        assert_eq!(platform.private_to(&crate::testing::user("erin")).len(), 1);

        let wrong = chat.say("bob", "rsvp 9 going").await;
        assert_eq!(wrong.tone, Tone::Error);
        assert!(text(&wrong).contains("event list"), "{}", text(&wrong));
    })
    .await;
}

#[tokio::test]
async fn simultaneous_answers_for_the_last_places_never_exceed_the_capacity() {
    each_backend(|store| async move {
        let chat = Arc::new(Chat::new(store));
        chat.say(
            "alice",
            "event create tomorrow 19:00 Workshop --capacity 10",
        )
        .await;
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..60 {
            let chat = chat.clone();
            tasks.spawn(async move {
                let reply = chat.say(&format!("p{i:02}"), "rsvp 1 going").await;
                assert_eq!(reply.tone, Tone::Success, "{}", text(&reply));
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap();
        }
        let info = text(&chat.say("alice", "event info 1").await);
        assert!(
            info.contains("Going: 10 of 10 places · Maybe: 0 · Waitlist: 50"),
            "{info}"
        );
    })
    .await;
}

#[tokio::test]
async fn reminders_ping_the_people_going_once_and_follow_an_edit() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2027-01-15T08:00:00Z");
        let clock = Arc::new(ManualClock::starting_at(chat.now_ms));
        let platform = Arc::new(FakePlatform::default());
        let scheduler = scheduler(&chat, &clock, &platform);
        chat.say("alice", "event create 2027-01-20 19:00 Picnic")
            .await;
        chat.say("bob", "rsvp 1 going").await;
        chat.say("carol", "rsvp 1 maybe").await;
        chat.say("dave", "rsvp 1 going").await;
        let muted = chat.say("dave", "event mute 1").await;
        assert!(
            text(&muted).contains("No more reminder pings"),
            "{}",
            text(&muted)
        );

        // A day before: bob only (carol said maybe, dave muted it).
        clock.advance(ms("2027-01-19T19:00:00Z") - clock_now(&clock));
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        let first = platform.shown();
        assert_eq!(pinged(&first[0].reply), ["bob"]);
        assert!(
            text(&first[0].reply).contains("Picnic starts in 1 day"),
            "{}",
            text(&first[0].reply)
        );

        // Moved a day later: everyone who answered hears it; the old hour-before
        // reminder no longer fires, the new ones do, each once.
        chat.now_ms = clock_now(&clock);
        let edited = chat
            .say("alice", "event edit 1 --when \"2027-01-21 19:00\"")
            .await;
        assert_eq!(edited.tone, Tone::Info, "{}", text(&edited));
        assert_eq!(pinged(&edited), ["bob", "carol", "dave"]);
        clock.advance(ms("2027-01-20T18:00:00Z") - clock_now(&clock));
        assert_eq!(
            scheduler.run_due().await.unwrap(),
            0,
            "the old hour-before reminder is gone"
        );
        clock.advance(ms("2027-01-20T19:00:00Z") - clock_now(&clock));
        assert_eq!(
            scheduler.run_due().await.unwrap(),
            1,
            "the new day-before reminder"
        );
        clock.advance(ms("2027-01-21T18:00:00Z") - clock_now(&clock));
        assert_eq!(
            scheduler.run_due().await.unwrap(),
            1,
            "the new hour-before reminder"
        );
        assert_eq!(scheduler.run_due().await.unwrap(), 0);
        let shown = platform.shown();
        assert_eq!(
            shown.len(),
            3,
            "{:#?}",
            shown.iter().map(|d| text(&d.reply)).collect::<Vec<_>>()
        );
        assert!(
            text(&shown[2].reply).contains("starts in 1 hour"),
            "{}",
            text(&shown[2].reply)
        );
        assert!(shown.iter().all(|d| pinged(&d.reply) == ["bob"]));

        // Cancelling tells everyone who answered; answers are then refused.
        chat.now_ms = clock_now(&clock);
        let cancelled = chat.say_as("mod", Role::Moderator, "event cancel 1").await;
        assert_eq!(pinged(&cancelled), ["bob", "carol", "dave"]);
        assert!(
            text(&cancelled).contains("cancelled event #1 Picnic"),
            "{}",
            text(&cancelled)
        );
        let late = chat.say("erin", "rsvp 1 going").await;
        assert!(text(&late).contains("is cancelled"), "{}", text(&late));
        let not_theirs = chat.say("bob", "event edit 1 --title Other").await;
        assert_eq!(not_theirs.tone, Tone::Error);
    })
    .await;
}

fn clock_now(clock: &ManualClock) -> i64 {
    use crate::time::clock::Clock;
    clock.now_ms()
}

#[tokio::test]
async fn a_weekly_series_keeps_its_local_time_across_dst_with_answers_per_date() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2026-10-19T12:00:00Z");
        let clock = Arc::new(ManualClock::starting_at(chat.now_ms));
        let platform = Arc::new(FakePlatform::default());
        let scheduler = scheduler(&chat, &clock, &platform);
        chat.say_as("alice", Role::Admin, "settings timezone Europe/Berlin")
            .await;
        let card = chat
            .say(
                "alice",
                "event create every thursday 19:00 Choir --remind 1h",
            )
            .await;
        assert!(text(&card).contains("Repeats"), "{}", text(&card));
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let event = repo::fetch_event_by_number(&mut conn, &chat.space.key(), 1)
            .await
            .unwrap()
            .unwrap();
        drop(conn);
        let starts: Vec<i64> = model::occurrences_from(&event, &[], chat.now_ms, 2)
            .iter()
            .map(|o| o.starts_at)
            .collect();
        // 19:00 in Berlin: summer time (UTC+2) on the 22nd, winter time (UTC+1) on the 29th.
        assert_eq!(
            starts,
            [ms("2026-10-22T17:00:00Z"), ms("2026-10-29T18:00:00Z")]
        );

        chat.say("bob", "rsvp 1 going").await;
        clock.advance(ms("2026-10-22T16:00:00Z") - clock_now(&clock));
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        assert_eq!(pinged(&platform.shown()[0].reply), ["bob"]);
        clock.advance(ms("2026-10-22T19:00:00Z") - clock_now(&clock));
        assert_eq!(scheduler.run_due().await.unwrap(), 1, "the card's roll");
        assert_eq!(platform.shown().len(), 1, "which pings nobody");

        // The next date has its own answers.
        chat.now_ms = ms("2026-10-23T09:00:00Z");
        let info = text(&chat.say("carol", "event info 1").await);
        assert!(info.contains("Going: 0"), "{info}");
        chat.say("carol", "rsvp 1 going").await;
        clock.advance(ms("2026-10-29T17:00:00Z") - clock_now(&clock));
        assert_eq!(
            scheduler.run_due().await.unwrap(),
            1,
            "the chained reminder, an hour before 19:00 CET"
        );
        assert_eq!(pinged(&platform.shown()[1].reply), ["carol"]);

        // Moving one date leaves the others where they were.
        chat.now_ms = ms("2026-10-30T09:00:00Z");
        let moved = chat
            .say(
                "alice",
                "event edit 1 --when \"2026-11-06 20:00\" --only-next",
            )
            .await;
        assert_eq!(moved.tone, Tone::Info, "{}", text(&moved));
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let exceptions = repo::list_exceptions(&mut conn, event.id).await.unwrap();
        drop(conn);
        let starts: Vec<i64> = model::occurrences_from(&event, &exceptions, chat.now_ms, 2)
            .iter()
            .map(|o| o.starts_at)
            .collect();
        assert_eq!(
            starts,
            [ms("2026-11-06T19:00:00Z"), ms("2026-11-12T18:00:00Z")]
        );
    })
    .await;
}

#[tokio::test]
async fn calendar_files_parse_with_an_independent_icalendar_reader() {
    use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};

    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2026-10-19T12:00:00Z");
        chat.say_as("alice", Role::Admin, "timezone set Asia/Jakarta")
            .await;
        chat.say(
            "alice",
            "event create 2026-10-24 19:00 Arisan, RT 05; kumpul --where \"Balai warga\"",
        )
        .await;
        chat.say("alice", "timezone set Europe/Berlin").await;
        chat.say("alice", "event create every thursday 19:00 Choir")
            .await;
        chat.say("alice", "event cancel 2 --only-next").await;
        chat.say("alice", "event create 2026-12-01 10:00 Cancelled meetup")
            .await;
        chat.say("alice", "event cancel 3").await;
        let reply = chat.say("bob", "event ics").await;
        assert_eq!(reply.tone, Tone::Success, "{}", text(&reply));
        let file = &reply.attachments[0];
        assert_eq!(
            (file.name.as_str(), file.content_type.as_str()),
            ("events.ics", "text/calendar")
        );
        let ics = String::from_utf8(file.data.clone()).unwrap();
        assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded");
        assert!(
            ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"),
            "{ics}"
        );
        let calendar: icalendar::Calendar = ics.parse().expect("the export parses");
        let events: Vec<_> = calendar.calendar_events().collect();
        assert_eq!(
            events.len(),
            4,
            "three events and one cancelled date: {ics}"
        );

        let arisan = events
            .iter()
            .find(|e| e.get_summary() == Some("Arisan, RT 05; kumpul"))
            .expect("text is escaped and read back");
        assert_eq!(arisan.get_location(), Some("Balai warga"));
        let Some(DatePerhapsTime::DateTime(start)) = arisan.get_start() else {
            panic!("a date-time start");
        };
        assert!(
            matches!(&start, CalendarDateTime::WithTimezone { tzid, .. } if tzid == "Asia/Jakarta")
        );
        assert_eq!(
            start.try_into_utc().unwrap().timestamp_millis(),
            ms("2026-10-24T12:00:00Z"),
            "19:00 WIB"
        );

        let choir: Vec<_> = events
            .iter()
            .filter(|e| e.get_summary() == Some("Choir"))
            .collect();
        assert_eq!(choir.len(), 2);
        let series = choir
            .iter()
            .find(|e| e.property_value("RRULE").is_some())
            .unwrap();
        let uid = series.get_uid().unwrap().to_owned();
        let dates: Vec<i64> = series
            .get_recurrence()
            .expect("the series expands")
            .all(3)
            .dates
            .iter()
            .map(|d| d.timestamp_millis())
            .collect();
        assert_eq!(
            dates,
            [
                ms("2026-10-22T17:00:00Z"),
                ms("2026-10-29T18:00:00Z"),
                ms("2026-11-05T18:00:00Z")
            ],
            "another RRULE engine finds the same dates across DST"
        );
        let skipped = choir
            .iter()
            .find(|e| e.property_value("RECURRENCE-ID").is_some())
            .unwrap();
        assert_eq!(skipped.get_uid(), Some(uid.as_str()));
        assert_eq!(skipped.property_value("STATUS"), Some("CANCELLED"));
        let cancelled = events
            .iter()
            .find(|e| e.get_summary() == Some("Cancelled meetup"))
            .unwrap();
        assert_eq!(cancelled.property_value("STATUS"), Some("CANCELLED"));

        // The same UIDs every time, so importing again updates.
        let again = chat.say("bob", "event ics 2").await;
        let again = String::from_utf8(again.attachments[0].data.clone()).unwrap();
        assert!(again.contains(&format!("UID:{uid}")));
    })
    .await;
}

#[tokio::test]
async fn the_spaces_reminder_times_are_shown_and_used_by_new_events() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let before = text(&chat.say("bob", "settings show").await);
        assert!(
            before.contains("Event reminders: 1 day, 1 hour (default)"),
            "{before}"
        );
        let set = chat
            .say_as("mod", Role::Moderator, "settings reminders 2h, 30m")
            .await;
        assert_eq!(set.tone, Tone::Success, "{}", text(&set));
        let after = text(&chat.say("bob", "settings show").await);
        assert!(
            after.contains("Event reminders: 2 hours, 30 minutes"),
            "{after}"
        );
        chat.say("alice", "event create tomorrow 19:00 Picnic")
            .await;
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let event = repo::fetch_event_by_number(&mut conn, &chat.space.key(), 1)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(event.reminders, "120,30");
    })
    .await;
}
