//! `rsvp`: one person's answer to the next occurrence, decided against the capacity as
//! it is under the event's lock — typed, clicked, or given by a reaction on the event's
//! card, which is remembered so that taking it back withdraws it ([`super::reactions`]).

use anyhow::Context as _;
use sqlx::AnyConnection;

use super::waitlist::{promote, store_promoted};
use super::{changed, ensure_scheduled, find, locked, next_occurrence, read_exceptions};
use crate::bot::{Ctx, acquire, begin};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::events::EventRef;
use crate::features::events::card;
use crate::features::events::model::{Answer, Occurrence, Standing};
use crate::features::events::repo::{self, Event, EventReaction, Rsvp};
use crate::i18n::Msg;
use crate::reply::{Reply, Tone, Visibility};

/// Where an answer comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Via<'a> {
    /// Typed or clicked: it stands on its own, and the person's earlier reactions to the
    /// event no longer count (taking one back changes nothing).
    Typed,
    /// A reaction on the event's card (its platform id, and when the platform received
    /// it): remembered, so that taking it back withdraws it.
    Reaction { id: &'a str, at: i64 },
}

/// Someone answering an occurrence: their key and the name shown with their answer.
pub(super) struct Person<'a> {
    pub key: &'a str,
    pub name: &'a str,
}

/// What becomes of one person's answer.
pub(super) enum Change {
    /// This answer, as [`decide`] placed it.
    Answer(Rsvp),
    /// No answer any more (their reaction was taken back): their place frees.
    Withdraw(String),
}

pub(super) async fn rsvp(
    ctx: &Ctx<'_>,
    event: EventRef,
    answer: Answer,
    guests: i64,
) -> Result<Reply> {
    answer_via(ctx, event, answer, guests, Via::Typed).await
}

/// An answer, from wherever it comes ([`Via`]).
pub(crate) async fn answer_via(
    ctx: &Ctx<'_>,
    event: EventRef,
    answer: Answer,
    guests: i64,
    via: Via<'_>,
) -> Result<Reply> {
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
    let occurrence = open_occurrence(ctx, &mut tx, &event).await?;
    let mut rsvps = repo::list_rsvps(&mut tx, event.id, occurrence.key)
        .await
        .internal("reading answers")?;
    let person = Person {
        key: &me,
        name: &ctx.inv.actor.display_name,
    };
    let mine = decide(&event, &rsvps, &person, answer, guests, now);
    let before = rsvps.iter().find(|r| r.user_id == me);
    remember(&mut tx, ctx, &event, occurrence.key, before, answer, via)
        .await
        .context("remembering a reaction")?;
    let promoted = settle(
        &mut tx,
        &event,
        occurrence.key,
        &mut rsvps,
        Change::Answer(mine.clone()),
        now,
    )
    .await
    .context("storing an answer")?;
    tx.commit().await.internal("committing an answer")?;
    changed(ctx, &event);
    if !promoted.is_empty() {
        ctx.bot.wake_scheduler();
    }
    Ok(answer_reply(ctx, &event, &rsvps, &mine))
}

/// Writes `change` to the answers of `occurrence` (`rsvps`, read under the event's lock
/// in this transaction, and updated to match) and moves people up from the waitlist into
/// the places that frees — in the same write, so the capacity holds. Returns who moved up
/// (their pings are scheduled here too).
pub(super) async fn settle(
    conn: &mut AnyConnection,
    event: &Event,
    occurrence: i64,
    rsvps: &mut Vec<Rsvp>,
    change: Change,
    now: i64,
) -> anyhow::Result<Vec<String>> {
    match &change {
        Change::Answer(mine) => match rsvps.iter_mut().find(|r| r.user_id == mine.user_id) {
            Some(r) => *r = mine.clone(),
            None => rsvps.push(mine.clone()),
        },
        Change::Withdraw(user) => rsvps.retain(|r| &r.user_id != user),
    }
    let promoted = promote(rsvps, event.capacity);
    match &change {
        Change::Answer(mine) => repo::upsert_rsvp(conn, event.id, occurrence, mine, now).await?,
        Change::Withdraw(user) => repo::delete_rsvp(conn, event.id, occurrence, user).await?,
    }
    store_promoted(conn, event, occurrence, rsvps, &promoted, now)
        .await
        .context("promoting from the waitlist")?;
    Ok(promoted)
}

/// What an answer leaves of the person's reactions to the event: a typed one forgets
/// them all; a reaction is remembered with the answer it stands on (the typed answer
/// under their first standing reaction), and reactions to earlier dates of a series are
/// forgotten.
async fn remember(
    conn: &mut AnyConnection,
    ctx: &Ctx<'_>,
    event: &Event,
    occurrence: i64,
    before: Option<&Rsvp>,
    answer: Answer,
    via: Via<'_>,
) -> anyhow::Result<()> {
    let me = ctx.actor_key();
    let Via::Reaction { id, at } = via else {
        repo::delete_event_reactions_of(conn, event.id, &me, None).await?;
        return Ok(());
    };
    repo::delete_event_reactions_of(conn, event.id, &me, Some(occurrence)).await?;
    let standing = repo::list_event_reactions_of(conn, event.id, occurrence, &me).await?;
    let typed = match standing.first() {
        Some(latest) => latest.typed,
        // No reaction of theirs stands: what they have now, they typed or clicked.
        None => before.map(|b| (b.answer.answer(), b.guests)),
    };
    // Reactions are handled in the order of the room, so the one handled last is the
    // latest even when the homeserver gave two the same millisecond.
    let reacted_at = standing
        .first()
        .map_or(at, |latest| at.max(latest.reacted_at + 1));
    let reaction = EventReaction {
        space_id: ctx.space_key(),
        reaction_id: id.to_owned(),
        event_id: event.id,
        occurrence,
        user_id: me,
        answer,
        reacted_at,
        typed,
    };
    repo::insert_event_reaction(conn, &reaction).await?;
    Ok(())
}

/// The occurrence an answer is for, while it still takes answers (before its RSVP
/// deadline).
async fn open_occurrence(
    ctx: &Ctx<'_>,
    conn: &mut AnyConnection,
    event: &Event,
) -> Result<Occurrence> {
    let exceptions = read_exceptions(conn, event.id).await?;
    let occurrence = next_occurrence(ctx, event, &exceptions)?;
    let closes_at = occurrence.starts_at - event.rsvp_close_ms.unwrap_or(0);
    if ctx.inv.now_ms >= closes_at {
        return Err(Msg::new("event-rsvp-closed")
            .num("number", event.number)
            .into());
    }
    Ok(occurrence)
}

/// The person's answer as it stands against the others': going while the places last
/// (counting guests), otherwise on the waitlist.
pub(super) fn decide(
    event: &Event,
    rsvps: &[Rsvp],
    person: &Person<'_>,
    answer: Answer,
    guests: i64,
    now: i64,
) -> Rsvp {
    let before = rsvps.iter().find(|r| r.user_id == person.key).cloned();
    let others_taken = card::taken(rsvps)
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
    Rsvp {
        user_id: person.key.to_owned(),
        display_name: person.name.to_owned(),
        answer: standing,
        guests,
        queued_at,
    }
}

/// What the actor is told: their answer (and place in line), and how to take it back.
fn answer_reply(ctx: &Ctx<'_>, event: &Event, rsvps: &[Rsvp], mine: &Rsvp) -> Reply {
    let position = rsvps
        .iter()
        .filter(|r| r.answer == Standing::Waitlist)
        .position(|r| r.user_id == mine.user_id)
        .map_or(0, |p| p as i64 + 1);
    let msg = Msg::new("event-answered")
        .num("number", event.number)
        .strong("title", &event.title)
        .select("answer", mine.answer.code())
        .num("guests", mine.guests)
        .num("position", position);
    let mut reply = ctx.say(Visibility::Private, Tone::Success, &msg);
    let no = Typed::new(&["rsvp"])
        .value(event.number)
        .choice("answer", Answer::No.code());
    let hint = Msg::new("event-answer-hint").typed("command", no);
    if mine.answer != Standing::No {
        reply = reply.paragraph(ctx.t(Visibility::Private, &hint));
    }
    reply
}
