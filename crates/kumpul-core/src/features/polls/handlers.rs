//! What each poll command does, a module per role: [`create`], [`vote`] (with retract and
//! the ballot form), [`results`], [`close`] (shared with the deadline job), [`export`] and
//! [`list`] (with nudge). This file routes a command to its handler and holds the
//! look-ups and checks several of them share.

mod close;
mod create;
mod export;
mod list;
mod results;
mod vote;

pub use close::{close_now, deadline_announcement};

use super::model::VoterVisibility;
use super::repo::{self, Poll};
use super::secret::{self, Key};
use super::{PollCommand, PollRef};
use crate::bot::Ctx;
use crate::error::{Internal, Result};
use crate::features::groups;
use crate::i18n::Msg;
use crate::identity::Platform;
use crate::reply::Reply;

pub async fn execute(ctx: &Ctx<'_>, command: PollCommand) -> Result<Reply> {
    match command {
        PollCommand::Create(new) => create::create(ctx, *new).await,
        PollCommand::Vote { poll, ballot } => vote::vote(ctx, poll, &ballot).await,
        PollCommand::Retract(poll) => vote::retract(ctx, poll).await,
        PollCommand::Results(poll) => results::results(ctx, poll).await,
        PollCommand::Close(poll) => close::close(ctx, poll).await,
        PollCommand::List { closed, page } => list::list(ctx, closed, page).await,
        PollCommand::Nudge(poll) => list::nudge(ctx, poll).await,
        PollCommand::Export(poll) => export::export(ctx, poll).await,
        PollCommand::Form(poll) => vote::form(ctx, poll).await,
    }
}

fn is_secret(poll: &Poll) -> bool {
    poll.voters == VoterVisibility::Secret
}

async fn find(ctx: &Ctx<'_>, conn: &mut sqlx::AnyConnection, poll: PollRef) -> Result<Poll> {
    crate::items::find(ctx, conn, poll).await
}

/// The poll a vote names: a copy this process read open in the last few seconds (see
/// [`Bot::recent_items`](crate::bot::Bot)), else the stored poll. A poll's question, kind
/// and options never change once stored and its status only goes from open to closed,
/// which the vote's own write checks: a recent copy answers a vote as a fresh read would,
/// and a burst of votes reads the poll once instead of once per vote.
async fn find_for_vote(
    ctx: &Ctx<'_>,
    conn: &mut sqlx::AnyConnection,
    poll: PollRef,
) -> Result<Poll> {
    let space = ctx.space_key();
    let key = |poll: PollRef| recent_key(&space, poll);
    let recent = ctx.bot.recent_items();
    if let Some(found) = recent.get::<Poll>(&key(poll))
        && found.space_id == space
    {
        return Ok(Poll::clone(&found));
    }
    let found = find(ctx, conn, poll).await?;
    if found.status == super::model::PollStatus::Open {
        let shared = std::sync::Arc::new(found.clone());
        recent.insert(key(PollRef::Number(found.number)), shared.clone());
        recent.insert(key(PollRef::Id(found.id)), shared);
    }
    Ok(found)
}

/// Forgets the recent copy of a poll this process just closed, so its next vote is told
/// at once rather than by the vote's write.
fn forget_recent(bot: &crate::bot::Bot, poll: &Poll) {
    let recent = bot.recent_items();
    recent.remove(&recent_key(&poll.space_id, PollRef::Number(poll.number)));
    recent.remove(&recent_key(&poll.space_id, PollRef::Id(poll.id)));
}

/// Where a recent copy of a poll is kept: by its number in its space, and by its id.
fn recent_key(space: &str, poll: PollRef) -> String {
    match poll {
        PollRef::Number(number) => format!("poll:{space}:{number}"),
        PollRef::Id(id) => format!("poll#{id}"),
    }
}

/// Whether the actor is a member of a group poll's group; the group's id. A poll whose
/// group was deleted has no members left (`poll-group-gone`).
async fn group_member(
    ctx: &Ctx<'_>,
    conn: &mut sqlx::AnyConnection,
    poll: &Poll,
) -> Result<(bool, i64)> {
    let Some(group_id) = poll.group_id else {
        return Err(Msg::new("poll-group-gone")
            .num("number", poll.number)
            .into());
    };
    let member = groups::repo::is_member(conn, group_id, &ctx.actor_key())
        .await
        .internal("checking membership")?;
    Ok((member, group_id))
}

/// The platform whose own poll also shows `poll` (a Matrix poll), if any. That poll counts
/// only the answers picked in it, so kumpul says so where its count differs.
async fn native_platform(conn: &mut sqlx::AnyConnection, poll: &Poll) -> Result<Option<Platform>> {
    repo::fetch_native_platform(conn, poll.id)
        .await
        .internal("looking up where a poll is shown")
}

/// The row key of the actor's ballot: their id, or for secret polls its keyed hash.
fn voter_ref(ctx: &Ctx<'_>, key: Option<&Key>) -> String {
    match key {
        Some(key) => secret::ballot_ref(key, &ctx.actor_key()),
        None => ctx.actor_key(),
    }
}

/// Who took part: a separate list for secret polls, the ballots themselves otherwise.
async fn participants(
    conn: &mut sqlx::AnyConnection,
    poll: &Poll,
) -> Result<Vec<(String, String)>> {
    let listed = if poll.voters == VoterVisibility::Secret {
        repo::list_participants(conn, poll.id).await
    } else {
        repo::list_ballot_voters(conn, poll.id).await
    };
    listed.internal("reading who took part")
}

/// Votes, retractions and nudges need an open poll. This is the quick answer from the
/// poll as read; the writes check again as they happen.
fn ensure_open(poll: &Poll) -> Result<()> {
    if poll.is_open() {
        return Ok(());
    }
    Err(closed(poll).into())
}

/// "Poll #3 is closed", with where to see its results.
fn closed(poll: &Poll) -> Msg {
    Msg::new("poll-closed")
        .num("number", poll.number)
        .typed("command", super::card::results_command(poll))
}

fn is_organiser(ctx: &Ctx<'_>, poll: &Poll) -> bool {
    poll.creator_id == ctx.actor_key() || ctx.is_moderator()
}
