//! The parts of a recurrence people add to the plain ones: a weekday of the month
//! (`first saturday of the month`, `every last friday of the month`, `setiap sabtu
//! pertama`, `sabtu terakhir setiap bulan`) and where a series ends (`until 31 March`,
//! `sampai 31 Maret`, `10 times`, `10 kali`, `sebanyak 10 kali`).

use super::super::lex::Tok;
use super::words::{is_indonesian_weekday, weekday};
use super::{EndSpec, Parser, RecurSpec};
use crate::time::recur::Freq;

/// `first` … `fourth`, `last` (and `1st` … `4th`, read by the lexer as ordinals).
fn english_ordinal(tok: &Tok) -> Option<i64> {
    match tok {
        Tok::Ordinal(n) if (1..=4).contains(n) => Some(*n),
        Tok::Word(w) => match w.as_str() {
            "first" => Some(1),
            "second" => Some(2),
            "third" => Some(3),
            "fourth" => Some(4),
            "last" => Some(-1),
            _ => None,
        },
        _ => None,
    }
}

/// `pertama` … `keempat`, `terakhir` (after the weekday, as Indonesian puts it).
fn indonesian_ordinal(word: &str) -> Option<i64> {
    match word {
        "pertama" => Some(1),
        "kedua" => Some(2),
        "ketiga" => Some(3),
        "keempat" => Some(4),
        "terakhir" => Some(-1),
        _ => None,
    }
}

fn monthly_on(nth: i64, day: jiff::civil::Weekday) -> RecurSpec {
    RecurSpec {
        freq: Freq::Monthly,
        interval: 1,
        weekdays: vec![day],
        month_day: None,
        nth: Some(nth),
        end: None,
    }
}

impl Parser<'_> {
    /// A weekday of the month, or the end of a series already read.
    pub(super) fn series(&mut self) -> bool {
        if self.spec.recur.is_some() {
            return self.series_end();
        }
        if self.spec.date.is_some() || !self.spec.offset.is_empty() {
            return false;
        }
        let start = self.i;
        if self.english_nth() || self.indonesian_nth() {
            return true;
        }
        self.i = start;
        false
    }

    /// `[every] [the] first saturday [of the month]`: without `every`, the words `of the
    /// month` (or `of every month`, `monthly`) are needed, so `first saturday` alone is
    /// not taken for a series; so are they after `every second`.
    fn english_nth(&mut self) -> bool {
        let every = matches!(self.word(0), Some("every" | "each"));
        if every {
            self.i += 1;
        }
        if self.word(0) == Some("the") {
            self.i += 1;
        }
        let Some(nth) = self.tok(0).and_then(english_ordinal) else {
            return false;
        };
        let Some(day) = self.word(1).and_then(weekday) else {
            return false;
        };
        if is_indonesian_weekday(self.word(1).unwrap_or_default()) {
            return false;
        }
        self.i += 2;
        let tail = self.month_tail_english();
        // `every second tuesday` alone often means every other Tuesday: only `… of the
        // month` makes it the second Tuesday of each month.
        if !tail && (!every || nth == 2) {
            return false;
        }
        self.spec.recur = Some(monthly_on(nth, day));
        true
    }

    /// `of the month`, `of every month`, `of each month`, `every month`, `monthly`.
    fn month_tail_english(&mut self) -> bool {
        let words = match (self.word(0), self.word(1), self.word(2)) {
            (Some("of"), Some("the" | "every" | "each"), Some("month")) => 3,
            (Some("every" | "each"), Some("month"), _) => 2,
            (Some("monthly"), _, _) => 1,
            _ => 0,
        };
        self.i += words;
        words > 0
    }

    /// `setiap [hari] sabtu pertama [setiap bulan]`, or `[hari] sabtu terakhir setiap
    /// bulan` (without `setiap` first, `setiap bulan` after is needed).
    fn indonesian_nth(&mut self) -> bool {
        let every = matches!(self.word(0), Some("setiap" | "tiap"));
        if every {
            self.i += 1;
        }
        if self.word(0) == Some("hari") {
            self.i += 1;
        }
        let Some(day) = self.word(0).and_then(weekday) else {
            return false;
        };
        let Some(nth) = self.word(1).and_then(indonesian_ordinal) else {
            return false;
        };
        self.i += 2;
        let tail = matches!(
            (self.word(0), self.word(1)),
            (Some("setiap" | "tiap"), Some("bulan"))
        );
        if tail {
            self.i += 2;
        } else if self.word(0) == Some("bulanan") {
            self.i += 1;
        }
        if !every && !tail {
            return false;
        }
        self.id();
        self.spec.recur = Some(monthly_on(nth, day));
        true
    }

    /// `until 31 March`, `sampai 31 Maret`, `10 times`, `10 kali`, `sebanyak 10 kali`.
    fn series_end(&mut self) -> bool {
        if self.spec.recur.as_ref().is_some_and(|r| r.end.is_some()) {
            return false;
        }
        let start = self.i;
        let end = self.until().or_else(|| {
            self.i = start;
            self.times()
        });
        match (end, &mut self.spec.recur) {
            (Some(end), Some(recur)) => {
                recur.end = Some(end);
                true
            }
            _ => {
                self.i = start;
                false
            }
        }
    }

    fn until(&mut self) -> Option<EndSpec> {
        match self.word(0)? {
            "until" | "till" | "through" | "thru" => self.i += 1,
            "sampai" | "hingga" => {
                self.id();
                self.i += 1;
                // `sampai dengan`, `sampai tanggal 31 Maret`
                if self.word(0) == Some("dengan") {
                    self.i += 1;
                }
            }
            _ => return None,
        }
        if matches!(self.word(0), Some("tanggal" | "tgl" | "the")) {
            self.i += 1;
        }
        self.read_calendar().map(EndSpec::Until)
    }

    fn times(&mut self) -> Option<EndSpec> {
        if self.word(0) == Some("sebanyak") {
            self.id();
            self.i += 1;
        }
        let Some(Tok::Num(n)) = self.tok(0) else {
            return None;
        };
        let n = *n;
        match self.word(1)? {
            "times" | "x" => {}
            "kali" => self.id(),
            _ => return None,
        }
        self.i += 2;
        Some(EndSpec::Count(n))
    }
}
