//! Calendar export: RFC 5545 iCalendar files that calendar apps import.
//!
//! Every event keeps its UID (`event-<id>@kumpul`) and counts its changes in SEQUENCE, so
//! importing again updates instead of duplicating. Times are local times of the event's
//! zone with a VTIMEZONE describing that zone's offsets by its yearly rules (so a weekly
//! 19:00 stays 19:00 across DST, in any year), UTC ones for UTC. A series carries its
//! RRULE (its UNTIL in UTC, as RFC 5545 wants with a zoned DTSTART); an occurrence moved or
//! cancelled on its own is a VEVENT with RECURRENCE-ID; cancelled events say
//! `STATUS:CANCELLED`.

mod vtimezone;

use jiff::Timestamp;

use super::model::EventStatus;
use super::repo::{Event, Exception};
use crate::time::Zone;
use crate::time::recur::Rule;
use vtimezone::vtimezone;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a character (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn utc(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .map(|t| t.strftime("%Y%m%dT%H%M%SZ").to_string())
        .unwrap_or_default()
}

/// `DTSTART;TZID=Europe/Berlin:20261203T190000`, or `DTSTART:20261203T180000Z` in UTC.
fn stamp(name: &str, ms: i64, zone: &Zone) -> String {
    if zone.name() == "UTC" {
        return format!("{name}:{}", utc(ms));
    }
    let local = Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned_datetime(zone.tz().clone())
                .strftime("%Y%m%dT%H%M%S")
                .to_string()
        })
        .unwrap_or_default();
    // Fixed-offset zones are named like `UTC+07:00`: a parameter with ':' is quoted.
    let tzid = if zone.name().contains([':', ';', ',']) {
        format!("\"{}\"", zone.name())
    } else {
        zone.name().to_owned()
    };
    format!("{name};TZID={tzid}:{local}")
}

fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

fn vevent(event: &Event, zone: &Zone, recurrence: Option<&Exception>, out: &mut Vec<String>) {
    let (starts_at, status) = match recurrence {
        Some(e) => (e.starts_at, e.status),
        None => (event.starts_at, event.status),
    };
    out.push("BEGIN:VEVENT".into());
    out.push(format!("UID:event-{}@kumpul", event.id));
    out.push(format!("DTSTAMP:{}", utc(event.updated_at)));
    out.push(format!("CREATED:{}", utc(event.created_at)));
    out.push(format!("LAST-MODIFIED:{}", utc(event.updated_at)));
    out.push(format!("SEQUENCE:{}", event.revision));
    if let Some(e) = recurrence {
        out.push(stamp("RECURRENCE-ID", e.occurrence, zone));
    }
    out.push(stamp("DTSTART", starts_at, zone));
    out.push(stamp("DTEND", starts_at + event.duration_ms, zone));
    if recurrence.is_none()
        && let Some(rule) = event.rrule.as_deref().and_then(Rule::from_rrule)
    {
        out.push(format!("RRULE:{}", rule.to_ics_rrule(zone.tz())));
    }
    out.push(format!("SUMMARY:{}", text(&event.title)));
    if let Some(place) = &event.location {
        out.push(format!("LOCATION:{}", text(place)));
    }
    out.push(format!(
        "STATUS:{}",
        match status {
            EventStatus::Cancelled => "CANCELLED",
            EventStatus::Scheduled => "CONFIRMED",
        }
    ));
    out.push("END:VEVENT".into());
}

/// A calendar of `events`, each with its exceptions.
pub fn calendar(events: &[(Event, Vec<Exception>)]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//kumpul//kumpul events//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    let mut zones: Vec<(Zone, i64, i64)> = Vec::new();
    for (event, exceptions) in events {
        let Ok(zone) = Zone::parse(&event.zone) else {
            continue;
        };
        let last = exceptions
            .iter()
            .map(|e| e.starts_at)
            .chain([event.starts_at])
            .max()
            .unwrap_or(event.starts_at);
        match zones.iter_mut().find(|(z, _, _)| z.name() == zone.name()) {
            Some((_, from, to)) => {
                *from = (*from).min(event.starts_at);
                *to = (*to).max(last);
            }
            None => zones.push((zone, event.starts_at, last)),
        }
    }
    for (zone, from, to) in &zones {
        if zone.name() != "UTC" {
            vtimezone(zone, *from, *to, &mut lines);
        }
    }
    for (event, exceptions) in events {
        let Some(zone) = zones
            .iter()
            .find(|(z, _, _)| z.name() == event.zone)
            .map(|(z, _, _)| z)
        else {
            continue;
        };
        vevent(event, zone, None, &mut lines);
        if event.rrule.is_some() {
            for exception in exceptions {
                vevent(event, zone, Some(exception), &mut lines);
            }
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

#[cfg(test)]
mod expand_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded_between_characters() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        fold(&"é".repeat(60), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line:?}");
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), "é".repeat(60));
    }

    #[test]
    fn offsets_are_written_as_rfc_5545_wants() {
        assert_eq!(offset(7 * 3600), "+0700");
        assert_eq!(offset(-(3 * 3600 + 30 * 60)), "-0330");
        assert_eq!(offset(0), "+0000");
    }
}
