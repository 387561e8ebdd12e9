//! The message for a time someone typed that could not be used: how it was read and
//! what to type instead, in the reader's language and zone.

use super::{as_typed, datetime};
use crate::i18n::{I18n, Locale, Msg};
use crate::time::Zone;
use crate::time::parse::TimeError;

/// The message for a time someone typed that could not be used: how it was read and
/// what to type instead, in the reader's language and zone.
pub fn time_error(i18n: &I18n, locale: Locale, zone: &Zone, input: &str, error: &TimeError) -> Msg {
    // A time typed in another zone is also shown as typed: "Mon 30 Nov 2026, 18:00 WIB
    // (written as 19:00 WITA)".
    let show = |ms: i64| {
        let at = datetime(i18n, locale, ms, zone);
        match as_typed(i18n, locale, ms, input, zone, zone) {
            Some(typed) => format!("{at} {typed}"),
            None => at,
        }
    };
    let examples = match locale {
        Locale::En => "tomorrow 7pm, in 2 hours, friday 19:00",
        Locale::Id => "besok jam 7 malam, dalam 2 jam, jumat 19.00",
    };
    match error {
        TimeError::NotUnderstood { word: Some(word) } if word.as_str() != input.trim() => {
            Msg::new("time-unknown-word")
                .strong("word", word)
                .strong("input", input)
                .code("examples", examples)
        }
        TimeError::NotUnderstood { .. } => Msg::new("time-not-understood")
            .strong("input", input)
            .code("examples", examples),
        TimeError::Ambiguous {
            first_ms,
            second_ms,
            try_first,
            try_second,
        } => Msg::new("time-ambiguous")
            .strong("input", input)
            .text("first", show(*first_ms))
            .text("second", show(*second_ms))
            .code("try_first", try_first)
            .code("try_second", try_second),
        TimeError::AmbiguousDate {
            try_first,
            try_second,
        } => Msg::new("time-ambiguous-date")
            .strong("input", input)
            .code("try_first", try_first)
            .code("try_second", try_second),
        TimeError::Past {
            at_ms,
            suggestion: Some(suggestion),
        } => Msg::new("time-past-suggest")
            .strong("input", input)
            .text("at", show(*at_ms))
            .code("suggestion", suggestion),
        TimeError::Past {
            at_ms,
            suggestion: None,
        } => Msg::new("time-past")
            .strong("input", input)
            .text("at", show(*at_ms)),
        TimeError::Impossible => Msg::new("time-impossible")
            .strong("input", input)
            .code("examples", examples),
        TimeError::EndsBeforeStart => Msg::new("time-ends-before-start")
            .strong("input", input)
            .code(
                "example",
                match locale {
                    Locale::En => "every monday 19:00 until 31 March",
                    Locale::Id => "setiap senin 19.00 sampai 31 Maret",
                },
            ),
        TimeError::TooManyTimes { max } => Msg::new("time-too-many-times")
            .strong("input", input)
            .num("max", i64::from(*max)),
        TimeError::AmbiguousZone {
            word,
            places,
            offset,
        } => Msg::new("time-zone-ambiguous")
            .strong("word", word)
            .code("places", places)
            .code("offset", offset),
        TimeError::ZoneOutOfSeason {
            word,
            at_ms,
            place,
            actual,
            offset,
        } => Msg::new("time-zone-out-of-season")
            .strong("input", input)
            .text("at", show(*at_ms))
            .strong("word", word)
            .code("place", place)
            .code("actual", actual)
            .code("offset", offset),
        TimeError::RepeatInZone {
            word,
            first_ms,
            other_day,
        } => {
            let id = if *other_day {
                "time-repeat-zone-other-day"
            } else {
                "time-repeat-zone-drifts"
            };
            Msg::new(id)
                .strong("input", input)
                .strong("word", word)
                .strong("zone", zone.name())
                .text("first", show(*first_ms))
        }
        TimeError::PartOfDayPassed {
            at_ms,
            later_today,
            tomorrow,
        } => match later_today {
            Some(later) => Msg::new("time-part-of-day-passed").code("later", later),
            None => Msg::new("time-part-of-day-over"),
        }
        .strong("input", input)
        .text("at", show(*at_ms))
        .code("tomorrow", tomorrow),
        TimeError::LateInTheDay {
            at_ms,
            later,
            tomorrow,
        } => match later {
            Some(later) => Msg::new("time-late-in-the-day").code("later", later),
            None => Msg::new("time-late-in-the-day-over"),
        }
        .strong("input", input)
        .text("at", show(*at_ms))
        .code("tomorrow", tomorrow),
    }
}
