//! Zones named inside a time, read there and given back in the reader's zone (WIB here:
//! Monday 30 November 2026, 10:00 in Jakarta is 11:00 WITA, 12:00 WIT, 04:00 in Berlin,
//! and still Sunday 19:00 in Los Angeles).

use super::*;

#[test]
fn a_time_in_another_zone_is_read_there_and_given_in_the_readers() {
    let table = [
        // The issue's own: 14:00 WITA is 13:00 WIB; 07:00 WIT is 05:00 WIB, tomorrow,
        // since it is already 12:00 in Jayapura.
        ("pukul 14.00 WITA", "2026-11-30 13:00"),
        ("pukul 07.00 WIT", "2026-12-01 05:00"),
        ("jam 2 siang WITA", "2026-11-30 13:00"),
        ("besok jam 7 malam WITA", "2026-12-01 18:00"),
        ("jam 8 malam WIT", "2026-11-30 18:00"),
        ("1 Desember jam 19.00 WITA", "2026-12-01 18:00"),
        ("jumat depan 19.00 wita", "2026-12-04 18:00"),
        ("14:00 Asia/Makassar", "2026-11-30 13:00"),
        ("besok 09.00 asia/jayapura", "2026-12-01 07:00"),
        ("19:00 Europe/Berlin", "2026-12-01 01:00"),
        ("Dec 1 19:00 CET", "2026-12-02 01:00"),
        // "Tomorrow" where the time was written: Monday in Los Angeles.
        ("tomorrow 9am PST", "2026-12-01 00:00"),
        ("9am EST", "2026-11-30 21:00"),
        ("at 8pm UTC", "2026-12-01 03:00"),
        ("15:00 GMT", "2026-11-30 22:00"),
        ("19:00 UTC+8", "2026-11-30 18:00"),
        ("19:00 UTC +8", "2026-11-30 18:00"),
        ("19:00 UTC-3", "2026-12-01 05:00"),
        ("19:00 GMT+1", "2026-12-01 01:00"),
        ("jam 7 malam GMT+7", "2026-11-30 19:00"),
        ("19:00 UTC+05:30", "2026-11-30 20:30"),
        ("19:00 JST", "2026-11-30 17:00"),
        ("18:30 SGT", "2026-11-30 17:30"),
        ("20:00 AEDT", "2026-11-30 16:00"),
        ("in 2 days at 7pm WITA", "2026-12-02 18:00"),
        // The reader's own zone, however written.
        ("tomorrow 10am WIB", "2026-12-01 10:00"),
        ("19:00 (WIB)", "2026-11-30 19:00"),
        ("19:00 Asia/Jakarta", "2026-11-30 19:00"),
    ];
    for (input, expected) in table {
        assert_eq!(once(input), expected, "{input}");
    }
}

#[test]
fn a_repetition_in_a_steady_zone_is_kept_in_the_readers() {
    let table = [
        (
            "setiap jumat jam 19.00 WITA",
            "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0",
            "2026-12-04 18:00",
        ),
        // 00:30 on Monday in Makassar is 23:30 on Sunday in Jakarta.
        (
            "every monday 00:30 WITA",
            "FREQ=WEEKLY;BYDAY=SU;BYHOUR=23;BYMINUTE=30",
            "2026-12-06 23:30",
        ),
        (
            "every day 8am JST",
            "FREQ=DAILY;BYHOUR=6;BYMINUTE=0",
            "2026-12-01 06:00",
        ),
        (
            "setiap senin jam 7 malam WIT sampai 31 Desember",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=17;BYMINUTE=0;UNTIL=20261231",
            "2026-11-30 17:00",
        ),
    ];
    for (input, rrule, first) in table {
        assert_eq!(
            repeat(input),
            (rrule.to_owned(), first.to_owned()),
            "{input}"
        );
    }
}

#[test]
fn zones_that_cannot_be_read_safely_are_refused_with_what_to_write() {
    match parse_when("jam 7 malam IST", &now()) {
        Err(TimeError::AmbiguousZone { word, places, .. }) => {
            assert_eq!(word, "IST");
            assert!(places.contains("Asia/Kolkata"), "{places}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        parse_when("19:00 cst", &now()),
        Err(TimeError::AmbiguousZone { word, .. }) if word == "CST"
    ));
    // In July New York is on EDT: `EST` could mean either.
    match parse_when("15 July 9am EST", &now()) {
        Err(TimeError::ZoneOutOfSeason {
            word,
            place,
            actual,
            offset,
            ..
        }) => {
            assert_eq!((word.as_str(), place.as_str()), ("EST", "America/New_York"));
            assert_eq!((actual.as_str(), offset.as_str()), ("EDT", "UTC-5"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(once("15 July 9am EDT"), "2027-07-15 20:00");
    // Central Europe changes its clocks and Jakarta does not: a series cannot follow both.
    for drifting in ["every monday 19:00 CET", "setiap senin 19.00 Europe/Berlin"] {
        assert!(
            matches!(
                parse_when(drifting, &now()),
                Err(TimeError::RepeatInZone {
                    other_day: false,
                    ..
                })
            ),
            "{drifting}"
        );
    }
    // The 1st at 00:30 in Makassar is the last day of the month before in Jakarta.
    assert!(matches!(
        parse_when("setiap tanggal 1 jam 00.30 WITA", &now()),
        Err(TimeError::RepeatInZone {
            other_day: true,
            ..
        })
    ));
    assert_eq!(
        parse_when("19:00 WIB WITA", &now()),
        Err(TimeError::NotUnderstood {
            word: Some("WITA".into())
        })
    );
    assert!(matches!(
        parse_when("19:00 Mars/Olympus", &now()),
        Err(TimeError::NotUnderstood { word: Some(w) }) if w == "Mars/Olympus"
    ));
}

#[test]
fn a_readers_own_abbreviation_means_their_local_time_in_either_season() {
    let berlin: ZonedDateTime = "2026-07-01T10:00:00+02:00[Europe/Berlin]".parse().unwrap();
    let local = |input: &str| match parse_when(input, &berlin) {
        Ok(When::Once(at)) => at.strftime("%Y-%m-%d %H:%M %Z").to_string(),
        other => panic!("{input}: {other:?}"),
    };
    assert_eq!(local("tomorrow 19:00 CET"), "2026-07-02 19:00 CEST");
    assert_eq!(local("tomorrow 19:00 CEST"), "2026-07-02 19:00 CEST");
    assert_eq!(local("tomorrow 19:00 WIB"), "2026-07-02 14:00 CEST");
    let makassar: ZonedDateTime = "2026-11-30T10:00:00+08:00[Asia/Makassar]".parse().unwrap();
    match parse_when("pukul 14.00 WITA", &makassar) {
        Ok(When::Once(at)) => assert_eq!(at.hour(), 14),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_zone_belongs_to_the_time_and_never_to_the_text() {
    let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
    assert_eq!(recognise(&words("pukul 14.00 WITA rapat")), 3);
    assert_eq!(recognise(&words("besok jam 7 malam WIT rapat RT")), 5);
    assert_eq!(recognise(&words("tomorrow 7pm UTC+8 call mom")), 3);
    assert_eq!(recognise(&words("at 8pm UTC +8 call mom")), 4);
    assert_eq!(recognise(&words("19:00 Europe/Berlin standup")), 2);
    // Refused zones are consumed too, so the refusal names them rather than the text.
    assert_eq!(recognise(&words("19:00 IST call")), 2);
    // A zone word alone is not a time.
    assert_eq!(recognise(&words("WIB rapat")), 0);
    // Everyday English words are not zones.
    assert_eq!(recognise(&words("tomorrow 7pm wet the plants")), 2);
}

#[test]
fn an_ambiguous_hour_in_another_zone_offers_both_readings_before_the_zone() {
    // 07:00 WITA is 06:00 WIB, past today; 19:00 WITA is 18:00 WIB.
    assert_eq!(
        readings("at 7 WITA", &now()),
        [
            ("2026-11-30 18:00".to_owned(), "at 7 pm WITA".to_owned()),
            ("2026-12-01 06:00".to_owned(), "at 7 am WITA".to_owned()),
        ]
    );
}

#[test]
fn the_zone_a_time_was_typed_in_is_told_apart_from_the_readers() {
    let wib = Zone::parse("WIB").unwrap();
    let at = now().timestamp();
    let typed = |input| typed_zone(input, &wib, at).map(|z| z.abbreviation(at));
    assert_eq!(typed("pukul 14.00 WITA").as_deref(), Some("WITA"));
    assert_eq!(typed("19:00 CET").as_deref(), Some("CET"));
    assert_eq!(typed("19:00 UTC+8").as_deref(), Some("UTC+08:00"));
    assert_eq!(typed("pukul 14.00 WIB"), None);
    assert_eq!(typed("pukul 14.00"), None);
}
