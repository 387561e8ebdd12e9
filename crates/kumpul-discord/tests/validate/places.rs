//! Scheduled events and threads.

use serde_json::{Value, json};

use super::*;

pub(crate) fn external_event() -> Value {
    json!({"name": "x", "privacy_level": 2, "scheduled_start_time": "2027-01-01T10:00:00.000Z",
           "scheduled_end_time": "2027-01-01T12:00:00.000Z", "entity_type": 3,
           "entity_metadata": {"location": "Park"}})
}

#[test]
fn external_events_without_an_end_time_are_refused() {
    let mut broken = external_event();
    broken
        .as_object_mut()
        .map(|o| o.remove("scheduled_end_time"));
    let route = "/guilds/7/scheduled-events";
    refused_then_repaired(
        "POST",
        route,
        broken,
        &["scheduled_end_time"],
        external_event(),
    );
}

#[test]
fn thread_names_over_100_characters_are_refused() {
    let with = |n| json!({"name": "é".repeat(n), "auto_archive_duration": 1440});
    refused_then_repaired(
        "POST",
        "/channels/3/messages/5/threads",
        with(101),
        &["name"],
        with(100),
    );
}
