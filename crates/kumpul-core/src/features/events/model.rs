//! Validated event values and the occurrences of a (possibly recurring) event.

use super::repo::{Event, Exception};
use crate::catalogue::Typed;
use crate::i18n::Msg;
use crate::time::Zone;
use crate::time::duration;
use crate::time::recur::Rule;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// Most reminder times per event.
pub const REMINDERS_MAX: usize = 5;
/// Reminders further ahead than this are refused (30 days, in minutes).
pub const REMINDER_MAX_MINUTES: i64 = 30 * 1440;
/// Reminders when neither the event nor the space chose: a day and an hour before.
pub const DEFAULT_REMINDERS: &[i64] = &[1440, 60];
/// Length of an event when none is given, in minutes.
pub const DEFAULT_DURATION: i64 = 120;

pub use crate::vocab::Answer;

coded_enum! {
    /// Where an answer stands once stored (`rsvps.answer`): `going` may become a place on
    /// the waitlist.
    pub enum Standing {
        Going = "going",
        Maybe = "maybe",
        No = "no",
        Waitlist = "waitlist",
    }
}

impl Standing {
    /// The answer this standing came from (a place on the waitlist was a "going").
    pub fn answer(self) -> Answer {
        match self {
            Standing::Going | Standing::Waitlist => Answer::Going,
            Standing::Maybe => Answer::Maybe,
            Standing::No => Answer::No,
        }
    }
}

coded_enum! {
    /// Whether an event, or one occurrence of a series (`event_exceptions`), takes place.
    pub enum EventStatus {
        Scheduled = "scheduled",
        Cancelled = "cancelled",
    }
}

/// A title: 1–200 characters, no control characters.
pub fn title(text: &str) -> Result<String, Msg> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > TITLE_MAX || text.chars().any(char::is_control) {
        return Err(Msg::new("event-title-invalid").num("max", TITLE_MAX as i64));
    }
    Ok(text.to_owned())
}

/// A place: up to 200 characters, no control characters.
pub fn place(text: &str) -> Result<String, Msg> {
    let text = text.trim();
    if text.chars().count() > TITLE_MAX || text.chars().any(char::is_control) {
        return Err(Msg::new("event-place-invalid").num("max", TITLE_MAX as i64));
    }
    Ok(text.to_owned())
}

/// `1d, 1h` or `1d 1h` or `none` → minutes before the start, largest first.
pub fn reminders(text: &str) -> Result<Vec<i64>, Msg> {
    let text = text.trim();
    if matches!(
        text.to_lowercase().as_str(),
        "none" | "off" | "tidak" | "tidak ada" | "-"
    ) {
        return Ok(Vec::new());
    }
    let invalid = || {
        Msg::new("event-reminders-invalid")
            .strong("input", text)
            .num("max", REMINDERS_MAX as i64)
            .typed("example", Typed::sample(Msg::new("sample-reminders")))
            .typed("none", Typed::sample(Msg::new("sample-reminders-none")))
    };
    // Split on commas; without commas, `1d 1h` is two reminders, `1 hour` one.
    let pieces: Vec<&str> = if text.contains(',') {
        text.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect()
    } else if duration::parse_minutes(text).is_some() && !text.contains(char::is_whitespace) {
        vec![text]
    } else {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.iter().all(|w| duration::parse_minutes(w).is_some()) {
            words
        } else {
            vec![text]
        }
    };
    let mut minutes: Vec<i64> = pieces
        .iter()
        .map(|p| duration::parse_minutes(p).filter(|m| *m <= REMINDER_MAX_MINUTES))
        .collect::<Option<_>>()
        .ok_or_else(invalid)?;
    minutes.sort_unstable_by(|a, b| b.cmp(a));
    minutes.dedup();
    if minutes.is_empty() || minutes.len() > REMINDERS_MAX {
        return Err(invalid());
    }
    Ok(minutes)
}

/// Most places an event can have.
pub const CAPACITY_MAX: i64 = 100_000;

/// `--capacity` of `event edit`: a number of places, or a word for no limit (`none`,
/// `tanpa`). `None`: no limit.
pub fn capacity(text: &str) -> Result<Option<i64>, Msg> {
    let text = text.trim();
    if matches!(
        text.to_lowercase().as_str(),
        "none" | "no limit" | "unlimited" | "off" | "-" | "tanpa" | "tanpa batas" | "tidak ada"
    ) {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Ok(Some(n)),
        _ => Err(Msg::new("event-capacity-invalid")
            .strong("input", text)
            .num("max", CAPACITY_MAX)
            .code("example", "12")
            .typed("none", Typed::sample(Msg::new("sample-capacity-none")))),
    }
}

/// Reminder minutes as stored: `1440,60`; empty for none.
pub fn store_reminders(minutes: &[i64]) -> String {
    minutes
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Reminder minutes from storage.
pub fn stored_reminders(text: &str) -> Vec<i64> {
    text.split(',')
        .filter_map(|m| m.trim().parse().ok())
        .collect()
}

/// One occurrence of an event. One-off events have a single occurrence whose key is 0;
/// occurrences of a series are keyed by the start the rule gives them (iCalendar's
/// RECURRENCE-ID), which stays the same when that one occurrence is moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub key: i64,
    pub starts_at: i64,
    pub cancelled: bool,
}

/// The event's rule and zone, for a series.
pub fn series(event: &Event) -> Option<(Rule, Zone, jiff::civil::Date)> {
    let rule = Rule::from_rrule(event.rrule.as_deref()?)?;
    let zone = Zone::parse(&event.zone).ok()?;
    let anchor = jiff::Timestamp::from_millisecond(event.starts_at)
        .ok()?
        .to_zoned_datetime(zone.tz().clone())
        .date();
    Some((rule, zone, anchor))
}

/// Most occurrences looked at in one search (a year of daily events).
const SCAN_MAX: usize = 400;

/// Occurrences whose start is at or after `from`, in order, at most `limit`.
pub fn occurrences_from(
    event: &Event,
    exceptions: &[Exception],
    from: i64,
    limit: usize,
) -> Vec<Occurrence> {
    let apply = |key: i64| {
        let exception = exceptions.iter().find(|e| e.occurrence == key);
        Occurrence {
            key,
            starts_at: exception.map_or(key, |e| e.starts_at),
            cancelled: exception.is_some_and(|e| e.status == EventStatus::Cancelled),
        }
    };
    let Some((rule, zone, anchor)) = series(event) else {
        let one = Occurrence {
            key: 0,
            starts_at: event.starts_at,
            cancelled: event.is_cancelled(),
        };
        return if one.starts_at >= from {
            vec![one]
        } else {
            Vec::new()
        };
    };
    // Occurrences moved from before `from` to after it, then the rule's own from `from`.
    let mut found: Vec<Occurrence> = exceptions
        .iter()
        .filter(|e| e.occurrence < from && e.starts_at >= from)
        .map(|e| apply(e.occurrence))
        .collect();
    let mut after = from.max(event.starts_at) - 1;
    for _ in 0..limit.min(SCAN_MAX) {
        let Ok(after_ts) = jiff::Timestamp::from_millisecond(after) else {
            break;
        };
        let Some(next) = rule.next_after(anchor, zone.tz(), after_ts) else {
            break;
        };
        after = next.timestamp().as_millisecond();
        let occurrence = apply(after);
        if occurrence.starts_at >= from {
            found.push(occurrence);
        }
    }
    found.sort_by_key(|o| o.starts_at);
    found.truncate(limit);
    found
}

/// The next occurrence that has not been cancelled and has not ended.
pub fn upcoming(event: &Event, exceptions: &[Exception], now: i64) -> Option<Occurrence> {
    // Each exception cancels at most one date, so looking past as many dates as there are
    // exceptions always finds the next one that is not cancelled (a long summer break of
    // cancelled dates included).
    occurrences_from(
        event,
        exceptions,
        now - event.duration_ms,
        exceptions.len() + 8,
    )
    .into_iter()
    .find(|o| !o.cancelled && o.starts_at + event.duration_ms > now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_through_their_codes() {
        assert_codes_round_trip!(Answer);
    }

    #[test]
    fn standings_round_trip_through_their_codes() {
        assert_codes_round_trip!(Standing);
    }

    #[test]
    fn event_statuses_round_trip_through_their_codes() {
        assert_codes_round_trip!(EventStatus);
    }

    #[test]
    fn reminder_lists_are_read_sorted_and_bounded() {
        assert_eq!(reminders("1d, 1h"), Ok(vec![1440, 60]));
        assert_eq!(reminders("1h 1d"), Ok(vec![1440, 60]));
        assert_eq!(reminders("30 menit"), Ok(vec![30]));
        assert_eq!(reminders("1 hour"), Ok(vec![60]));
        assert_eq!(reminders("none"), Ok(vec![]));
        assert!(reminders("soon").is_err());
        assert!(reminders("1m,2m,3m,4m,5m,6m").is_err());
        assert!(reminders("40d").is_err());
        assert_eq!(
            stored_reminders(&store_reminders(&[1440, 60])),
            vec![1440, 60]
        );
        assert_eq!(stored_reminders(""), Vec::<i64>::new());
    }

    #[test]
    fn a_capacity_is_a_number_of_places_or_a_word_for_no_limit() {
        assert_eq!(capacity("12"), Ok(Some(12)));
        assert_eq!(capacity(" 100000 "), Ok(Some(100_000)));
        for word in [
            "none",
            "None",
            "tanpa",
            "tanpa batas",
            "unlimited",
            "tidak ada",
        ] {
            assert_eq!(capacity(word), Ok(None), "{word}");
        }
        for wrong in ["0", "-3", "100001", "twelve", "12 places", ""] {
            assert!(capacity(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn titles_are_checked() {
        assert_eq!(title("  Board games "), Ok("Board games".to_owned()));
        assert!(title("").is_err());
        assert!(title("a\u{7}b").is_err());
        assert!(title(&"x".repeat(201)).is_err());
    }
}
