//! A fake Discord on 127.0.0.1: REST under `/api/v10` and a gateway websocket, speaking
//! the real wire format so the real serenity client can connect to it. It records every
//! REST call with its body, and tests push gateway events into it.
//!
//! It is at least as strict as Discord: every request body is checked against the request
//! schema of its route in Discord's own OpenAPI description (`../shared/discord-api-spec/`)
//! and against the limits Discord documents ([`kumpul_discord::validate`]). A bad body gets
//! Discord's answer (HTTP 400, code 50035, the `errors` object). A test whose code sent one
//! fails when its fake is dropped, unless it said it expects refusals.

#![allow(dead_code)]

mod gateway;
pub mod payloads;
mod rest;
mod scheduled_events;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::routing::{any, get};
use kumpul_discord::validate::Spec;
use serde_json::{Value, json};
use tokio::sync::{Notify, broadcast, mpsc};

/// Discord's OpenAPI description: `DISCORD_API_SPEC`, or `shared/discord-api-spec/` beside
/// the repository. Loaded once per test process; missing, every Discord test fails.
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = std::env::var_os("DISCORD_API_SPEC")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .ancestors()
                    .map(|dir| dir.join("../shared/discord-api-spec/openapi.json"))
                    .find(|candidate| candidate.exists())
                    .expect(
                        "Discord's OpenAPI description (../shared/discord-api-spec/openapi.json \
                         beside the repository, or DISCORD_API_SPEC) is needed: the fake Discord \
                         validates every request against it",
                    )
            });
        Spec::load(&path).unwrap_or_else(|e| panic!("loading {}: {e:#}", path.display()))
    })
}

/// One REST call as received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The JSON body; for multipart uploads, the `payload_json` part.
    pub body: Value,
    /// When it arrived.
    pub at: std::time::Instant,
}

struct Shared {
    port: u16,
    calls: Mutex<Vec<Recorded>>,
    arrived: Notify,
    gateway_fetched: AtomicBool,
    identified: AtomicBool,
    events: broadcast::Sender<String>,
    seq: AtomicU64,
    /// Every dispatched frame with its sequence number, replayed after a RESUME.
    history: Mutex<Vec<(u64, String)>>,
    /// Tells the live session to drop its connection.
    drop_connection: Notify,
    identifies: AtomicU64,
    resumes: AtomicU64,
    /// Requests refused as invalid, with Discord's answer.
    rejected: Mutex<Vec<(Recorded, Value)>>,
    /// Whether the test expects refusals (otherwise one fails it).
    rejections_expected: AtomicBool,
    /// How many command registrations to refuse before accepting one.
    refuse_registrations: AtomicU64,
    /// Registrations refused on the test's request (not counted as kumpul's mistakes).
    injected: AtomicU64,
    /// Answer scheduled-event creation with 403 Missing Permissions.
    deny_scheduled_events: AtomicBool,
    /// Answer channel messages (`POST /channels/{id}/messages`) with 403 Missing
    /// Permissions, as for a bot without Send Messages there.
    deny_channel_messages: AtomicBool,
    /// The scheduled events that exist, by id, as Discord keeps them.
    scheduled_events: Mutex<std::collections::HashMap<String, ScheduledEvent>>,
    /// How many scheduled events were created (the first gets [`SCHEDULED_EVENT_ID`]).
    scheduled_created: AtomicU64,
    /// People whose privacy settings refuse kumpul's DMs: a message to their DM channel
    /// is answered 403 / 50007, as Discord does.
    closed_dms: Mutex<std::collections::HashSet<String>>,
    /// Whoever asked to see each call as it arrives ([`FakeDiscord::observe`]).
    observers: Mutex<Vec<mpsc::UnboundedSender<Recorded>>>,
}

/// What the fake keeps of a scheduled event to answer as Discord does: Discord ends an
/// external event at its `scheduled_end_time` by itself, and refuses any edit of an event
/// that ended ("Cannot update a finished event", code 180000). A recurring event (one
/// with a `recurrence_rule`) moves on to its next date instead of ending.
#[derive(Debug, Clone)]
pub(crate) struct ScheduledEvent {
    pub ends_at_ms: i64,
    pub recurring: bool,
}

pub struct FakeDiscord {
    shared: Arc<Shared>,
    pub addr: SocketAddr,
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding the fake Discord");
        let addr = listener.local_addr().unwrap();
        let (events, _) = broadcast::channel(65_536);
        let shared = Arc::new(Shared {
            port: addr.port(),
            calls: Mutex::new(Vec::new()),
            arrived: Notify::new(),
            gateway_fetched: AtomicBool::new(false),
            identified: AtomicBool::new(false),
            events,
            seq: AtomicU64::new(2),
            history: Mutex::new(Vec::new()),
            drop_connection: Notify::new(),
            identifies: AtomicU64::new(0),
            resumes: AtomicU64::new(0),
            rejected: Mutex::new(Vec::new()),
            rejections_expected: AtomicBool::new(false),
            refuse_registrations: AtomicU64::new(0),
            injected: AtomicU64::new(0),
            deny_scheduled_events: AtomicBool::new(false),
            deny_channel_messages: AtomicBool::new(false),
            scheduled_events: Mutex::new(std::collections::HashMap::new()),
            scheduled_created: AtomicU64::new(0),
            closed_dms: Mutex::default(),
            observers: Mutex::default(),
        });
        // Loaded before serving, so the first request does not wait on it.
        spec();
        let app = Router::new()
            .route("/gateway", get(gateway::gateway))
            .fallback(any(rest::rest))
            .with_state(shared.clone());
        tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("serving the fake Discord");
        });
        FakeDiscord { shared, addr }
    }

    /// What serenity's HTTP proxy setting must be.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.shared.port)
    }

    pub fn gateway_fetched(&self) -> bool {
        self.shared.gateway_fetched.load(Ordering::SeqCst)
    }

    pub fn identified(&self) -> bool {
        self.shared.identified.load(Ordering::SeqCst)
    }

    pub fn calls(&self) -> Vec<Recorded> {
        self.shared.calls.lock().unwrap().clone()
    }

    /// Every REST call from now on, as it arrives (after it was checked and recorded).
    /// For waiting on many calls at once: [`FakeDiscord::wait_for`] reads the whole record
    /// on each arrival, which a benchmark of thousands of calls cannot afford.
    pub fn observe(&self) -> mpsc::UnboundedReceiver<Recorded> {
        let (sender, receiver) = mpsc::unbounded_channel();
        self.shared.observers.lock().unwrap().push(sender);
        receiver
    }

    /// Sends a gateway dispatch (`INTERACTION_CREATE`, …) to the connected client.
    pub fn dispatch(&self, event: &str, data: Value) {
        // Numbered, kept and sent under one lock, so a resuming session replays exactly
        // what it missed.
        let mut history = self.shared.history.lock().unwrap();
        let seq = self.shared.seq.fetch_add(1, Ordering::SeqCst);
        let frame = json!({ "op": 0, "s": seq, "t": event, "d": data }).to_string();
        history.push((seq, frame.clone()));
        let _ = self.shared.events.send(frame);
    }

    /// Closes the gateway connection the way a network drop would (no close frame).
    pub fn drop_connection(&self) {
        // A stored permit: the session drops even if it was busy sending right now.
        self.shared.drop_connection.notify_one();
    }

    /// Requests the fake refused as Discord would, with the answer it gave.
    pub fn rejected(&self) -> Vec<(Recorded, Value)> {
        self.shared.rejected.lock().unwrap().clone()
    }

    /// This test sends invalid requests on purpose: dropping the fake does not fail it.
    pub fn expect_rejections(&self) {
        self.shared
            .rejections_expected
            .store(true, Ordering::SeqCst);
    }

    /// Refuses the next `count` command registrations the way Discord refuses an invalid
    /// one (a 50035 answer), as if the payload had a field Discord dislikes.
    pub fn refuse_registrations(&self, count: u64) {
        self.shared
            .refuse_registrations
            .store(count, Ordering::SeqCst);
    }

    /// How many registrations were refused on the test's request.
    pub fn injected_refusals(&self) -> u64 {
        self.shared.injected.load(Ordering::SeqCst)
    }

    /// A scheduled event that exists on the server without this fake having created it
    /// (one kumpul created in an earlier run), ending at `ends_at_ms`.
    pub fn seed_scheduled_event(&self, id: &str, ends_at_ms: i64) {
        self.shared.scheduled_events.lock().unwrap().insert(
            id.to_owned(),
            ScheduledEvent {
                ends_at_ms,
                recurring: false,
            },
        );
    }

    /// Answers scheduled-event creation as Discord does for a bot without Create Events.
    pub fn deny_scheduled_events(&self) {
        self.shared
            .deny_scheduled_events
            .store(true, Ordering::SeqCst);
    }

    /// Answers every new channel message as Discord does for a bot that may not post in
    /// the channel (interaction responses still work: they need no permission).
    pub fn deny_channel_messages(&self) {
        self.shared
            .deny_channel_messages
            .store(true, Ordering::SeqCst);
    }

    /// From now on `user` accepts no DMs from kumpul: opening the DM channel still works
    /// (as on Discord), posting in it is answered 50007 "Cannot send messages to this
    /// user".
    pub fn close_dms(&self, user: &str) {
        self.shared
            .closed_dms
            .lock()
            .unwrap()
            .insert(user.to_owned());
    }

    /// How many times a client identified (new sessions) and resumed.
    pub fn sessions(&self) -> (u64, u64) {
        (
            self.shared.identifies.load(Ordering::SeqCst),
            self.shared.resumes.load(Ordering::SeqCst),
        )
    }

    /// Waits (at most 10 s) for a REST call that `matches`, returning the first one.
    pub async fn wait_for(&self, what: &str, matches: impl Fn(&Recorded) -> bool) -> Recorded {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.shared.arrived.notified();
            if let Some(call) = self.calls().into_iter().find(|c| matches(c)) {
                return call;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "timed out waiting for {what}; calls so far: {:#?}",
                    self.calls()
                );
            }
        }
    }

    /// All calls that `matches`, once at least `count` have arrived (at most 10 s).
    pub async fn wait_for_all(
        &self,
        what: &str,
        count: usize,
        matches: impl Fn(&Recorded) -> bool,
    ) -> Vec<Recorded> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.shared.arrived.notified();
            let found: Vec<Recorded> = self.calls().into_iter().filter(|c| matches(c)).collect();
            if found.len() >= count {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                panic!(
                    "timed out waiting for {count} × {what}; calls so far: {:#?}",
                    self.calls()
                );
            }
        }
    }
}

/// The id of every thread the fake opens.
pub const THREAD_ID: &str = "8600000000000000006";

/// The id of every scheduled event the fake creates.
pub const SCHEDULED_EVENT_ID: &str = "8500000000000000005";

/// The id of every interaction's original response message.
pub const ORIGINAL_ID: &str = "8400000000000000004";

/// The id of every message posted with `POST /channels/{id}/messages`.
pub const CHANNEL_MESSAGE_ID: &str = "8300000000000000003";

impl Drop for FakeDiscord {
    /// Fails the test that sent Discord something it would refuse, unless it meant to.
    fn drop(&mut self) {
        if std::thread::panicking() || self.shared.rejections_expected.load(Ordering::SeqCst) {
            return;
        }
        let rejected = self.rejected();
        if let Some((call, error)) = rejected.first() {
            panic!(
                "Discord would have refused {} request(s); the first: {} {} {:#}\nanswer: {:#}",
                rejected.len(),
                call.method,
                call.path,
                call.body,
                error
            );
        }
    }
}
