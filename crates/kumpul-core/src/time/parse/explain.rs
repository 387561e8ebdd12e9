//! How a refusal shows what was understood and what to type instead: both readings of
//! a bare hour (never one already past), a time that has passed today, a part of the
//! day that is over, and `later today` late in the evening.

use jiff::{Span, ZonedDateTime};

use super::TimeError;
use super::grammar::{DateSpec, Period, Spec};

/// Where a part of the day ends (exclusive), for "later today" suggestions: `sore` is
/// over at 18:00.
fn end_hour(p: Period) -> i8 {
    match p {
        Period::Morning => 11,
        Period::Noon => 15,
        Period::Afternoon => 18,
        Period::Evening | Period::Night => 24,
    }
}

/// A bare hour read both ways: the question between them, or, when only one reading is
/// still ahead on the day that was said (`today at 7` at 10:00), that one.
pub(super) fn either(
    readings: [Result<ZonedDateTime, TimeError>; 2],
    spec: &Spec,
    input: &str,
) -> Result<ZonedDateTime, TimeError> {
    match readings {
        [Ok(am), Ok(pm)] => Err(ambiguous(am, pm, spec, input)),
        [Ok(only), Err(TimeError::Past { .. })] | [Err(TimeError::Past { .. }), Ok(only)] => {
            Ok(only)
        }
        [_, Err(e)] | [Err(e), _] => Err(e),
    }
}

/// The question between the morning and the evening reading, in the order they come
/// (at 10:00, `at 7` is today 19:00 or tomorrow 07:00), each with the input made
/// explicit.
pub(super) fn ambiguous(
    am: ZonedDateTime,
    pm: ZonedDateTime,
    spec: &Spec,
    input: &str,
) -> TimeError {
    let try_am = explicit(input, spec, am.hour());
    let try_pm = explicit(input, spec, pm.hour());
    let (first, try_first, second, try_second) = if pm.timestamp() < am.timestamp() {
        (pm, try_pm, am, try_am)
    } else {
        (am, try_am, pm, try_pm)
    };
    TimeError::Ambiguous {
        first_ms: first.timestamp().as_millisecond(),
        second_ms: second.timestamp().as_millisecond(),
        try_first,
        try_second,
    }
}

/// The input with the word that makes `hour` (0–23) the only reading: `am`/`pm`, or the
/// Indonesian part of the day that reads back as that hour (`jam 3 sore`, not `jam 3
/// malam`, which is 03:00; `jam 12 siang`, `jam 12 malam` for midnight). It goes before
/// a zone (`at 7 pm WITA`).
fn explicit(input: &str, spec: &Spec, hour: i8) -> String {
    let word = match (spec.indonesian, hour) {
        (false, 0..=11) => "am",
        (false, _) => "pm",
        (true, 0) => "malam",
        (true, 1..=11) => "pagi",
        (true, 12..=14) => "siang",
        (true, 15..=17) => "sore",
        (true, _) => "malam",
    };
    let mut words: Vec<&str> = input.split_whitespace().collect();
    let at = spec
        .zone
        .as_ref()
        .map_or(words.len(), |z| z.word.min(words.len()));
    words.insert(at, word);
    words.join(" ")
}

/// A time on a fixed date that has passed. Today's: with what to type instead — for a
/// part of the day that is over (`nanti sore` at 16:00), the next full hour of it if any
/// is left and tomorrow's (`besok sore`, never the un-Indonesian `besok nanti sore`).
pub(super) fn passed(
    spec: &Spec,
    input: &str,
    now: &ZonedDateTime,
    when: &ZonedDateTime,
) -> TimeError {
    let at_ms = when.timestamp().as_millisecond();
    if !matches!(spec.date, Some(DateSpec::Relative(0))) {
        return TimeError::Past {
            at_ms,
            suggestion: None,
        };
    }
    let zone = spec
        .zone
        .as_ref()
        .map(|z| format!(" {}", z.written))
        .unwrap_or_default();
    match spec
        .time
        .as_ref()
        .and_then(|t| t.period.filter(|_| t.hour.is_none()))
    {
        Some(p) => {
            let next = now.hour() + 1;
            let later_today = (next < end_hour(p))
                .then(|| format!("{}{zone}", today_at(next, p, spec.indonesian)));
            TimeError::PartOfDayPassed {
                at_ms,
                later_today,
                tomorrow: format!("{}{zone}", tomorrow_in(p, spec.indonesian)),
            }
        }
        None => TimeError::Past {
            at_ms,
            suggestion: Some(tomorrow_instead(input, spec.indonesian)),
        },
    }
}

/// `today 5pm` / `nanti jam 5 sore`: an hour (0–23) within the part of the day.
fn today_at(hour: i8, p: Period, indonesian: bool) -> String {
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    if !indonesian {
        let meridiem = if hour < 12 { "am" } else { "pm" };
        return format!("today {twelve}{meridiem}");
    }
    let word = match p {
        Period::Morning => "pagi",
        Period::Noon => "siang",
        Period::Afternoon => "sore",
        Period::Evening | Period::Night => "malam",
    };
    format!("nanti jam {twelve} {word}")
}

fn tomorrow_in(p: Period, indonesian: bool) -> &'static str {
    match (p, indonesian) {
        (Period::Morning, false) => "tomorrow morning",
        (Period::Noon, false) => "tomorrow at noon",
        (Period::Afternoon, false) => "tomorrow afternoon",
        (Period::Evening, false) => "tomorrow evening",
        (Period::Night, false) => "tomorrow night",
        (Period::Morning, true) => "besok pagi",
        (Period::Noon, true) => "besok siang",
        (Period::Afternoon, true) => "besok sore",
        (Period::Evening | Period::Night, true) => "besok malam",
    }
}

/// `today 8am` → `tomorrow 8am`, `hari ini jam 8 pagi` → `besok jam 8 pagi`: the
/// words that said "today" replaced by tomorrow's.
fn tomorrow_instead(input: &str, indonesian: bool) -> String {
    let word = if indonesian { "besok" } else { "tomorrow" };
    let rest: Vec<&str> = input
        .split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "today"
                    | "tonight"
                    | "this"
                    | "later"
                    | "ini"
                    | "hari"
                    | "nanti"
                    | "ntar"
                    | "entar"
            )
        })
        .collect();
    format!("{word} {}", rest.join(" ")).trim().to_owned()
}

/// `later today` is three hours from now (what phone reminder apps offer), as long as
/// that is still today; late in the evening, what to type instead.
pub(super) fn later_today(now: &ZonedDateTime) -> Result<ZonedDateTime, TimeError> {
    let hours = |n| {
        now.checked_add(Span::new().hours(n))
            .map_err(|_| TimeError::Impossible)
    };
    let at = hours(3)?;
    if at.date() == now.date() {
        return Ok(at);
    }
    let in_an_hour = hours(1)?.date() == now.date();
    Err(TimeError::LateInTheDay {
        at_ms: at.timestamp().as_millisecond(),
        later: in_an_hour.then(|| "in 1 hour".to_owned()),
        tomorrow: "tomorrow morning".to_owned(),
    })
}
