//! What each event command does.
//!
//! [`execute`] hands each command to its module: `create`, `edit`, `cancel`, `rsvp`,
//! `view` (`event info`, `event list`), `mute` and `calendar` (`event ics`); `reactions`
//! answers by reaction and takes them back. What several
//! of them share stays here: finding and locking the event a command names, the checks
//! made on it, and who to tell of a change. `options` reads the options `create` and
//! `edit` share; `waitlist` moves people up when places free.

mod calendar;
mod cancel;
mod create;
mod edit;
mod mute;
mod notice;
mod options;
mod places;
mod reactions;
mod rsvp;
mod view;
mod waitlist;

use anyhow::Context as _;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection};

use super::card;
use super::model::{self, Occurrence};
use super::repo::{self, Event, Exception, Rsvp};
use super::{EventCommand, EventRef};
use crate::bot::Ctx;
use crate::error::{Error, Internal, Result};
use crate::features::groups::model::Group;
use crate::features::groups::{self, GroupRef};
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::reply::{Anchor, Block, Inline, Reply, Visibility};
use crate::time::{Zone, format};
use calendar::ics;
use cancel::cancel;
use create::create;
use edit::edit;
use mute::mute;
pub(crate) use reactions::{react, withdraw_reaction};
use rsvp::rsvp;
use view::{info, list};

/// Events a calendar file looks at (the newest).
const SCAN_LIMIT: i64 = 200;

/// Events `event list` looks at: those that may still have a date ahead, at most this
/// many — well above the upcoming events a space may have (`limits.events_per_space`).
const UPCOMING_SCAN_LIMIT: i64 = 5_000;

/// Runs one event command for the actor of `ctx`.
pub async fn execute(ctx: &Ctx<'_>, command: EventCommand) -> Result<Reply> {
    match command {
        EventCommand::Create(new) => create(ctx, *new).await,
        EventCommand::Edit(changes) => edit(ctx, *changes).await,
        EventCommand::Cancel { event, only_next } => cancel(ctx, event, only_next).await,
        EventCommand::List { group, page } => list(ctx, group, page).await,
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

/// The event's card as a reply of this visibility: in the space's language and zone when
/// it is posted for everyone, in the actor's when only they see it.
async fn card_for(
    ctx: &Ctx<'_>,
    visibility: Visibility,
    event: &Event,
    group: Option<&str>,
    occurrence: Option<Occurrence>,
    rsvps: &[Rsvp],
) -> Reply {
    let reader = ctx.reader(visibility).await;
    card::card(&reader, event, group, occurrence, rsvps, visibility)
}

/// The event's card as it is now, as an answer rather than the live message (no anchor),
/// and the occurrence it shows. The connection goes back to the pool before the card is
/// rendered.
async fn answer_card(
    ctx: &Ctx<'_>,
    mut conn: PoolConnection<Any>,
    visibility: Visibility,
    event: &Event,
) -> Result<(Reply, Option<Occurrence>)> {
    let (group, occurrence, rsvps) = card::load(&mut conn, event, ctx.inv.now_ms)
        .await
        .context("reading an event")?;
    drop(conn);
    let mut reply = card_for(ctx, visibility, event, group.as_deref(), occurrence, &rsvps).await;
    reply.untrack();
    Ok((reply, occurrence))
}

/// Puts `header` (who did what, for everyone) above a public card.
fn announce(ctx: &Ctx<'_>, reply: &mut Reply, header: &Msg) {
    reply
        .blocks
        .insert(0, Block::Paragraph(ctx.t(Visibility::Public, header)));
}

/// A moment as a reply of this visibility shows it, read in `zone` from the moment of the
/// command.
fn time(ctx: &Ctx<'_>, visibility: Visibility, at: i64, zone: &Zone) -> Inline {
    format::inline(
        ctx.bot.i18n(),
        ctx.locale_for(visibility),
        at,
        ctx.inv.now_ms,
        zone,
    )
}

/// The user error for an event that is not there: its number, and where to see those that
/// are.
fn not_found(number: i64) -> Error {
    crate::items::not_found::<Event>(number)
}

async fn find(ctx: &Ctx<'_>, conn: &mut AnyConnection, event: EventRef) -> Result<Event> {
    crate::items::find(ctx, conn, event).await
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
        .ok_or_else(|| not_found(found.number))
}

/// The event's dates that were moved or cancelled on their own.
async fn read_exceptions(conn: &mut AnyConnection, event_id: i64) -> Result<Vec<Exception>> {
    repo::list_exceptions(conn, event_id)
        .await
        .internal("reading an event's changes")
}

/// The events a list or a calendar looks at: the space's, or the group's if one is named
/// (with the group); with `upcoming_only`, the scheduled ones that may still have a date
/// ahead (however many ended before them), else the newest of every status.
async fn scan_events(
    ctx: &Ctx<'_>,
    conn: &mut AnyConnection,
    group: Option<&GroupRef>,
    upcoming_only: bool,
) -> Result<(Option<Group>, Vec<Event>)> {
    let group = match group {
        Some(g) => Some(groups::find_group(ctx, conn, g).await?),
        None => None,
    };
    let events = repo::list_events(
        conn,
        &ctx.space_key(),
        group.as_ref().map(|g| g.id),
        upcoming_only,
        upcoming_only.then_some(ctx.inv.now_ms),
        if upcoming_only {
            UPCOMING_SCAN_LIMIT
        } else {
            SCAN_LIMIT
        },
    )
    .await
    .internal("listing events")?;
    Ok((group, events))
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
