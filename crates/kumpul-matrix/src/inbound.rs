//! What arrives from a room and becomes a core call: text commands (after the prefix or a
//! mention of kumpul, routed by [`crate::private`] when they must stay private),
//! reactions as shortcuts (and their redactions, which take them back), votes in native
//! polls, and messages counted in kumpul's threads; with who acts and where
//! ([`Context::invocation`]). Replies go out through [`crate::send`].

use kumpul_core::port::{
    Actor, AnchorKind, Answer, ChannelId, Clock, Effect, Invocation, Platform, Reaction, Role,
    Shortcut, SpaceId, SystemClock, ThreadMessage, UserId as KUserId,
};
use matrix_sdk::room::{ParentSpace, Room};
use matrix_sdk::ruma::UserId;
use matrix_sdk::ruma::events::reaction::OriginalSyncReactionEvent;
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation,
};
use matrix_sdk::ruma::events::room::power_levels::UserPowerLevel;
use matrix_sdk::ruma::events::room::redaction::OriginalSyncRoomRedactionEvent;
use matrix_sdk::{Client, RoomState};

use crate::{Context, polls, private};

/// The text of a message without a reply fallback (`> <@x> quoted` lines).
fn command_text(body: &str) -> &str {
    let mut rest = body;
    while let Some(stripped) = rest.strip_prefix('>') {
        rest = stripped.split_once('\n').map_or("", |(_, after)| after);
    }
    rest.trim()
}

impl Context {
    pub(crate) async fn on_message(
        &self,
        event: OriginalSyncRoomMessageEvent,
        room: Room,
        client: Client,
    ) {
        if room.state() != RoomState::Joined || Some(event.sender.as_ref()) == client.user_id() {
            return;
        }
        if matches!(event.content.relates_to, Some(Relation::Replacement(_))) {
            return; // an edit: we answered the original already
        }
        if let Some(Relation::Thread(thread)) = &event.content.relates_to {
            self.record_thread_message(&room, &event, thread.event_id.as_str())
                .await;
        }
        let MessageType::Text(text) = &event.content.msgtype else {
            return;
        };
        let Some(text) = self.command_in(command_text(&text.body), &event, &client) else {
            return;
        };
        let (named, command) = private::split_room(&text);
        let kind = private::classify(command);
        // `None`: a private command refused or misaddressed, already answered.
        let Some(target) = self
            .placement(kind, named, command, &event, &room, &client)
            .await
        else {
            return;
        };
        let Some(inv) = self
            .invocation(target.as_ref().unwrap_or(&room), &event.sender)
            .await
        else {
            return;
        };
        let reply = self.bot.handle_text(&inv, command).await;
        // Derived from the command's event: if kumpul restarts while answering, the
        // homeserver drops the repeat.
        let txn = format!("re-{}", event.event_id);
        self.send_reply(&room, &inv, &reply, Some(&event), &txn)
            .await;
        if reply.effects.contains(&Effect::LeaveSpace) {
            tracing::info!(room = %room.room_id(), "leaving a room at a moderator's request");
            if let Err(error) = room.leave().await {
                tracing::error!(%error, "could not leave a room");
            }
        }
    }

    /// Reactions as shortcuts: ✅ ❔ ❌ on an event's message answer it (going, maybe, not
    /// going); 👍 on an idea's message upvotes it. Only refusals are answered (the
    /// reaction itself shows the answer). Taking one back is [`Context::on_redaction`].
    pub(crate) async fn on_reaction(
        &self,
        event: OriginalSyncReactionEvent,
        room: Room,
        client: Client,
    ) {
        if room.state() != RoomState::Joined || Some(event.sender.as_ref()) == client.user_id() {
            return;
        }
        let key = event.content.relates_to.key.as_str();
        let Some(inv) = self.invocation(&room, &event.sender).await else {
            return;
        };
        let target = event.content.relates_to.event_id.as_str();
        let anchor = match self.bot.posted_anchor(&inv.space, target).await {
            Ok(Some(anchor)) => anchor,
            Ok(None) => {
                // Any reaction counts towards a thread digest's "most reacted".
                if let Err(error) = self
                    .bot
                    .record_thread_reaction(&inv.space, None, target, 1)
                    .await
                {
                    tracing::warn!(error = format!("{error:#}"), "could not count a reaction");
                }
                return;
            }
            Err(error) => {
                tracing::error!(
                    error = format!("{error:#}"),
                    "could not read a reaction's target"
                );
                return;
            }
        };
        // A reaction stands for an answer on an event card, an upvote on an idea.
        let shortcut = reaction_answer(key)
            .map(Shortcut::Answer)
            .filter(|_| anchor.kind == AnchorKind::Event)
            .or_else(|| reaction_upvote(key).map(|()| Shortcut::Upvote));
        let Some(shortcut) = shortcut else {
            return;
        };
        // Remembered with the reaction's id: taking it back (a redaction) withdraws it.
        let reaction = Reaction {
            id: event.event_id.as_str(),
            at: i64::from(event.origin_server_ts.get()),
        };
        let Some(reply) = self
            .bot
            .handle_reaction(&inv, anchor, shortcut, reaction)
            .await
        else {
            return;
        };
        if reply.tone == kumpul_core::port::Tone::Error {
            let txn = format!("react-{}", event.event_id);
            self.send_refusal(&room, &inv, &reply, &event.event_id, &event.sender, &txn)
                .await;
        }
    }

    /// A redaction: when it takes back a reaction kumpul acted on, what the reaction did is
    /// withdrawn (an answer to an event, an upvote), whoever redacted it — the sender or
    /// someone with the power to redact others, the reaction is gone for everyone. Nothing is posted: the card shows the
    /// counts that result. Any other redaction is looked up and left alone.
    pub(crate) async fn on_redaction(&self, event: OriginalSyncRoomRedactionEvent, room: Room) {
        if room.state() != RoomState::Joined {
            return;
        }
        // Room v11 and later name the redacted event in the content, older rooms at the top
        // level of the event (Synapse writes both in v11 rooms for older clients).
        let Some(redacts) = event.content.redacts.as_ref().or(event.redacts.as_ref()) else {
            return;
        };
        let space = SpaceId::new(Platform::Matrix, self.space_of(&room).await);
        let now = SystemClock.now_ms();
        // The homeserver passes on a redaction of someone else's event by anyone of its
        // own server and leaves the check to clients: without the power to redact others,
        // a redaction takes back only the redactor's own reactions.
        let may_redact_others = room
            .power_levels()
            .await
            .is_ok_and(|levels| levels.user_can_redact_event_of_other(&event.sender));
        let redactor = KUserId::new(Platform::Matrix, event.sender.as_str());
        let only_of = (!may_redact_others).then_some(&redactor);
        match self
            .bot
            .withdraw_reaction(&space, redacts.as_str(), only_of, now)
            .await
        {
            Ok(true) => tracing::debug!("a reaction was taken back"),
            Ok(false) => {}
            Err(error) => tracing::error!(
                error = format!("{error:#}"),
                "could not withdraw a reaction that was taken back"
            ),
        }
    }

    /// A vote cast in a native poll: counted like any other; only errors are answered.
    pub(crate) async fn on_poll_response(
        &self,
        response: polls::Response<'_>,
        room: Room,
        client: Client,
    ) {
        if room.state() != RoomState::Joined || Some(response.sender) == client.user_id() {
            return;
        }
        let Some(inv) = self.invocation(&room, response.sender).await else {
            return;
        };
        // The core decides: only public polls take native responses (a response is a
        // room event naming its sender and choice).
        let answers = &response.answers;
        let reply = match self
            .bot
            .native_vote(&inv, response.start.as_str(), answers)
            .await
        {
            Ok(Some(reply)) => reply,
            Ok(None) => return,
            Err(error) => {
                tracing::error!(
                    error = format!("{error:#}"),
                    "could not read a poll response"
                );
                return;
            }
        };
        if polls::worth_posting(&reply) {
            let txn = format!("vote-{}", response.id);
            self.send_refusal(&room, &inv, &reply, response.id, response.sender, &txn)
                .await;
        }
    }

    /// Counts a message written in a thread kumpul opened (who, when, a link; no text).
    async fn record_thread_message(
        &self,
        room: &Room,
        event: &OriginalSyncRoomMessageEvent,
        root: &str,
    ) {
        let space = SpaceId::new(Platform::Matrix, self.space_of(room).await);
        let name = match room.get_member_no_sync(&event.sender).await {
            Ok(Some(member)) => member.name().to_owned(),
            _ => event.sender.localpart().to_owned(),
        };
        let record = ThreadMessage {
            message_id: event.event_id.to_string(),
            author_id: KUserId::new(Platform::Matrix, event.sender.as_str()).key(),
            author_name: name,
            sent_at: i64::from(event.origin_server_ts.get()),
            reactions: 0,
            link: Some(format!(
                "https://matrix.to/#/{}/{}",
                room.room_id(),
                event.event_id
            )),
        };
        if let Err(error) = self.bot.record_thread_message(&space, root, &record).await {
            tracing::warn!(
                error = format!("{error:#}"),
                "could not record thread activity"
            );
        }
    }

    /// The command in a message: after the prefix (only if it names one of our commands),
    /// or after a mention of the bot (any text, so a wrong command gets help).
    fn command_in(
        &self,
        body: &str,
        event: &OriginalSyncRoomMessageEvent,
        client: &Client,
    ) -> Option<String> {
        if let Some(rest) = body.strip_prefix(&self.settings.prefix) {
            // `!in #room poll vote 3 1` names the room first ([`private`]).
            let command = private::split_room(rest).1;
            let first = command.split_whitespace().next().unwrap_or_default();
            return kumpul_core::port::is_command(first).then(|| rest.to_owned());
        }
        let me = client.user_id()?;
        let mentioned = event
            .content
            .mentions
            .as_ref()
            .is_some_and(|m| m.user_ids.contains(me));
        if !mentioned {
            return None;
        }
        // Drop the leading "kumpul:" that clients put before a pill's plain text.
        let rest = body.split_once(':').map_or(body, |(head, tail)| {
            if head.contains(me.localpart()) || !head.contains(' ') {
                tail
            } else {
                body
            }
        });
        Some(
            rest.trim()
                .trim_start_matches(self.settings.prefix.as_str())
                .to_owned(),
        )
    }

    /// The kumpul space of a room: the room itself, or with `share_space` its Matrix space
    /// when the space lists the room as a child (a room cannot claim a space on its own).
    pub(crate) async fn space_of(&self, room: &Room) -> String {
        if self.settings.share_space
            && let Ok(parents) = room.parent_spaces().await
        {
            use futures_util::StreamExt;
            let mut parents = std::pin::pin!(parents);
            while let Some(parent) = parents.next().await {
                if let Ok(ParentSpace::Reciprocal(space) | ParentSpace::WithPowerlevel(space)) =
                    parent
                {
                    return space.room_id().to_string();
                }
            }
        }
        room.room_id().to_string()
    }

    pub(crate) async fn invocation(&self, room: &Room, sender: &UserId) -> Option<Invocation> {
        let member = room.get_member(sender).await.ok().flatten();
        let name = member
            .as_ref()
            .and_then(|m| m.display_name().map(str::to_owned))
            .unwrap_or_else(|| sender.localpart().to_owned());
        let role = match member.as_ref().map(|m| m.power_level()) {
            Some(UserPowerLevel::Infinite) => Role::Admin,
            Some(UserPowerLevel::Int(level)) if i64::from(level) >= 100 => Role::Admin,
            Some(UserPowerLevel::Int(level))
                if i64::from(level) >= self.settings.moderator_level =>
            {
                Role::Moderator
            }
            _ => Role::Member,
        };
        Some(Invocation {
            space: SpaceId::new(Platform::Matrix, self.space_of(room).await),
            channel: Some(ChannelId::new(Platform::Matrix, room.room_id().as_str())),
            actor: Actor {
                user: KUserId::new(Platform::Matrix, sender.as_str()),
                display_name: name,
                role,
                // Power levels are Matrix's roles; there are no role ids to hold.
                roles: Vec::new(),
                // Matrix has no per-user language: the space's setting applies.
                locale: None,
            },
            now_ms: SystemClock.now_ms(),
            space_locale: None,
        })
    }
}

/// The RSVP a reaction stands for (emoji with or without a variation selector).
fn reaction_answer(key: &str) -> Option<Answer> {
    match key.trim_end_matches('\u{fe0f}') {
        "✅" | "✔" | "👍" => Some(Answer::Going),
        "❔" | "❓" | "🤔" => Some(Answer::Maybe),
        "❌" | "👎" => Some(Answer::No),
        _ => None,
    }
}

/// Whether a reaction is an upvote.
fn reaction_upvote(key: &str) -> Option<()> {
    matches!(key.trim_end_matches('\u{fe0f}'), "👍" | "➕" | "⬆").then_some(())
}
