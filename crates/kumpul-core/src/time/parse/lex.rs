//! Words to tokens for the time parser: numbers, clock times, dates and words.

/// Morning/afternoon marker of a 12-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meridiem {
    Am,
    Pm,
}

/// A unit of a length of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    /// Calendar months: `in 2 months` is the same day two months on.
    Month,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Word(String),
    Num(i64),
    /// `19:00`, `19.30`, `7.30pm`, `7pm` (minutes written or a meridiem given).
    Clock {
        hour: i64,
        minute: i64,
        meridiem: Option<Meridiem>,
        minutes_written: bool,
    },
    /// `2026-12-01`.
    Date {
        year: i64,
        month: i64,
        day: i64,
    },
    /// `1/12` or `1/12/2026`: day/month order unknown.
    Slash {
        first: i64,
        second: i64,
        year: Option<i64>,
    },
    /// `2h`, `90m`, `1h30m`.
    Span(Vec<(i64, Unit)>),
    /// `1st`, `22nd`.
    Ordinal(i64),
    Meridiem(Meridiem),
}

/// A token and the index of the word it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub word: usize,
}

pub fn lex(words: &[&str]) -> Vec<Token> {
    let mut out = Vec::new();
    for (index, raw) in words.iter().enumerate() {
        let word = clean(raw);
        if word.is_empty() {
            continue;
        }
        out.push(Token {
            tok: lex_word(&word),
            word: index,
        });
    }
    out
}

/// Lowercases and strips punctuation that does not belong to a number or time.
fn clean(raw: &str) -> String {
    let lower = raw.to_lowercase().replace(['\'', '’'], "");
    let trimmed =
        lower.trim_matches(|c: char| matches!(c, ',' | ':' | '!' | '?' | ';' | '(' | ')' | '"'));
    // A sentence-final full stop, but not the one inside `19.00` or `a.m.`.
    let trimmed =
        if trimmed.ends_with('.') && !trimmed.ends_with("a.m.") && !trimmed.ends_with("p.m.") {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
    trimmed.to_owned()
}

fn meridiem(word: &str) -> Option<Meridiem> {
    match word {
        "am" | "a.m." | "a.m" => Some(Meridiem::Am),
        "pm" | "p.m." | "p.m" => Some(Meridiem::Pm),
        _ => None,
    }
}

pub fn unit(word: &str) -> Option<Unit> {
    match word {
        "m" | "min" | "mins" | "minute" | "minutes" | "menit" => Some(Unit::Minute),
        "h" | "hr" | "hrs" | "hour" | "hours" | "jam" => Some(Unit::Hour),
        "d" | "day" | "days" | "hari" => Some(Unit::Day),
        "w" | "week" | "weeks" | "minggu" | "pekan" => Some(Unit::Week),
        "month" | "months" | "bulan" => Some(Unit::Month),
        _ => None,
    }
}

fn number(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 9 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn lex_word(word: &str) -> Tok {
    if let Some(m) = meridiem(word) {
        return Tok::Meridiem(m);
    }
    if let Some(n) = number(word) {
        return Tok::Num(n);
    }
    // `7pm`, `7.30pm`, `7:30am`
    for (suffix, m) in [
        ("a.m.", Meridiem::Am),
        ("p.m.", Meridiem::Pm),
        ("am", Meridiem::Am),
        ("pm", Meridiem::Pm),
    ] {
        if let Some(head) = word.strip_suffix(suffix) {
            if let Some(n) = number(head) {
                return Tok::Clock {
                    hour: n,
                    minute: 0,
                    meridiem: Some(m),
                    minutes_written: false,
                };
            }
            if let Some((h, min)) = clock(head) {
                return Tok::Clock {
                    hour: h,
                    minute: min,
                    meridiem: Some(m),
                    minutes_written: true,
                };
            }
        }
    }
    if let Some((hour, minute)) = clock(word) {
        return Tok::Clock {
            hour,
            minute,
            meridiem: None,
            minutes_written: true,
        };
    }
    if let Some(date) = iso_date(word) {
        return date;
    }
    if let Some(slash) = slash_date(word) {
        return slash;
    }
    if let Some(span) = compact_span(word) {
        return Tok::Span(span);
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(n) = word.strip_suffix(suffix).and_then(number) {
            return Tok::Ordinal(n);
        }
    }
    Tok::Word(word.to_owned())
}

/// `19:00`, `19.30`, `7:05` → (hour, minute).
fn clock(word: &str) -> Option<(i64, i64)> {
    let (h, m) = word.split_once([':', '.'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    Some((number(h)?, number(m)?))
}

fn iso_date(word: &str) -> Option<Tok> {
    let mut parts = word.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Some(Tok::Date {
        year: number(y)?,
        month: number(m)?,
        day: number(d)?,
    })
}

fn slash_date(word: &str) -> Option<Tok> {
    let parts: Vec<&str> = word.split('/').collect();
    match parts.as_slice() {
        [a, b] if a.len() <= 2 && b.len() <= 2 => Some(Tok::Slash {
            first: number(a)?,
            second: number(b)?,
            year: None,
        }),
        [a, b, y] if a.len() <= 2 && b.len() <= 2 && (y.len() == 4 || y.len() == 2) => {
            let year = number(y)?;
            let year = if y.len() == 2 { 2000 + year } else { year };
            Some(Tok::Slash {
                first: number(a)?,
                second: number(b)?,
                year: Some(year),
            })
        }
        _ => None,
    }
}

/// `2h`, `90m`, `1h30m`, `3d`, `2w`, `45min`.
fn compact_span(word: &str) -> Option<Vec<(i64, Unit)>> {
    let mut out = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n = number(&rest[..digits])?;
        rest = &rest[digits..];
        let letters = rest.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        let unit_word = &rest[..letters];
        // Only short unit letters in compact form, so `2nd` or `3rd` are not spans.
        let unit = match unit_word {
            "m" | "min" | "mins" => Unit::Minute,
            "h" | "hr" | "hrs" => Unit::Hour,
            "d" => Unit::Day,
            "w" => Unit::Week,
            _ => return None,
        };
        out.push((n, unit));
        rest = &rest[letters..];
    }
    (!out.is_empty()).then_some(out)
}
