//! From what was said to an instant: dates, hours, offsets and recurrences.

use jiff::civil::{Date, DateTime};
use jiff::{Span, ZonedDateTime};

use super::grammar::{DateSpec, EndSpec, Period, RecurSpec, Spec, TimeSpec};
use super::lex::{Meridiem, Unit};
use super::{TimeError, When};
use crate::time::recur::{COUNT_MAX, End, Freq, Rule};

/// A time of day in 24-hour form, or the two readings of a bare hour.
enum Hour {
    /// `next_day`: the time falls after midnight (`jam 12 malam`).
    Exact {
        hour: i64,
        minute: i64,
        next_day: bool,
    },
    Either {
        am: i64,
        pm: i64,
    },
}

fn hour_of(time: &TimeSpec) -> Result<Hour, TimeError> {
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

fn add_days(date: Date, days: i64) -> Result<Date, TimeError> {
    date.checked_add(Span::new().days(days))
        .map_err(|_| TimeError::Impossible)
}

fn at(date: Date, hour: i64, minute: i64, now: &ZonedDateTime) -> Result<ZonedDateTime, TimeError> {
    let dt = DateTime::new(
        date.year(),
        date.month(),
        date.day(),
        hour as i8,
        minute as i8,
        0,
        0,
    )
    .map_err(|_| TimeError::Impossible)?;
    now.time_zone()
        .to_zoned_datetime(dt)
        .map_err(|_| TimeError::Impossible)
}

pub(super) fn resolve(spec: Spec, input: &str, now: &ZonedDateTime) -> Result<When, TimeError> {
    if let Some(recur) = spec.recur {
        return resolve_recurrence(recur, spec.time, input, spec.indonesian, now);
    }
    let today = now.date();
    if !spec.offset.is_empty() {
        return resolve_offset(&spec, input, now);
    }
    let time = spec.time.clone().unwrap_or_default();
    let (hour, minute, next_day) = match hour_of(&time)? {
        Hour::Exact {
            hour,
            minute,
            next_day,
        } => (hour, minute, next_day),
        Hour::Either { am, pm } => {
            let date = date_of(&spec, today, now, (am, 0))?.0;
            return Err(ambiguous(date, (am, pm), input, spec.indonesian, now));
        }
    };
    let (mut date, flexible) = date_of(&spec, today, now, (hour, minute))?;
    if next_day {
        date = add_days(date, 1)?;
    }
    let mut when = at(date, hour, minute, now)?;
    if when.timestamp() <= now.timestamp() {
        match flexible {
            Flex::NextDay => when = at(add_days(date, 1)?, hour, minute, now)?,
            Flex::NextMonth => {
                let next = date
                    .first_of_month()
                    .checked_add(Span::new().months(1))
                    .map_err(|_| TimeError::Impossible)?;
                let next = Date::new(next.year(), next.month(), date.day())
                    .map_err(|_| TimeError::Impossible)?;
                when = at(next, hour, minute, now)?;
            }
            Flex::NextYear => {
                let next = Date::new(date.year() + 1, date.month(), date.day())
                    .map_err(|_| TimeError::Impossible)?;
                when = at(next, hour, minute, now)?;
            }
            Flex::Fixed => {
                let suggestion = matches!(spec.date, Some(DateSpec::Relative(0))).then(|| {
                    let word = if spec.indonesian { "besok" } else { "tomorrow" };
                    let rest: Vec<&str> = input
                        .split_whitespace()
                        .filter(|w| {
                            !matches!(
                                w.to_lowercase().as_str(),
                                "today" | "ini" | "hari" | "tonight"
                            )
                        })
                        .collect();
                    format!("{word} {}", rest.join(" ")).trim().to_owned()
                });
                return Err(TimeError::Past {
                    at_ms: when.timestamp().as_millisecond(),
                    suggestion,
                });
            }
        }
    }
    Ok(When::Once(when))
}

/// How a resolved date may move when the time has already passed.
enum Flex {
    /// No date given: tomorrow.
    NextDay,
    /// A day of the month without a month: next month.
    NextMonth,
    /// A date without a year: next year.
    NextYear,
    /// Given explicitly: reject.
    Fixed,
}

fn date_of(
    spec: &Spec,
    today: Date,
    now: &ZonedDateTime,
    (hour, minute): (i64, i64),
) -> Result<(Date, Flex), TimeError> {
    Ok(match &spec.date {
        None => (today, Flex::NextDay),
        Some(DateSpec::Relative(days)) => (add_days(today, *days)?, Flex::Fixed),
        Some(DateSpec::NextWeek) => {
            let to_monday = 7 - i64::from(today.weekday().to_monday_zero_offset());
            (add_days(today, to_monday)?, Flex::Fixed)
        }
        Some(DateSpec::Weekday { day, next }) => {
            let ahead = i64::from(today.weekday().until(*day));
            let mut date = add_days(today, ahead)?;
            let later_today =
                ahead == 0 && at(date, hour, minute, now)?.timestamp() > now.timestamp();
            if ahead == 0 && (*next || !later_today) {
                date = add_days(date, 7)?;
            }
            (date, Flex::Fixed)
        }
        Some(DateSpec::DayOfMonth(day)) => {
            let d = i8::try_from(*day).map_err(|_| TimeError::Impossible)?;
            let date =
                Date::new(today.year(), today.month(), d).map_err(|_| TimeError::Impossible)?;
            (date, Flex::NextMonth)
        }
        Some(DateSpec::Calendar { year, month, day }) => {
            let y = year.unwrap_or(i64::from(today.year()));
            let (Ok(y), Ok(m), Ok(d)) =
                (i16::try_from(y), i8::try_from(*month), i8::try_from(*day))
            else {
                return Err(TimeError::Impossible);
            };
            let date = Date::new(y, m, d).map_err(|_| TimeError::Impossible)?;
            (
                date,
                if year.is_some() {
                    Flex::Fixed
                } else {
                    Flex::NextYear
                },
            )
        }
    })
}

fn resolve_offset(spec: &Spec, input: &str, now: &ZonedDateTime) -> Result<When, TimeError> {
    let mut minutes = 0i64;
    let mut days = 0i64;
    for (n, unit) in &spec.offset {
        match unit {
            Unit::Minute => minutes += n,
            Unit::Hour => minutes += n * 60,
            Unit::Day => days += n,
            Unit::Week => days += n * 7,
        }
    }
    if minutes == 0 && days == 0 || minutes > 10 * 366 * 24 * 60 || days > 10 * 366 {
        return Err(TimeError::Impossible);
    }
    // Days keep the local time of day across DST changes; minutes and hours are exact.
    let when = now
        .checked_add(Span::new().days(days))
        .and_then(|z| z.checked_add(Span::new().minutes(minutes)))
        .map_err(|_| TimeError::Impossible)?;
    match &spec.time {
        Some(time) if minutes == 0 => {
            let (hour, minute, next_day) = match hour_of(time)? {
                Hour::Exact {
                    hour,
                    minute,
                    next_day,
                } => (hour, minute, next_day),
                Hour::Either { am, pm } => {
                    return Err(ambiguous(
                        when.date(),
                        (am, pm),
                        input,
                        spec.indonesian,
                        now,
                    ));
                }
            };
            let date = if next_day {
                add_days(when.date(), 1)?
            } else {
                when.date()
            };
            Ok(When::Once(at(date, hour, minute, now)?))
        }
        Some(_) => Err(TimeError::NotUnderstood { word: None }),
        None => Ok(When::Once(when)),
    }
}

fn resolve_recurrence(
    recur: RecurSpec,
    time: Option<TimeSpec>,
    input: &str,
    indonesian: bool,
    now: &ZonedDateTime,
) -> Result<When, TimeError> {
    let time = time.unwrap_or_default();
    let (hour, minute) = match hour_of(&time)? {
        Hour::Exact { hour, minute, .. } => (hour, minute),
        Hour::Either { am, pm } => {
            return Err(ambiguous(now.date(), (am, pm), input, indonesian, now));
        }
    };
    let today = now.date();
    let mut weekdays = recur.weekdays;
    if matches!(recur.freq, Freq::Weekly) && weekdays.is_empty() {
        weekdays.push(today.weekday());
    }
    let month_day = match recur.freq {
        Freq::Monthly if recur.nth.is_none() => {
            Some(recur.month_day.unwrap_or(i64::from(today.day())))
        }
        _ => None,
    };
    if month_day.is_some_and(|d| !(1..=31).contains(&d)) || !(1..=52).contains(&recur.interval) {
        return Err(TimeError::Impossible);
    }
    let rule = Rule {
        freq: recur.freq,
        interval: recur.interval as u32,
        weekdays,
        nth: recur.nth.map(|n| n as i8),
        month_day: month_day.map(|d| d as i8),
        hour: hour as i8,
        minute: minute as i8,
        end: recur.end.map(|end| end_of(end, today)).transpose()?,
    };
    let first = rule
        .first_after(today, now.time_zone(), now.timestamp())
        .ok_or(match rule.end {
            Some(End::Until(_)) => TimeError::EndsBeforeStart,
            _ => TimeError::Impossible,
        })?;
    Ok(When::Repeat { rule, first })
}

/// `10 times` (1 to [`COUNT_MAX`]), or the last date: one without a year is the next
/// such date, today included.
fn end_of(end: EndSpec, today: Date) -> Result<End, TimeError> {
    match end {
        EndSpec::Count(n) if n < 1 => Err(TimeError::Impossible),
        EndSpec::Count(n) => u32::try_from(n)
            .ok()
            .filter(|n| *n <= COUNT_MAX)
            .map(End::Count)
            .ok_or(TimeError::TooManyTimes { max: COUNT_MAX }),
        EndSpec::Until(DateSpec::Calendar { year, month, day }) => {
            let (Ok(m), Ok(d)) = (i8::try_from(month), i8::try_from(day)) else {
                return Err(TimeError::Impossible);
            };
            let on = |y: i64| {
                let y = i16::try_from(y).map_err(|_| TimeError::Impossible)?;
                Date::new(y, m, d).map_err(|_| TimeError::Impossible)
            };
            let date = match year {
                Some(y) => on(y)?,
                None => match on(i64::from(today.year()))? {
                    date if date >= today => date,
                    _ => on(i64::from(today.year()) + 1)?,
                },
            };
            Ok(End::Until(date))
        }
        EndSpec::Until(_) => Err(TimeError::Impossible),
    }
}

/// Both readings of a bare hour on `date`, with the input made explicit each way.
fn ambiguous(
    date: Date,
    (am, pm): (i64, i64),
    input: &str,
    indonesian: bool,
    now: &ZonedDateTime,
) -> TimeError {
    let (Ok(first), Ok(second)) = (at(date, am, 0, now), at(date, pm, 0, now)) else {
        return TimeError::Impossible;
    };
    let (try_first, try_second) = suggestions(input, indonesian);
    TimeError::Ambiguous {
        first_ms: first.timestamp().as_millisecond(),
        second_ms: second.timestamp().as_millisecond(),
        try_first,
        try_second,
    }
}

/// The input made explicit both ways: `besok jam 7` → `besok jam 7 pagi` / `… malam`.
fn suggestions(input: &str, indonesian: bool) -> (String, String) {
    let input = input.trim();
    if indonesian {
        (format!("{input} pagi"), format!("{input} malam"))
    } else {
        (format!("{input} am"), format!("{input} pm"))
    }
}
