//! People with real matrix-sdk clients on a test Synapse, and kumpul itself, for the
//! end-to-end tests. Every wait is bounded (30 s) and keyed on what is expected.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use kumpul_core::bot::Bot;
use kumpul_core::store::Store;
use kumpul_matrix::{Matrix, MatrixSettings};
use matrix_sdk::Client;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::api::client::room::create_room::v3::Request as CreateRoom;
use matrix_sdk::ruma::events::AnySyncTimelineEvent;
use matrix_sdk::ruma::events::InitialStateEvent;
use matrix_sdk::ruma::events::room::encryption::RoomEncryptionEventContent;
use matrix_sdk::ruma::events::room::member::{MembershipState, StrippedRoomMemberEvent};
use matrix_sdk::ruma::events::room::message::{
    MessageType, OriginalSyncRoomMessageEvent, Relation, RoomMessageEventContent,
};
use matrix_sdk::ruma::serde::Raw;
use matrix_sdk::ruma::{OwnedEventId, OwnedRoomId, OwnedUserId, UserId};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::synapse::Synapse;

pub const PASSWORD: &str = "correct horse battery staple";

/// How long any one wait may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A message someone received, with the room it came in.
#[derive(Clone, Debug)]
pub struct Seen {
    pub room: OwnedRoomId,
    pub event: OriginalSyncRoomMessageEvent,
}

impl std::ops::Deref for Seen {
    type Target = OriginalSyncRoomMessageEvent;
    fn deref(&self) -> &OriginalSyncRoomMessageEvent {
        &self.event
    }
}

/// Every timeline event a person's client received, as JSON, with its room.
pub type Timeline = Arc<Mutex<Vec<(OwnedRoomId, serde_json::Value)>>>;

/// A person with a real client, collecting every message they receive. They accept
/// every invite (kumpul opening a direct message with them, say).
pub struct Person {
    pub client: Client,
    pub id: OwnedUserId,
    pub inbox: mpsc::UnboundedReceiver<Seen>,
    pub seen: Vec<Seen>,
    pub timeline: Timeline,
}

impl Person {
    pub async fn login(synapse: &Synapse, localpart: &str) -> Person {
        let id = synapse.register(localpart, PASSWORD, false).await;
        let client = Client::builder()
            .homeserver_url(&synapse.url)
            .build()
            .await
            .unwrap();
        client
            .matrix_auth()
            .login_username(localpart, PASSWORD)
            .send()
            .await
            .unwrap();
        client.sync_once(SyncSettings::default()).await.unwrap();
        let (tx, inbox) = mpsc::unbounded_channel();
        client.add_event_handler(move |event: OriginalSyncRoomMessageEvent, room: Room| {
            let tx = tx.clone();
            async move {
                let _ = tx.send(Seen {
                    room: room.room_id().to_owned(),
                    event,
                });
            }
        });
        let timeline: Timeline = Arc::default();
        let all = timeline.clone();
        client.add_event_handler(move |event: Raw<AnySyncTimelineEvent>, room: Room| {
            let all = all.clone();
            async move {
                if let Ok(json) = event.deserialize_as_unchecked::<serde_json::Value>() {
                    all.lock().unwrap().push((room.room_id().to_owned(), json));
                }
            }
        });
        client.add_event_handler(
            |event: StrippedRoomMemberEvent, room: Room, client: Client| async move {
                if Some(event.state_key.as_ref()) == client.user_id()
                    && event.content.membership == MembershipState::Invite
                {
                    let _ = room.join().await;
                }
            },
        );
        // kumpul's own loop: matrix-sdk's waits a second after every quick sync, which
        // would time the people, not kumpul.
        let syncing = client.clone();
        tokio::spawn(
            async move { kumpul_matrix::sync::run(&syncing, &CancellationToken::new()).await },
        );
        Person {
            client,
            id: UserId::parse(id).unwrap(),
            inbox,
            seen: Vec::new(),
            timeline,
        }
    }

    pub async fn create_room(&self, invite: &[&OwnedUserId], encrypted: bool) -> Room {
        let mut request = CreateRoom::new();
        request.invite = invite.iter().map(|u| (*u).clone()).collect();
        if encrypted {
            request.initial_state = vec![
                InitialStateEvent::with_empty_state_key(
                    RoomEncryptionEventContent::with_recommended_defaults(),
                )
                .to_raw_any(),
            ];
        }
        self.client.create_room(request).await.unwrap()
    }

    /// Opens a direct message with `user` the way Element does (`is_direct`, encrypted)
    /// and waits until they joined.
    pub async fn direct_message(&self, user: &OwnedUserId) -> Room {
        let room = self.client.create_dm(user).await.unwrap();
        self.wait_joined(&room, user).await;
        room
    }

    pub async fn create_space(&self, invite: &[&OwnedUserId]) -> Room {
        use matrix_sdk::ruma::api::client::room::create_room::v3::CreationContent;
        use matrix_sdk::ruma::room::RoomType;
        let mut request = CreateRoom::new();
        request.invite = invite.iter().map(|u| (*u).clone()).collect();
        let mut content = CreationContent::new();
        content.room_type = Some(RoomType::Space);
        request.creation_content = Some(Raw::new(&content).unwrap());
        self.client.create_room(request).await.unwrap()
    }

    /// Makes `child` a child of `space` both ways (`m.space.child` and `m.space.parent`).
    pub async fn link(&self, space: &Room, child: &Room) {
        use matrix_sdk::ruma::OwnedServerName;
        use matrix_sdk::ruma::events::space::child::SpaceChildEventContent;
        use matrix_sdk::ruma::events::space::parent::SpaceParentEventContent;
        let via: Vec<OwnedServerName> = vec!["localhost".try_into().unwrap()];
        space
            .send_state_event_for_key(child.room_id(), SpaceChildEventContent::new(via.clone()))
            .await
            .unwrap();
        let mut parent = SpaceParentEventContent::new(via);
        parent.canonical = true;
        child
            .send_state_event_for_key(space.room_id(), parent)
            .await
            .unwrap();
    }

    pub async fn say(&self, room: &Room, text: &str) -> OwnedEventId {
        room.send(RoomMessageEventContent::text_plain(text))
            .await
            .unwrap()
            .response
            .event_id
    }

    /// The first message (so far or arriving within [`PATIENCE`]) that `pick` accepts.
    pub async fn until<T>(&mut self, what: &str, pick: impl Fn(&[Seen]) -> Option<T>) -> T {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Some(found) = pick(&self.seen) {
                return found;
            }
            match tokio::time::timeout_at(deadline, self.inbox.recv()).await {
                Ok(Some(message)) => self.seen.push(message),
                _ => panic!(
                    "{what}: not within {PATIENCE:?}; seen: {:#?}",
                    self.seen.iter().map(|m| body(m)).collect::<Vec<_>>()
                ),
            }
        }
    }

    /// The bot's replies to `event`, waiting (at most 30 s) for at least `count`.
    pub async fn replies_to(&mut self, event: &OwnedEventId, count: usize) -> Vec<Seen> {
        let what = format!("{count} replies to {event}");
        self.until(&what, |seen| {
            let found: Vec<Seen> = seen.iter().filter(|m| replies(m, event)).cloned().collect();
            (found.len() >= count).then_some(found)
        })
        .await
    }

    /// Waits until `user` has joined `room`.
    pub async fn wait_joined(&self, room: &Room, user: &OwnedUserId) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Ok(Some(member)) = room.get_member(user).await
                && member.membership() == &MembershipState::Join
            {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{user} did not join {}",
                room.room_id()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// The timeline events of `room` so far, as JSON.
    pub fn timeline_of(&self, room: &Room) -> Vec<serde_json::Value> {
        self.timeline
            .lock()
            .unwrap()
            .iter()
            .filter(|(id, _)| id == room.room_id())
            .map(|(_, event)| event.clone())
            .collect()
    }

    /// Waits until an event of `room`'s timeline satisfies `pick`, and returns it.
    pub async fn timeline_event(
        &self,
        room: &Room,
        what: &str,
        pick: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Some(found) = self.timeline_of(room).into_iter().find(&pick) {
                return found;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{what}: not within {PATIENCE:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Whether `message` replies to `event` (a rich reply, or in a thread).
pub fn replies(message: &OriginalSyncRoomMessageEvent, event: &OwnedEventId) -> bool {
    matches!(&message.content.relates_to, Some(Relation::Reply(reply)) if &reply.in_reply_to.event_id == event)
        || matches!(&message.content.relates_to, Some(Relation::Thread(t)) if t.in_reply_to.as_ref().is_some_and(|r| &r.event_id == event))
}

pub fn body(message: &OriginalSyncRoomMessageEvent) -> String {
    message.content.body().to_owned()
}

pub fn html(message: &OriginalSyncRoomMessageEvent) -> String {
    match &message.content.msgtype {
        MessageType::Text(t) => t
            .formatted
            .as_ref()
            .map(|f| f.body.clone())
            .unwrap_or_default(),
        // kumpul answers that ping nobody are notices.
        MessageType::Notice(n) => n
            .formatted
            .as_ref()
            .map(|f| f.body.clone())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// kumpul running against a homeserver: its device, how to stop it, its task and its
/// notifier (for scheduled messages).
pub type Running = (
    Option<String>,
    CancellationToken,
    tokio::task::JoinHandle<anyhow::Result<()>>,
    Arc<kumpul_matrix::MatrixNotifier>,
);

pub async fn start_kumpul(synapse: &Synapse, store: &Store, data: &std::path::Path) -> Running {
    start_kumpul_as(synapse, store, data, "kumpul", None).await
}

pub async fn start_kumpul_as(
    synapse: &Synapse,
    store: &Store,
    data: &std::path::Path,
    user: &str,
    access_token: Option<(String, String)>,
) -> Running {
    let bot = Bot::new(store.clone(), kumpul_core::testing::config()).unwrap();
    let settings = MatrixSettings {
        homeserver: synapse.url.clone(),
        user: user.into(),
        password: access_token.is_none().then(|| PASSWORD.into()),
        data_dir: data.join("matrix"),
        store_passphrase: None,
        prefix: "!".into(),
        moderator_level: 50,
        invite_allowlist: Vec::new(),
        share_space: true,
        access_token,
    };
    let matrix = Matrix::connect(bot.clone(), settings)
        .await
        .expect("kumpul logs in");
    let device = matrix.device_id();
    let notifier = matrix.notifier.clone();
    let cancel = CancellationToken::new();
    tokio::spawn(kumpul_core::live::run(
        bot,
        notifier.clone(),
        Duration::from_millis(300),
        cancel.clone(),
    ));
    let task = tokio::spawn(matrix.run(cancel.clone()));
    (device, cancel, task, notifier)
}

/// kumpul logged in as `user`, newly registered on `synapse`, on a fresh SQLite file in a
/// temporary folder of its own: its id, its store, the folder (kept while it is held) and
/// the running kumpul.
pub async fn registered_kumpul(
    synapse: &Synapse,
    user: &str,
) -> (OwnedUserId, Store, tempfile::TempDir, Running) {
    let id = UserId::parse(synapse.register(user, PASSWORD, false).await).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let location = kumpul_core::store::Location::SqliteFile(dir.path().join("k.db"));
    let store = Store::open(&location, 4).await.unwrap();
    let running = start_kumpul_as(synapse, &store, dir.path(), user, None).await;
    (id, store, dir, running)
}
