//! The grammar: which word sequences are times, dates, spans and recurrences. The
//! ordinal weekdays of a month and the ends of a series are in [`series`], zones named
//! inside a time in [`zones`], clock idioms (`jam setengah 8`, `quarter past 8`) in
//! [`idioms`], and day phrases of several words (`sabtu minggu depan`, `this evening`,
//! `a week from today`, `bulan depan`) in [`days`].

mod days;
mod idioms;
mod series;
mod words;
mod zones;

pub(super) use zones::ZoneWord;

use words::{is_indonesian_weekday, month, period, weekday, workdays};

use jiff::civil::Weekday;

use super::lex::{self, Meridiem, Tok, Token, Unit};
use crate::time::recur::Freq;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Period {
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

impl Period {
    pub(super) fn default_hour(self) -> i64 {
        match self {
            Period::Morning => 9,
            Period::Noon => 12,
            Period::Afternoon => 15,
            Period::Evening => 19,
            Period::Night => 21,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum DateSpec {
    /// Days from today.
    Relative(i64),
    Weekday {
        day: Weekday,
        next: bool,
    },
    Calendar {
        year: Option<i64>,
        month: i64,
        day: i64,
    },
    /// `tanggal 5`: the 5th of this month, or of next month once it has passed.
    DayOfMonth(i64),
    NextWeek,
    /// `sabtu minggu depan`, `saturday next week`: that weekday in the week `weeks`
    /// after this one (0: this week, which may have passed).
    WeekdayOfWeek {
        day: Weekday,
        weeks: i64,
    },
    /// `next month`, `bulan depan tanggal 5`: `months` months ahead, on `day`, or on
    /// today's day of the month (the month's last day when it has fewer).
    Months {
        months: i64,
        day: Option<i64>,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct TimeSpec {
    pub(super) hour: Option<i64>,
    pub(super) minute: i64,
    pub(super) meridiem: Option<Meridiem>,
    pub(super) period: Option<Period>,
    /// Written so only one reading exists (`19:00`, `7:30`, `13`, `0`).
    pub(super) exact: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct RecurSpec {
    pub(super) freq: Freq,
    pub(super) interval: i64,
    pub(super) weekdays: Vec<Weekday>,
    pub(super) month_day: Option<i64>,
    /// `first saturday of the month`: 1–4, or -1 for the last.
    pub(super) nth: Option<i64>,
    pub(super) end: Option<EndSpec>,
}

/// Where a series stops: `10 times` / `10 kali`, `until 31 March` / `sampai 31 Maret`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum EndSpec {
    Count(i64),
    Until(DateSpec),
}

#[derive(Debug, Default)]
pub(super) struct Spec {
    pub(super) date: Option<DateSpec>,
    pub(super) time: Option<TimeSpec>,
    pub(super) offset: Vec<(i64, Unit)>,
    pub(super) recur: Option<RecurSpec>,
    pub(super) indonesian: bool,
    /// A zone named inside the time (`pukul 14.00 WITA`): the time is read there.
    pub(super) zone: Option<ZoneWord>,
    /// `later today` without a time of day: three hours from now, if that is still today.
    pub(super) later_today: bool,
    /// Words that were read but cannot be used, whatever the rest says (`IST`, a second
    /// zone, `jam 0 kurang 10`): consumed so they never become text, then refused.
    pub(super) refused: Option<super::TimeError>,
}

pub(super) struct Parser<'a> {
    toks: &'a [Token],
    pub(super) i: usize,
    pub(super) spec: Spec,
}

impl<'a> Parser<'a> {
    pub(super) fn new(toks: &'a [Token]) -> Self {
        Parser {
            toks,
            i: 0,
            spec: Spec::default(),
        }
    }

    pub(super) fn tok(&self, k: usize) -> Option<&'a Tok> {
        self.toks.get(self.i + k).map(|t| &t.tok)
    }

    pub(super) fn word(&self, k: usize) -> Option<&'a str> {
        match self.tok(k) {
            Some(Tok::Word(w)) => Some(w.as_str()),
            _ => None,
        }
    }

    pub(super) fn id(&mut self) {
        self.spec.indonesian = true;
    }

    /// Tries every pattern at the current position; `false` when none applies.
    pub(super) fn step(&mut self) -> bool {
        let start = self.i;
        let matched = self.zone()
            || self.series()
            || self.recurrence()
            || self.offset()
            || self.day_phrase()
            || self.next_week()
            || self.day_word()
            || self.weekday_phrase()
            || self.calendar_date()
            || self.clock_idiom()
            || self.time()
            || self.modifier()
            || self.filler();
        if !matched {
            self.i = start;
        }
        matched
    }

    /// Skips a connecting word if what follows it is understood.
    fn filler(&mut self) -> bool {
        let Some(word) = self.word(0) else {
            return false;
        };
        if !matches!(
            word,
            "on" | "the" | "pada" | "di" | "and" | "dan" | "of" | "tanggal" | "tgl" | "hari"
        ) {
            return false;
        }
        let start = self.i;
        if word == "tanggal" || word == "tgl" {
            self.id();
        }
        self.i += 1;
        // `tanggal 5` and `on the 5th` are days of the month.
        if matches!(word, "tanggal" | "tgl" | "the") && self.month_day() {
            return true;
        }
        if self.step() {
            return true;
        }
        self.i = start;
        false
    }

    /// A day of the month after `tanggal`/`the`: a date (`tanggal 1 Desember`) or, in a
    /// monthly recurrence, the day it repeats on.
    fn month_day(&mut self) -> bool {
        let day = match self.tok(0) {
            Some(Tok::Num(n) | Tok::Ordinal(n)) => *n,
            _ => return false,
        };
        if let Some(recur) = &mut self.spec.recur {
            if recur.month_day.is_none() && matches!(recur.freq, Freq::Monthly) {
                recur.month_day = Some(day);
                self.i += 1;
                return true;
            }
            return false;
        }
        if self.calendar_date() {
            return true;
        }
        let start = self.i;
        if self.set_date(DateSpec::DayOfMonth(day), 1) {
            return true;
        }
        self.i = start;
        false
    }

    fn recurrence(&mut self) -> bool {
        if self.spec.recur.is_some() || self.spec.date.is_some() || !self.spec.offset.is_empty() {
            return false;
        }
        let Some(word) = self.word(0) else {
            return false;
        };
        let single = |freq| RecurSpec {
            freq,
            interval: 1,
            weekdays: Vec::new(),
            month_day: None,
            nth: None,
            end: None,
        };
        match word {
            "daily" | "harian" => {
                self.spec.recur = Some(single(Freq::Daily));
                self.i += 1;
                return true;
            }
            "weekly" | "mingguan" => {
                self.spec.recur = Some(single(Freq::Weekly));
                self.i += 1;
                return true;
            }
            "monthly" | "bulanan" => {
                self.spec.recur = Some(single(Freq::Monthly));
                self.i += 1;
                return true;
            }
            "every" | "each" | "setiap" | "tiap" => {}
            _ => return false,
        }
        if matches!(word, "setiap" | "tiap") {
            self.id();
        }
        let start = self.i;
        self.i += 1;
        let mut interval = 1;
        match self.tok(0) {
            Some(Tok::Num(n)) if *n >= 1 && *n <= 52 => {
                interval = *n;
                self.i += 1;
            }
            Some(Tok::Word(w)) if w == "other" => {
                interval = 2;
                self.i += 1;
            }
            _ => {}
        }
        let body = self.recurrence_body(interval);
        match body {
            Some(spec) => {
                self.spec.recur = Some(spec);
                true
            }
            None => {
                self.i = start;
                false
            }
        }
    }

    fn recurrence_body(&mut self, interval: i64) -> Option<RecurSpec> {
        let spec = |freq, weekdays: Vec<Weekday>| RecurSpec {
            freq,
            interval,
            weekdays,
            month_day: None,
            nth: None,
            end: None,
        };
        let word = self.word(0)?;
        let next = self.word(1);
        // `setiap hari senin` is every Monday; `setiap hari` is every day.
        if word == "hari" && next.and_then(weekday).is_some() {
            self.i += 1;
            return self.weekday_list().map(|days| spec(Freq::Weekly, days));
        }
        if word == "hari" && next == Some("kerja") {
            self.i += 2;
            return Some(spec(Freq::Weekly, workdays()));
        }
        if word == "akhir" && matches!(next, Some("pekan" | "minggu")) {
            self.i += 2;
            return Some(spec(Freq::Weekly, vec![Weekday::Saturday, Weekday::Sunday]));
        }
        let (freq, days) = match word {
            "day" | "days" | "hari" => (Freq::Daily, vec![]),
            "weekday" | "weekdays" | "workday" | "workdays" => (Freq::Weekly, workdays()),
            "weekend" | "weekends" => (Freq::Weekly, vec![Weekday::Saturday, Weekday::Sunday]),
            "week" | "weeks" | "minggu" | "pekan" => (Freq::Weekly, vec![]),
            "month" | "months" | "bulan" => (Freq::Monthly, vec![]),
            "tanggal" | "tgl" => {
                self.i += 1;
                let day = match self.tok(0)? {
                    Tok::Num(n) | Tok::Ordinal(n) => *n,
                    _ => return None,
                };
                self.i += 1;
                return Some(RecurSpec {
                    freq: Freq::Monthly,
                    interval,
                    weekdays: vec![],
                    month_day: Some(day),
                    nth: None,
                    end: None,
                });
            }
            w if period(w).is_some() => {
                // `every morning` / `setiap pagi`: daily, time given by the part of day.
                let (p, _) = period(w)?;
                self.i += 1;
                self.spec.time = Some(TimeSpec {
                    period: Some(p),
                    ..TimeSpec::default()
                });
                return Some(spec(Freq::Daily, vec![]));
            }
            w if weekday(w).is_some() => {
                return self.weekday_list().map(|days| spec(Freq::Weekly, days));
            }
            _ => return None,
        };
        self.i += 1;
        Some(spec(freq, days))
    }

    /// `monday`, `monday and thursday`, `senin dan kamis`, `mon, wed`.
    fn weekday_list(&mut self) -> Option<Vec<Weekday>> {
        let mut days = Vec::new();
        loop {
            let word = self.word(0)?;
            let day = weekday(word)?;
            if is_indonesian_weekday(word) {
                self.id();
            }
            if !days.contains(&day) {
                days.push(day);
            }
            self.i += 1;
            let joined = matches!(self.word(0), Some("and" | "dan" | "&"))
                && self.word(1).and_then(weekday).is_some();
            if joined {
                self.i += 1;
            } else if self.word(0).and_then(weekday).is_none() {
                return Some(days);
            }
        }
    }

    /// A length of time: `2 hours`, `2h`, `an hour`, `setengah jam`, `1 hour 30 minutes`.
    pub(super) fn span(&mut self) -> Option<Vec<(i64, Unit)>> {
        let start = self.i;
        let mut parts = Vec::new();
        loop {
            match self.tok(0) {
                Some(Tok::Span(items)) => {
                    parts.extend(items.iter().copied());
                    self.i += 1;
                }
                Some(Tok::Num(n)) => match self.word(1).and_then(lex::unit) {
                    Some(unit) => {
                        parts.push((*n, unit));
                        self.i += 2;
                    }
                    None => break,
                },
                Some(Tok::Word(w)) if matches!(w.as_str(), "a" | "an" | "one" | "satu") => {
                    match self.word(1).and_then(lex::unit) {
                        Some(unit) => {
                            parts.push((1, unit));
                            self.i += 2;
                        }
                        None => break,
                    }
                }
                Some(Tok::Word(w)) if w == "setengah" && self.word(1) == Some("jam") => {
                    self.id();
                    parts.push((30, Unit::Minute));
                    self.i += 2;
                }
                Some(Tok::Word(w))
                    if w == "half"
                        && self.word(1) == Some("an")
                        && self.word(2) == Some("hour") =>
                {
                    parts.push((30, Unit::Minute));
                    self.i += 3;
                }
                Some(Tok::Word(w)) if words::one_unit(w).is_some() => {
                    self.id();
                    parts.extend(words::one_unit(w).map(|unit| (1, unit)));
                    self.i += 1;
                }
                _ => break,
            }
            if matches!(self.word(0), Some("and" | "dan")) && !parts.is_empty() {
                let before = self.i;
                self.i += 1;
                if !matches!(self.tok(0), Some(Tok::Num(_) | Tok::Span(_)))
                    && self.word(0) != Some("a")
                    && self.word(0) != Some("setengah")
                {
                    self.i = before;
                    break;
                }
            }
        }
        if parts.is_empty() {
            self.i = start;
            None
        } else {
            Some(parts)
        }
    }

    fn offset(&mut self) -> bool {
        if !self.spec.offset.is_empty() || self.spec.date.is_some() || self.spec.recur.is_some() {
            return false;
        }
        let start = self.i;
        if let Some(word @ ("in" | "dalam")) = self.word(0) {
            if word == "dalam" {
                self.id();
            }
            self.i += 1;
            if let Some(parts) = self.span() {
                self.spec.offset = parts;
                return true;
            }
            self.i = start;
            return false;
        }
        if let Some(parts) = self.span() {
            match self.word(0) {
                Some("lagi") => {
                    self.id();
                    self.i += 1;
                }
                Some("later") => self.i += 1,
                Some("from") if self.word(1) == Some("now") => self.i += 2,
                Some("dari") if self.word(1) == Some("sekarang") => self.i += 2,
                _ => {
                    self.i = start;
                    return false;
                }
            }
            self.spec.offset = parts;
            return true;
        }
        false
    }

    pub(super) fn set_date(&mut self, date: DateSpec, words: usize) -> bool {
        if self.spec.date.is_some() || !self.spec.offset.is_empty() || self.spec.recur.is_some() {
            return false;
        }
        self.spec.date = Some(date);
        self.i += words;
        true
    }

    fn next_week(&mut self) -> bool {
        match (self.word(0), self.word(1)) {
            (Some("next"), Some("week")) => self.set_date(DateSpec::NextWeek, 2),
            (Some("minggu" | "pekan"), Some("depan")) => {
                self.id();
                self.set_date(DateSpec::NextWeek, 2)
            }
            _ => false,
        }
    }

    fn day_word(&mut self) -> bool {
        let (w0, w1, w2) = (self.word(0), self.word(1), self.word(2));
        let (date, words, period_of_day, indonesian) = match (w0, w1, w2) {
            (Some("today"), _, _) => (0, 1, None, false),
            (Some("hari"), Some("ini"), _) => (0, 2, None, true),
            (Some("tomorrow"), _, _) => (1, 1, None, false),
            (Some("besok" | "esok"), _, _) => (1, 1, None, true),
            (Some("day"), Some("after"), Some("tomorrow")) => (2, 3, None, false),
            (Some("lusa"), _, _) => (2, 1, None, true),
            (Some("tonight"), _, _) => (0, 1, Some(Period::Evening), false),
            (Some("nanti" | "ntar" | "entar"), Some(p), _) if period(p).is_some() => {
                (0, 2, period(p).map(|(p, _)| p), true)
            }
            _ => return false,
        };
        if indonesian {
            self.id();
        }
        if !self.set_date(DateSpec::Relative(date), words) {
            return false;
        }
        if let Some(p) = period_of_day {
            self.add_period(p);
        }
        true
    }

    /// The part of the day a day word brings (`tonight`, `nanti sore`), unless one was
    /// given already.
    pub(super) fn add_period(&mut self, p: Period) {
        match &mut self.spec.time {
            Some(t) if t.period.is_none() => t.period = Some(p),
            Some(_) => {}
            None => {
                self.spec.time = Some(TimeSpec {
                    period: Some(p),
                    ..TimeSpec::default()
                })
            }
        }
    }

    fn weekday_phrase(&mut self) -> bool {
        let start = self.i;
        let mut next = false;
        match self.word(0) {
            Some("next") => {
                next = true;
                self.i += 1;
            }
            Some("this") | Some("coming") => self.i += 1,
            Some("hari") if self.word(1).and_then(weekday).is_some() => {
                self.id();
                self.i += 1;
            }
            _ => {}
        }
        let Some(word) = self.word(0) else {
            self.i = start;
            return false;
        };
        let Some(day) = weekday(word) else {
            self.i = start;
            return false;
        };
        if is_indonesian_weekday(word) {
            self.id();
        }
        self.i += 1;
        match self.word(0) {
            Some("depan") => {
                next = true;
                self.i += 1;
            }
            Some("ini") => self.i += 1,
            _ => {}
        }
        if let Some(recur) = &mut self.spec.recur {
            // `every 2 weeks on saturday`
            if matches!(recur.freq, Freq::Weekly) && !recur.weekdays.contains(&day) {
                recur.weekdays.push(day);
                return true;
            }
            self.i = start;
            return false;
        }
        let words = 0;
        let consumed = self.i;
        self.i = start;
        if self.set_date(DateSpec::Weekday { day, next }, words) {
            self.i = consumed;
            true
        } else {
            self.i = start;
            false
        }
    }

    fn calendar_date(&mut self) -> bool {
        let start = self.i;
        match self.read_calendar() {
            Some(date) => {
                let consumed = self.i;
                self.i = start;
                if self.set_date(date, 0) {
                    self.i = consumed;
                    true
                } else {
                    self.i = start;
                    false
                }
            }
            None => {
                self.i = start;
                false
            }
        }
    }

    /// A calendar date (`2026-12-01`, `1 Dec`, `Dec 1 2027`, `25/12`), consumed; `None`
    /// (nothing consumed) when there is none here.
    fn read_calendar(&mut self) -> Option<DateSpec> {
        let start = self.i;
        let found = match (self.tok(0), self.tok(1)) {
            (Some(Tok::Date { year, month, day }), _) => {
                self.i += 1;
                Some(DateSpec::Calendar {
                    year: Some(*year),
                    month: *month,
                    day: *day,
                })
            }
            // `3rd of December`, as `3rd December`.
            (Some(Tok::Num(d) | Tok::Ordinal(d)), Some(Tok::Word(of)))
                if of == "of" && self.word(2).and_then(month).is_some() =>
            {
                let (m, _) = self.word(2).and_then(month).unwrap_or((0, false));
                self.i += 3;
                Some(DateSpec::Calendar {
                    year: self.year(),
                    month: m,
                    day: *d,
                })
            }
            // `1 Dec` or `Dec 1`, either with an optional year after.
            (Some(Tok::Num(d) | Tok::Ordinal(d)), Some(Tok::Word(m)))
            | (Some(Tok::Word(m)), Some(Tok::Num(d) | Tok::Ordinal(d)))
                if month(m).is_some() =>
            {
                let (m, id) = month(m).unwrap_or((0, false));
                if id {
                    self.id();
                }
                self.i += 2;
                Some(DateSpec::Calendar {
                    year: self.year(),
                    month: m,
                    day: *d,
                })
            }
            (
                Some(Tok::Slash {
                    first,
                    second,
                    year,
                }),
                _,
            ) => {
                // Only unambiguous orders; `1/12` is reported by `parse_when`.
                let (day, month) = if *first > 12 {
                    (*first, *second)
                } else if *second > 12 {
                    (*second, *first)
                } else if first == second {
                    (*first, *second)
                } else {
                    return None;
                };
                self.i += 1;
                Some(DateSpec::Calendar {
                    year: *year,
                    month,
                    day,
                })
            }
            _ => None,
        };
        if found.is_none() {
            self.i = start;
        }
        found
    }

    /// A year right after a day and month (`1 Dec 2026`).
    fn year(&mut self) -> Option<i64> {
        match self.tok(0) {
            Some(Tok::Num(y)) if (1000..=9999).contains(y) => {
                self.i += 1;
                Some(*y)
            }
            _ => None,
        }
    }

    pub(super) fn set_time(&mut self, time: TimeSpec, words: usize) -> bool {
        match &mut self.spec.time {
            // A part of the day given first (`malam ini jam 8`) takes the hour later.
            Some(existing) if existing.hour.is_none() => {
                existing.hour = time.hour;
                existing.minute = time.minute;
                existing.meridiem = time.meridiem;
                existing.exact = time.exact;
                if existing.period.is_none() {
                    existing.period = time.period;
                }
            }
            Some(_) => return false,
            None => self.spec.time = Some(time),
        }
        self.i += words;
        true
    }

    /// Whether a time of day may come now: not after an offset in minutes or hours.
    pub(super) fn time_allowed(&self) -> bool {
        self.spec
            .offset
            .iter()
            .all(|(_, u)| matches!(u, Unit::Day | Unit::Week | Unit::Month))
    }

    fn time(&mut self) -> bool {
        if !self.time_allowed() {
            return false;
        }
        let mut k = 0;
        let introduced = match self.word(0) {
            Some("at" | "@") => {
                k = 1;
                true
            }
            Some("jam" | "pukul" | "pkl") => {
                self.id();
                k = 1;
                true
            }
            _ => false,
        };
        let time = match self.tok(k) {
            Some(Tok::Clock {
                hour,
                minute,
                meridiem,
                minutes_written,
            }) => TimeSpec {
                hour: Some(*hour),
                minute: *minute,
                meridiem: *meridiem,
                period: None,
                exact: meridiem.is_some() || *minutes_written,
            },
            Some(Tok::Num(h)) if *h <= 24 => match self.tok(k + 1) {
                Some(Tok::Meridiem(m)) => {
                    k += 1;
                    TimeSpec {
                        hour: Some(*h),
                        minute: 0,
                        meridiem: Some(*m),
                        period: None,
                        exact: true,
                    }
                }
                // A bare number is a time only after `at`/`jam`/`pukul`.
                _ if introduced => TimeSpec {
                    hour: Some(*h),
                    minute: 0,
                    meridiem: None,
                    period: None,
                    exact: *h == 0 || *h > 12,
                },
                _ => return false,
            },
            Some(Tok::Word(w)) if matches!(w.as_str(), "noon" | "midday") => TimeSpec {
                hour: Some(12),
                minute: 0,
                meridiem: None,
                period: None,
                exact: true,
            },
            Some(Tok::Word(w)) if w == "tengah" && self.word(k + 1) == Some("hari") => {
                self.id();
                k += 1;
                TimeSpec {
                    hour: Some(12),
                    minute: 0,
                    meridiem: None,
                    period: None,
                    exact: true,
                }
            }
            _ => return false,
        };
        self.set_time(time, k + 1)
    }

    /// A part of the day or am/pm after a time or a day (`jam 7 malam`, `lusa pagi`,
    /// `in the evening`), or alone (`pagi`).
    fn modifier(&mut self) -> bool {
        let mut k = 0;
        if self.word(0) == Some("in") && self.word(1) == Some("the") {
            k = 2;
        }
        if let Some(Tok::Meridiem(m)) = self.tok(k) {
            if let Some(time) = &mut self.spec.time
                && time.meridiem.is_none()
                && time.hour.is_some()
            {
                time.meridiem = Some(*m);
                time.exact = true;
                self.i += k + 1;
                return true;
            }
            return false;
        }
        let Some((p, id)) = self.word(k).and_then(period) else {
            return false;
        };
        match &mut self.spec.time {
            Some(time) if time.period.is_none() && time.meridiem.is_none() => time.period = Some(p),
            Some(_) => return false,
            None => {
                self.spec.time = Some(TimeSpec {
                    period: Some(p),
                    ..TimeSpec::default()
                })
            }
        }
        if id {
            self.id();
        }
        // `malam ini` / `pagi ini`: this evening/morning.
        if self.word(k + 1) == Some("ini") && self.spec.date.is_none() {
            self.spec.date = Some(DateSpec::Relative(0));
            k += 1;
        }
        self.i += k + 1;
        true
    }
}
