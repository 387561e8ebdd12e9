//! `poll list` and `poll nudge`: the space's open or closed polls, and a ping to the
//! members of a group's poll who have not voted yet.

use std::collections::HashSet;

use super::{closed, ensure_open, find, is_organiser, participants};
use crate::bot::{Ctx, acquire, begin};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups;
use crate::features::polls::PollRef;
use crate::features::polls::model::{self, PollStatus};
use crate::features::polls::repo;
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::paging::{self, PAGE_SIZE, Page};
use crate::reply::{Inline, Line, Reply, Tone, Visibility};
use crate::time::format;

/// Time between two nudges of the same poll.
const NUDGE_COOLDOWN_MS: i64 = 60 * 60 * 1000;
pub(super) async fn list(ctx: &Ctx<'_>, closed: bool, page: Option<i64>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let status = if closed {
        PollStatus::Closed
    } else {
        PollStatus::Open
    };
    let command = match closed {
        true => Typed::new(&["poll", "list"]).flag("closed"),
        false => Typed::new(&["poll", "list"]),
    };
    let total = repo::count_polls(&mut conn, &ctx.space_key(), status)
        .await
        .internal("counting polls")?;
    let page = Page::of(page, total, &command)?;
    let space = ctx.space_key();
    let polls = repo::list_polls(&mut conn, &space, status, PAGE_SIZE, page.offset())
        .await
        .internal("listing polls")?;
    drop(conn);
    if polls.is_empty() {
        let msg = Msg::new("poll-list-empty")
            .select("status", status.code())
            .typed("command", model::sample_poll());
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let zone = ctx.zone().await;
    let items: Vec<Line> = polls
        .iter()
        .map(|p| {
            let mut line = vec![
                Inline::Strong(format!("#{}", p.number)),
                Inline::Text(format!(" {} · ", paging::preview(&p.question))),
            ];
            line.extend(ctx.t(
                private,
                &Msg::new("poll-kind").select("kind", p.kind.code()),
            ));
            if let Some(at) = p.closes_at.filter(|_| p.is_open()) {
                line.push(Inline::Text(" · ".into()));
                line.push(format::inline(
                    ctx.bot.i18n(),
                    ctx.locale,
                    at,
                    ctx.inv.now_ms,
                    &zone,
                ));
            }
            line
        })
        .collect();
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("poll-list-title")
            .select("status", status.code())
            .num("count", total),
    );
    let reply = Reply::new(private, Tone::Info).title(title).list(items);
    Ok(paging::with_footer(ctx, reply, page, &command))
}

pub(super) async fn nudge(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    if !is_organiser(ctx, &poll) {
        return Err(Msg::new("poll-not-organiser")
            .num("number", poll.number)
            .into());
    }
    ensure_open(&poll)?;
    let Some(group_id) = poll.group_id.filter(|_| poll.group_only) else {
        return Err(Msg::new("poll-nudge-needs-group")
            .typed(
                "example",
                Typed::new(&["poll", "create"])
                    .etc()
                    .named_example("group", Msg::new("sample-group")),
            )
            .into());
    };
    // A set: every member is checked against it (a list made a 5,000-member group's
    // nudge cost 25 million comparisons).
    let voted: HashSet<String> = participants(&mut conn, &poll)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let targets: Vec<(UserId, String)> = groups::repo::list_members(&mut conn, group_id)
        .await
        .internal("listing members")?
        .into_iter()
        .filter(|m| !voted.contains(&m.user_id))
        .filter_map(|m| UserId::from_key(&m.user_id).map(|id| (id, m.display_name)))
        .collect();
    if targets.is_empty() {
        return Err(Msg::new("poll-nudge-everyone-voted")
            .num("number", poll.number)
            .into());
    }
    let now = ctx.inv.now_ms;
    // The poll's own cooldown and the group's ping budget (shared with `group ping` and
    // every other path that pings the group) are claimed in one transaction: a nudge
    // refused by either records neither.
    drop(conn);
    let mut tx = begin(ctx.store()).await?;
    if !repo::claim_nudge(&mut tx, poll.id, now, now - NUDGE_COOLDOWN_MS)
        .await
        .internal("recording a nudge")?
    {
        // Refused: either closed since it was read, or nudged too recently.
        let now_closed = repo::fetch_poll(&mut tx, poll.id)
            .await
            .internal("looking up a poll")?
            .is_none_or(|p| !p.is_open());
        if now_closed {
            return Err(closed(&poll).into());
        }
        return Err(Msg::new("poll-nudge-cooldown")
            .num("number", poll.number)
            .into());
    }
    let cooldown = ctx.bot.config().group_ping_cooldown;
    let claim = groups::budget::claim(&mut tx, cooldown, group_id, now, None)
        .await
        .internal("recording a ping")?;
    if let groups::budget::Claim::Spent { minutes } = claim {
        let group = groups::repo::fetch_group(&mut tx, &poll.space_id, group_id)
            .await
            .internal("looking up a group")?;
        let name = group.map(|g| g.name).unwrap_or_default();
        return Err(Msg::new("group-ping-cooldown")
            .strong("name", name)
            .num("minutes", minutes)
            .into());
    }
    tx.commit().await.internal("recording a nudge")?;
    let public = Visibility::Public;
    let header = Msg::new("poll-nudge")
        .num("number", poll.number)
        .text("question", &poll.question)
        .typed(
            "command",
            Typed::new(&["poll", "vote"]).value(poll.number).etc(),
        );
    let reply = Reply::new(public, Tone::Ping)
        .paragraph(ctx.t(public, &header))
        .ping(targets);
    Ok(reply)
}
