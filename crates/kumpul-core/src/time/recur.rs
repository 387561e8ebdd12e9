//! Recurrence rules: a small, exact subset of RFC 5545 RRULE.
//!
//! A rule is evaluated in local time of its zone and converted to an instant per
//! occurrence, so "every Monday 19:00" stays 19:00 on the wall clock across DST changes.
//! A local time that does not exist (skipped by a DST jump) moves forward by the jump;
//! one that exists twice uses the first (RFC 5545's rule, jiff's "compatible").

use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ZonedDateTime};

/// How often a rule repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
}

/// `FREQ=…;INTERVAL=…;BYDAY=…;BYMONTHDAY=…;BYHOUR=…;BYMINUTE=…`, anchored at the date of
/// its first occurrence (the RFC's DTSTART), which decides which weeks or months count
/// when the interval is above 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    /// Weekly rules: the days, in the order given.
    pub weekdays: Vec<Weekday>,
    /// Monthly rules: the day of the month; months without it are skipped.
    pub month_day: Option<i8>,
    pub hour: i8,
    pub minute: i8,
}

/// How far ahead we look for a next occurrence before giving up (a rule that never
/// matches, such as the 31st every 2 months from a short month, ends).
const SEARCH_DAYS: i64 = 3 * 366;

const DAY_CODES: [(Weekday, &str); 7] = [
    (Weekday::Monday, "MO"),
    (Weekday::Tuesday, "TU"),
    (Weekday::Wednesday, "WE"),
    (Weekday::Thursday, "TH"),
    (Weekday::Friday, "FR"),
    (Weekday::Saturday, "SA"),
    (Weekday::Sunday, "SU"),
];

impl Rule {
    /// The RRULE text (without DTSTART), as stored and as exported to calendars.
    pub fn to_rrule(&self) -> String {
        let freq = match self.freq {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
        };
        let mut out = format!("FREQ={freq}");
        if self.interval > 1 {
            out.push_str(&format!(";INTERVAL={}", self.interval));
        }
        if !self.weekdays.is_empty() {
            let days: Vec<&str> = self.weekdays.iter().map(|d| day_code(*d)).collect();
            out.push_str(&format!(";BYDAY={}", days.join(",")));
        }
        if let Some(day) = self.month_day {
            out.push_str(&format!(";BYMONTHDAY={day}"));
        }
        out.push_str(&format!(";BYHOUR={};BYMINUTE={}", self.hour, self.minute));
        out
    }

    /// Reads what [`Rule::to_rrule`] wrote.
    pub fn from_rrule(text: &str) -> Option<Rule> {
        let mut rule = Rule {
            freq: Freq::Daily,
            interval: 1,
            weekdays: Vec::new(),
            month_day: None,
            hour: 9,
            minute: 0,
        };
        let mut has_freq = false;
        for part in text.split(';') {
            let (key, value) = part.split_once('=')?;
            match key {
                "FREQ" => {
                    has_freq = true;
                    rule.freq = match value {
                        "DAILY" => Freq::Daily,
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        _ => return None,
                    }
                }
                "INTERVAL" => rule.interval = value.parse().ok().filter(|n| *n >= 1)?,
                "BYDAY" => {
                    for code in value.split(',') {
                        let day = DAY_CODES.iter().find(|(_, c)| *c == code)?.0;
                        rule.weekdays.push(day);
                    }
                }
                "BYMONTHDAY" => {
                    rule.month_day = Some(value.parse().ok().filter(|d| (1..=31).contains(d))?)
                }
                "BYHOUR" => rule.hour = value.parse().ok().filter(|h| (0..24).contains(h))?,
                "BYMINUTE" => rule.minute = value.parse().ok().filter(|m| (0..60).contains(m))?,
                _ => return None,
            }
        }
        has_freq.then_some(rule)
    }

    fn matches(&self, anchor: Date, date: Date) -> bool {
        let interval = i64::from(self.interval.max(1));
        match self.freq {
            Freq::Daily => days_between(anchor, date).rem_euclid(interval) == 0,
            Freq::Weekly => {
                let weeks = days_between(monday_of(anchor), monday_of(date)) / 7;
                weeks.rem_euclid(interval) == 0 && self.weekdays.contains(&date.weekday())
            }
            Freq::Monthly => {
                let months = (i64::from(date.year()) * 12 + i64::from(date.month()))
                    - (i64::from(anchor.year()) * 12 + i64::from(anchor.month()));
                months.rem_euclid(interval) == 0 && Some(date.day()) == self.month_day
            }
        }
    }

    /// The first occurrence strictly after `after`, counting from `anchor` (the first
    /// occurrence's date; occurrences before it do not exist).
    pub fn next_after(
        &self,
        anchor: Date,
        tz: &TimeZone,
        after: Timestamp,
    ) -> Option<ZonedDateTime> {
        let local_after = after.to_zoned_datetime(tz.clone()).date();
        // Start a day early: DST can put the next occurrence on the previous local date.
        let mut date = if local_after > anchor {
            local_after.checked_add(Span::new().days(-1)).ok()?
        } else {
            anchor
        };
        for _ in 0..SEARCH_DAYS {
            if date >= anchor && self.matches(anchor, date) {
                let zoned = self.local(date, tz)?;
                if zoned.timestamp() > after {
                    return Some(zoned);
                }
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    /// The first occurrence after `after` on or after the date `from`. Its date becomes
    /// the rule's anchor, which fixes which weeks or months count for intervals above 1.
    pub fn first_after(
        &self,
        from: Date,
        tz: &TimeZone,
        after: Timestamp,
    ) -> Option<ZonedDateTime> {
        let mut date = from;
        for _ in 0..SEARCH_DAYS {
            let kind_matches = match self.freq {
                Freq::Daily => true,
                Freq::Weekly => self.weekdays.contains(&date.weekday()),
                Freq::Monthly => Some(date.day()) == self.month_day,
            };
            if kind_matches {
                let zoned = self.local(date, tz)?;
                if zoned.timestamp() > after {
                    return Some(zoned);
                }
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    fn local(&self, date: Date, tz: &TimeZone) -> Option<ZonedDateTime> {
        let dt = DateTime::new(
            date.year(),
            date.month(),
            date.day(),
            self.hour,
            self.minute,
            0,
            0,
        )
        .ok()?;
        tz.to_zoned_datetime(dt).ok()
    }
}

fn day_code(day: Weekday) -> &'static str {
    DAY_CODES
        .iter()
        .find(|(d, _)| *d == day)
        .map_or("MO", |(_, c)| c)
}

fn days_between(from: Date, to: Date) -> i64 {
    from.until(to)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(0)
}

fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_add(Span::new().days(-back)).unwrap_or(date)
}

#[cfg(test)]
mod tests;
