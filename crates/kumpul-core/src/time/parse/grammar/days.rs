//! Day phrases of several words, and the second half of one whose first half was read
//! already (so `hari sabtu` never stays behind as text):
//! - a weekday of a given week: `sabtu minggu depan`, `hari sabtu minggu depan`,
//!   `minggu depan hari sabtu`, `saturday next week`, `next week on saturday`, `sabtu
//!   minggu ini`, `this week friday`;
//! - today's parts of the day in English: `this morning`, `this afternoon`, `this
//!   evening`, `later tonight`, and `later today` (three hours from now when no time
//!   follows: what phone reminder apps do with "later today");
//! - days counted from a day: `a week from today`, `3 days from tomorrow`, `a month from
//!   today`;
//! - months ahead: `next month`, `bulan depan`, `bulan depan tanggal 5`, `tanggal 5
//!   bulan depan`, `next month on the 5th`, `the 5th of next month`;
//! - `nanti` before a time: `nanti jam 3 sore` is today at 15:00.

use super::super::lex::{Tok, Unit};
use super::words::{is_indonesian_weekday, period, weekday};
use super::{DateSpec, Parser, Period};

impl Parser<'_> {
    pub(super) fn day_phrase(&mut self) -> bool {
        self.week_of()
            || self.weekday_in_week()
            || self.this_part_of_day()
            || self.later()
            || self.counted_from_a_day()
            || self.month_ahead()
            || self.day_in_month_ahead()
            || self.nanti_at()
    }

    /// `minggu depan`, `pekan ini`, `next week`, `this week`: how many weeks ahead.
    fn week_words(&mut self) -> Option<i64> {
        let (weeks, indonesian) = match (self.word(0)?, self.word(1)?) {
            ("minggu" | "pekan", "depan") => (1, true),
            ("minggu" | "pekan", "ini") => (0, true),
            ("next", "week") => (1, false),
            ("this", "week") => (0, false),
            _ => return None,
        };
        if indonesian {
            self.id();
        }
        Some(weeks)
    }

    /// A weekday already read, then its week: `sabtu minggu depan`, `friday next week`.
    fn week_of(&mut self) -> bool {
        let Some(DateSpec::Weekday { day, next: false }) = self.spec.date else {
            return false;
        };
        let Some(weeks) = self.week_words() else {
            return false;
        };
        self.spec.date = Some(DateSpec::WeekdayOfWeek { day, weeks });
        self.i += 2;
        true
    }

    /// A week, then its weekday: `minggu depan hari sabtu`, `next week on saturday` (also
    /// after `minggu depan` was read as next week's Monday).
    fn weekday_in_week(&mut self) -> bool {
        let start = self.i;
        let free = self.spec.recur.is_none() && self.spec.offset.is_empty();
        let weeks = match &self.spec.date {
            None if free => match self.week_words() {
                Some(weeks) => {
                    self.i += 2;
                    weeks
                }
                None => return false,
            },
            Some(DateSpec::NextWeek) => 1,
            _ => return false,
        };
        if matches!(self.word(0), Some("hari" | "on")) {
            self.i += 1;
        }
        let Some((day, word)) = self.word(0).and_then(|w| Some((weekday(w)?, w))) else {
            self.i = start;
            return false;
        };
        if is_indonesian_weekday(word) {
            self.id();
        }
        self.i += 1;
        self.spec.date = Some(DateSpec::WeekdayOfWeek { day, weeks });
        true
    }

    /// `this morning`, `this afternoon`, `this evening`, `this night`.
    fn this_part_of_day(&mut self) -> bool {
        if self.word(0) != Some("this") {
            return false;
        }
        let Some((p, false)) = self.word(1).and_then(period) else {
            return false;
        };
        if !self.set_date(DateSpec::Relative(0), 2) {
            return false;
        }
        self.add_period(p);
        true
    }

    /// `later today`, `later tonight`, `later this evening`, `later at 5pm`.
    fn later(&mut self) -> bool {
        if self.word(0) != Some("later") {
            return false;
        }
        match self.word(1) {
            Some("today") if self.set_date(DateSpec::Relative(0), 2) => {
                self.spec.later_today = true;
                true
            }
            Some("tonight") if self.set_date(DateSpec::Relative(0), 2) => {
                self.add_period(Period::Evening);
                true
            }
            Some("this") => {
                self.i += 1;
                if self.this_part_of_day() {
                    return true;
                }
                self.i -= 1;
                false
            }
            Some("at") => self.set_date(DateSpec::Relative(0), 1),
            _ => false,
        }
    }

    /// `a week from today`, `3 days from tomorrow`, `a month from today`: a day, at the
    /// time given or the default one (unlike `a week from now`, which keeps the time).
    fn counted_from_a_day(&mut self) -> bool {
        if self.spec.date.is_some() || !self.spec.offset.is_empty() || self.spec.recur.is_some() {
            return false;
        }
        let start = self.i;
        let Some(parts) = self.span() else {
            return false;
        };
        let from = match (self.word(0), self.word(1)) {
            (Some("from"), Some("today")) => 0,
            (Some("from"), Some("tomorrow")) => 1,
            _ => {
                self.i = start;
                return false;
            }
        };
        let (mut days, mut months) = (from, 0);
        for (n, unit) in parts {
            match unit {
                Unit::Day => days += n,
                Unit::Week => days += n.saturating_mul(7),
                Unit::Month => months += n,
                Unit::Minute | Unit::Hour => {
                    self.i = start;
                    return false;
                }
            }
        }
        let date = match (months, days) {
            (0, days) => DateSpec::Relative(days),
            (months, 0) => DateSpec::Months { months, day: None },
            _ => {
                // `a month and 2 days from today`, `a month from tomorrow`: not read.
                self.i = start;
                return false;
            }
        };
        self.i += 2;
        self.spec.date = Some(date);
        true
    }

    /// `next month`, `bulan depan`; after `tanggal 5` / `the 5th of`, that day of it.
    fn month_ahead(&mut self) -> bool {
        let indonesian = match (self.word(0), self.word(1)) {
            (Some("next"), Some("month")) => false,
            (Some("bulan"), Some("depan")) => true,
            _ => return false,
        };
        let day = match &self.spec.date {
            None => None,
            Some(DateSpec::DayOfMonth(day)) => Some(*day),
            Some(_) => return false,
        };
        let date = DateSpec::Months { months: 1, day };
        if day.is_some() {
            self.spec.date = Some(date);
            self.i += 2;
        } else if !self.set_date(date, 2) {
            return false;
        }
        if indonesian {
            self.id();
        }
        true
    }

    /// `bulan depan tanggal 5`, `next month on the 5th`: the day of the month ahead.
    fn day_in_month_ahead(&mut self) -> bool {
        let Some(DateSpec::Months { months, day: None }) = self.spec.date else {
            return false;
        };
        let k = usize::from(matches!(self.word(0), Some("tanggal" | "tgl")));
        let day = match self.tok(k) {
            Some(Tok::Num(day)) if k == 1 => *day,
            Some(Tok::Ordinal(day)) => *day,
            _ => return false,
        };
        self.spec.date = Some(DateSpec::Months {
            months,
            day: Some(day),
        });
        self.i += k + 1;
        true
    }

    /// `nanti jam 3 sore`, `nanti pukul 15.00`: today, at the time that follows.
    fn nanti_at(&mut self) -> bool {
        if !matches!(self.word(0), Some("nanti" | "ntar" | "entar")) {
            return false;
        }
        let timed = matches!(self.word(1), Some("jam" | "pukul" | "pkl" | "setengah"))
            || matches!(self.tok(1), Some(Tok::Clock { .. }));
        if !timed {
            return false;
        }
        self.id();
        self.set_date(DateSpec::Relative(0), 1)
    }
}
