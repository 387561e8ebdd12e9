//! Understanding the times people type, in English and Bahasa Indonesia.
//!
//! `tomorrow 7pm`, `besok jam 7 malam`, `in 2 hours`, `3 hari lagi`, `next friday 19:00`,
//! `jumat depan 19.00`, `1 Desember jam 19.00`, `lusa pagi`, and recurrences such as
//! `every monday 19:00`, `setiap tanggal 1`, `first saturday of the month`, `sabtu
//! terakhir setiap bulan`, `every monday until 31 March` or `setiap hari 10 kali`.
//! Input is read in the speaker's zone, or in a zone named inside it (`pukul 14.00
//! WITA`, `9am PST`, `19:00 Europe/Berlin`, `UTC+8`; see `zoned` for the rules).
//! Indonesian clock idioms (`jam setengah 8` is 7:30, `jam 7 kurang seperempat` 6:45)
//! are read as a fluent speaker means them.
//!
//! The rules that decide between readings, so people can predict them:
//! - A bare hour (`at 7`, `jam 7`, `jam setengah 8`) is ambiguous and is rejected with
//!   both readings, each at the first date it is still ahead (at 10:00, `at 7` is today
//!   19:00 or tomorrow 07:00); when only one is still ahead on the day that was said
//!   (`today at 7` at 10:00), it is that one. `7pm`, `jam 7 malam`, `19:00`, `19.00`
//!   and `7:30` (a 24-hour clock) are not ambiguous.
//! - `friday` is the coming Friday, today included if the time is still ahead;
//!   `next friday` / `jumat depan` is the first Friday after today.
//! - `next week` / `minggu depan` is Monday of next week; `sabtu minggu depan` / `saturday
//!   next week` is the Saturday of that week. `minggu` alone is Sunday, but after a
//!   number (`2 minggu`) or `setiap` it means week. `next month` / `bulan depan` is the
//!   same day next month (the month's last day if it has fewer).
//! - `later today` is three hours from now, if that is still today.
//! - A time without a date is today, or tomorrow if that time has passed today.
//!   A date without a year is the next such date. A day without a time is 09:00.
//! - Parts of the day: morning/pagi 09:00, noon/siang 12:00, afternoon/sore 15:00,
//!   evening/malam/tonight 19:00, night 21:00.
//! - `1/12` is ambiguous (1 December or January 12) unless one number is above 12.
//! - Anything explicitly in the past is rejected with a suggestion; a part of the day
//!   that is over (`nanti sore` at 16:00) with the hour to write and tomorrow's.
//! - A series ends on its `until` date (inclusive; without a year, the next such date)
//!   or after its count, the first occurrence included.

mod explain;
mod grammar;
mod hour;
mod lex;
mod resolve;
mod zoned;

use jiff::ZonedDateTime;

use grammar::Parser;
use lex::{Tok, lex};

use super::Zone;
use super::recur::Rule;

/// What a time expression means.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    Once(ZonedDateTime),
    /// A recurrence and its first occurrence after now.
    Repeat {
        rule: Rule,
        first: ZonedDateTime,
    },
}

/// Why an expression was not accepted. Each case carries what is needed to show the
/// person how we read it and what to type instead.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeError {
    /// Nothing (or not all) of it reads as a time; `word` is the first word not understood.
    NotUnderstood { word: Option<String> },
    /// A bare hour: both readings and the input made explicit for each.
    Ambiguous {
        /// Both readings, UTC unix milliseconds.
        first_ms: i64,
        second_ms: i64,
        try_first: String,
        try_second: String,
    },
    /// `1/12`: day/month order unknown.
    AmbiguousDate {
        try_first: String,
        try_second: String,
    },
    /// An explicit time before now.
    Past {
        at_ms: i64,
        suggestion: Option<String>,
    },
    /// Well-formed but impossible: 31 February, 25:00.
    Impossible,
    /// A series whose last date (`until …`) comes before its first occurrence.
    EndsBeforeStart,
    /// A series counted beyond the most occurrences allowed (`5000 times`).
    TooManyTimes { max: u32 },
    /// A zone abbreviation used for several zones (`IST`): places and an offset to
    /// write instead.
    AmbiguousZone {
        word: String,
        places: String,
        offset: String,
    },
    /// A seasonal abbreviation for a date when its place is on the other one (`EST`
    /// in July, when New York is on `EDT`): `offset` is what was written, exactly.
    ZoneOutOfSeason {
        word: String,
        at_ms: i64,
        place: String,
        actual: String,
        offset: String,
    },
    /// A repetition in a zone that does not stay the same hours from the reader's, or
    /// (`other_day`) a monthly one that would fall on another day there.
    RepeatInZone {
        word: String,
        first_ms: i64,
        other_day: bool,
    },
    /// A part of today that is over (`nanti sore` at 16:00): the next full hour of it
    /// when some is left, and the same part of tomorrow.
    PartOfDayPassed {
        at_ms: i64,
        later_today: Option<String>,
        tomorrow: String,
    },
    /// `later today` when three hours from now is tomorrow.
    LateInTheDay {
        at_ms: i64,
        later: Option<String>,
        tomorrow: String,
    },
}

/// How many leading words of `words` form a time expression (0 if none). Used to split
/// `tomorrow 7pm call mom` into the time and the text.
pub fn recognise(words: &[&str]) -> usize {
    let toks = lex(words);
    let mut parser = Parser::new(&toks);
    let mut consumed = 0;
    while parser.i < toks.len() && parser.step() {
        consumed = toks[parser.i - 1].word + 1;
    }
    consumed
}

/// Whether `words` (the few after a time) hold a clock time — `7pm`, `19.00` — or begin
/// with `at`/`jam`/`pukul` and a number: then the time was not read to its end (how the
/// command parser notices `friday the 4th at 7pm` read as only "friday").
pub fn starts_with_clock(words: &[&str]) -> bool {
    let toks = lex(words);
    let clock = toks.iter().any(|t| matches!(t.tok, Tok::Clock { .. }));
    let at_number = match toks.as_slice() {
        [first, second, ..] if first.word == 0 => {
            matches!(&first.tok, Tok::Word(w) if matches!(w.as_str(), "at" | "jam" | "pukul"))
                && matches!(second.tok, Tok::Num(_))
        }
        _ => false,
    };
    clock || at_number
}

/// Whether `input` names a time of day (`19:00`, `7pm`, `malam`), as opposed to only a
/// day or a repetition (`friday`, `every monday`), which take 09:00 when alone.
pub fn gives_time(input: &str) -> bool {
    let words: Vec<&str> = input.split_whitespace().collect();
    let toks = lex(&words);
    let mut parser = Parser::new(&toks);
    while parser.i < toks.len() && parser.step() {}
    parser.spec.time.is_some()
}

/// A refused word as the person wrote it (`Mars/Olympus`), not as the lexer lowered it.
fn as_written(error: TimeError, words: &[&str]) -> TimeError {
    match error {
        TimeError::NotUnderstood { word: Some(word) } => {
            let written = words
                .windows(word.split_whitespace().count().max(1))
                .find(|run| run.join(" ").to_lowercase() == word.to_lowercase())
                .map(|run| run.join(" "));
            TimeError::NotUnderstood {
                word: Some(written.unwrap_or(word)),
            }
        }
        other => other,
    }
}

/// Reads a whole expression in the zone of `now`.
pub fn parse_when(input: &str, now: &ZonedDateTime) -> Result<When, TimeError> {
    let words: Vec<&str> = input.split_whitespace().collect();
    let toks = lex(&words);
    let mut parser = Parser::new(&toks);
    while parser.i < toks.len() && parser.step() {}
    if parser.i < toks.len() {
        let unknown = words.get(toks[parser.i].word).map(|w| (*w).to_owned());
        if let Some(Tok::Slash { first, second, .. }) = parser.tok(0) {
            return Err(ambiguous_slash(*first, *second, parser.spec.indonesian));
        }
        return Err(TimeError::NotUnderstood { word: unknown });
    }
    if toks.is_empty() {
        return Err(TimeError::NotUnderstood { word: None });
    }
    if let Some(refused) = parser.spec.refused.take() {
        return Err(as_written(refused, &words));
    }
    zoned::resolve(parser.spec, input, now)
}

/// The zone a time was written in, when it names one other than the reader's own
/// (`pukul 14.00 WITA` for a reader in WIB), so replies can show the time as typed too.
/// `at` is the instant it was read as.
pub fn typed_zone(input: &str, reader: &Zone, at: jiff::Timestamp) -> Option<Zone> {
    let words: Vec<&str> = input.split_whitespace().collect();
    let toks = lex(&words);
    let mut parser = Parser::new(&toks);
    while parser.i < toks.len() && parser.step() {}
    let written = parser.spec.zone?;
    (!zoned::is_readers(&written, reader.tz(), at)).then_some(written.zone)
}

fn ambiguous_slash(first: i64, second: i64, indonesian: bool) -> TimeError {
    let name = |m: i64| {
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        const ID: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
        ];
        let names = if indonesian { ID } else { EN };
        names
            .get((m - 1).clamp(0, 11) as usize)
            .copied()
            .unwrap_or("?")
    };
    TimeError::AmbiguousDate {
        try_first: format!("{first} {}", name(second)),
        try_second: format!("{second} {}", name(first)),
    }
}

#[cfg(test)]
mod tests;
