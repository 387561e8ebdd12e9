//! From what was said to an instant: dates, hours, offsets and recurrences. How a
//! refusal shows what was understood (both readings of a bare hour, what to type for a
//! time that has passed) is in [`super::explain`].

use jiff::civil::{Date, DateTime};
use jiff::{Span, ZonedDateTime};

use super::grammar::{DateSpec, EndSpec, RecurSpec, Spec};
use super::hour::{Hour, hour_of};
use super::lex::Unit;
use super::{TimeError, When, explain};
use crate::time::recur::{COUNT_MAX, End, Freq, Rule};

/// `days` after `date`; `try_days`, as a number typed (`999999999 days from today`) may be
/// beyond what a span holds.
pub(super) fn add_days(date: Date, days: i64) -> Result<Date, TimeError> {
    Span::new()
        .try_days(days)
        .and_then(|span| date.checked_add(span))
        .map_err(|_| TimeError::Impossible)
}

pub(super) fn at(
    date: Date,
    hour: i64,
    minute: i64,
    now: &ZonedDateTime,
) -> Result<ZonedDateTime, TimeError> {
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
    if let Some(recur) = spec.recur.clone() {
        return resolve_recurrence(&spec, recur, input, now);
    }
    if !spec.offset.is_empty() {
        return resolve_offset(&spec, input, now);
    }
    if spec.later_today && spec.time.is_none() {
        return explain::later_today(now).map(When::Once);
    }
    let time = spec.time.clone().unwrap_or_default();
    match hour_of(&time)? {
        Hour::Exact {
            hour,
            minute,
            next_day,
        } => once(&spec, input, now, (hour, minute), next_day).map(When::Once),
        Hour::Either { am, pm, minute } => {
            let readings = [am, pm].map(|hour| once(&spec, input, now, (hour, minute), false));
            explain::either(readings, &spec, input).map(When::Once)
        }
    }
}

/// The instant of one reading of the time: on the date said, or, when the date may
/// move, the next one at which that time is still ahead.
fn once(
    spec: &Spec,
    input: &str,
    now: &ZonedDateTime,
    (hour, minute): (i64, i64),
    next_day: bool,
) -> Result<ZonedDateTime, TimeError> {
    let (mut date, flexible) = date_of(spec, now.date(), now, (hour, minute))?;
    if next_day {
        date = add_days(date, 1)?;
    }
    let when = at(date, hour, minute, now)?;
    if when.timestamp() > now.timestamp() {
        return Ok(when);
    }
    match flexible {
        Flex::NextDay => at(add_days(date, 1)?, hour, minute, now),
        Flex::NextMonth => {
            let next = date
                .first_of_month()
                .checked_add(Span::new().months(1))
                .map_err(|_| TimeError::Impossible)?;
            let next = Date::new(next.year(), next.month(), date.day())
                .map_err(|_| TimeError::Impossible)?;
            at(next, hour, minute, now)
        }
        Flex::NextYear => {
            let next = Date::new(date.year() + 1, date.month(), date.day())
                .map_err(|_| TimeError::Impossible)?;
            at(next, hour, minute, now)
        }
        Flex::Fixed => Err(explain::passed(spec, input, now, &when)),
    }
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
        Some(DateSpec::WeekdayOfWeek { day, weeks }) => {
            let monday = add_days(today, -i64::from(today.weekday().to_monday_zero_offset()))?;
            let ahead = weeks.saturating_mul(7) + i64::from(day.to_monday_zero_offset());
            (add_days(monday, ahead)?, Flex::Fixed)
        }
        Some(DateSpec::Months { months, day }) => {
            (months_ahead(today, *months, *day)?, Flex::Fixed)
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
    let (mut minutes, mut days, mut months) = (0i64, 0i64, 0i64);
    for (n, unit) in &spec.offset {
        match unit {
            Unit::Minute => minutes += n,
            Unit::Hour => minutes += n * 60,
            Unit::Day => days += n,
            Unit::Week => days += n * 7,
            Unit::Month => months += n,
        }
    }
    let too_far = minutes > 10 * 366 * 24 * 60 || days > 10 * 366 || months > 10 * 12;
    if minutes == 0 && days == 0 && months == 0 || too_far {
        return Err(TimeError::Impossible);
    }
    // Months and days keep the local time of day across DST changes (a month from 31
    // January is the last day of February); minutes and hours are exact.
    let when = now
        .checked_add(Span::new().months(months))
        .and_then(|z| z.checked_add(Span::new().days(days)))
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
                Hour::Either { am, pm, minute } => {
                    let (first, second) = (
                        at(when.date(), am, minute, now)?,
                        at(when.date(), pm, minute, now)?,
                    );
                    return Err(explain::ambiguous(first, second, spec, input));
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
    spec: &Spec,
    recur: RecurSpec,
    input: &str,
    now: &ZonedDateTime,
) -> Result<When, TimeError> {
    let time = spec.time.clone().unwrap_or_default();
    let today = now.date();
    match hour_of(&time)? {
        Hour::Exact { hour, minute, .. } => {
            let rule = rule_of(recur, (hour, minute), today)?;
            let first = first_of(&rule, now)?;
            Ok(When::Repeat { rule, first })
        }
        // Each reading with its own first occurrence, so neither offered is past.
        Hour::Either { am, pm, minute } => {
            let firsts = [am, pm].map(|hour| {
                rule_of(recur.clone(), (hour, minute), today).and_then(|rule| first_of(&rule, now))
            });
            match firsts {
                [Ok(first), Ok(second)] => Err(explain::ambiguous(first, second, spec, input)),
                [Err(e), _] | [_, Err(e)] => Err(e),
            }
        }
    }
}

fn rule_of(recur: RecurSpec, (hour, minute): (i64, i64), today: Date) -> Result<Rule, TimeError> {
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
    Ok(Rule {
        freq: recur.freq,
        interval: recur.interval as u32,
        weekdays,
        nth: recur.nth.map(|n| n as i8),
        month_day: month_day.map(|d| d as i8),
        hour: hour as i8,
        minute: minute as i8,
        end: recur.end.map(|end| end_of(end, today)).transpose()?,
    })
}

fn first_of(rule: &Rule, now: &ZonedDateTime) -> Result<ZonedDateTime, TimeError> {
    rule.first_after(now.date(), now.time_zone(), now.timestamp())
        .ok_or(match rule.end {
            Some(End::Until(_)) => TimeError::EndsBeforeStart,
            _ => TimeError::Impossible,
        })
}

/// `months` months after today, on `day` (which must exist in that month), or on
/// today's day of the month, kept within the month (31 January + 1 month: 28 February).
fn months_ahead(today: Date, months: i64, day: Option<i64>) -> Result<Date, TimeError> {
    let first = Span::new()
        .try_months(months)
        .and_then(|span| today.first_of_month().checked_add(span))
        .map_err(|_| TimeError::Impossible)?;
    let day = match day {
        Some(day) => i8::try_from(day).map_err(|_| TimeError::Impossible)?,
        None => today.day().min(first.days_in_month()),
    };
    Date::new(first.year(), first.month(), day).map_err(|_| TimeError::Impossible)
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
