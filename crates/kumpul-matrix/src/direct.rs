//! kumpul's direct-message (DM) room with one person: where their private messages go —
//! the answer to a secret vote typed in a room ([`crate::private`]) and private
//! deliveries (a personal reminder, "you got a place": [`crate::MatrixNotifier`]).
//!
//! A DM is a room of kumpul and at most that person, marked direct in kumpul's own
//! `m.direct` account data. It is found there again, also after a restart (the account
//! data lives on the homeserver), so a person gets one DM, not one per message. None yet:
//! one is created (`is_direct`, encrypted, the person invited; matrix-sdk records it in
//! `m.direct`). Its two members make it what [`crate::private::is_private`] takes for a
//! private conversation, so commands sent there are answered there.
//!
//! A person who rejected the invite or left every DM with kumpul has said no: they are
//! not invited again with every message, and the caller says it in the
//! shared room instead.

use matrix_sdk::room::Room;
use matrix_sdk::ruma::UserId;
use matrix_sdk::ruma::events::room::member::MembershipState;
use matrix_sdk::{Client, RoomState};

use crate::private::{has_member, is_private};

/// Held while finding or opening someone's DM, so two messages in a row do not open two.
pub(crate) type DirectLock = std::sync::Arc<tokio::sync::Mutex<()>>;

/// Why there is no DM room with a person.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Unopened {
    /// They said no — left or rejected every DM with kumpul — or the homeserver refused
    /// the room for good (a 4xx other than 429: the person blocks invites, say).
    #[error("{0:#}")]
    Refused(anyhow::Error),
    /// A passing failure (rate limit, homeserver down, network): worth trying again.
    #[error("{0:#}")]
    Failed(anyhow::Error),
}

/// `user`'s DM with kumpul: one found in `m.direct`, else a new one.
pub(crate) async fn find_or_open(
    client: &Client,
    lock: &DirectLock,
    user: &UserId,
) -> Result<Room, Unopened> {
    let _one = lock.lock().await;
    let mut left = false;
    for room in client.get_dm_rooms(user) {
        if room.state() != RoomState::Joined || !is_private(&room).await {
            continue;
        }
        if has_member(
            &room,
            user,
            &[MembershipState::Join, MembershipState::Invite],
        )
        .await
        {
            return Ok(room);
        }
        left |= has_member(&room, user, &[MembershipState::Leave, MembershipState::Ban]).await;
    }
    if left {
        return Err(Unopened::Refused(anyhow::anyhow!(
            "the person left or rejected every direct message room with kumpul"
        )));
    }
    // Never just any room of the two of them: anyone can make one (and make it readable
    // by others later) and invite kumpul and their target into it.
    client.create_dm(user).await.map_err(|error| {
        let status = error.as_client_api_error().map(|e| e.status_code.as_u16());
        match status {
            Some(code) if (400..500).contains(&code) && code != 429 => {
                Unopened::Refused(error.into())
            }
            _ => Unopened::Failed(error.into()),
        }
    })
}
