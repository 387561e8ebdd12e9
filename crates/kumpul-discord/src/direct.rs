//! Private deliveries on Discord: a message for one person (a personal reminder, "you
//! got a place") goes to their DM channel with kumpul — opened with
//! `POST /users/@me/channels` on first use and remembered for this process (Discord
//! answers the same channel every time, so forgetting it costs one request) — with the
//! same enforced nonce as a channel message, so a retry is not shown twice.
//!
//! A person who does not accept DMs from the server's members makes Discord answer
//! 50007 "Cannot send messages to this user"; that is [`DeliveryError::Unreachable`], and
//! the core posts the message in the channel instead, saying so.

use std::collections::HashMap;
use std::sync::Mutex;

use kumpul_core::port::{Delivery, DeliveryError, Platform, Recipient};
use serenity::all::{ChannelId, UserId};

use crate::{DiscordNotifier, classify};

/// Discord's error code for a person whose privacy settings refuse kumpul's DMs.
const CANNOT_MESSAGE_USER: isize = 50007;

/// The DM channel of each person, by user id.
#[derive(Debug, Default)]
pub(crate) struct DmChannels(Mutex<HashMap<u64, ChannelId>>);

impl DmChannels {
    fn get(&self, user: u64) -> Option<ChannelId> {
        self.0.lock().ok()?.get(&user).copied()
    }

    fn remember(&self, user: u64, channel: ChannelId) {
        if let Ok(mut channels) = self.0.lock() {
            channels.insert(user, channel);
        }
    }
}

/// Whether Discord refused because the person accepts no DMs from kumpul.
fn refuses_direct_messages(error: &serenity::Error) -> bool {
    matches!(
        error,
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))
            if response.error.code == CANNOT_MESSAGE_USER
    )
}

/// A failed DM request as a delivery error: unreachable on 50007, else as any request.
fn direct_error(error: serenity::Error) -> DeliveryError {
    if refuses_direct_messages(&error) {
        DeliveryError::Unreachable(error.into())
    } else {
        classify(error)
    }
}

impl DiscordNotifier {
    /// Sends `delivery` to `recipient`'s DM channel.
    pub(crate) async fn deliver_direct(
        &self,
        recipient: &Recipient,
        delivery: &Delivery,
    ) -> Result<(), DeliveryError> {
        let user: u64 = match recipient.user.platform {
            Platform::Discord => recipient.user.id.parse().map_err(|_| {
                DeliveryError::GiveUp(anyhow::anyhow!("bad user id {}", recipient.user.id))
            })?,
            other => {
                return Err(DeliveryError::GiveUp(anyhow::anyhow!(
                    "a {} person cannot be written to on Discord",
                    other.key()
                )));
            }
        };
        let channel = match self.direct.get(user) {
            Some(channel) => channel,
            None => {
                let channel = UserId::new(user)
                    .create_dm_channel(&self.http)
                    .await
                    .map_err(direct_error)?
                    .id;
                self.direct.remember(user, channel);
                channel
            }
        };
        self.send_parts(channel, delivery)
            .await
            .map_err(direct_error)
    }
}
