//! A time read in a zone named inside it (`pukul 14.00 WITA`, `9am PST`), given back in
//! the reader's zone: for a reader in WIB, `pukul 14.00 WITA` is 13:00 WIB.
//!
//! - The whole expression is read in the named zone (its today, its 09:00), as the
//!   person quoting "tomorrow 9am PST" means it.
//! - The reader's own zone under any of its names is the reader's local time: `CET`
//!   typed in Berlin in July is 19:00 there (shown as CEST), as people write their own
//!   zone loosely.
//! - A seasonal abbreviation on a date when its place is on the other one (`EST` in
//!   July, when New York is on EDT) is refused with both ways to write it.
//! - A repetition is kept in the reader's zone, so it is converted once: only when the
//!   two zones stay the same hours apart (WITA and WIB always do; CET and WIB do not,
//!   Central Europe changes its clocks), and a monthly one only when it stays on the
//!   same day. Otherwise it is refused with its first date in the reader's zone.

use std::cmp::Ordering;

use jiff::tz::{Offset, TimeZone};
use jiff::{Span, Timestamp, ZonedDateTime};

use super::grammar::{Spec, ZoneWord};
use super::{TimeError, When, resolve};
use crate::time::recur::{End, Freq, Rule};

/// How far ahead two zones must keep the same distance for a series to be converted.
const SAME_GAP_YEARS: i64 = 5;

pub(super) fn resolve(spec: Spec, input: &str, now: &ZonedDateTime) -> Result<When, TimeError> {
    let zone = match &spec.zone {
        Some(zone) if !is_readers(zone, now.time_zone(), now.timestamp()) => zone.clone(),
        _ => return resolve::resolve(spec, input, now),
    };
    let there = now.with_time_zone(zone.zone.tz().clone());
    match resolve::resolve(spec, input, &there)? {
        When::Once(at) => {
            in_season(&zone, &at)?;
            Ok(When::Once(at.with_time_zone(now.time_zone().clone())))
        }
        When::Repeat { rule, first } => repeat_here(&zone, rule, &first, now),
    }
}

/// Whether the zone written is the reader's own: the same place, or an abbreviation the
/// reader's zone goes by in either season (`WIB` in Asia/Pontianak, `CEST` in Berlin).
pub(super) fn is_readers(zone: &ZoneWord, reader: &TimeZone, at: Timestamp) -> bool {
    if reader.iana_name().is_some() && reader.iana_name() == zone.zone.tz().iana_name() {
        return true;
    }
    let written = zone.written.to_ascii_uppercase();
    let now = reader.to_offset_info(at).abbreviation().to_owned();
    let later = reader
        .following(at)
        .take(2)
        .map(|t| t.abbreviation().to_owned());
    std::iter::once(now).chain(later).any(|a| a == written)
}

/// `EST` for a date when New York is on EDT is refused: either could be meant.
fn in_season(zone: &ZoneWord, at: &ZonedDateTime) -> Result<(), TimeError> {
    let Some(place) = zone.seasonal else {
        return Ok(());
    };
    let Ok(tz) = TimeZone::get(place) else {
        return Ok(());
    };
    let info = tz.to_offset_info(at.timestamp());
    if info.offset() == at.offset() {
        return Ok(());
    }
    Err(TimeError::ZoneOutOfSeason {
        word: zone.written.clone(),
        at_ms: at.timestamp().as_millisecond(),
        place: place.to_owned(),
        actual: info.abbreviation().to_owned(),
        offset: offset_text(at.offset()),
    })
}

/// `UTC-5`, `UTC+5:30`, as `Zone::parse` reads it back.
fn offset_text(offset: Offset) -> String {
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    match minutes {
        0 => format!("UTC{sign}{hours}"),
        _ => format!("UTC{sign}{hours}:{minutes:02}"),
    }
}

/// A series read in another zone, as the same series in the reader's zone.
fn repeat_here(
    zone: &ZoneWord,
    rule: Rule,
    first: &ZonedDateTime,
    now: &ZonedDateTime,
) -> Result<When, TimeError> {
    let here = first.with_time_zone(now.time_zone().clone());
    let refuse = |other_day| TimeError::RepeatInZone {
        word: zone.written.clone(),
        first_ms: first.timestamp().as_millisecond(),
        other_day,
    };
    let steady =
        zone.seasonal.is_none() && same_gap(zone.zone.tz(), now.time_zone(), first.timestamp());
    if !steady {
        return Err(refuse(false));
    }
    let shift: i64 = match here.date().cmp(&first.date()) {
        Ordering::Less => -1,
        Ordering::Equal => 0,
        Ordering::Greater => 1,
    };
    if shift != 0 && matches!(rule.freq, Freq::Monthly) {
        return Err(refuse(true));
    }
    let end = match rule.end {
        Some(End::Until(last)) => Some(End::Until(resolve::add_days(last, shift)?)),
        other => other,
    };
    let rule = Rule {
        weekdays: rule
            .weekdays
            .iter()
            .map(|d| d.wrapping_add(shift))
            .collect(),
        hour: here.hour(),
        minute: here.minute(),
        end,
        ..rule
    };
    let first = rule
        .first_after(now.date(), now.time_zone(), now.timestamp())
        .ok_or(TimeError::Impossible)?;
    Ok(When::Repeat { rule, first })
}

/// Whether two zones stay the same distance apart for the next years: checked at every
/// change of either, since offsets only change there.
fn same_gap(a: &TimeZone, b: &TimeZone, from: Timestamp) -> bool {
    let gap = |at: Timestamp| a.to_offset(at).seconds() - b.to_offset(at).seconds();
    let Ok(horizon) = from.checked_add(Span::new().hours(SAME_GAP_YEARS * 366 * 24)) else {
        return false;
    };
    let before = |t: &Timestamp| *t < horizon;
    let changes_a = a.following(from).map(|t| t.timestamp()).take_while(before);
    let changes_b = b.following(from).map(|t| t.timestamp()).take_while(before);
    let base = gap(from);
    changes_a.chain(changes_b).all(|t| gap(t) == base)
}
