//! Reminder occurrences as scheduler jobs: what to send, and what comes next.

use sqlx::AnyConnection;

use super::model::ReminderStatus;
use super::repo::{self, Reminder};
use super::{JOB_KIND, occurrence_key};
use crate::bot::Bot;
use crate::features::groups;
use crate::i18n::{Locale, Msg};
use crate::identity::{ChannelId, SpaceId, UserId};
use crate::notify::{Audience, Delivery, Recipient};
use crate::reply::{Inline, Line, Reply, Tone, Visibility};
use crate::scheduler::{Job, NewJob, Prepared, job_reader, repo as jobs_repo};
use crate::time::recur::Rule;
use crate::time::{Zone, format};

#[derive(serde::Deserialize)]
struct Payload {
    reminder: i64,
}

/// The reminder a job is for, if it still wants this occurrence delivered.
async fn current(conn: &mut AnyConnection, job: &Job) -> anyhow::Result<Option<Reminder>> {
    let payload: Payload = serde_json::from_str(&job.payload)?;
    let reminder = repo::fetch_reminder(conn, payload.reminder).await?;
    Ok(reminder.filter(|r| r.is_active() && r.next_at == Some(job.due_at)))
}

/// The message of a due occurrence; `None` if the reminder was cancelled or changed. A
/// personal reminder goes to its creator privately, in their language; a group's is
/// posted in the channel, pinging the group's members.
pub async fn prepare(bot: &Bot, job: &Job) -> anyhow::Result<Prepared> {
    let mut conn = bot.store().pool().acquire().await?;
    let Some(reminder) = current(&mut conn, job).await? else {
        return Ok(Prepared { delivery: None });
    };
    let Some(space) = SpaceId::from_key(&reminder.space_id) else {
        return Ok(Prepared { delivery: None });
    };
    let members = match reminder.group_id {
        Some(group_id) => groups::repo::list_members(&mut conn, group_id).await?,
        None => Vec::new(),
    };
    let skipped = claim_group_ping(bot, &mut conn, &reminder, job, members.is_empty()).await?;
    // Never wait for a second connection while holding one: under load that deadlocks
    // the pool.
    drop(conn);
    let reader = job_reader(bot, job, space).await;
    let channel = reminder.channel_id.as_deref();
    if let (Some(_), Some(group_name)) = (reminder.group_id, &reminder.group_name) {
        let header = Msg::new("remind-due-group")
            .strong("name", group_name)
            .strong("actor", &reminder.creator_name);
        let people = members
            .into_iter()
            .filter_map(|m| UserId::from_key(&m.user_id).map(|id| (id, m.display_name)))
            .collect();
        let reply = Reply::new(Visibility::Public, Tone::Ping)
            .paragraph(bot.i18n().rich(reader.locale, &header))
            .paragraph(vec![Inline::Text(reminder.text.clone())]);
        let reply = match skipped {
            None => reply.ping(people),
            Some(note) => reply.paragraph(bot.i18n().rich(reader.locale, &note)),
        };
        return Ok(reader.deliver(channel, reply));
    }
    let Some(creator) = UserId::from_key(&reminder.creator_id) else {
        // Not a person kumpul can address: said in the channel, naming them.
        let mut line = bot.i18n().rich(reader.locale, &Msg::new("remind-due-me"));
        line.push(Inline::Strong(reminder.creator_name.clone()));
        line.push(Inline::Text(format!(": {}", reminder.text)));
        let reply = Reply::new(Visibility::Public, Tone::Info).paragraph(line);
        return Ok(reader.deliver(channel, reply));
    };
    let locale = bot.locale_of_person(&creator, &reader.space).await;
    let reply = Reply::new(Visibility::Private, Tone::Ping)
        .paragraph(due_line(bot, locale, &reminder.text))
        .written_in(locale);
    let recipient = Recipient {
        user: creator,
        name: reminder.creator_name.clone(),
    };
    Ok(reader.deliver_to(recipient, channel, reply))
}

/// `⏰ Reminder: call mom`, the text as typed (never read as markup).
fn due_line(bot: &Bot, locale: Locale, text: &str) -> Line {
    let mut line = bot.i18n().rich(locale, &Msg::new("remind-due-me"));
    line.push(Inline::Text(text.to_owned()));
    line
}

/// A group reminder spends the group's ping budget (see `groups::budget`) under its job's
/// key, so a retry of this same delivery pings again and nothing else does. `Some` is the
/// note of a reminder posted without its ping; `None` also when there is nobody to ping.
async fn claim_group_ping(
    bot: &Bot,
    conn: &mut AnyConnection,
    reminder: &Reminder,
    job: &Job,
    nobody: bool,
) -> anyhow::Result<Option<Msg>> {
    let (Some(group_id), Some(name), false) = (reminder.group_id, &reminder.group_name, nobody)
    else {
        return Ok(None);
    };
    let cooldown = bot.config().group_ping_cooldown;
    // Counted at the reminder's time, the moment its message speaks of.
    let key = Some(job.idempotency_key.as_str());
    Ok(
        match groups::budget::claim(conn, cooldown, group_id, job.due_at, key).await? {
            groups::budget::Claim::Granted => None,
            groups::budget::Claim::Spent { minutes } => {
                Some(groups::budget::skipped_note(name, cooldown, minutes))
            }
        },
    )
}

/// After an occurrence (sent, failed or missed): schedule the next one of a recurring
/// reminder, or finish a one-off.
pub async fn follow_up(
    bot: &Bot,
    conn: &mut AnyConnection,
    job: &Job,
    now: i64,
) -> anyhow::Result<()> {
    let Some(reminder) = current(conn, job).await? else {
        return Ok(());
    };
    let next = match (&reminder.rrule, &reminder.anchor_date) {
        (Some(rrule), Some(anchor)) => {
            let rule = Rule::from_rrule(rrule)
                .ok_or_else(|| anyhow::anyhow!("stored rule {rrule:?} is invalid"))?;
            let anchor: jiff::civil::Date = anchor.parse()?;
            let zone = Zone::parse(&reminder.zone)
                .map_err(|_| anyhow::anyhow!("stored zone {:?} is invalid", reminder.zone))?;
            // Never schedule into the past: after an outage, continue from now.
            let after = jiff::Timestamp::from_millisecond(job.due_at.max(now))?;
            rule.next_after(anchor, zone.tz(), after)
                .map(|z| z.timestamp().as_millisecond())
        }
        _ => None,
    };
    match next {
        Some(next_at) => {
            if !repo::update_next(
                conn,
                reminder.id,
                job.due_at,
                Some(next_at),
                ReminderStatus::Active,
            )
            .await?
            {
                // Cancelled since it was read: nothing follows.
                return Ok(());
            }
            let job = NewJob {
                kind: JOB_KIND,
                owner_id: reminder.id,
                payload: job.payload.clone(),
                space_id: reminder.space_id.clone(),
                due_at: next_at,
                idempotency_key: occurrence_key(reminder.id, next_at),
            };
            jobs_repo::insert_job(conn, &job, now).await?;
            bot.wake_scheduler();
        }
        None => {
            repo::update_next(conn, reminder.id, job.due_at, None, ReminderStatus::Done).await?;
        }
    }
    Ok(())
}

/// `#3 call mom (Tue 1 Dec 2026, 19:00 WIB)` for the missed-jobs summary.
pub async fn describe(
    bot: &Bot,
    job: &Job,
    locale: Locale,
    zone: &Zone,
) -> anyhow::Result<Option<Line>> {
    let payload: Payload = serde_json::from_str(&job.payload)?;
    let mut conn = bot.store().pool().acquire().await?;
    let Some(reminder) = repo::fetch_reminder(&mut conn, payload.reminder).await? else {
        return Ok(None);
    };
    let when = format::datetime(bot.i18n(), locale, job.due_at, zone);
    // The summary is posted for the space: a personal reminder's text is its owner's
    // alone (it is delivered to them privately), so the line names only whose it was.
    let msg = match reminder.group_id {
        Some(_) => Msg::new("remind-missed-item").text("text", reminder.text),
        None => Msg::new("remind-missed-personal").text("name", reminder.creator_name),
    }
    .num("number", reminder.number)
    .text("when", when);
    Ok(Some(bot.i18n().rich(locale, &msg)))
}

/// A personal reminder missed while kumpul was offline, told to its owner privately:
/// "While kumpul was offline, your reminder #3 was not sent: call mom (due …)". The
/// space's summary names only whose it was. Group reminders have nothing private.
pub async fn missed_privately(bot: &Bot, job: &Job) -> anyhow::Result<Option<Delivery>> {
    let payload: Payload = serde_json::from_str(&job.payload)?;
    let mut conn = bot.store().pool().acquire().await?;
    let reminder = repo::fetch_reminder(&mut conn, payload.reminder).await?;
    drop(conn);
    let Some(reminder) = reminder.filter(|r| r.group_id.is_none()) else {
        return Ok(None);
    };
    let (Some(space), Some(creator)) = (
        SpaceId::from_key(&reminder.space_id),
        UserId::from_key(&reminder.creator_id),
    ) else {
        return Ok(None);
    };
    let locale = bot.locale_of_person(&creator, &space).await;
    let zone = bot.zone_of_person(&creator, &space).await;
    let when = format::datetime(bot.i18n(), locale, job.due_at, &zone);
    let msg = Msg::new("remind-missed-you")
        .num("number", reminder.number)
        .text("text", reminder.text)
        .text("when", when);
    let reply = Reply::new(Visibility::Private, Tone::Warning)
        .paragraph(bot.i18n().rich(locale, &msg))
        .written_in(locale);
    Ok(Some(Delivery {
        key: format!("missed:{}", job.idempotency_key),
        space,
        channel: reminder.channel_id.as_deref().and_then(ChannelId::from_key),
        audience: Audience::Person(Recipient {
            user: creator,
            name: reminder.creator_name,
        }),
        reply,
    }))
}
