//! What each groups command does: [`execute`] routes a command to its role's module, and
//! the lookups other features use ([`find_group`], [`find_group_for_member`]) live here.
//!
//! `manage` creates, edits and deletes groups; `membership` joins and leaves them;
//! `listing` lists them and shows one group or its members; `ping` pings a group.

mod listing;
mod manage;
mod membership;
mod ping;

use sqlx::AnyConnection;

use super::model::{Group, name_key};
use super::repo;
use super::{GroupCommand, GroupRef};
use crate::bot::Ctx;
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::i18n::Msg;
use crate::reply::{Action, ActionId, ActionStyle, Reply, Visibility};
use crate::vocab::{GroupIntent, Intent};

use listing::{info, list, members, mine};
use manage::{Changes, create, delete, edit};
use membership::{join, leave};
use ping::ping;

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
        GroupCommand::List { tag, page } => list(ctx, tag.as_ref().map(|t| t.as_str()), page).await,
        GroupCommand::Info(group) => info(ctx, &group).await,
        GroupCommand::Members { group, page } => members(ctx, &group, page).await,
        GroupCommand::Mine { page } => mine(ctx, page).await,
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
    // Read one name at a time: a space may have thousands of groups, and only three
    // close ones are kept.
    let key = name_key(name);
    let mut close: Vec<String> = Vec::new();
    repo::visit_group_names(conn, &space, |other_name| {
        let other = name_key(&other_name);
        if strsim::damerau_levenshtein(&key, &other) <= 2
            || other.contains(&key)
            || key.contains(&other)
        {
            close.push(other_name);
        }
        close.len() < 3
    })
    .await
    .internal("listing groups for suggestions")?;
    let msg = if close.is_empty() {
        Msg::new("group-not-found")
            .strong("name", name)
            .typed("command", Typed::new(&["group", "list"]))
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
            .typed("command", typed(&["group", "join"], &group))
            .into());
    }
    Ok(group)
}

/// The groups command at `path` for `group`: `group join hiking`.
fn typed(path: &[&'static str], group: &Group) -> Typed {
    Typed::new(path).value(&group.name)
}

/// A button for the groups command at `path` on `group`; platforms without buttons show
/// the command in the language of the reply.
fn action(
    ctx: &Ctx<'_>,
    visibility: Visibility,
    (label, style): (&'static str, ActionStyle),
    intent: GroupIntent,
    path: &[&'static str],
    group: &Group,
) -> Action {
    Action {
        label: ctx.label(visibility, label),
        style,
        id: ActionId::new(Intent::Group(intent)),
        command: typed(path, group).render(ctx.bot.i18n(), ctx.locale_for(visibility)),
    }
}

fn join_action(ctx: &Ctx<'_>, visibility: Visibility, group: &Group) -> Action {
    let button = ("action-join", ActionStyle::Primary);
    let intent = GroupIntent::Join(group.id);
    action(ctx, visibility, button, intent, &["group", "join"], group)
}

fn leave_action(ctx: &Ctx<'_>, visibility: Visibility, group: &Group) -> Action {
    let button = ("action-leave", ActionStyle::Secondary);
    let intent = GroupIntent::Leave(group.id);
    action(ctx, visibility, button, intent, &["group", "leave"], group)
}

fn members_action(ctx: &Ctx<'_>, visibility: Visibility, group: &Group) -> Action {
    let button = ("action-members", ActionStyle::Secondary);
    let intent = GroupIntent::Members(group.id);
    action(
        ctx,
        visibility,
        button,
        intent,
        &["group", "members"],
        group,
    )
}
