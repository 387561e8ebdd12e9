//! Gateway events to core calls: slash commands, button clicks and autocomplete.
//!
//! This module holds the [`Handler`] and the [`EventHandler`] impl that dispatches
//! serenity's events; the work is done in one module per role: `interaction` turns slash
//! commands, clicks and forms into core calls, `answer` answers them within Discord's
//! 3 seconds, `effects` carries out what a reply asks afterwards, `autocomplete` suggests
//! group names and `gateway` handles the other events (ready, messages, reactions).

mod answer;
mod autocomplete;
mod effects;
mod gateway;
mod interaction;
mod standalone;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use kumpul_core::port::Bot;
use serenity::all::{Context, EventHandler, Interaction, Message, Reaction, Ready};

use crate::permissions::Told;
use crate::registration::RegistrationState;

pub use effects::thread_effect;

pub struct Handler {
    pub bot: Bot,
    /// Commands are registered in these guilds only (instant, for development), or
    /// globally when empty.
    pub dev_guild_ids: Vec<u64>,
    /// How long a command may run before its interaction is deferred. Discord allows 3 s.
    pub defer_after: Duration,
    /// Where the slash-command registration stands.
    pub registration: RegistrationState,
    /// The first wait before registering again after Discord refused.
    pub registration_retry: Duration,
    /// Set while a registration (with its retries) is under way.
    pub registering: Arc<AtomicBool>,
    /// Servers whose moderators were told about a missing permission.
    pub told: Arc<Told>,
    /// What mirrored scheduled events last showed (shared with the notifier).
    pub mirrored: Arc<crate::calendar::Mirrored>,
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        self.on_ready(&ctx, &ready);
    }

    /// Messages in threads kumpul opened are counted: author, time and a link, never text.
    async fn message(&self, _ctx: Context, message: Message) {
        self.on_message(&message).await;
    }

    async fn reaction_add(&self, _ctx: Context, reaction: Reaction) {
        self.count_reaction(&reaction, 1).await;
    }

    async fn reaction_remove(&self, _ctx: Context, reaction: Reaction) {
        self.count_reaction(&reaction, -1).await;
    }

    async fn resume(&self, _ctx: Context, _event: serenity::all::ResumedEvent) {
        tracing::info!("Discord gateway connection resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match &interaction {
            Interaction::Command(command) => self.on_command(&ctx, command).await,
            Interaction::Component(component) => self.on_component(&ctx, component).await,
            Interaction::Autocomplete(command) => self.on_autocomplete(&ctx, command).await,
            Interaction::Modal(modal) => self.on_modal(&ctx, modal).await,
            _ => {}
        }
    }
}
