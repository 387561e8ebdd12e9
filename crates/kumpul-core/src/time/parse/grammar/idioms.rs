//! Clock idioms. Indonesian counts half hours towards the next hour: `jam setengah 8` is
//! 7:30 ("half to eight"), `jam 7 kurang seperempat` 6:45, `jam 8 lewat seperempat`
//! 8:15, `jam 8 lewat 10 menit` / `jam 8 lebih 10` 8:10, `jam 8 kurang 10` 7:50.
//! English counts from the hour before: `half past 7` is 7:30, `quarter to 8` 7:45,
//! `at 10 past 8` 8:10. (British `half 7`, which means 7:30 in England but reads as
//! 6:30 to an Indonesian, is left unread on purpose.)
//!
//! The result is an ordinary [`TimeSpec`]: a part of the day or am/pm after it applies
//! to the hour it lands on (`jam setengah 8 malam` is 19:30), and an hour of 12 or less
//! is as ambiguous as a bare `jam 7`.

use super::super::TimeError;
use super::super::lex::Tok;
use super::{Parser, TimeSpec};

/// Minutes before (negative) or after the hour.
type Shift = i64;

impl Parser<'_> {
    /// `[jam|pukul|at] <idiom>`, read into the time of day.
    pub(super) fn clock_idiom(&mut self) -> bool {
        if !self.time_allowed() {
            return false;
        }
        let start = self.i;
        let introduced = match self.word(0) {
            Some("at" | "@") => {
                self.i += 1;
                true
            }
            Some("jam" | "pukul" | "pkl") => {
                self.id();
                self.i += 1;
                true
            }
            _ => false,
        };
        let read = self
            .setengah()
            .or_else(|| self.indonesian_shift(introduced))
            .or_else(|| self.english_shift(introduced));
        let Some((hour, shift)) = read else {
            self.i = start;
            return false;
        };
        let words = self.i - start;
        self.i = start;
        match clock(hour, shift) {
            Some(time) => self.set_time(time, words),
            None => {
                // Well-formed but no time of day (`setengah 0`, `jam 24 lewat 10`).
                self.i += words;
                self.refuse(TimeError::Impossible);
                true
            }
        }
    }

    /// `setengah 8`: half an hour before 8.
    fn setengah(&mut self) -> Option<(i64, Shift)> {
        if self.word(0) != Some("setengah") {
            return None;
        }
        let Some(Tok::Num(hour)) = self.tok(1) else {
            return None;
        };
        self.id();
        self.i += 2;
        Some((*hour, -30))
    }

    /// `8 kurang seperempat`, `8 lewat 10 menit`, `8 lebih 10` (after `jam`/`pukul`,
    /// as a bare number is not a time).
    fn indonesian_shift(&mut self, introduced: bool) -> Option<(i64, Shift)> {
        let (Some(Tok::Num(hour)), true) = (self.tok(0), introduced) else {
            return None;
        };
        let sign = match self.word(1)? {
            "kurang" => -1,
            "lewat" | "lebih" => 1,
            _ => return None,
        };
        let minutes = match self.tok(2)? {
            Tok::Word(w) if w == "seperempat" => 15,
            Tok::Num(m) => *m,
            _ => return None,
        };
        self.id();
        self.i += 3;
        if self.word(0) == Some("menit") {
            self.i += 1;
        }
        Some((*hour, sign * minutes))
    }

    /// `half past 7`, `a quarter to 8`, `quarter past 8`, and after `at`: `10 past 8`,
    /// `20 minutes to 9`.
    fn english_shift(&mut self, introduced: bool) -> Option<(i64, Shift)> {
        if self.word(0) == Some("a") && self.word(1) == Some("quarter") {
            self.i += 1;
        }
        let minutes = match self.tok(0)? {
            Tok::Word(w) if w == "half" => 30,
            Tok::Word(w) if w == "quarter" => 15,
            Tok::Num(m) if introduced => *m,
            _ => return None,
        };
        let mut k = 1;
        if matches!(self.tok(0), Some(Tok::Num(_)))
            && matches!(self.word(1), Some("minutes" | "minute" | "mins" | "min"))
        {
            k = 2;
        }
        let sign = match self.word(k)? {
            "past" | "after" => 1,
            // `half to 8` is not English; only quarters and minutes count down.
            "to" | "before" if minutes != 30 => -1,
            _ => return None,
        };
        let Some(Tok::Num(hour)) = self.tok(k + 1) else {
            return None;
        };
        self.i += k + 2;
        Some((*hour, sign * minutes))
    }
}

/// The time `shift` minutes from the full `hour` (0–24). On the 12-hour clock the hour
/// before 1 is 12 (`jam 1 kurang seperempat siang` is 12:45), and only a 24-hour
/// hour (13–24, or 0) is exact.
fn clock(hour: i64, shift: Shift) -> Option<TimeSpec> {
    if !(0..=24).contains(&hour) || shift == 0 || !(-59..=59).contains(&shift) {
        return None;
    }
    let total = hour * 60 + shift;
    if !(0..24 * 60).contains(&total) {
        return None;
    }
    let mut at_hour = total / 60;
    let twelve_hour = (1..=12).contains(&hour);
    if twelve_hour && at_hour == 0 {
        at_hour = 12;
    }
    Some(TimeSpec {
        hour: Some(at_hour),
        minute: total % 60,
        meridiem: None,
        period: None,
        exact: !twelve_hour,
    })
}
