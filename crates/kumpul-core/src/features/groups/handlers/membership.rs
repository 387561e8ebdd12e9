//! Joining and leaving a group: the commands (and buttons) of its members.

use super::super::repo;
use super::{find_group, members_action, typed};
use crate::bot::{Ctx, acquire};
use crate::error::{Internal, Result};
use crate::features::groups::GroupRef;
use crate::i18n::Msg;
use crate::reply::{Reply, Tone, Visibility};

pub(super) async fn join(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let group = find_group(ctx, &mut conn, group).await?;
    let actor = &ctx.inv.actor;
    let added = repo::insert_member_if_exists(
        &mut conn,
        ctx.store().backend(),
        group.id,
        &ctx.actor_key(),
        &actor.display_name,
        ctx.inv.now_ms,
    )
    .await
    .internal("adding a member")?;
    if !added {
        // Either a member already, or the group was deleted since it was looked up.
        let gone = repo::fetch_group(&mut conn, &ctx.space_key(), group.id)
            .await
            .internal("looking up a group")?
            .is_none();
        if gone {
            return Err(Msg::new("group-gone").into());
        }
        return Err(Msg::new("group-already-member")
            .strong("name", &group.name)
            .typed("command", typed(&["group", "leave"], &group))
            .into());
    }
    let private = Visibility::Private;
    let msg = Msg::new("group-joined")
        .strong("name", &group.name)
        .num("count", group.member_count + 1);
    // What someone who just joined wants next is to see who else is in it (leaving is
    // on the group's own card, `group info`), not to be offered the way out.
    Ok(ctx
        .say(private, Tone::Success, &msg)
        .action(members_action(ctx, private, &group)))
}

pub(super) async fn leave(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let group = find_group(ctx, &mut conn, group).await?;
    let removed = repo::delete_member(&mut conn, group.id, &ctx.actor_key())
        .await
        .internal("removing a member")?;
    if !removed {
        return Err(Msg::new("group-not-member")
            .strong("name", &group.name)
            .typed("command", typed(&["group", "join"], &group))
            .into());
    }
    let private = Visibility::Private;
    // No next step: rejoining right away is what the list's and the card's Join buttons
    // are for; offered here it read as a suggestion to undo what was just asked.
    let msg = Msg::new("group-left").strong("name", &group.name);
    Ok(ctx.say(private, Tone::Success, &msg))
}
