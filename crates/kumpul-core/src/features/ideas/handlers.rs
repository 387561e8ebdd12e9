//! What each idea command does: [`execute`] routes a command to its role's module; the
//! lookups they share (an idea by number or id, the group-members-only rule) and `idea
//! discuss`, which hands over to threads, live here.
//!
//! `card` is an idea's public message; `board` adds, upvotes and lists ideas; `status`
//! sets an idea's status; `poll` puts ideas to a poll; `reactions` upvotes by reaction
//! and takes them back.

mod board;
mod card;
mod poll;
mod reactions;
mod status;

use super::repo::Idea;
use super::{IdeaCommand, IdeaRef};
use crate::bot::{Ctx, acquire};
use crate::error::{Internal, Result};
use crate::features::groups::{self, GroupRef};
use crate::i18n::Msg;
use crate::reply::Reply;

pub use card::live_view;
pub(crate) use reactions::{react, withdraw_reaction};

use board::{add, list, vote};
use poll::poll;
use status::set_status;

pub async fn execute(ctx: &Ctx<'_>, command: IdeaCommand) -> Result<Reply> {
    match command {
        IdeaCommand::Add {
            text,
            group,
            anonymous,
        } => add(ctx, &text, group, anonymous).await,
        IdeaCommand::List {
            group,
            newest,
            page,
        } => list(ctx, group, newest, page).await,
        IdeaCommand::Vote { idea, on } => vote(ctx, idea, on).await,
        IdeaCommand::Status {
            idea,
            status,
            reason,
        } => set_status(ctx, idea, status, reason).await,
        IdeaCommand::Poll { ideas, kind } => poll(ctx, &ideas, kind).await,
        IdeaCommand::Discuss(idea) => discuss(ctx, idea).await,
    }
}

async fn find(ctx: &Ctx<'_>, conn: &mut sqlx::AnyConnection, idea: IdeaRef) -> Result<Idea> {
    crate::items::find(ctx, conn, idea).await
}

/// A group's idea is upvoted, discussed and put to polls by that group's members (and
/// moderators) only.
async fn check_group_member(
    ctx: &Ctx<'_>,
    conn: &mut sqlx::AnyConnection,
    idea: &Idea,
) -> Result<()> {
    let Some(group_id) = idea.group_id else {
        return Ok(());
    };
    if ctx.is_moderator() {
        return Ok(());
    }
    let member = groups::repo::is_member(conn, group_id, &ctx.actor_key())
        .await
        .internal("checking membership")?;
    if member {
        return Ok(());
    }
    let name = groups::repo::fetch_group(conn, &idea.space_id, group_id)
        .await
        .internal("looking up a group")?
        .map(|g| g.name)
        .unwrap_or_default();
    Err(Msg::new("idea-group-only")
        .num("number", idea.number)
        .text("name", &name)
        .typed(
            "command",
            crate::catalogue::Typed::new(&["group", "join"]).value(name),
        )
        .into())
}

async fn discuss(ctx: &Ctx<'_>, idea: IdeaRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let idea = find(ctx, &mut conn, idea).await?;
    check_group_member(ctx, &mut conn, &idea).await?;
    drop(conn);
    let topic = ctx.bot.i18n().text(
        ctx.space_locale,
        &Msg::new("idea-discuss-topic")
            .num("number", idea.number)
            .text("idea", &idea.text),
    );
    let topic: String = topic
        .chars()
        .take(crate::features::threads::TOPIC_MAX)
        .collect();
    let group = idea.group_id.map(GroupRef::Id);
    crate::features::threads::open(ctx, &topic, group.as_ref(), false, Some(idea.id)).await
}
