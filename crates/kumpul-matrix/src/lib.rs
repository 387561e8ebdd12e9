//! kumpul on Matrix: a thin adapter on matrix-sdk.
//!
//! Text commands (`!group join hiking`) are parsed by the core; replies are sent as HTML
//! replies with a plain-text fallback and an exact `m.mentions` list ([`render`]). The
//! session (device and token) is kept in the data folder and the sync position and crypto
//! keys in matrix-sdk's SQLite store beside it, so a restart keeps the same device, reads
//! encrypted rooms, and never answers an old message again. Secret votes and anonymous
//! ideas are taken only by direct message ([`private`]).

pub mod polls;
mod private;
pub mod render;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use kumpul_core::Bot;
use kumpul_core::features::threads::repo::ThreadMessage;
use kumpul_core::i18n::Msg;
use kumpul_core::identity::{
    Actor, ChannelId, Invocation, Platform, Role, SpaceId, UserId as KUserId,
};
use kumpul_core::notify::{BoxFuture, Delivery, DeliveryError, LiveView, Notifier, Posted};
use kumpul_core::reply::{ActionId, Effect, Reply, Visibility};
use kumpul_core::time::clock::{Clock, SystemClock};
use matrix_sdk::SessionMeta;
use matrix_sdk::authentication::SessionTokens;
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::room::{ParentSpace, Room};
use matrix_sdk::ruma::events::Mentions;
use matrix_sdk::ruma::events::poll::response::OriginalSyncPollResponseEvent;
use matrix_sdk::ruma::events::poll::unstable_response::OriginalSyncUnstablePollResponseEvent;
use matrix_sdk::ruma::events::reaction::OriginalSyncReactionEvent;
use matrix_sdk::ruma::events::relation::Thread;
use matrix_sdk::ruma::events::room::member::{MembershipState, StrippedRoomMemberEvent};
use matrix_sdk::ruma::events::room::message::ReplacementMetadata;
use matrix_sdk::ruma::events::room::message::{
    AddMentions, ForwardThread, MessageType, OriginalSyncRoomMessageEvent, Relation,
    RoomMessageEventContent,
};
use matrix_sdk::ruma::events::room::power_levels::UserPowerLevel;
use matrix_sdk::ruma::{
    EventId, OwnedEventId, OwnedRoomId, OwnedTransactionId, OwnedUserId, RoomId, UserId,
};
use matrix_sdk::{Client, RoomState};
use tokio_util::sync::CancellationToken;

/// What the adapter needs from the configuration.
#[derive(Clone)]
pub struct MatrixSettings {
    pub homeserver: String,
    pub user: String,
    pub password: Option<String>,
    /// Where the session, sync position and encryption keys are kept.
    pub data_dir: PathBuf,
    /// What starts a command: `!` by default.
    pub prefix: String,
    /// Power level from which someone is a moderator (admins: 100 and room creators).
    pub moderator_level: i64,
    /// Accept invites only from these users (`@ana:example.org`) or servers
    /// (`example.org`); empty: from anyone.
    pub invite_allowlist: Vec<String>,
    /// Rooms of a Matrix space share one kumpul space (the Matrix space's groups, polls
    /// and settings) instead of each room being its own.
    pub share_space: bool,
    /// Log in with an existing access token and its device id instead of a password.
    pub access_token: Option<(String, String)>,
}

impl std::fmt::Debug for MatrixSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatrixSettings")
            .field("homeserver", &self.homeserver)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field(
                "access_token",
                &self.access_token.as_ref().map(|_| "<redacted>"),
            )
            .field("data_dir", &self.data_dir)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// A logged-in client, ready to sync.
pub struct Matrix {
    client: Client,
    context: Arc<Context>,
    pub notifier: Arc<MatrixNotifier>,
}

struct Context {
    bot: Bot,
    settings: MatrixSettings,
    /// Held while finding or opening someone's direct message room ([`private`]).
    direct_rooms: tokio::sync::Mutex<()>,
}

impl Matrix {
    /// Logs in (or restores the saved session) and skips history on a first login.
    pub async fn connect(bot: Bot, settings: MatrixSettings) -> anyhow::Result<Matrix> {
        std::fs::create_dir_all(&settings.data_dir).context("creating the Matrix data folder")?;
        let client = Client::builder()
            .homeserver_url(&settings.homeserver)
            .sqlite_store(settings.data_dir.join("store"), None)
            .build()
            .await
            .context("building the Matrix client")?;
        let session_file = settings.data_dir.join("session.json");
        let restored = match std::fs::read_to_string(&session_file) {
            Ok(saved) => {
                let session: MatrixSession =
                    serde_json::from_str(&saved).context("reading the saved Matrix session")?;
                client
                    .restore_session(session)
                    .await
                    .context("restoring the Matrix session")?;
                true
            }
            Err(_) => {
                match (&settings.access_token, settings.password.as_deref()) {
                    (Some((token, device)), _) => {
                        let user_id = UserId::parse(settings.user.as_str())
                            .context("matrix.user must be a full id like @kumpul:example.org")?;
                        let session = MatrixSession {
                            meta: SessionMeta {
                                user_id,
                                device_id: device.as_str().into(),
                            },
                            tokens: SessionTokens {
                                access_token: token.clone(),
                                refresh_token: None,
                            },
                        };
                        client
                            .restore_session(session)
                            .await
                            .context("logging in with the access token")?;
                    }
                    (None, Some(password)) => {
                        client
                            .matrix_auth()
                            .login_username(&settings.user, password)
                            .initial_device_display_name("kumpul")
                            .send()
                            .await
                            .context("logging in to Matrix")?;
                    }
                    (None, None) => {
                        anyhow::bail!(
                            "set matrix.password, or matrix.access_token with matrix.device_id, for the first login"
                        )
                    }
                }
                let session = client
                    .matrix_auth()
                    .session()
                    .context("no session after logging in")?;
                write_private(&session_file, &serde_json::to_string(&session)?)?;
                false
            }
        };
        if !restored {
            // Skip history: what was said before kumpul first logged in is not for us.
            client
                .sync_once(SyncSettings::default())
                .await
                .context("first sync with the homeserver")?;
        }
        tracing::info!(device = ?client.device_id(), restored, "logged in to Matrix");
        let context = Arc::new(Context {
            bot: bot.clone(),
            settings,
            direct_rooms: tokio::sync::Mutex::new(()),
        });
        let on_message = context.clone();
        client.add_event_handler(
            move |event: OriginalSyncRoomMessageEvent, room: Room, client: Client| {
                let context = on_message.clone();
                async move { context.on_message(event, room, client).await }
            },
        );
        let on_response = context.clone();
        client.add_event_handler(
            move |event: OriginalSyncUnstablePollResponseEvent, room: Room, client: Client| {
                let context = on_response.clone();
                async move {
                    let txn = format!("vote-{}", event.event_id);
                    context
                        .on_poll_response(polls::Response::from(&event), txn, room, client)
                        .await;
                }
            },
        );
        let on_stable_response = context.clone();
        client.add_event_handler(
            move |event: OriginalSyncPollResponseEvent, room: Room, client: Client| {
                let context = on_stable_response.clone();
                async move {
                    let txn = format!("vote-{}", event.event_id);
                    context
                        .on_poll_response(polls::Response::from(&event), txn, room, client)
                        .await;
                }
            },
        );
        let on_reaction = context.clone();
        client.add_event_handler(
            move |event: OriginalSyncReactionEvent, room: Room, client: Client| {
                let context = on_reaction.clone();
                async move { context.on_reaction(event, room, client).await }
            },
        );
        let on_invite = context.clone();
        client.add_event_handler(
            move |event: StrippedRoomMemberEvent, room: Room, client: Client| {
                let context = on_invite.clone();
                async move { context.on_invite(event, room, client).await }
            },
        );
        let notifier = Arc::new(MatrixNotifier {
            client: client.clone(),
            bot,
            prefix: context.settings.prefix.clone(),
        });
        Ok(Matrix {
            client,
            context,
            notifier,
        })
    }

    /// This device's id (kept across restarts).
    pub fn device_id(&self) -> Option<String> {
        self.client.device_id().map(|d| d.to_string())
    }

    /// Syncs until cancelled.
    pub async fn run(self, cancel: CancellationToken) -> anyhow::Result<()> {
        let (context, client) = (self.context.clone(), self.client.clone());
        tokio::spawn(async move { context.answer_pending_invites(&client).await });
        let settings = SyncSettings::default().timeout(Duration::from_secs(30));
        tokio::select! {
            result = self.client.sync(settings) => result.context("syncing with the homeserver"),
            () = cancel.cancelled() => Ok(()),
        }
    }
}

fn write_private(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// The text of a message without a reply fallback (`> <@x> quoted` lines).
fn command_text(body: &str) -> &str {
    let mut rest = body;
    while let Some(stripped) = rest.strip_prefix('>') {
        rest = stripped.split_once('\n').map_or("", |(_, after)| after);
    }
    rest.trim()
}

impl Context {
    async fn on_message(&self, event: OriginalSyncRoomMessageEvent, room: Room, client: Client) {
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
    /// reaction itself shows the answer).
    async fn on_reaction(&self, event: OriginalSyncReactionEvent, room: Room, client: Client) {
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
        let action = match anchor.feature {
            kumpul_core::features::events::ANCHOR => reaction_answer(key)
                .map(|answer| ActionId::new("event", "rsvp", format!("{}/{answer}", anchor.id))),
            kumpul_core::features::ideas::ANCHOR => reaction_upvote(key)
                .map(|()| ActionId::new("idea", "upvote", anchor.id.to_string())),
            _ => None,
        };
        let Some(action) = action else { return };
        let reply = self.bot.handle_action(&inv, &action).await;
        if reply.tone == kumpul_core::reply::Tone::Error {
            let txn = format!("react-{}", event.event_id);
            self.send_reply(&room, &inv, &reply, None, &txn).await;
        }
    }

    /// A vote cast in a native poll: counted like any other; only errors are answered.
    async fn on_poll_response(
        &self,
        response: polls::Response<'_>,
        txn: String,
        room: Room,
        client: Client,
    ) {
        if room.state() != RoomState::Joined || Some(response.sender) == client.user_id() {
            return;
        }
        let Some(inv) = self.invocation(&room, response.sender).await else {
            return;
        };
        let vote = match polls::vote_of(&self.bot, &inv.space, &response).await {
            Ok(Some(vote)) => vote,
            Ok(None) => return,
            Err(error) => {
                tracing::error!(
                    error = format!("{error:#}"),
                    "could not read a poll response"
                );
                return;
            }
        };
        let reply = self.bot.handle_input(&inv, &vote.0, &vote.1).await;
        if polls::worth_posting(&reply) {
            self.send_reply(&room, &inv, &reply, None, &txn).await;
        }
    }

    /// Sends a reply in `room` (as a reply to `to`), then its standalone messages in the
    /// invocation's room as kumpul's own: no reply relation, so nothing ties them to the
    /// command (an anonymous idea's card, when the command came by direct message).
    async fn send_reply(
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
        let next = self
            .bot
            .i18n()
            .label(self.bot.space_locale(inv).await, "label-next");
        let parts = render::render(reply, &self.settings.prefix, &next);
        let public = reply.visibility == Visibility::Public;
        let native = reply
            .native_poll
            .as_ref()
            .filter(|_| public)
            .and_then(|poll| polls::start_content(poll, &reply.plain_text()));
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
        // A thread's header becomes the thread's root, so it is not itself a reply.
        let opens = reply.effects.iter().find_map(|e| match e {
            Effect::OpenThread { id, .. } => Some(*id),
            _ => None,
        });
        for (index, part) in parts.iter().enumerate().skip(skip) {
            let mut content = message(part);
            if let Some(root) = reply.in_thread.as_deref() {
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
            RoomMessageEventContent::text_plain(first).add_mentions(Mentions::new()),
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
        let Some(anchor) = reply.anchor else { return };
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
            return kumpul_core::command::is_command(first).then(|| rest.to_owned());
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
    async fn space_of(&self, room: &Room) -> String {
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

    async fn invocation(&self, room: &Room, sender: &UserId) -> Option<Invocation> {
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
                // Matrix has no per-user language: the space's setting applies.
                locale: None,
            },
            now_ms: SystemClock.now_ms(),
            space_locale: None,
        })
    }

    /// Joins rooms it is invited to, from allowed inviters.
    async fn on_invite(&self, event: StrippedRoomMemberEvent, room: Room, client: Client) {
        if Some(event.state_key.as_ref()) != client.user_id()
            || event.content.membership != MembershipState::Invite
        {
            return;
        }
        self.answer_invite(room, &event.sender).await;
    }

    /// Invites that arrived while kumpul was not running (or before its first login,
    /// whose history it skips) are answered at start-up like new ones.
    async fn answer_pending_invites(&self, client: &Client) {
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

/// The RSVP a reaction stands for (emoji with or without a variation selector).
fn reaction_answer(key: &str) -> Option<&'static str> {
    match key.trim_end_matches('\u{fe0f}') {
        "✅" | "✔" | "👍" => Some("going"),
        "❔" | "❓" | "🤔" => Some("maybe"),
        "❌" | "👎" => Some("no"),
        _ => None,
    }
}

/// Puts a message in the thread rooted at `root` (`m.thread`).
fn in_thread(mut content: RoomMessageEventContent, root: &str) -> RoomMessageEventContent {
    if let Ok(root) = OwnedEventId::try_from(root) {
        content.relates_to = Some(Relation::Thread(Thread::plain(root.clone(), root)));
    }
    content
}

/// Whether a reaction is an upvote.
fn reaction_upvote(key: &str) -> Option<()> {
    matches!(key.trim_end_matches('\u{fe0f}'), "👍" | "➕" | "⬆").then_some(())
}

fn message(part: &render::Rendered) -> RoomMessageEventContent {
    let ids: Vec<OwnedUserId> = part
        .mentions
        .iter()
        .filter_map(|id| UserId::parse(id.as_str()).ok())
        .collect();
    // m.mentions is always set, so clients never infer pings (or @room) from the text.
    RoomMessageEventContent::text_html(&part.plain, &part.html)
        .add_mentions(Mentions::with_user_ids(ids))
}

/// Sends scheduled messages to Matrix rooms, with transaction ids derived from the job.
pub struct MatrixNotifier {
    client: Client,
    bot: Bot,
    prefix: String,
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

impl Notifier for MatrixNotifier {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let room = self.room(delivery.channel.as_ref(), &delivery.space)?;
            let locale = self.bot.locale_of_space(&delivery.space).await;
            let next = self.bot.i18n().text(locale, &Msg::new("label-next"));
            for (index, part) in render::render(&delivery.reply, &self.prefix, &next)
                .iter()
                .enumerate()
            {
                let txn = OwnedTransactionId::from(format!("kumpul-{}-{index}", delivery.key));
                let mut content = message(part);
                if let Some(root) = delivery.reply.in_thread.as_deref() {
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
            if posted.native {
                if view.ended {
                    room.send(polls::end_content(&view.reply, original))
                        .with_transaction_id(polls::end_txn(&posted.message_id))
                        .await
                        .map_err(|e| DeliveryError::Retry(e.into()))?;
                }
                return Ok(());
            }
            let locale = self.bot.locale_of_space(&posted.space).await;
            let next = self.bot.i18n().text(locale, &Msg::new("label-next"));
            let parts = render::render(&view.reply, &self.prefix, &next);
            let Some(first) = parts.first() else {
                return Ok(());
            };
            let quiet = render::Rendered {
                mentions: Vec::new(),
                ..first.clone()
            };
            let content = message(&quiet)
                .make_replacement(ReplacementMetadata::new(original, Some(Mentions::new())));
            room.send(content)
                .await
                .map_err(|e| DeliveryError::Retry(e.into()))?;
            Ok(())
        })
    }
}
