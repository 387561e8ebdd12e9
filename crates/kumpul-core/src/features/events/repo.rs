//! SQL of events, their exceptions, RSVPs and mutes.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::model::{Answer, EventStatus, Standing};
use crate::store::{coded, coded_opt};

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: i64,
    pub space_id: String,
    pub number: i64,
    pub channel_id: Option<String>,
    pub creator_id: String,
    pub creator_name: String,
    pub title: String,
    pub location: Option<String>,
    pub group_id: Option<i64>,
    pub starts_at: i64,
    pub duration_ms: i64,
    pub zone: String,
    pub rrule: Option<String>,
    pub capacity: Option<i64>,
    pub rsvp_close_ms: Option<i64>,
    pub reminders: String,
    pub remind_maybe: bool,
    pub status: EventStatus,
    pub revision: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Event {
    /// Whether the event (every occurrence of a series) was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.status == EventStatus::Cancelled
    }

    /// Whether the event still takes place (a series may still cancel single dates).
    pub fn is_scheduled(&self) -> bool {
        self.status == EventStatus::Scheduled
    }
}

/// An occurrence of a series that was moved or cancelled on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub occurrence: i64,
    pub starts_at: i64,
    pub status: EventStatus,
}

/// One person's answer for one occurrence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rsvp {
    pub user_id: String,
    pub display_name: String,
    pub answer: Standing,
    pub guests: i64,
    pub queued_at: i64,
}

/// Every column of an event, as the mapping below reads them.
macro_rules! event_columns {
    () => {
        "id, space_id, number, channel_id, creator_id, creator_name, title, location, group_id, \
         starts_at, duration_ms, zone, rrule, capacity, rsvp_close_ms, reminders, remind_maybe, status, \
         revision, created_at, updated_at"
    };
}

macro_rules! select_events {
    ($rest:literal) => {
        concat!("SELECT ", event_columns!(), " FROM events ", $rest)
    };
}

fn event_from_row(row: &AnyRow) -> Result<Event, sqlx::Error> {
    Ok(Event {
        id: row.try_get("id")?,
        space_id: row.try_get("space_id")?,
        number: row.try_get("number")?,
        channel_id: row.try_get("channel_id")?,
        creator_id: row.try_get("creator_id")?,
        creator_name: row.try_get("creator_name")?,
        title: row.try_get("title")?,
        location: row.try_get("location")?,
        group_id: row.try_get("group_id")?,
        starts_at: row.try_get("starts_at")?,
        duration_ms: row.try_get("duration_ms")?,
        zone: row.try_get("zone")?,
        rrule: row.try_get("rrule")?,
        capacity: row.try_get("capacity")?,
        rsvp_close_ms: row.try_get("rsvp_close_ms")?,
        reminders: row.try_get("reminders")?,
        remind_maybe: row.try_get::<i64, _>("remind_maybe")? != 0,
        status: coded(row, "events", "status", EventStatus::parse)?,
        revision: row.try_get("revision")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Stores a new event under the space's next number, which it returns.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_event(conn: &mut AnyConnection, event: &Event) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO events (id, space_id, number, channel_id, creator_id, creator_name, title, location, \
         group_id, starts_at, duration_ms, zone, rrule, capacity, rsvp_close_ms, reminders, remind_maybe, \
         status, revision, created_at, updated_at) \
         SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
         $15, $16, 'scheduled', 0, $17, $17 FROM events WHERE space_id = $2 RETURNING number",
    )
    .bind(event.id)
    .bind(&event.space_id)
    .bind(&event.channel_id)
    .bind(&event.creator_id)
    .bind(&event.creator_name)
    .bind(&event.title)
    .bind(&event.location)
    .bind(event.group_id)
    .bind(event.starts_at)
    .bind(event.duration_ms)
    .bind(&event.zone)
    .bind(&event.rrule)
    .bind(event.capacity)
    .bind(event.rsvp_close_ms)
    .bind(&event.reminders)
    .bind(i64::from(event.remind_maybe))
    .bind(event.created_at)
    .fetch_one(conn)
    .await
}

/// Writes an event's changeable fields and counts the change. The zone is written with
/// the rule: a series' rule is local time of its zone, so the two change together.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn update_event(
    conn: &mut AnyConnection,
    event: &Event,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE events SET title = $2, location = $3, starts_at = $4, duration_ms = $5, rrule = $6, \
         capacity = $7, rsvp_close_ms = $8, reminders = $9, status = $10, revision = revision + 1, \
         updated_at = $11, zone = $12 WHERE id = $1",
    )
    .bind(event.id)
    .bind(&event.title)
    .bind(&event.location)
    .bind(event.starts_at)
    .bind(event.duration_ms)
    .bind(&event.rrule)
    .bind(event.capacity)
    .bind(event.rsvp_close_ms)
    .bind(&event.reminders)
    .bind(event.status.code())
    .bind(now)
    .bind(&event.zone)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the event's row for writing until the transaction ends and returns it as it is
/// now, so everything that depends on the event (its status, capacity, time, answers) is
/// read under the lock and concurrent RSVPs, edits and cancellations of it run one after
/// another. PostgreSQL: a row lock, and `RETURNING` gives the row as committed by whoever
/// held the lock before; SQLite: the database write lock, taken by this first statement
/// before anything is read. Call it first in the transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn lock_event(conn: &mut AnyConnection, id: i64) -> Result<Option<Event>, sqlx::Error> {
    let row = sqlx::query(concat!(
        "UPDATE events SET updated_at = updated_at WHERE id = $1 RETURNING ",
        event_columns!()
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(event_from_row).transpose()
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_event(conn: &mut AnyConnection, id: i64) -> Result<Option<Event>, sqlx::Error> {
    let row = sqlx::query(select_events!("WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(event_from_row).transpose()
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_event_by_number(
    conn: &mut AnyConnection,
    space_id: &str,
    number: i64,
) -> Result<Option<Event>, sqlx::Error> {
    let row = sqlx::query(select_events!("WHERE space_id = $1 AND number = $2"))
        .bind(space_id)
        .bind(number)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(event_from_row).transpose()
}

/// The space's events (newest numbers first), optionally of one group and only scheduled
/// ones; with `ahead_of`, only those that may still have a date after it (a single event
/// not yet over, or any series: its rule decides); at most `limit`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_events(
    conn: &mut AnyConnection,
    space_id: &str,
    group_id: Option<i64>,
    scheduled_only: bool,
    ahead_of: Option<i64>,
    limit: i64,
) -> Result<Vec<Event>, sqlx::Error> {
    let rows = sqlx::query(select_events!(
        "WHERE space_id = $1 AND ($2 IS NULL OR group_id = $2) AND ($3 = 0 OR status = 'scheduled') \
         AND ($5 IS NULL OR rrule IS NOT NULL OR starts_at + duration_ms > $5) \
         ORDER BY number DESC LIMIT CAST($4 AS BIGINT)"
    ))
    .bind(space_id)
    .bind(group_id)
    .bind(i64::from(scheduled_only))
    .bind(limit)
    .bind(ahead_of)
    .fetch_all(conn)
    .await?;
    rows.iter().map(event_from_row).collect()
}

/// How many upcoming events `creator_id` made in the space, and how many the space has:
/// scheduled ones that have not ended by `now`, and scheduled series that still have a
/// date ahead (a series with a COUNT or an UNTIL date stops counting after its last one).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_upcoming(
    conn: &mut AnyConnection,
    space_id: &str,
    creator_id: &str,
    now: i64,
) -> Result<crate::limits::Counts, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(CASE WHEN creator_id = $2 THEN 1 END) AS person, COUNT(*) AS space \
         FROM events WHERE space_id = $1 AND status = 'scheduled' \
         AND rrule IS NULL AND starts_at + duration_ms > $3",
    )
    .bind(space_id)
    .bind(creator_id)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let mut counts = crate::limits::Counts {
        person: row.try_get("person")?,
        space: row.try_get("space")?,
    };
    // Whether a series has a date ahead is its rule's to say, so series are read and
    // asked (a space holds at most `limits.events_per_space` of them).
    let rows = sqlx::query(select_events!(
        "WHERE space_id = $1 AND status = 'scheduled' AND rrule IS NOT NULL"
    ))
    .bind(space_id)
    .fetch_all(conn)
    .await?;
    for row in &rows {
        let series = event_from_row(row)?;
        if super::model::upcoming(&series, &[], now).is_some() {
            counts.space += 1;
            counts.person += i64::from(series.creator_id == creator_id);
        }
    }
    Ok(counts)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_exceptions(
    conn: &mut AnyConnection,
    event_id: i64,
) -> Result<Vec<Exception>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT occurrence, starts_at, status FROM event_exceptions WHERE event_id = $1 ORDER BY occurrence",
    )
    .bind(event_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Exception {
                occurrence: row.try_get("occurrence")?,
                starts_at: row.try_get("starts_at")?,
                status: coded(row, "event_exceptions", "status", EventStatus::parse)?,
            })
        })
        .collect()
}

/// Moves or cancels one occurrence of a series.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upsert_exception(
    conn: &mut AnyConnection,
    event_id: i64,
    exception: &Exception,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO event_exceptions (event_id, occurrence, starts_at, status) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (event_id, occurrence) DO UPDATE SET starts_at = excluded.starts_at, status = excluded.status",
    )
    .bind(event_id)
    .bind(exception.occurrence)
    .bind(exception.starts_at)
    .bind(exception.status.code())
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets the exceptions of a series whose rule changed (its occurrences are new).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_exceptions(conn: &mut AnyConnection, event_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM event_exceptions WHERE event_id = $1")
        .bind(event_id)
        .execute(conn)
        .await?;
    Ok(())
}

fn rsvp_from_row(row: &AnyRow) -> Result<Rsvp, sqlx::Error> {
    Ok(Rsvp {
        user_id: row.try_get("user_id")?,
        display_name: row.try_get("display_name")?,
        answer: coded(row, "rsvps", "answer", Standing::parse)?,
        guests: row.try_get("guests")?,
        queued_at: row.try_get("queued_at")?,
    })
}

/// The answers for one occurrence, in the order people asked for a place.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_rsvps(
    conn: &mut AnyConnection,
    event_id: i64,
    occurrence: i64,
) -> Result<Vec<Rsvp>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT user_id, display_name, answer, guests, queued_at FROM rsvps \
         WHERE event_id = $1 AND occurrence = $2 ORDER BY queued_at, user_id",
    )
    .bind(event_id)
    .bind(occurrence)
    .fetch_all(conn)
    .await?;
    rows.iter().map(rsvp_from_row).collect()
}

/// Everyone who answered any occurrence that has not started before `from` (for
/// notifying them of a change): one row per person.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_people_answered(
    conn: &mut AnyConnection,
    event_id: i64,
    occurrences: &[i64],
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut people: Vec<(String, String)> = Vec::new();
    for occurrence in occurrences {
        for rsvp in list_rsvps(conn, event_id, *occurrence).await? {
            if !people.iter().any(|(id, _)| *id == rsvp.user_id) {
                people.push((rsvp.user_id, rsvp.display_name));
            }
        }
    }
    Ok(people)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn upsert_rsvp(
    conn: &mut AnyConnection,
    event_id: i64,
    occurrence: i64,
    rsvp: &Rsvp,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO rsvps (event_id, occurrence, user_id, display_name, answer, guests, queued_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id, occurrence, user_id) DO UPDATE SET \
         display_name = excluded.display_name, answer = excluded.answer, guests = excluded.guests, \
         queued_at = excluded.queued_at, updated_at = excluded.updated_at",
    )
    .bind(event_id)
    .bind(occurrence)
    .bind(&rsvp.user_id)
    .bind(&rsvp.display_name)
    .bind(rsvp.answer.code())
    .bind(rsvp.guests)
    .bind(rsvp.queued_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the answers of one occurrence to another (a series moved to a new time).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn move_rsvps(
    conn: &mut AnyConnection,
    event_id: i64,
    from: i64,
    to: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rsvps WHERE event_id = $1 AND occurrence = $2 AND $2 <> $3")
        .bind(event_id)
        .bind(to)
        .bind(from)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE rsvps SET occurrence = $3 WHERE event_id = $1 AND occurrence = $2")
        .bind(event_id)
        .bind(from)
        .bind(to)
        .execute(&mut *conn)
        .await?;
    // The reactions that gave those answers move with them, so taking one back still
    // withdraws what it gave.
    sqlx::query("DELETE FROM event_reactions WHERE event_id = $1 AND occurrence = $2 AND $2 <> $3")
        .bind(event_id)
        .bind(to)
        .bind(from)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE event_reactions SET occurrence = $3 WHERE event_id = $1 AND occurrence = $2",
    )
    .bind(event_id)
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_mute(
    conn: &mut AnyConnection,
    space_id: &str,
    event_id: i64,
    user_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO event_mutes (space_id, event_id, user_id) VALUES ($1, $2, $3) \
         ON CONFLICT (space_id, event_id, user_id) DO NOTHING",
    )
    .bind(space_id)
    .bind(event_id)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_mute(
    conn: &mut AnyConnection,
    space_id: &str,
    event_id: i64,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM event_mutes WHERE space_id = $1 AND event_id = $2 AND user_id = $3",
    )
    .bind(space_id)
    .bind(event_id)
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// People who muted this event or every event of its space.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_muted(
    conn: &mut AnyConnection,
    space_id: &str,
    event_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT user_id FROM event_mutes WHERE space_id = $1 AND (event_id = $2 OR event_id = 0)",
    )
    .bind(space_id)
    .bind(event_id)
    .fetch_all(conn)
    .await
}

/// Forgets one person's answer to one occurrence (their reaction taken back).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_rsvp(
    conn: &mut AnyConnection,
    event_id: i64,
    occurrence: i64,
    user_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rsvps WHERE event_id = $1 AND occurrence = $2 AND user_id = $3")
        .bind(event_id)
        .bind(occurrence)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A standing reaction that answered an event (`event_reactions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventReaction {
    pub space_id: String,
    /// The platform's id of the reaction event.
    pub reaction_id: String,
    pub event_id: i64,
    pub occurrence: i64,
    pub user_id: String,
    pub answer: Answer,
    pub reacted_at: i64,
    /// The answer (and guests) the person had typed before their first standing reaction.
    pub typed: Option<(Answer, i64)>,
}

fn event_reaction_from_row(row: &AnyRow) -> Result<EventReaction, sqlx::Error> {
    let typed = match coded_opt(row, "event_reactions", "typed_answer", Answer::parse)? {
        Some(answer) => Some((answer, row.try_get("typed_guests")?)),
        None => None,
    };
    Ok(EventReaction {
        space_id: row.try_get("space_id")?,
        reaction_id: row.try_get("reaction_id")?,
        event_id: row.try_get("event_id")?,
        occurrence: row.try_get("occurrence")?,
        user_id: row.try_get("user_id")?,
        answer: coded(row, "event_reactions", "answer", Answer::parse)?,
        reacted_at: row.try_get("reacted_at")?,
        typed,
    })
}

macro_rules! select_event_reactions {
    ($rest:literal) => {
        concat!(
            "SELECT space_id, reaction_id, event_id, occurrence, user_id, answer, reacted_at, \
             typed_answer, typed_guests FROM event_reactions ",
            $rest
        )
    };
}

/// Remembers a reaction that answered an event; a reaction already remembered (the same
/// event delivered twice) stays as it was.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_event_reaction(
    conn: &mut AnyConnection,
    reaction: &EventReaction,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO event_reactions (space_id, reaction_id, event_id, occurrence, user_id, answer, \
         reacted_at, typed_answer, typed_guests) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (space_id, reaction_id) DO NOTHING",
    )
    .bind(&reaction.space_id)
    .bind(&reaction.reaction_id)
    .bind(reaction.event_id)
    .bind(reaction.occurrence)
    .bind(&reaction.user_id)
    .bind(reaction.answer.code())
    .bind(reaction.reacted_at)
    .bind(reaction.typed.map(|(answer, _)| answer.code()))
    .bind(reaction.typed.map_or(0, |(_, guests)| guests))
    .execute(conn)
    .await?;
    Ok(())
}

/// The remembered reaction with this platform id, if it answered an event of the space.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_event_reaction(
    conn: &mut AnyConnection,
    space_id: &str,
    reaction_id: &str,
) -> Result<Option<EventReaction>, sqlx::Error> {
    let row = sqlx::query(select_event_reactions!(
        "WHERE space_id = $1 AND reaction_id = $2"
    ))
    .bind(space_id)
    .bind(reaction_id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(event_reaction_from_row).transpose()
}

/// One person's standing reactions to one occurrence of an event, latest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_event_reactions_of(
    conn: &mut AnyConnection,
    event_id: i64,
    occurrence: i64,
    user_id: &str,
) -> Result<Vec<EventReaction>, sqlx::Error> {
    let rows = sqlx::query(select_event_reactions!(
        "WHERE event_id = $1 AND occurrence = $2 AND user_id = $3 \
         ORDER BY reacted_at DESC, reaction_id DESC"
    ))
    .bind(event_id)
    .bind(occurrence)
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(event_reaction_from_row).collect()
}

/// Forgets a reaction (taken back). Whether it was remembered.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_event_reaction(
    conn: &mut AnyConnection,
    space_id: &str,
    reaction_id: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM event_reactions WHERE space_id = $1 AND reaction_id = $2")
        .bind(space_id)
        .bind(reaction_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Forgets a person's reactions to an event except those to `keep` (an occurrence):
/// all of them when they answer by command or button (that answer then stands on its
/// own), those to earlier dates of a series when they react to the date shown now.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_event_reactions_of(
    conn: &mut AnyConnection,
    event_id: i64,
    user_id: &str,
    keep: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM event_reactions WHERE event_id = $1 AND user_id = $2 \
         AND ($3 IS NULL OR occurrence <> $3)",
    )
    .bind(event_id)
    .bind(user_id)
    .bind(keep)
    .execute(conn)
    .await?;
    Ok(())
}

numbered! {
    Event: "looking up an event", "event-not-found", "event list", fetch_event_by_number, fetch_event
}
