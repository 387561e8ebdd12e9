//! Creating, editing and deleting groups: the commands of a group's owner (or a moderator).

use sqlx::AnyConnection;

use super::super::model::{Group, name_key};
use super::super::repo::{self, NewGroup};
use super::{find_group, join_action};
use crate::bot::{Ctx, acquire, begin};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups::GroupRef;
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::reply::{Reply, Tone, Visibility};

fn can_manage(ctx: &Ctx<'_>, group: &Group) -> Result<()> {
    if ctx.is_moderator() || group.owner_id == ctx.actor_key() {
        Ok(())
    } else {
        Err(Msg::new("group-not-owner")
            .strong("name", &group.name)
            .into())
    }
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

fn name_taken(name: &str) -> Msg {
    Msg::new("group-exists")
        .strong("name", name)
        .typed("command", Typed::new(&["group", "join"]).value(name))
}

pub(super) async fn create(
    ctx: &Ctx<'_>,
    name: &str,
    key: &str,
    description: &str,
    tags: &[String],
) -> Result<Reply> {
    let space = ctx.space_key();
    let actor = &ctx.inv.actor;
    let id = fastrand::i64(1..(1 << 53));
    let mut tx = begin(ctx.store()).await?;
    settings_repo::ensure_space(&mut tx, &space, ctx.inv.now_ms)
        .await
        .internal("creating the space")?;
    let new = NewGroup {
        id,
        space_id: &space,
        name,
        name_key: key,
        description,
        owner_id: &ctx.actor_key(),
        owner_name: &actor.display_name,
        created_at: ctx.inv.now_ms,
    };
    match repo::insert_group(&mut tx, &new).await {
        Err(e) if is_unique_violation(&e) => return Err(name_taken(name).into()),
        other => other.internal("inserting a group")?,
    }
    repo::replace_tags(&mut tx, id, tags)
        .await
        .internal("storing tags")?;
    repo::insert_member_if_exists(
        &mut tx,
        ctx.store().backend(),
        id,
        &ctx.actor_key(),
        &actor.display_name,
        ctx.inv.now_ms,
    )
    .await
    .internal("adding the creator as a member")?;
    tx.commit().await.internal("committing a new group")?;

    let group = Group {
        id,
        name: name.to_owned(),
        description: description.to_owned(),
        owner_id: ctx.actor_key(),
        owner_name: actor.display_name.clone(),
        created_at: ctx.inv.now_ms,
        last_ping_at: None,
        member_count: 1,
        tags: tags.to_vec(),
    };
    let public = Visibility::Public;
    let msg = Msg::new("group-created")
        .strong("actor", &actor.display_name)
        .strong("name", name)
        .typed("command", Typed::new(&["group", "join"]).value(name));
    Ok(ctx
        .say(public, Tone::Success, &msg)
        .action(join_action(ctx, public, &group)))
}

pub(super) struct Changes<'a> {
    pub(super) rename: Option<(&'a str, String)>,
    pub(super) description: Option<&'a str>,
    pub(super) tags: Option<&'a [String]>,
}

/// The group `found` names, locked for the rest of the transaction and read as it is now
/// (see [`repo::lock_group`]).
async fn locked(ctx: &Ctx<'_>, conn: &mut AnyConnection, found: &Group) -> Result<Group> {
    let exists = repo::lock_group(conn, ctx.store().backend(), found.id)
        .await
        .internal("locking a group")?;
    let group = if exists {
        repo::fetch_group(conn, &ctx.space_key(), found.id)
            .await
            .internal("reading a group")?
    } else {
        None
    };
    group.ok_or_else(|| Msg::new("group-gone").into())
}

pub(super) async fn edit(ctx: &Ctx<'_>, group: &GroupRef, changes: Changes<'_>) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let found = find_group(ctx, &mut conn, group).await?;
    drop(conn);
    let mut tx = begin(ctx.store()).await?;
    let group = locked(ctx, &mut tx, &found).await?;
    can_manage(ctx, &group)?;
    let (name, key) = match &changes.rename {
        Some((name, key)) => (*name, key.clone()),
        None => (group.name.as_str(), name_key(&group.name)),
    };
    let description = changes.description.unwrap_or(&group.description);
    match repo::update_group(&mut tx, group.id, name, &key, description).await {
        Err(e) if is_unique_violation(&e) => return Err(name_taken(name).into()),
        other => other.internal("updating a group")?,
    }
    if let Some(tags) = changes.tags {
        repo::replace_tags(&mut tx, group.id, tags)
            .await
            .internal("storing tags")?;
    }
    tx.commit().await.internal("committing a group edit")?;
    let msg = Msg::new("group-edited")
        .strong("actor", &ctx.inv.actor.display_name)
        .strong("name", name);
    Ok(ctx.say(Visibility::Public, Tone::Success, &msg))
}

pub(super) async fn delete(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let found = find_group(ctx, &mut conn, group).await?;
    drop(conn);
    // Locked before it is read: the members counted are exactly the members deleted, and
    // a join either got in before (and is deleted with the group) or finds it gone.
    let mut tx = begin(ctx.store()).await?;
    let group = locked(ctx, &mut tx, &found).await?;
    can_manage(ctx, &group)?;
    repo::delete_group(&mut tx, group.id)
        .await
        .internal("deleting a group")?;
    tx.commit().await.internal("committing a group deletion")?;
    let msg = Msg::new("group-deleted")
        .strong("actor", &ctx.inv.actor.display_name)
        .strong("name", &group.name)
        .num("count", group.member_count);
    Ok(ctx.say(Visibility::Public, Tone::Success, &msg))
}
