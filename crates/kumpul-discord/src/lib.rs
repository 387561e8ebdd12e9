//! kumpul on Discord: a thin adapter on serenity.
//!
//! Slash commands are generated from the core catalogue ([`commands`]); interactions become
//! core calls and core replies become embeds, buttons and pings ([`handler`], [`render`]);
//! scheduled messages go out through [`DiscordNotifier`] with the job's idempotency key as
//! the message nonce.

pub mod calendar;
pub mod commands;
mod direct;
pub mod handler;
pub mod permissions;
pub mod registration;
pub mod render;
pub mod validate;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use kumpul_core::port::{
    Bot, BoxFuture, Delivery, DeliveryError, LiveView, Locale, Notifier, Platform, Posted, Surface,
};
use serenity::all::{
    ChannelId, Client, ClientBuilder, CreateMessage, GatewayIntents, GuildId, HttpBuilder,
    MessageId, Nonce, ScheduledEventId,
};
use serenity::http::Http;
use tokio_util::sync::CancellationToken;

/// What the adapter needs from the configuration.
pub struct DiscordSettings {
    pub token: String,
    /// Send REST calls to this base instead of discord.com (tests: a local fake).
    pub api_proxy: Option<String>,
    pub dev_guild_ids: Vec<u64>,
    pub defer_after: Duration,
    /// The first wait before registering the commands again after Discord refused them
    /// ([`REGISTRATION_RETRY`] in production); it doubles up to 15 minutes.
    pub registration_retry: Duration,
}

/// The first wait before a refused command registration is tried again.
pub const REGISTRATION_RETRY: Duration = Duration::from_secs(5);

impl std::fmt::Debug for DiscordSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordSettings")
            .field("token", &"<redacted>")
            .field("api_proxy", &self.api_proxy)
            .field("dev_guild_ids", &self.dev_guild_ids)
            .field("defer_after", &self.defer_after)
            .field("registration_retry", &self.registration_retry)
            .finish()
    }
}

/// Gateway intents: interactions need none; `GUILDS` tells us the guilds we are in;
/// guild messages and reactions let kumpul count activity in the threads it opened (no
/// privileged intent: the message text is neither needed nor received).
pub const INTENTS: GatewayIntents = GatewayIntents::GUILDS
    .union(GatewayIntents::GUILD_MESSAGES)
    .union(GatewayIntents::GUILD_MESSAGE_REACTIONS);

/// A connected-to-be client and the notifier that shares its HTTP client.
pub struct Discord {
    client: Client,
    pub notifier: Arc<DiscordNotifier>,
    registration: registration::RegistrationState,
}

impl Discord {
    /// Prepares the client. Asks the configured API for the gateway address first, so a
    /// wrong address fails here instead of serenity silently falling back to discord.com.
    pub async fn connect(bot: Bot, settings: DiscordSettings) -> anyhow::Result<Discord> {
        // Roles can be moderators; slash commands are private and reactions not answers.
        bot.describe_surface(
            Platform::Discord,
            Surface {
                roles: true,
                ..Surface::default()
            },
        );
        let mut http = HttpBuilder::new(&settings.token);
        if let Some(proxy) = &settings.api_proxy {
            // serenity only honours a proxy with its rate limiter off.
            http = http.proxy(proxy.clone()).ratelimiter_disabled(true);
        }
        let http = http.build();
        http.get_gateway()
            .await
            .context("asking Discord for the gateway address (is the token right?)")?;
        let state = registration::RegistrationState::default();
        let told = Arc::new(permissions::Told::default());
        let mirrored = Arc::new(calendar::Mirrored::default());
        let handler = handler::Handler {
            bot: bot.clone(),
            dev_guild_ids: settings.dev_guild_ids,
            defer_after: settings.defer_after,
            registration: state.clone(),
            registration_retry: settings.registration_retry,
            registering: Arc::default(),
            told: told.clone(),
            mirrored: mirrored.clone(),
        };
        let client = ClientBuilder::new_with_http(http, INTENTS)
            .event_handler(handler)
            .await
            .context("building the Discord client")?;
        let notifier = Arc::new(DiscordNotifier {
            bot,
            http: client.http.clone(),
            told,
            mirrored,
            direct: Arc::default(),
        });
        Ok(Discord {
            client,
            notifier,
            registration: state,
        })
    }

    /// Where the slash-command registration stands (readable while kumpul runs).
    pub fn registration(&self) -> registration::RegistrationState {
        self.registration.clone()
    }

    /// Runs until cancelled; reconnects are serenity's.
    pub async fn run(mut self, cancel: CancellationToken) -> anyhow::Result<()> {
        let shards = self.client.shard_manager.clone();
        let stopper = tokio::spawn(async move {
            cancel.cancelled().await;
            shards.shutdown_all().await;
        });
        let result = self
            .client
            .start()
            .await
            .context("running the Discord connection");
        stopper.abort();
        result
    }
}

/// Sends scheduled messages (reminders, poll results, summaries) to Discord channels.
pub struct DiscordNotifier {
    bot: Bot,
    http: Arc<Http>,
    /// Servers told about a missing permission (shared with the handler).
    told: Arc<permissions::Told>,
    /// What each mirrored scheduled event last showed, so it is edited only on change
    /// (shared with the handler, which creates them).
    mirrored: Arc<calendar::Mirrored>,
    /// The DM channel of each person kumpul wrote to privately ([`direct`]).
    direct: Arc<direct::DmChannels>,
}

impl DiscordNotifier {
    /// A notifier on `http` sharing the handler's memory (for what the handler sends).
    pub(crate) fn on(handler: &handler::Handler, http: Arc<Http>) -> Self {
        DiscordNotifier {
            bot: handler.bot.clone(),
            http,
            told: handler.told.clone(),
            mirrored: handler.mirrored.clone(),
            direct: Arc::default(),
        }
    }
}

/// A nonce for a delivery part: Discord accepts at most 25 characters, so the key is
/// hashed (FNV-1a, stable across versions) and the part number appended.
pub fn nonce(key: &str, part: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("k{hash:016x}{part}")
}

impl DiscordNotifier {
    async fn channel_for(&self, delivery: &Delivery) -> Result<ChannelId, DeliveryError> {
        // A thread is a channel of its own.
        if let Some(thread) = delivery.reply.placement.thread() {
            let id = thread
                .parse()
                .map_err(|_| DeliveryError::GiveUp(anyhow::anyhow!("bad thread id {thread}")))?;
            return Ok(ChannelId::new(id));
        }
        if let Some(channel) = delivery
            .channel
            .as_ref()
            .filter(|c| c.platform == Platform::Discord)
        {
            let id = channel.id.parse().map_err(|_| {
                DeliveryError::GiveUp(anyhow::anyhow!("bad channel id {}", channel.id))
            })?;
            return Ok(ChannelId::new(id));
        }
        let guild: u64 = delivery
            .space
            .id
            .parse()
            .map_err(|_| DeliveryError::GiveUp(anyhow::anyhow!("bad guild id")))?;
        let guild = self
            .http
            .get_guild(GuildId::new(guild))
            .await
            .map_err(classify)?;
        guild.system_channel_id.ok_or_else(|| {
            DeliveryError::GiveUp(anyhow::anyhow!(
                "the guild has no system channel to post in"
            ))
        })
    }
}

/// Client errors (missing access, unknown channel) will not heal; others may.
pub(crate) fn classify(error: serenity::Error) -> DeliveryError {
    match &error {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))
            if response.status_code.is_client_error() && response.status_code.as_u16() != 429 =>
        {
            DeliveryError::GiveUp(error.into())
        }
        _ => DeliveryError::Retry(error.into()),
    }
}

impl DiscordNotifier {
    /// Posts every part of `delivery` in `channel`, each with its nonce (enforced, so a
    /// retried delivery is not shown twice).
    async fn send_parts(
        &self,
        channel: ChannelId,
        delivery: &Delivery,
    ) -> Result<(), serenity::Error> {
        let locale = delivery.reply.locale.unwrap_or(Locale::En);
        for (index, part) in render::render(&delivery.reply, self.bot.i18n(), locale)
            .iter()
            .enumerate()
        {
            let message: CreateMessage = part
                .message()
                .nonce(Nonce::String(nonce(&delivery.key, index)))
                .enforce_nonce(true);
            channel.send_message(&self.http, message).await?;
        }
        Ok(())
    }
}

impl Notifier for DiscordNotifier {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            if let Some(recipient) = delivery.recipient() {
                return self.deliver_direct(recipient, delivery).await;
            }
            let channel = self.channel_for(delivery).await?;
            self.send_parts(channel, delivery).await.map_err(classify)?;
            for effect in &delivery.reply.effects {
                handler::thread_effect(&self.http, effect).await;
            }
            Ok(())
        })
    }

    /// Edits the posted message in place: embed, buttons and menus (a closed poll loses
    /// its buttons). Only the first part is kept current; pings are never re-sent.
    fn update<'a>(
        &'a self,
        posted: &'a Posted,
        view: &'a LiveView,
    ) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let bad = |what: &str| DeliveryError::GiveUp(anyhow::anyhow!("bad {what} id"));
            let locale = view.reply.locale.unwrap_or(Locale::En);
            if let Some(id) = posted.message_id.strip_prefix(calendar::PREFIX) {
                let guild: u64 = posted.space.id.parse().map_err(|_| bad("guild"))?;
                let id: u64 = id.parse().map_err(|_| bad("scheduled event"))?;
                let Some(entry) = view.reply.calendar() else {
                    return Ok(());
                };
                let updated = calendar::update(
                    self,
                    GuildId::new(guild),
                    ScheduledEventId::new(id),
                    posted.anchor,
                    entry,
                    locale,
                )
                .await;
                if view.ended {
                    self.mirrored.forget(id);
                }
                return updated;
            }
            let channel: u64 = posted
                .channel
                .as_ref()
                .and_then(|c| c.id.parse().ok())
                .ok_or_else(|| bad("channel"))?;
            let message: u64 = posted.message_id.parse().map_err(|_| bad("message"))?;
            let parts = render::render(&view.reply, self.bot.i18n(), locale);
            let Some(first) = parts.first() else {
                return Ok(());
            };
            let edit = render::Part {
                content: String::new(),
                ping_users: Vec::new(),
                ..first.clone()
            };
            ChannelId::new(channel)
                .edit_message(&self.http, MessageId::new(message), edit.edit_message())
                .await
                .map_err(classify)?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::nonce;

    #[test]
    fn nonces_are_short_stable_and_distinct() {
        let a = nonce("reminder:1:1700000000000", 0);
        assert!(a.len() <= 25, "{a}");
        assert_eq!(a, nonce("reminder:1:1700000000000", 0));
        assert_ne!(a, nonce("reminder:1:1700000000000", 1));
        assert_ne!(a, nonce("reminder:2:1700000000000", 0));
    }
}
