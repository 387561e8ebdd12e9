//! A rule as RRULE text: what we store, and what calendar files carry.

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;

use super::{COUNT_MAX, End, Freq, Rule};

const DAY_CODES: [(Weekday, &str); 7] = [
    (Weekday::Monday, "MO"),
    (Weekday::Tuesday, "TU"),
    (Weekday::Wednesday, "WE"),
    (Weekday::Thursday, "TH"),
    (Weekday::Friday, "FR"),
    (Weekday::Saturday, "SA"),
    (Weekday::Sunday, "SU"),
];

/// `MO` … `SU`.
pub fn day_code(day: Weekday) -> &'static str {
    DAY_CODES
        .iter()
        .find(|(d, _)| *d == day)
        .map_or("MO", |(_, c)| c)
}

impl Rule {
    /// The RRULE text (without DTSTART) as stored: UNTIL is the last local date
    /// (`UNTIL=20270331`), read in the series' zone.
    pub fn to_rrule(&self) -> String {
        let mut out = self.body();
        match self.end {
            Some(End::Count(n)) => out.push_str(&format!(";COUNT={n}")),
            Some(End::Until(last)) => out.push_str(&format!(";UNTIL={}", last.strftime("%Y%m%d"))),
            None => {}
        }
        out
    }

    /// The RRULE for a calendar file whose DTSTART is a local time in `tz`: RFC 5545
    /// §3.3.10 wants UNTIL in UTC then, so the last date becomes the last instant of that
    /// local day.
    pub fn to_ics_rrule(&self, tz: &TimeZone) -> String {
        let Some(End::Until(last)) = self.end else {
            return self.to_rrule();
        };
        let end_of_day = last
            .to_datetime(jiff::civil::time(23, 59, 59, 0))
            .to_zoned_datetime(tz.clone())
            .map(|z| z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string());
        match end_of_day {
            Ok(until) => format!("{};UNTIL={until}", self.body()),
            Err(_) => self.to_rrule(),
        }
    }

    /// Everything but the end.
    fn body(&self) -> String {
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
            let nth = self.nth.map(|n| n.to_string()).unwrap_or_default();
            let days: Vec<String> = self
                .weekdays
                .iter()
                .map(|d| format!("{nth}{}", day_code(*d)))
                .collect();
            out.push_str(&format!(";BYDAY={}", days.join(",")));
        }
        if let Some(day) = self.month_day {
            out.push_str(&format!(";BYMONTHDAY={day}"));
        }
        out.push_str(&format!(";BYHOUR={};BYMINUTE={}", self.hour, self.minute));
        out
    }

    /// Reads what [`Rule::to_rrule`] wrote; anything else (another frequency, an ordinal
    /// outside a monthly rule, COUNT and UNTIL together) is `None`.
    pub fn from_rrule(text: &str) -> Option<Rule> {
        let mut rule = Rule::new(Freq::Daily, 9, 0);
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
                "BYDAY" => read_days(value, &mut rule)?,
                "BYMONTHDAY" => {
                    rule.month_day = Some(value.parse().ok().filter(|d| (1..=31).contains(d))?)
                }
                "BYHOUR" => rule.hour = value.parse().ok().filter(|h| (0..24).contains(h))?,
                "BYMINUTE" => rule.minute = value.parse().ok().filter(|m| (0..60).contains(m))?,
                "COUNT" if rule.end.is_none() => {
                    let n = value.parse().ok().filter(|n| (1..=COUNT_MAX).contains(n))?;
                    rule.end = Some(End::Count(n));
                }
                "UNTIL" if rule.end.is_none() => {
                    let date = Date::strptime("%Y%m%d", value).ok()?;
                    rule.end = Some(End::Until(date));
                }
                _ => return None,
            }
        }
        let nth_fits = rule.nth.is_none()
            || (rule.freq == Freq::Monthly && rule.weekdays.len() == 1 && rule.month_day.is_none());
        (has_freq && nth_fits).then_some(rule)
    }
}

/// `MO,TH` or one ordinal day, `1SA` / `-1FR`.
fn read_days(value: &str, rule: &mut Rule) -> Option<()> {
    for code in value.split(',') {
        let split = code.len().checked_sub(2)?;
        let (ordinal, day) = code.split_at_checked(split)?;
        let day = DAY_CODES.iter().find(|(_, c)| *c == day)?.0;
        if !ordinal.is_empty() {
            let n: i8 = ordinal.parse().ok()?;
            if !(n == -1 || (1..=4).contains(&n)) || rule.nth.is_some() {
                return None;
            }
            rule.nth = Some(n);
        }
        rule.weekdays.push(day);
    }
    Some(())
}
