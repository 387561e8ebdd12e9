//! A private command typed in a room everyone can read: it is not carried out, the message
//! is redacted where kumpul may, and the sender is told in their DM (found or opened here)
//! what happened and exactly what to send there instead. Only when no DM can be had is the
//! answer given in the room, repeating nothing of the command.

use kumpul_core::port::{Msg, Platform, UserId as KUserId};
use matrix_sdk::Client;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::events::room::message::OriginalSyncRoomMessageEvent;
use matrix_sdk::ruma::{OwnedTransactionId, UserId};

use super::{Private, name};
use crate::Context;

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
        let command = &self.in_room_language(room, command).await;
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

    /// The sender's DM with kumpul ([`crate::direct`]); `None` if none can be had.
    async fn direct_room(&self, client: &Client, user: &UserId) -> Option<Room> {
        match crate::direct::find_or_open(client, &self.direct_rooms, user).await {
            Ok(room) => Some(room),
            Err(error) => {
                tracing::warn!(%error, "could not open a direct message");
                None
            }
        }
    }
}
