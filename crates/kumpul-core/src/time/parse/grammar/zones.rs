//! Zones named inside a time: `pukul 14.00 WITA`, `9am PST`, `19:00 Europe/Berlin`,
//! `UTC+8`, `GMT -3`. The zone word belongs to the time, so it never ends up in a
//! reminder's text; `parse::zoned` reads the time in that zone and converts it.
//!
//! Abbreviations are read only from a short list of ones that name one offset. Those
//! that name several (`IST`: India, Ireland or Israel) are consumed and refused with the
//! places to write instead, and so is a second zone in one time.

use jiff::tz::{Offset, TimeZone};

use super::super::TimeError;
use super::Parser;
use crate::time::Zone;

/// A zone as written inside a time.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::time::parse) struct ZoneWord {
    /// Spelled as people write it (`WITA`, `Asia/Makassar`, `UTC+8`), for suggestions.
    pub(in crate::time::parse) written: String,
    pub(in crate::time::parse) zone: Zone,
    /// For an abbreviation of one season (`EST`, `CEST`): a place that switches between
    /// it and the other one, to notice `EST` written for a date in July.
    pub(in crate::time::parse) seasonal: Option<&'static str>,
    /// The index of the (first) word it was written in.
    pub(in crate::time::parse) word: usize,
}

/// Abbreviations that name one offset (minutes east of UTC), with the place that uses
/// them for part of the year where that place has daylight saving. Words that are also
/// everyday English (`WET`, `WEST`) are left out: `7pm wet the plants` is a reminder.
const ABBREVIATIONS: &[(&str, i32, Option<&str>)] = &[
    ("UTC", 0, None),
    ("GMT", 0, None),
    ("CET", 60, Some("Europe/Berlin")),
    ("CEST", 120, Some("Europe/Berlin")),
    ("EET", 120, Some("Europe/Athens")),
    ("EEST", 180, Some("Europe/Athens")),
    ("MSK", 180, None),
    ("EST", -300, Some("America/New_York")),
    ("EDT", -240, Some("America/New_York")),
    ("CDT", -300, Some("America/Chicago")),
    ("MST", -420, None),
    ("MDT", -360, Some("America/Denver")),
    ("PST", -480, Some("America/Los_Angeles")),
    ("PDT", -420, Some("America/Los_Angeles")),
    ("AKST", -540, Some("America/Anchorage")),
    ("AKDT", -480, Some("America/Anchorage")),
    ("HST", -600, None),
    ("ICT", 420, None),
    ("SGT", 480, None),
    ("MYT", 480, None),
    ("HKT", 480, None),
    ("PHT", 480, None),
    ("AWST", 480, None),
    ("JST", 540, None),
    ("KST", 540, None),
    ("ACST", 570, None),
    ("ACDT", 630, Some("Australia/Adelaide")),
    ("AEST", 600, None),
    ("AEDT", 660, Some("Australia/Sydney")),
    ("NZST", 720, Some("Pacific/Auckland")),
    ("NZDT", 780, Some("Pacific/Auckland")),
];

/// Abbreviations used for more than one zone: the places to write instead, and an
/// offset as an example.
const AMBIGUOUS: &[(&str, &str, &str)] = &[
    (
        "IST",
        "Asia/Kolkata, Europe/Dublin, Asia/Jerusalem",
        "UTC+5:30",
    ),
    (
        "CST",
        "America/Chicago, Asia/Shanghai, America/Havana",
        "UTC-6",
    ),
    ("AST", "America/Halifax, Asia/Riyadh", "UTC-4"),
    ("BST", "Europe/London, Asia/Dhaka", "UTC+1"),
    ("SST", "Pacific/Pago_Pago, Asia/Singapore", "UTC+8"),
    ("GST", "Asia/Dubai, Atlantic/South_Georgia", "UTC+4"),
];

/// What a word (or a word and the next, `UTC +8`) names as a zone, and how many words.
enum Found {
    Zone(Zone, Option<&'static str>, String),
    Ambiguous(&'static str, &'static str, &'static str),
    /// Written as a zone (`Asia/Makasar`, `UTC+99`, `GMT + 8`) but naming none: refused,
    /// never left in the text with the time read in the reader's zone.
    Unknown(String),
}

fn find(word: &str, next: Option<&str>) -> Option<(Found, usize)> {
    let upper = word.to_ascii_uppercase();
    if let Some(&(abbr, places, offset)) = AMBIGUOUS.iter().find(|(a, ..)| *a == upper) {
        return Some((Found::Ambiguous(abbr, places, offset), 1));
    }
    if matches!(upper.as_str(), "WIB" | "WITA" | "WIT") {
        let zone = Zone::parse(&upper).ok()?;
        return Some((Found::Zone(zone, None, upper), 1));
    }
    // `UTC +8`, `GMT -3`: the sign and hours as a word of their own.
    if matches!(upper.as_str(), "UTC" | "GMT")
        && let Some(offset) = next.filter(|n| n.starts_with(['+', '-', '−']))
    {
        let written = format!("{upper}{offset}");
        return Some(match Zone::parse(&written) {
            Ok(zone) => (Found::Zone(zone, None, written), 2),
            Err(_) => (Found::Unknown(format!("{upper} {offset}")), 2),
        });
    }
    if let Some(&(abbr, minutes, seasonal)) = ABBREVIATIONS.iter().find(|(a, ..)| *a == upper) {
        let offset = Offset::from_seconds(minutes * 60).ok()?;
        let zone = Zone::named_offset(abbr, TimeZone::fixed(offset));
        return Some((Found::Zone(zone, seasonal, abbr.to_owned()), 1));
    }
    let offset_form = ["UTC+", "UTC-", "GMT+", "GMT-"]
        .iter()
        .any(|p| upper.starts_with(p));
    let place_form = word.contains('/') && word.starts_with(|c: char| c.is_alphabetic());
    if offset_form || place_form {
        let Ok(zone) = Zone::parse(word) else {
            return Some((Found::Unknown(word.to_owned()), 1));
        };
        let written = if offset_form {
            upper
        } else {
            zone.name().to_owned()
        };
        return Some((Found::Zone(zone, None, written), 1));
    }
    None
}

impl Parser<'_> {
    /// A zone after something that it can be the zone of (a time, a day, a repetition).
    pub(super) fn zone(&mut self) -> bool {
        let spec = &self.spec;
        let after_time = spec.time.is_some()
            || spec.date.is_some()
            || spec.recur.is_some()
            || !spec.offset.is_empty();
        let (Some(word), true) = (self.word(0), after_time) else {
            return false;
        };
        let Some((found, words)) = find(word, self.word(1)) else {
            return false;
        };
        let at = self.toks[self.i].word;
        self.i += words;
        let (zone, seasonal, written) = match found {
            Found::Ambiguous(word, places, offset) => {
                self.refuse(TimeError::AmbiguousZone {
                    word: word.to_owned(),
                    places: places.to_owned(),
                    offset: offset.to_owned(),
                });
                return true;
            }
            Found::Unknown(written) => {
                self.refuse(TimeError::NotUnderstood {
                    word: Some(written),
                });
                return true;
            }
            Found::Zone(zone, seasonal, written) => (zone, seasonal, written),
        };
        if self.spec.zone.is_some() {
            self.refuse(TimeError::NotUnderstood {
                word: Some(written),
            });
            return true;
        }
        self.spec.zone = Some(ZoneWord {
            written,
            zone,
            seasonal,
            word: at,
        });
        true
    }

    /// Keeps the first reason to refuse the whole time.
    pub(super) fn refuse(&mut self, error: TimeError) {
        self.spec.refused.get_or_insert(error);
    }
}
