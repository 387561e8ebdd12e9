//! The fake's guild scheduled events, kept as Discord keeps them: an external event ends
//! by itself at its `scheduled_end_time` (Discord's status automation), an ended event
//! refuses every edit with "Cannot update a finished event" (JSON error code 180000), and
//! an id that does not exist is "Unknown Guild Scheduled Event" (10070). A recurring
//! event — one with a `recurrence_rule` — moves on to its next date instead of ending.

use std::sync::atomic::Ordering;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{SCHEDULED_EVENT_ID, ScheduledEvent, Shared, payloads};

fn millis(value: &Value) -> Option<i64> {
    let instant: jiff::Timestamp = value.as_str()?.parse().ok()?;
    Some(instant.as_millisecond())
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn refusal(status: StatusCode, message: &str, code: u64) -> Response {
    (
        status,
        axum::Json(json!({ "message": message, "code": code })),
    )
        .into_response()
}

fn unknown() -> Response {
    refusal(
        StatusCode::NOT_FOUND,
        "Unknown Guild Scheduled Event",
        10070,
    )
}

/// Creates an event from a request Discord accepted; the first one gets
/// [`SCHEDULED_EVENT_ID`], each later one a new id.
pub(super) fn create(shared: &Shared, body: &Value) -> String {
    let n = shared.scheduled_created.fetch_add(1, Ordering::SeqCst);
    let id = if n == 0 {
        SCHEDULED_EVENT_ID.to_owned()
    } else {
        format!("85000000000000{:05}", 5 + n)
    };
    let event = ScheduledEvent {
        ends_at_ms: millis(&body["scheduled_end_time"]).unwrap_or(i64::MAX),
        recurring: !body["recurrence_rule"].is_null(),
    };
    shared
        .scheduled_events
        .lock()
        .unwrap()
        .insert(id.clone(), event);
    id
}

/// Applies an edit and answers with the event, or refuses it as Discord would.
pub(super) fn edit(shared: &Shared, id: &str, body: &Value) -> Response {
    let mut events = shared.scheduled_events.lock().unwrap();
    let Some(event) = events.get_mut(id) else {
        return unknown();
    };
    if !event.recurring && event.ends_at_ms <= now_ms() {
        return refusal(
            StatusCode::BAD_REQUEST,
            "Cannot update a finished event",
            180000,
        );
    }
    if let Some(ends) = millis(&body["scheduled_end_time"]) {
        event.ends_at_ms = ends;
    }
    if let Some(rule) = body.get("recurrence_rule") {
        event.recurring = !rule.is_null();
    }
    axum::Json(payloads::scheduled_event(id, body)).into_response()
}

/// Deletes an event (an ended one too: Discord lets its guild delete it).
pub(super) fn delete(shared: &Shared, id: &str) -> Response {
    let mut events = shared.scheduled_events.lock().unwrap();
    match events.remove(id) {
        Some(_) => StatusCode::NO_CONTENT.into_response(),
        None => unknown(),
    }
}
