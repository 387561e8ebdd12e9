//! Messages that kumpul sends on its own — reminders, closing polls, summaries — go out
//! through a [`Notifier`], which each platform adapter implements.
//!
//! Every [`Delivery`] carries an idempotency key derived from its job. Adapters pass it to
//! the platform's own de-duplication (Matrix: the transaction id of `PUT /send`; Discord:
//! the message `nonce` with `enforce_nonce`), so a delivery retried after a crash between
//! sending and recording never shows up twice.

use std::future::Future;
use std::pin::Pin;

use crate::identity::{ChannelId, Platform, SpaceId};
use crate::reply::{Anchor, Reply};

/// Who a delivery is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Posted in the channel for everyone (pings only the reply's mentions).
    Channel,
    /// Only the space's moderators (Discord: a moderators-only channel or DMs; Matrix:
    /// the room, mentioning moderators; console: marked as such).
    Moderators,
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
