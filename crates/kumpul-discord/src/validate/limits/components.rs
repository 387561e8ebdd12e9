//! Message components: action-row layout, buttons, selects and custom ids.
//!
//! Classic messages hold at most five action rows; a row holds one to five buttons or a
//! single select. Messages flagged `IS_COMPONENTS_V2` nest rows in containers and
//! sections under rules of their own (not checked here beyond rows, buttons, selects and
//! custom ids wherever they sit).

use std::collections::HashSet;

use serde_json::Value;

use super::{At, Sink, int, items};

/// Message flag that switches a message to layout components.
const IS_COMPONENTS_V2: i64 = 1 << 15;

const ACTION_ROW: i64 = 1;
const BUTTON: i64 = 2;
const STRING_SELECT: i64 = 3;
/// String, user, role, mentionable and channel selects.
const SELECTS: [i64; 5] = [3, 5, 6, 7, 8];
const LINK_STYLE: i64 = 5;
const PREMIUM_STYLE: i64 = 6;

/// The `components` of a message.
pub(super) fn message_components(sink: &mut Sink, at: &At, message: &Value) {
    let list = items(message, "components");
    let at = at.join("components");
    let v2 = int(message, "flags").is_some_and(|f| f & IS_COMPONENTS_V2 != 0);
    if !v2 {
        sink.length(&at, list.len(), (0, 5));
    }
    let mut ids = HashSet::new();
    for (index, component) in list.iter().enumerate() {
        let here = at.join(index);
        if !v2 && int(component, "type") != Some(ACTION_ROW) {
            let message = "Outside IS_COMPONENTS_V2 messages, top-level components are action rows";
            sink.report(&here.join("type"), "COMPONENT_TYPE_INVALID", message);
        }
        self::component(sink, &here, component, &mut ids);
    }
}

/// One component and what it holds; `ids` are the custom ids seen so far in the message.
fn component<'a>(sink: &mut Sink, at: &At, component: &'a Value, ids: &mut HashSet<&'a str>) {
    let kind = int(component, "type");
    match kind {
        Some(ACTION_ROW) => row(sink, at, component),
        Some(BUTTON) => button(sink, at, component),
        Some(kind) if SELECTS.contains(&kind) => select(sink, at, component, kind),
        _ => {}
    }
    custom_id(sink, at, component, ids);
    for (index, child) in items(component, "components").iter().enumerate() {
        self::component(sink, &at.join("components").join(index), child, ids);
    }
    if let Some(accessory) = component.get("accessory").filter(|a| a.is_object()) {
        self::component(sink, &at.join("accessory"), accessory, ids);
    }
}

/// Custom ids are 1–100 characters and unique within the message: they are how the
/// click comes back to us.
pub(super) fn custom_id<'a>(
    sink: &mut Sink,
    at: &At,
    component: &'a Value,
    ids: &mut HashSet<&'a str>,
) {
    sink.text(at, component, "custom_id", (1, 100), false);
    if let Some(id) = component.get("custom_id").and_then(Value::as_str)
        && !ids.insert(id)
    {
        let message = format!("Component custom id {id:?} cannot be duplicated");
        sink.report(
            &at.join("custom_id"),
            "COMPONENT_CUSTOM_ID_DUPLICATED",
            message,
        );
    }
}

/// A row is five buttons wide; a select takes the whole width.
fn row(sink: &mut Sink, at: &At, row: &Value) {
    let children = items(row, "components");
    let at = at.join("components");
    let selects = children
        .iter()
        .filter(|c| int(c, "type").is_some_and(|k| SELECTS.contains(&k)))
        .count();
    if selects > 0 && children.len() > 1 {
        let message =
            "The specified component exceeds the maximum width: a select fills its row alone";
        sink.report(&at, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", message);
    } else {
        sink.length(&at, children.len(), (1, 5));
    }
}

fn button(sink: &mut Sink, at: &At, button: &Value) {
    sink.text(at, button, "label", (0, 80), false);
    let present = |key| button.get(key).is_some_and(|v| !v.is_null());
    let style = int(button, "style");
    let (needs, forbids): (&str, &[&str]) = match style {
        Some(LINK_STYLE) => ("url", &["custom_id", "sku_id"]),
        Some(PREMIUM_STYLE) => ("sku_id", &["custom_id", "url", "label", "emoji"]),
        _ => ("custom_id", &["url", "sku_id"]),
    };
    if !present(needs) {
        sink.missing(&at.join(needs));
    }
    for key in forbids.iter().copied().filter(|k| present(k)) {
        let message = format!(
            "A button of style {} cannot have `{key}`",
            style.unwrap_or_default()
        );
        sink.report(&at.join(key), "BUTTON_COMPONENT_FIELD_NOT_ALLOWED", message);
    }
}

fn select(sink: &mut Sink, at: &At, select: &Value, kind: i64) {
    if select.get("custom_id").is_none_or(Value::is_null) {
        sink.missing(&at.join("custom_id"));
    }
    sink.text(at, select, "placeholder", (0, 150), false);
    sink.integer(at, select, "min_values", (0, 25));
    sink.integer(at, select, "max_values", (1, 25));
    let min = int(select, "min_values").unwrap_or(1);
    let max = int(select, "max_values").unwrap_or(1);
    if min > max {
        let message = format!("min_values ({min}) must not exceed max_values ({max})");
        sink.report(
            &at.join("min_values"),
            "SELECT_COMPONENT_MIN_VALUES_ABOVE_MAX",
            message,
        );
    }
    if kind != STRING_SELECT {
        return;
    }
    let options = items(select, "options");
    sink.count(at, select, "options", (1, 25), true);
    if usize::try_from(max).is_ok_and(|max| max > options.len()) && !options.is_empty() {
        let message = format!(
            "max_values ({max}) must not exceed the number of options ({})",
            options.len()
        );
        sink.report(
            &at.join("max_values"),
            "SELECT_COMPONENT_MAX_VALUES_ABOVE_OPTIONS",
            message,
        );
    }
    let mut values = HashSet::new();
    for (index, option) in options.iter().enumerate() {
        let here = at.join("options").join(index);
        sink.text(&here, option, "label", (1, 100), true);
        sink.text(&here, option, "value", (1, 100), true);
        sink.text(&here, option, "description", (0, 100), false);
        if let Some(value) = option.get("value").and_then(Value::as_str)
            && !values.insert(value)
        {
            let message = format!("Select option value {value:?} is used twice");
            sink.report(
                &here.join("value"),
                "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED",
                message,
            );
        }
    }
}
