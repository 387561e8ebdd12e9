//! Replies as Matrix messages: HTML with a plain-text fallback and an exact `m.mentions`
//! list, a native poll for a poll card, files as attachments, replies in a thread or to
//! the command; anchored messages are recorded so they are kept current, and a thread's
//! header gets its first message. The message-building helpers are shared with
//! [`crate::notifier`].

use kumpul_core::port::{
    Block, ChannelId, Effect, Inline, Invocation, Msg, Platform, Reply, UserId as KUserId,
    Visibility,
};
use matrix_sdk::RoomState;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::events::Mentions;
use matrix_sdk::ruma::events::relation::Thread;
use matrix_sdk::ruma::events::room::message::{
    AddMentions, ForwardThread, OriginalSyncRoomMessageEvent, Relation, ReplyMetadata,
    RoomMessageEventContent,
};
use matrix_sdk::ruma::{EventId, OwnedEventId, OwnedTransactionId, OwnedUserId, RoomId, UserId};

use crate::{Context, polls, render};

impl Context {
    /// Sends a reply in `room` (as a reply to `to`), then its standalone messages in the
    /// invocation's room as kumpul's own: no reply relation, so nothing ties them to the
    /// command (an anonymous idea's card, when the command came by direct message).
    pub(crate) async fn send_reply(
        &self,
        room: &Room,
        inv: &Invocation,
        reply: &Reply,
        to: Option<&OriginalSyncRoomMessageEvent>,
        txn: &str,
    ) {
        self.post(room, inv, reply, to, txn).await;
        if reply.standalone.is_empty() {
            return;
        }
        let home = invocation_room(room, inv);
        for own in &reply.standalone {
            // A random transaction id: one derived from the command's event would let the
            // homeserver's records tie kumpul's message to its author's (an anonymous
            // idea). The price: a restart mid-answer could post the card twice.
            let txn = format!("own-{}", matrix_sdk::ruma::TransactionId::new());
            self.post(&home, inv, own, None, &txn).await;
        }
    }

    /// Sends a refusal of what `sender` did with their event `to` (a reaction, a vote in
    /// a native poll) as a reply to that event that mentions them, with their pill first,
    /// so it reaches them: a bare message in the room would notify nobody.
    pub(crate) async fn send_refusal(
        &self,
        room: &Room,
        inv: &Invocation,
        reply: &Reply,
        to: &EventId,
        sender: &UserId,
        txn: &str,
    ) {
        let reply = addressed(reply, sender, &inv.actor.display_name);
        // A reaction or a poll response is no message event, but a reply needs only its
        // id and sender.
        let metadata = ReplyMetadata::new(to, sender, None);
        let parts = self.rendered(&reply, inv).await;
        for (index, part) in parts.iter().enumerate() {
            let content = message(part).make_reply_to(metadata, ForwardThread::No, AddMentions::No);
            let id = OwnedTransactionId::from(format!("{txn}-{index}"));
            if let Err(error) = room.send(content).with_transaction_id(id).await {
                tracing::error!(%error, room = %room.room_id(), "could not send a refusal");
            }
        }
    }

    /// `reply` as Matrix messages, in its own language (the core marks every reply it
    /// hands out; else the space's), with the prefix in the commands to type.
    async fn rendered(&self, reply: &Reply, inv: &Invocation) -> Vec<render::Rendered> {
        let locale = match reply.locale {
            Some(locale) => locale,
            None => self.bot.space_locale(inv).await,
        };
        let next = self.bot.i18n().label(locale, "label-next");
        render::render(reply, &self.settings.prefix, &next)
    }

    /// Posts one reply: a native poll for a poll card, HTML messages otherwise (as replies
    /// to `to`, or in its thread), then its files. Anchored replies are recorded so they
    /// are kept current.
    async fn post(
        &self,
        room: &Room,
        inv: &Invocation,
        reply: &Reply,
        to: Option<&OriginalSyncRoomMessageEvent>,
        txn: &str,
    ) {
        let parts = self.rendered(reply, inv).await;
        let public = reply.visibility == Visibility::Public;
        // The native poll stands for the first part, whose text is its fallback: the
        // rendered one, with commands to type as they are typed here (`!poll vote 3 1`).
        let fallback = parts.first().map(|p| p.plain.as_str()).unwrap_or_default();
        let skip = self
            .post_native(room, inv, reply, public, fallback, txn)
            .await;
        // A thread's header becomes the thread's root, so it is not itself a reply.
        let opens = reply.effects.iter().find_map(|e| match e {
            Effect::OpenThread { id, .. } => Some(*id),
            _ => None,
        });
        // Every part is in the thread, or a reply to the command: each is part of the answer.
        for (index, part) in parts.iter().enumerate().skip(skip) {
            let mut content = message(part);
            if let Some(root) = reply.placement.thread() {
                content = in_thread(content, root);
            } else if let (Some(event), None) = (to, opens) {
                content = content.make_reply_to(event, ForwardThread::Yes, AddMentions::No);
            }
            let id = OwnedTransactionId::from(format!("{txn}-{index}"));
            match room.send(content).with_transaction_id(id).await {
                Ok(sent) if index == 0 && public => {
                    self.record(reply, inv, room, &sent.response.event_id, false)
                        .await;
                    if let Some(thread) = opens {
                        self.open_thread(room, inv, thread, &sent.response.event_id, txn)
                            .await;
                    }
                }
                Ok(_) => {}
                Err(error) => {
                    tracing::error!(%error, room = %room.room_id(), "could not send a reply");
                }
            }
        }
        upload(room, reply, txn).await;
    }

    /// Sends a public poll card as a native poll (with `fallback` as its text for clients
    /// without polls) and records it. Returns how many of the rendered parts it stands
    /// for: the first (the card), or none when it was not sent.
    async fn post_native(
        &self,
        room: &Room,
        inv: &Invocation,
        reply: &Reply,
        public: bool,
        fallback: &str,
        txn: &str,
    ) -> usize {
        let native = reply
            .native_poll()
            .as_ref()
            .filter(|_| public)
            .and_then(|poll| polls::start_content(poll, fallback));
        let mut skip = 0;
        if let Some(content) = native {
            let id = OwnedTransactionId::from(format!("{txn}-poll"));
            match room.send(content).with_transaction_id(id).await {
                Ok(sent) => {
                    self.record(reply, inv, room, &sent.response.event_id, true)
                        .await;
                    skip = 1;
                }
                Err(error) => {
                    tracing::warn!(%error, "could not send a native poll; sending text");
                }
            }
        }
        skip
    }

    /// Makes the header `root` a thread: records it and posts the thread's first message,
    /// so clients show the thread at once.
    async fn open_thread(&self, room: &Room, inv: &Invocation, id: i64, root: &EventId, txn: &str) {
        if let Err(error) = self.bot.record_thread(id, root.as_str()).await {
            tracing::error!(error = format!("{error:#}"), "could not record a thread");
            return;
        }
        let locale = self.bot.space_locale(inv).await;
        let first = self
            .bot
            .i18n()
            .text(locale, &Msg::new("thread-first-message"));
        let content = in_thread(
            RoomMessageEventContent::notice_plain(first).add_mentions(Mentions::new()),
            root.as_str(),
        );
        let id = OwnedTransactionId::from(format!("{txn}-thread"));
        if let Err(error) = room.send(content).with_transaction_id(id).await {
            tracing::error!(%error, "could not start a thread");
        }
    }

    /// Remembers an anchored message (a poll card) so it is kept current.
    async fn record(
        &self,
        reply: &Reply,
        inv: &Invocation,
        room: &Room,
        event: &EventId,
        native: bool,
    ) {
        let Some(anchor) = reply.anchor() else { return };
        let channel = ChannelId::new(Platform::Matrix, room.room_id().as_str());
        if let Err(error) = self
            .bot
            .record_posted(anchor, &inv.space, Some(&channel), event.as_str(), native)
            .await
        {
            tracing::error!(
                error = format!("{error:#}"),
                "could not record a posted message"
            );
        }
    }
}

/// Uploads the files of a reply to `room`, each with a transaction id of its own.
async fn upload(room: &Room, reply: &Reply, txn: &str) {
    for file in &reply.attachments {
        let Ok(mime) = file.content_type.parse::<mime::Mime>() else {
            continue;
        };
        let config = matrix_sdk::attachment::AttachmentConfig::new().txn_id(
            OwnedTransactionId::from(format!("{txn}-file-{}", file.name)),
        );
        if let Err(error) = room
            .send_attachment(file.name.clone(), &mime, file.data.clone(), config)
            .await
        {
            tracing::error!(%error, room = %room.room_id(), "could not upload a file");
        }
    }
}

/// `reply` addressed to `person`: their pill (named `name`) opens its first paragraph and
/// they are among the people it mentions.
fn addressed(reply: &Reply, person: &UserId, name: &str) -> Reply {
    let mut reply = reply.clone();
    let id = KUserId::new(Platform::Matrix, person.as_str());
    let pill = vec![
        Inline::User {
            id: id.clone(),
            name: name.to_owned(),
        },
        Inline::Text(": ".into()),
    ];
    match reply.blocks.first_mut() {
        Some(Block::Paragraph(line)) => {
            line.splice(0..0, pill);
        }
        _ => reply.blocks.insert(0, Block::Paragraph(pill)),
    }
    if !reply.mentions.users.contains(&id) {
        reply.mentions.users.push(id);
    }
    reply
}

/// The joined room of the invocation's channel (where a command routed from a direct
/// message acts), else `fallback`.
fn invocation_room(fallback: &Room, inv: &Invocation) -> Room {
    inv.channel
        .as_ref()
        .filter(|channel| channel.platform == Platform::Matrix)
        .and_then(|channel| RoomId::parse(channel.id.as_str()).ok())
        .and_then(|id| fallback.client().get_room(&id))
        .filter(|room| room.state() == RoomState::Joined)
        .unwrap_or_else(|| fallback.clone())
}

/// Puts a message in the thread rooted at `root` (`m.thread`).
pub(crate) fn in_thread(
    mut content: RoomMessageEventContent,
    root: &str,
) -> RoomMessageEventContent {
    if let Ok(root) = OwnedEventId::try_from(root) {
        content.relates_to = Some(Relation::Thread(Thread::plain(root.clone(), root)));
    }
    content
}

/// A part as a message: `m.text` when it mentions someone, else `m.notice` (what Matrix
/// bots send for answers that need no attention; notices do not notify).
pub(crate) fn message(part: &render::Rendered) -> RoomMessageEventContent {
    message_as(part, !part.mentions.is_empty())
}

/// A part as an `m.text` (`pings`) or an `m.notice` message, mentioning exactly its
/// people.
pub(crate) fn message_as(part: &render::Rendered, pings: bool) -> RoomMessageEventContent {
    let ids: Vec<OwnedUserId> = part
        .mentions
        .iter()
        .filter_map(|id| UserId::parse(id.as_str()).ok())
        .collect();
    let content = match pings {
        true => RoomMessageEventContent::text_html(&part.plain, &part.html),
        false => RoomMessageEventContent::notice_html(&part.plain, &part.html),
    };
    // m.mentions is always set, so clients never infer pings (or @room) from the text.
    content.add_mentions(Mentions::with_user_ids(ids))
}
