//! `event create`: reads the options, stores the event with its reminders under the next
//! free number, and posts its card to the channel and the group.

use super::options::{read_duration, read_place, read_rsvp_by};
use super::{announce, card_for};
use crate::bot::{Ctx, acquire};
use crate::error::{Internal, Result};
use crate::features::events::model::{self, EventStatus};
use crate::features::events::repo::{self, Event};
use crate::features::events::{NewEvent, jobs};
use crate::features::groups;
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::reply::{Reply, Tone, Visibility};
use crate::store::retry_conflicts;
use crate::time::parse::When;
use crate::time::recur::Rule;
/// How often an insert is retried when another event took the same number.
const NUMBER_RETRIES: usize = 5;

pub(super) async fn create(ctx: &Ctx<'_>, new: NewEvent) -> Result<Reply> {
    let zone = ctx.zone().await;
    let title = model::title(&new.title)?;
    let (starts_at, rrule) = match (ctx.read_when(&zone, &new.when)?, &new.repeat) {
        (When::Repeat { rule, first }, None) => (first.timestamp().as_millisecond(), Some(rule)),
        (When::Once(at), None) => (at.timestamp().as_millisecond(), None),
        (When::Once(at), Some(repeat)) => match ctx.read_when(&zone, repeat)? {
            When::Repeat { rule, .. } => {
                // The series starts at the rule's first occurrence on or after that day.
                let first = rule
                    .first_after(
                        at.date(),
                        zone.tz(),
                        at.timestamp() - jiff::Span::new().seconds(1),
                    )
                    .ok_or_else(|| Msg::new("event-repeat-invalid").strong("input", repeat))?;
                (first.timestamp().as_millisecond(), Some(rule))
            }
            When::Once(_) => {
                return Err(Msg::new("event-repeat-invalid")
                    .strong("input", repeat)
                    .into());
            }
        },
        (When::Repeat { .. }, Some(_)) => {
            return Err(Msg::new("event-repeat-twice").into());
        }
    };
    let duration_ms = match &new.duration {
        Some(text) => read_duration(text)?,
        None => model::DEFAULT_DURATION * 60_000,
    };
    let place = new.place.as_deref().map(read_place).transpose()?.flatten();
    let rsvp_close_ms = new
        .rsvp_by
        .as_deref()
        .map(|t| read_rsvp_by(ctx, &zone, t, starts_at))
        .transpose()?;
    let mut conn = acquire(ctx.store()).await?;
    let reminders = match &new.remind {
        Some(text) => model::reminders(text)?,
        None => match ctx.bot.space_settings(&ctx.inv.space).await.event_reminders {
            Some(stored) => model::stored_reminders(&stored),
            None => model::DEFAULT_REMINDERS.to_vec(),
        },
    };
    let group = match &new.group {
        Some(group) => Some(
            groups::find_group_for_member(ctx, &mut conn, group, "event-group-not-member").await?,
        ),
        None => None,
    };
    let members = match &group {
        Some(g) => groups::repo::list_members(&mut conn, g.id)
            .await
            .internal("listing the group's members")?,
        None => Vec::new(),
    };
    drop(conn);
    let now = ctx.inv.now_ms;
    let mut event = Event {
        id: 0,
        space_id: ctx.space_key(),
        number: 0,
        channel_id: ctx.inv.channel.as_ref().map(|c| c.key()),
        creator_id: ctx.actor_key(),
        creator_name: ctx.inv.actor.display_name.clone(),
        title,
        location: place,
        group_id: group.as_ref().map(|g| g.id),
        starts_at,
        duration_ms,
        zone: zone.name().to_owned(),
        rrule: rrule.as_ref().map(Rule::to_rrule),
        capacity: new.capacity,
        rsvp_close_ms,
        reminders: model::store_reminders(&reminders),
        remind_maybe: new.remind_maybe,
        status: EventStatus::Scheduled,
        revision: 0,
        created_at: now,
        updated_at: now,
    };
    let template = &event;
    let (id, number) = retry_conflicts(NUMBER_RETRIES, || {
        let mut candidate = template.clone();
        candidate.id = fastrand::i64(1..(1 << 53));
        async move {
            let mut tx = ctx.store().pool().begin().await?;
            settings_repo::ensure_space(&mut tx, &candidate.space_id, now).await?;
            let number = repo::insert_event(&mut tx, &candidate).await?;
            candidate.number = number;
            jobs::schedule_reminders(&mut tx, &candidate, &[], now)
                .await
                .map_err(|e| sqlx::Error::Protocol(format!("{e:#}")))?;
            tx.commit().await?;
            Ok((candidate.id, number))
        }
    })
    .await
    .internal("storing an event")?;
    event.id = id;
    event.number = number;
    ctx.bot.wake_scheduler();
    let occurrence = model::upcoming(&event, &[], now);
    let group_name = group.as_ref().map(|g| g.name.clone());
    let mut reply = card_for(
        ctx,
        Visibility::Public,
        &event,
        group_name.as_deref(),
        occurrence,
        &[],
    )
    .await;
    reply.tone = Tone::Success;
    let header = Msg::new("event-created")
        .strong("actor", &ctx.inv.actor.display_name)
        .num("number", number);
    announce(ctx, &mut reply, &header);
    if new.thread {
        let (thread, _) =
            crate::features::threads::create(ctx, &event.title, event.group_id, None).await?;
        reply.effects.push(crate::reply::Effect::OpenThread {
            id: thread,
            name: event.title.clone(),
        });
    }
    // The group hears about its event once, at creation.
    let actor = ctx.actor_key();
    let people: Vec<(UserId, String)> = members
        .into_iter()
        .filter(|m| m.user_id != actor)
        .filter_map(|m| UserId::from_key(&m.user_id).map(|id| (id, m.display_name)))
        .collect();
    Ok(reply.ping(people))
}
