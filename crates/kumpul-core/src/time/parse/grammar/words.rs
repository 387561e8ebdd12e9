//! The words of the grammar: weekdays, months, parts of the day, in both languages.

use jiff::civil::Weekday;

use super::Period;
use crate::time::parse::lex::Unit;

/// `sejam`, `sehari`, `seminggu`, `sebulan`: one of a unit, in one word.
pub(super) fn one_unit(word: &str) -> Option<Unit> {
    Some(match word {
        "sejam" => Unit::Hour,
        "sehari" => Unit::Day,
        "seminggu" | "sepekan" => Unit::Week,
        "sebulan" => Unit::Month,
        _ => return None,
    })
}

pub(super) fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" | "senin" => Weekday::Monday,
        "tuesday" | "tue" | "tues" | "selasa" => Weekday::Tuesday,
        "wednesday" | "wed" | "rabu" => Weekday::Wednesday,
        "thursday" | "thu" | "thur" | "thurs" | "kamis" => Weekday::Thursday,
        "friday" | "fri" | "jumat" => Weekday::Friday,
        "saturday" | "sat" | "sabtu" => Weekday::Saturday,
        "sunday" | "sun" | "minggu" | "ahad" => Weekday::Sunday,
        _ => return None,
    })
}

pub(super) fn is_indonesian_weekday(word: &str) -> bool {
    matches!(
        word,
        "senin" | "selasa" | "rabu" | "kamis" | "jumat" | "sabtu" | "minggu" | "ahad"
    )
}

pub(super) fn month(word: &str) -> Option<(i64, bool)> {
    Some(match word {
        "january" | "jan" => (1, false),
        "januari" => (1, true),
        "february" | "feb" => (2, false),
        "februari" | "pebruari" => (2, true),
        "march" | "mar" => (3, false),
        "maret" => (3, true),
        "april" | "apr" => (4, false),
        "may" => (5, false),
        "mei" => (5, true),
        "june" | "jun" => (6, false),
        "juni" => (6, true),
        "july" | "jul" => (7, false),
        "juli" => (7, true),
        "august" | "aug" => (8, false),
        "agustus" | "agu" | "ags" => (8, true),
        "september" | "sep" | "sept" => (9, false),
        "october" | "oct" => (10, false),
        "oktober" | "okt" => (10, true),
        "november" | "nov" => (11, false),
        "nopember" => (11, true),
        "december" | "dec" => (12, false),
        "desember" | "des" => (12, true),
        _ => return None,
    })
}

pub(super) fn period(word: &str) -> Option<(Period, bool)> {
    Some(match word {
        "morning" => (Period::Morning, false),
        "afternoon" => (Period::Afternoon, false),
        "evening" => (Period::Evening, false),
        "night" => (Period::Night, false),
        "pagi" => (Period::Morning, true),
        "siang" => (Period::Noon, true),
        "sore" | "petang" => (Period::Afternoon, true),
        "malam" => (Period::Evening, true),
        _ => return None,
    })
}

pub(super) fn workdays() -> Vec<Weekday> {
    vec![
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
    ]
}
