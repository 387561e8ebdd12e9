//! Application-command registrations: names, descriptions, options, choices, size.

use serde_json::{Value, json};

use super::*;

/// A bulk registration like the one serenity sends for kumpul's `/poll`.
pub(crate) fn poll_commands(max_value: u64) -> Value {
    json!([{
        "name": "poll", "description": "Polls for the group",
        "name_localizations": {"id": "polling"},
        "description_localizations": {"id": "Jajak pendapat untuk grup"},
        "contexts": [0], "type": 1,
        "options": [{"type": 1, "name": "vote", "description": "Vote in a poll", "options": [
            {"type": 4, "name": "number", "description": "Poll number", "required": true,
             "min_value": 1, "max_value": max_value}
        ]}]
    }])
}

/// One chat command whose single option is `option`.
fn command_with(option: Value) -> Value {
    json!([{"name": "pick", "description": "Pick one", "type": 1, "options": [option]}])
}

fn choices(n: usize) -> Value {
    (0..n)
        .map(|i| json!({"name": format!("Choice {i}"), "value": format!("c{i}")}))
        .collect()
}

fn named(name: &str) -> Value {
    json!([{"name": name, "description": "A command", "type": 1}])
}

#[test]
fn max_value_beyond_2_pow_53_is_refused() {
    // The bug we shipped: u64 bounds serialised as 2^53.
    let path = ["0", "options", "0", "options", "0", "max_value"];
    refused_then_repaired(
        "PUT",
        COMMANDS,
        poll_commands(1 << 53),
        &path,
        poll_commands((1 << 53) - 1),
    );
    // The documented limit stands on its own, for a check without the description.
    let alone = validate::check_limits("PUT", COMMANDS, &poll_commands(1 << 53));
    assert_eq!(alone.len(), 1, "{}", listing(&alone));
    assert_eq!(alone[0].path, path);
}

#[test]
fn schema_problems_inside_unions_point_at_the_field() {
    let found = spec().check("PUT", COMMANDS, &poll_commands(1 << 53));
    assert_eq!(found.len(), 1, "{}", listing(&found));
    assert_eq!(
        found[0].path,
        ["0", "options", "0", "options", "0", "max_value"]
    );
    assert_eq!(found[0].code, "NUMBER_TYPE_MAX");
    assert!(
        found[0].message.contains("maximum of 9007199254740991"),
        "{}",
        found[0]
    );
}

#[test]
fn names_with_upper_case_are_refused() {
    refused_then_repaired(
        "PUT",
        COMMANDS,
        named("Poll"),
        &["0", "name"],
        named("poll"),
    );
}

#[test]
fn names_with_spaces_are_refused() {
    refused_then_repaired(
        "PUT",
        COMMANDS,
        named("my poll"),
        &["0", "name"],
        named("my-poll"),
    );
}

#[test]
fn localised_names_follow_the_same_rules_and_locales_are_discords() {
    let with = |locale: &str, name: &str| json!([{"name": "poll", "description": "d", "name_localizations": {locale: name}}]);
    let path = ["0", "name_localizations", "id"];
    refused_then_repaired(
        "PUT",
        COMMANDS,
        with("id", "Polling Baru"),
        &path,
        with("id", "polling-baru"),
    );
    let path = ["0", "name_localizations", "in"];
    refused_then_repaired(
        "PUT",
        COMMANDS,
        with("in", "polling"),
        &path,
        with("id", "polling"),
    );
}

#[test]
fn descriptions_over_100_characters_are_refused() {
    let with = |n| json!([{"name": "poll", "description": "é".repeat(n)}]);
    refused_then_repaired("PUT", COMMANDS, with(101), &["0", "description"], with(100));
}

#[test]
fn more_than_25_choices_are_refused() {
    let with = |n| {
        command_with(json!({"type": 3, "name": "what", "description": "d", "choices": choices(n)}))
    };
    refused_then_repaired(
        "PUT",
        COMMANDS,
        with(26),
        &["0", "options", "0", "choices"],
        with(25),
    );
}

#[test]
fn autocomplete_with_choices_is_refused() {
    let with = |auto| {
        command_with(
            json!({"type": 3, "name": "what", "description": "d", "autocomplete": auto, "choices": choices(2)}),
        )
    };
    refused_then_repaired(
        "PUT",
        COMMANDS,
        with(true),
        &["0", "options", "0", "autocomplete"],
        with(false),
    );
}

#[test]
fn commands_over_8000_characters_are_refused() {
    // Each option: 25 choices of 100 + 100 characters, about 5000 in all.
    let option = |name: &str| {
        let choices: Value = (0..25)
            .map(|i| json!({"name": format!("{i:0>100}"), "value": format!("{i:x>100}")}))
            .collect();
        json!({"type": 3, "name": name, "description": "d", "choices": choices})
    };
    let with =
        |options: Vec<Value>| json!([{"name": "big", "description": "d", "options": options}]);
    let broken = with(vec![option("a"), option("b")]);
    refused_then_repaired("PUT", COMMANDS, broken, &["0"], with(vec![option("a")]));
}

#[test]
fn optional_options_before_required_ones_are_refused() {
    let with = |first: bool, second: bool| {
        json!([{"name": "poll", "description": "d", "options": [
            {"type": 3, "name": "a", "description": "d", "required": first},
            {"type": 3, "name": "b", "description": "d", "required": second}]}])
    };
    let path = ["0", "options", "1", "required"];
    refused_then_repaired("PUT", COMMANDS, with(false, true), &path, with(true, false));
}
