//! Series roll forward: when an occurrence of a series ends, its card (and what mirrors
//! it, such as a Discord scheduled event) moves on to the next date. Without this the
//! card kept showing the past date until someone answered.
//!
//! Each series has one pending roll job, due when the occurrence its card shows ends,
//! keyed by that occurrence and its end so it runs once per occurrence however often it
//! is rescheduled. The job sends nothing; its follow-up, which the scheduler runs however
//! the job ended (even when it was missed while the bot was down), refreshes the card and
//! schedules the roll of the next occurrence. `event list` reads the next date itself.

use sqlx::AnyConnection;

use super::model;
use super::repo::{self, Event, Exception};
use crate::bot::Bot;
use crate::reply::Anchor;
use crate::scheduler::{Job, NewJob, repo as jobs_repo};
use crate::vocab::{AnchorKind, JobKind};

/// The scheduler's job kind of a series moving on to its next date.
pub const ROLL_JOB: JobKind = JobKind::EventRoll;

#[derive(serde::Serialize, serde::Deserialize)]
struct RollPayload {
    event: i64,
    occurrence: i64,
    ends_at: i64,
}

/// Replaces the series' pending roll with one at the end of the occurrence its card shows
/// now (the next one that is not cancelled and has not ended). Single events and
/// cancelled series have none. Call it in the transaction that changes the event.
pub async fn schedule_roll(
    conn: &mut AnyConnection,
    event: &Event,
    exceptions: &[Exception],
    now: i64,
) -> anyhow::Result<()> {
    jobs_repo::cancel_jobs_of(conn, ROLL_JOB, event.id, now).await?;
    if event.rrule.is_none() || !event.is_scheduled() {
        return Ok(());
    }
    let Some(occurrence) = model::upcoming(event, exceptions, now) else {
        return Ok(());
    };
    let ends_at = occurrence.starts_at + event.duration_ms;
    let payload = RollPayload {
        event: event.id,
        occurrence: occurrence.key,
        ends_at,
    };
    let job = NewJob {
        kind: ROLL_JOB,
        owner_id: event.id,
        payload: serde_json::to_string(&payload)?,
        space_id: event.space_id.clone(),
        due_at: ends_at,
        idempotency_key: format!("{ROLL_JOB}:{}:{}:{ends_at}", event.id, occurrence.key),
    };
    jobs_repo::insert_job(conn, &job, now).await?;
    Ok(())
}

/// After an occurrence ended: show the next date on the card and schedule its roll. Runs
/// in the transaction that finishes the job, so the next roll exists exactly when this
/// one is recorded as run.
pub async fn follow_up(
    bot: &Bot,
    conn: &mut AnyConnection,
    job: &Job,
    now: i64,
) -> anyhow::Result<()> {
    let payload: RollPayload = serde_json::from_str(&job.payload)?;
    let Some(event) = repo::fetch_event(conn, payload.event).await? else {
        return Ok(());
    };
    let exceptions = repo::list_exceptions(conn, event.id).await?;
    // Not before the occurrence's end, even on a clock that runs a little behind.
    schedule_roll(conn, &event, &exceptions, now.max(payload.ends_at)).await?;
    bot.live().touch(Anchor {
        kind: AnchorKind::Event,
        id: event.id,
    });
    bot.wake_scheduler();
    Ok(())
}
