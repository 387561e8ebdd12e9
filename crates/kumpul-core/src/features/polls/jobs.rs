//! Closing polls at their deadline through the scheduler.

use super::model::PollStatus;
use super::render;
use super::repo::{self, Poll};
use crate::bot::Bot;
use crate::i18n::Msg;
use crate::identity::{ChannelId, SpaceId};
use crate::notify::{Audience, Delivery};
use crate::reply::{Reply, Visibility};
use crate::scheduler::{Job, Prepared};

#[derive(serde::Deserialize)]
struct Payload {
    poll: i64,
}

/// Closes the poll (if still open) and returns the results announcement. Closing twice is
/// harmless, so a retried job announces the same results again under the same key.
pub async fn prepare(bot: &Bot, job: &Job) -> anyhow::Result<Prepared> {
    let payload: Payload = serde_json::from_str(&job.payload)?;
    let mut conn = bot.store().pool().acquire().await?;
    let Some(mut poll) = repo::fetch_poll(&mut conn, payload.poll).await? else {
        return Ok(Prepared { delivery: None });
    };
    drop(conn);
    if poll.is_open() {
        super::handlers::close_now(bot, &poll, job.due_at)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    // Closed now, by this job or before it: the results are final.
    poll.status = PollStatus::Closed;
    let Some(space) = SpaceId::from_key(&poll.space_id) else {
        return Ok(Prepared { delivery: None });
    };
    let locale = bot.locale_of_space(&space).await;
    let zone = bot.zone_of_space(&space).await;
    let reply = if poll.group_only {
        // A group's results are for its members (`poll results`), not the channel.
        super::handlers::members_only(bot.i18n(), locale, &poll)
            .paragraph(bot.i18n().rich(locale, &Msg::new("poll-closed-deadline")))
    } else {
        results(bot, locale, &zone, &poll).await?
    };
    Ok(Prepared {
        delivery: Some(Delivery {
            key: job.idempotency_key.clone(),
            space,
            channel: poll.channel_id.as_deref().and_then(ChannelId::from_key),
            audience: Audience::Channel,
            reply,
        }),
    })
}

/// The final results for the channel, with the ballots that could not be counted.
async fn results(
    bot: &Bot,
    locale: crate::i18n::Locale,
    zone: &crate::time::Zone,
    poll: &Poll,
) -> anyhow::Result<Reply> {
    let mut conn = bot.store().pool().acquire().await?;
    let ballots = repo::list_ballots(&mut conn, poll.id).await?;
    let uncounted = repo::fetch_poll(&mut conn, poll.id)
        .await?
        .map_or(0, |p| p.uncounted);
    drop(conn);
    let i18n = bot.i18n();
    let reply = render::results_block(i18n, locale, zone, poll, &ballots)
        .into_reply(Visibility::Public, &poll.question)
        .paragraph(i18n.rich(locale, &Msg::new("poll-closed-deadline")));
    Ok(match uncounted {
        0 => reply,
        n => reply.paragraph(i18n.rich(locale, &Msg::new("poll-uncounted").num("count", n))),
    })
}
