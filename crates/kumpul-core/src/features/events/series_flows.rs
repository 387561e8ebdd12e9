//! Series through the bot: where `--repeat` starts, a series edited from another zone,
//! and series that end.

use super::repo;
use crate::identity::Role;
use crate::reply::{Reply, Tone};
use crate::testing::{Chat, each_backend};

fn text(reply: &Reply) -> String {
    reply.plain_text()
}

fn ms(instant: &str) -> i64 {
    instant.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

/// The calendar file of `event ics`, as bob asks for it.
async fn ics(chat: &Chat) -> String {
    let reply = chat.say("bob", "event ics").await;
    assert_eq!(reply.tone, Tone::Success, "{}", text(&reply));
    String::from_utf8(reply.attachments[0].data.clone()).unwrap()
}

#[tokio::test]
async fn repeat_starts_on_the_typed_date_at_the_typed_time() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        // Tuesday 1 December 2026, 12:00 in UTC (the space's zone).
        chat.now_ms = ms("2026-12-01T12:00:00Z");
        let late = chat
            .say(
                "alice",
                "event create next friday 23:30 Late show --repeat \"every friday\"",
            )
            .await;
        assert_eq!(late.tone, Tone::Success, "{}", text(&late));
        assert!(
            text(&late).contains("Fri 4 Dec 2026, 23:30 UTC"),
            "the first Friday, at 23:30 (not Fri 11 Dec 09:00): {}",
            text(&late)
        );
        let daily = chat
            .say(
                "alice",
                "event create tomorrow 21:00 Stretching --repeat \"every day\"",
            )
            .await;
        assert!(
            text(&daily).contains("Wed 2 Dec 2026, 21:00 UTC"),
            "{}",
            text(&daily)
        );
        // A date without a time takes the repetition's time.
        let choir = chat
            .say(
                "alice",
                "event create next friday Choir --repeat \"every friday 19:00\"",
            )
            .await;
        assert!(
            text(&choir).contains("Fri 4 Dec 2026, 19:00 UTC"),
            "{}",
            text(&choir)
        );
        let file = ics(&chat).await;
        assert!(file.contains("DTSTART:20261204T233000Z"), "{file}");
        assert!(
            file.contains("RRULE:FREQ=WEEKLY;BYDAY=FR;BYHOUR=23;BYMINUTE=30"),
            "{file}"
        );
        assert!(file.contains("DTSTART:20261202T210000Z"), "{file}");
    })
    .await;
}

#[tokio::test]
async fn two_different_times_in_when_and_repeat_are_refused_in_both_languages() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2026-12-01T12:00:00Z");
        let reply = chat
            .say(
                "alice",
                "event create next friday 23:30 Late show --repeat \"every friday 19:00\"",
            )
            .await;
        assert_eq!(reply.tone, Tone::Error, "{}", text(&reply));
        assert!(
            text(&reply).contains("--when says 23:30 but --repeat says 19:00"),
            "{}",
            text(&reply)
        );
        let reply = chat
            .bot
            .handle_text(
                &chat.invocation("budi", Role::Member, Some(crate::i18n::Locale::Id)),
                "acara buat jumat depan 23.30 Nonton --ulang \"setiap jumat 19.00\"",
            )
            .await;
        assert_eq!(reply.tone, Tone::Error, "{}", text(&reply));
        assert!(
            text(&reply).contains("--kapan menyebut 23.30, tetapi --ulang menyebut 19.00"),
            "{}",
            text(&reply)
        );
        // The same time twice is no conflict.
        let same = chat
            .say(
                "alice",
                "event create next friday 19:00 Choir --repeat \"every friday 19:00\"",
            )
            .await;
        assert_eq!(same.tone, Tone::Success, "{}", text(&same));
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let stored = repo::fetch_event_by_number(&mut conn, &chat.space.key(), 1)
            .await
            .unwrap()
            .expect("only the last one was stored");
        assert_eq!(stored.title, "Choir");
    })
    .await;
}

#[tokio::test]
async fn a_series_edited_from_another_zone_is_stored_listed_and_exported_alike() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2026-12-01T12:00:00Z");
        chat.say_as("mod", Role::Moderator, "settings timezone Europe/Berlin")
            .await;
        chat.say("bob", "timezone set America/New_York").await;
        chat.say("alice", "timezone set Europe/Berlin").await;
        chat.say("bob", "event create every tuesday 19:00 Meetup")
            .await;
        let edited = chat
            .say_as(
                "alice",
                Role::Moderator,
                "event edit 1 --when \"every tuesday 18:30\"",
            )
            .await;
        assert_ne!(edited.tone, Tone::Error, "{}", text(&edited));
        assert!(
            text(&edited).contains("Tue 1 Dec 2026, 18:30 CET"),
            "{}",
            text(&edited)
        );
        let listed = chat.say("carol", "event list").await;
        assert!(
            text(&listed).contains("Tue 1 Dec 2026, 18:30 CET"),
            "not 00:30 CET: {}",
            text(&listed)
        );
        // Bob reads it in New York: 12:30 there.
        let listed = chat.say("bob", "event list").await;
        assert!(
            text(&listed).contains("Tue 1 Dec 2026, 12:30 EST"),
            "{}",
            text(&listed)
        );
        // The rule in words is local time of the series' zone, which bob is told.
        assert!(
            text(&listed).contains("every Tue at 18:30 (Europe/Berlin)"),
            "{}",
            text(&listed)
        );
        let card = chat.say("carol", "event info 1").await;
        assert!(
            text(&card).contains("every Tue at 18:30") && !text(&card).contains("(Europe/Berlin)"),
            "carol reads Berlin time: {}",
            text(&card)
        );
        let file = ics(&chat).await;
        assert!(
            file.contains("DTSTART;TZID=Europe/Berlin:20261201T183000"),
            "{file}"
        );
        assert!(
            file.contains("RRULE:FREQ=WEEKLY;BYDAY=TU;BYHOUR=18;BYMINUTE=30"),
            "{file}"
        );
        assert!(!file.contains("TZID=America/New_York"), "{file}");
    })
    .await;
}

#[tokio::test]
async fn a_series_with_a_count_shows_it_exports_it_and_is_over_after_its_last_date() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        // Tuesday 1 December 2026; the course meets on the next three Mondays.
        chat.now_ms = ms("2026-12-01T12:00:00Z");
        let card = chat
            .say(
                "alice",
                "event create next monday 19:00 Course --repeat \"every monday 3 times\"",
            )
            .await;
        assert_eq!(card.tone, Tone::Success, "{}", text(&card));
        assert!(
            text(&card).contains("every Mon at 19:00, 3 times"),
            "{}",
            text(&card)
        );
        let file = ics(&chat).await;
        assert!(
            file.contains("RRULE:FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0;COUNT=3"),
            "{file}"
        );
        // Monday 21 December is the third and last date.
        chat.now_ms = ms("2026-12-21T12:00:00Z");
        let listed = chat.say("bob", "event list").await;
        assert!(
            text(&listed).contains("Mon 21 Dec 2026, 19:00")
                && text(&listed).contains("every Mon at 19:00, 3 times"),
            "{}",
            text(&listed)
        );
        chat.now_ms = ms("2026-12-22T12:00:00Z");
        let listed = chat.say("bob", "event list").await;
        assert!(!text(&listed).contains("Course"), "{}", text(&listed));
    })
    .await;
}

#[tokio::test]
async fn a_series_with_ten_dates_cancelled_in_a_row_still_shows_the_next_one() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        // Tuesday 1 June 2027: a weekly choir, then a summer break of ten Mondays.
        chat.now_ms = ms("2027-06-01T12:00:00Z");
        chat.say("alice", "event create every monday 19:00 Choir")
            .await;
        for _ in 0..10 {
            let cancelled = chat.say("alice", "event cancel 1 --only-next").await;
            assert_ne!(cancelled.tone, Tone::Error, "{}", text(&cancelled));
        }
        // 7 June … 9 August are cancelled: the next date is Monday 16 August.
        let info = chat.say("bob", "event info 1").await;
        assert!(text(&info).contains("16 Aug"), "{}", text(&info));
        let answer = chat.say("bob", "rsvp 1 going").await;
        assert_ne!(answer.tone, Tone::Error, "{}", text(&answer));
    })
    .await;
}

#[tokio::test]
async fn a_series_stays_in_the_list_behind_hundreds_of_newer_events_that_are_over() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2027-06-01T12:00:00Z");
        chat.say("alice", "event create every monday 19:00 Choir")
            .await;
        // 210 one-off events after it, each over before the next is planned.
        for i in 0..210 {
            let made = chat
                .say(
                    "alice",
                    &format!("event create in 1 hour Tea {i} --duration 30m"),
                )
                .await;
            assert_eq!(made.tone, Tone::Success, "{}", text(&made));
            chat.now_ms += 2 * 3_600_000;
        }
        let list = chat.say("bob", "event list").await;
        assert!(text(&list).contains("#1 Choir"), "{}", text(&list));
    })
    .await;
}

#[tokio::test]
async fn a_weekly_meetup_typed_in_wita_is_kept_in_the_spaces_wib_and_says_how_it_was_read() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        // Tuesday 1 December 2026, 19:00 WIB.
        chat.now_ms = ms("2026-12-01T12:00:00Z");
        chat.say_as("mod", Role::Moderator, "settings timezone WIB")
            .await;
        let card = chat
            .say("alice", "event create setiap jumat jam 19.00 WITA Latihan angklung")
            .await;
        assert_eq!(card.tone, Tone::Success, "{}", text(&card));
        assert!(
            text(&card).contains(
                "I read setiap jumat jam 19.00 WITA as Fri 4 Dec 2026, 18:00 WIB (written as 19:00 WITA)."
            ),
            "{}",
            text(&card)
        );
        // The zone is not part of the title, and the series runs at 18:00 in Jakarta.
        let listed = chat.say("bob", "event list").await;
        assert!(
            text(&listed).contains("Latihan angklung") && !text(&listed).contains("WITA"),
            "{}",
            text(&listed)
        );
        assert!(text(&listed).contains("every Fri at 18:00"), "{}", text(&listed));
        // A repetition in a zone that changes its clocks is refused, with its first date.
        let drifting = chat
            .say("alice", "event create every friday 19:00 Europe/Berlin Call")
            .await;
        assert_eq!(drifting.tone, Tone::Error, "{}", text(&drifting));
        assert!(
            text(&drifting).contains("the first one would be Sat 5 Dec 2026, 01:00 WIB"),
            "{}",
            text(&drifting)
        );
    })
    .await;
}
