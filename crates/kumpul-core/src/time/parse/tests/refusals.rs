//! Questions and refusals: both readings of a bare hour, never one already past; past
//! times with what to type; impossible and unknown input.

use super::*;

/// The two readings of an ambiguous time as local "YYYY-MM-DD HH:MM" with what to
/// type for each, in the order they are offered.
pub(super) fn readings(input: &str, now: &ZonedDateTime) -> [(String, String); 2] {
    match parse_when(input, now) {
        Err(TimeError::Ambiguous {
            first_ms,
            second_ms,
            try_first,
            try_second,
        }) => {
            let local = |ms| {
                let at = jiff::Timestamp::from_millisecond(ms).unwrap();
                let at = at.to_zoned_datetime(now.time_zone().clone());
                at.strftime("%Y-%m-%d %H:%M").to_string()
            };
            // The suggestions themselves are understood, as exactly those readings.
            for (typed, ms) in [(&try_first, first_ms), (&try_second, second_ms)] {
                match parse_when(typed, now) {
                    Ok(When::Once(at)) => assert_eq!(at.timestamp().as_millisecond(), ms),
                    Ok(When::Repeat { first, .. }) => {
                        assert_eq!(first.timestamp().as_millisecond(), ms)
                    }
                    other => panic!("{typed}: {other:?}"),
                }
            }
            [(local(first_ms), try_first), (local(second_ms), try_second)]
        }
        other => panic!("{input}: expected a question, got {other:?}"),
    }
}

#[test]
fn a_bare_hour_is_ambiguous_and_both_readings_are_offered_in_order() {
    let table = [
        // At 10:00, 07:00 today has passed: tomorrow's is offered, after today's 19:00.
        (
            "at 7",
            [
                ("2026-11-30 19:00", "at 7 pm"),
                ("2026-12-01 07:00", "at 7 am"),
            ],
        ),
        (
            "tomorrow at 7",
            [
                ("2026-12-01 07:00", "tomorrow at 7 am"),
                ("2026-12-01 19:00", "tomorrow at 7 pm"),
            ],
        ),
        (
            "besok jam 7",
            [
                ("2026-12-01 07:00", "besok jam 7 pagi"),
                ("2026-12-01 19:00", "besok jam 7 malam"),
            ],
        ),
        // `jam 3 malam` would be 03:00: the afternoon reading is written with `sore`.
        (
            "besok jam 3",
            [
                ("2026-12-01 03:00", "besok jam 3 pagi"),
                ("2026-12-01 15:00", "besok jam 3 sore"),
            ],
        ),
        (
            "jam 12",
            [
                ("2026-11-30 12:00", "jam 12 siang"),
                ("2026-12-01 00:00", "jam 12 malam"),
            ],
        ),
        // A series offers each reading's first occurrence: Monday 07:00 is next week's.
        (
            "setiap senin jam 7",
            [
                ("2026-11-30 19:00", "setiap senin jam 7 malam"),
                ("2026-12-07 07:00", "setiap senin jam 7 pagi"),
            ],
        ),
    ];
    for (input, expected) in table {
        let got = readings(input, &now());
        let expected = expected.map(|(at, typed)| (at.to_owned(), typed.to_owned()));
        assert_eq!(got, expected, "{input}");
    }
}

#[test]
fn a_bare_hour_with_one_reading_left_today_is_that_one() {
    assert_eq!(once("today at 7"), "2026-11-30 19:00");
    assert_eq!(once("hari ini jam 9"), "2026-11-30 21:00");
    assert_eq!(once("nanti jam 3"), "2026-11-30 15:00");
    let evening: ZonedDateTime = "2026-11-30T20:00:00+07:00[Asia/Jakarta]".parse().unwrap();
    match parse_when("today at 7", &evening) {
        Err(TimeError::Past { suggestion, .. }) => {
            assert_eq!(suggestion.as_deref(), Some("tomorrow at 7"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn explicit_past_times_are_rejected_with_a_suggestion() {
    match parse_when("today 8am", &now()) {
        Err(TimeError::Past { at_ms, suggestion }) => {
            assert_eq!(at_ms, now().timestamp().as_millisecond() - 2 * 3_600_000);
            assert_eq!(suggestion.as_deref(), Some("tomorrow 8am"));
            assert!(parse_when("tomorrow 8am", &now()).is_ok());
        }
        other => panic!("{other:?}"),
    }
    match parse_when("hari ini jam 8 pagi", &now()) {
        Err(TimeError::Past { suggestion, .. }) => {
            assert_eq!(suggestion.as_deref(), Some("besok jam 8 pagi"))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        parse_when("2026-11-29 10:00", &now()),
        Err(TimeError::Past {
            suggestion: None,
            ..
        })
    ));
}

#[test]
fn ambiguous_impossible_and_unknown_inputs_are_rejected() {
    assert!(matches!(
        parse_when("1/12", &now()),
        Err(TimeError::AmbiguousDate { .. })
    ));
    assert!(matches!(
        parse_when("31 feb", &now()),
        Err(TimeError::Impossible)
    ));
    assert!(matches!(
        parse_when("25:00", &now()),
        Err(TimeError::Impossible)
    ));
    assert!(matches!(
        parse_when("13pm", &now()),
        Err(TimeError::Impossible)
    ));
    assert!(matches!(
        parse_when("in 0 minutes", &now()),
        Err(TimeError::Impossible)
    ));
    assert!(matches!(
        parse_when("banana", &now()),
        Err(TimeError::NotUnderstood { word: Some(w) }) if w == "banana"
    ));
    assert!(matches!(
        parse_when("tomorrow banana", &now()),
        Err(TimeError::NotUnderstood { word: Some(w) }) if w == "banana"
    ));
    assert!(matches!(
        parse_when("", &now()),
        Err(TimeError::NotUnderstood { word: None })
    ));
}

/// A zone written wrong (`Asia/Makasar`, `UTC+99`, `GMT + 8`) belongs to the time and is
/// refused: it is never left in the text with the time read in the reader's zone.
#[test]
fn a_zone_written_wrong_is_part_of_the_time_and_refused() {
    let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
    for (input, time_words, word) in [
        ("tomorrow 7pm Asia/Makasar call", 3, "Asia/Makasar"),
        ("tomorrow 7pm UTC+99 call", 3, "UTC+99"),
        ("besok jam 7 malam GMT + 8 rapat", 6, "GMT +"),
    ] {
        assert_eq!(recognise(&words(input)), time_words, "{input}");
        let time = words(input)[..time_words].join(" ");
        assert!(
            matches!(
                parse_when(&time, &now()),
                Err(TimeError::NotUnderstood { word: Some(ref w) }) if w.eq_ignore_ascii_case(word)
            ),
            "{time}: {:?}",
            parse_when(&time, &now())
        );
    }
    // A date written with a slash is still a date, not a zone.
    assert!(matches!(
        parse_when("25/12 18:00", &now()),
        Ok(When::Once(_))
    ));
}

#[test]
fn an_end_before_the_first_date_or_a_count_too_large_is_explained() {
    assert_eq!(
        parse_when("every monday 19:00 until 2026-11-29", &now()),
        Err(TimeError::EndsBeforeStart)
    );
    assert_eq!(
        parse_when("every day 5000 times", &now()),
        Err(TimeError::TooManyTimes { max: 1000 })
    );
    assert_eq!(
        parse_when("setiap hari 0 kali", &now()),
        Err(TimeError::Impossible)
    );
}
