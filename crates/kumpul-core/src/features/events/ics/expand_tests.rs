//! Calendar files read back by an independent parser (the `icalendar` crate) and expanded
//! by an independent RRULE engine (`rrule`, which it re-exports): every occurrence
//! through 2035 must land on the instant kumpul itself computes, with the offsets taken
//! from the file's own VTIMEZONE, not from a time zone database.

use icalendar::parser::{Component, read_calendar, unfold};
use icalendar::rrule::RRuleSet;
use jiff::civil::DateTime;

use super::calendar;
use crate::features::events::model::{self, EventStatus};
use crate::features::events::repo::Event;
use crate::time::Zone;

/// Occurrences are compared up to the end of 2035.
const UNTIL: &str = "20360101T000000Z";

fn ms(instant: &str) -> i64 {
    instant.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

fn series(id: i64, zone: &str, first: &str, rrule: &str) -> Event {
    let zone = Zone::parse(zone).unwrap();
    let starts_at = first
        .parse::<DateTime>()
        .unwrap()
        .to_zoned_datetime(zone.tz().clone())
        .unwrap()
        .timestamp()
        .as_millisecond();
    Event {
        id,
        space_id: "console:test".into(),
        number: id,
        channel_id: None,
        creator_id: "console:alice".into(),
        creator_name: "alice".into(),
        title: format!("Series {id}"),
        location: None,
        group_id: None,
        starts_at,
        duration_ms: 7_200_000,
        zone: zone.name().to_owned(),
        rrule: Some(rrule.into()),
        capacity: None,
        rsvp_close_ms: None,
        reminders: String::new(),
        remind_maybe: false,
        status: EventStatus::Scheduled,
        revision: 0,
        created_at: ms("2026-12-01T00:00:00Z"),
        updated_at: ms("2026-12-01T00:00:00Z"),
    }
}

fn prop<'a>(component: &'a Component<'_>, name: &str) -> Option<&'a str> {
    component
        .properties
        .iter()
        .find(|p| p.name.as_str() == name)
        .map(|p| p.val.as_str())
}

fn all_named<'a, 'b>(
    components: &'a [Component<'b>],
    name: &str,
    out: &mut Vec<&'a Component<'b>>,
) {
    for c in components {
        if c.name.as_str() == name {
            out.push(c);
        }
        all_named(&c.components, name, out);
    }
}

/// Local date-times of a DTSTART (read as a plain wall-clock time) and its RRULE,
/// expanded by the `rrule` crate up to [`UNTIL`] (or its own end).
fn expand(dtstart: &str, rrule: Option<&str>) -> Vec<DateTime> {
    let local = dtstart.trim_end_matches('Z');
    let Some(rrule) = rrule else {
        return vec![DateTime::strptime("%Y%m%dT%H%M%S", local).unwrap()];
    };
    let bounded = if rrule.contains("COUNT=") || rrule.contains("UNTIL=") {
        rrule.to_owned()
    } else {
        format!("{rrule};UNTIL={UNTIL}")
    };
    let set: RRuleSet = format!("DTSTART:{local}Z\nRRULE:{bounded}")
        .parse()
        .unwrap_or_else(|e| panic!("{bounded}: {e}"));
    set.all(u16::MAX)
        .dates
        .iter()
        .map(|d| {
            DateTime::strptime("%Y%m%dT%H%M%S", d.format("%Y%m%dT%H%M%S").to_string()).unwrap()
        })
        .filter(|d| d.year() <= 2035)
        .collect()
}

/// One onset of an observance: from this UTC instant on, the offset is `to` seconds.
struct Onset {
    utc: i64,
    to: i64,
}

fn seconds(offset: &str) -> i64 {
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits = &offset[1..];
    let h: i64 = digits[..2].parse().unwrap();
    let m: i64 = digits[2..4].parse().unwrap();
    sign * (h * 3600 + m * 60)
}

fn civil_seconds(local: DateTime) -> i64 {
    local
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp()
        .as_second()
}

/// Every onset of every STANDARD and DAYLIGHT observance of a VTIMEZONE, in order.
fn onsets(vtimezone: &Component<'_>) -> Vec<Onset> {
    let mut out = Vec::new();
    for observance in &vtimezone.components {
        let from = seconds(prop(observance, "TZOFFSETFROM").unwrap());
        let to = seconds(prop(observance, "TZOFFSETTO").unwrap());
        for local in expand(
            prop(observance, "DTSTART").unwrap(),
            prop(observance, "RRULE"),
        ) {
            out.push(Onset {
                utc: civil_seconds(local) - from,
                to,
            });
        }
    }
    out.sort_by_key(|o| o.utc);
    out
}

/// A wall-clock time of the zone as a UTC instant (seconds), by the file's observances.
fn to_utc(onsets: &[Onset], local: DateTime) -> i64 {
    let wall = civil_seconds(local);
    let offset_at = |utc: i64| onsets.iter().rev().find(|o| o.utc <= utc).map(|o| o.to);
    let mut readings: Vec<i64> = onsets
        .iter()
        .map(|o| o.to)
        .filter(|to| offset_at(wall - to) == Some(*to))
        .map(|to| wall - to)
        .collect();
    readings.sort_unstable();
    *readings
        .first()
        .unwrap_or_else(|| panic!("{local} has no offset in the file"))
}

/// What kumpul computes (jiff and its zone database): every occurrence before 2036.
fn occurrences_until_2036(event: &Event) -> Vec<i64> {
    let (rule, zone, anchor) = model::series(event).unwrap();
    let end = ms("2036-01-01T00:00:00Z");
    let mut after = jiff::Timestamp::from_millisecond(event.starts_at - 1).unwrap();
    let mut out = Vec::new();
    for _ in 0..2000 {
        let Some(next) = rule.next_after(anchor, zone.tz(), after) else {
            break;
        };
        if next.timestamp().as_millisecond() >= end {
            break;
        }
        out.push(next.timestamp().as_millisecond());
        after = next.timestamp();
    }
    out
}

#[test]
fn open_ended_series_get_the_right_offset_for_every_occurrence_through_2035() {
    let events = [
        series(
            1,
            "Europe/Berlin",
            "2026-12-08T19:00",
            "FREQ=WEEKLY;BYDAY=TU;BYHOUR=19;BYMINUTE=0",
        ),
        series(
            2,
            "America/New_York",
            "2026-12-06T08:30",
            "FREQ=WEEKLY;BYDAY=SU;BYHOUR=8;BYMINUTE=30",
        ),
        series(
            3,
            "Asia/Jakarta",
            "2026-12-04T19:00",
            "FREQ=WEEKLY;BYDAY=FR;BYHOUR=19;BYMINUTE=0",
        ),
        series(
            4,
            "Europe/Berlin",
            "2026-12-27T10:00",
            "FREQ=MONTHLY;BYDAY=-1SU;BYHOUR=10;BYMINUTE=0",
        ),
        series(
            5,
            "America/New_York",
            "2026-12-05T10:00",
            "FREQ=MONTHLY;BYDAY=1SA;BYHOUR=10;BYMINUTE=0;COUNT=40",
        ),
        series(
            6,
            "Europe/Berlin",
            "2026-12-07T19:00",
            "FREQ=WEEKLY;BYDAY=MO;BYHOUR=19;BYMINUTE=0;UNTIL=20290331",
        ),
    ];
    let with_exceptions: Vec<_> = events.iter().map(|e| (e.clone(), Vec::new())).collect();
    let file = calendar(&with_exceptions);
    let unfolded = unfold(&file);
    let parsed = read_calendar(&unfolded).expect("the file parses");
    let (mut zones, mut vevents) = (Vec::new(), Vec::new());
    all_named(&parsed.components, "VTIMEZONE", &mut zones);
    all_named(&parsed.components, "VEVENT", &mut vevents);
    assert_eq!((zones.len(), vevents.len()), (3, events.len()), "{file}");
    let jakarta = zones
        .iter()
        .find(|z| prop(z, "TZID") == Some("Asia/Jakarta"))
        .unwrap();
    assert_eq!(
        jakarta.components.len(),
        1,
        "one STANDARD without DST: {file}"
    );
    assert_eq!(jakarta.components[0].name.as_str(), "STANDARD");

    for (event, vevent) in events.iter().zip(&vevents) {
        let dtstart = vevent
            .properties
            .iter()
            .find(|p| p.name.as_str() == "DTSTART")
            .unwrap();
        let tzid = dtstart
            .params
            .iter()
            .find(|p| p.key.as_str() == "TZID")
            .unwrap();
        let tzid = tzid.val.as_ref().unwrap().as_str();
        assert_eq!(tzid, event.zone);
        let zone = zones
            .iter()
            .find(|z| prop(z, "TZID") == Some(tzid))
            .unwrap();
        let onsets = onsets(zone);
        let from_file: Vec<i64> = expand(dtstart.val.as_str(), prop(vevent, "RRULE"))
            .into_iter()
            .map(|local| to_utc(&onsets, local) * 1000)
            .collect();
        let ours = occurrences_until_2036(event);
        assert!(
            from_file.len() > 30,
            "{}: {} occurrences",
            event.title,
            from_file.len()
        );
        assert_eq!(from_file, ours, "{}: {file}", event.title);
    }
}
