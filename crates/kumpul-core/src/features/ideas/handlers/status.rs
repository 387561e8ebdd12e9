//! `idea status`: a moderator marks an idea planned, done or declined, and its author is
//! told.

use super::super::repo;
use super::super::{IdeaRef, Status, TEXT_MAX};
use super::card::changed;
use super::find;
use crate::bot::{Ctx, acquire};
use crate::error::{Internal, Result};
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::reply::{Inline, Reply, Tone, Visibility};

pub(super) async fn set_status(
    ctx: &Ctx<'_>,
    idea: IdeaRef,
    status: Status,
    reason: Option<String>,
) -> Result<Reply> {
    if let Some(reason) = &reason
        && (reason.chars().count() > TEXT_MAX || reason.chars().any(char::is_control))
    {
        return Err(Msg::new("idea-text-invalid")
            .num("max", TEXT_MAX as i64)
            .into());
    }
    let mut conn = acquire(ctx.store()).await?;
    let mut idea = find(ctx, &mut conn, idea).await?;
    repo::update_status(&mut conn, idea.id, status, reason.as_deref())
        .await
        .internal("storing an idea's status")?;
    drop(conn);
    idea.status = status;
    changed(ctx, &idea);
    let public = Visibility::Public;
    let msg = Msg::new("idea-status-set")
        .strong("actor", &ctx.inv.actor.display_name)
        .num("number", idea.number)
        .text("idea", &idea.text)
        .select("status", status.code());
    let mut reply = Reply::new(public, Tone::Success).paragraph(ctx.t(public, &msg));
    if let Some(reason) = reason {
        reply = reply.paragraph(vec![Inline::Text(reason)]);
    }
    // The author hears about it, unless they posted anonymously (a ping would unmask them).
    if let (false, Some(id), Some(name)) = (idea.anonymous, &idea.author_id, &idea.author_name)
        && let Some(author) = UserId::from_key(id)
        && *id != ctx.actor_key()
    {
        reply = reply.ping(vec![(author, name.clone())]);
    }
    Ok(reply)
}
