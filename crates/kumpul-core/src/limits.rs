//! How much one person and one space may have pending: reminders and upcoming events,
//! and how often a repeating reminder may fire.
//!
//! Without limits one person created 10,000 reminders in half a minute, each a row, a job
//! and a future message. The counts are checked inside the transaction that inserts, after
//! the space's row is locked ([`crate::space::repo::lock_space`]), so simultaneous creates
//! in one space run one after the other and can never pass a limit together — on SQLite
//! (one writer at a time) and on PostgreSQL (the row lock) alike.

use std::time::Duration;

use jiff::Timestamp;

use crate::catalogue::Typed;
use crate::i18n::Msg;
use crate::time::Zone;
use crate::time::recur::Rule;

/// The limits of a deployment (`[limits]` in the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most pending reminders one person may have created in one space.
    pub reminders_per_person: i64,
    /// Most pending reminders in one space, everyone's together.
    pub reminders_per_space: i64,
    /// Most upcoming events (and running series) one person may have created in a space.
    pub events_per_person: i64,
    /// Most upcoming events (and running series) in one space.
    pub events_per_space: i64,
    /// Least time between two occurrences of a repeating reminder.
    pub repeat_min_interval: Duration,
}

impl Default for Limits {
    /// 50 reminders a person is far more than anyone keeps in their head (a daily,
    /// a few weekly, a dozen one-offs), yet stops a script; 1,000 a space lets 20 busy
    /// people use their full allowance. Events are planned by few people: 20 each, 500 a
    /// space. Repeating reminders at most hourly.
    fn default() -> Limits {
        Limits {
            reminders_per_person: 50,
            reminders_per_space: 1_000,
            events_per_person: 20,
            events_per_space: 500,
            repeat_min_interval: Duration::from_secs(3_600),
        }
    }
}

/// What a space and the person creating already have, counted inside the write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub person: i64,
    pub space: i64,
}

/// The kind of thing counted, which picks the limits and the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Reminders,
    Events,
}

impl Limits {
    /// `None` if one more fits; otherwise the message that says which limit is reached and
    /// what to do.
    pub fn refuse(&self, kind: Kind, counts: Counts) -> Option<Msg> {
        let (person, space, keys, feature) = match kind {
            Kind::Reminders => (
                self.reminders_per_person,
                self.reminders_per_space,
                ("remind-limit-person", "remind-limit-space"),
                "remind",
            ),
            Kind::Events => (
                self.events_per_person,
                self.events_per_space,
                ("event-limit-person", "event-limit-space"),
                "event",
            ),
        };
        let (key, count) = if counts.person >= person {
            (keys.0, person)
        } else if counts.space >= space {
            (keys.1, space)
        } else {
            return None;
        };
        Some(
            Msg::new(key)
                .num("count", count)
                .typed(
                    "command",
                    Typed::new(&[feature, "cancel"]).placeholder("number"),
                )
                .typed("list", Typed::new(&[feature, "list"])),
        )
    }
}

/// Inside the transaction that is about to add one of `kind`: locks the space's row, then
/// counts what the space and `creator_id` already have. `Some` is the refusal; the caller
/// then writes nothing (and its transaction rolls back when dropped).
pub async fn check_room(
    conn: &mut sqlx::AnyConnection,
    limits: &Limits,
    kind: Kind,
    space_id: &str,
    creator_id: &str,
    now: i64,
) -> Result<Option<Msg>, sqlx::Error> {
    crate::space::repo::lock_space(conn, space_id).await?;
    let counts = match kind {
        Kind::Reminders => {
            crate::features::reminders::repo::count_active(conn, space_id, creator_id).await?
        }
        Kind::Events => {
            crate::features::events::repo::count_upcoming(conn, space_id, creator_id, now).await?
        }
    };
    Ok(limits.refuse(kind, counts))
}

/// How many occurrences [`shortest_gap`] looks at: enough to see every gap of a weekly
/// rule on several days, or of a monthly rule across a year.
const GAP_SAMPLE: usize = 32;

/// The shortest time between two of the first occurrences of `rule` from `first` (in
/// `zone`); `None` if it has fewer than two. Read from the occurrences themselves, not
/// from the rule's kind, so any rule a future parser adds is measured the same way.
pub fn shortest_gap(rule: &Rule, first: &jiff::ZonedDateTime, zone: &Zone) -> Option<Duration> {
    let anchor = first.date();
    let mut previous: Timestamp = first.timestamp();
    let mut shortest: Option<i64> = None;
    for _ in 0..GAP_SAMPLE {
        let Some(next) = rule.next_after(anchor, zone.tz(), previous) else {
            break;
        };
        let gap = next.timestamp().as_millisecond() - previous.as_millisecond();
        shortest = Some(shortest.map_or(gap, |s| s.min(gap)));
        previous = next.timestamp();
    }
    shortest.map(|ms| Duration::from_millis(u64::try_from(ms).unwrap_or(0)))
}

/// The refusal of a repeating reminder that would fire more often than `min` allows.
pub fn refuse_repeat(
    rule: &Rule,
    first: &jiff::ZonedDateTime,
    zone: &Zone,
    min: Duration,
) -> Option<Msg> {
    let gap = shortest_gap(rule, first, zone)?;
    (gap < min).then(|| {
        Msg::new("remind-repeat-too-often").num(
            "minutes",
            i64::try_from(min.as_secs().div_ceil(60)).unwrap_or(i64::MAX),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zoned(text: &str) -> jiff::ZonedDateTime {
        text.parse().unwrap()
    }

    #[test]
    fn a_daily_rule_is_a_day_apart_and_shorter_across_the_spring_dst_change() {
        let zone = Zone::parse("Europe/Berlin").unwrap();
        let rule = Rule::from_rrule("FREQ=DAILY;BYHOUR=9;BYMINUTE=0").unwrap();
        let first = zoned("2027-03-20T09:00:00+01:00[Europe/Berlin]");
        // 28 March 2027 has 23 hours in Berlin.
        assert_eq!(
            shortest_gap(&rule, &first, &zone),
            Some(Duration::from_secs(23 * 3_600))
        );
    }

    #[test]
    fn a_weekly_rule_on_two_days_is_measured_by_its_closest_days() {
        let zone = Zone::utc();
        let rule = Rule::from_rrule("FREQ=WEEKLY;BYDAY=MO,TU;BYHOUR=19;BYMINUTE=0").unwrap();
        let first = zoned("2027-01-04T19:00:00+00:00[UTC]");
        assert_eq!(
            shortest_gap(&rule, &first, &zone),
            Some(Duration::from_secs(86_400))
        );
    }

    #[test]
    fn a_rule_repeating_faster_than_the_minimum_is_refused_with_the_minimum() {
        let zone = Zone::utc();
        let rule = Rule::from_rrule("FREQ=DAILY;BYHOUR=9;BYMINUTE=0").unwrap();
        let first = zoned("2027-01-04T09:00:00+00:00[UTC]");
        let two_days = Duration::from_secs(2 * 86_400);
        let refused = refuse_repeat(&rule, &first, &zone, two_days).expect("refused");
        assert_eq!(refused.id, "remind-repeat-too-often");
        assert!(refuse_repeat(&rule, &first, &zone, Duration::from_secs(3_600)).is_none());
    }

    #[test]
    fn the_person_limit_is_named_before_the_space_limit() {
        let limits = Limits {
            reminders_per_person: 2,
            reminders_per_space: 3,
            ..Limits::default()
        };
        let count = |person, space| {
            limits
                .refuse(Kind::Reminders, Counts { person, space })
                .map(|m| m.id)
        };
        assert_eq!(count(1, 2), None);
        assert_eq!(count(2, 3), Some("remind-limit-person"));
        assert_eq!(count(1, 3), Some("remind-limit-space"));
    }
}
