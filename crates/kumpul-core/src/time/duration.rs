//! Lengths of time as people type them: `2h`, `90m`, `1h30m`, `1d`, `2 jam`, `30 menit`,
//! `1 hari`, `1w` — and back to words.

use crate::i18n::{I18n, Locale, Msg};

/// Minutes per unit word, English and Indonesian.
const UNITS: &[(&str, i64)] = &[
    ("m", 1),
    ("min", 1),
    ("mins", 1),
    ("minute", 1),
    ("minutes", 1),
    ("menit", 1),
    ("h", 60),
    ("hr", 60),
    ("hrs", 60),
    ("hour", 60),
    ("hours", 60),
    ("j", 60),
    ("jam", 60),
    ("d", 1440),
    ("day", 1440),
    ("days", 1440),
    ("hari", 1440),
    ("w", 10080),
    ("week", 10080),
    ("weeks", 10080),
    ("minggu", 10080),
    ("pekan", 10080),
];

/// Longest length accepted: a year.
const MAX_MINUTES: i64 = 366 * 1440;

/// The minutes in a length such as `1h30m` or `2 jam`; `None` if it is not one.
pub fn parse_minutes(text: &str) -> Option<i64> {
    let text = text.trim().to_lowercase();
    let mut total: i64 = 0;
    let mut chars = text.chars().peekable();
    let mut seen = false;
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut number = String::new();
        while let Some(c) = chars.peek().copied().filter(char::is_ascii_digit) {
            number.push(c);
            chars.next();
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut unit = String::new();
        while let Some(c) = chars.peek().copied().filter(|c| c.is_alphabetic()) {
            unit.push(c);
            chars.next();
        }
        let count: i64 = number.parse().ok()?;
        let (_, per) = UNITS.iter().find(|(word, _)| *word == unit)?;
        total = total.checked_add(count.checked_mul(*per)?)?;
        seen = true;
    }
    (seen && total > 0 && total <= MAX_MINUTES).then_some(total)
}

/// `1 day 2 hours`, `30 menit`: the largest units that fit, in the reader's language.
pub fn words(i18n: &I18n, locale: Locale, minutes: i64) -> String {
    // Whole weeks read as weeks; anything else as days, hours and minutes.
    let parts = if minutes % 10080 == 0 {
        vec![("unit-weeks", minutes / 10080)]
    } else {
        vec![
            ("unit-days", minutes / 1440),
            ("unit-hours", minutes % 1440 / 60),
            ("unit-minutes", minutes % 60),
        ]
    };
    let shown: Vec<String> = parts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(id, n)| i18n.text(locale, &Msg::new(id).num("count", *n)))
        .collect();
    if shown.is_empty() {
        i18n.text(locale, &Msg::new("unit-minutes").num("count", 0))
    } else {
        shown.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_read_in_both_languages() {
        assert_eq!(parse_minutes("2h"), Some(120));
        assert_eq!(parse_minutes("90m"), Some(90));
        assert_eq!(parse_minutes("1h30m"), Some(90));
        assert_eq!(parse_minutes("1 hour 30 minutes"), Some(90));
        assert_eq!(parse_minutes("2 jam"), Some(120));
        assert_eq!(parse_minutes("1 hari"), Some(1440));
        assert_eq!(parse_minutes("1w"), Some(10080));
        assert_eq!(parse_minutes("2"), None, "a number needs a unit");
        assert_eq!(parse_minutes("soon"), None);
        assert_eq!(parse_minutes("0m"), None);
        assert_eq!(parse_minutes("999999d"), None);
    }

    #[test]
    fn lengths_are_shown_in_words() {
        let i18n = I18n::load().unwrap();
        assert_eq!(words(&i18n, Locale::En, 1440), "1 day");
        assert_eq!(words(&i18n, Locale::En, 90), "1 hour 30 minutes");
        assert_eq!(words(&i18n, Locale::Id, 120), "2 jam");
        assert_eq!(words(&i18n, Locale::En, 10080), "1 week");
        assert_eq!(words(&i18n, Locale::En, 8 * 1440), "8 days");
    }
}
