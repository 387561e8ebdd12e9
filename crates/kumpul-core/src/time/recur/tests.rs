use jiff::civil::{Weekday, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use super::*;

fn weekly(days: &[Weekday], hour: i8, minute: i8) -> Rule {
    Rule {
        freq: Freq::Weekly,
        interval: 1,
        weekdays: days.to_vec(),
        month_day: None,
        hour,
        minute,
    }
}

/// The next `n` occurrences after `start`, as UTC instants and local wall-clock times.
fn series(rule: &Rule, anchor: Date, zone: &str, start: &str, n: usize) -> Vec<(String, String)> {
    let tz = TimeZone::get(zone).unwrap();
    let mut after: Timestamp = start.parse().unwrap();
    let mut out = Vec::new();
    for _ in 0..n {
        let next: ZonedDateTime = rule.next_after(anchor, &tz, after).unwrap();
        out.push((
            next.timestamp().strftime("%Y-%m-%d %H:%MZ").to_string(),
            next.strftime("%a %H:%M %Z").to_string(),
        ));
        after = next.timestamp();
    }
    out
}

#[test]
fn a_weekly_evening_stays_at_19_local_across_berlins_spring_change() {
    // Berlin moves from CET (UTC+1) to CEST (UTC+2) on Sunday 29 March 2026.
    let rule = weekly(&[Weekday::Monday], 19, 0);
    let got = series(
        &rule,
        date(2026, 3, 16),
        "Europe/Berlin",
        "2026-03-16T00:00:00Z",
        3,
    );
    assert_eq!(
        got,
        [
            ("2026-03-16 18:00Z".into(), "Mon 19:00 CET".into()),
            ("2026-03-23 18:00Z".into(), "Mon 19:00 CET".into()),
            ("2026-03-30 17:00Z".into(), "Mon 19:00 CEST".into()),
        ]
    );
}

#[test]
fn a_weekly_evening_stays_at_19_local_across_berlins_autumn_change() {
    // Back to CET on Sunday 25 October 2026.
    let rule = weekly(&[Weekday::Monday], 19, 0);
    let got = series(
        &rule,
        date(2026, 10, 19),
        "Europe/Berlin",
        "2026-10-19T00:00:00Z",
        2,
    );
    assert_eq!(
        got[0],
        ("2026-10-19 17:00Z".into(), "Mon 19:00 CEST".into())
    );
    assert_eq!(got[1], ("2026-10-26 18:00Z".into(), "Mon 19:00 CET".into()));
}

#[test]
fn new_york_daily_reminders_follow_both_changes() {
    // New York: EDT from Sunday 8 March 2026, EST again from Sunday 1 November 2026.
    let rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        weekdays: vec![],
        month_day: None,
        hour: 8,
        minute: 30,
    };
    let spring = series(
        &rule,
        date(2026, 3, 7),
        "America/New_York",
        "2026-03-07T00:00:00Z",
        2,
    );
    assert_eq!(
        spring[0],
        ("2026-03-07 13:30Z".into(), "Sat 08:30 EST".into())
    );
    assert_eq!(
        spring[1],
        ("2026-03-08 12:30Z".into(), "Sun 08:30 EDT".into())
    );
    let autumn = series(
        &rule,
        date(2026, 10, 31),
        "America/New_York",
        "2026-10-31T00:00:00Z",
        2,
    );
    assert_eq!(
        autumn[0],
        ("2026-10-31 12:30Z".into(), "Sat 08:30 EDT".into())
    );
    assert_eq!(
        autumn[1],
        ("2026-11-01 13:30Z".into(), "Sun 08:30 EST".into())
    );
}

#[test]
fn a_time_skipped_by_the_spring_jump_moves_forward_by_the_jump() {
    // 02:30 does not exist in New York on 8 March 2026; it becomes 03:30 EDT.
    let rule = Rule {
        freq: Freq::Daily,
        interval: 1,
        weekdays: vec![],
        month_day: None,
        hour: 2,
        minute: 30,
    };
    let got = series(
        &rule,
        date(2026, 3, 7),
        "America/New_York",
        "2026-03-07T00:00:00Z",
        3,
    );
    assert_eq!(got[1].1, "Sun 03:30 EDT");
    assert_eq!(got[2].1, "Mon 02:30 EDT");
}

#[test]
fn zones_without_dst_keep_the_same_utc_time_all_year() {
    let rule = weekly(&[Weekday::Monday], 19, 0);
    let march = series(
        &rule,
        date(2026, 3, 16),
        "Asia/Jakarta",
        "2026-03-16T00:00:00Z",
        3,
    );
    let october = series(
        &rule,
        date(2026, 10, 19),
        "Asia/Jakarta",
        "2026-10-19T00:00:00Z",
        2,
    );
    for (utc, local) in march.iter().chain(&october) {
        assert!(utc.ends_with("12:00Z"), "{utc}");
        assert_eq!(local, "Mon 19:00 WIB");
    }
}

#[test]
fn an_interval_counts_weeks_from_the_first_occurrence() {
    let rule = Rule {
        interval: 2,
        ..weekly(&[Weekday::Saturday], 9, 0)
    };
    let got = series(&rule, date(2026, 12, 5), "UTC", "2026-12-01T00:00:00Z", 3);
    let dates: Vec<&str> = got.iter().map(|(utc, _)| &utc[..10]).collect();
    assert_eq!(dates, ["2026-12-05", "2026-12-19", "2027-01-02"]);
}

#[test]
fn monthly_rules_skip_months_without_that_day() {
    let rule = Rule {
        freq: Freq::Monthly,
        interval: 1,
        weekdays: vec![],
        month_day: Some(31),
        hour: 9,
        minute: 0,
    };
    let got = series(&rule, date(2027, 1, 31), "UTC", "2027-01-01T00:00:00Z", 3);
    let dates: Vec<&str> = got.iter().map(|(utc, _)| &utc[..10]).collect();
    assert_eq!(dates, ["2027-01-31", "2027-03-31", "2027-05-31"]);
}

#[test]
fn nothing_before_the_anchor_is_an_occurrence() {
    let rule = weekly(&[Weekday::Monday], 19, 0);
    let got = series(&rule, date(2026, 12, 7), "UTC", "2026-11-01T00:00:00Z", 1);
    assert_eq!(&got[0].0[..10], "2026-12-07");
}

#[test]
fn rules_round_trip_through_rrule_text() {
    for rule in [
        weekly(&[Weekday::Monday, Weekday::Thursday], 18, 30),
        Rule {
            interval: 2,
            ..weekly(&[Weekday::Saturday], 9, 0)
        },
        Rule {
            freq: Freq::Monthly,
            interval: 1,
            weekdays: vec![],
            month_day: Some(1),
            hour: 9,
            minute: 0,
        },
        Rule {
            freq: Freq::Daily,
            interval: 3,
            weekdays: vec![],
            month_day: None,
            hour: 0,
            minute: 5,
        },
    ] {
        assert_eq!(
            Rule::from_rrule(&rule.to_rrule()),
            Some(rule.clone()),
            "{}",
            rule.to_rrule()
        );
    }
    for bad in [
        "",
        "FREQ=YEARLY",
        "FREQ=DAILY;BYHOUR=25",
        "FREQ=WEEKLY;BYDAY=XX",
        "INTERVAL=2",
    ] {
        assert_eq!(Rule::from_rrule(bad), None, "{bad}");
    }
}
