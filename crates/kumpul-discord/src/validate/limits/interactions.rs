//! Interaction responses (`POST /interactions/{id}/{token}/callback`), by callback type.

use std::collections::HashSet;

use serde_json::Value;

use super::{At, Sink, int, items};

const MESSAGE: i64 = 4;
const DEFERRED_MESSAGE: i64 = 5;
const DEFERRED_UPDATE: i64 = 6;
const UPDATE: i64 = 7;
const AUTOCOMPLETE: i64 = 8;
const MODAL: i64 = 9;

const TEXT_INPUT: i64 = 4;

/// A callback body: `{"type": …, "data": …}`.
pub(in crate::validate) fn callback(sink: &mut Sink, at: &At, body: &Value) {
    let Some(data) = body.get("data").filter(|d| d.is_object()) else {
        return; // a missing `data` where one is needed is the schema's to report
    };
    let at = at.join("data");
    match int(body, "type") {
        Some(MESSAGE | UPDATE) => super::messages::message(sink, &at, data),
        // A deferral only promises a message; the message itself comes later, so only
        // `flags` (ephemeral) means anything. Empty fields say nothing and are let through:
        // serenity's deferral carries `"attachments": []`, which Discord accepts.
        Some(DEFERRED_MESSAGE | DEFERRED_UPDATE) => {
            for (key, value) in data.as_object().into_iter().flatten() {
                if key != "flags" && !is_empty(value) {
                    let message =
                        format!("A deferred response takes only `flags` in its data, not `{key}`");
                    sink.report(&at.join(key), "INTERACTION_DEFERRED_DATA_INVALID", message);
                }
            }
        }
        Some(AUTOCOMPLETE) => {
            sink.count(&at, data, "choices", (0, 25), false);
            for (index, choice) in items(data, "choices").iter().enumerate() {
                super::commands::choice(sink, &at.join("choices").join(index), choice, None);
            }
        }
        Some(MODAL) => modal(sink, &at, data),
        _ => {}
    }
}

/// Null, `false`, `""`, `[]` or `{}`.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Number(_) => false,
    }
}

/// A modal: a title, a custom id, and one to five rows of one text input each.
fn modal(sink: &mut Sink, at: &At, modal: &Value) {
    sink.text(at, modal, "title", (1, 45), true);
    sink.text(at, modal, "custom_id", (1, 100), true);
    sink.count(at, modal, "components", (1, 5), true);
    let mut ids = HashSet::new();
    for (index, row) in items(modal, "components").iter().enumerate() {
        let here = at.join("components").join(index);
        let inputs = items(row, "components");
        let one_input = inputs.len() == 1 && int(&inputs[0], "type") == Some(TEXT_INPUT);
        if int(row, "type") != Some(1) || !one_input {
            let message = "Each modal row is an action row holding exactly one text input";
            sink.report(&here, "MODAL_COMPONENT_LAYOUT_INVALID", message);
        }
        for (input_index, input) in inputs.iter().enumerate() {
            let input_at = here.join("components").join(input_index);
            if int(input, "type") == Some(TEXT_INPUT) {
                text_input(sink, &input_at, input);
                super::components::custom_id(sink, &input_at, input, &mut ids);
            }
        }
    }
}

fn text_input(sink: &mut Sink, at: &At, input: &Value) {
    sink.text(at, input, "label", (1, 45), true);
    sink.text(at, input, "custom_id", (1, 100), true);
    if !matches!(int(input, "style"), Some(1 | 2)) {
        let message = "Text input style is 1 (short) or 2 (paragraph)";
        sink.report(&at.join("style"), "BASE_TYPE_CHOICES", message);
    }
    sink.integer(at, input, "min_length", (0, 4000));
    sink.integer(at, input, "max_length", (1, 4000));
    sink.text(at, input, "value", (0, 4000), false);
    sink.text(at, input, "placeholder", (0, 100), false);
}
