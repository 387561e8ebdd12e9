//! The port: everything an adapter may use of the core — the Discord and Matrix crates, the
//! console and the binary's wiring compile against this module and nothing else.
//!
//! It re-exports the platform-neutral vocabulary (invocations, replies, deliveries, the
//! catalogue for registration, storage and clocks for wiring) and adds the few questions
//! an adapter must ask the core to route platform events: which poll a typed vote goes
//! to, what a native poll response or a reaction shortcut means, which group names to
//! suggest. Features, their repositories and their action words stay behind it, so an
//! adapter never spells a core string and a feature can change its tables freely.

pub use crate::bot::{Bot, CoreConfig};
pub use crate::catalogue::{
    self, CommandSpec, OptionKind, OptionSpec, choice_key, description_key, option_key,
};
pub use crate::command::{Call, ParseError, is_command, parse as parse_command};
pub use crate::features::threads::repo::ThreadMessage;
pub use crate::i18n::{I18n, Locale, Msg};
pub use crate::identity::{Actor, ChannelId, Invocation, Platform, Role, RoleId, SpaceId, UserId};
pub use crate::limits::Limits;
pub use crate::live::run as run_live;
pub use crate::notify::{
    Audience, BoxFuture, Delivery, DeliveryError, LiveView, Notifier, Posted, Recipient, Router,
};
pub use crate::reply::{
    Action, ActionId, ActionStyle, Alternate, Anchor, Attachment, Block, CalendarEntry,
    CalendarSeries, Choice, Effect, Field, Form, Inline, Line, Mentions, NativePoll, Placement,
    Reply, Select, Tone, Visibility,
};
pub use crate::scheduler::{Scheduler, SchedulerConfig, StartReport};
pub use crate::store::{
    BackupReport, Location, PG_DUMP_HINT, Store, StoreOptions, Synchronous, redact_url,
};
pub use crate::surface::Surface;
pub use crate::time::clock::{Clock, ManualClock, SystemClock};
pub use crate::time::recur::{End as RuleEnd, Freq, Rule};
pub use crate::time::{Zone, format as time_format};
pub use crate::vocab::{AnchorKind, Answer};

use tracing::Instrument;

use crate::dispatch::Command;
use crate::features::{events, groups, ideas, polls, threads};
use crate::vocab::{EventIntent, IdeaIntent, Intent, VoterVisibility};

/// What an adapter must know of a poll to route a typed vote (Matrix sends votes on
/// secret polls by direct message only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollRoute {
    pub open: bool,
    pub secret: bool,
}

/// A reaction a platform offers as a shortcut for a button (Matrix: ✅ ❓ ❌ on an event
/// card, 👍 on an idea).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    Answer(Answer),
    Upvote,
}

/// A reaction kumpul acts on: the platform's id of the reaction event (a Matrix event
/// id), and when the platform received it (UTC ms), which orders one person's reactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reaction<'a> {
    pub id: &'a str,
    pub at: i64,
}

impl Anchor {
    /// The action a shortcut stands for on this anchor's message, if it has one there.
    pub fn shortcut(&self, shortcut: Shortcut) -> Option<ActionId> {
        let intent = match (self.kind, shortcut) {
            (AnchorKind::Event, Shortcut::Answer(answer)) => Intent::Event(EventIntent::Rsvp {
                event: self.id,
                answer,
            }),
            (AnchorKind::Idea, Shortcut::Upvote) => Intent::Idea(IdeaIntent::Upvote(self.id)),
            _ => return None,
        };
        Some(ActionId::new(intent))
    }
}

impl Bot {
    /// A reaction shortcut on one of kumpul's cards (`anchor`, see [`Anchor::shortcut`]):
    /// an answer to an event, an upvote of an idea, given as a click would be and
    /// remembered, so that taking the reaction back ([`Bot::withdraw_reaction`]) undoes it.
    /// The reply is a click's: a refusal is an error to show the actor. `None`: the
    /// shortcut means nothing on this anchor.
    pub async fn handle_reaction(
        &self,
        inv: &Invocation,
        anchor: Anchor,
        shortcut: Shortcut,
        reaction: Reaction<'_>,
    ) -> Option<Reply> {
        let action = anchor.shortcut(shortcut)?;
        let span = tracing::info_span!(
            "reaction",
            platform = inv.space.platform.key(),
            space = %inv.space.id,
            action = %action.intent().name()
        );
        async {
            let ctx = self.ctx(inv).await;
            let result = match shortcut {
                Shortcut::Answer(answer) => {
                    events::react(&ctx, anchor.id, answer, reaction.id, reaction.at).await
                }
                Shortcut::Upvote => ideas::react(&ctx, anchor.id, reaction.id, reaction.at).await,
            };
            Some(self.finish(&ctx, result))
        }
        .instrument(span)
        .await
    }

    /// The reaction `reaction_id` of `space` was taken back (Matrix: redacted, by its
    /// sender or by a moderator — either way it is gone for everyone): whatever kumpul did
    /// for it is withdrawn — an answer to an event (the person's latest reaction still
    /// standing decides, else their typed answer, else none, and the waitlist moves up),
    /// an upvote. Nothing is said to anyone; the cards show the counts that result.
    /// `now_ms`: the moment it was taken back (as [`Invocation::now_ms`]). `only_of`: who
    /// took it back, when they may take back only their own (Matrix delivers a redaction
    /// of someone else's event by anyone of the same server, and leaves the check to
    /// clients): a reaction of someone else then stands. `false`: nothing was withdrawn
    /// (kumpul had not acted on that reaction, or it was not theirs to take back).
    pub async fn withdraw_reaction(
        &self,
        space: &SpaceId,
        reaction_id: &str,
        only_of: Option<&UserId>,
        now_ms: i64,
    ) -> anyhow::Result<bool> {
        let only_of = only_of.map(UserId::key);
        let only_of = only_of.as_deref();
        if events::withdraw_reaction(self, space, reaction_id, only_of, now_ms).await? {
            return Ok(true);
        }
        ideas::withdraw_reaction(self, space, reaction_id, only_of).await
    }

    /// Poll `number` of `space` as far as routing a vote needs; `None`: no such poll.
    pub async fn poll_route(
        &self,
        space: &SpaceId,
        number: i64,
    ) -> anyhow::Result<Option<PollRoute>> {
        let mut conn = self.store().pool().acquire().await?;
        let poll = polls::repo::fetch_poll_by_number(&mut conn, &space.key(), number).await?;
        Ok(poll.map(|p| PollRoute {
            open: p.is_open(),
            secret: p.voters == VoterVisibility::Secret,
        }))
    }

    /// Counts a response in a platform's own poll (a Matrix poll) by `inv`'s actor, and
    /// answers it: `start` is the message id of the poll it answers, `answers` the answer
    /// ids (the option numbers, `"1"`, `"2"`, …; none: the vote is taken back). The
    /// ballot is stored as picked in that poll, so results can say how many were not (the
    /// platform's poll shows only its own). `None` when it answers none of our polls — or
    /// a poll whose voters are not public: a native response is a room event naming its
    /// sender and choice, so it never counts on a private or secret poll, whatever a
    /// client sends.
    pub async fn native_vote(
        &self,
        inv: &Invocation,
        start: &str,
        answers: &[String],
    ) -> anyhow::Result<Option<Reply>> {
        let Some(anchor) = self.posted_anchor(&inv.space, start).await? else {
            return Ok(None);
        };
        if anchor.kind != AnchorKind::Poll {
            return Ok(None);
        }
        let mut conn = self.store().pool().acquire().await?;
        let poll = polls::repo::fetch_poll(&mut conn, anchor.id).await?;
        if !poll.is_some_and(|p| p.voters == VoterVisibility::Public) {
            return Ok(None);
        }
        drop(conn);
        let command = polls::PollCommand::from_native(anchor.id, answers).map(Command::Poll);
        Ok(Some(self.handle_event(inv, "poll:native", command).await))
    }

    /// Names of the space's groups that start with or contain `typed`, for autocomplete.
    pub async fn group_names_like(
        &self,
        space: &SpaceId,
        typed: &str,
        limit: usize,
    ) -> anyhow::Result<Vec<String>> {
        let mut conn = self.store().pool().acquire().await?;
        Ok(groups::repo::suggest_group_names(&mut conn, &space.key(), typed, limit).await?)
    }

    /// The platform thread of thread `number` of `space`, if it has one.
    pub async fn platform_thread(
        &self,
        space: &SpaceId,
        number: i64,
    ) -> anyhow::Result<Option<String>> {
        let mut conn = self.store().pool().acquire().await?;
        let thread = threads::repo::fetch_thread_by_number(&mut conn, &space.key(), number).await?;
        Ok(thread.and_then(|t| t.platform_thread))
    }

    /// Start-up: moves secret-poll keys an older kumpul kept in the database to key files
    /// and destroys key files no poll needs any more. Call once before serving.
    pub async fn prepare_secret_keys(&self) -> anyhow::Result<()> {
        polls::prepare_secret_keys(self).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_map_to_the_buttons_of_their_anchor_only() {
        let event = Anchor {
            kind: AnchorKind::Event,
            id: 4,
        };
        let idea = Anchor {
            kind: AnchorKind::Idea,
            id: 5,
        };
        let poll = Anchor {
            kind: AnchorKind::Poll,
            id: 6,
        };
        let going = Shortcut::Answer(Answer::Going);
        assert_eq!(
            event.shortcut(going).map(|a| a.encode()).as_deref(),
            Some("k1:event:rsvp:4/going")
        );
        assert_eq!(
            idea.shortcut(Shortcut::Upvote)
                .map(|a| a.encode())
                .as_deref(),
            Some("k1:idea:upvote:5")
        );
        assert_eq!(event.shortcut(Shortcut::Upvote), None);
        assert_eq!(idea.shortcut(going), None);
        assert_eq!(poll.shortcut(going), None);
    }
}
