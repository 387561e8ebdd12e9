//! `event create`: reads the options, stores the event with its reminders under the next
//! free number, and posts its card to the channel, pinging the group.

use sqlx::AnyConnection;

use super::options::{read_duration, read_place, read_rsvp_by};
use super::{announce, card_for};
use crate::bot::{Ctx, acquire};
use crate::error::{Internal, Result};
use crate::features::events::model::{self, EventStatus};
use crate::features::events::repo::{self, Event};
use crate::features::events::{NewEvent, jobs, roll};
use crate::features::groups::model::Group;
use crate::features::groups::{self, GroupRef};
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::limits::{self, Kind};
use crate::reply::{Line, Reply, Tone, Visibility};
use crate::store::retry_conflicts;
use crate::time::parse::{self, When};
use crate::time::recur::Rule;
use crate::time::{Zone, format};

/// How often an insert is retried when another event took the same number.
const NUMBER_RETRIES: usize = 5;

pub(super) async fn create(ctx: &Ctx<'_>, new: NewEvent) -> Result<Reply> {
    let zone = ctx.zone().await;
    let options = read_options(ctx, &zone, &new)?;
    let mut conn = acquire(ctx.store()).await?;
    let reminders = read_reminders(ctx, new.remind.as_deref()).await?;
    let (group, members) = find_group(ctx, &mut conn, new.group.as_ref()).await?;
    drop(conn);
    let draft = draft(
        ctx,
        &zone,
        &new,
        options,
        group.as_ref().map(|g| g.id),
        &reminders,
    );
    let event = insert_with_reminders(ctx, draft).await?;
    ctx.bot.wake_scheduler();
    let group_name = group.as_ref().map(|g| g.name.as_str());
    let mut reply = created_card(ctx, &event, group_name).await;
    if let Some(read_as) = read_as(ctx, &zone, &new.when, event.starts_at).await {
        reply = reply.paragraph(read_as);
    }
    if new.thread {
        let (thread, _) =
            crate::features::threads::create(ctx, &event.title, event.group_id, None).await?;
        reply.effects.push(crate::reply::Effect::OpenThread {
            id: thread,
            name: event.title.clone(),
        });
    }
    // The group hears about its event once, at creation, if its ping budget allows.
    let (members, skipped) = group_ping(ctx, group.as_ref(), members).await?;
    if let Some(skipped) = skipped {
        reply = reply.paragraph(ctx.t(Visibility::Public, &skipped));
    }
    Ok(reply.ping(members))
}

/// A start typed in another zone (`jumat 19.00 WITA` by someone in WIB) is said as it
/// was read, in the space's zone the card shows: "I read … as Fri 4 Dec 2026, 18:00 WIB
/// (written as 19:00 WITA)."
async fn read_as(ctx: &Ctx<'_>, reader: &Zone, typed: &str, at_ms: i64) -> Option<Line> {
    let public = Visibility::Public;
    let shown = ctx.bot.zone_of_space(&ctx.inv.space).await;
    let (i18n, locale) = (ctx.bot.i18n(), ctx.locale_for(public));
    let as_typed = format::as_typed(i18n, locale, at_ms, typed, reader, &shown)?;
    let at = format!(
        "{} {as_typed}",
        format::datetime(i18n, locale, at_ms, &shown)
    );
    let msg = Msg::new("time-read-as")
        .strong("input", typed)
        .text("at", at);
    Some(ctx.t(public, &msg))
}

/// The members to ping about a new event: all of them if the group's ping budget allows
/// (see `groups::budget`), otherwise nobody, and the note that says why.
async fn group_ping(
    ctx: &Ctx<'_>,
    group: Option<&Group>,
    members: Vec<(UserId, String)>,
) -> Result<(Vec<(UserId, String)>, Option<Msg>)> {
    let Some(group) = group.filter(|_| !members.is_empty()) else {
        return Ok((members, None));
    };
    let mut conn = acquire(ctx.store()).await?;
    let cooldown = ctx.bot.config().group_ping_cooldown;
    let claim = groups::budget::claim(&mut conn, cooldown, group.id, ctx.inv.now_ms, None)
        .await
        .internal("recording a group ping")?;
    Ok(match claim {
        groups::budget::Claim::Granted => (members, None),
        groups::budget::Claim::Spent { minutes } => {
            let note = groups::budget::skipped_note(&group.name, cooldown, minutes);
            (Vec::new(), Some(note))
        }
    })
}

/// What `event create` read from its options, in the actor's zone.
struct Options {
    title: String,
    starts_at: i64,
    rrule: Option<Rule>,
    duration_ms: i64,
    place: Option<String>,
    rsvp_close_ms: Option<i64>,
}

/// Reads the options that need no lookup: the title, when it starts (and repeats), how
/// long it lasts, where, and until when people can answer.
fn read_options(ctx: &Ctx<'_>, zone: &Zone, new: &NewEvent) -> Result<Options> {
    let title = model::title(&new.title)?;
    let (starts_at, rrule) = read_start(ctx, zone, &new.when, new.repeat.as_deref())?;
    let duration_ms = match &new.duration {
        Some(text) => read_duration(text)?,
        None => model::DEFAULT_DURATION * 60_000,
    };
    let place = new.place.as_deref().map(read_place).transpose()?.flatten();
    let rsvp_close_ms = new
        .rsvp_by
        .as_deref()
        .map(|t| read_rsvp_by(ctx, zone, t, starts_at))
        .transpose()?;
    Ok(Options {
        title,
        starts_at,
        rrule,
        duration_ms,
        place,
        rsvp_close_ms,
    })
}

/// The first start and the repetition: `when` alone (a time, or a repetition with its
/// first date), or a date with `--repeat`. With `--repeat` the series starts on the
/// typed date at the typed time (the first day of the rule on or after that date); a
/// repetition without a time of its own takes the typed time, a typed date without a
/// time takes the repetition's, and two different times are refused, since either
/// could be meant.
fn read_start(
    ctx: &Ctx<'_>,
    zone: &Zone,
    when: &str,
    repeat: Option<&str>,
) -> Result<(i64, Option<Rule>)> {
    let (at, repeat) = match (ctx.read_when(zone, when)?, repeat) {
        (When::Repeat { rule, first }, None) => {
            return Ok((first.timestamp().as_millisecond(), Some(rule)));
        }
        (When::Once(at), None) => return Ok((at.timestamp().as_millisecond(), None)),
        (When::Repeat { .. }, Some(_)) => return Err(Msg::new("event-repeat-twice").into()),
        (When::Once(at), Some(repeat)) => (at, repeat),
    };
    let When::Repeat { mut rule, .. } = ctx.read_when(zone, repeat)? else {
        return Err(Msg::new("event-repeat-invalid")
            .strong("input", repeat)
            .into());
    };
    let typed = (at.hour(), at.minute());
    match (parse::gives_time(when), parse::gives_time(repeat)) {
        (true, true) if (rule.hour, rule.minute) != typed => {
            let show = |(h, m)| format::time_of_day(ctx.bot.i18n(), ctx.locale, h, m);
            return Err(Msg::new("event-repeat-two-times")
                .strong("when", show(typed))
                .strong("repeat", show((rule.hour, rule.minute)))
                .into());
        }
        (true, _) => (rule.hour, rule.minute) = typed,
        (false, _) => {}
    }
    let first = rule
        .first_after(
            at.date(),
            zone.tz(),
            jiff::Timestamp::from_millisecond(ctx.inv.now_ms).internal("reading the clock")?,
        )
        .ok_or_else(|| Msg::new("event-repeat-invalid").strong("input", repeat))?;
    Ok((first.timestamp().as_millisecond(), Some(rule)))
}

/// The reminders asked for; otherwise the space's, or kumpul's default.
async fn read_reminders(ctx: &Ctx<'_>, remind: Option<&str>) -> Result<Vec<i64>> {
    Ok(match remind {
        Some(text) => model::reminders(text)?,
        None => match ctx.bot.space_settings(&ctx.inv.space).await.event_reminders {
            Some(stored) => model::stored_reminders(&stored),
            None => model::DEFAULT_REMINDERS.to_vec(),
        },
    })
}

/// The group named (the actor must be a member), and its members to tell: everyone but
/// the actor.
async fn find_group(
    ctx: &Ctx<'_>,
    conn: &mut AnyConnection,
    group: Option<&GroupRef>,
) -> Result<(Option<Group>, Vec<(UserId, String)>)> {
    let group = match group {
        Some(group) => {
            Some(groups::find_group_for_member(ctx, conn, group, "event-group-not-member").await?)
        }
        None => None,
    };
    let members = match &group {
        Some(g) => groups::repo::list_members(conn, g.id)
            .await
            .internal("listing the group's members")?,
        None => Vec::new(),
    };
    let actor = ctx.actor_key();
    let people: Vec<(UserId, String)> = members
        .into_iter()
        .filter(|m| m.user_id != actor)
        .filter_map(|m| UserId::from_key(&m.user_id).map(|id| (id, m.display_name)))
        .collect();
    Ok((group, people))
}

/// The event as it will be stored, still without its id and number.
fn draft(
    ctx: &Ctx<'_>,
    zone: &Zone,
    new: &NewEvent,
    options: Options,
    group_id: Option<i64>,
    reminders: &[i64],
) -> Event {
    let now = ctx.inv.now_ms;
    Event {
        id: 0,
        space_id: ctx.space_key(),
        number: 0,
        channel_id: ctx.inv.channel.as_ref().map(|c| c.key()),
        creator_id: ctx.actor_key(),
        creator_name: ctx.inv.actor.display_name.clone(),
        title: options.title,
        location: options.place,
        group_id,
        starts_at: options.starts_at,
        duration_ms: options.duration_ms,
        zone: zone.name().to_owned(),
        rrule: options.rrule.as_ref().map(Rule::to_rrule),
        capacity: new.capacity,
        rsvp_close_ms: options.rsvp_close_ms,
        reminders: model::store_reminders(reminders),
        remind_maybe: new.remind_maybe,
        status: EventStatus::Scheduled,
        revision: 0,
        created_at: now,
        updated_at: now,
    }
}

/// Stores the event with its reminders under the space's next number, retried with a new
/// id when another event took the number first. Returns it with its id and number.
async fn insert_with_reminders(ctx: &Ctx<'_>, mut event: Event) -> Result<Event> {
    let now = ctx.inv.now_ms;
    let template = &event;
    let (id, number) = retry_conflicts(NUMBER_RETRIES, || {
        let mut candidate = template.clone();
        candidate.id = fastrand::i64(1..(1 << 53));
        async move {
            let mut tx = ctx.store().pool().begin().await?;
            settings_repo::ensure_space(&mut tx, &candidate.space_id, now).await?;
            if let Some(refused) = check_room(ctx, &mut tx, &candidate).await? {
                return Ok(Err(refused));
            }
            let number = repo::insert_event(&mut tx, &candidate).await?;
            candidate.number = number;
            jobs::schedule_reminders(&mut tx, &candidate, &[], now)
                .await
                .map_err(|e| sqlx::Error::Protocol(format!("{e:#}")))?;
            roll::schedule_roll(&mut tx, &candidate, &[], now)
                .await
                .map_err(|e| sqlx::Error::Protocol(format!("{e:#}")))?;
            tx.commit().await?;
            Ok(Ok((candidate.id, number)))
        }
    })
    .await
    .internal("storing an event")??;
    event.id = id;
    event.number = number;
    Ok(event)
}

/// Inside the event's transaction: the refusal when its creator or the space already has
/// as many upcoming events as allowed (see [`crate::limits`]).
async fn check_room(
    ctx: &Ctx<'_>,
    conn: &mut AnyConnection,
    event: &Event,
) -> Result<Option<Msg>, sqlx::Error> {
    let limits = &ctx.bot.config().limits;
    let (space, creator) = (&event.space_id, &event.creator_id);
    limits::check_room(conn, limits, Kind::Events, space, creator, ctx.inv.now_ms).await
}

/// The new event's card for the channel, with who created it above.
async fn created_card(ctx: &Ctx<'_>, event: &Event, group: Option<&str>) -> Reply {
    let occurrence = model::upcoming(event, &[], ctx.inv.now_ms);
    let mut reply = card_for(ctx, Visibility::Public, event, group, occurrence, &[]).await;
    reply.tone = Tone::Success;
    let header = Msg::new("event-created")
        .strong("actor", &ctx.inv.actor.display_name)
        .num("number", event.number);
    announce(ctx, &mut reply, &header);
    reply
}
