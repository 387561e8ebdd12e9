//! A private command sent in a DM, routed to the shared room it is meant for: the room it
//! names, else the one room that fits (a vote: whose space has that open secret poll; an
//! idea: the one room the sender shares with kumpul), else the sender is told which rooms
//! could be meant and how to name one. The candidate lists are shared with [`super::refuse`],
//! which says what to send instead.

use kumpul_core::port::Msg;
use matrix_sdk::Client;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::UserId;
use matrix_sdk::ruma::events::room::member::MembershipState;

use super::{Private, has_member, is_private, name, names, reference};
use crate::Context;

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

impl Context {
    /// The shared rooms, one per kumpul space, whose space has an open secret poll
    /// `number` and where `sender` is joined (never `except`, the DM itself).
    pub(super) async fn vote_targets(
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
    pub(super) async fn idea_targets(&self, client: &Client, sender: &UserId) -> Vec<Room> {
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
    pub(super) fn addressed(&self, word: &str, room: &Room, command: &str) -> String {
        format!(
            "{}{word} {} {command}",
            self.settings.prefix,
            reference(room)
        )
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
        let command = &self.in_room_language(room, command).await;
        let Some(private) = private else {
            return match named {
                Some(_) => Err(Msg::new("matrix-room-prefix-misplaced")
                    .code("word", format!("{}{word}", self.settings.prefix))),
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
}
