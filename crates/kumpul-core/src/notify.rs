//! Messages that kumpul sends on its own — reminders, closing polls, summaries — go out
//! through a [`Notifier`], which each platform adapter implements.
//!
//! Every [`Delivery`] carries an idempotency key derived from its job. Adapters pass it to
//! the platform's own de-duplication (Matrix: the transaction id of `PUT /send`; Discord:
//! the message `nonce` with `enforce_nonce`), so a delivery retried after a crash between
//! sending and recording never shows up twice.
//!
//! A delivery meant for one person ([`Audience::Person`]: a personal reminder, "you got a
//! place") goes to them privately — a Discord DM, a Matrix direct-message room — in their
//! language. When the platform cannot reach them so (Discord: DMs closed; Matrix: the
//! invite refused), the notifier answers [`DeliveryError::Unreachable`] having shown
//! nothing, and [`deliver_privately`] posts [`Delivery::in_channel`] instead: the same
//! message in the channel, mentioning only that person and saying it could not be sent
//! privately. That copy has a key of its own ([`Delivery::in_channel`]), stable across
//! retries, so a retried fallback is de-duplicated by the platform like any delivery.

use std::future::Future;
use std::pin::Pin;

use crate::identity::{ChannelId, Platform, SpaceId, UserId};
use crate::reply::{Anchor, Block, Inline, Line, Reply, Tone, Visibility};

/// Who a delivery is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Posted in the channel for everyone (pings only the reply's mentions).
    Channel,
    /// Only the space's moderators (Discord: a moderators-only channel or DMs; Matrix:
    /// the room, mentioning moderators; console: marked as such).
    Moderators,
    /// Only this person, privately: a Discord DM, a Matrix direct-message room (found in
    /// kumpul's `m.direct`, else created on first use), on the console marked as private
    /// to them. Written in their language (`Bot::locale_of_person`).
    Person(Recipient),
}

/// The one person a private delivery is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user: UserId,
    /// The name to show for them (a mention's text where it falls back to the channel).
    pub name: String,
}

/// One message to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Stable across retries of the same job; unique per message.
    pub key: String,
    pub space: SpaceId,
    /// Where to post; `None` means the space's default channel.
    pub channel: Option<ChannelId>,
    pub audience: Audience,
    pub reply: Reply,
}

/// Why a delivery failed.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Worth retrying later (network, rate limit, platform down).
    #[error("temporary delivery failure: {0:#}")]
    Retry(anyhow::Error),
    /// Will never work (channel deleted, bot removed, no adapter for the platform).
    #[error("permanent delivery failure: {0:#}")]
    GiveUp(anyhow::Error),
    /// An [`Audience::Person`] delivery cannot reach its person privately (Discord: they
    /// do not accept DMs from the server's members; Matrix: the direct-message invite was
    /// refused or the room could not be made). Nothing was shown.
    #[error("the person cannot be reached privately: {0:#}")]
    Unreachable(anyhow::Error),
}

impl Delivery {
    /// The person this delivery is for privately, if it is for one person.
    pub fn recipient(&self) -> Option<&Recipient> {
        match &self.audience {
            Audience::Person(recipient) => Some(recipient),
            _ => None,
        }
    }

    /// The channel copy of a private delivery that could not reach its person: `note`
    /// ("I could not send you a direct message, so here it is:") after a mention of the
    /// person, then the message; it pings exactly that person. Its key is the private
    /// one's with `:channel` appended, so retrying the fallback never shows it twice.
    /// A delivery for no one person is returned as it is.
    pub fn in_channel(&self, note: Line) -> Delivery {
        let Some(recipient) = self.recipient() else {
            return self.clone();
        };
        let mut first = vec![
            Inline::User {
                id: recipient.user.clone(),
                name: recipient.name.clone(),
            },
            Inline::Text(" ".into()),
        ];
        first.extend(note);
        let mut reply = self.reply.clone();
        reply.visibility = Visibility::Public;
        reply.tone = Tone::Ping;
        reply.blocks.insert(0, Block::Paragraph(first));
        // Exactly the person, whatever the private message could mention.
        reply.mentions = Default::default();
        reply.mentions.users.push(recipient.user.clone());
        Delivery {
            key: format!("{}:channel", self.key),
            space: self.space.clone(),
            channel: self.channel.clone(),
            audience: Audience::Channel,
            reply,
        }
    }
}

/// Hands `delivery` to `notifier`; a private one that cannot reach its person is posted
/// in the channel instead ([`Delivery::in_channel`] with `note`, in the person's language).
pub async fn deliver_privately(
    notifier: &dyn Notifier,
    delivery: &Delivery,
    note: Line,
) -> Result<(), DeliveryError> {
    match notifier.deliver(delivery).await {
        Err(DeliveryError::Unreachable(error)) if delivery.recipient().is_some() => {
            // Not the message: a personal reminder's text is not for the logs.
            tracing::info!(
                error = format!("{error:#}"),
                "posting a private delivery in the channel instead"
            );
            notifier.deliver(&delivery.in_channel(note)).await
        }
        other => other,
    }
}

/// A boxed future, so notifiers can be trait objects.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A message the bot posted that shows an [`Anchor`] and is kept current.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub anchor: Anchor,
    pub space: SpaceId,
    pub channel: Option<ChannelId>,
    /// The platform's id of the message (Discord snowflake, Matrix event id).
    pub message_id: String,
    /// Posted as a platform-native poll (Matrix MSC3381): ended, not edited.
    pub native: bool,
}

/// The current state of an anchored item, rendered for its space.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveView {
    pub reply: Reply,
    /// The item has ended (a closed poll): this is the last view.
    pub ended: bool,
}

/// Something that can post a delivery to a platform.
pub trait Notifier: Send + Sync {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>>;

    /// Brings a posted message up to date with `view`. Platforms that cannot change a
    /// posted message never record one, so they are never asked.
    fn update<'a>(
        &'a self,
        posted: &'a Posted,
        view: &'a LiveView,
    ) -> BoxFuture<'a, Result<(), DeliveryError>> {
        let _ = view;
        Box::pin(async move {
            Err(DeliveryError::GiveUp(anyhow::anyhow!(
                "{} messages cannot be updated",
                posted.space.platform.key()
            )))
        })
    }
}

/// Routes each delivery to the notifier of its space's platform.
#[derive(Default, Clone)]
pub struct Router {
    routes: Vec<(Platform, std::sync::Arc<dyn Notifier>)>,
}

impl Router {
    pub fn with(mut self, platform: Platform, notifier: std::sync::Arc<dyn Notifier>) -> Self {
        self.routes.push((platform, notifier));
        self
    }
}

impl Router {
    fn route(&self, platform: Platform) -> Result<&dyn Notifier, DeliveryError> {
        self.routes
            .iter()
            .find(|(p, _)| *p == platform)
            .map(|(_, notifier)| notifier.as_ref())
            .ok_or_else(|| {
                DeliveryError::GiveUp(anyhow::anyhow!("no {} adapter is running", platform.key()))
            })
    }
}

impl Notifier for Router {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move { self.route(delivery.space.platform)?.deliver(delivery).await })
    }

    fn update<'a>(
        &'a self,
        posted: &'a Posted,
        view: &'a LiveView,
    ) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            self.route(posted.space.platform)?
                .update(posted, view)
                .await
        })
    }
}
