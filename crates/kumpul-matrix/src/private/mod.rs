//! What must not be said in a room travels by direct message.
//!
//! A Matrix room message is an event everyone in the room can read, with its sender. So a
//! vote on a secret poll, and an idea whose author stays hidden (`idea add --anonymous`),
//! are only taken in a direct message (DM) with kumpul — a room of kumpul and one person:
//!
//! - **Typed in a shared room**, such a command is not carried out and nothing of it is
//!   repeated there: kumpul redacts the message when the room's power levels let it remove
//!   others' events, and tells the sender in their DM (an existing one, else a new one
//!   created with `is_direct`) that it was not counted and exactly what to send instead.
//!   Only if no DM can be had does it answer in the room, repeating nothing.
//! - **Sent in a DM**, it is routed to the shared room it is meant for: a vote to the
//!   room whose space has an open secret poll of that number, an anonymous idea to the
//!   one room the sender shares with kumpul. When several rooms could be meant, kumpul
//!   lists them and the sender names one by starting the message with it:
//!   `!in #club:example.org poll vote 3 1` (`in`, or Indonesian `di`, then the room's
//!   address, id or matrix.to link). The acknowledgement goes to the DM; the idea's card is
//!   posted in the room as kumpul's own message (`Reply::standalone`).

use kumpul_core::port::Msg;
use kumpul_core::port::{Platform, SpaceId, UserId as KUserId};
use matrix_sdk::Client;
use matrix_sdk::RoomMemberships;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::room::message::OriginalSyncRoomMessageEvent;
use matrix_sdk::ruma::{OwnedTransactionId, UserId};

use crate::Context;

mod parse;

pub(crate) use parse::{Private, classify, split_room};

/// A room of kumpul and at most one other person (joined or invited): what only its
/// two members can read. Counted from the stored member list: the member counts of a
/// sync's room summary come only with lazy-loaded members, which kumpul does not use.
/// When the members cannot be read, a room is not private: nothing secret is taken there.
pub(crate) async fn is_private(room: &Room) -> bool {
    if room.is_space() || room.active_members_count() > 2 {
        return false;
    }
    match room
        .client()
        .state_store()
        .get_user_ids(room.room_id(), RoomMemberships::ACTIVE)
        .await
    {
        Ok(members) => members.len() <= 2,
        Err(error) => {
            tracing::warn!(%error, "could not count a room's members");
            false
        }
    }
}

/// How a room is named in a command: its address if it has one, else its id.
fn reference(room: &Room) -> String {
    room.canonical_alias()
        .map(|alias| alias.to_string())
        .unwrap_or_else(|| room.room_id().to_string())
}

async fn name(room: &Room) -> String {
    room.display_name()
        .await
        .map(|n| n.to_string())
        .unwrap_or_else(|_| room.room_id().to_string())
}

/// The rooms as a list for a message: `Book club (#book:example.org), Hiking (!x…)`.
async fn names(rooms: &[Room]) -> String {
    let mut names = Vec::new();
    for room in rooms {
        names.push(format!("{} ({})", name(room).await, reference(room)));
    }
    names.join(", ")
}

async fn has_member(room: &Room, user: &UserId, states: &[MembershipState]) -> bool {
    room.get_member_no_sync(user)
        .await
        .ok()
        .flatten()
        .is_some_and(|m| states.contains(m.membership()))
}

/// The joined room a reference names (address, alternative address, id or matrix.to
/// link), if `sender` is in it too.
async fn room_named(client: &Client, reference: &str, sender: &UserId) -> Option<Room> {
    let target = reference
        .strip_prefix("https://matrix.to/#/")
        .unwrap_or(reference);
    let target = target.split('?').next().unwrap_or(target);
    let target = target
        .replace("%23", "#")
        .replace("%21", "!")
        .replace("%3A", ":")
        .replace("%3a", ":");
    for room in client.joined_rooms() {
        let named = room.room_id().as_str() == target
            || room.canonical_alias().is_some_and(|a| a.as_str() == target)
            || room.alt_aliases().iter().any(|a| a.as_str() == target);
        if named && has_member(&room, sender, &[MembershipState::Join]).await {
            return Some(room);
        }
    }
    None
}

/// What the sender of a private command typed in a room is told happened.
fn refusal(private: Private, open: bool) -> Msg {
    match private {
        Private::Vote { number, .. } if !open => {
            Msg::new("matrix-secret-vote-closed").num("number", number)
        }
        Private::Vote { number, retract } => Msg::new("matrix-secret-vote-not-counted")
            .num("number", number)
            .select("action", if retract { "retract" } else { "vote" }),
        Private::AnonymousIdea => Msg::new("matrix-anonymous-idea-not-posted"),
    }
}

impl Context {
    /// The kumpul space of a room, as a core id.
    async fn space_id(&self, room: &Room) -> SpaceId {
        SpaceId::new(Platform::Matrix, self.space_of(room).await)
    }

    /// Whether poll `number` of the room's space is secret, and if so whether it is open.
    pub(crate) async fn secret_poll(&self, room: &Room, number: i64) -> Option<bool> {
        let space = self.space_id(room).await;
        match self.bot.poll_route(&space, number).await {
            Ok(Some(route)) if route.secret => Some(route.open),
            Ok(_) => None,
            Err(error) => {
                tracing::error!(error = format!("{error:#}"), "could not look up a poll");
                None
            }
        }
    }

    /// The shared rooms, one per kumpul space, whose space has an open secret poll
    /// `number` and where `sender` is joined (never `except`, the DM itself).
    async fn vote_targets(
        &self,
        client: &Client,
        sender: &UserId,
        number: i64,
        except: Option<&Room>,
    ) -> Vec<Room> {
        let mut spaces: Vec<String> = Vec::new();
        let mut found = Vec::new();
        for shared in client.joined_rooms() {
            if except.is_some_and(|e| e.room_id() == shared.room_id()) || shared.is_space() {
                continue;
            }
            if !has_member(&shared, sender, &[MembershipState::Join]).await {
                continue;
            }
            let space = self.space_of(&shared).await;
            if spaces.contains(&space) {
                continue;
            }
            if self.secret_poll(&shared, number).await == Some(true) {
                spaces.push(space);
                found.push(shared);
            }
        }
        found
    }

    /// The rooms an anonymous idea from `sender` could be meant for: every room, not a
    /// DM, that kumpul and the sender are both joined to. An idea's card is posted in a
    /// room, so two rooms of one Matrix space are two choices.
    async fn idea_targets(&self, client: &Client, sender: &UserId) -> Vec<Room> {
        let mut found = Vec::new();
        for shared in client.joined_rooms() {
            if shared.is_space() || is_private(&shared).await {
                continue;
            }
            if has_member(&shared, sender, &[MembershipState::Join]).await {
                found.push(shared);
            }
        }
        found
    }

    /// What to send in the DM for `command` to reach `room`: the command after the
    /// room's reference, prefix included (`!in #club:example.org poll vote 3 1`).
    fn addressed(&self, word: &str, room: &Room, command: &str) -> String {
        format!(
            "{}{word} {} {command}",
            self.settings.prefix,
            reference(room)
        )
    }

    /// Where a command is carried out: `Some(Some(shared))` in the shared room a DM
    /// routes it to, `Some(None)` where it was sent, `None` nowhere (a private command
    /// typed in a room, or one that could not be routed; the sender has been answered).
    pub(crate) async fn placement(
        &self,
        kind: Option<Private>,
        named: Option<&str>,
        command: &str,
        event: &OriginalSyncRoomMessageEvent,
        room: &Room,
        client: &Client,
    ) -> Option<Option<Room>> {
        if is_private(room).await {
            return match self
                .route(kind, named, command, &event.sender, room, client)
                .await
            {
                Ok(target) => Some(target),
                Err(refusal) => {
                    self.answer(room, event, &refusal).await;
                    None
                }
            };
        }
        // In a room everyone can read: private commands are refused, never echoed.
        let secret = match kind {
            Some(Private::Vote { number, .. }) if named.is_none() => {
                self.secret_poll(room, number).await
            }
            Some(_) => Some(true),
            None => None,
        };
        if let (Some(kind), Some(open)) = (kind, secret) {
            self.refuse_in_room(kind, open, named, command, event, room, client)
                .await;
            return None;
        }
        if named.is_some() {
            let word = self.room_word(room).await;
            let msg = Msg::new("matrix-room-prefix-misplaced").code("word", word);
            self.answer(room, event, &msg).await;
            return None;
        }
        Some(None)
    }

    /// Answers `event` in `room` with a user error.
    async fn answer(&self, room: &Room, event: &OriginalSyncRoomMessageEvent, msg: &Msg) {
        if let Some(inv) = self.invocation(room, &event.sender).await {
            let reply = self.bot.user_error(&inv, msg).await;
            let txn = format!("re-{}", event.event_id);
            self.send_reply(room, &inv, &reply, Some(event), &txn).await;
        }
    }

    /// The word that names a room before a command, in the room's language (`in`, `di`).
    async fn room_word(&self, room: &Room) -> String {
        let locale = self.bot.locale_of_space(&self.space_id(room).await).await;
        self.bot.i18n().label(locale, "matrix-room-word")
    }

    /// Where a private command sent in the DM `room` goes: `Ok(Some(shared))` for the
    /// shared room it is meant for, `Ok(None)` to handle it in `room` itself (a vote on
    /// a poll of the small room's own space), `Err` with what to tell the sender.
    pub(crate) async fn route(
        &self,
        private: Option<Private>,
        named: Option<&str>,
        command: &str,
        sender: &UserId,
        room: &Room,
        client: &Client,
    ) -> Result<Option<Room>, Msg> {
        let word = self.room_word(room).await;
        let Some(private) = private else {
            return match named {
                Some(_) => Err(Msg::new("matrix-room-prefix-misplaced").code("word", word)),
                None => Ok(None),
            };
        };
        let named = match named {
            Some(reference) => match room_named(client, reference, sender).await {
                Some(target) if target.room_id() != room.room_id() => Some(target),
                _ => return Err(Msg::new("matrix-room-unknown").code("room", reference)),
            },
            None => None,
        };
        match private {
            Private::Vote { number, .. } => {
                self.route_vote(number, named, &word, command, sender, room, client)
                    .await
            }
            Private::AnonymousIdea => self.route_idea(named, &word, command, sender, client).await,
        }
    }

    /// Where a vote sent in the DM `room` goes (see [`Context::route`]).
    #[allow(clippy::too_many_arguments)]
    async fn route_vote(
        &self,
        number: i64,
        named: Option<Room>,
        word: &str,
        command: &str,
        sender: &UserId,
        room: &Room,
        client: &Client,
    ) -> Result<Option<Room>, Msg> {
        if let Some(target) = named {
            return match self.secret_poll(&target, number).await {
                Some(true) => Ok(Some(target)),
                _ => Err(Msg::new("matrix-vote-room-nowhere")
                    .num("number", number)
                    .strong("room", name(&target).await)),
            };
        }
        // A small room with a poll of that number of its own votes there.
        let here = self.space_id(room).await;
        match self.bot.poll_route(&here, number).await {
            Ok(Some(_)) => return Ok(None),
            Ok(None) => {}
            Err(error) => {
                tracing::error!(error = format!("{error:#}"), "could not look up a poll");
                return Ok(None);
            }
        }
        let mut found = self.vote_targets(client, sender, number, Some(room)).await;
        match found.len() {
            0 => Err(Msg::new("poll-private-vote-nowhere").num("number", number)),
            1 => Ok(found.pop()),
            _ => Err(Msg::new("poll-private-vote-ambiguous")
                .num("number", number)
                .text("rooms", names(&found).await)
                .code("command", self.addressed(word, &found[0], command))),
        }
    }

    /// Where an anonymous idea sent in a DM goes (see [`Context::route`]).
    async fn route_idea(
        &self,
        named: Option<Room>,
        word: &str,
        command: &str,
        sender: &UserId,
        client: &Client,
    ) -> Result<Option<Room>, Msg> {
        // Never into another DM: the card is for a room.
        if let Some(target) = named {
            return match is_private(&target).await {
                false => Ok(Some(target)),
                true => Err(Msg::new("matrix-room-unknown").code("room", reference(&target))),
            };
        }
        let mut found = self.idea_targets(client, sender).await;
        match found.len() {
            0 => Err(Msg::new("matrix-idea-room-nowhere")),
            1 => Ok(found.pop()),
            _ => Err(Msg::new("matrix-idea-room-ambiguous")
                .text("rooms", names(&found).await)
                .code("command", self.addressed(word, &found[0], command))),
        }
    }

    /// A private command typed in the shared `room`: not carried out, redacted where
    /// kumpul may, and the sender told in their DM what to send there instead. `open`:
    /// for a vote, whether its secret poll still takes votes.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn refuse_in_room(
        &self,
        private: Private,
        open: bool,
        named: Option<&str>,
        command: &str,
        event: &OriginalSyncRoomMessageEvent,
        room: &Room,
        client: &Client,
    ) {
        let Some(inv) = self.invocation(room, &event.sender).await else {
            return;
        };
        let locale = self.bot.space_locale(&inv).await;
        let i18n = self.bot.i18n();
        let reason = i18n.text(locale, &Msg::new("matrix-redaction-reason"));
        let removed = self.redact(room, event, &reason, client).await;
        let here = name(room).await;
        let removed_line = i18n.rich(
            locale,
            &Msg::new("matrix-removed-from-room")
                .select("removed", if removed { "yes" } else { "no" })
                .strong("room", &here),
        );
        let txn = format!("private-{}", event.event_id);
        let Some(direct) = self.direct_room(client, &event.sender).await else {
            // The room's answer repeats nothing of the command, only where it goes.
            let bot = client
                .user_id()
                .map(|id| id.to_string())
                .unwrap_or_default();
            let what = match private {
                Private::Vote { .. } => "vote",
                Private::AnonymousIdea => "idea",
            };
            let msg = Msg::new("matrix-private-no-dm")
                .select("what", what)
                .strong("bot", bot);
            let mut reply = self
                .bot
                .user_error(&inv, &msg)
                .await
                .paragraph(removed_line);
            reply.mentions.users = vec![KUserId::new(Platform::Matrix, event.sender.as_str())];
            self.send_reply(room, &inv, &reply, Some(event), &txn).await;
            return;
        };
        let mut reply = self
            .bot
            .user_error(&inv, &refusal(private, open).strong("room", &here))
            .await
            .paragraph(removed_line);
        if open || private == Private::AnonymousIdea {
            let send = self
                .to_send(private, named, command, room, client, &event.sender)
                .await;
            let how = Msg::new("matrix-send-here").code("command", send);
            reply = reply.paragraph(i18n.rich(locale, &how));
        }
        self.send_reply(&direct, &inv, &reply, None, &txn).await;
    }

    /// Exactly what the sender should send in their DM for `command` typed in `room`.
    async fn to_send(
        &self,
        private: Private,
        named: Option<&str>,
        command: &str,
        room: &Room,
        client: &Client,
        sender: &UserId,
    ) -> String {
        let word = self.room_word(room).await;
        if let Some(reference) = named {
            return format!("{}{word} {reference} {command}", self.settings.prefix);
        }
        let targets = match private {
            Private::Vote { number, .. } => self.vote_targets(client, sender, number, None).await,
            Private::AnonymousIdea => self.idea_targets(client, sender).await,
        };
        let here = self.space_of(room).await;
        let unique = match targets.as_slice() {
            [only] => match private {
                Private::Vote { .. } => self.space_of(only).await == here,
                Private::AnonymousIdea => only.room_id() == room.room_id(),
            },
            _ => false,
        };
        if unique {
            command.to_owned()
        } else {
            self.addressed(&word, room, command)
        }
    }

    /// Redacts `event` if the room's power levels let kumpul remove others' events.
    async fn redact(
        &self,
        room: &Room,
        event: &OriginalSyncRoomMessageEvent,
        reason: &str,
        client: &Client,
    ) -> bool {
        let Some(me) = client.user_id() else {
            return false;
        };
        let allowed = room
            .power_levels()
            .await
            .is_ok_and(|levels| levels.user_can_redact_event_of_other(me));
        if !allowed {
            return false;
        }
        let txn = OwnedTransactionId::from(format!("redact-{}", event.event_id));
        match room.redact(&event.event_id, Some(reason), Some(txn)).await {
            Ok(_) => true,
            Err(error) => {
                tracing::warn!(%error, room = %room.room_id(), "could not redact a private command");
                false
            }
        }
    }

    /// The sender's DM with kumpul: one marked direct, else a new one (created
    /// `is_direct`, encrypted). `None` if none can be had.
    async fn direct_room(&self, client: &Client, user: &UserId) -> Option<Room> {
        // One at a time, so two refusals in a row do not open two DMs.
        let _one = self.direct_rooms.lock().await;
        for room in client.get_dm_rooms(user) {
            if is_private(&room).await {
                return Some(room);
            }
        }
        // Never just any room of the two of them: anyone can make one (and make it
        // readable by others later) and invite kumpul and their target into it.
        match client.create_dm(user).await {
            Ok(room) => Some(room),
            Err(error) => {
                tracing::warn!(%error, "could not open a direct message");
                None
            }
        }
    }
}
