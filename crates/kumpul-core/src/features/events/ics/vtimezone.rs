//! VTIMEZONE: a zone's offsets as a calendar file describes them (RFC 5545 §3.6.5).
//!
//! A zone that still changes its clocks every year is described by its current rules
//! (a STANDARD and a DAYLIGHT observance with a yearly RRULE such as "last Sunday of
//! March"), so a calendar app that trusts the file is right for every occurrence of an
//! open-ended series, however far ahead. The changes before those rules took effect are
//! listed one by one. A zone without changes (Asia/Jakarta) is a single STANDARD.
//!
//! The rules are read back from the zone's own transitions (jiff does not expose the
//! POSIX rule it generates them from): each change is a month, an nth or last weekday and
//! a local time, and the longest run of changes at the end of the window that two such
//! rules reproduce exactly becomes the RRULE part. A zone whose changes follow no yearly
//! rule (one tied to a lunar calendar) keeps its changes listed one by one, as far as the
//! window reaches.

use jiff::Timestamp;
use jiff::civil::{DateTime, Weekday};
use jiff::tz::{Offset, TimeZone};

use super::{offset, text};
use crate::time::Zone;
use crate::time::recur::day_code;

/// Years of zone changes looked at before the first event and after the last one; the
/// years after also show that the yearly rules hold.
const YEARS_BEFORE: i64 = 2;
const YEARS_AFTER: i64 = 12;
/// Fewest changes a yearly rule must reproduce before it is trusted (three years).
const RULE_MIN_CHANGES: usize = 6;
/// Most changes listed one by one (a bound on the loop over the zone's transitions).
const CHANGES_MAX: usize = 400;

/// One change of offset.
#[derive(Debug, Clone)]
struct Change {
    at: Timestamp,
    from: Offset,
    to: Offset,
    dst: bool,
    name: String,
}

impl Change {
    /// The moment of the change in local time before it, as RFC 5545 writes onsets.
    fn local(&self) -> DateTime {
        self.from.to_datetime(self.at)
    }
}

/// A yearly change: in `month`, on the `nth` (1–4, or -1 for the last) `weekday`, at
/// the local time of `example`, with its offsets and name.
#[derive(Debug, Clone)]
struct Yearly {
    month: i8,
    weekday: Weekday,
    nth: i8,
    example: Change,
}

impl Yearly {
    /// The readings of a change as a yearly rule: its nth weekday, and "last" when it
    /// falls in the last week of its month.
    fn readings(change: &Change) -> Vec<Yearly> {
        let local = change.local();
        let date = local.date();
        let n = (date.day() - 1) / 7 + 1;
        let mut out = Vec::new();
        for nth in [n, -1] {
            if (nth == -1 && date.day() + 7 > date.days_in_month()) || (1..=4).contains(&nth) {
                out.push(Yearly {
                    month: date.month(),
                    weekday: date.weekday(),
                    nth,
                    example: change.clone(),
                });
            }
        }
        out
    }

    fn fits(&self, change: &Change) -> bool {
        let (local, example) = (change.local(), self.example.local());
        let date = local.date();
        let nth_fits = if self.nth == -1 {
            date.day() + 7 > date.days_in_month()
        } else {
            (date.day() - 1) / 7 + 1 == self.nth
        };
        nth_fits
            && date.month() == self.month
            && date.weekday() == self.weekday
            && local.time() == example.time()
            && change.from == self.example.from
            && change.to == self.example.to
            && change.dst == self.example.dst
            && change.name == self.example.name
    }

    fn rrule(&self) -> String {
        format!(
            "RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={}{}",
            self.month,
            self.nth,
            day_code(self.weekday)
        )
    }
}

/// One STANDARD or DAYLIGHT observance starting with `change`, repeating by `rrule`.
fn observance(out: &mut Vec<String>, change: &Change, rrule: Option<String>) {
    let kind = if change.dst { "DAYLIGHT" } else { "STANDARD" };
    out.push(format!("BEGIN:{kind}"));
    out.push(format!(
        "DTSTART:{}",
        change.local().strftime("%Y%m%dT%H%M%S")
    ));
    out.push(format!("TZOFFSETFROM:{}", offset(change.from.seconds())));
    out.push(format!("TZOFFSETTO:{}", offset(change.to.seconds())));
    if let Some(rrule) = rrule {
        out.push(rrule);
    }
    out.push(format!("TZNAME:{}", text(&change.name)));
    out.push(format!("END:{kind}"));
}

/// The zone's changes from `start` to `end`, at most [`CHANGES_MAX`].
fn changes(tz: &TimeZone, start: Timestamp, end: Timestamp) -> Vec<Change> {
    let mut before = tz.to_offset(start);
    let mut out = Vec::new();
    for transition in tz.following(start).take(CHANGES_MAX) {
        if transition.timestamp() > end {
            break;
        }
        out.push(Change {
            at: transition.timestamp(),
            from: before,
            to: transition.offset(),
            dst: transition.dst().is_dst(),
            name: transition.abbreviation().to_owned(),
        });
        before = transition.offset();
    }
    out
}

/// The two yearly rules that reproduce the longest run of changes at the end, and where
/// that run starts; `None` when no such run of at least [`RULE_MIN_CHANGES`] exists.
fn yearly_rules(changes: &[Change]) -> Option<(usize, [Yearly; 2])> {
    let [.., second_last, last] = changes else {
        return None;
    };
    let mut best: Option<(usize, [Yearly; 2])> = None;
    for a in Yearly::readings(second_last) {
        for b in Yearly::readings(last) {
            let run = changes
                .iter()
                .rev()
                .take_while(|c| a.fits(c) || b.fits(c))
                .count();
            let start = changes.len() - run;
            if run >= RULE_MIN_CHANGES && best.as_ref().is_none_or(|(s, _)| start < *s) {
                best = Some((start, [a.clone(), b.clone()]));
            }
        }
    }
    best
}

/// A VTIMEZONE for events from `from` to `to` (UTC milliseconds), valid for any time
/// after `from` when the zone follows yearly rules.
pub(super) fn vtimezone(zone: &Zone, from: i64, to: i64, out: &mut Vec<String>) {
    let tz: &TimeZone = zone.tz();
    let year_ms = 366 * 24 * 3600 * 1000;
    let (Ok(start), Ok(end)) = (
        Timestamp::from_millisecond(from - YEARS_BEFORE * year_ms),
        Timestamp::from_millisecond(to.max(from) + YEARS_AFTER * year_ms),
    ) else {
        return;
    };
    out.push("BEGIN:VTIMEZONE".into());
    out.push(format!("TZID:{}", zone.name()));
    // The offset in force at the start, as a first observance; then the changes.
    let info = tz.to_offset_info(start);
    let initial = Change {
        at: start,
        from: info.offset(),
        to: info.offset(),
        dst: info.dst().is_dst(),
        name: info.abbreviation().to_owned(),
    };
    observance(out, &initial, None);
    let changes = changes(tz, start, end);
    let (listed, rules) = match yearly_rules(&changes) {
        Some((run_start, rules)) => (&changes[..run_start], Some((run_start, rules))),
        None => (&changes[..], None),
    };
    for change in listed {
        observance(out, change, None);
    }
    if let Some((run_start, rules)) = rules {
        for rule in rules {
            // The rule's first onset in the run is its DTSTART.
            if let Some(first) = changes[run_start..].iter().find(|c| rule.fits(c)) {
                observance(out, first, Some(rule.rrule()));
            }
        }
    }
    out.push("END:VTIMEZONE".into());
}
