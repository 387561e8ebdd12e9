//! Showing times to people in their language and zone; how a time that could not be
//! used is explained is in [`errors`].

use jiff::Timestamp;

mod errors;

pub use errors::time_error;

use super::Zone;
use super::parse;
use super::recur::{End, Freq, Rule};
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

/// The time as typed, when it named a zone other than the one it is shown in
/// (`pukul 14.00 WITA` shown in WIB): "14:00 WITA", with the date when the date differs
/// there. `None` when no zone was named, or one at the shown zone's offset then.
/// `reader` is the zone the time was read for (see [`parse::typed_zone`]).
pub fn as_typed(
    i18n: &I18n,
    locale: Locale,
    at_ms: i64,
    input: &str,
    reader: &Zone,
    shown: &Zone,
) -> Option<String> {
    let ts = Timestamp::from_millisecond(at_ms).ok()?;
    let typed = parse::typed_zone(input, reader, ts)?;
    if typed.tz().to_offset(ts) == shown.tz().to_offset(ts) {
        return None;
    }
    let there = ts.to_zoned_datetime(typed.tz().clone());
    let here = ts.to_zoned_datetime(shown.tz().clone());
    let time = if there.date() == here.date() {
        let clock = time_of_day(i18n, locale, there.hour(), there.minute());
        format!("{clock} {}", typed.abbreviation(ts))
    } else {
        datetime(i18n, locale, at_ms, &typed)
    };
    Some(i18n.text(locale, &Msg::new("time-as-typed").text("time", time)))
}

/// A recurrence in words: "every Mon, Thu at 18:00" / "setiap Sen, Kam pukul 18.00",
/// "every first Saturday of the month at 10:00, until Wed 31 Mar 2027" / "setiap Sabtu
/// pertama tiap bulan pukul 10.00, 10 kali".
/// Whether `days` are exactly Monday to Friday, in any order.
fn is_working_week(days: &[jiff::civil::Weekday]) -> bool {
    use jiff::civil::Weekday::{Friday, Monday, Thursday, Tuesday, Wednesday};
    let mut days = days.to_vec();
    days.sort_by_key(|d| d.to_monday_one_offset());
    days.dedup();
    days == [Monday, Tuesday, Wednesday, Thursday, Friday]
}

pub fn rule(i18n: &I18n, locale: Locale, rule: &Rule) -> String {
    let time = time_of_day(i18n, locale, rule.hour, rule.minute);
    let interval = i64::from(rule.interval);
    let weekday = |id: &'static str, d: jiff::civil::Weekday| {
        let n = i64::from(d.to_monday_one_offset());
        i18n.text(locale, &Msg::new(id).num("day", n))
    };
    let msg = match (rule.freq, rule.nth) {
        (Freq::Daily, _) => Msg::new("recur-daily"),
        // Monday to Friday reads as people say it: "every weekday", "setiap hari kerja".
        (Freq::Weekly, _) if is_working_week(&rule.weekdays) => Msg::new("recur-weekdays"),
        (Freq::Weekly, _) => {
            let days: Vec<String> = rule
                .weekdays
                .iter()
                .map(|d| weekday("weekday-short", *d))
                .collect();
            Msg::new("recur-weekly").text("days", days.join(", "))
        }
        (Freq::Monthly, Some(nth)) => {
            let day = rule
                .weekdays
                .first()
                .copied()
                .unwrap_or(jiff::civil::Weekday::Monday);
            let nth = i18n.text(locale, &Msg::new("recur-nth").num("nth", i64::from(nth)));
            Msg::new("recur-monthly-weekday")
                .text("nth", nth)
                .text("day", weekday("weekday-long", day))
        }
        (Freq::Monthly, None) => {
            Msg::new("recur-monthly").num("day", i64::from(rule.month_day.unwrap_or(1)))
        }
    };
    let words = i18n.text(locale, &msg.num("interval", interval).text("time", time));
    match rule.end {
        None => words,
        Some(End::Count(n)) => i18n.text(
            locale,
            &Msg::new("recur-count")
                .text("rule", words)
                .num("count", i64::from(n)),
        ),
        Some(End::Until(last)) => i18n.text(
            locale,
            &Msg::new("recur-until")
                .text("rule", words)
                .text("date", date(i18n, locale, last)),
        ),
    }
}

/// "Wed 31 Mar 2027" / "Rab, 31 Mar 2027".
pub fn date(i18n: &I18n, locale: Locale, date: jiff::civil::Date) -> String {
    let weekday = i18n.text(
        locale,
        &Msg::new("weekday-short").num("day", i64::from(date.weekday().to_monday_one_offset())),
    );
    let month = i18n.text(
        locale,
        &Msg::new("month-short").num("month", i64::from(date.month())),
    );
    i18n.text(
        locale,
        &Msg::new("date")
            .text("weekday", weekday)
            .num("day", i64::from(date.day()))
            .text("month", month)
            .text("year", date.year().to_string()),
    )
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
    fn a_time_typed_in_another_zone_is_shown_as_typed_too() {
        let i18n = I18n::load().unwrap();
        let wib = Zone::parse("WIB").unwrap();
        let typed = |locale, at: &str, input| as_typed(&i18n, locale, ms(at), input, &wib, &wib);
        let at = "2026-11-30T06:00:00Z";
        assert_eq!(
            typed(Locale::En, at, "pukul 14.00 WITA").as_deref(),
            Some("(written as 14:00 WITA)")
        );
        assert_eq!(
            typed(Locale::Id, at, "pukul 14.00 WITA").as_deref(),
            Some("(ditulis 14.00 WITA)")
        );
        assert_eq!(typed(Locale::En, at, "pukul 13.00 WIB"), None);
        assert_eq!(typed(Locale::En, at, "pukul 13.00"), None);
        assert_eq!(
            typed(Locale::En, at, "13:00 UTC+7"),
            None,
            "the same offset"
        );
        // Another day there: the date is shown too.
        assert_eq!(
            typed(Locale::En, "2026-11-30T17:00:00Z", "tomorrow 9am PST").as_deref(),
            Some("(written as Mon 30 Nov 2026, 09:00 PST)")
        );
        // A question about a time in another zone shows both readings as typed.
        let now: jiff::ZonedDateTime = "2026-11-30T10:00:00+07:00[Asia/Jakarta]".parse().unwrap();
        let error = parse::parse_when("at 7 WITA", &now).unwrap_err();
        let msg = time_error(&i18n, Locale::En, &wib, "at 7 WITA", &error);
        let text = i18n.text(Locale::En, &msg);
        assert!(
            text.contains("18:00 WIB (written as 19:00 WITA)")
                && text.contains("06:00 WIB (written as 07:00 WITA)"),
            "{text}"
        );
    }

    #[test]
    fn recurrences_are_described_in_words() {
        let i18n = I18n::load().unwrap();
        let weekly = Rule::from_rrule("FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=18;BYMINUTE=0").unwrap();
        assert_eq!(rule(&i18n, Locale::En, &weekly), "every Mon, Thu at 18:00");
        assert_eq!(
            rule(&i18n, Locale::Id, &weekly),
            "setiap Sen, Kam pukul 18.00"
        );
        let fortnight =
            Rule::from_rrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=9;BYMINUTE=0").unwrap();
        assert_eq!(
            rule(&i18n, Locale::En, &fortnight),
            "every 2 weeks on Sat at 09:00"
        );
        let monthly = Rule::from_rrule("FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0").unwrap();
        assert_eq!(
            rule(&i18n, Locale::Id, &monthly),
            "setiap tanggal 1 pukul 09.00"
        );
        let daily = Rule::from_rrule("FREQ=DAILY;BYHOUR=7;BYMINUTE=30").unwrap();
        assert_eq!(rule(&i18n, Locale::En, &daily), "every day at 07:30");
        let work =
            Rule::from_rrule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=0").unwrap();
        assert_eq!(rule(&i18n, Locale::En, &work), "every weekday at 08:00");
        assert_eq!(
            rule(&i18n, Locale::Id, &work),
            "setiap hari kerja pukul 08.00"
        );
    }

    #[test]
    fn weekdays_of_the_month_and_ends_are_described_in_both_languages() {
        let i18n = I18n::load().unwrap();
        let words = |rrule: &str, locale| rule(&i18n, locale, &Rule::from_rrule(rrule).unwrap());
        let first = "FREQ=MONTHLY;BYDAY=1SA;BYHOUR=10;BYMINUTE=0;COUNT=6";
        assert_eq!(
            words(first, Locale::En),
            "every first Saturday of the month at 10:00, 6 times"
        );
        assert_eq!(
            words(first, Locale::Id),
            "setiap Sabtu pertama tiap bulan pukul 10.00, 6 kali"
        );
        let last = "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=19;BYMINUTE=0;UNTIL=20270331";
        assert_eq!(
            words(last, Locale::En),
            "every last Friday of the month at 19:00, until Wed 31 Mar 2027"
        );
        assert_eq!(
            words(last, Locale::Id),
            "setiap Jumat terakhir tiap bulan pukul 19.00, sampai Rab, 31 Mar 2027"
        );
        assert_eq!(
            words("FREQ=DAILY;BYHOUR=8;BYMINUTE=0;COUNT=1", Locale::En),
            "every day at 08:00, once"
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
