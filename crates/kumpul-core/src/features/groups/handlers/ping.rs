//! `group ping`: a member pings the rest of the group, at most once per cooldown.

use super::super::budget::{self, Claim};
use super::super::repo;
use super::find_group_for_member;
use crate::bot::{Ctx, acquire};
use crate::error::{Internal, Result};
use crate::features::groups::GroupRef;
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::reply::{Inline, Reply, Tone, Visibility};

pub(super) async fn ping(ctx: &Ctx<'_>, group: &GroupRef, message: &str) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let group = find_group_for_member(ctx, &mut conn, group, "group-ping-not-member").await?;
    let actor_key = ctx.actor_key();
    let targets: Vec<_> = repo::list_members(&mut conn, group.id)
        .await
        .internal("listing members to ping")?
        .into_iter()
        .filter(|m| m.user_id != actor_key)
        .filter_map(|m| UserId::from_key(&m.user_id).map(|id| (id, m.display_name)))
        .collect();
    if targets.is_empty() {
        return Err(Msg::new("group-ping-nobody")
            .strong("name", &group.name)
            .into());
    }
    // The budget every path that pings the group shares (see `budget`); a ping is all
    // this command does, so a spent budget refuses it.
    let cooldown = ctx.bot.config().group_ping_cooldown;
    let claim = budget::claim(&mut conn, cooldown, group.id, ctx.inv.now_ms, None)
        .await
        .internal("recording a ping")?;
    if let Claim::Spent { minutes } = claim {
        return Err(Msg::new("group-ping-cooldown")
            .strong("name", &group.name)
            .num("minutes", minutes)
            .into());
    }

    let public = Visibility::Public;
    let header = Msg::new("group-ping-header")
        .strong("actor", &ctx.inv.actor.display_name)
        .strong("name", &group.name);
    let reply = Reply::new(public, Tone::Ping)
        .paragraph(ctx.t(public, &header))
        .paragraph(vec![Inline::Text(message.to_owned())])
        .ping(targets);
    Ok(reply)
}
