//! Event pings as scheduler jobs: reminders before each occurrence (to people going, and
//! optionally maybe), chained from one occurrence of a series to the next, and the ping
//! to someone who got a place off the waitlist.

use sqlx::AnyConnection;

use super::model::{self, Occurrence, Standing};
use super::repo::{self, Event, Exception};
use super::{PROMOTED_JOB, REMINDER_JOB};
use crate::bot::Bot;
use crate::catalogue::Typed;
use crate::i18n::Msg;
use crate::identity::{ChannelId, SpaceId, UserId};
use crate::notify::{Audience, Delivery, Recipient};
use crate::reply::{Inline, Reply, Tone, Visibility};
use crate::scheduler::{Job, NewJob, Prepared, repo as jobs_repo};
use crate::time::{duration, format};

#[derive(serde::Serialize, serde::Deserialize)]
struct ReminderPayload {
    event: i64,
    occurrence: i64,
    starts_at: i64,
    minutes: i64,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct PromotedPayload {
    event: i64,
    occurrence: i64,
    user: String,
}

/// Inserts the reminder jobs of one occurrence that are still ahead. Keys name the
/// occurrence and its start, so the same reminder is never scheduled twice and a moved
/// occurrence gets new ones.
async fn schedule_occurrence(
    conn: &mut AnyConnection,
    event: &Event,
    occurrence: Occurrence,
    now: i64,
) -> anyhow::Result<usize> {
    let mut scheduled = 0;
    for minutes in model::stored_reminders(&event.reminders) {
        let due_at = occurrence.starts_at - minutes * 60_000;
        if due_at <= now {
            continue;
        }
        let payload = ReminderPayload {
            event: event.id,
            occurrence: occurrence.key,
            starts_at: occurrence.starts_at,
            minutes,
        };
        let job = NewJob {
            kind: REMINDER_JOB,
            owner_id: event.id,
            payload: serde_json::to_string(&payload)?,
            space_id: event.space_id.clone(),
            due_at,
            idempotency_key: format!(
                "{REMINDER_JOB}:{}:{}:{}:{minutes}",
                event.id, occurrence.key, occurrence.starts_at
            ),
        };
        jobs_repo::insert_job(conn, &job, now).await?;
        scheduled += 1;
    }
    Ok(scheduled)
}

/// Replaces the event's pending reminders: those of the first occurrence that still has
/// one ahead. Later occurrences of a series are scheduled as each one's reminders fire.
pub async fn schedule_reminders(
    conn: &mut AnyConnection,
    event: &Event,
    exceptions: &[Exception],
    now: i64,
) -> anyhow::Result<()> {
    jobs_repo::cancel_jobs_of(conn, REMINDER_JOB, event.id, now).await?;
    if event.is_cancelled() {
        return Ok(());
    }
    for occurrence in model::occurrences_from(event, exceptions, now, 20) {
        if !occurrence.cancelled && schedule_occurrence(conn, event, occurrence, now).await? > 0 {
            break;
        }
    }
    Ok(())
}

/// The event and occurrence a reminder is for, if it is still current: not cancelled, and
/// not moved since the reminder was scheduled.
async fn current(
    conn: &mut AnyConnection,
    payload: &ReminderPayload,
) -> anyhow::Result<Option<(Event, Vec<Exception>)>> {
    let Some(event) = repo::fetch_event(conn, payload.event).await? else {
        return Ok(None);
    };
    let exceptions = repo::list_exceptions(conn, event.id).await?;
    let occurrence = model::occurrences_from(&event, &exceptions, payload.starts_at, 3)
        .into_iter()
        .find(|o| o.key == payload.occurrence);
    let current = event.is_scheduled()
        && occurrence.is_some_and(|o| !o.cancelled && o.starts_at == payload.starts_at);
    Ok(current.then_some((event, exceptions)))
}

/// The reminder ping: to the people going (and maybe, if asked), minus those who muted
/// it. Nothing is sent when nobody is left to remind.
pub async fn prepare_reminder(bot: &Bot, job: &Job) -> anyhow::Result<Prepared> {
    let payload: ReminderPayload = serde_json::from_str(&job.payload)?;
    let mut conn = bot.store().pool().acquire().await?;
    let Some((event, _)) = current(&mut conn, &payload).await? else {
        return Ok(Prepared { delivery: None });
    };
    let rsvps = repo::list_rsvps(&mut conn, event.id, payload.occurrence).await?;
    let muted = repo::list_muted(&mut conn, &event.space_id, event.id).await?;
    drop(conn);
    let people: Vec<(UserId, String)> = rsvps
        .into_iter()
        .filter(|r| {
            r.answer == Standing::Going || (event.remind_maybe && r.answer == Standing::Maybe)
        })
        .filter(|r| !muted.contains(&r.user_id))
        .filter_map(|r| UserId::from_key(&r.user_id).map(|id| (id, r.display_name)))
        .collect();
    let Some(space) = SpaceId::from_key(&event.space_id) else {
        return Ok(Prepared { delivery: None });
    };
    if people.is_empty() {
        return Ok(Prepared { delivery: None });
    }
    let locale = bot.locale_of_space(&space).await;
    let zone = bot.zone_of_space(&space).await;
    let i18n = bot.i18n();
    let header = Msg::new("event-reminder")
        .num("number", event.number)
        .strong("title", &event.title)
        .text("in", duration::words(i18n, locale, payload.minutes));
    let mut when = i18n.rich(locale, &Msg::new("event-field-when-line"));
    when.push(format::inline(
        i18n,
        locale,
        payload.starts_at,
        job.due_at,
        &zone,
    ));
    if let Some(place) = &event.location {
        when.push(Inline::Text(format!(" · {place}")));
    }
    let mute = Typed::new(&["event", "mute"]).value(event.number);
    let hint = Msg::new("event-reminder-hint").typed("command", mute);
    let reply = Reply::new(Visibility::Public, Tone::Ping)
        .paragraph(i18n.rich(locale, &header))
        .paragraph(when)
        .ping(people)
        .paragraph(i18n.rich(locale, &hint));
    Ok(Prepared {
        delivery: Some(Delivery {
            key: job.idempotency_key.clone(),
            space,
            channel: event.channel_id.as_deref().and_then(ChannelId::from_key),
            audience: Audience::Channel,
            reply,
        }),
    })
}

/// After a reminder of a series' occurrence: schedule the reminders of the next one. The
/// next occurrence's reminders all fall after this one's, so they are never late.
pub async fn follow_up(
    bot: &Bot,
    conn: &mut AnyConnection,
    job: &Job,
    now: i64,
) -> anyhow::Result<()> {
    let payload: ReminderPayload = serde_json::from_str(&job.payload)?;
    let Some(event) = repo::fetch_event(conn, payload.event).await? else {
        return Ok(());
    };
    if event.rrule.is_none() || !event.is_scheduled() {
        return Ok(());
    }
    let exceptions = repo::list_exceptions(conn, event.id).await?;
    // Series stored before rolls existed get theirs here (the same key: scheduled once).
    super::roll::schedule_roll(conn, &event, &exceptions, now).await?;
    let next = model::occurrences_from(&event, &exceptions, payload.starts_at + 1, 20)
        .into_iter()
        .filter(|o| !o.cancelled && o.key != payload.occurrence);
    for occurrence in next {
        if schedule_occurrence(conn, &event, occurrence, now).await? > 0 {
            bot.wake_scheduler();
            break;
        }
    }
    Ok(())
}

/// Schedules the ping to someone who just got a place off the waitlist.
pub async fn schedule_promoted(
    conn: &mut AnyConnection,
    event: &Event,
    occurrence: i64,
    user: &str,
    now: i64,
) -> anyhow::Result<()> {
    let payload = PromotedPayload {
        event: event.id,
        occurrence,
        user: user.to_owned(),
    };
    let job = NewJob {
        kind: PROMOTED_JOB,
        owner_id: event.id,
        payload: serde_json::to_string(&payload)?,
        space_id: event.space_id.clone(),
        due_at: now,
        idempotency_key: format!("{PROMOTED_JOB}:{}:{occurrence}:{user}:{now}", event.id),
    };
    jobs_repo::insert_job(conn, &job, now).await?;
    Ok(())
}

/// "You got a place", to the promoted person alone (privately, in their language and
/// zone), if they are still going.
pub async fn prepare_promoted(bot: &Bot, job: &Job) -> anyhow::Result<Prepared> {
    let payload: PromotedPayload = serde_json::from_str(&job.payload)?;
    let mut conn = bot.store().pool().acquire().await?;
    let Some(event) = repo::fetch_event(&mut conn, payload.event).await? else {
        return Ok(Prepared { delivery: None });
    };
    let rsvp = repo::list_rsvps(&mut conn, event.id, payload.occurrence)
        .await?
        .into_iter()
        .find(|r| r.user_id == payload.user && r.answer == Standing::Going);
    let exceptions = repo::list_exceptions(&mut conn, event.id).await?;
    drop(conn);
    let (Some(rsvp), Some(space), Some(user)) = (
        rsvp,
        SpaceId::from_key(&event.space_id),
        UserId::from_key(&payload.user),
    ) else {
        return Ok(Prepared { delivery: None });
    };
    if !event.is_scheduled() {
        return Ok(Prepared { delivery: None });
    }
    // Said to them alone, in their language and zone.
    let locale = bot.locale_of_person(&user, &space).await;
    let zone = bot.zone_of_person(&user, &space).await;
    let i18n = bot.i18n();
    // The date's own start: a series' date may have been moved on its own.
    let starts_at = match event.rrule {
        Some(_) => exceptions
            .iter()
            .find(|e| e.occurrence == payload.occurrence)
            .map_or(payload.occurrence, |e| e.starts_at),
        None => event.starts_at,
    };
    let mut line = i18n.rich(
        locale,
        &Msg::new("event-promoted-private")
            .num("number", event.number)
            .strong("title", &event.title),
    );
    line.push(format::inline(i18n, locale, starts_at, job.due_at, &zone));
    let reply = Reply::new(Visibility::Private, Tone::Ping)
        .paragraph(line)
        .written_in(locale);
    Ok(Prepared {
        delivery: Some(Delivery {
            key: job.idempotency_key.clone(),
            space,
            channel: event.channel_id.as_deref().and_then(ChannelId::from_key),
            audience: Audience::Person(Recipient {
                user,
                name: rsvp.display_name,
            }),
            reply,
        }),
    })
}
