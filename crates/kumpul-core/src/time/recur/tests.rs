use jiff::civil::{Weekday, date};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

use super::*;

fn weekly(days: &[Weekday], hour: i8, minute: i8) -> Rule {
    Rule {
        freq: Freq::Weekly,
        interval: 1,
        weekdays: days.to_vec(),
        nth: None,
        month_day: None,
        hour,
        minute,
        end: None,
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
        nth: None,
        month_day: None,
        hour: 8,
        minute: 30,
        end: None,
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
        nth: None,
        month_day: None,
        hour: 2,
        minute: 30,
        end: None,
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
        nth: None,
        month_day: Some(31),
        hour: 9,
        minute: 0,
        end: None,
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
            nth: None,
            month_day: Some(1),
            hour: 9,
            minute: 0,
            end: None,
        },
        Rule {
            freq: Freq::Daily,
            interval: 3,
            weekdays: vec![],
            nth: None,
            month_day: None,
            hour: 0,
            minute: 5,
            end: None,
        },
        Rule {
            weekdays: vec![Weekday::Saturday],
            nth: Some(1),
            ..Rule::new(Freq::Monthly, 10, 0)
        },
        Rule {
            weekdays: vec![Weekday::Friday],
            nth: Some(-1),
            end: Some(End::Count(10)),
            ..Rule::new(Freq::Monthly, 19, 30)
        },
        Rule {
            end: Some(End::Until(date(2027, 3, 31))),
            ..weekly(&[Weekday::Monday], 19, 0)
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
        // An ordinal outside a monthly rule, two ordinal days, a fifth week, two ends.
        "FREQ=WEEKLY;BYDAY=1SA",
        "FREQ=MONTHLY;BYDAY=1SA,2SU",
        "FREQ=MONTHLY;BYDAY=5SA",
        "FREQ=DAILY;COUNT=3;UNTIL=20270101",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;COUNT=1001",
    ] {
        assert_eq!(Rule::from_rrule(bad), None, "{bad}");
    }
}

fn dates(got: &[(String, String)]) -> Vec<&str> {
    got.iter().map(|(utc, _)| &utc[..10]).collect()
}

#[test]
fn the_first_saturday_of_the_month_is_found_in_every_month() {
    let rule = Rule {
        weekdays: vec![Weekday::Saturday],
        nth: Some(1),
        ..Rule::new(Freq::Monthly, 10, 0)
    };
    let got = series(&rule, date(2026, 12, 5), "UTC", "2026-12-01T00:00:00Z", 4);
    assert_eq!(
        dates(&got),
        ["2026-12-05", "2027-01-02", "2027-02-06", "2027-03-06"]
    );
}

#[test]
fn the_last_friday_of_the_month_may_be_the_fourth_or_the_fifth() {
    let rule = Rule {
        weekdays: vec![Weekday::Friday],
        nth: Some(-1),
        ..Rule::new(Freq::Monthly, 19, 0)
    };
    // January 2027 has five Fridays (the 29th is the last), February four (the 26th).
    let got = series(
        &rule,
        date(2027, 1, 29),
        "Asia/Jakarta",
        "2027-01-01T00:00:00Z",
        3,
    );
    assert_eq!(dates(&got), ["2027-01-29", "2027-02-26", "2027-03-26"]);
    assert_eq!(got[0].1, "Fri 19:00 WIB");
}

#[test]
fn a_count_is_counted_from_the_first_occurrence_and_then_the_series_ends() {
    let rule = Rule {
        end: Some(End::Count(3)),
        ..weekly(&[Weekday::Monday], 19, 0)
    };
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let anchor = date(2026, 12, 7);
    let got = series(&rule, anchor, "Europe/Berlin", "2026-12-01T00:00:00Z", 3);
    assert_eq!(dates(&got), ["2026-12-07", "2026-12-14", "2026-12-21"]);
    // Asked from the middle, the count still starts at the anchor.
    let after_second: Timestamp = "2026-12-15T00:00:00Z".parse().unwrap();
    let third = rule.next_after(anchor, &tz, after_second).unwrap();
    assert_eq!(third.date(), date(2026, 12, 21));
    let after_third: Timestamp = "2026-12-22T00:00:00Z".parse().unwrap();
    assert_eq!(rule.next_after(anchor, &tz, after_third), None);
}

#[test]
fn an_until_date_is_the_last_date_an_occurrence_may_fall_on() {
    let rule = Rule {
        end: Some(End::Until(date(2027, 3, 29))),
        ..weekly(&[Weekday::Monday], 19, 0)
    };
    let tz = TimeZone::get("Europe/Berlin").unwrap();
    let anchor = date(2027, 3, 15);
    let got = series(&rule, anchor, "Europe/Berlin", "2027-03-01T00:00:00Z", 3);
    // Monday 29 March is the until date itself: it still happens (RFC 5545: inclusive).
    assert_eq!(dates(&got), ["2027-03-15", "2027-03-22", "2027-03-29"]);
    let after: Timestamp = got[2]
        .0
        .replace(' ', "T")
        .replace("Z", ":00Z")
        .parse()
        .unwrap();
    assert_eq!(rule.next_after(anchor, &tz, after), None);
    // A first occurrence after the last date does not exist.
    let late: Timestamp = "2027-04-01T00:00:00Z".parse().unwrap();
    assert_eq!(rule.first_after(date(2027, 4, 1), &tz, late), None);
}

#[test]
fn a_calendar_file_gets_its_until_in_utc_at_the_end_of_the_local_day() {
    let rule = Rule {
        end: Some(End::Until(date(2027, 3, 31))),
        ..weekly(&[Weekday::Monday], 19, 0)
    };
    let tz = TimeZone::get("Asia/Jakarta").unwrap();
    assert_eq!(
        rule.to_ics_rrule(&tz),
        "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0;UNTIL=20270331T165959Z"
    );
    assert_eq!(
        rule.to_rrule(),
        "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0;UNTIL=20270331"
    );
}
