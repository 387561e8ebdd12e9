//! What each event command does.

use anyhow::Context as _;
use sqlx::AnyConnection;

use super::card::{self, Reader};
use super::jobs;
use super::model::{self, Answer, EventStatus, Occurrence, Standing};
use super::repo::{self, Event, Exception, Rsvp};
use super::{EventChanges, EventCommand, EventRef, NewEvent};
use crate::bot::{Ctx, acquire, begin};
use crate::error::{Internal, Result};
use crate::features::groups::{self, GroupRef};
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::reply::{Anchor, Attachment, Inline, Line, Reply, Tone, Visibility};
use crate::store::retry_conflicts;
use crate::time::parse::When;
use crate::time::recur::Rule;
use crate::time::{Zone, duration, format};

/// How often an insert is retried when another event took the same number.
const NUMBER_RETRIES: usize = 5;
/// Events shown by `event list`.
const LIST_LIMIT: usize = 20;
/// Events looked at for a list or a calendar.
const SCAN_LIMIT: i64 = 200;

pub async fn execute(ctx: &Ctx<'_>, command: EventCommand) -> Result<Reply> {
    match command {
        EventCommand::Create(new) => create(ctx, *new).await,
        EventCommand::Edit(changes) => edit(ctx, *changes).await,
        EventCommand::Cancel { event, only_next } => cancel(ctx, event, only_next).await,
        EventCommand::List { group } => list(ctx, group).await,
        EventCommand::Info(event) => info(ctx, event).await,
        EventCommand::Rsvp {
            event,
            answer,
            guests,
        } => rsvp(ctx, event, answer, guests).await,
        EventCommand::Mute { event, all, on } => mute(ctx, event, all, on).await,
        EventCommand::Ics { event, group } => ics(ctx, event, group).await,
    }
}

fn read_instant(ctx: &Ctx<'_>, zone: &Zone, text: &str) -> Result<i64> {
    ctx.read_instant(zone, text, "event-time-not-repeating")
}

fn read_duration(text: &str) -> Result<i64> {
    duration::parse_minutes(text)
        .map(|m| m * 60_000)
        .ok_or_else(|| {
            Msg::new("event-duration-invalid")
                .strong("input", text)
                .code("example", "--duration 2h")
                .into()
        })
}

/// `--where` text, or `None` for `none`/empty (clears the place).
fn read_place(text: &str) -> Result<Option<String>> {
    if matches!(
        text.trim().to_lowercase().as_str(),
        "" | "none" | "-" | "tidak ada"
    ) {
        return Ok(None);
    }
    Ok(Some(model::place(text)?))
}

/// The RSVP deadline as "this long before each start".
fn read_rsvp_by(ctx: &Ctx<'_>, zone: &Zone, text: &str, starts_at: i64) -> Result<i64> {
    let at = read_instant(ctx, zone, text)?;
    if at >= starts_at {
        return Err(Msg::new("event-rsvp-by-after-start")
            .strong("input", text)
            .into());
    }
    Ok(starts_at - at)
}

async fn create(ctx: &Ctx<'_>, new: NewEvent) -> Result<Reply> {
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
    let space_zone = ctx.bot.zone_of_space(&ctx.inv.space).await;
    let reader = public_reader(ctx, &space_zone);
    let occurrence = model::upcoming(&event, &[], now);
    let group_name = group.as_ref().map(|g| g.name.clone());
    let mut reply = card::card(
        &reader,
        &event,
        group_name.as_deref(),
        occurrence,
        &[],
        Visibility::Public,
    );
    reply.tone = Tone::Success;
    let announce = Msg::new("event-created")
        .strong("actor", &ctx.inv.actor.display_name)
        .num("number", number);
    reply.blocks.insert(
        0,
        crate::reply::Block::Paragraph(ctx.t(Visibility::Public, &announce)),
    );
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

fn public_reader<'a>(ctx: &'a Ctx<'_>, zone: &'a Zone) -> Reader<'a> {
    Reader {
        i18n: ctx.bot.i18n(),
        locale: ctx.space_locale,
        zone,
        now_ms: ctx.inv.now_ms,
    }
}

async fn find(ctx: &Ctx<'_>, conn: &mut AnyConnection, event: EventRef) -> Result<Event> {
    let space = ctx.space_key();
    let found = match event {
        EventRef::Number(n) => repo::fetch_event_by_number(conn, &space, n).await,
        EventRef::Id(id) => repo::fetch_event(conn, id)
            .await
            .map(|e| e.filter(|e| e.space_id == space)),
    }
    .internal("looking up an event")?;
    found.ok_or_else(|| {
        let number = match event {
            EventRef::Number(n) => n,
            EventRef::Id(_) => 0,
        };
        Msg::new("event-not-found")
            .num("number", number)
            .code("command", "event list")
            .into()
    })
}

fn ensure_organiser(ctx: &Ctx<'_>, event: &Event) -> Result<()> {
    if event.creator_id == ctx.actor_key() || ctx.is_moderator() {
        Ok(())
    } else {
        Err(Msg::new("event-not-organiser")
            .num("number", event.number)
            .into())
    }
}

fn ensure_scheduled(event: &Event) -> Result<()> {
    if event.is_scheduled() {
        Ok(())
    } else {
        Err(Msg::new("event-cancelled")
            .num("number", event.number)
            .into())
    }
}

/// The occurrence people answer now: the next one that has not ended.
fn next_occurrence(ctx: &Ctx<'_>, event: &Event, exceptions: &[Exception]) -> Result<Occurrence> {
    model::upcoming(event, exceptions, ctx.inv.now_ms)
        .ok_or_else(|| Msg::new("event-over").num("number", event.number).into())
}

/// Fills places from the waitlist, first in line first, while they fit. Returns who got
/// a place.
fn promote(rsvps: &mut [Rsvp], capacity: Option<i64>) -> Vec<String> {
    let Some(capacity) = capacity else {
        // No limit (any more): everyone waiting goes.
        let mut promoted = Vec::new();
        for r in rsvps.iter_mut().filter(|r| r.answer == Standing::Waitlist) {
            r.answer = Standing::Going;
            promoted.push(r.user_id.clone());
        }
        return promoted;
    };
    let mut promoted = Vec::new();
    loop {
        let taken = card::taken(rsvps);
        let first = rsvps
            .iter_mut()
            .filter(|r| r.answer == Standing::Waitlist)
            .min_by_key(|r| (r.queued_at, r.user_id.clone()));
        match first {
            Some(r) if taken + 1 + r.guests <= capacity => {
                r.answer = Standing::Going;
                promoted.push(r.user_id.clone());
            }
            _ => return promoted,
        }
    }
}

/// Writes the promoted answers and schedules their pings.
async fn store_promoted(
    conn: &mut AnyConnection,
    event: &Event,
    occurrence: i64,
    rsvps: &[Rsvp],
    promoted: &[String],
    now: i64,
) -> anyhow::Result<()> {
    for user in promoted {
        if let Some(rsvp) = rsvps.iter().find(|r| &r.user_id == user) {
            repo::upsert_rsvp(conn, event.id, occurrence, rsvp, now).await?;
            jobs::schedule_promoted(conn, event, occurrence, user, now).await?;
        }
    }
    Ok(())
}

fn changed(ctx: &Ctx<'_>, event: &Event) {
    ctx.bot.live().touch(Anchor {
        kind: crate::vocab::AnchorKind::Event,
        id: event.id,
    });
}

/// The event `found` names, locked for the rest of the transaction and read as it is now
/// (see [`repo::lock_event`]): checks made on it hold until the transaction ends.
async fn locked(conn: &mut AnyConnection, found: &Event) -> Result<Event> {
    repo::lock_event(conn, found.id)
        .await
        .internal("locking an event")?
        .ok_or_else(|| {
            Msg::new("event-not-found")
                .num("number", found.number)
                .code("command", "event list")
                .into()
        })
}

async fn rsvp(ctx: &Ctx<'_>, event: EventRef, answer: Answer, guests: i64) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let found = find(ctx, &mut conn, event).await?;
    drop(conn);
    let now = ctx.inv.now_ms;
    let me = ctx.actor_key();
    // One transaction that first takes the event's write lock, then reads the event and
    // its answers: a cancelled event takes no answer, and answers for the last places are
    // decided one at a time against the capacity as it is now, so it is never exceeded.
    let mut tx = begin(ctx.store()).await?;
    let event = locked(&mut tx, &found).await?;
    ensure_scheduled(&event)?;
    let exceptions = repo::list_exceptions(&mut tx, event.id)
        .await
        .internal("reading an event's changes")?;
    let occurrence = next_occurrence(ctx, &event, &exceptions)?;
    let closes_at = occurrence.starts_at - event.rsvp_close_ms.unwrap_or(0);
    if now >= closes_at {
        return Err(Msg::new("event-rsvp-closed")
            .num("number", event.number)
            .into());
    }
    let mut rsvps = repo::list_rsvps(&mut tx, event.id, occurrence.key)
        .await
        .internal("reading answers")?;
    let before = rsvps.iter().find(|r| r.user_id == me).cloned();
    let others_taken = card::taken(&rsvps)
        - before
            .as_ref()
            .filter(|r| r.answer == Standing::Going)
            .map_or(0, |r| 1 + r.guests);
    let standing = match answer {
        Answer::Going => match event.capacity {
            Some(capacity) if others_taken + 1 + guests > capacity => Standing::Waitlist,
            _ => Standing::Going,
        },
        Answer::Maybe => Standing::Maybe,
        Answer::No => Standing::No,
    };
    // The waitlist keeps its order: someone already going or waiting keeps their place.
    let queued_at = match &before {
        Some(b) if matches!(b.answer, Standing::Going | Standing::Waitlist) => b.queued_at,
        _ => now,
    };
    let mine = Rsvp {
        user_id: me.clone(),
        display_name: ctx.inv.actor.display_name.clone(),
        answer: standing,
        guests,
        queued_at,
    };
    match rsvps.iter_mut().find(|r| r.user_id == me) {
        Some(r) => *r = mine.clone(),
        None => rsvps.push(mine.clone()),
    }
    let promoted = promote(&mut rsvps, event.capacity);
    repo::upsert_rsvp(&mut tx, event.id, occurrence.key, &mine, now)
        .await
        .internal("storing an answer")?;
    store_promoted(&mut tx, &event, occurrence.key, &rsvps, &promoted, now)
        .await
        .context("promoting from the waitlist")?;
    tx.commit().await.internal("committing an answer")?;
    changed(ctx, &event);
    if !promoted.is_empty() {
        ctx.bot.wake_scheduler();
    }
    let position = rsvps
        .iter()
        .filter(|r| r.answer == Standing::Waitlist)
        .position(|r| r.user_id == me)
        .map_or(0, |p| p as i64 + 1);
    let msg = Msg::new("event-answered")
        .num("number", event.number)
        .strong("title", &event.title)
        .select("answer", standing.code())
        .num("guests", guests)
        .num("position", position);
    let mut reply = ctx.say(Visibility::Private, Tone::Success, &msg);
    let hint = Msg::new("event-answer-hint").code("command", format!("rsvp {} no", event.number));
    if standing != Standing::No {
        reply = reply.paragraph(ctx.t(Visibility::Private, &hint));
    }
    Ok(reply)
}

async fn info(ctx: &Ctx<'_>, event: EventRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let event = find(ctx, &mut conn, event).await?;
    let (group, occurrence, rsvps) = card::load(&mut conn, &event, ctx.inv.now_ms)
        .await
        .context("reading an event")?;
    drop(conn);
    let zone = ctx.zone().await;
    let reader = Reader {
        i18n: ctx.bot.i18n(),
        locale: ctx.locale,
        zone: &zone,
        now_ms: ctx.inv.now_ms,
    };
    let mut reply = card::card(
        &reader,
        &event,
        group.as_deref(),
        occurrence,
        &rsvps,
        Visibility::Private,
    );
    reply.anchor = None;
    if occurrence.is_none() && event.is_scheduled() {
        reply = reply.paragraph(ctx.t(
            Visibility::Private,
            &Msg::new("event-over").num("number", event.number),
        ));
    }
    Ok(reply)
}

async fn list(ctx: &Ctx<'_>, group: Option<GroupRef>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let group = match &group {
        Some(g) => Some(groups::find_group(ctx, &mut conn, g).await?),
        None => None,
    };
    let events = repo::list_events(
        &mut conn,
        &ctx.space_key(),
        group.as_ref().map(|g| g.id),
        true,
        SCAN_LIMIT,
    )
    .await
    .internal("listing events")?;
    let mut upcoming: Vec<(Event, Occurrence, i64)> = Vec::new();
    for event in events {
        let exceptions = repo::list_exceptions(&mut conn, event.id)
            .await
            .internal("reading an event's changes")?;
        if let Some(o) = model::upcoming(&event, &exceptions, ctx.inv.now_ms) {
            let rsvps = repo::list_rsvps(&mut conn, event.id, o.key)
                .await
                .internal("reading answers")?;
            upcoming.push((event, o, card::taken(&rsvps)));
        }
    }
    drop(conn);
    upcoming.sort_by_key(|(_, o, _)| o.starts_at);
    upcoming.truncate(LIST_LIMIT);
    if upcoming.is_empty() {
        let msg =
            Msg::new("event-list-empty").code("command", "event create friday 19:00 Board games");
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let zone = ctx.zone().await;
    let items: Vec<Line> = upcoming
        .iter()
        .map(|(event, o, going)| {
            let mut line = vec![
                Inline::Strong(format!("#{}", event.number)),
                Inline::Text(format!(" {} · ", event.title)),
                format::inline(
                    ctx.bot.i18n(),
                    ctx.locale,
                    o.starts_at,
                    ctx.inv.now_ms,
                    &zone,
                ),
                Inline::Text(" · ".into()),
            ];
            line.extend(
                ctx.t(
                    private,
                    &Msg::new("event-list-going")
                        .num("going", *going)
                        .num("capacity", event.capacity.unwrap_or(0)),
                ),
            );
            line
        })
        .collect();
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("event-list-title").num("count", items.len() as i64),
    );
    Ok(Reply::new(private, Tone::Info).title(title).list(items))
}

/// Pings everyone who answered the given occurrences (for a change or a cancellation).
async fn answered(
    conn: &mut AnyConnection,
    event: &Event,
    occurrences: &[i64],
    except: &str,
) -> Result<Vec<(UserId, String)>> {
    Ok(repo::list_people_answered(conn, event.id, occurrences)
        .await
        .internal("listing who answered")?
        .into_iter()
        .filter(|(id, _)| id != except)
        .filter_map(|(id, name)| UserId::from_key(&id).map(|u| (u, name)))
        .collect())
}

/// The occurrences ahead (their keys), for notifying who answered them.
fn ahead(ctx: &Ctx<'_>, event: &Event, exceptions: &[Exception]) -> Vec<i64> {
    model::occurrences_from(event, exceptions, ctx.inv.now_ms - event.duration_ms, 20)
        .into_iter()
        .map(|o| o.key)
        .collect()
}

/// An edit worked out from the event as locked: the event as it becomes, its exceptions,
/// and (from, to) when the answers follow a series to its new time.
struct Edited {
    event: Event,
    exceptions: Vec<Exception>,
    moved: Option<(i64, i64)>,
}

/// Applies `changes` to `before` (no database work: it runs under the event's lock).
fn apply_changes(
    ctx: &Ctx<'_>,
    zone: &Zone,
    before: &Event,
    mut exceptions: Vec<Exception>,
    changes: &EventChanges,
) -> Result<Edited> {
    let now = ctx.inv.now_ms;
    let mut event = before.clone();
    let upcoming = model::upcoming(before, &exceptions, now);
    let mut moved: Option<(i64, i64)> = None;
    if changes.only_next {
        let nothing_else = changes.title.is_none()
            && changes.duration.is_none()
            && changes.place.is_none()
            && changes.capacity.is_none()
            && changes.rsvp_by.is_none()
            && changes.remind.is_none();
        let (Some(when), true, true) = (&changes.when, before.rrule.is_some(), nothing_else) else {
            return Err(Msg::new("event-only-next")
                .code(
                    "example",
                    format!(
                        "event edit {} --when \"saturday 19:00\" --only-next",
                        before.number
                    ),
                )
                .into());
        };
        let occurrence = next_occurrence(ctx, before, &exceptions)?;
        let at = read_instant(ctx, zone, when)?;
        exceptions.retain(|e| e.occurrence != occurrence.key);
        exceptions.push(Exception {
            occurrence: occurrence.key,
            starts_at: at,
            status: EventStatus::Scheduled,
        });
    } else if let Some(when) = &changes.when {
        match (ctx.read_when(zone, when)?, before.rrule.is_some()) {
            (When::Once(at), false) => event.starts_at = at.timestamp().as_millisecond(),
            (When::Repeat { rule, first }, _) => {
                event.starts_at = first.timestamp().as_millisecond();
                event.rrule = Some(rule.to_rrule());
                event.zone = zone.name().to_owned();
                exceptions.clear();
                let from = upcoming.map_or(0, |o| o.key);
                let to = model::upcoming(&event, &[], now).map_or(0, |o| o.key);
                moved = Some((from, to));
            }
            (When::Once(_), true) => {
                return Err(Msg::new("event-series-needs-repeat")
                    .code(
                        "example",
                        format!("event edit {} --when \"every friday 19:00\"", before.number),
                    )
                    .into());
            }
        }
    }
    if let Some(title) = &changes.title {
        event.title = model::title(title)?;
    }
    if let Some(text) = &changes.duration {
        event.duration_ms = read_duration(text)?;
    }
    if let Some(text) = &changes.place {
        event.location = read_place(text)?;
    }
    if let Some(capacity) = changes.capacity {
        event.capacity = Some(capacity);
    }
    if let Some(text) = &changes.rsvp_by {
        event.rsvp_close_ms = Some(read_rsvp_by(ctx, zone, text, event.starts_at)?);
    }
    if let Some(text) = &changes.remind {
        event.reminders = model::store_reminders(&model::reminders(text)?);
    }
    Ok(Edited {
        event,
        exceptions,
        moved,
    })
}

/// Writes an edit inside the transaction that locked the event: the event, its
/// exceptions, moved answers, its reminders, and places for people waiting.
async fn store_edit(
    conn: &mut AnyConnection,
    edited: &Edited,
    only_next: bool,
    now: i64,
) -> anyhow::Result<()> {
    let Edited {
        event,
        exceptions,
        moved,
    } = edited;
    repo::update_event(conn, event, now).await?;
    if only_next {
        if let Some(e) = exceptions.last() {
            repo::upsert_exception(conn, event.id, e).await?;
        }
    } else if moved.is_some() {
        repo::delete_exceptions(conn, event.id).await?;
    }
    if let Some((from, to)) = *moved
        && from != to
    {
        repo::move_rsvps(conn, event.id, from, to).await?;
    }
    jobs::schedule_reminders(conn, event, exceptions, now).await?;
    // More places (or none limited): people waiting get them, with a ping each.
    if let Some(o) = model::upcoming(event, exceptions, now) {
        let mut rsvps = repo::list_rsvps(conn, event.id, o.key).await?;
        let promoted = promote(&mut rsvps, event.capacity);
        store_promoted(conn, event, o.key, &rsvps, &promoted, now).await?;
    }
    Ok(())
}

async fn edit(ctx: &Ctx<'_>, changes: EventChanges) -> Result<Reply> {
    let zone = ctx.zone().await;
    let mut conn = acquire(ctx.store()).await?;
    let found = find(ctx, &mut conn, changes.event).await?;
    drop(conn);
    let now = ctx.inv.now_ms;
    // Everything is decided on the event as locked: an edit racing a cancellation or
    // another edit never writes back what it read before the other committed.
    let mut tx = begin(ctx.store()).await?;
    let before = locked(&mut tx, &found).await?;
    ensure_organiser(ctx, &before)?;
    ensure_scheduled(&before)?;
    let exceptions = repo::list_exceptions(&mut tx, before.id)
        .await
        .internal("reading an event's changes")?;
    let edited = apply_changes(ctx, &zone, &before, exceptions, &changes)?;
    store_edit(&mut tx, &edited, changes.only_next, now)
        .await
        .context("storing an event change")?;
    tx.commit().await.internal("committing an event change")?;
    let Edited {
        event, exceptions, ..
    } = edited;
    ctx.bot.wake_scheduler();
    changed(ctx, &event);
    let mut conn = acquire(ctx.store()).await?;
    let people = answered(
        &mut conn,
        &event,
        &ahead(ctx, &event, &exceptions),
        &ctx.actor_key(),
    )
    .await?;
    let (group, occurrence, rsvps) = card::load(&mut conn, &event, now)
        .await
        .context("reading an event")?;
    drop(conn);
    let space_zone = ctx.bot.zone_of_space(&ctx.inv.space).await;
    let reader = public_reader(ctx, &space_zone);
    let mut reply = card::card(
        &reader,
        &event,
        group.as_deref(),
        occurrence,
        &rsvps,
        Visibility::Public,
    );
    reply.anchor = None;
    let what = Msg::new("event-changed")
        .strong("actor", &ctx.inv.actor.display_name)
        .num("number", event.number)
        .select("scope", if changes.only_next { "next" } else { "all" });
    reply.blocks.insert(
        0,
        crate::reply::Block::Paragraph(ctx.t(Visibility::Public, &what)),
    );
    Ok(reply.ping(people))
}

async fn cancel(ctx: &Ctx<'_>, event: EventRef, only_next: bool) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let found = find(ctx, &mut conn, event).await?;
    drop(conn);
    let now = ctx.inv.now_ms;
    // Decided on the event as locked, and the people told are read under the same lock:
    // everyone whose answer was confirmed before the cancellation hears of it, and no
    // answer is taken after it.
    let mut tx = begin(ctx.store()).await?;
    let mut event = locked(&mut tx, &found).await?;
    ensure_organiser(ctx, &event)?;
    ensure_scheduled(&event)?;
    let mut exceptions = repo::list_exceptions(&mut tx, event.id)
        .await
        .internal("reading an event's changes")?;
    let (notify, starts_at): (Vec<i64>, Option<i64>) = if only_next {
        if event.rrule.is_none() {
            return Err(Msg::new("event-only-next-series")
                .num("number", event.number)
                .into());
        }
        let occurrence = next_occurrence(ctx, &event, &exceptions)?;
        exceptions.retain(|e| e.occurrence != occurrence.key);
        exceptions.push(Exception {
            occurrence: occurrence.key,
            starts_at: occurrence.starts_at,
            status: EventStatus::Cancelled,
        });
        (vec![occurrence.key], Some(occurrence.starts_at))
    } else {
        let keys = ahead(ctx, &event, &exceptions);
        event.status = EventStatus::Cancelled;
        (keys, None)
    };
    let people = answered(&mut tx, &event, &notify, &ctx.actor_key()).await?;
    let result: anyhow::Result<()> = async {
        repo::update_event(&mut tx, &event, now).await?;
        if let Some(e) = exceptions.last().filter(|_| only_next) {
            repo::upsert_exception(&mut tx, event.id, e).await?;
        }
        jobs::schedule_reminders(&mut tx, &event, &exceptions, now).await?;
        Ok(())
    }
    .await;
    result.context("cancelling an event")?;
    tx.commit().await.internal("committing a cancellation")?;
    ctx.bot.wake_scheduler();
    changed(ctx, &event);
    let public = Visibility::Public;
    let space_zone = ctx.bot.zone_of_space(&ctx.inv.space).await;
    let mut line = ctx.t(
        public,
        &Msg::new("event-cancelled-by")
            .strong("actor", &ctx.inv.actor.display_name)
            .num("number", event.number)
            .strong("title", &event.title)
            .select("scope", if only_next { "next" } else { "all" }),
    );
    if let Some(at) = starts_at {
        line.push(Inline::Text(" ".into()));
        line.push(format::inline(
            ctx.bot.i18n(),
            ctx.space_locale,
            at,
            now,
            &space_zone,
        ));
    }
    Ok(Reply::new(public, Tone::Warning)
        .paragraph(line)
        .ping(people))
}

async fn mute(ctx: &Ctx<'_>, event: Option<EventRef>, all: bool, on: bool) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let (event_id, msg) = match (event, all) {
        (_, true) => (
            0,
            Msg::new("event-muted-all").select("on", if on { "yes" } else { "no" }),
        ),
        (Some(event), false) => {
            let event = find(ctx, &mut conn, event).await?;
            (
                event.id,
                Msg::new("event-muted")
                    .num("number", event.number)
                    .strong("title", &event.title)
                    .select("on", if on { "yes" } else { "no" }),
            )
        }
        (None, false) => {
            return Err(Msg::new("event-mute-what")
                .code("one", "event mute 3")
                .code("all", "event mute --all")
                .into());
        }
    };
    let space = ctx.space_key();
    let me = ctx.actor_key();
    if on {
        settings_repo::ensure_space(&mut conn, &space, ctx.inv.now_ms)
            .await
            .internal("recording the space")?;
        repo::insert_mute(&mut conn, &space, event_id, &me)
            .await
            .internal("muting reminders")?;
    } else {
        repo::delete_mute(&mut conn, &space, event_id, &me)
            .await
            .internal("unmuting reminders")?;
    }
    Ok(ctx.say(Visibility::Private, Tone::Success, &msg))
}

async fn ics(ctx: &Ctx<'_>, event: Option<EventRef>, group: Option<GroupRef>) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let (events, name) = match (event, &group) {
        (Some(event), _) => {
            let event = find(ctx, &mut conn, event).await?;
            let name = format!("event-{}.ics", event.number);
            (vec![event], name)
        }
        (None, Some(group)) => {
            let group = groups::find_group(ctx, &mut conn, group).await?;
            let events = repo::list_events(
                &mut conn,
                &ctx.space_key(),
                Some(group.id),
                false,
                SCAN_LIMIT,
            )
            .await
            .internal("listing events")?;
            (events, format!("events-{}.ics", file_safe(&group.name)))
        }
        (None, None) => {
            let events = repo::list_events(&mut conn, &ctx.space_key(), None, false, SCAN_LIMIT)
                .await
                .internal("listing events")?;
            (events, "events.ics".to_owned())
        }
    };
    let mut with_exceptions = Vec::new();
    for event in events {
        let exceptions = repo::list_exceptions(&mut conn, event.id)
            .await
            .internal("reading an event's changes")?;
        with_exceptions.push((event, exceptions));
    }
    drop(conn);
    let calendar = super::ics::calendar(&with_exceptions);
    let msg = Msg::new("event-ics")
        .num("count", with_exceptions.len() as i64)
        .text("file", &name);
    let mut reply = ctx.say(Visibility::Private, Tone::Success, &msg);
    reply.attachments.push(Attachment {
        name,
        content_type: "text/calendar".into(),
        data: calendar.into_bytes(),
    });
    Ok(reply)
}

/// A group name as part of a file name.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
