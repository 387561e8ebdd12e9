//! `rsvp`: one person's answer to the next occurrence, decided against the capacity as
//! it is under the event's lock.

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
use crate::features::events::repo::{self, Event, Rsvp};
use crate::i18n::Msg;
use crate::reply::{Reply, Tone, Visibility};

pub(super) async fn rsvp(
    ctx: &Ctx<'_>,
    event: EventRef,
    answer: Answer,
    guests: i64,
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
    let mine = decide(ctx, &event, &rsvps, answer, guests);
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
    Ok(answer_reply(ctx, &event, &rsvps, &mine))
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

/// The actor's answer as it stands against the others': going while the places last
/// (counting guests), otherwise on the waitlist.
fn decide(ctx: &Ctx<'_>, event: &Event, rsvps: &[Rsvp], answer: Answer, guests: i64) -> Rsvp {
    let me = ctx.actor_key();
    let before = rsvps.iter().find(|r| r.user_id == me).cloned();
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
        _ => ctx.inv.now_ms,
    };
    Rsvp {
        user_id: me.clone(),
        display_name: ctx.inv.actor.display_name.clone(),
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
