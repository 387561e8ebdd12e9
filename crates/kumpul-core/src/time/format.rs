//! Showing times to people in their language and zone.

use jiff::Timestamp;

use super::Zone;
use crate::i18n::{I18n, Locale, Msg};
use crate::reply::Inline;

/// "Tue 1 Dec 2026, 19:00 WIB" / "Sel, 1 Des 2026 pukul 19.00 WIB".
pub fn datetime(i18n: &I18n, locale: Locale, at_ms: i64, zone: &Zone) -> String {
    let Ok(ts) = Timestamp::from_millisecond(at_ms) else {
        return at_ms.to_string();
    };
    let local = ts.to_zoned_datetime(zone.tz().clone());
    let weekday = i18n.text(
        locale,
        &Msg::new("weekday-short").num("day", i64::from(local.weekday().to_monday_one_offset())),
    );
    let month = i18n.text(
        locale,
        &Msg::new("month-short").num("month", i64::from(local.month())),
    );
    i18n.text(
        locale,
        &Msg::new("datetime")
            .text("weekday", weekday)
            .num("day", i64::from(local.day()))
            .text("month", month)
            .text("year", local.year().to_string())
            .text(
                "time",
                time_of_day(i18n, locale, local.hour(), local.minute()),
            )
            .text("zone", zone.abbreviation(ts)),
    )
}

/// "19:00" / "19.00".
pub fn time_of_day(i18n: &I18n, locale: Locale, hour: i8, minute: i8) -> String {
    i18n.text(
        locale,
        &Msg::new("time-of-day")
            .text("hour", format!("{hour:02}"))
            .text("minute", format!("{minute:02}")),
    )
}

/// "in 2 hours" / "dalam 2 jam", "3 days ago" / "3 hari yang lalu".
pub fn relative(i18n: &I18n, locale: Locale, at_ms: i64, now_ms: i64) -> String {
    let delta = at_ms - now_ms;
    let minutes = (delta.abs() + 30_000) / 60_000;
    if minutes == 0 {
        return i18n.label(locale, "relative-now");
    }
    let (unit, n) = if minutes < 90 {
        ("minutes", minutes)
    } else if minutes < 48 * 60 {
        ("hours", (minutes + 30) / 60)
    } else {
        ("days", (minutes + 12 * 60) / (24 * 60))
    };
    let id = if delta > 0 {
        "relative-future"
    } else {
        "relative-past"
    };
    i18n.text(locale, &Msg::new(id).num("n", n).select("unit", unit))
}

/// A time for a reply: platforms with native timestamps (Discord) use `at_ms`; the others
/// show the text, formatted in the reader's zone, with the relative time.
pub fn inline(i18n: &I18n, locale: Locale, at_ms: i64, now_ms: i64, zone: &Zone) -> Inline {
    Inline::Time {
        at_ms,
        text: format!(
            "{} ({})",
            datetime(i18n, locale, at_ms, zone),
            relative(i18n, locale, at_ms, now_ms)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_millisecond()
    }

    #[test]
    fn times_are_shown_in_the_readers_zone_and_language() {
        let i18n = I18n::load().unwrap();
        let at = ms("2026-12-01T12:00:00Z");
        let wib = Zone::parse("WIB").unwrap();
        assert_eq!(
            datetime(&i18n, Locale::En, at, &wib),
            "Tue 1 Dec 2026, 19:00 WIB"
        );
        assert_eq!(
            datetime(&i18n, Locale::Id, at, &wib),
            "Sel, 1 Des 2026 pukul 19.00 WIB"
        );
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(
            datetime(&i18n, Locale::En, at, &berlin),
            "Tue 1 Dec 2026, 13:00 CET"
        );
    }

    #[test]
    fn relative_times_pick_a_sensible_unit() {
        let i18n = I18n::load().unwrap();
        let now = ms("2026-12-01T12:00:00Z");
        let rel = |delta_min: i64, locale| relative(&i18n, locale, now + delta_min * 60_000, now);
        assert_eq!(rel(0, Locale::En), "now");
        assert_eq!(rel(1, Locale::En), "in 1 minute");
        assert_eq!(rel(120, Locale::En), "in 2 hours");
        assert_eq!(rel(120, Locale::Id), "dalam 2 jam");
        assert_eq!(rel(3 * 24 * 60, Locale::En), "in 3 days");
        assert_eq!(rel(-45, Locale::En), "45 minutes ago");
        assert_eq!(rel(-45, Locale::Id), "45 menit yang lalu");
    }
}
