//! Upvote reactions on an idea's card (Matrix: 👍 ➕ ⬆), and taking them back.
//!
//! A reaction upvotes like a click ([`react`]) and is remembered while the upvote is its
//! doing (`idea_reactions`). Taken back ([`withdraw_reaction`]: redacted by the person or
//! by a moderator), it withdraws the upvote once no other upvote reaction of that person
//! stands on the card. An upvote typed or clicked stands on its own, before or after
//! reactions. A done or declined idea keeps its count: it takes no upvotes, and loses none.

use anyhow::Context as _;

use super::board::{Reacted, vote_via};
use super::card::is_settled;
use crate::bot::{Bot, Ctx};
use crate::error::Result;
use crate::features::ideas::{IdeaRef, repo};
use crate::identity::SpaceId;
use crate::reply::{Anchor, Reply};
use crate::vocab::AnchorKind;

/// The actor's upvote reaction `id` (received by the platform at `at`) on the card of
/// idea `idea`.
pub(crate) async fn react(ctx: &Ctx<'_>, idea: i64, id: &str, at: i64) -> Result<Reply> {
    vote_via(ctx, IdeaRef::Id(idea), Some(true), Some(Reacted { id, at })).await
}

/// The reaction `reaction_id` of `space` was taken back: if it upvoted an idea, the
/// upvote is withdrawn (see the module). `false`: kumpul had not acted on it.
pub(crate) async fn withdraw_reaction(
    bot: &Bot,
    space: &SpaceId,
    reaction_id: &str,
    only_of: Option<&str>,
) -> anyhow::Result<bool> {
    let space_key = space.key();
    let mut conn = bot.store().pool().acquire().await?;
    let found = repo::fetch_idea_reaction(&mut conn, &space_key, reaction_id)
        .await
        .context("looking up a reaction")?;
    drop(conn);
    let Some((idea_id, user_id)) = found else {
        return Ok(false);
    };
    if only_of.is_some_and(|by| by != user_id) {
        return Ok(false); // someone else's reaction: not theirs to take back
    }
    let mut tx = bot.store().pool().begin().await?;
    let Some(status) = repo::lock_idea(&mut tx, bot.store().backend(), idea_id, true)
        .await
        .context("locking an idea")?
    else {
        return Ok(false);
    };
    if !repo::delete_idea_reaction(&mut tx, &space_key, reaction_id)
        .await
        .context("forgetting a reaction")?
    {
        return Ok(false); // taken back twice at once: the other withdrawal decides
    }
    let others = repo::count_idea_reactions_of(&mut tx, idea_id, &user_id)
        .await
        .context("counting a person's reactions")?;
    let withdrawn = others == 0 && !is_settled(status);
    if withdrawn {
        repo::set_vote(&mut tx, idea_id, &user_id, false, 0)
            .await
            .context("withdrawing an upvote")?;
    }
    tx.commit().await.context("committing a withdrawn upvote")?;
    if withdrawn {
        bot.live().touch(Anchor {
            kind: AnchorKind::Idea,
            id: idea_id,
        });
    }
    Ok(true)
}
