//! Looking at groups: `group list`, `group mine`, `group info` and `group members`, all
//! answered to the asker alone.

use super::super::model::Group;
use super::super::repo;
use super::{find_group, join_action, leave_action, members_action, typed};
use crate::bot::{Ctx, acquire};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups::GroupRef;
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::paging::{self, Page};
use crate::reply::{Inline, Line, Reply, Tone, Visibility};

/// Members on one page of `group members` (names are short).
const MEMBERS_PAGE: i64 = 50;
/// How many groups get a Join/Leave button in `group list` (one row of buttons).
const LIST_ACTIONS: usize = 5;

/// One line describing a group in a list: name, member count, description, tags.
fn summary_line(ctx: &Ctx<'_>, visibility: Visibility, group: &Group) -> Line {
    let mut line = ctx.t(
        visibility,
        &Msg::new("group-summary")
            .strong("name", &group.name)
            .num("count", group.member_count),
    );
    if !group.description.is_empty() {
        let description = paging::preview(&group.description);
        line.push(Inline::Text(format!(" — {description}")));
    }
    if !group.tags.is_empty() {
        let tags: Vec<String> = group.tags.iter().map(|t| format!("#{t}")).collect();
        line.push(Inline::Text(format!(" ({})", tags.join(" "))));
    }
    line
}

pub(super) async fn list(ctx: &Ctx<'_>, tag: Option<&str>, page: Option<i64>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let space = ctx.space_key();
    let total = repo::count_groups(&mut conn, &space, tag)
        .await
        .internal("counting groups")?;
    if total == 0 {
        let msg = match tag {
            Some(tag) => Msg::new("group-list-empty-tag")
                .strong("tag", tag)
                .typed("command", Typed::new(&["group", "list"])),
            None => Msg::new("group-list-empty").typed(
                "command",
                Typed::new(&["group", "create"]).placeholder("name"),
            ),
        };
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let command = match tag {
        Some(tag) => Typed::new(&["group", "list"]).named("tag", tag),
        None => Typed::new(&["group", "list"]),
    };
    let page = Page::of(page, total, &command)?;
    let groups = repo::list_groups(&mut conn, &space, tag, page.size, page.offset())
        .await
        .internal("listing groups")?;
    // Only the groups that get a button need the actor's membership.
    let mut actions = Vec::new();
    for group in groups.iter().take(LIST_ACTIONS) {
        let member = repo::is_member(&mut conn, group.id, &ctx.actor_key())
            .await
            .internal("checking membership")?;
        actions.push(match member {
            true => leave_action(ctx, private, group),
            false => join_action(ctx, private, group),
        });
    }
    drop(conn);
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("group-list-title").num("count", total),
    );
    let items = groups
        .iter()
        .map(|g| summary_line(ctx, private, g))
        .collect();
    let mut reply = Reply::new(private, Tone::Info).title(title).list(items);
    for action in actions {
        reply = reply.action(action);
    }
    Ok(paging::with_footer(ctx, reply, page, &command))
}

pub(super) async fn info(ctx: &Ctx<'_>, group: &GroupRef) -> Result<Reply> {
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
    let members = members_action(ctx, private, &group);
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

pub(super) async fn members(ctx: &Ctx<'_>, group: &GroupRef, page: Option<i64>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let group = find_group(ctx, &mut conn, group).await?;
    let total = repo::count_members(&mut conn, group.id)
        .await
        .internal("counting members")?;
    if total == 0 {
        let msg = Msg::new("group-members-empty")
            .strong("name", &group.name)
            .typed("command", typed(&["group", "join"], &group));
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let command = typed(&["group", "members"], &group);
    let page = Page::sized(page, total, MEMBERS_PAGE, &command)?;
    let members = repo::list_members_page(&mut conn, group.id, page.size, page.offset())
        .await
        .internal("listing members")?;
    drop(conn);
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("group-members-title")
            .text("name", &group.name)
            .num("count", total),
    );
    // Names are shown as mentions where the platform has them, but the reply's mention
    // list stays empty: looking at a member list never pings anyone.
    let items: Vec<Line> = members
        .iter()
        .map(|m| vec![person(&m.user_id, &m.display_name)])
        .collect();
    let reply = Reply::new(private, Tone::Info).title(title).list(items);
    Ok(paging::with_footer(ctx, reply, page, &command))
}

pub(super) async fn mine(ctx: &Ctx<'_>, page: Option<i64>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let (space, actor) = (ctx.space_key(), ctx.actor_key());
    let total = repo::count_groups_of_member(&mut conn, &space, &actor)
        .await
        .internal("counting the actor's groups")?;
    if total == 0 {
        return Ok(ctx.say(
            private,
            Tone::Info,
            &Msg::new("group-mine-empty").typed("command", Typed::new(&["group", "list"])),
        ));
    }
    let command = Typed::new(&["group", "mine"]);
    let page = Page::of(page, total, &command)?;
    let groups = repo::list_groups_of_member(&mut conn, &space, &actor, page.size, page.offset())
        .await
        .internal("listing the actor's groups")?;
    drop(conn);
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("group-mine-title").num("count", total),
    );
    let items = groups
        .iter()
        .map(|g| summary_line(ctx, private, g))
        .collect();
    let reply = Reply::new(private, Tone::Info).title(title).list(items);
    Ok(paging::with_footer(ctx, reply, page, &command))
}
