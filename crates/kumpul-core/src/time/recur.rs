//! Recurrence rules: a small, exact subset of RFC 5545 RRULE.
//!
//! A rule is evaluated in local time of its zone and converted to an instant per
//! occurrence, so "every Monday 19:00" stays 19:00 on the wall clock across DST changes.
//! A local time that does not exist (skipped by a DST jump) moves forward by the jump;
//! one that exists twice uses the first (RFC 5545's rule, jiff's "compatible").
//!
//! A rule may end: after a number of occurrences (COUNT, counted from the anchor, which
//! is the first occurrence, as RFC 5545 counts from DTSTART) or on a last local date
//! (UNTIL, inclusive: an occurrence on that date still happens).

mod text;

pub use text::day_code;

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

/// When a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// After this many occurrences, the first included (`COUNT=10`).
    Count(u32),
    /// The last local date an occurrence may fall on (`UNTIL`, inclusive).
    Until(Date),
}

/// `FREQ=…;INTERVAL=…;BYDAY=…;BYMONTHDAY=…;BYHOUR=…;BYMINUTE=…;COUNT=…|UNTIL=…`, anchored
/// at the date of its first occurrence (the RFC's DTSTART), which decides which weeks or
/// months count when the interval is above 1, and where COUNT starts counting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    pub interval: u32,
    /// Weekly rules: the days, in the order given. Monthly rules with `nth`: the one day.
    pub weekdays: Vec<Weekday>,
    /// Monthly rules on a weekday of the month: 1–4 for the first to the fourth, -1 for
    /// the last (`BYDAY=1SA`, `BYDAY=-1FR`).
    pub nth: Option<i8>,
    /// Monthly rules: the day of the month; months without it are skipped.
    pub month_day: Option<i8>,
    pub hour: i8,
    pub minute: i8,
    /// Where the series stops; `None` repeats for ever.
    pub end: Option<End>,
}

/// Most occurrences a counted rule may have (`… 1000 times`).
pub const COUNT_MAX: u32 = 1000;

/// How far ahead we look for a next occurrence before giving up (a rule that never
/// matches, such as the 31st every 2 months from a short month, ends).
const SEARCH_DAYS: i64 = 3 * 366;

impl Rule {
    /// A rule that repeats for ever at `hour:minute`, with nothing else chosen.
    pub fn new(freq: Freq, hour: i8, minute: i8) -> Rule {
        Rule {
            freq,
            interval: 1,
            weekdays: Vec::new(),
            nth: None,
            month_day: None,
            hour,
            minute,
            end: None,
        }
    }

    /// Whether `date` is a day of the rule, ignoring the interval and the end.
    fn kind_matches(&self, date: Date) -> bool {
        match self.freq {
            Freq::Daily => true,
            Freq::Weekly => self.weekdays.contains(&date.weekday()),
            Freq::Monthly => match self.nth {
                Some(nth) => self.weekdays.contains(&date.weekday()) && nth_matches(nth, date),
                None => Some(date.day()) == self.month_day,
            },
        }
    }

    fn matches(&self, anchor: Date, date: Date) -> bool {
        let interval = i64::from(self.interval.max(1));
        let in_step = match self.freq {
            Freq::Daily => days_between(anchor, date).rem_euclid(interval) == 0,
            Freq::Weekly => {
                let weeks = days_between(monday_of(anchor), monday_of(date)) / 7;
                weeks.rem_euclid(interval) == 0
            }
            Freq::Monthly => {
                let months = (i64::from(date.year()) * 12 + i64::from(date.month()))
                    - (i64::from(anchor.year()) * 12 + i64::from(anchor.month()));
                months.rem_euclid(interval) == 0
            }
        };
        in_step && self.kind_matches(date)
    }

    /// Whether an occurrence on `date` is past the rule's last date.
    fn past_until(&self, date: Date) -> bool {
        matches!(self.end, Some(End::Until(last)) if date > last)
    }

    /// The first occurrence strictly after `after`, counting from `anchor` (the first
    /// occurrence's date; occurrences before it do not exist). `None` once the rule has
    /// ended (its COUNT reached or its UNTIL date passed).
    pub fn next_after(
        &self,
        anchor: Date,
        tz: &TimeZone,
        after: Timestamp,
    ) -> Option<ZonedDateTime> {
        let next = match self.end {
            Some(End::Count(count)) => self.counted_after(anchor, tz, after, count)?,
            _ => self.scan_after(anchor, tz, after)?,
        };
        (!self.past_until(next.date())).then_some(next)
    }

    /// Walks the occurrences from the anchor, counting them: the first after `after`
    /// that is still within `count`.
    fn counted_after(
        &self,
        anchor: Date,
        tz: &TimeZone,
        after: Timestamp,
        count: u32,
    ) -> Option<ZonedDateTime> {
        // Two days before the anchor: before its first occurrence whatever the zone.
        let mut cursor = tz
            .to_zoned_datetime(anchor.to_datetime(jiff::civil::Time::midnight()))
            .ok()?
            .timestamp()
            .checked_sub(Span::new().hours(48))
            .ok()?;
        for _ in 0..count.min(COUNT_MAX) {
            let occurrence = self.scan_after(anchor, tz, cursor)?;
            if occurrence.timestamp() > after {
                return Some(occurrence);
            }
            cursor = occurrence.timestamp();
        }
        None
    }

    /// The next occurrence after `after`, ignoring the end.
    fn scan_after(&self, anchor: Date, tz: &TimeZone, after: Timestamp) -> Option<ZonedDateTime> {
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
    /// `None` when there is none before the rule's UNTIL date.
    pub fn first_after(
        &self,
        from: Date,
        tz: &TimeZone,
        after: Timestamp,
    ) -> Option<ZonedDateTime> {
        let mut date = from;
        for _ in 0..SEARCH_DAYS {
            if self.past_until(date) {
                return None;
            }
            if self.kind_matches(date) {
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

/// Whether `date` is the `nth` of its weekday in its month (-1: the last).
fn nth_matches(nth: i8, date: Date) -> bool {
    if nth == -1 {
        return date.day() + 7 > date.days_in_month();
    }
    (date.day() - 1) / 7 + 1 == nth
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
