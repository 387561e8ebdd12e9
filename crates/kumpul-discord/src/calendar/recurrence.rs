//! A series as Discord's `recurrence_rule`, where Discord can show it.
//!
//! Discord accepts only some rules from applications (its docs, "Guild Scheduled Event
//! Recurrence Rule — System Limitations"): `end`, `count` and `by_year_day` cannot be
//! set; an interval above 1 only for weekly rules, and then only 2; a weekly rule on one
//! day; a daily rule only on one of a few fixed sets of weekdays; a monthly rule only on
//! one nth weekday (`by_n_weekday`, one entry); a yearly rule on one month and day. We
//! mirror:
//! - weekly on one day, every week or every other week → `WEEKLY`;
//! - weekly on one of Discord's weekday sets (Mon–Fri, Sat–Sun, …) → `DAILY` + `by_weekday`;
//! - monthly on the 1st–4th weekday → `MONTHLY` + `by_n_weekday`.
//!
//! Everything else keeps a one-off scheduled event for the next occurrence (moved on as
//! the series moves on): every day or every N days (Discord's daily rule needs a weekday
//! set), a day of the month, the last weekday of the month (Discord's "week 5" is not
//! "the last"), and any series with an end (a mirrored open series would show dates
//! after it ends).
//!
//! Discord's rule has no time zone: its days are UTC days of `start`, and every
//! occurrence keeps `start`'s UTC time. Our rule is local time of the series' zone, so a
//! zone with daylight-saving time would drift an hour on Discord for half the year
//! ("every Tuesday 19:00" in Berlin, mirrored in December, would show 20:00 from spring).
//! A series is therefore mirrored as a rule only in a zone with one offset all year (UTC,
//! Asia/Jakarta, …) and when its local time falls on the same date in UTC; otherwise the
//! one-off stays, and moves on with the series.

use kumpul_core::port::{CalendarSeries, Freq, Rule, Zone};
use serde_json::{Value, json};

/// Discord's DAILY weekday sets (0 = Monday … 6 = Sunday).
const DAILY_SETS: [&[u8]; 6] = [
    &[0, 1, 2, 3, 4],
    &[1, 2, 3, 4, 5],
    &[6, 0, 1, 2, 3],
    &[4, 5],
    &[5, 6],
    &[6, 0],
];

const DAY_MS: i64 = 24 * 3600 * 1000;

/// The `recurrence_rule` for a series whose next occurrence starts at `starts_at`, or
/// `None` when Discord cannot show the rule (see the module's list).
pub fn recurrence_rule(series: &CalendarSeries, starts_at: i64) -> Option<Value> {
    let rule: &Rule = &series.rule;
    if rule.end.is_some() || !fixed_offset_same_day(series, starts_at) {
        return None;
    }
    let start = serenity::all::Timestamp::from_millis(starts_at)
        .ok()?
        .to_rfc3339()?;
    // Discord numbers the days from 0 = Monday.
    let days: Vec<u8> = rule
        .weekdays
        .iter()
        .map(|d| d.to_monday_zero_offset() as u8)
        .collect();
    match (rule.freq, rule.nth, rule.interval) {
        (Freq::Weekly, None, 1 | 2) if days.len() == 1 => Some(json!({
            "start": start,
            "frequency": 2,
            "interval": rule.interval,
            "by_weekday": days,
        })),
        (Freq::Weekly, None, 1) if is_daily_set(&days) => Some(json!({
            "start": start,
            "frequency": 3,
            "interval": 1,
            "by_weekday": days,
        })),
        (Freq::Monthly, Some(n @ 1..=4), 1) if days.len() == 1 => Some(json!({
            "start": start,
            "frequency": 1,
            "interval": 1,
            "by_n_weekday": [{ "n": n, "day": days[0] }],
        })),
        _ => None,
    }
}

/// Whether `days` is one of Discord's DAILY weekday sets (in any order).
fn is_daily_set(days: &[u8]) -> bool {
    DAILY_SETS
        .iter()
        .any(|set| set.len() == days.len() && set.iter().all(|d| days.contains(d)))
}

/// Whether the zone keeps one offset through the coming year (no daylight-saving time
/// for Discord's zone-less rule to drift across) and the rule's local time of day falls
/// on the same date in UTC under it.
fn fixed_offset_same_day(series: &CalendarSeries, starts_at: i64) -> bool {
    let Ok(zone) = Zone::parse(&series.zone) else {
        return false;
    };
    let minute_of_day = i64::from(series.rule.hour) * 60 + i64::from(series.rule.minute);
    // Thirteen samples, a month apart: every offset of a yearly DST cycle.
    let offsets: Option<Vec<i32>> = (0..13)
        .map(|month| zone.offset_seconds_at(starts_at + month * 30 * DAY_MS))
        .collect();
    let Some(offsets) = offsets else {
        return false;
    };
    let offset_minutes = i64::from(offsets[0]) / 60;
    offsets.iter().all(|o| *o == offsets[0])
        && (0..24 * 60).contains(&(minute_of_day - offset_minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(rrule: &str, zone: &str) -> CalendarSeries {
        CalendarSeries {
            rule: Rule::from_rrule(rrule).unwrap(),
            zone: zone.to_owned(),
        }
    }

    /// Tue 8 Dec 2026, 19:00 in Jakarta (12:00 UTC).
    const TUESDAY_EVENING: i64 = 1_796_731_200_000;

    #[test]
    fn a_weekly_evening_in_jakarta_is_a_weekly_rule_on_its_day() {
        let rule = series("FREQ=WEEKLY;BYDAY=TU;BYHOUR=19;BYMINUTE=0", "Asia/Jakarta");
        let mut got = recurrence_rule(&rule, TUESDAY_EVENING).unwrap();
        let start = got["start"].take();
        let start = serenity::all::Timestamp::parse(start.as_str().unwrap()).unwrap();
        assert_eq!(start.unix_timestamp() * 1000, TUESDAY_EVENING);
        assert_eq!(
            got,
            json!({
                "start": null,
                "frequency": 2,
                "interval": 1,
                "by_weekday": [1],
            })
        );
    }

    #[test]
    fn rules_discord_cannot_take_stay_one_off() {
        for (rrule, zone) in [
            // An end: Discord does not let applications set one.
            (
                "FREQ=WEEKLY;BYDAY=TU;BYHOUR=19;BYMINUTE=0;COUNT=10",
                "Asia/Jakarta",
            ),
            (
                "FREQ=WEEKLY;BYDAY=TU;BYHOUR=19;BYMINUTE=0;UNTIL=20270331",
                "Asia/Jakarta",
            ),
            // Two days a week, every three weeks, every day, a day of the month, the last.
            (
                "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=19;BYMINUTE=0",
                "Asia/Jakarta",
            ),
            (
                "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;BYHOUR=19;BYMINUTE=0",
                "Asia/Jakarta",
            ),
            ("FREQ=DAILY;BYHOUR=19;BYMINUTE=0", "Asia/Jakarta"),
            (
                "FREQ=MONTHLY;BYMONTHDAY=8;BYHOUR=19;BYMINUTE=0",
                "Asia/Jakarta",
            ),
            (
                "FREQ=MONTHLY;BYDAY=-1TU;BYHOUR=19;BYMINUTE=0",
                "Asia/Jakarta",
            ),
            // 06:30 in Jakarta is the day before in UTC.
            ("FREQ=WEEKLY;BYDAY=TU;BYHOUR=6;BYMINUTE=30", "Asia/Jakarta"),
            // Daylight-saving time: Discord's zone-less rule would show 20:00 in summer.
            ("FREQ=WEEKLY;BYDAY=TU;BYHOUR=19;BYMINUTE=0", "Europe/Berlin"),
            (
                "FREQ=WEEKLY;BYDAY=TU;BYHOUR=12;BYMINUTE=0",
                "America/New_York",
            ),
        ] {
            assert_eq!(
                recurrence_rule(&series(rrule, zone), TUESDAY_EVENING),
                None,
                "{rrule}"
            );
        }
    }

    #[test]
    fn workdays_and_nth_weekdays_use_discords_daily_and_monthly_rules() {
        let workdays = series(
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=19;BYMINUTE=0",
            "Asia/Jakarta",
        );
        let got = recurrence_rule(&workdays, TUESDAY_EVENING).unwrap();
        assert_eq!(
            (got["frequency"].clone(), got["by_weekday"].clone()),
            (json!(3), json!([0, 1, 2, 3, 4]))
        );
        let second_tuesday = series(
            "FREQ=MONTHLY;BYDAY=2TU;BYHOUR=19;BYMINUTE=0",
            "Asia/Jakarta",
        );
        let got = recurrence_rule(&second_tuesday, TUESDAY_EVENING).unwrap();
        assert_eq!(got["by_n_weekday"], json!([{ "n": 2, "day": 1 }]));
        assert_eq!(got["frequency"], json!(1));
    }
}
