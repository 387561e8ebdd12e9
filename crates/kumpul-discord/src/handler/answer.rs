//! Answering an interaction within Discord's 3 seconds: directly when the core is quick,
//! else deferred ephemerally and followed up; a form opens as a modal. [`Pending`] is the
//! interaction being answered, [`Answered`] what it gave, for [`super::effects`].

use kumpul_core::port::{Effect, Locale, Reply, Visibility};
use serenity::all::{
    CommandInteraction, ComponentInteraction, Context, CreateInteractionResponse, Message,
    ModalInteraction,
};

use super::Handler;
use crate::render;

/// Whether the posted message of a reply is needed afterwards: to keep it current, or to
/// open a thread on it.
fn needs_message(reply: &Reply) -> bool {
    reply.visibility == Visibility::Public
        && (reply.anchor().is_some()
            || reply
                .effects
                .iter()
                .any(|e| matches!(e, Effect::OpenThread { .. })))
}

/// One interaction being answered: a command, a click or pick, or a submitted form.
pub(super) enum Pending<'a> {
    Command(&'a CommandInteraction),
    Component(&'a ComponentInteraction),
    Modal(&'a ModalInteraction),
}

/// Calls the same method on whichever interaction is pending (serenity's interaction
/// types share no trait).
macro_rules! on_pending {
    ($pending:expr, $i:ident => $call:expr) => {
        match $pending {
            Pending::Command($i) => $call,
            Pending::Component($i) => $call,
            Pending::Modal($i) => $call,
        }
    };
}

impl Pending<'_> {
    async fn respond(
        &self,
        ctx: &Context,
        response: CreateInteractionResponse,
    ) -> serenity::Result<()> {
        on_pending!(self, i => i.create_response(&ctx.http, response).await)
    }

    async fn edit(&self, ctx: &Context, part: &render::Part) -> serenity::Result<Message> {
        on_pending!(self, i => i.edit_response(&ctx.http, part.edit()).await)
    }

    async fn delete(&self, ctx: &Context) -> serenity::Result<()> {
        on_pending!(self, i => i.delete_response(&ctx.http).await)
    }

    async fn followup(&self, ctx: &Context, part: &render::Part) -> serenity::Result<Message> {
        on_pending!(self, i => i.create_followup(&ctx.http, part.followup()).await)
    }

    pub(super) fn guild(&self) -> Option<serenity::all::GuildId> {
        on_pending!(self, i => i.guild_id)
    }

    pub(super) fn channel(&self) -> serenity::all::ChannelId {
        on_pending!(self, i => i.channel_id)
    }

    /// The message the first response became.
    async fn original(&self, ctx: &Context) -> serenity::Result<Message> {
        on_pending!(self, i => i.get_response(&ctx.http).await)
    }
}

/// What answering an interaction gave: the reply and, when it was needed, the message it
/// became; then each standalone message that was posted, with that message.
pub(super) struct Answered {
    pub(super) reply: Reply,
    pub(super) posted: Option<Message>,
    pub(super) standalone: Vec<(Reply, Message)>,
}

/// Defers an interaction ephemerally: Discord shows "thinking…" to its author alone.
async fn defer(ctx: &Context, pending: &Pending<'_>) {
    let private = serenity::all::CreateInteractionResponseMessage::new().ephemeral(true);
    if let Err(error) = pending
        .respond(ctx, CreateInteractionResponse::Defer(private))
        .await
    {
        tracing::warn!(%error, "could not defer an interaction");
    }
}

impl Handler {
    /// Answers within Discord's 3 seconds: directly if the core is quick, otherwise by
    /// deferring (ephemerally, so nothing private can leak) and following up.
    ///
    /// `private_first`: the call must not show who gave it (an anonymous idea), so it is
    /// deferred ephemerally at once — any public first response, even a deferred
    /// "thinking…", shows "<user> used /command" above it. A reply with standalone
    /// messages is deferred too, so they are posted before the answer is given.
    pub(super) async fn answer<F>(
        &self,
        ctx: &Context,
        pending: Pending<'_>,
        locale: Locale,
        private_first: bool,
        work: F,
    ) -> Answered
    where
        F: std::future::Future<Output = Reply>,
    {
        tokio::pin!(work);
        // A zero delay means "always defer" (useful to exercise the slow path).
        let quick = if private_first || self.defer_after.is_zero() {
            None
        } else {
            tokio::select! {
                reply = &mut work => Some(reply),
                () = tokio::time::sleep(self.defer_after) => None,
            }
        };
        let (result, reply, standalone) = match quick {
            Some(reply) if reply.form().is_some() => {
                (self.ask(ctx, &pending, &reply).await, reply, Vec::new())
            }
            Some(reply) if reply.standalone.is_empty() => (
                self.send_direct(ctx, &pending, &reply, locale).await,
                reply,
                Vec::new(),
            ),
            quick => {
                defer(ctx, &pending).await;
                let reply = match quick {
                    Some(reply) => reply,
                    None => work.await,
                };
                let (reply, standalone) = self.post_standalone(ctx, &pending, reply, locale).await;
                let result = self.send_deferred(ctx, &pending, &reply, locale).await;
                (result, reply, standalone)
            }
        };
        let posted = match result {
            Ok(Some(message)) => {
                self.record(ctx, &reply, &message, pending.guild()).await;
                Some(message)
            }
            Ok(None) => None,
            Err(error) => {
                tracing::error!(%error, "could not answer an interaction");
                None
            }
        };
        Answered {
            reply,
            posted,
            standalone,
        }
    }

    /// Opens the reply's form as a modal.
    async fn ask(
        &self,
        ctx: &Context,
        pending: &Pending<'_>,
        reply: &Reply,
    ) -> serenity::Result<Option<Message>> {
        if let Some(form) = reply.form() {
            pending
                .respond(ctx, CreateInteractionResponse::Modal(render::modal(form)))
                .await?;
        }
        Ok(None)
    }

    /// Answers in the interaction response itself. Returns the posted message when the
    /// reply is anchored (its id is needed to keep it current).
    async fn send_direct(
        &self,
        ctx: &Context,
        pending: &Pending<'_>,
        reply: &Reply,
        locale: Locale,
    ) -> serenity::Result<Option<Message>> {
        let parts = render::render(reply, self.bot.i18n(), reply.locale.unwrap_or(locale));
        let mut parts = parts.iter();
        if let Some(first) = parts.next() {
            pending
                .respond(ctx, CreateInteractionResponse::Message(first.response()))
                .await?;
        }
        for part in parts {
            pending.followup(ctx, part).await?;
        }
        if needs_message(reply) {
            return pending.original(ctx).await.map(Some);
        }
        Ok(None)
    }

    /// Completes a deferred answer. The deferral was ephemeral (nothing private can leak
    /// while the work runs), and Discord fixes a deferred response's visibility when it is
    /// deferred: a private reply edits the original response (the documented route), a
    /// public one replaces the placeholder with kumpul's own channel messages.
    async fn send_deferred(
        &self,
        ctx: &Context,
        pending: &Pending<'_>,
        reply: &Reply,
        locale: Locale,
    ) -> serenity::Result<Option<Message>> {
        let parts = render::render(reply, self.bot.i18n(), reply.locale.unwrap_or(locale));
        if reply.visibility == Visibility::Private {
            let mut parts = parts.iter();
            if let Some(first) = parts.next() {
                pending.edit(ctx, first).await?;
            }
            for part in parts {
                pending.followup(ctx, part).await?;
            }
            return Ok(None);
        }
        // Sent first: if kumpul may not post in this channel, the placeholder is edited
        // into the answer instead (only its author sees it, but nobody is left with nothing).
        let mut first_public = None;
        for part in &parts {
            match pending
                .channel()
                .send_message(&ctx.http, part.message())
                .await
            {
                Ok(message) => {
                    first_public.get_or_insert(message);
                }
                Err(error) if first_public.is_none() => {
                    tracing::warn!(%error, "could not post a public answer; shown to its author");
                    if let Some(first) = parts.first() {
                        pending.edit(ctx, first).await?;
                    }
                    return Ok(None);
                }
                Err(error) => return Err(error),
            }
        }
        if let Err(error) = pending.delete(ctx).await {
            tracing::warn!(%error, "could not remove the deferred placeholder");
        }
        Ok(first_public.filter(|_| needs_message(reply)))
    }
}
