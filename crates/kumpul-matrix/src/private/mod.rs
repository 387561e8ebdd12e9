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
//!
//! This module decides where a command is carried out ([`Context::placement`]) and holds
//! the room helpers both cases share; `route` finds the shared room a DM is meant for and
//! `refuse` answers a private command typed in a room.

use kumpul_core::port::{Locale, Msg, Platform, SpaceId};
use matrix_sdk::Client;
use matrix_sdk::RoomMemberships;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::UserId;
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::ruma::events::room::message::OriginalSyncRoomMessageEvent;

use crate::Context;

mod parse;
mod refuse;
mod route;

use parse::written_in;
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

pub(crate) async fn has_member(room: &Room, user: &UserId, states: &[MembershipState]) -> bool {
    room.get_member_no_sync(user)
        .await
        .ok()
        .flatten()
        .is_some_and(|m| states.contains(m.membership()))
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
            let msg = Msg::new("matrix-room-prefix-misplaced")
                .code("word", format!("{}{word}", self.settings.prefix));
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
        let locale = self.room_locale(room).await;
        self.bot.i18n().label(locale, "matrix-room-word")
    }

    /// `command` as the people of `room` type it (`polling pilih 3 1` in an Indonesian
    /// room), for telling them what to send: the answer is written in the room's language.
    async fn in_room_language(&self, room: &Room, command: &str) -> String {
        written_in(command, self.room_locale(room).await)
    }

    async fn room_locale(&self, room: &Room) -> Locale {
        self.bot.locale_of_space(&self.space_id(room).await).await
    }
}
