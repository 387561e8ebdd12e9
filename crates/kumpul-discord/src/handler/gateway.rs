//! The gateway events other than interactions: a session becoming ready (the slash
//! commands are registered then), and messages and reactions, counted as activity in the
//! threads kumpul opened. Kept apart from [`super::interaction`] because none of them is
//! answered.

use std::sync::atomic::Ordering;

use kumpul_core::port::{Platform, SpaceId, ThreadMessage, UserId};
use serenity::all::{Context, Message, Reaction, Ready};

use super::Handler;
use crate::registration;

impl Handler {
    /// Registers the slash commands once a session is ready (in the background, with
    /// retries).
    pub(super) fn on_ready(&self, ctx: &Context, ready: &Ready) {
        tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
        // One registration (with its retries) at a time, however often sessions start.
        if self.registering.swap(true, Ordering::SeqCst) {
            return;
        }
        let commands = crate::commands::build(self.bot.i18n());
        let (http, guilds) = (ctx.http.clone(), self.dev_guild_ids.clone());
        let (state, retry, registering) = (
            self.registration.clone(),
            self.registration_retry,
            self.registering.clone(),
        );
        tokio::spawn(async move {
            registration::register(http, commands, guilds, state, retry).await;
            registering.store(false, Ordering::SeqCst);
        });
    }

    /// Counts a message written in a thread kumpul opened.
    pub(super) async fn on_message(&self, message: &Message) {
        let Some(guild) = message.guild_id else {
            return;
        };
        if message.author.bot {
            return;
        }
        let space = SpaceId::new(Platform::Discord, guild.get().to_string());
        let record = ThreadMessage {
            message_id: message.id.get().to_string(),
            author_id: UserId::new(Platform::Discord, message.author.id.get().to_string()).key(),
            author_name: message
                .member
                .as_ref()
                .and_then(|m| m.nick.clone())
                .or_else(|| message.author.global_name.clone())
                .unwrap_or_else(|| message.author.name.clone()),
            sent_at: message.timestamp.unix_timestamp() * 1000,
            reactions: 0,
            link: Some(message.link()),
        };
        let thread = message.channel_id.get().to_string();
        if let Err(error) = self
            .bot
            .record_thread_message(&space, &thread, &record)
            .await
        {
            tracing::warn!(
                error = format!("{error:#}"),
                "could not record thread activity"
            );
        }
    }

    pub(super) async fn count_reaction(&self, reaction: &Reaction, delta: i64) {
        let Some(guild) = reaction.guild_id else {
            return;
        };
        let space = SpaceId::new(Platform::Discord, guild.get().to_string());
        let message = reaction.message_id.get().to_string();
        if let Err(error) = self
            .bot
            .record_thread_reaction(
                &space,
                Some(&reaction.channel_id.get().to_string()),
                &message,
                delta,
            )
            .await
        {
            tracing::warn!(error = format!("{error:#}"), "could not count a reaction");
        }
    }
}
