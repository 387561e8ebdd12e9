//! The fake's REST side: every request recorded, checked as strictly as Discord checks
//! it (the OpenAPI description, the documented limits, the refusals a test asked for),
//! and answered on the routes kumpul uses with payloads in Discord's wire format.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kumpul_discord::validate;
use serde_json::{Value, json};

use super::scheduled_events;
use super::{CHANNEL_MESSAGE_ID, ORIGINAL_ID, Recorded, Shared, THREAD_ID};
use super::{payloads, spec};

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

pub(super) async fn rest(State(shared): State<Arc<Shared>>, request: Request) -> Response {
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
    } else if dm_refused(&shared, &recorded) {
        let refused = json!({ "message": "Cannot send messages to this user", "code": 50007 });
        (StatusCode::FORBIDDEN, axum::Json(refused)).into_response()
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
    shared
        .observers
        .lock()
        .unwrap()
        .retain(|observer| observer.send(recorded.clone()).is_ok());
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

/// Whether this posts in the DM channel of someone who refuses kumpul's DMs.
fn dm_refused(shared: &Shared, call: &Recorded) -> bool {
    let segments: Vec<&str> = call
        .path
        .trim_start_matches("/api/v10/")
        .split('/')
        .collect();
    match (call.method.as_str(), segments.as_slice()) {
        ("POST", ["channels", channel, "messages"]) => payloads::dm_recipient(channel)
            .is_some_and(|user| shared.closed_dms.lock().unwrap().contains(&user)),
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
        ("POST", ["channels", channel, "messages"]) => {
            let mut message = payloads::message(CHANNEL_MESSAGE_ID, "", bot);
            if payloads::dm_recipient(channel).is_some() {
                // A DM has its channel and no server.
                message["channel_id"] = json!(channel);
                message["guild_id"] = Value::Null;
            }
            axum::Json(message).into_response()
        }
        ("POST", ["users", "@me", "channels"]) => match body["recipient_id"].as_str() {
            Some(recipient) => axum::Json(payloads::dm_channel(recipient)).into_response(),
            None => (
                StatusCode::BAD_REQUEST,
                axum::Json(json!({ "message": "Invalid Form Body", "code": 50035 })),
            )
                .into_response(),
        },
        ("GET", ["guilds", _]) => axum::Json(payloads::guild()).into_response(),
        ("POST", ["guilds", _, "scheduled-events"]) => {
            let id = scheduled_events::create(shared, body);
            axum::Json(payloads::scheduled_event(&id, body)).into_response()
        }
        ("DELETE", ["guilds", _, "scheduled-events", id]) => scheduled_events::delete(shared, id),
        ("PATCH", ["guilds", _, "scheduled-events", id]) => {
            scheduled_events::edit(shared, id, body)
        }
        ("DELETE", ["users", "@me", "guilds", _]) => StatusCode::NO_CONTENT.into_response(),
        _ => (
            StatusCode::NOT_FOUND,
            axum::Json(json!({ "message": "Unknown", "code": 0 })),
        )
            .into_response(),
    }
}
