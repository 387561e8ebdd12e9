//! `recurrence_rule` of a scheduled event, as Discord limits it ("Guild Scheduled Event
//! Recurrence Rule — System Limitations"), beyond what the OpenAPI description encodes:
//! - `end`, `count` and `by_year_day` cannot be set by applications;
//! - `by_weekday`, `by_n_weekday` and `by_month` + `by_month_day` exclude each other;
//! - `by_weekday` only for DAILY (one of a few weekday sets) and WEEKLY (one day);
//! - `by_n_weekday` only for MONTHLY, exactly one entry; MONTHLY needs it;
//! - `by_month` and `by_month_day` only for YEARLY, together, one entry each;
//! - `interval` above 1 only for WEEKLY, and then only 2;
//! - and, for the rule to describe the event, `start` is the event's start and its day
//!   (in UTC) is the rule's day.

use serde_json::Value;

use super::{At, Sink, int, items};

const YEARLY: i64 = 0;
const MONTHLY: i64 = 1;
const WEEKLY: i64 = 2;
const DAILY: i64 = 3;

/// The weekday sets a DAILY rule may name (0 = Monday … 6 = Sunday).
const DAILY_SETS: [&[i64]; 6] = [
    &[0, 1, 2, 3, 4],
    &[1, 2, 3, 4, 5],
    &[6, 0, 1, 2, 3],
    &[4, 5],
    &[5, 6],
    &[6, 0],
];

const CODE: &str = "GUILD_SCHEDULED_EVENT_RECURRENCE_RULE_INVALID";

/// `body` is the scheduled event; its `recurrence_rule`, when set, is checked.
pub(super) fn recurrence_rule(sink: &mut Sink, at: &At, body: &Value) {
    let Some(rule) = body.get("recurrence_rule").filter(|r| !r.is_null()) else {
        return;
    };
    let at = at.join("recurrence_rule");
    if !rule.is_object() {
        return;
    }
    for key in ["end", "count", "by_year_day"] {
        if rule.get(key).is_some_and(|v| !v.is_null()) {
            sink.report(&at.join(key), CODE, format!("{key} cannot be set"));
        }
    }
    let frequency = int(rule, "frequency");
    let set = |key: &str| !items(rule, key).is_empty();
    let (weekday, n_weekday, month) = (set("by_weekday"), set("by_n_weekday"), set("by_month"));
    if [weekday, n_weekday, month || set("by_month_day")]
        .iter()
        .filter(|s| **s)
        .count()
        > 1
    {
        sink.report(
            &at,
            CODE,
            "by_weekday, by_n_weekday and by_month exclude each other",
        );
    }
    let interval = int(rule, "interval").unwrap_or(1);
    if interval != 1 && !(frequency == Some(WEEKLY) && interval == 2) {
        sink.report(
            &at.join("interval"),
            CODE,
            "only a weekly rule may have interval 2",
        );
    }
    let days: Vec<i64> = items(rule, "by_weekday")
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    match frequency {
        Some(WEEKLY) if days.len() != 1 => {
            sink.report(&at.join("by_weekday"), CODE, "a weekly rule names one day")
        }
        Some(DAILY) if weekday && !is_daily_set(&days) => sink.report(
            &at.join("by_weekday"),
            CODE,
            "not one of the daily weekday sets",
        ),
        Some(MONTHLY) if items(rule, "by_n_weekday").len() != 1 => sink.report(
            &at.join("by_n_weekday"),
            CODE,
            "a monthly rule names one nth weekday",
        ),
        Some(YEARLY)
            if items(rule, "by_month").len() != 1 || items(rule, "by_month_day").len() != 1 =>
        {
            sink.report(&at, CODE, "a yearly rule names one month and one day")
        }
        _ => {}
    }
    if weekday && !matches!(frequency, Some(WEEKLY | DAILY)) {
        sink.report(
            &at.join("by_weekday"),
            CODE,
            "by_weekday is for daily and weekly rules",
        );
    }
    if n_weekday && frequency != Some(MONTHLY) {
        sink.report(
            &at.join("by_n_weekday"),
            CODE,
            "by_n_weekday is for monthly rules",
        );
    }
    if month && frequency != Some(YEARLY) {
        sink.report(&at.join("by_month"), CODE, "by_month is for yearly rules");
    }
    starts_with_the_event(sink, &at, body, rule, frequency, &days);
}

fn is_daily_set(days: &[i64]) -> bool {
    DAILY_SETS
        .iter()
        .any(|set| set.len() == days.len() && set.iter().all(|d| days.contains(d)))
}

/// `2026-12-08T18:00:00.000Z` and `2026-12-08T18:00:00Z` are the same start.
fn instant(value: Option<&Value>) -> Option<String> {
    let text = value?.as_str()?;
    let (date_time, _) = text.split_once(['Z', '+']).unwrap_or((text, ""));
    Some(date_time.split('.').next()?.to_owned())
}

/// Monday = 0 … Sunday = 6 of a `YYYY-MM-DD…` date (days from civil, proleptic Gregorian).
fn weekday_of(text: &str) -> Option<i64> {
    let y: i64 = text.get(0..4)?.parse().ok()?;
    let m: i64 = text.get(5..7)?.parse().ok()?;
    let d: i64 = text.get(8..10)?.parse().ok()?;
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    // 1970-01-01 was a Thursday (3).
    Some((days + 3).rem_euclid(7))
}

/// The rule starts with the event, on the rule's day.
fn starts_with_the_event(
    sink: &mut Sink,
    at: &At,
    body: &Value,
    rule: &Value,
    frequency: Option<i64>,
    days: &[i64],
) {
    let start = instant(rule.get("start"));
    if let Some(event_start) = instant(body.get("scheduled_start_time"))
        && start.as_ref() != Some(&event_start)
    {
        sink.report(&at.join("start"), CODE, "start is not the event's start");
    }
    let Some(day) = start.as_deref().and_then(weekday_of) else {
        return;
    };
    let nth = items(rule, "by_n_weekday")
        .first()
        .and_then(|n| int(n, "day"));
    let wrong_day = match frequency {
        Some(WEEKLY) => days.first().is_some_and(|d| *d != day),
        Some(MONTHLY) => nth.is_some_and(|d| d != day),
        _ => false,
    };
    if wrong_day {
        sink.report(&at.join("start"), CODE, "start is not on the rule's day");
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::check_limits;

    fn problems(rule: serde_json::Value) -> Vec<String> {
        let body = json!({
            "name": "Meetup",
            "scheduled_start_time": "2026-12-08T18:00:00.000Z",
            "recurrence_rule": rule,
        });
        check_limits("POST", "/guilds/1/scheduled-events", &body)
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn rules_discord_accepts_pass() {
        for rule in [
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 2, "interval": 1, "by_weekday": [1] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 2, "interval": 2, "by_weekday": [1] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 3, "by_weekday": [0, 1, 2, 3, 4] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 1, "by_n_weekday": [{ "n": 2, "day": 1 }] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 0, "by_month": [12], "by_month_day": [8] }),
            json!(null),
        ] {
            assert_eq!(problems(rule.clone()), Vec::<String>::new(), "{rule}");
        }
    }

    #[test]
    fn rules_discord_refuses_are_refused() {
        for rule in [
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 2, "by_weekday": [1], "count": 10 }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 2, "by_weekday": [1], "end": "2027-03-31T00:00:00Z" }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 2, "interval": 3, "by_weekday": [1] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 1, "interval": 2, "by_n_weekday": [{ "n": 2, "day": 1 }] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 2, "by_weekday": [0, 3] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 3, "by_weekday": [0, 2, 4] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 1, "by_month_day": [8] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 1, "by_weekday": [1], "by_n_weekday": [{ "n": 2, "day": 1 }] }),
            // Not the event's start, or not on the rule's day (8 Dec 2026 is a Tuesday).
            json!({ "start": "2026-12-15T18:00:00Z", "frequency": 2, "by_weekday": [1] }),
            json!({ "start": "2026-12-08T18:00:00Z", "frequency": 2, "by_weekday": [2] }),
        ] {
            assert!(!problems(rule.clone()).is_empty(), "{rule}");
        }
    }
}
