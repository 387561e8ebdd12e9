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

pub mod payloads;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use kumpul_discord::validate::{self, Spec};
use serde_json::{Value, json};
use tokio::sync::{Notify, broadcast};

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
        });
        // Loaded before serving, so the first request does not wait on it.
        spec();
        let app = Router::new()
            .route("/gateway", get(gateway))
            .fallback(any(rest))
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

/// The JSON of a request body, or of its `payload_json` part when it is multipart.
fn body_json(content_type: &str, bytes: &[u8]) -> Value {
    if content_type.starts_with("multipart/form-data") {
        let text = String::from_utf8_lossy(bytes);
        let start = text
            .find("name=\"payload_json\"")
            .and_then(|i| text[i..].find("\r\n\r\n").map(|j| i + j + 4));
        if let Some(start) = start {
            let end = text[start..]
                .find("\r\n--")
                .map_or(text.len(), |e| start + e);
            return serde_json::from_str(&text[start..end]).unwrap_or(Value::Null);
        }
        return Value::Null;
    }
    serde_json::from_slice(bytes).unwrap_or(Value::Null)
}

/// The id of every thread the fake opens.
pub const THREAD_ID: &str = "8600000000000000006";

/// The id of every scheduled event the fake creates.
pub const SCHEDULED_EVENT_ID: &str = "8500000000000000005";

/// The id of every interaction's original response message.
pub const ORIGINAL_ID: &str = "8400000000000000004";

/// The id of every message posted with `POST /channels/{id}/messages`.
pub const CHANNEL_MESSAGE_ID: &str = "8300000000000000003";

async fn rest(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let content_type = request
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes: Bytes = axum::body::to_bytes(request.into_body(), 16 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let body = body_json(&content_type, &bytes);
    let recorded = Recorded {
        method: method.to_string(),
        path,
        body,
        at: std::time::Instant::now(),
    };
    let response = if let Some(error) = injected_refusal(&shared, &recorded) {
        (StatusCode::BAD_REQUEST, axum::Json(error)).into_response()
    } else if let Some(error) = refusal(&recorded, !bytes.is_empty()) {
        shared
            .rejected
            .lock()
            .unwrap()
            .push((recorded.clone(), error.clone()));
        (StatusCode::BAD_REQUEST, axum::Json(error)).into_response()
    } else if denied(&shared, &recorded) {
        let denied = json!({ "message": "Missing Permissions", "code": 50013 });
        (StatusCode::FORBIDDEN, axum::Json(denied)).into_response()
    } else {
        let response = answer(&shared, &method, &recorded.path, &recorded.body);
        if response.status() == StatusCode::NOT_FOUND {
            // A route the fake does not know: kumpul called something Discord may not have.
            let unknown = json!({ "message": "404: Not Found (unknown route)", "code": 0 });
            shared
                .rejected
                .lock()
                .unwrap()
                .push((recorded.clone(), unknown));
        }
        response
    };
    shared.calls.lock().unwrap().push(recorded);
    shared.arrived.notify_waiters();
    response
}

/// Whether the test made this request one the bot lacks the permission for.
fn denied(shared: &Shared, call: &Recorded) -> bool {
    if call.method != "POST" {
        return false;
    }
    let segments: Vec<&str> = call
        .path
        .trim_start_matches("/api/v10/")
        .split('/')
        .collect();
    match segments.as_slice() {
        ["guilds", _, "scheduled-events"] => shared.deny_scheduled_events.load(Ordering::SeqCst),
        ["channels", _, "messages"] => shared.deny_channel_messages.load(Ordering::SeqCst),
        _ => false,
    }
}

/// The refusal a test asked for, if this is a registration it wants refused.
fn injected_refusal(shared: &Shared, call: &Recorded) -> Option<Value> {
    let is_registration = call.method == "PUT" && call.path.ends_with("/commands");
    let refused = is_registration
        && shared
            .refuse_registrations
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
    if !refused {
        return None;
    }
    shared.injected.fetch_add(1, Ordering::SeqCst);
    let injected = validate::Problem::new(
        vec!["0".into(), "name".into()],
        "APPLICATION_COMMAND_INVALID_NAME",
        "refused by the test",
    );
    Some(validate::discord_error(&[injected]))
}

/// Discord's answer to an invalid request, if this one is: checked against the OpenAPI
/// description and the documented limits.
fn refusal(call: &Recorded, has_body: bool) -> Option<Value> {
    let route = call.path.trim_start_matches("/api/v10");
    if !has_body && matches!(call.method.as_str(), "GET" | "DELETE") {
        return None;
    }
    if has_body && call.body.is_null() {
        let unreadable =
            validate::Problem::new(Vec::new(), "BASE_TYPE_BAD_JSON", "the body is not JSON");
        return Some(validate::discord_error(&[unreadable]));
    }
    let problems = validate::check(Some(spec()), &call.method, route, &call.body);
    (!problems.is_empty()).then(|| validate::discord_error(&problems))
}

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

fn answer(shared: &Shared, method: &Method, path: &str, body: &Value) -> Response {
    let segments: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let bot = payloads::user(payloads::BOT_ID, "kumpul", true);
    match (method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => {
            shared.gateway_fetched.store(true, Ordering::SeqCst);
            axum::Json(json!({ "url": format!("ws://127.0.0.1:{}/gateway", shared.port) }))
                .into_response()
        }
        ("PUT", ["applications", _, "commands"] | ["applications", _, "guilds", _, "commands"]) => {
            let commands: Vec<Value> = body
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, mut c)| {
                    c["id"] = json!(format!("9{:018}", i));
                    c["application_id"] = json!(payloads::APP_ID);
                    c["version"] = json!("1");
                    c["type"] = json!(1);
                    c["default_member_permissions"] = Value::Null;
                    c
                })
                .collect();
            axum::Json(Value::Array(commands)).into_response()
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) => {
            axum::Json(payloads::message("8100000000000000001", "", bot)).into_response()
        }
        ("GET", ["webhooks", _, _, "messages", "@original"]) => {
            axum::Json(payloads::message(ORIGINAL_ID, "", bot)).into_response()
        }
        ("POST", ["channels", _, "messages", _, "threads"]) => {
            let name = body["name"].as_str().unwrap_or("thread");
            axum::Json(payloads::thread_channel(THREAD_ID, name, false)).into_response()
        }
        ("PATCH", ["channels", id]) => {
            let archived = body["archived"].as_bool().unwrap_or(false);
            axum::Json(payloads::thread_channel(id, "thread", archived)).into_response()
        }
        ("PATCH", ["channels", _, "messages", id]) => {
            axum::Json(payloads::message(id, "", bot)).into_response()
        }
        ("DELETE", ["webhooks", _, _, "messages", "@original"]) => {
            StatusCode::NO_CONTENT.into_response()
        }
        ("POST", ["webhooks", _, _]) => {
            axum::Json(payloads::message("8200000000000000002", "", bot)).into_response()
        }
        ("POST", ["channels", _, "messages"]) => {
            axum::Json(payloads::message(CHANNEL_MESSAGE_ID, "", bot)).into_response()
        }
        ("GET", ["guilds", _]) => axum::Json(payloads::guild()).into_response(),
        ("POST", ["guilds", _, "scheduled-events"]) => {
            axum::Json(payloads::scheduled_event(SCHEDULED_EVENT_ID, body)).into_response()
        }
        ("DELETE", ["guilds", _, "scheduled-events", _]) => StatusCode::NO_CONTENT.into_response(),
        ("PATCH", ["guilds", _, "scheduled-events", id]) => {
            axum::Json(payloads::scheduled_event(id, body)).into_response()
        }
        ("DELETE", ["users", "@me", "guilds", _]) => StatusCode::NO_CONTENT.into_response(),
        _ => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({ "message": "Unknown", "code": 0 })),
        )
            .into_response(),
    }
}

async fn gateway(State(shared): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| session(shared, socket))
}

/// One gateway session: HELLO, wait for IDENTIFY, READY and GUILD_CREATE, then answer
/// heartbeats and forward dispatched events.
async fn session(shared: Arc<Shared>, mut socket: WebSocket) {
    let hello = json!({ "op": 10, "s": null, "t": null, "d": { "heartbeat_interval": 41250 } });
    if socket
        .send(WsMessage::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    let mut events = shared.events.subscribe();
    loop {
        tokio::select! {
            () = shared.drop_connection.notified() => return,
            frame = socket.recv() => {
                let Some(Ok(frame)) = frame else { return };
                let WsMessage::Text(text) = frame else { continue };
                let Ok(value) = serde_json::from_str::<Value>(&text) else { continue };
                match value["op"].as_u64() {
                    Some(6) => {
                        // RESUME: replay what was dispatched after the client's last
                        // sequence number, then RESUMED; live frames follow.
                        shared.resumes.fetch_add(1, Ordering::SeqCst);
                        let after = value["d"]["seq"].as_u64().unwrap_or(0);
                        let missed: Vec<String> = {
                            let history = shared.history.lock().unwrap();
                            events = shared.events.subscribe();
                            history.iter().filter(|(s, _)| *s > after).map(|(_, f)| f.clone()).collect()
                        };
                        for frame in missed {
                            if socket.send(WsMessage::Text(frame.into())).await.is_err() {
                                return;
                            }
                        }
                        let seq = shared.seq.fetch_add(1, Ordering::SeqCst);
                        let resumed = json!({ "op": 0, "s": seq, "t": "RESUMED", "d": {} });
                        if socket.send(WsMessage::Text(resumed.to_string().into())).await.is_err() {
                            return;
                        }
                    }
                    Some(2) => {
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                        shared.identified.store(true, Ordering::SeqCst);
                        let url = format!("ws://127.0.0.1:{}/gateway", shared.port);
                        let ready = json!({ "op": 0, "s": 1, "t": "READY", "d": payloads::ready(&url) });
                        let guild = json!({ "op": 0, "s": 2, "t": "GUILD_CREATE", "d": payloads::guild() });
                        for frame in [ready, guild] {
                            if socket.send(WsMessage::Text(frame.to_string().into())).await.is_err() {
                                return;
                            }
                        }
                    }
                    Some(1) => {
                        let ack = json!({ "op": 11, "s": null, "t": null, "d": null });
                        if socket.send(WsMessage::Text(ack.to_string().into())).await.is_err() {
                            return;
                        }
                    }
                    _ => {}
                }
            }
            event = events.recv() => {
                let Ok(frame) = event else { continue };
                if socket.send(WsMessage::Text(frame.into())).await.is_err() {
                    return;
                }
            }
        }
    }
}
