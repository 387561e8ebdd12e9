//! What each groups command does.

use sqlx::AnyConnection;

use super::model::{Group, name_key};
use super::repo::{self, NewGroup};
use super::{GroupCommand, GroupRef};
use crate::bot::{Ctx, acquire, begin};
use crate::error::{Internal, Result};
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::reply::{Action, ActionId, ActionStyle, Inline, Line, Reply, Tone, Visibility};
use crate::vocab::{GroupIntent, Intent};

/// How many members `group members` lists before summarising the rest.
const MEMBERS_SHOWN: usize = 50;
/// How many groups get a Join/Leave button in `group list` (one row of buttons).
const LIST_ACTIONS: usize = 5;

pub async fn execute(ctx: &Ctx<'_>, command: GroupCommand) -> Result<Reply> {
    match command {
        GroupCommand::Create {
            name,
            description,
            tags,
        } => {
            create(
                ctx,
                name.as_str(),
                &name.key(),
                description.as_str(),
                tags.as_slice(),
            )
            .await
        }
        GroupCommand::Edit {
            group,
            rename,
            description,
            tags,
        } => {
            let changes = Changes {
                rename: rename.as_ref().map(|n| (n.as_str(), n.key())),
                description: description.as_ref().map(|d| d.as_str()),
                tags: tags.as_ref().map(|t| t.as_slice()),
            };
            edit(ctx, &group, changes).await
        }
        GroupCommand::Delete(group) => delete(ctx, &group).await,
        GroupCommand::Join(group) => join(ctx, &group).await,
        GroupCommand::Leave(group) => leave(ctx, &group).await,
        GroupCommand::List { tag } => list(ctx, tag.as_ref().map(|t| t.as_str())).await,
        GroupCommand::Info(group) => info(ctx, &group).await,
        GroupCommand::Members(group) => members(ctx, &group).await,
        GroupCommand::Mine => mine(ctx).await,
        GroupCommand::Ping { group, message } => ping(ctx, &group, message.as_str()).await,
    }
}

/// Finds the group a command names, or explains that there is none (with the closest
/// names, if any).
pub async fn find_group(
    ctx: &Ctx<'_>,
    conn: &mut AnyConnection,
    group: &GroupRef,
) -> Result<Group> {
    let space = ctx.space_key();
    let found = match group {
        GroupRef::Name(name) => repo::fetch_group_by_key(conn, &space, &name_key(name)).await,
        GroupRef::Id(id) => repo::fetch_group(conn, &space, *id).await,
    }
    .internal("looking up a group")?;
    if let Some(group) = found {
        return Ok(group);
    }
    let GroupRef::Name(name) = group else {
        return Err(Msg::new("group-gone").into());
    };
    let all = repo::list_groups(conn, &space, None)
        .await
        .internal("listing groups for suggestions")?;
    let key = name_key(name);
    let close: Vec<String> = all
        .iter()
        .filter(|g| {
            let other = name_key(&g.name);
            strsim::damerau_levenshtein(&key, &other) <= 2
                || other.contains(&key)
                || key.contains(&other)
        })
        .take(3)
        .map(|g| g.name.clone())
        .collect();
    let msg = if close.is_empty() {
        Msg::new("group-not-found")
            .strong("name", name)
            .code("command", "group list")
    } else {
        Msg::new("group-not-found-suggest")
            .strong("name", name)
            .strong("suggestions", close.join(", "))
    };
    Err(msg.into())
}

/// The group a command names, if the actor is one of its members or a moderator: only
/// they may ping it, set reminders for it, or start polls for it. `refusal` is the message
/// for everyone else; it gets the group's `name` and the `command` that joins it.
pub async fn find_group_for_member(
    ctx: &Ctx<'_>,
    conn: &mut AnyConnection,
    group: &GroupRef,
    refusal: &'static str,
) -> Result<Group> {
    let group = find_group(ctx, conn, group).await?;
    let member = repo::is_member(conn, group.id, &ctx.actor_key())
        .await
        .internal("checking membership")?;
    if !member && !ctx.is_moderator() {
        return Err(Msg::new(refusal)
            .strong("name", &group.name)
            .code("command", format!("group join {}", group.name))
            .into());
    }
    Ok(group)
}

fn can_manage(ctx: &Ctx<'_>, group: &Group) -> Result<()> {
    if ctx.is_moderator() || group.owner_id == ctx.actor_key() {
        Ok(())
    } else {
        Err(Msg::new("group-not-owner")
            .strong("name", &group.name)
            .into())
    }
}

fn join_action(ctx: &Ctx<'_>, visibility: Visibility, group: &Group) -> Action {
    Action {
        label: ctx.label(visibility, "action-join"),
        style: ActionStyle::Primary,
        id: ActionId::new(Intent::Group(GroupIntent::Join(group.id))),
        command: format!("group join {}", group.name),
    }
}

fn leave_action(ctx: &Ctx<'_>, visibility: Visibility, group: &Group) -> Action {
    Action {
        label: ctx.label(visibility, "action-leave"),
        style: ActionStyle::Secondary,
        id: ActionId::new(Intent::Group(GroupIntent::Leave(group.id))),
        command: format!("group leave {}", group.name),
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
        .code("command", format!("group join {name}"))
}

async fn create(
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
        .code("command", format!("group join {name}"));
    Ok(ctx
        .say(public, Tone::Success, &msg)
        .action(join_action(ctx, public, &group)))
}

struct Changes<'a> {
    rename: Option<(&'a str, String)>,
    description: Option<&'a str>,
    tags: Option<&'a [String]>,
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

async fn edit(ctx: &Ctx<'_>, group: &GroupRef, changes: Changes<'_>) -> Result<Reply> {
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

async fn delete(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
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

async fn join(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
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
            .code("command", format!("group leave {}", group.name))
            .into());
    }
    let private = Visibility::Private;
    let msg = Msg::new("group-joined")
        .strong("name", &group.name)
        .num("count", group.member_count + 1);
    Ok(ctx
        .say(private, Tone::Success, &msg)
        .action(leave_action(ctx, private, &group)))
}

async fn leave(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let group = find_group(ctx, &mut conn, group).await?;
    let removed = repo::delete_member(&mut conn, group.id, &ctx.actor_key())
        .await
        .internal("removing a member")?;
    if !removed {
        return Err(Msg::new("group-not-member")
            .strong("name", &group.name)
            .code("command", format!("group join {}", group.name))
            .into());
    }
    let private = Visibility::Private;
    let msg = Msg::new("group-left").strong("name", &group.name);
    Ok(ctx
        .say(private, Tone::Success, &msg)
        .action(join_action(ctx, private, &group)))
}

/// One line describing a group in a list: name, member count, description, tags.
fn summary_line(ctx: &Ctx<'_>, visibility: Visibility, group: &Group) -> Line {
    let mut line = ctx.t(
        visibility,
        &Msg::new("group-summary")
            .strong("name", &group.name)
            .num("count", group.member_count),
    );
    if !group.description.is_empty() {
        line.push(Inline::Text(format!(" — {}", group.description)));
    }
    if !group.tags.is_empty() {
        let tags: Vec<String> = group.tags.iter().map(|t| format!("#{t}")).collect();
        line.push(Inline::Text(format!(" ({})", tags.join(" "))));
    }
    line
}

async fn list(ctx: &Ctx<'_>, tag: Option<&str>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let space = ctx.space_key();
    let groups = repo::list_groups(&mut conn, &space, tag)
        .await
        .internal("listing groups")?;
    if groups.is_empty() {
        let msg = match tag {
            Some(tag) => Msg::new("group-list-empty-tag")
                .strong("tag", tag)
                .code("command", "group list"),
            None => Msg::new("group-list-empty").code("command", "group create <name>"),
        };
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let mine: Vec<i64> = repo::list_groups_of_member(&mut conn, &space, &ctx.actor_key())
        .await
        .internal("listing the actor's groups")?
        .iter()
        .map(|g| g.id)
        .collect();
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("group-list-title").num("count", groups.len() as i64),
    );
    let items = groups
        .iter()
        .map(|g| summary_line(ctx, private, g))
        .collect();
    let mut reply = Reply::new(private, Tone::Info).title(title).list(items);
    for group in groups.iter().take(LIST_ACTIONS) {
        reply = reply.action(if mine.contains(&group.id) {
            leave_action(ctx, private, group)
        } else {
            join_action(ctx, private, group)
        });
    }
    Ok(reply)
}

async fn info(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let group = find_group(ctx, &mut conn, group).await?;
    let member = repo::is_member(&mut conn, group.id, &ctx.actor_key())
        .await
        .internal("checking membership")?;
    let mut reply = Reply::new(private, Tone::Info).title(group.name.clone());
    if !group.description.is_empty() {
        reply = reply.paragraph(vec![Inline::Text(group.description.clone())]);
    }
    let count = vec![Inline::Text(group.member_count.to_string())];
    reply = reply.field(ctx.label(private, "field-members"), count, true);
    if !group.tags.is_empty() {
        let tags = group
            .tags
            .iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" ");
        reply = reply.field(
            ctx.label(private, "field-tags"),
            vec![Inline::Text(tags)],
            true,
        );
    }
    let owner = match UserId::from_key(&group.owner_id) {
        Some(id) => Inline::User {
            id,
            name: group.owner_name.clone(),
        },
        None => Inline::Text(group.owner_name.clone()),
    };
    reply = reply.field(ctx.label(private, "field-owner"), vec![owner], true);
    drop(conn);
    let zone = ctx.zone().await;
    let created = jiff::Timestamp::from_millisecond(group.created_at)
        .map(|t| {
            t.to_zoned_datetime(zone.tz().clone())
                .strftime("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default();
    reply = reply.field(
        ctx.label(private, "field-created"),
        vec![Inline::Text(created)],
        true,
    );
    let membership = if member {
        leave_action(ctx, private, &group)
    } else {
        join_action(ctx, private, &group)
    };
    let members = Action {
        label: ctx.label(private, "action-members"),
        style: ActionStyle::Secondary,
        id: ActionId::new(Intent::Group(GroupIntent::Members(group.id))),
        command: format!("group members {}", group.name),
    };
    Ok(reply.action(membership).action(members))
}

fn person(user_id: &str, name: &str) -> Inline {
    match UserId::from_key(user_id) {
        Some(id) => Inline::User {
            id,
            name: name.to_owned(),
        },
        None => Inline::Text(name.to_owned()),
    }
}

async fn members(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let group = find_group(ctx, &mut conn, group).await?;
    let members = repo::list_members(&mut conn, group.id)
        .await
        .internal("listing members")?;
    if members.is_empty() {
        let msg = Msg::new("group-members-empty")
            .strong("name", &group.name)
            .code("command", format!("group join {}", group.name));
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("group-members-title")
            .text("name", &group.name)
            .num("count", members.len() as i64),
    );
    // Names are shown as mentions where the platform has them, but the reply's mention
    // list stays empty: looking at a member list never pings anyone.
    let mut items: Vec<Line> = members
        .iter()
        .take(MEMBERS_SHOWN)
        .map(|m| vec![person(&m.user_id, &m.display_name)])
        .collect();
    if members.len() > MEMBERS_SHOWN {
        let more = Msg::new("list-more").num("count", (members.len() - MEMBERS_SHOWN) as i64);
        items.push(ctx.t(private, &more));
    }
    Ok(Reply::new(private, Tone::Info).title(title).list(items))
}

async fn mine(ctx: &Ctx<'_>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let groups = repo::list_groups_of_member(&mut conn, &ctx.space_key(), &ctx.actor_key())
        .await
        .internal("listing the actor's groups")?;
    if groups.is_empty() {
        return Ok(ctx.say(
            private,
            Tone::Info,
            &Msg::new("group-mine-empty").code("command", "group list"),
        ));
    }
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("group-mine-title").num("count", groups.len() as i64),
    );
    let items = groups
        .iter()
        .map(|g| summary_line(ctx, private, g))
        .collect();
    Ok(Reply::new(private, Tone::Info).title(title).list(items))
}

async fn ping(ctx: &Ctx<'_>, group: &GroupRef, message: &str) -> Result<Reply> {
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
    let cooldown_ms =
        i64::try_from(ctx.bot.config().group_ping_cooldown.as_millis()).unwrap_or(i64::MAX);
    let now = ctx.inv.now_ms;
    let claimed = repo::claim_ping(&mut conn, group.id, now, now.saturating_sub(cooldown_ms))
        .await
        .internal("recording a ping")?;
    if !claimed {
        let last = group.last_ping_at.unwrap_or(now);
        let wait_ms = (last.saturating_add(cooldown_ms) - now).max(1_000);
        let minutes = (wait_ms + 59_999) / 60_000;
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
