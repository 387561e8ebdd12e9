//! An idea's public message (its card, with the upvote button), kept current as upvotes
//! and statuses change it.

use super::super::Status;
use super::super::repo::{self, Idea};
use crate::bot::{Bot, Ctx};
use crate::i18n::{I18n, Locale, Msg};
use crate::identity::SpaceId;
use crate::notify::LiveView;
use crate::reply::{Action, ActionId, ActionStyle, Anchor, Inline, Reply, Tone, Visibility};
use crate::vocab::{IdeaIntent, Intent};

/// The public message of an idea, with its upvote button.
pub(super) fn card(i18n: &I18n, locale: Locale, idea: &Idea) -> Reply {
    let by = match (&idea.author_name, idea.anonymous) {
        (Some(name), false) => Msg::new("idea-card")
            .num("number", idea.number)
            .strong("author", name),
        _ => Msg::new("idea-card-anonymous").num("number", idea.number),
    };
    let mut reply = Reply::new(Visibility::Public, Tone::Info)
        .paragraph(i18n.rich(locale, &by))
        .paragraph(vec![Inline::Text(idea.text.clone())])
        .paragraph(
            i18n.rich(
                locale,
                &Msg::new("idea-votes")
                    .num("count", idea.votes)
                    .select("status", idea.status.code()),
            ),
        );
    reply = reply.track(Anchor {
        kind: crate::vocab::AnchorKind::Idea,
        id: idea.id,
    });
    if !is_settled(idea.status) {
        reply = reply.action(Action {
            label: i18n.label(locale, "action-upvote"),
            style: ActionStyle::Primary,
            id: ActionId::new(Intent::Idea(IdeaIntent::Vote(idea.id))),
            command: crate::catalogue::Typed::new(&["idea", "vote"])
                .value(idea.number)
                .render(i18n, locale),
        });
    }
    reply
}

/// The idea's message as it should look now (upvotes change it).
pub async fn live_view(bot: &Bot, id: i64) -> anyhow::Result<Option<LiveView>> {
    let mut conn = bot.store().pool().acquire().await?;
    let Some(idea) = repo::fetch_idea(&mut conn, id).await? else {
        return Ok(None);
    };
    drop(conn);
    let Some(space) = SpaceId::from_key(&idea.space_id) else {
        return Ok(None);
    };
    let locale = bot.locale_of_space(&space).await;
    Ok(Some(LiveView {
        reply: card(bot.i18n(), locale, &idea),
        ended: is_settled(idea.status),
    }))
}

pub(super) fn changed(ctx: &Ctx<'_>, idea: &Idea) {
    ctx.bot.live().touch(Anchor {
        kind: crate::vocab::AnchorKind::Idea,
        id: idea.id,
    });
}

/// Whether nothing more happens to the idea: done and declined ideas take no upvotes.
pub(super) fn is_settled(status: Status) -> bool {
    match status {
        Status::Done | Status::Declined => true,
        Status::Open | Status::Planned => false,
    }
}
