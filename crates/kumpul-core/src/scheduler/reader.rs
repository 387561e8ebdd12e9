//! The kit a job kind uses to address its message: the space's language and zone, the
//! moment the message is written for, and the delivery to the space's channel under the
//! job's idempotency key. Every job kind that posts to a channel needs the same three, so
//! they are read and built here once.

use super::{Job, Prepared};
use crate::bot::Bot;
use crate::i18n::Locale;
use crate::identity::{ChannelId, SpaceId};
use crate::notify::{Audience, Delivery, Recipient};
use crate::reply::Reply;
use crate::time::Zone;

/// Who a job's message is written for: the people of one space, reading it in the space's
/// language and zone.
pub struct JobReader {
    /// The space the message goes to.
    pub space: SpaceId,
    /// The space's language.
    pub locale: Locale,
    /// The space's time zone.
    pub zone: Zone,
    /// The moment the message speaks of as now: the job's due time, so a message that goes
    /// out late still reads as it would have on time.
    pub now_ms: i64,
    /// The job's idempotency key, which its delivery carries.
    key: String,
}

/// The reader of `job`'s message in `space` (the space the job's feature row names).
pub async fn job_reader(bot: &Bot, job: &Job, space: SpaceId) -> JobReader {
    let locale = bot.locale_of_space(&space).await;
    let zone = bot.zone_of_space(&space).await;
    JobReader {
        space,
        locale,
        zone,
        now_ms: job.due_at,
        key: job.idempotency_key.clone(),
    }
}

impl JobReader {
    /// The job's message, to the channel stored as `channel` (a [`ChannelId`] key; without
    /// one, or with a key that does not read as one, the space's default channel).
    pub fn deliver(self, channel: Option<&str>, reply: Reply) -> Prepared {
        Prepared {
            delivery: Some(Delivery {
                key: self.key,
                space: self.space,
                channel: channel.and_then(ChannelId::from_key),
                audience: Audience::Channel,
                reply,
            }),
        }
    }

    /// The job's message for `recipient` alone, privately (already written in their
    /// language). `channel` is where it is posted instead when the platform cannot reach
    /// them privately.
    pub fn deliver_to(self, recipient: Recipient, channel: Option<&str>, reply: Reply) -> Prepared {
        Prepared {
            delivery: Some(Delivery {
                key: self.key,
                space: self.space,
                channel: channel.and_then(ChannelId::from_key),
                audience: Audience::Person(recipient),
                reply,
            }),
        }
    }
}
