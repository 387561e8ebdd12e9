//! Understanding the times people type, in English and Bahasa Indonesia.
//!
//! `tomorrow 7pm`, `besok jam 7 malam`, `in 2 hours`, `3 hari lagi`, `next friday 19:00`,
//! `jumat depan 19.00`, `1 Desember jam 19.00`, `lusa pagi`, and recurrences such as
//! `every monday 19:00`, `setiap tanggal 1`, `first saturday of the month`, `sabtu
//! terakhir setiap bulan`, `every monday until 31 March` or `setiap hari 10 kali`.
//! Input is read in the speaker's zone.
//!
//! The rules that decide between readings, so people can predict them:
//! - A bare hour (`at 7`, `jam 7`) is ambiguous and is rejected with both readings;
//!   `7pm`, `jam 7 malam`, `19:00`, `19.00` and `7:30` (a 24-hour clock) are not.
//! - `friday` is the coming Friday, today included if the time is still ahead;
//!   `next friday` / `jumat depan` is the first Friday after today.
//! - `next week` / `minggu depan` is Monday of next week; `minggu` alone is Sunday, but
//!   after a number (`2 minggu`) or `setiap` it means week.
//! - A time without a date is today, or tomorrow if that time has passed today.
//!   A date without a year is the next such date. A day without a time is 09:00.
//! - Parts of the day: morning/pagi 09:00, noon/siang 12:00, afternoon/sore 15:00,
//!   evening/malam/tonight 19:00, night 21:00.
//! - `1/12` is ambiguous (1 December or January 12) unless one number is above 12.
//! - Anything explicitly in the past is rejected with a suggestion.
//! - A series ends on its `until` date (inclusive; without a year, the next such date)
//!   or after its count, the first occurrence included.

mod grammar;
mod lex;
mod resolve;

use jiff::ZonedDateTime;

use grammar::Parser;
use lex::{Tok, lex};

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

/// Whether `input` names a time of day (`19:00`, `7pm`, `malam`), as opposed to only a
/// day or a repetition (`friday`, `every monday`), which take 09:00 when alone.
pub fn gives_time(input: &str) -> bool {
    let words: Vec<&str> = input.split_whitespace().collect();
    let toks = lex(&words);
    let mut parser = Parser::new(&toks);
    while parser.i < toks.len() && parser.step() {}
    parser.spec.time.is_some()
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
    resolve::resolve(parser.spec, input, now)
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

/// The hour in 24-hour form, or both readings of a bare hour; the flag says the time
/// falls on the next day (`jam 12 malam`).
#[cfg(test)]
mod tests;
