//! Archiving quiet threads through the scheduler: a job due when the thread would have
//! been quiet long enough; if people wrote since, it moves itself to the new date.

use std::time::Duration;

use sqlx::AnyConnection;

use super::ARCHIVE_JOB;
use super::repo::{self, Thread};
use crate::bot::Bot;
use crate::catalogue::Typed;
use crate::i18n::Msg;
use crate::identity::SpaceId;
use crate::reply::{Effect, Placement, Reply, Tone, Visibility};
use crate::scheduler::{Job, NewJob, Prepared, job_reader, repo as jobs_repo};

#[derive(serde::Serialize, serde::Deserialize)]
struct Payload {
    thread: i64,
}

fn ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Schedules the archiving check for when the thread will have been quiet long enough.
pub async fn schedule_archive(
    conn: &mut AnyConnection,
    thread: &Thread,
    after: Duration,
    now: i64,
) -> Result<(), sqlx::Error> {
    let due_at = thread.last_activity_at.saturating_add(ms(after)).max(now);
    let job = NewJob {
        kind: ARCHIVE_JOB,
        owner_id: thread.id,
        payload: serde_json::json!({ "thread": thread.id }).to_string(),
        space_id: thread.space_id.clone(),
        due_at,
        idempotency_key: format!("{ARCHIVE_JOB}:{}:{due_at}", thread.id),
    };
    jobs_repo::insert_job(conn, &job, now).await?;
    Ok(())
}

/// Whether the thread is open and has been quiet for `after` at `at`.
fn quiet(thread: &Thread, after: Duration, at: i64) -> bool {
    thread.is_open() && thread.last_activity_at.saturating_add(ms(after)) <= at
}

/// The closing note of a thread that has been quiet long enough, posted in the thread
/// (Discord also archives it); nothing if people wrote since.
pub async fn prepare(bot: &Bot, job: &Job) -> anyhow::Result<Prepared> {
    let payload: Payload = serde_json::from_str(&job.payload)?;
    let after = bot.config().thread_archive_after;
    let mut conn = bot.store().pool().acquire().await?;
    let Some(thread) = repo::fetch_thread(&mut conn, payload.thread).await? else {
        return Ok(Prepared { delivery: None });
    };
    drop(conn);
    let Some(space) = SpaceId::from_key(&thread.space_id) else {
        return Ok(Prepared { delivery: None });
    };
    if !quiet(&thread, after, job.due_at) {
        return Ok(Prepared { delivery: None });
    }
    let reader = job_reader(bot, job, space).await;
    let locale = reader.locale;
    let days = i64::try_from(after.as_secs() / 86_400).unwrap_or(i64::MAX);
    let note = Msg::new("thread-archived-note")
        .num("number", thread.number)
        .num("days", days)
        .typed(
            "command",
            Typed::new(&["thread", "reopen"]).value(thread.number),
        );
    let mut reply =
        Reply::new(Visibility::Public, Tone::Info).paragraph(bot.i18n().rich(locale, &note));
    if let Some(platform) = &thread.platform_thread {
        reply.placement = Placement::Thread(platform.clone());
    }
    if let Some(platform) = &thread.platform_thread {
        reply.effects.push(Effect::ArchiveThread {
            thread: platform.clone(),
        });
    }
    Ok(reader.deliver(thread.channel_id.as_deref(), reply))
}

/// After the check: archive a quiet thread, or look again once it could be quiet.
pub async fn follow_up(
    bot: &Bot,
    conn: &mut AnyConnection,
    job: &Job,
    now: i64,
) -> anyhow::Result<()> {
    let payload: Payload = serde_json::from_str(&job.payload)?;
    let Some(thread) = repo::fetch_thread(conn, payload.thread).await? else {
        return Ok(());
    };
    let after = bot.config().thread_archive_after;
    if !thread.is_open() {
        return Ok(());
    }
    // Judged at the job's time, like the note was: a thread that became quiet only later
    // gets a new check (and its note) then. The archiving checks again as it writes, so a
    // message that came in since it was read keeps the thread open.
    let quiet_since = job.due_at.saturating_sub(ms(after));
    if quiet(&thread, after, job.due_at)
        && repo::archive_if_quiet(conn, thread.id, quiet_since).await?
    {
        return Ok(());
    }
    let Some(thread) = repo::fetch_thread(conn, payload.thread)
        .await?
        .filter(Thread::is_open)
    else {
        return Ok(());
    };
    schedule_archive(conn, &thread, after, now).await?;
    bot.wake_scheduler();
    Ok(())
}
