//! Which rooms kumpul joins: invites from allowed inviters (`invite_allowlist`, anyone
//! when empty) are accepted, with a few retries while the homeserver catches up; others
//! are declined. Invites that came while kumpul was away are answered at start-up.

use std::time::Duration;

use matrix_sdk::Client;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::UserId;
use matrix_sdk::ruma::events::room::member::{MembershipState, StrippedRoomMemberEvent};

use crate::Context;

impl Context {
    /// Joins rooms it is invited to, from allowed inviters.
    pub(crate) async fn on_invite(
        &self,
        event: StrippedRoomMemberEvent,
        room: Room,
        client: Client,
    ) {
        if Some(event.state_key.as_ref()) != client.user_id()
            || event.content.membership != MembershipState::Invite
        {
            return;
        }
        self.answer_invite(room, &event.sender).await;
    }

    /// Invites that arrived while kumpul was not running (or before its first login,
    /// whose history it skips) are answered at start-up like new ones.
    pub(crate) async fn answer_pending_invites(&self, client: &Client) {
        for room in client.invited_rooms() {
            match room.invite_details().await {
                Ok(invite) => self.answer_invite(room, &invite.inviter_id).await,
                Err(error) => tracing::warn!(%error, "could not read a pending invite"),
            }
        }
    }

    /// Joins a room it was invited to, if the inviter is allowed.
    async fn answer_invite(&self, room: Room, sender: &UserId) {
        let inviter = sender.as_str();
        let allowed = self.settings.invite_allowlist.is_empty()
            || self
                .settings
                .invite_allowlist
                .iter()
                .any(|a| a == inviter || a == sender.server_name().as_str());
        if !allowed {
            tracing::info!(%inviter, room = %room.room_id(), "declining an invite from outside the allowlist");
            let _ = room.leave().await;
            return;
        }
        // The homeserver may not be ready right after the invite; retry a few times.
        for attempt in 0..5u32 {
            match room.join().await {
                Ok(()) => {
                    tracing::info!(room = %room.room_id(), "joined a room");
                    return;
                }
                Err(error) => {
                    tracing::warn!(%error, attempt, "could not join yet");
                    tokio::time::sleep(Duration::from_millis(200 * 2u64.pow(attempt))).await;
                }
            }
        }
    }
}
