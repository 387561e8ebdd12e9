//! The hour people said, in 24-hour form: `7pm`, `jam 7 malam` and `19.00` are 19:00,
//! `jam 12 malam` is midnight after the day, and a bare `jam 7` is both 07:00 and 19:00.

use super::TimeError;
use super::grammar::{Period, TimeSpec};
use super::lex::Meridiem;

/// A time of day in 24-hour form, or the two readings of a bare hour.
pub(super) enum Hour {
    /// `next_day`: the time falls after midnight (`jam 12 malam`).
    Exact {
        hour: i64,
        minute: i64,
        next_day: bool,
    },
    Either {
        am: i64,
        pm: i64,
        minute: i64,
    },
}

pub(super) fn hour_of(time: &TimeSpec) -> Result<Hour, TimeError> {
    let minute = time.minute;
    if !(0..60).contains(&minute) {
        return Err(TimeError::Impossible);
    }
    let Some(h) = time.hour else {
        let hour = time.period.map_or(9, Period::default_hour);
        return Ok(Hour::Exact {
            hour,
            minute: 0,
            next_day: false,
        });
    };
    let hour = match (time.meridiem, time.period) {
        (Some(m), _) => {
            if !(1..=12).contains(&h) {
                return Err(TimeError::Impossible);
            }
            if m == Meridiem::Am {
                h % 12
            } else {
                h % 12 + 12
            }
        }
        (None, Some(p)) if h <= 12 => match p {
            Period::Morning => h % 12,
            Period::Noon => {
                if h <= 5 || h == 12 {
                    h % 12 + 12
                } else {
                    h
                }
            }
            Period::Afternoon => {
                if h == 12 {
                    12
                } else {
                    h + 12
                }
            }
            Period::Evening | Period::Night => match h {
                12 => {
                    return Ok(Hour::Exact {
                        hour: 0,
                        minute,
                        next_day: true,
                    });
                }
                1..=4 => h,
                _ => h + 12,
            },
        },
        (None, _) if time.exact || h == 0 || h > 12 => h,
        (None, _) => {
            return Ok(Hour::Either {
                am: h % 12,
                pm: h % 12 + 12,
                minute,
            });
        }
    };
    if !(0..24).contains(&hour) {
        return Err(TimeError::Impossible);
    }
    Ok(Hour::Exact {
        hour,
        minute,
        next_day: false,
    })
}
