//! Scheduled messages and live updates sent outside any command: [`MatrixNotifier`]
//! delivers the core's jobs to rooms with transaction ids derived from the job (so a retry
//! is not posted twice), ends native polls and edits other posted cards in place. A
//! delivery for one person goes to their direct-message room ([`crate::direct`]); when
//! they have none and none can be made, it is [`DeliveryError::Unreachable`] and the core
//! posts it in the room instead.

use kumpul_core::port::{
    Bot, BoxFuture, ChannelId, Delivery, DeliveryError, LiveView, Locale, Msg, Notifier, Platform,
    Posted, SpaceId, UserId as KUserId,
};
use matrix_sdk::room::Room;
use matrix_sdk::ruma::events::Mentions;
use matrix_sdk::ruma::events::room::message::ReplacementMetadata;
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedTransactionId, RoomId, UserId};
use matrix_sdk::{Client, RoomState};

use crate::send::{in_thread, message, message_as};
use crate::{polls, render};

/// Sends scheduled messages to Matrix rooms, with transaction ids derived from the job.
pub struct MatrixNotifier {
    pub(crate) client: Client,
    pub(crate) bot: Bot,
    pub(crate) prefix: String,
    /// Shared with the command handlers, so both never open two DMs with one person.
    pub(crate) direct_rooms: crate::direct::DirectLock,
}

impl MatrixNotifier {
    /// A joined room: the channel if it is a Matrix room, else the space's own room.
    fn room(&self, channel: Option<&ChannelId>, space: &SpaceId) -> Result<Room, DeliveryError> {
        let room_id: &str = match channel {
            Some(channel) if channel.platform == Platform::Matrix => &channel.id,
            _ => &space.id,
        };
        let room_id: OwnedRoomId =
            RoomId::parse(room_id).map_err(|e| DeliveryError::GiveUp(e.into()))?;
        self.client
            .get_room(&room_id)
            .filter(|r| r.state() == RoomState::Joined)
            .ok_or_else(|| {
                DeliveryError::GiveUp(anyhow::anyhow!("kumpul is not in room {room_id}"))
            })
    }
}

impl MatrixNotifier {
    /// The person's DM room with kumpul, found or opened.
    async fn direct_room(&self, user: &KUserId) -> Result<Room, DeliveryError> {
        if user.platform != Platform::Matrix {
            return Err(DeliveryError::GiveUp(anyhow::anyhow!(
                "a {} person cannot be written to on Matrix",
                user.platform.key()
            )));
        }
        let user = UserId::parse(&user.id).map_err(|e| DeliveryError::GiveUp(e.into()))?;
        // Only a refusal sends the message to the shared room instead; a passing failure
        // is retried, never turned into a public copy of a private message.
        crate::direct::find_or_open(&self.client, &self.direct_rooms, &user)
            .await
            .map_err(|unopened| match unopened {
                crate::direct::Unopened::Refused(error) => DeliveryError::Unreachable(error),
                crate::direct::Unopened::Failed(error) => DeliveryError::Retry(error),
            })
    }
}

impl Notifier for MatrixNotifier {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let room = match delivery.recipient() {
                Some(recipient) => self.direct_room(&recipient.user).await?,
                None => self.room(delivery.channel.as_ref(), &delivery.space)?,
            };
            let locale = delivery.reply.locale.unwrap_or(Locale::En);
            let next = self.bot.i18n().text(locale, &Msg::new("label-next"));
            for (index, part) in render::render(&delivery.reply, &self.prefix, &next)
                .iter()
                .enumerate()
            {
                let txn = OwnedTransactionId::from(format!("kumpul-{}-{index}", delivery.key));
                let mut content = message(part);
                if let Some(root) = delivery.reply.placement.thread() {
                    content = in_thread(content, root);
                }
                room.send(content)
                    .with_transaction_id(txn)
                    .await
                    .map_err(|e| DeliveryError::Retry(e.into()))?;
            }
            Ok(())
        })
    }

    /// A native poll is ended once closed (clients tally it themselves meanwhile); any
    /// other message is replaced by an edit (`m.replace`) with no new pings.
    fn update<'a>(
        &'a self,
        posted: &'a Posted,
        view: &'a LiveView,
    ) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let room = self.room(posted.channel.as_ref(), &posted.space)?;
            let original = OwnedEventId::try_from(posted.message_id.as_str())
                .map_err(|e| DeliveryError::GiveUp(e.into()))?;
            let locale = view.reply.locale.unwrap_or(Locale::En);
            let next = self.bot.i18n().text(locale, &Msg::new("label-next"));
            if posted.native {
                if view.ended {
                    // The results as this room reads them: the card's first part (an end
                    // event is one event, and its text no more than a fallback).
                    let parts = render::render(&view.reply, &self.prefix, &next);
                    let text = parts.first().map(|p| p.plain.as_str()).unwrap_or_default();
                    room.send(polls::end_content(text, original))
                        .with_transaction_id(polls::end_txn(&posted.message_id))
                        .await
                        .map_err(|e| DeliveryError::Retry(e.into()))?;
                }
                return Ok(());
            }
            // An edit replaces one message: the card's first part, at half a message's
            // size since an edit carries its text twice. A card that grew past it is cut
            // there, and says so; the rest is not posted (a new message on every change
            // would flood the room).
            let parts = render::render_within(&view.reply, &self.prefix, &next, render::EDIT_MAX);
            let Some(first) = parts.first() else {
                return Ok(());
            };
            let mut shown = first.clone();
            if parts.len() > 1 {
                tracing::warn!(
                    message = %posted.message_id,
                    parts = parts.len(),
                    "a kept-current message no longer fits one Matrix message; its edit is cut"
                );
                let cut = self.bot.i18n().text(locale, &Msg::new("matrix-edit-cut"));
                shown.plain.push_str(&format!("\n\n{cut}"));
                shown
                    .html
                    .push_str(&format!("<p><em>{}</em></p>", render::escape(&cut)));
            }
            // The same kind of message as first posted, but an edit pings nobody again.
            let pings = !shown.mentions.is_empty();
            shown.mentions.clear();
            let content = message_as(&shown, pings)
                .make_replacement(ReplacementMetadata::new(original, Some(Mentions::new())));
            room.send(content)
                .await
                .map_err(|e| DeliveryError::Retry(e.into()))?;
            Ok(())
        })
    }
}
