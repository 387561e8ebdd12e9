//! Messages kumpul posts as its own beside an interaction's answer ([`Reply::standalone`]).
//!
//! Discord shows the answer to a slash command with "<user> used /idea add" above it, so
//! an anonymous idea's card cannot be that answer. It is posted as a plain channel message
//! instead — no message reference, no interaction, pings exactly as its mentions say — and
//! the answer, a short acknowledgement, goes to the author alone. Its anchor is recorded
//! like that of any posted card, so buttons and live counts work on it.

use kumpul_core::port::{Locale, Msg, Reply, Tone};
use serenity::all::{ChannelId, Context, Message};

use super::Handler;
use super::answer::Pending;
use crate::render;

impl Handler {
    /// Posts the standalone messages of `reply` where the interaction happened (or in the
    /// thread a message names) and records their anchors. Returns the acknowledgement to
    /// give — `reply`, or when a message could not be posted a note saying so, since the
    /// acknowledgement would claim it was — and the messages that were posted.
    pub(super) async fn post_standalone(
        &self,
        ctx: &Context,
        pending: &Pending<'_>,
        mut reply: Reply,
        locale: Locale,
    ) -> (Reply, Vec<(Reply, Message)>) {
        let standalone = std::mem::take(&mut reply.standalone);
        if standalone.is_empty() {
            return (reply, Vec::new());
        }
        let guild = pending.guild();
        let mut all_posted = true;
        let mut posted = Vec::with_capacity(standalone.len());
        for message in standalone {
            // Public messages speak the server's language (the core marked them so).
            let public_locale = message.locale.unwrap_or(locale);
            let (first, complete) = self
                .post_one(ctx, pending.channel(), &message, public_locale)
                .await;
            all_posted &= complete;
            if let Some(first) = first {
                self.record(ctx, &message, &first, guild).await;
                posted.push((message, first));
            }
        }
        if !all_posted {
            reply = self.not_posted(reply, locale);
        }
        (reply, posted)
    }

    /// Sends one standalone message, part by part: the first message sent (the one that
    /// carries its card), and whether every part went out.
    async fn post_one(
        &self,
        ctx: &Context,
        channel: ChannelId,
        message: &Reply,
        locale: Locale,
    ) -> (Option<Message>, bool) {
        // A thread is a channel of its own.
        let channel = match message.placement.thread().map(str::parse::<u64>) {
            Some(Ok(thread)) => ChannelId::new(thread),
            Some(Err(_)) => {
                tracing::warn!("a standalone message names a thread that is not a Discord id");
                return (None, false);
            }
            None => channel,
        };
        let mut first = None;
        for part in render::render(message, self.bot.i18n(), locale) {
            match channel.send_message(&ctx.http, part.message()).await {
                Ok(sent) => {
                    first.get_or_insert(sent);
                }
                Err(error) => {
                    tracing::warn!(%error, "could not post a standalone message");
                    return (first, false);
                }
            }
        }
        (first, true)
    }

    /// The acknowledgement when a standalone message could not be posted: what was done
    /// is saved (the core commits before it answers), but nobody else can see it.
    fn not_posted(&self, ack: Reply, locale: Locale) -> Reply {
        let note = self
            .bot
            .i18n()
            .rich(locale, &Msg::new("discord-standalone-failed"));
        let mut reply = Reply::private(Tone::Warning, note);
        reply.effects = ack.effects;
        reply
    }
}
