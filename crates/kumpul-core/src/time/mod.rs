//! Time: zones, clocks, showing times to people, and understanding the times they type.
//!
//! All stored times are UTC unix milliseconds. People type times in their own zone
//! (the person's, else the space's, else the deployment's) and read them in theirs.

pub mod clock;
pub mod duration;
pub mod format;
pub mod parse;
pub mod recur;

use jiff::tz::{Offset, TimeZone};

use crate::i18n::Msg;

/// A time zone as people name it, with the name we store for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// An IANA name (`Asia/Jakarta`) or a fixed offset written `UTC+07:00`.
    name: String,
    tz: TimeZone,
}

impl Zone {
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            tz: TimeZone::UTC,
        }
    }

    /// Accepts IANA names (any case), `UTC`, `UTC±H[:MM]` / `GMT±H[:MM]`, and the Indonesian
    /// abbreviations WIB (Asia/Jakarta), WITA (Asia/Makassar) and WIT (Asia/Jayapura).
    pub fn parse(input: &str) -> Result<Zone, Msg> {
        let text = input.trim();
        let invalid = || {
            Msg::new("zone-invalid")
                .strong("zone", text)
                .code("examples", "Asia/Jakarta, WIB, UTC+7, Europe/Berlin")
        };
        let upper = text.to_ascii_uppercase();
        let alias = match upper.as_str() {
            "WIB" => Some("Asia/Jakarta"),
            "WITA" => Some("Asia/Makassar"),
            "WIT" => Some("Asia/Jayapura"),
            "UTC" | "GMT" | "Z" => return Ok(Zone::utc()),
            _ => None,
        };
        if let Some(name) = alias {
            return Zone::iana(name).ok_or_else(invalid);
        }
        if let Some(rest) = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
        {
            let seconds = parse_offset(rest).ok_or_else(invalid)?;
            if seconds == 0 {
                return Ok(Zone::utc());
            }
            let offset = Offset::from_seconds(seconds).map_err(|_| invalid())?;
            let sign = if seconds < 0 { '-' } else { '+' };
            let abs = seconds.abs();
            return Ok(Zone {
                name: format!("UTC{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60),
                tz: TimeZone::fixed(offset),
            });
        }
        if text.contains('/') {
            return Zone::iana(text).ok_or_else(invalid);
        }
        Err(invalid())
    }

    /// A fixed offset shown under its abbreviation (`CET` as written in `19:00 CET`); for
    /// reading typed times only, never stored (`parse` does not read it back).
    pub(crate) fn named_offset(abbreviation: &str, tz: TimeZone) -> Zone {
        Zone {
            name: abbreviation.to_owned(),
            tz,
        }
    }

    fn iana(name: &str) -> Option<Zone> {
        let tz = TimeZone::get(name).ok()?;
        let name = tz.iana_name().unwrap_or(name).to_owned();
        Some(Zone { name, tz })
    }

    /// The name to store and show in settings.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }

    /// Seconds east of UTC at an instant (UTC unix milliseconds); `None` out of range.
    pub fn offset_seconds_at(&self, at_ms: i64) -> Option<i32> {
        let at = jiff::Timestamp::from_millisecond(at_ms).ok()?;
        Some(self.tz.to_offset(at).seconds())
    }

    /// The zone's abbreviation at an instant: `WIB`, `CET`/`CEST`, `EST`/`EDT`, or the
    /// offset for zones without one.
    pub fn abbreviation(&self, at: jiff::Timestamp) -> String {
        if self.tz.iana_name().is_none() {
            return self.name.clone();
        }
        let info = self.tz.to_offset_info(at);
        let abbreviation = info.abbreviation();
        if abbreviation.starts_with(['+', '-']) {
            format!("UTC{abbreviation}")
        } else {
            abbreviation.to_owned()
        }
    }
}

impl From<TimeZone> for Zone {
    fn from(tz: TimeZone) -> Zone {
        match tz.iana_name() {
            Some(name) => Zone {
                name: name.to_owned(),
                tz,
            },
            None => Zone::utc(),
        }
    }
}

/// `+7`, `+07`, `+0700`, `+07:00`, `-3:30` → seconds east of UTC (at most ±14 hours).
fn parse_offset(text: &str) -> Option<i32> {
    let (sign, digits) = match text.chars().next()? {
        '+' => (1, &text[1..]),
        '-' | '−' => (-1, &text[text.chars().next()?.len_utf8()..]),
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        // Four ASCII digits (checked first: `split_at` must land on a char boundary).
        None if digits.len() == 4 && digits.is_ascii() => digits.split_at(2),
        None => (digits, "0"),
    };
    // Digits only (`parse` would also take a sign: `+-5`).
    let digits_only = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits_only(hours) || !digits_only(minutes) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes >= 60 || (hours == 14 && minutes > 0) {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iana_names_abbreviations_and_offsets_are_accepted() {
        assert_eq!(Zone::parse("Asia/Jakarta").unwrap().name(), "Asia/Jakarta");
        assert_eq!(Zone::parse("asia/jakarta").unwrap().name(), "Asia/Jakarta");
        assert_eq!(Zone::parse("WIB").unwrap().name(), "Asia/Jakarta");
        assert_eq!(Zone::parse("wita").unwrap().name(), "Asia/Makassar");
        assert_eq!(Zone::parse("WIT").unwrap().name(), "Asia/Jayapura");
        assert_eq!(Zone::parse("UTC").unwrap().name(), "UTC");
        assert_eq!(Zone::parse("UTC+7").unwrap().name(), "UTC+07:00");
        assert_eq!(Zone::parse("UTC-03:30").unwrap().name(), "UTC-03:30");
        // Found by the fuzzer: four bytes that are not four characters, and signs.
        assert!(Zone::parse("UTC+!\u{32a}T").is_err());
        assert!(Zone::parse("UTC+\u{32a}0").is_err());
        assert!(Zone::parse("UTC+0\u{32a}").is_err());
        assert!(Zone::parse("UTC+-5").is_err());
        assert_eq!(Zone::parse("GMT+0530").unwrap().name(), "UTC+05:30");
        assert_eq!(Zone::parse("UTC+0").unwrap().name(), "UTC");
    }

    #[test]
    fn stored_names_parse_back_to_the_same_zone() {
        for name in [
            "Asia/Jakarta",
            "UTC+07:00",
            "UTC-03:30",
            "UTC",
            "Europe/Berlin",
        ] {
            assert_eq!(Zone::parse(name).unwrap().name(), name);
        }
    }

    #[test]
    fn nonsense_zones_are_rejected_with_examples() {
        for bad in ["Mars/Olympus", "UTC+15", "UTC+7:75", "Jakarta", "", "EST5"] {
            assert_eq!(Zone::parse(bad).unwrap_err().id, "zone-invalid", "{bad}");
        }
    }

    #[test]
    fn abbreviations_follow_the_season() {
        let jakarta = Zone::parse("WIB").unwrap();
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        let winter: jiff::Timestamp = "2026-01-15T12:00:00Z".parse().unwrap();
        let summer: jiff::Timestamp = "2026-07-15T12:00:00Z".parse().unwrap();
        assert_eq!(jakarta.abbreviation(winter), "WIB");
        assert_eq!(berlin.abbreviation(winter), "CET");
        assert_eq!(berlin.abbreviation(summer), "CEST");
        assert_eq!(
            Zone::parse("UTC+7").unwrap().abbreviation(winter),
            "UTC+07:00"
        );
    }
}
