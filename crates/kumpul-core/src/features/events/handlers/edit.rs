//! `event edit`: changes worked out on the event as locked ([`apply_changes`]), then
//! stored with their reminders and moved answers, and everyone who answered is told.

use anyhow::Context as _;
use sqlx::AnyConnection;

use super::options::{read_duration, read_instant, read_place, read_rsvp_by};
use super::waitlist::{promote, store_promoted};
use super::{
    ahead, announce, answer_card, answered, changed, ensure_organiser, ensure_scheduled, find,
    locked, next_occurrence, read_exceptions,
};
use super::{notice, places};
use crate::bot::{Ctx, acquire, begin};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::events::model::{self, EventStatus};
use crate::features::events::repo::{self, Event, Exception};
use crate::features::events::{EventChanges, jobs, roll};
use crate::i18n::Msg;
use crate::limits::{self, Kind};
use crate::reply::{Block, Reply, Tone, Visibility};
use crate::time::Zone;
use crate::time::parse::When;

/// An edit worked out from the event as locked: the event as it becomes, its exceptions,
/// and (from, to) when the answers follow a series to its new time.
struct Edited {
    event: Event,
    exceptions: Vec<Exception>,
    moved: Option<(i64, i64)>,
}

pub(super) async fn edit(ctx: &Ctx<'_>, changes: EventChanges) -> Result<Reply> {
    let zone = ctx.zone().await;
    let reader = ctx.reader(Visibility::Public).await;
    let mut conn = acquire(ctx.store()).await?;
    let found = find(ctx, &mut conn, changes.event).await?;
    drop(conn);
    let now = ctx.inv.now_ms;
    // Everything is decided on the event as locked: an edit racing a cancellation, an
    // answer or another edit never writes back what it read before the other committed.
    let mut tx = begin(ctx.store()).await?;
    let before = locked(&mut tx, &found).await?;
    ensure_organiser(ctx, &before)?;
    ensure_scheduled(&before)?;
    let exceptions = read_exceptions(&mut tx, before.id).await?;
    let before_next = model::upcoming(&before, &exceptions, now);
    let edited = apply_changes(ctx, &zone, &before, exceptions.clone(), &changes)?;
    let after_next = model::upcoming(&edited.event, &edited.exceptions, now);
    let what = notice::changes(&reader, (&before, before_next), (&edited.event, after_next));
    if what.is_empty() {
        // Nothing to store and nobody to tell (the transaction ends unwritten).
        let msg = Msg::new("event-unchanged").num("number", before.number);
        return Ok(ctx.say(Visibility::Private, Tone::Info, &msg));
    }
    places::ensure_fit(ctx, &mut tx, &before, &exceptions, &edited.event).await?;
    // An event that was over and is moved ahead counts toward the limits again, checked
    // as `event create` checks them (the space locked, then counted).
    if before_next.is_none() && after_next.is_some() {
        let limits = &ctx.bot.config().limits;
        let (space, creator) = (&before.space_id, &before.creator_id);
        let refused = limits::check_room(&mut tx, limits, Kind::Events, space, creator, now)
            .await
            .internal("counting upcoming events")?;
        if let Some(refused) = refused {
            return Err(refused.into());
        }
    }
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
    let (mut reply, _) = answer_card(ctx, conn, Visibility::Public, &event).await?;
    let header = Msg::new("event-changed")
        .strong("actor", &ctx.inv.actor.display_name)
        .num("number", event.number)
        .select("scope", if changes.only_next { "next" } else { "all" });
    announce(ctx, &mut reply, &header);
    reply.blocks.insert(1, Block::List(what));
    // Only the people who answered are pinged, never anyone named in the changes.
    Ok(reply.ping(people))
}

/// Applies `changes` to `before` (no database work: it runs under the event's lock).
fn apply_changes(
    ctx: &Ctx<'_>,
    zone: &Zone,
    before: &Event,
    exceptions: Vec<Exception>,
    changes: &EventChanges,
) -> Result<Edited> {
    let mut edited = Edited {
        event: before.clone(),
        exceptions,
        moved: None,
    };
    if changes.only_next {
        move_next(ctx, zone, before, &mut edited.exceptions, changes)?;
    } else if let Some(when) = &changes.when {
        reschedule(ctx, zone, before, when, &mut edited)?;
    }
    apply_fields(ctx, zone, &mut edited.event, changes)?;
    Ok(edited)
}

/// `--only-next`: the next date of a series moves on its own, as an exception. It is a
/// new `--when` and nothing else.
fn move_next(
    ctx: &Ctx<'_>,
    zone: &Zone,
    before: &Event,
    exceptions: &mut Vec<Exception>,
    changes: &EventChanges,
) -> Result<()> {
    let nothing_else = changes.title.is_none()
        && changes.duration.is_none()
        && changes.place.is_none()
        && changes.capacity.is_none()
        && changes.rsvp_by.is_none()
        && changes.remind.is_none();
    let (Some(when), true, true) = (&changes.when, before.rrule.is_some(), nothing_else) else {
        let example = Typed::new(&["event", "edit"])
            .value(before.number)
            .named_example("when", Msg::new("sample-event-when"))
            .flag("only-next");
        return Err(Msg::new("event-only-next").typed("example", example).into());
    };
    let occurrence = next_occurrence(ctx, before, exceptions)?;
    let at = read_instant(ctx, zone, when)?;
    exceptions.retain(|e| e.occurrence != occurrence.key);
    exceptions.push(Exception {
        occurrence: occurrence.key,
        starts_at: at,
        status: EventStatus::Scheduled,
    });
    Ok(())
}

/// A new `--when` for the whole event: a single event moves; a series takes the new rule,
/// its own moved dates are dropped, and the answers of its next date follow it.
fn reschedule(
    ctx: &Ctx<'_>,
    zone: &Zone,
    before: &Event,
    when: &str,
    edited: &mut Edited,
) -> Result<()> {
    let now = ctx.inv.now_ms;
    let upcoming = model::upcoming(before, &edited.exceptions, now);
    match (ctx.read_when(zone, when)?, before.rrule.is_some()) {
        (When::Once(at), false) => edited.event.starts_at = at.timestamp().as_millisecond(),
        (When::Repeat { rule, first }, _) => {
            // The rule was typed in the editor's zone, so the series takes that zone:
            // converting the rule to the old zone could change its weekday or, across
            // DST, its hour, and the editor's reply would no longer match the series.
            let event = &mut edited.event;
            event.starts_at = first.timestamp().as_millisecond();
            event.rrule = Some(rule.to_rrule());
            event.zone = zone.name().to_owned();
            edited.exceptions.clear();
            let from = upcoming.map_or(0, |o| o.key);
            let to = model::upcoming(&edited.event, &[], now).map_or(0, |o| o.key);
            edited.moved = Some((from, to));
        }
        (When::Once(_), true) => {
            let example = Typed::new(&["event", "edit"])
                .value(before.number)
                .named_example("when", Msg::new("sample-event-repeat"));
            return Err(Msg::new("event-series-needs-repeat")
                .typed("example", example)
                .into());
        }
    }
    Ok(())
}

/// The other options: each one given replaces what the event had.
fn apply_fields(
    ctx: &Ctx<'_>,
    zone: &Zone,
    event: &mut Event,
    changes: &EventChanges,
) -> Result<()> {
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
        event.capacity = capacity;
    }
    if let Some(text) = &changes.rsvp_by {
        event.rsvp_close_ms = Some(read_rsvp_by(ctx, zone, text, event.starts_at)?);
    }
    if let Some(text) = &changes.remind {
        event.reminders = model::store_reminders(&model::reminders(text)?);
    }
    Ok(())
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
    roll::schedule_roll(conn, event, exceptions, now).await?;
    // More places (or none limited): people waiting get them, with a ping each.
    if let Some(o) = model::upcoming(event, exceptions, now) {
        let mut rsvps = repo::list_rsvps(conn, event.id, o.key).await?;
        let promoted = promote(&mut rsvps, event.capacity);
        store_promoted(conn, event, o.key, &rsvps, &promoted, now).await?;
    }
    Ok(())
}
