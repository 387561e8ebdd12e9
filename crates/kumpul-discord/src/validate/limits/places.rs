//! Threads and scheduled events: the places and gatherings kumpul opens for a group.

use serde_json::Value;

use super::{At, Sink, int};

/// Scheduled events held somewhere outside Discord (not in a voice or stage channel).
const EXTERNAL: i64 = 3;

/// `POST …/threads`: a name of 1–100 characters; a forum post also carries a message.
pub(in crate::validate) fn thread(sink: &mut Sink, at: &At, body: &Value) {
    if !body.is_object() {
        return;
    }
    sink.text(at, body, "name", (1, 100), true);
    if let Some(message) = body.get("message").filter(|m| m.is_object()) {
        super::messages::message(sink, &at.join("message"), message);
    }
}

/// `POST` (`create`) or `PATCH` of a scheduled event.
pub(in crate::validate) fn scheduled_event(sink: &mut Sink, at: &At, body: &Value, create: bool) {
    if !body.is_object() {
        return;
    }
    sink.text(at, body, "name", (1, 100), create);
    sink.text(at, body, "description", (0, 1000), false);
    super::recurrence::recurrence_rule(sink, at, body);
    let metadata = body.get("entity_metadata").filter(|m| m.is_object());
    if let Some(metadata) = metadata {
        sink.text(
            &at.join("entity_metadata"),
            metadata,
            "location",
            (1, 100),
            false,
        );
    }
    // An external event has no channel to end with, so Discord wants its end and place.
    // This holds for a create and for an edit that makes an event external.
    if int(body, "entity_type") == Some(EXTERNAL) {
        if body.get("scheduled_end_time").is_none_or(Value::is_null) {
            let at = at.join("scheduled_end_time");
            sink.report(
                &at,
                "BASE_TYPE_REQUIRED",
                "An external event needs an end time",
            );
        }
        if metadata
            .and_then(|m| m.get("location"))
            .is_none_or(Value::is_null)
        {
            let at = at.join("entity_metadata").join("location");
            sink.report(
                &at,
                "BASE_TYPE_REQUIRED",
                "An external event needs a location",
            );
        }
    }
}
