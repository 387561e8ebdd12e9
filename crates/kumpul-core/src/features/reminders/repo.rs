//! SQL of reminders.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::model::ReminderStatus;
use crate::store::coded;

/// A stored reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub id: i64,
    pub space_id: String,
    pub number: i64,
    pub channel_id: Option<String>,
    pub creator_id: String,
    pub creator_name: String,
    pub group_id: Option<i64>,
    /// The group's current name, when it is a group reminder.
    pub group_name: Option<String>,
    pub text: String,
    pub zone: String,
    pub rrule: Option<String>,
    pub anchor_date: Option<String>,
    pub next_at: Option<i64>,
    pub status: ReminderStatus,
}

impl Reminder {
    /// Whether occurrences are still to come (not done, not cancelled).
    pub fn is_active(&self) -> bool {
        self.status == ReminderStatus::Active
    }
}

/// A reminder to insert (its number is chosen by [`insert_reminder`]).
pub struct NewReminder<'a> {
    pub id: i64,
    pub space_id: &'a str,
    pub channel_id: Option<&'a str>,
    pub creator_id: &'a str,
    pub creator_name: &'a str,
    pub group_id: Option<i64>,
    pub text: &'a str,
    pub zone: &'a str,
    pub rrule: Option<&'a str>,
    pub anchor_date: Option<&'a str>,
    pub next_at: i64,
    pub created_at: i64,
}

macro_rules! select_reminders {
    ($rest:literal) => {
        concat!(
            "SELECT r.id, r.space_id, r.number, r.channel_id, r.creator_id, r.creator_name, r.group_id, \
             g.name AS group_name, r.text, r.zone, r.rrule, r.anchor_date, r.next_at, r.status \
             FROM reminders r LEFT JOIN groups g ON g.id = r.group_id ",
            $rest
        )
    };
}

fn reminder_from_row(row: &AnyRow) -> Result<Reminder, sqlx::Error> {
    Ok(Reminder {
        id: row.try_get("id")?,
        space_id: row.try_get("space_id")?,
        number: row.try_get("number")?,
        channel_id: row.try_get("channel_id")?,
        creator_id: row.try_get("creator_id")?,
        creator_name: row.try_get("creator_name")?,
        group_id: row.try_get("group_id")?,
        group_name: row.try_get("group_name")?,
        text: row.try_get("text")?,
        zone: row.try_get("zone")?,
        rrule: row.try_get("rrule")?,
        anchor_date: row.try_get("anchor_date")?,
        next_at: row.try_get("next_at")?,
        status: coded(row, "reminders", "status", ReminderStatus::parse)?,
    })
}

/// Inserts a reminder with the next free number of its space and returns the number.
/// Two simultaneous inserts may pick the same number; the loser gets a unique violation
/// and the caller retries its transaction.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_reminder(
    conn: &mut AnyConnection,
    r: &NewReminder<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO reminders (id, space_id, number, channel_id, creator_id, creator_name, group_id, text, \
         zone, rrule, anchor_date, next_at, status, created_at) \
         SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active', $12 \
         FROM reminders WHERE space_id = $2 RETURNING number",
    )
    .bind(r.id)
    .bind(r.space_id)
    .bind(r.channel_id)
    .bind(r.creator_id)
    .bind(r.creator_name)
    .bind(r.group_id)
    .bind(r.text)
    .bind(r.zone)
    .bind(r.rrule)
    .bind(r.anchor_date)
    .bind(r.next_at)
    .bind(r.created_at)
    .fetch_one(conn)
    .await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_reminder(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<Reminder>, sqlx::Error> {
    let row = sqlx::query(select_reminders!("WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(reminder_from_row).transpose()
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_reminder_by_number(
    conn: &mut AnyConnection,
    space_id: &str,
    number: i64,
) -> Result<Option<Reminder>, sqlx::Error> {
    let row = sqlx::query(select_reminders!("WHERE r.space_id = $1 AND r.number = $2"))
        .bind(space_id)
        .bind(number)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(reminder_from_row).transpose()
}

/// Active reminders a person created, or that ping a group they are in, soonest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_active_for(
    conn: &mut AnyConnection,
    space_id: &str,
    user_id: &str,
) -> Result<Vec<Reminder>, sqlx::Error> {
    let rows = sqlx::query(select_reminders!(
        "WHERE r.space_id = $1 AND r.status = 'active' AND (r.creator_id = $2 OR r.group_id IN \
         (SELECT group_id FROM group_members WHERE user_id = $2)) ORDER BY r.next_at, r.number"
    ))
    .bind(space_id)
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(reminder_from_row).collect()
}

/// How many active reminders [`list_active_page_for`] pages through.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_active_for(
    conn: &mut AnyConnection,
    space_id: &str,
    user_id: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM reminders r WHERE r.space_id = $1 AND r.status = 'active' \
         AND (r.creator_id = $2 OR r.group_id IN \
         (SELECT group_id FROM group_members WHERE user_id = $2))",
    )
    .bind(space_id)
    .bind(user_id)
    .fetch_one(conn)
    .await
}

/// At most `limit` of [`list_active_for`] after the first `offset`: one page of
/// `remind list`, cut by the database.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_active_page_for(
    conn: &mut AnyConnection,
    space_id: &str,
    user_id: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Reminder>, sqlx::Error> {
    let rows = sqlx::query(select_reminders!(
        "WHERE r.space_id = $1 AND r.status = 'active' AND (r.creator_id = $2 OR r.group_id IN \
         (SELECT group_id FROM group_members WHERE user_id = $2)) ORDER BY r.next_at, r.number \
         LIMIT CAST($3 AS BIGINT) OFFSET CAST($4 AS BIGINT)"
    ))
    .bind(space_id)
    .bind(user_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    rows.iter().map(reminder_from_row).collect()
}

/// How many active reminders `creator_id` made in the space, and how many the space has.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_active(
    conn: &mut AnyConnection,
    space_id: &str,
    creator_id: &str,
) -> Result<crate::limits::Counts, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(CASE WHEN creator_id = $2 THEN 1 END) AS person, COUNT(*) AS space \
         FROM reminders WHERE space_id = $1 AND status = 'active'",
    )
    .bind(space_id)
    .bind(creator_id)
    .fetch_one(conn)
    .await?;
    Ok(crate::limits::Counts {
        person: row.try_get("person")?,
        space: row.try_get("space")?,
    })
}

/// Moves an active reminder from the occurrence at `from` to its next one, or finishes it
/// (`next_at` `None`, status `done`); `false` if it is no longer active at `from`
/// (cancelled or moved meanwhile). The condition is part of the update, so a
/// cancellation racing the scheduler's follow-up is never undone by it, and the follow-up
/// schedules nothing after a cancelled reminder.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn update_next(
    conn: &mut AnyConnection,
    id: i64,
    from: i64,
    next_at: Option<i64>,
    status: ReminderStatus,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE reminders SET next_at = $1, status = $2 WHERE id = $3 AND status = 'active' \
         AND next_at = $4",
    )
    .bind(next_at)
    .bind(status.code())
    .bind(id)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Cancels a reminder if it is still active; `false` if it is not (done or cancelled
/// already). Conditional, so it holds against the scheduler moving the reminder on at the
/// same moment: whichever writes second sees the other's change (see [`update_next`]).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel_reminder(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE reminders SET next_at = NULL, status = 'cancelled' WHERE id = $1 AND status = 'active'",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

numbered! {
    Reminder: "looking up a reminder", "remind-not-found", "remind list", fetch_reminder_by_number, fetch_reminder
}
