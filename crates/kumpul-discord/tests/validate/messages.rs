//! Messages and interaction responses: content, components, embeds, mentions, nonce,
//! modals.

use serde_json::{Value, json};

use super::*;

fn button(id: &str) -> Value {
    json!({"type": 2, "style": 1, "label": "Go", "custom_id": id})
}

fn row(components: Vec<Value>) -> Value {
    json!({"type": 1, "components": components})
}

fn buttons(n: usize) -> Vec<Value> {
    (0..n).map(|i| button(&format!("b{i}"))).collect()
}

fn select(options: usize, min: u64, max: u64) -> Value {
    let options: Vec<Value> = (0..options)
        .map(|i| json!({"label": format!("L{i}"), "value": format!("v{i}")}))
        .collect();
    json!({"type": 3, "custom_id": "menu", "options": options, "min_values": min, "max_values": max})
}

fn with_rows(rows: Vec<Value>) -> Value {
    json!({"content": "pick", "components": rows})
}

#[test]
fn six_action_rows_are_refused() {
    let rows = |n: usize| {
        with_rows(
            (0..n)
                .map(|i| row(vec![button(&format!("r{i}"))]))
                .collect(),
        )
    };
    refused_then_repaired("POST", MESSAGES, rows(6), &["components"], rows(5));
}

#[test]
fn six_buttons_in_a_row_are_refused() {
    let with = |n| with_rows(vec![row(buttons(n))]);
    refused_then_repaired(
        "POST",
        MESSAGES,
        with(6),
        &["components", "0", "components"],
        with(5),
    );
}

#[test]
fn a_select_sharing_a_row_with_a_button_is_refused() {
    let broken = with_rows(vec![row(vec![select(3, 1, 1), button("b")])]);
    let repaired = with_rows(vec![row(vec![select(3, 1, 1)]), row(vec![button("b")])]);
    refused_then_repaired(
        "POST",
        MESSAGES,
        broken,
        &["components", "0", "components"],
        repaired,
    );
}

#[test]
fn custom_ids_over_100_characters_are_refused() {
    let with = |n| with_rows(vec![row(vec![button(&"k".repeat(n))])]);
    let path = ["components", "0", "components", "0", "custom_id"];
    refused_then_repaired(
        "PATCH",
        "/channels/3/messages/5",
        with(101),
        &path,
        with(100),
    );
}

#[test]
fn duplicate_custom_ids_are_refused_across_rows() {
    let with = |second: &str| with_rows(vec![row(vec![button("same")]), row(vec![button(second)])]);
    let path = ["components", "1", "components", "0", "custom_id"];
    refused_then_repaired(
        "POST",
        "/webhooks/6/tok",
        with("same"),
        &path,
        with("other"),
    );
}

#[test]
fn button_labels_over_80_characters_are_refused() {
    let with = |n| {
        let label = json!({"type": 2, "style": 2, "label": "é".repeat(n), "custom_id": "k"});
        json!({"type": 7, "data": with_rows(vec![row(vec![label])])})
    };
    let path = ["data", "components", "0", "components", "0", "label"];
    refused_then_repaired("POST", CALLBACK, with(81), &path, with(80));
}

#[test]
fn selects_with_26_options_are_refused() {
    let with = |n| with_rows(vec![row(vec![select(n, 1, 1)])]);
    refused_then_repaired(
        "POST",
        MESSAGES,
        with(26),
        &["components", "0", "components", "0", "options"],
        with(25),
    );
}

#[test]
fn selects_whose_min_values_exceed_max_values_are_refused() {
    let with = |min, max| with_rows(vec![row(vec![select(5, min, max)])]);
    let path = ["components", "0", "components", "0", "min_values"];
    refused_then_repaired("POST", MESSAGES, with(3, 2), &path, with(2, 3));
}

pub(crate) fn embed(title: usize, description: usize, value: usize) -> Value {
    json!({"title": "t".repeat(title), "description": "d".repeat(description),
           "fields": [{"name": "n", "value": "v".repeat(value)}]})
}

#[test]
fn embed_titles_over_256_characters_are_refused() {
    let with = |n| json!({"embeds": [embed(n, 1, 1)]});
    refused_then_repaired(
        "POST",
        MESSAGES,
        with(257),
        &["embeds", "0", "title"],
        with(256),
    );
}

#[test]
fn embed_field_values_over_1024_characters_are_refused() {
    let with = |n| json!({"embeds": [embed(1, 1, n)]});
    refused_then_repaired(
        "POST",
        MESSAGES,
        with(1025),
        &["embeds", "0", "fields", "0", "value"],
        with(1024),
    );
}

#[test]
fn embeds_over_6000_characters_in_total_are_refused() {
    // Each embed holds its title, description, field name and value: 1 + n + 1 + 1.
    let with = |n| json!({"embeds": [embed(1, n, 1), embed(1, n, 1)]});
    refused_then_repaired("POST", MESSAGES, with(2998), &["embeds"], with(2997));
}

pub(crate) fn modal(title: usize, label: usize) -> Value {
    json!({"type": 9, "data": {"title": "t".repeat(title), "custom_id": "k1:idea:new", "components": [
        {"type": 1, "components": [{"type": 4, "custom_id": "text", "style": 2,
                                    "label": "l".repeat(label), "max_length": 1000}]}]}})
}

#[test]
fn modal_titles_over_45_characters_are_refused() {
    refused_then_repaired(
        "POST",
        CALLBACK,
        modal(46, 5),
        &["data", "title"],
        modal(45, 5),
    );
}

#[test]
fn text_input_labels_over_45_characters_are_refused() {
    let path = ["data", "components", "0", "components", "0", "label"];
    refused_then_repaired("POST", CALLBACK, modal(5, 46), &path, modal(5, 45));
}

pub(crate) fn ids(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| (100_000_000_000_000_000u64 + i as u64).to_string())
        .collect()
}

#[test]
fn parse_users_together_with_listed_users_is_refused() {
    let with = |parse: Vec<&str>| json!({"content": "<@1>", "allowed_mentions": {"parse": parse, "users": ids(1)}});
    refused_then_repaired(
        "POST",
        MESSAGES,
        with(vec!["users"]),
        &["allowed_mentions"],
        with(vec![]),
    );
}

#[test]
fn more_than_100_allowed_users_are_refused() {
    let with = |n| json!({"content": "hi", "allowed_mentions": {"parse": [], "users": ids(n)}});
    refused_then_repaired(
        "POST",
        MESSAGES,
        with(101),
        &["allowed_mentions", "users"],
        with(100),
    );
}

#[test]
fn nonces_over_25_characters_are_refused() {
    let with = |n| json!({"content": "hi", "nonce": "n".repeat(n), "enforce_nonce": true});
    refused_then_repaired("POST", MESSAGES, with(26), &["nonce"], with(25));
}

#[test]
fn content_over_2000_characters_is_refused() {
    let with = |n| json!({"content": "é".repeat(n)});
    refused_then_repaired(
        "PATCH",
        "/webhooks/6/tok/messages/@original",
        with(2001),
        &["content"],
        with(2000),
    );
}
