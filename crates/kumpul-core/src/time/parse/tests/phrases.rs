//! Clock idioms and day phrases as people type them, in both languages (Monday 30
//! November 2026, 10:00 in Jakarta).

use super::*;

#[test]
fn indonesian_clock_idioms_are_read_as_meant() {
    let table = [
        // `setengah 8` is half *to* eight.
        ("jam setengah 8 malam", "2026-11-30 19:30"),
        ("setengah 8 malam", "2026-11-30 19:30"),
        ("besok jam setengah 8 pagi", "2026-12-01 07:30"),
        ("besok pagi jam setengah 7", "2026-12-01 06:30"),
        ("jam setengah 1 siang", "2026-11-30 12:30"),
        ("besok sore jam setengah 5", "2026-12-01 16:30"),
        ("jam setengah 20", "2026-11-30 19:30"),
        ("jam 7 kurang seperempat malam", "2026-11-30 18:45"),
        ("besok jam 7 kurang seperempat pagi", "2026-12-01 06:45"),
        ("jam 8 lewat seperempat malam", "2026-11-30 20:15"),
        ("besok pagi jam 8 lewat 10 menit", "2026-12-01 08:10"),
        ("besok jam 8 lewat 10 menit pagi", "2026-12-01 08:10"),
        ("jam 8 lebih 10 malam", "2026-11-30 20:10"),
        ("jam 8 kurang 10 malam", "2026-11-30 19:50"),
        ("jam 8 kurang 10 menit malam", "2026-11-30 19:50"),
        ("pukul 20 kurang seperempat", "2026-11-30 19:45"),
        ("jam 13 lewat 30", "2026-11-30 13:30"),
        ("jam 1 kurang seperempat siang", "2026-11-30 12:45"),
        // `nanti` is later today.
        ("nanti jam 3 sore", "2026-11-30 15:00"),
        ("nanti malam jam 8", "2026-11-30 20:00"),
        ("nanti pukul 15.00", "2026-11-30 15:00"),
        ("ntar jam setengah 5 sore", "2026-11-30 16:30"),
        ("nanti siang", "2026-11-30 12:00"),
        ("besok sore", "2026-12-01 15:00"),
        ("sore ini", "2026-11-30 15:00"),
    ];
    for (input, expected) in table {
        assert_eq!(once(input), expected, "{input}");
    }
}

#[test]
fn an_idiom_on_the_twelve_hour_clock_asks_like_a_bare_hour() {
    assert_eq!(
        readings("jam setengah 8", &now()),
        [
            (
                "2026-11-30 19:30".to_owned(),
                "jam setengah 8 malam".to_owned()
            ),
            (
                "2026-12-01 07:30".to_owned(),
                "jam setengah 8 pagi".to_owned()
            ),
        ]
    );
    assert_eq!(
        readings("jam 7 kurang seperempat", &now()),
        [
            (
                "2026-11-30 18:45".to_owned(),
                "jam 7 kurang seperempat malam".to_owned()
            ),
            (
                "2026-12-01 06:45".to_owned(),
                "jam 7 kurang seperempat pagi".to_owned()
            ),
        ]
    );
}

#[test]
fn english_clock_idioms_are_read_as_meant() {
    let table = [
        ("half past 7 pm", "2026-11-30 19:30"),
        ("tomorrow at half past 7 am", "2026-12-01 07:30"),
        ("quarter to 8 pm", "2026-11-30 19:45"),
        ("tomorrow at a quarter past 9 am", "2026-12-01 09:15"),
        ("at 10 past 8 pm", "2026-11-30 20:10"),
        ("at 20 to 9 pm", "2026-11-30 20:40"),
        (
            "tomorrow at 20 minutes to 9 in the evening",
            "2026-12-01 20:40",
        ),
        ("quarter past 18", "2026-11-30 18:15"),
    ];
    for (input, expected) in table {
        assert_eq!(once(input), expected, "{input}");
    }
}

#[test]
fn impossible_idioms_are_refused() {
    for impossible in [
        "jam 0 kurang 10",
        "setengah 0",
        "jam 24 lewat 10",
        "jam 8 kurang 75",
        "jam 25 kurang seperempat",
    ] {
        assert_eq!(
            parse_when(impossible, &now()),
            Err(TimeError::Impossible),
            "{impossible}"
        );
    }
}

#[test]
fn indonesian_day_phrases_name_the_day_meant() {
    let table = [
        // Saturday of next week, not next week's Monday with "hari sabtu" left over.
        ("minggu depan hari sabtu", "2026-12-12 09:00"),
        ("sabtu minggu depan", "2026-12-12 09:00"),
        ("hari sabtu minggu depan", "2026-12-12 09:00"),
        ("hari sabtu minggu depan jam 10 pagi", "2026-12-12 10:00"),
        ("minggu depan hari sabtu jam 19.00", "2026-12-12 19:00"),
        ("minggu depan sabtu", "2026-12-12 09:00"),
        ("pekan depan hari rabu", "2026-12-09 09:00"),
        ("minggu depan hari minggu", "2026-12-13 09:00"),
        ("sabtu minggu ini", "2026-12-05 09:00"),
        ("minggu ini hari jumat jam 8 malam", "2026-12-04 20:00"),
        // The coming Saturday.
        ("hari sabtu", "2026-12-05 09:00"),
        ("sabtu depan", "2026-12-05 09:00"),
        // Months.
        ("bulan depan", "2026-12-30 09:00"),
        ("bulan depan tanggal 5 jam 19.00", "2026-12-05 19:00"),
        ("tanggal 5 bulan depan", "2026-12-05 09:00"),
        ("sebulan lagi", "2026-12-30 10:00"),
        ("2 bulan lagi", "2027-01-30 10:00"),
        ("dalam 3 bulan", "2027-02-28 10:00"),
        ("seminggu dari sekarang", "2026-12-07 10:00"),
    ];
    for (input, expected) in table {
        assert_eq!(once(input), expected, "{input}");
    }
}

#[test]
fn english_day_phrases_name_the_day_meant() {
    let table = [
        ("this evening", "2026-11-30 19:00"),
        ("this afternoon", "2026-11-30 15:00"),
        ("this evening at 8", "2026-11-30 20:00"),
        ("later tonight", "2026-11-30 19:00"),
        ("later this afternoon", "2026-11-30 15:00"),
        // Three hours from now, while that is still today.
        ("later today", "2026-11-30 13:00"),
        ("later today at 5pm", "2026-11-30 17:00"),
        ("later at 5pm", "2026-11-30 17:00"),
        ("a week from today", "2026-12-07 09:00"),
        ("a week from tomorrow", "2026-12-08 09:00"),
        ("a week from today at 7pm", "2026-12-07 19:00"),
        ("3 days from tomorrow", "2026-12-04 09:00"),
        ("a month from today", "2026-12-30 09:00"),
        ("3rd of December at 8pm", "2026-12-03 20:00"),
        ("the 3rd of December", "2026-12-03 09:00"),
        ("on the 3rd at 8pm", "2026-12-03 20:00"),
        ("December 3rd 8pm", "2026-12-03 20:00"),
        ("next month", "2026-12-30 09:00"),
        ("next month on the 5th", "2026-12-05 09:00"),
        ("the 5th of next month at 6pm", "2026-12-05 18:00"),
        ("in a month", "2026-12-30 10:00"),
        ("in 2 months at 9am", "2027-01-30 09:00"),
        ("next week", "2026-12-07 09:00"),
        ("saturday next week", "2026-12-12 09:00"),
        ("next week on saturday at 7pm", "2026-12-12 19:00"),
        ("next week friday", "2026-12-11 09:00"),
        ("monday of next week", "2026-12-07 09:00"),
        ("this week friday 6pm", "2026-12-04 18:00"),
    ];
    for (input, expected) in table {
        assert_eq!(once(input), expected, "{input}");
    }
}

#[test]
fn day_words_are_part_of_the_time_and_never_of_the_text() {
    let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
    assert_eq!(recognise(&words("minggu depan hari sabtu kerja bakti")), 4);
    assert_eq!(recognise(&words("sabtu minggu depan kerja bakti")), 3);
    assert_eq!(recognise(&words("jam setengah 8 malam minum obat")), 4);
    assert_eq!(recognise(&words("jam 7 kurang seperempat pagi lari")), 5);
    assert_eq!(recognise(&words("nanti jam 3 sore jemput adik")), 4);
    assert_eq!(recognise(&words("later today call mom")), 2);
    assert_eq!(recognise(&words("a week from tomorrow pay rent")), 4);
    assert_eq!(recognise(&words("bulan depan tanggal 5 bayar iuran")), 4);
}

#[test]
fn a_part_of_today_that_is_over_is_refused_with_indonesian_advice() {
    let at = |time: &str| -> ZonedDateTime {
        format!("2026-11-30T{time}:00+07:00[Asia/Jakarta]")
            .parse()
            .unwrap()
    };
    let table = [
        (
            "nanti sore",
            "16:20",
            Some("nanti jam 5 sore"),
            "besok sore",
        ),
        ("sore ini", "16:20", Some("nanti jam 5 sore"), "besok sore"),
        ("nanti sore", "18:30", None, "besok sore"),
        (
            "nanti malam",
            "20:30",
            Some("nanti jam 9 malam"),
            "besok malam",
        ),
        (
            "nanti siang",
            "13:10",
            Some("nanti jam 2 siang"),
            "besok siang",
        ),
        (
            "this afternoon",
            "16:20",
            Some("today 5pm"),
            "tomorrow afternoon",
        ),
        ("this morning", "10:00", None, "tomorrow morning"),
        ("tonight", "20:30", Some("today 9pm"), "tomorrow evening"),
        (
            "nanti sore WITA",
            "15:10",
            Some("nanti jam 5 sore WITA"),
            "besok sore WITA",
        ),
    ];
    for (input, time, later, tomorrow) in table {
        let now = at(time);
        match parse_when(input, &now) {
            Err(TimeError::PartOfDayPassed {
                later_today,
                tomorrow: next,
                ..
            }) => {
                assert_eq!(later_today.as_deref(), later, "{input} at {time}");
                assert_eq!(next, tomorrow, "{input} at {time}");
                for suggestion in later_today.iter().chain([&next]) {
                    assert!(
                        matches!(parse_when(suggestion, &now), Ok(When::Once(a)) if a > now),
                        "{suggestion} at {time}"
                    );
                }
            }
            other => panic!("{input} at {time}: {other:?}"),
        }
    }
}

#[test]
fn later_today_late_in_the_evening_is_refused_with_what_to_type() {
    let late: ZonedDateTime = "2026-11-30T22:00:00+07:00[Asia/Jakarta]".parse().unwrap();
    match parse_when("later today", &late) {
        Err(TimeError::LateInTheDay {
            later, tomorrow, ..
        }) => {
            assert_eq!(later.as_deref(), Some("in 1 hour"));
            assert_eq!(tomorrow, "tomorrow morning");
        }
        other => panic!("{other:?}"),
    }
}
