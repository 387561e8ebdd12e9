//! Reactions on an event's card as answers (Matrix: ✅ ❔ ❌), and taking them back.
//!
//! A reaction answers like a click ([`react`]), and is remembered (`event_reactions`). A
//! reaction taken back ([`withdraw_reaction`]: redacted by the person or by a moderator)
//! leaves the person with the answer of their latest reaction still standing, so the
//! count agrees with the reactions the room shows; with none left, with the answer they
//! had typed or clicked before reacting, or with no answer at all — which frees their
//! place, and the waitlist moves up as when someone answers no. An answer typed or
//! clicked after a reaction stands on its own: taking an older reaction back changes
//! nothing. Withdrawing is not a "no": the card shows the counts that result, and
//! nobody is told.

use anyhow::Context as _;

use super::rsvp::{Change, Person, Via, answer_via, decide, settle};
use crate::bot::{Bot, Ctx};
use crate::error::Result;
use crate::features::events::EventRef;
use crate::features::events::model::{self, Answer};
use crate::features::events::repo::{self, Event};
use crate::identity::SpaceId;
use crate::reply::{Anchor, Reply};
use crate::vocab::AnchorKind;

/// The actor's reaction `id` (received by the platform at `at`) on the card of event
/// `event`: their answer, remembered so that taking the reaction back withdraws it.
pub(crate) async fn react(
    ctx: &Ctx<'_>,
    event: i64,
    answer: Answer,
    id: &str,
    at: i64,
) -> Result<Reply> {
    answer_via(
        ctx,
        EventRef::Id(event),
        answer,
        0,
        Via::Reaction { id, at },
    )
    .await
}

/// The reaction `reaction_id` of `space` was taken back: if it answered an event, the
/// answer it gave is withdrawn (see the module). `false`: kumpul had not acted on it (or
/// no longer remembers it).
pub(crate) async fn withdraw_reaction(
    bot: &Bot,
    space: &SpaceId,
    reaction_id: &str,
    only_of: Option<&str>,
    now: i64,
) -> anyhow::Result<bool> {
    let space_key = space.key();
    let mut conn = bot.store().pool().acquire().await?;
    let found = repo::fetch_event_reaction(&mut conn, &space_key, reaction_id)
        .await
        .context("looking up a reaction")?;
    drop(conn);
    let Some(found) = found else {
        return Ok(false);
    };
    if only_of.is_some_and(|by| by != found.user_id) {
        return Ok(false); // someone else's reaction: not theirs to take back
    }
    // The event's lock first, as for any answer: what follows is decided on the answers
    // and reactions as they are, one change at a time.
    let mut tx = bot.store().pool().begin().await?;
    let Some(event) = repo::lock_event(&mut tx, found.event_id)
        .await
        .context("locking an event")?
    else {
        return Ok(false);
    };
    let standing =
        repo::list_event_reactions_of(&mut tx, event.id, found.occurrence, &found.user_id)
            .await
            .context("reading a person's reactions")?;
    if !repo::delete_event_reaction(&mut tx, &space_key, reaction_id)
        .await
        .context("forgetting a reaction")?
    {
        return Ok(false); // taken back twice at once: the other withdrawal decides
    }
    // Only the latest standing reaction gave the answer the person has now; an older one
    // taken back leaves it as it is. Answers to a date no longer open stay as they were.
    let gave_answer = standing
        .first()
        .is_some_and(|latest| latest.reaction_id == reaction_id);
    let exceptions = repo::list_exceptions(&mut tx, event.id)
        .await
        .context("reading an event's changes")?;
    if !gave_answer || answerable(&event, &exceptions, now) != Some(found.occurrence) {
        tx.commit()
            .await
            .context("committing a forgotten reaction")?;
        return Ok(true);
    }
    let mut rsvps = repo::list_rsvps(&mut tx, event.id, found.occurrence)
        .await
        .context("reading answers")?;
    let Some(name) = rsvps
        .iter()
        .find(|r| r.user_id == found.user_id)
        .map(|r| r.display_name.clone())
    else {
        // No answer to withdraw (the date's answers moved with the series).
        tx.commit()
            .await
            .context("committing a forgotten reaction")?;
        return Ok(true);
    };
    let person = Person {
        key: &found.user_id,
        name: &name,
    };
    let remaining = standing
        .iter()
        .find(|r| r.reaction_id != reaction_id)
        .map(|r| (r.answer, 0))
        .or(found.typed);
    let change = match remaining {
        Some((answer, guests)) => {
            Change::Answer(decide(&event, &rsvps, &person, answer, guests, now))
        }
        None => Change::Withdraw(found.user_id.clone()),
    };
    let promoted = settle(&mut tx, &event, found.occurrence, &mut rsvps, change, now).await?;
    tx.commit().await.context("committing a withdrawn answer")?;
    bot.live().touch(Anchor {
        kind: AnchorKind::Event,
        id: event.id,
    });
    if !promoted.is_empty() {
        bot.wake_scheduler();
    }
    Ok(true)
}

/// The occurrence that takes answers now (scheduled, not over, before its RSVP
/// deadline), if any.
fn answerable(event: &Event, exceptions: &[repo::Exception], now: i64) -> Option<i64> {
    if !event.is_scheduled() {
        return None;
    }
    let occurrence = model::upcoming(event, exceptions, now)?;
    let closes_at = occurrence.starts_at - event.rsvp_close_ms.unwrap_or(0);
    (now < closes_at).then_some(occurrence.key)
}
