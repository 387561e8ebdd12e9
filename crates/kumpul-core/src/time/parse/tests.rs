//! The parser's tables: what real people type, in both languages, and how each refusal
//! explains itself. Zones named inside a time are in [`zones`]; clock idioms and day
//! phrases in [`phrases`].

mod phrases;
mod refusals;
mod zones;

use refusals::readings;

use jiff::ZonedDateTime;

use super::*;

/// Monday 30 November 2026, 10:00 in Jakarta (WIB).
pub(super) fn now() -> ZonedDateTime {
    "2026-11-30T10:00:00+07:00[Asia/Jakarta]".parse().unwrap()
}

pub(super) fn once(input: &str) -> String {
    match parse_when(input, &now()) {
        Ok(When::Once(at)) => at.strftime("%Y-%m-%d %H:%M").to_string(),
        other => panic!("{input:?}: expected one time, got {other:?}"),
    }
}

pub(super) fn repeat(input: &str) -> (String, String) {
    match parse_when(input, &now()) {
        Ok(When::Repeat { rule, first }) => (
            rule.to_rrule(),
            first.strftime("%Y-%m-%d %H:%M").to_string(),
        ),
        other => panic!("{input:?}: expected a recurrence, got {other:?}"),
    }
}

#[test]
fn single_times_in_english_and_indonesian() {
    let table = [
        // Absolute
        ("2026-12-01 19:00", "2026-12-01 19:00"),
        ("1 Dec 19:00", "2026-12-01 19:00"),
        ("Dec 1 7pm", "2026-12-01 19:00"),
        ("1 December 2026 at 7:30pm", "2026-12-01 19:30"),
        ("25/12 18:00", "2026-12-25 18:00"),
        ("Jan 5", "2027-01-05 09:00"),
        ("December 24th 6pm", "2026-12-24 18:00"),
        ("1 Desember jam 19.00", "2026-12-01 19:00"),
        ("24 Des 2026 jam 18.30", "2026-12-24 18:30"),
        ("tanggal 5 jam 14.00", "2026-12-05 14:00"),
        ("tanggal 1 Desember pukul 08.00", "2026-12-01 08:00"),
        // Relative
        ("in 2 hours", "2026-11-30 12:00"),
        ("in 30 minutes", "2026-11-30 10:30"),
        ("in 3 days", "2026-12-03 10:00"),
        ("in 1 hour 30 minutes", "2026-11-30 11:30"),
        ("in 1 hour and 30 minutes", "2026-11-30 11:30"),
        ("in 2h", "2026-11-30 12:00"),
        ("in 1h30m", "2026-11-30 11:30"),
        ("in an hour", "2026-11-30 11:00"),
        ("in half an hour", "2026-11-30 10:30"),
        ("in 2 weeks", "2026-12-14 10:00"),
        ("2 hours from now", "2026-11-30 12:00"),
        ("in 2 days at 7pm", "2026-12-02 19:00"),
        ("dalam 2 jam", "2026-11-30 12:00"),
        ("dalam 30 menit", "2026-11-30 10:30"),
        ("3 hari lagi", "2026-12-03 10:00"),
        ("setengah jam lagi", "2026-11-30 10:30"),
        ("2 minggu lagi", "2026-12-14 10:00"),
        ("sejam lagi", "2026-11-30 11:00"),
        // Day words
        ("tomorrow 7pm", "2026-12-01 19:00"),
        ("7pm tomorrow", "2026-12-01 19:00"),
        ("tomorrow at 7:30 pm", "2026-12-01 19:30"),
        ("tomorrow", "2026-12-01 09:00"),
        ("tomorrow morning", "2026-12-01 09:00"),
        ("tomorrow evening", "2026-12-01 19:00"),
        ("tomorrow at noon", "2026-12-01 12:00"),
        ("day after tomorrow 8am", "2026-12-02 08:00"),
        ("today 3pm", "2026-11-30 15:00"),
        ("tonight", "2026-11-30 19:00"),
        ("tonight at 9pm", "2026-11-30 21:00"),
        ("next friday 19:00", "2026-12-04 19:00"),
        ("friday 7pm", "2026-12-04 19:00"),
        ("Friday, 7 PM.", "2026-12-04 19:00"),
        ("next monday 9am", "2026-12-07 09:00"),
        ("monday 11am", "2026-11-30 11:00"),
        ("monday 9am", "2026-12-07 09:00"),
        ("this wednesday in the evening", "2026-12-02 19:00"),
        ("next week", "2026-12-07 09:00"),
        ("besok jam 7 malam", "2026-12-01 19:00"),
        ("besok jam 7 pagi", "2026-12-01 07:00"),
        ("besok jam 3 sore", "2026-12-01 15:00"),
        ("besok jam 1 siang", "2026-12-01 13:00"),
        ("lusa pagi", "2026-12-02 09:00"),
        ("nanti sore", "2026-11-30 15:00"),
        ("nanti malam", "2026-11-30 19:00"),
        ("malam ini jam 8", "2026-11-30 20:00"),
        ("jumat depan 19.00", "2026-12-04 19:00"),
        ("jum'at depan jam 7 malam", "2026-12-04 19:00"),
        ("minggu depan", "2026-12-07 09:00"),
        ("hari minggu jam 10 pagi", "2026-12-06 10:00"),
        ("minggu jam 8 malam", "2026-12-06 20:00"),
        ("senin depan jam 9 pagi", "2026-12-07 09:00"),
        ("hari ini jam 5 sore", "2026-11-30 17:00"),
        // Times of day
        ("19:00", "2026-11-30 19:00"),
        ("19.30", "2026-11-30 19:30"),
        ("7.30pm", "2026-11-30 19:30"),
        ("9:00", "2026-12-01 09:00"),
        ("noon", "2026-11-30 12:00"),
        ("at 13", "2026-11-30 13:00"),
        ("jam 7 pagi", "2026-12-01 07:00"),
        ("jam 7 malam", "2026-11-30 19:00"),
        ("pukul 21.15", "2026-11-30 21:15"),
        ("jam 12 malam", "2026-12-01 00:00"),
        ("jam 12 siang", "2026-11-30 12:00"),
    ];
    assert!(table.len() >= 60, "the table covers at least 60 inputs");
    for (input, expected) in table {
        assert_eq!(once(input), expected, "{input:?}");
    }
}

#[test]
fn recurrences_in_english_and_indonesian() {
    let table = [
        (
            "every monday 19:00",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0",
            "2026-11-30 19:00",
        ),
        (
            "every weekday 08:00",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0",
            "2026-12-01 08:00",
        ),
        (
            "every 2 weeks on saturday",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=9;BYMINUTE=0",
            "2026-12-05 09:00",
        ),
        (
            "every other week on friday at 6pm",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;BYHOUR=18;BYMINUTE=0",
            "2026-12-04 18:00",
        ),
        (
            "monthly on the 1st",
            "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0",
            "2026-12-01 09:00",
        ),
        (
            "every month on the 15th at 10:30",
            "FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=10;BYMINUTE=30",
            "2026-12-15 10:30",
        ),
        (
            "every day at 7am",
            "FREQ=DAILY;BYHOUR=7;BYMINUTE=0",
            "2026-12-01 07:00",
        ),
        (
            "daily 21:00",
            "FREQ=DAILY;BYHOUR=21;BYMINUTE=0",
            "2026-11-30 21:00",
        ),
        (
            "every morning",
            "FREQ=DAILY;BYHOUR=9;BYMINUTE=0",
            "2026-12-01 09:00",
        ),
        (
            "every monday and thursday at 6pm",
            "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=18;BYMINUTE=0",
            "2026-11-30 18:00",
        ),
        (
            "setiap senin jam 19.00",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0",
            "2026-11-30 19:00",
        ),
        (
            "setiap tanggal 1",
            "FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0",
            "2026-12-01 09:00",
        ),
        (
            "setiap hari jam 6 pagi",
            "FREQ=DAILY;BYHOUR=6;BYMINUTE=0",
            "2026-12-01 06:00",
        ),
        (
            "tiap minggu",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0",
            "2026-12-07 09:00",
        ),
        (
            "setiap hari minggu jam 7 pagi",
            "FREQ=WEEKLY;BYDAY=SU;BYHOUR=7;BYMINUTE=0",
            "2026-12-06 07:00",
        ),
        (
            "setiap hari kerja jam 08.00",
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0",
            "2026-12-01 08:00",
        ),
        (
            "setiap 2 minggu hari sabtu",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=9;BYMINUTE=0",
            "2026-12-05 09:00",
        ),
        (
            "setiap malam",
            "FREQ=DAILY;BYHOUR=19;BYMINUTE=0",
            "2026-11-30 19:00",
        ),
    ];
    for (input, rrule, first) in table {
        assert_eq!(
            repeat(input),
            (rrule.to_owned(), first.to_owned()),
            "{input:?}"
        );
    }
}

#[test]
fn the_time_part_of_a_sentence_is_recognised() {
    let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
    assert_eq!(recognise(&words("tomorrow 7pm call mom")), 2);
    assert_eq!(recognise(&words("besok jam 7 malam rapat RT")), 4);
    assert_eq!(recognise(&words("in 2 hours check the oven")), 3);
    assert_eq!(recognise(&words("every monday 19:00 choir practice")), 3);
    assert_eq!(recognise(&words("setiap tanggal 1 bayar iuran")), 3);
    assert_eq!(recognise(&words("tomorrow at the park")), 1);
    assert_eq!(recognise(&words("buy milk")), 0);
    assert_eq!(
        recognise(&words("2 books to return")),
        0,
        "a bare number is not a time"
    );
}

#[test]
fn weekdays_of_the_month_in_english_and_indonesian() {
    // Today is Monday 30 November 2026; December starts on a Tuesday.
    let first_saturday = (
        "FREQ=MONTHLY;BYDAY=1SA;BYHOUR=10;BYMINUTE=0",
        "2026-12-05 10:00",
    );
    let last_friday = (
        "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=19;BYMINUTE=0",
        "2026-12-25 19:00",
    );
    let table = [
        ("first saturday of the month 10:00", first_saturday),
        ("every first saturday of the month at 10am", first_saturday),
        ("every 1st saturday 10:00", first_saturday),
        ("setiap sabtu pertama jam 10.00", first_saturday),
        ("sabtu pertama setiap bulan jam 10 pagi", first_saturday),
        ("every last friday of the month 19:00", last_friday),
        ("last friday of every month at 7pm", last_friday),
        (
            "sabtu terakhir setiap bulan 19.00",
            (
                "FREQ=MONTHLY;BYDAY=-1SA;BYHOUR=19;BYMINUTE=0",
                "2026-12-26 19:00",
            ),
        ),
        ("setiap jumat terakhir jam 7 malam", last_friday),
        (
            "every third wednesday of the month 18:30",
            (
                "FREQ=MONTHLY;BYDAY=3WE;BYHOUR=18;BYMINUTE=30",
                "2026-12-16 18:30",
            ),
        ),
        (
            "setiap hari kamis kedua 19.00",
            (
                "FREQ=MONTHLY;BYDAY=2TH;BYHOUR=19;BYMINUTE=0",
                "2026-12-10 19:00",
            ),
        ),
    ];
    for (input, (rule, first)) in table {
        assert_eq!(
            repeat(input),
            (rule.to_owned(), first.to_owned()),
            "{input}"
        );
    }
    // Without `every` or `of the month` it is not a series.
    assert!(parse_when("first saturday 10:00", &now()).is_err());
    assert!(parse_when("sabtu pertama jam 10", &now()).is_err());
    // `every second tuesday` could be every other Tuesday: the month must be said.
    assert!(parse_when("every second tuesday 19:00", &now()).is_err());
    assert_eq!(
        repeat("every second tuesday of the month 19:00").0,
        "FREQ=MONTHLY;BYDAY=2TU;BYHOUR=19;BYMINUTE=0"
    );
}

#[test]
fn series_end_on_a_date_or_after_a_count() {
    let table = [
        (
            "every monday 19:00 until 31 March",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0;UNTIL=20270331",
        ),
        (
            "setiap senin 19.00 sampai 31 Maret",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0;UNTIL=20270331",
        ),
        (
            "setiap senin jam 19.00 sampai tanggal 31 Maret 2027",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0;UNTIL=20270331",
        ),
        (
            "every day 8am 10 times",
            "FREQ=DAILY;BYHOUR=8;BYMINUTE=0;COUNT=10",
        ),
        (
            "setiap hari jam 8 pagi 10 kali",
            "FREQ=DAILY;BYHOUR=8;BYMINUTE=0;COUNT=10",
        ),
        (
            "setiap sabtu pertama jam 10.00 sebanyak 6 kali",
            "FREQ=MONTHLY;BYDAY=1SA;BYHOUR=10;BYMINUTE=0;COUNT=6",
        ),
        (
            "every last friday of the month 19:00 until 2027-06-30",
            "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=19;BYMINUTE=0;UNTIL=20270630",
        ),
    ];
    for (input, rule) in table {
        assert_eq!(repeat(input).0, rule, "{input}");
    }
    // The until date is included: a Monday 19:00 series until today still has today.
    assert_eq!(
        repeat("every monday 19:00 until 30 November").1,
        "2026-11-30 19:00"
    );
}

#[test]
fn the_ends_of_a_series_are_recognised_before_the_text() {
    let words: Vec<&str> = "every monday 19:00 until 31 March water the plants"
        .split_whitespace()
        .collect();
    assert_eq!(recognise(&words), 6);
    let words: Vec<&str> = "setiap hari 10 kali minum obat"
        .split_whitespace()
        .collect();
    assert_eq!(recognise(&words), 4);
}

#[test]
fn a_time_of_day_is_told_apart_from_a_day_alone() {
    for timed in [
        "friday 23:30",
        "tomorrow 9pm",
        "every friday 19:00",
        "besok malam",
    ] {
        assert!(gives_time(timed), "{timed}");
    }
    for untimed in ["next friday", "every friday", "setiap jumat", "2026-12-04"] {
        assert!(!gives_time(untimed), "{untimed}");
    }
}
