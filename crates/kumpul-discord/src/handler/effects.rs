//! What is done after a reply was given: the posted message of an anchored reply is
//! recorded (and its scheduled event mirrored), threads are opened, archived or reopened,
//! and a server is left. Apart from [`super::answer`] because the notifier archives and
//! reopens threads too ([`thread_effect`]).

use kumpul_core::port::{ChannelId, Effect, Platform, Reply, SpaceId};
use serenity::all::{AutoArchiveDuration, ChannelType, Context, CreateThread, EditThread, Message};

use super::Handler;
use super::answer::Answered;

/// Archives or reopens a thread (the effects that need no posted message).
pub async fn thread_effect(http: &serenity::http::Http, effect: &Effect) {
    let (thread, archived) = match effect {
        Effect::ArchiveThread { thread } => (thread, true),
        Effect::ReopenThread { thread } => (thread, false),
        _ => return,
    };
    let Ok(id) = thread.parse::<u64>() else {
        return;
    };
    if let Err(error) = serenity::all::ChannelId::new(id)
        .edit_thread(http, EditThread::new().archived(archived))
        .await
    {
        tracing::warn!(%error, "could not archive or reopen a thread");
    }
}

impl Handler {
    /// Remembers where an anchored reply (a poll card) was posted, so it is kept current.
    pub(super) async fn record(
        &self,
        ctx: &Context,
        reply: &Reply,
        message: &Message,
        guild: Option<serenity::all::GuildId>,
    ) {
        let (Some(anchor), Some(guild)) = (reply.anchor(), guild) else {
            return;
        };
        let space = SpaceId::new(Platform::Discord, guild.get().to_string());
        let channel = ChannelId::new(Platform::Discord, message.channel_id.get().to_string());
        if let Err(error) = self
            .bot
            .record_posted(
                anchor,
                &space,
                Some(&channel),
                &message.id.get().to_string(),
                false,
            )
            .await
        {
            tracing::error!(
                error = format!("{error:#}"),
                "could not record a posted message"
            );
        }
        if let Some(entry) = reply.calendar() {
            let notifier = crate::DiscordNotifier::on(self, ctx.http.clone());
            let channel = Some(message.channel_id.get());
            crate::calendar::mirror(&notifier, guild, channel, anchor, entry).await;
        }
    }

    /// Carries out what the answer and its standalone messages ask of the platform, in
    /// that order.
    pub(super) async fn apply_effects(
        &self,
        ctx: &Context,
        guild: Option<serenity::all::GuildId>,
        answered: Answered,
    ) {
        let Answered {
            reply,
            posted,
            standalone,
        } = answered;
        let standalone = standalone
            .into_iter()
            .map(|(reply, message)| (reply, Some(message)));
        for (reply, posted) in std::iter::once((reply, posted)).chain(standalone) {
            self.apply_effects_of(ctx, guild, &reply, posted.as_ref())
                .await;
        }
    }

    /// Carries out what one reply asks of the platform. `posted`: the message the reply
    /// became, when the reply needed it (a thread is opened on it).
    async fn apply_effects_of(
        &self,
        ctx: &Context,
        guild: Option<serenity::all::GuildId>,
        reply: &Reply,
        posted: Option<&Message>,
    ) {
        for effect in &reply.effects {
            match effect {
                Effect::LeaveSpace => {
                    if let Some(guild) = guild {
                        tracing::info!(%guild, "leaving a server at a moderator's request");
                        if let Err(error) = guild.leave(&ctx.http).await {
                            tracing::error!(%error, "could not leave a server");
                        }
                    }
                }
                Effect::OpenThread { id, name } => {
                    let Some(message) = posted else { continue };
                    self.open_thread(ctx, guild, *id, name, message).await;
                }
                other => thread_effect(&ctx.http, other).await,
            }
        }
    }

    /// Opens a public thread on the message a reply became and records it. Without the
    /// permission to, the server's moderators are told (once).
    async fn open_thread(
        &self,
        ctx: &Context,
        guild: Option<serenity::all::GuildId>,
        id: i64,
        name: &str,
        message: &Message,
    ) {
        let builder = CreateThread::new(name.chars().take(100).collect::<String>())
            .kind(ChannelType::PublicThread)
            .auto_archive_duration(AutoArchiveDuration::OneWeek);
        match message
            .channel_id
            .create_thread_from_message(&ctx.http, message.id, builder)
            .await
        {
            Ok(thread) => {
                if let Err(error) = self
                    .bot
                    .record_thread(id, &thread.id.get().to_string())
                    .await
                {
                    tracing::error!(error = format!("{error:#}"), "could not record a thread");
                }
            }
            Err(error) if crate::permissions::is_missing_permission(&error) => {
                let notifier = crate::DiscordNotifier::on(self, ctx.http.clone());
                if let Some(guild) = guild {
                    self.told
                        .missing(
                            &self.bot,
                            &notifier,
                            guild.get(),
                            Some(message.channel_id.get()),
                            crate::permissions::CREATE_PUBLIC_THREADS,
                        )
                        .await;
                }
            }
            Err(error) => tracing::error!(%error, "could not open a thread"),
        }
    }
}
