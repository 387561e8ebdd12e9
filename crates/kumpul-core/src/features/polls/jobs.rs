//! Closing polls at their deadline through the scheduler.

use super::model::PollStatus;
use super::repo;
use crate::bot::Bot;
use crate::identity::{ChannelId, SpaceId};
use crate::notify::{Audience, Delivery};
use crate::scheduler::{Job, Prepared};

#[derive(serde::Deserialize)]
struct Payload {
    poll: i64,
}

/// Closes the poll (if still open) and returns the results announcement (see
/// [`super::handlers::deadline_announcement`]). Closing twice is harmless, so a retried
/// job announces the same results again under the same key.
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
    let reply = super::handlers::deadline_announcement(bot, locale, &zone, &poll).await?;
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
