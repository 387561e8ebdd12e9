//! Application commands: names, descriptions, options, choices and the size budget.
//!
//! The OpenAPI description has lengths but not the name syntax, the lowercase rule, the
//! option ordering and layout rules, the −2^53+1 … 2^53−1 range of `min_value` /
//! `max_value` for numbers, or the 8000-character budget per command.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::{At, Sink, chars, int, is_true, items};

/// Discord's name syntax for chat-input commands, options and subcommands.
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$").expect("a valid name pattern")
});

/// The locales Discord accepts as keys of `*_localizations`.
pub(super) const LOCALES: [&str; 32] = [
    "id", "en-US", "en-GB", "bg", "zh-CN", "zh-TW", "hr", "cs", "da", "nl", "fi", "fr", "de", "el",
    "hi", "hu", "it", "ja", "ko", "lt", "no", "pl", "pt-BR", "ro", "ru", "es-ES", "es-419",
    "sv-SE", "th", "tr", "uk", "vi",
];

/// JavaScript's safe integers: Discord stores option bounds as doubles.
const SAFE: i64 = 9_007_199_254_740_991;
/// Characters of names, descriptions and choice values one command may hold.
const BUDGET: usize = 8000;
/// Chat-input commands one application may have (per scope).
const MAX_CHAT_COMMANDS: usize = 100;
/// Options, subcommands or choices at one level.
const MAX_PER_LEVEL: usize = 25;

/// `PUT …/commands`: the whole list an application registers.
pub(in crate::validate) fn bulk(sink: &mut Sink, at: &At, body: &Value) {
    let Some(commands) = body.as_array() else {
        return; // not a list: the schema reports it
    };
    if commands.iter().filter(|c| is_chat(c)).count() > MAX_CHAT_COMMANDS {
        let message = format!("At most {MAX_CHAT_COMMANDS} chat-input commands may be registered");
        sink.report(at, "APPLICATION_COMMANDS_TOO_MANY", message);
    }
    // Names are unique per command type (a user command may share a slash command's name).
    let mut seen = HashSet::new();
    for (index, command) in commands.iter().enumerate() {
        let kind = int(command, "type").unwrap_or(1);
        if let Some(name) = command.get("name").and_then(Value::as_str)
            && !seen.insert((kind, name))
        {
            let message = "Application command names must be unique";
            sink.report(
                &at.join(index).join("name"),
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                message,
            );
        }
        self::command(sink, &at.join(index), command, false);
    }
}

/// One command (`POST`, or `PATCH` with `partial` where nothing is required).
pub(in crate::validate) fn command(sink: &mut Sink, at: &At, command: &Value, partial: bool) {
    if !command.is_object() {
        return;
    }
    let chat = is_chat(command);
    names(sink, at, command, chat);
    if chat {
        sink.text(at, command, "description", (1, 100), !partial);
        localisations(sink, at, command, "description_localizations", (1, 100));
        options(
            sink,
            &at.join("options"),
            items(command, "options"),
            Level::Command,
        );
    }
    let size = longest(command, "name")
        + longest(command, "description")
        + options_size(items(command, "options"));
    if size > BUDGET {
        let message = format!("Command exceeds maximum size ({BUDGET}): {size} characters");
        sink.report(at, "APPLICATION_COMMAND_TOO_LARGE", message);
    }
}

/// A chat-input (slash) command: type 1, or no type at all.
fn is_chat(command: &Value) -> bool {
    matches!(command.get("type"), None | Some(Value::Null)) || int(command, "type") == Some(1)
}

/// Where a list of options sits, which decides what it may hold.
#[derive(Clone, Copy, PartialEq)]
enum Level {
    Command,
    Group,
    Subcommand,
}

const SUBCOMMAND: i64 = 1;
const GROUP: i64 = 2;

fn options(sink: &mut Sink, at: &At, list: &[Value], level: Level) {
    if list.len() > MAX_PER_LEVEL {
        sink.length(at, list.len(), (0, MAX_PER_LEVEL));
    }
    let mut seen = HashSet::new();
    let mut optional_seen = false;
    let nested = list
        .iter()
        .filter(|o| matches!(int(o, "type"), Some(SUBCOMMAND | GROUP)))
        .count();
    if nested > 0 && nested < list.len() {
        let message = "Sub-command and sub-command group option types are mutually exclusive to all other types";
        sink.report(at, "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID", message);
    }
    for (index, option) in list.iter().enumerate() {
        let here = at.join(index);
        let kind = int(option, "type");
        let misplaced = match level {
            Level::Command => false,
            Level::Group => kind != Some(SUBCOMMAND),
            Level::Subcommand => matches!(kind, Some(SUBCOMMAND | GROUP)),
        };
        if misplaced {
            let message =
                "A group holds only subcommands, and a subcommand no subcommands or groups";
            sink.report(
                &here.join("type"),
                "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                message,
            );
        }
        if let Some(name) = option.get("name").and_then(Value::as_str)
            && !seen.insert(name)
        {
            let message = "Option names must be unique";
            sink.report(
                &here.join("name"),
                "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                message,
            );
        }
        if !matches!(kind, Some(SUBCOMMAND | GROUP)) {
            let required = is_true(option, "required");
            if required && optional_seen {
                let message = "Required options must be placed before non-required options";
                sink.report(
                    &here.join("required"),
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    message,
                );
            }
            optional_seen |= !required;
        }
        self::option(sink, &here, option, kind);
    }
}

const STRING: i64 = 3;
const INTEGER: i64 = 4;
const NUMBER: i64 = 10;

fn option(sink: &mut Sink, at: &At, option: &Value, kind: Option<i64>) {
    names(sink, at, option, true);
    sink.text(at, option, "description", (1, 100), true);
    localisations(sink, at, option, "description_localizations", (1, 100));
    match kind {
        Some(SUBCOMMAND) => options(
            sink,
            &at.join("options"),
            items(option, "options"),
            Level::Subcommand,
        ),
        Some(GROUP) => options(
            sink,
            &at.join("options"),
            items(option, "options"),
            Level::Group,
        ),
        _ => {}
    }
    let choices = items(option, "choices");
    sink.count(at, option, "choices", (0, MAX_PER_LEVEL), false);
    for (index, choice) in choices.iter().enumerate() {
        self::choice(sink, &at.join("choices").join(index), choice, kind);
    }
    if is_true(option, "autocomplete") && !choices.is_empty() {
        let message = "Autocomplete cannot be set on an option with choices";
        sink.report(
            &at.join("autocomplete"),
            "APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES",
            message,
        );
    }
    if matches!(kind, Some(INTEGER | NUMBER)) {
        bounds(sink, at, option);
    }
    if kind == Some(STRING) {
        sink.integer(at, option, "min_length", (0, 6000));
        sink.integer(at, option, "max_length", (1, 6000));
    }
}

/// One choice of an option, or of an autocomplete answer: a display name (free text, not
/// the name syntax) and a value.
pub(super) fn choice(sink: &mut Sink, at: &At, choice: &Value, kind: Option<i64>) {
    sink.text(at, choice, "name", (1, 100), true);
    localisations(sink, at, choice, "name_localizations", (1, 100));
    match choice.get("value") {
        Some(Value::String(_)) => sink.text(at, choice, "value", (0, 100), false),
        Some(value @ Value::Number(_)) if kind != Some(STRING) => {
            safe(sink, &at.join("value"), value)
        }
        _ => {}
    }
}

/// `min_value` / `max_value` within the safe integers, and in order.
fn bounds(sink: &mut Sink, at: &At, option: &Value) {
    for key in ["min_value", "max_value"] {
        if let Some(value) = option.get(key) {
            safe(sink, &at.join(key), value);
        }
    }
    let bound = |key| option.get(key).and_then(Value::as_f64);
    if let (Some(min), Some(max)) = (bound("min_value"), bound("max_value"))
        && min > max
    {
        let message = format!("min_value ({min}) must not exceed max_value ({max})");
        sink.report(
            &at.join("min_value"),
            "APPLICATION_COMMAND_OPTION_RANGE_INVALID",
            message,
        );
    }
}

/// A number within −2^53+1 … 2^53−1. Integers are compared exactly: 2^53 as a double
/// would round to a value that looks in range.
fn safe(sink: &mut Sink, at: &At, value: &Value) {
    let (too_small, too_big) = match (value.as_i64(), value.as_u64(), value.as_f64()) {
        (Some(n), _, _) => (n < -SAFE, n > SAFE),
        (None, Some(_), _) => (false, true), // beyond i64, so beyond 2^53
        // Exact: 2^53 − 1 is a double.
        (None, None, Some(x)) => (x < -(SAFE as f64), x > SAFE as f64),
        _ => return,
    };
    if too_small {
        sink.report(
            at,
            "NUMBER_TYPE_MIN",
            format!("int value should be greater than or equal to -{SAFE}."),
        );
    } else if too_big {
        sink.report(
            at,
            "NUMBER_TYPE_MAX",
            format!("int value should be less than or equal to {SAFE}."),
        );
    }
}

/// `name` and `name_localizations` of a command or option.
fn names(sink: &mut Sink, at: &At, object: &Value, syntax: bool) {
    if let Some(name) = object.get("name").and_then(Value::as_str) {
        name_rules(sink, &at.join("name"), name, syntax);
    }
    let key = "name_localizations";
    locale_keys(sink, at, object, key);
    for (locale, name) in object
        .get(key)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if let Some(name) = name.as_str() {
            name_rules(sink, &at.join(key).join(locale), name, syntax);
        }
    }
}

/// Chat-input names follow Discord's pattern and are lowercase (where a letter has a
/// lowercase form); user and message command names are only 1–32 characters.
fn name_rules(sink: &mut Sink, at: &At, name: &str, syntax: bool) {
    if !syntax {
        sink.length(at, name.chars().count(), (1, 32));
    } else if !NAME.is_match(name) {
        let message = format!("Command name {name:?} is invalid: 1–32 letters, digits, - or _");
        sink.report(at, "APPLICATION_COMMAND_INVALID_NAME", message);
    } else if name.to_lowercase() != name {
        let message = format!("Command name {name:?} is invalid: it must be lowercase");
        sink.report(at, "APPLICATION_COMMAND_INVALID_NAME", message);
    }
}

/// Keys of a `*_localizations` map are locales and values have `min..=max` chars.
pub(super) fn localisations(
    sink: &mut Sink,
    at: &At,
    object: &Value,
    key: &str,
    range: (usize, usize),
) {
    locale_keys(sink, at, object, key);
    if let Some(map) = object.get(key).filter(|m| m.is_object()) {
        for locale in map.as_object().into_iter().flatten().map(|(k, _)| k) {
            sink.text(&at.join(key), map, locale, range, false);
        }
    }
}

fn locale_keys(sink: &mut Sink, at: &At, object: &Value, key: &str) {
    for locale in object
        .get(key)
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        if !LOCALES.contains(&locale.as_str()) {
            let message = format!(
                "{locale:?} is not a Discord locale (one of {})",
                LOCALES.join(", ")
            );
            sink.report(&at.join(key).join(locale), "BASE_TYPE_CHOICES", message);
        }
    }
}

/// What options, subcommands, groups and choices add to a command's size.
fn options_size(list: &[Value]) -> usize {
    list.iter()
        .map(|option| {
            let choices: usize = items(option, "choices")
                .iter()
                .map(|c| longest(c, "name") + value_size(c.get("value")))
                .sum();
            longest(option, "name")
                + longest(option, "description")
                + choices
                + options_size(items(option, "options"))
        })
        .sum()
}

/// A field's size: the longest of its default and its localisations, since that is what
/// one locale's users are sent.
fn longest(object: &Value, key: &str) -> usize {
    let localised = object
        .get(format!("{key}_localizations"))
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(_, text)| chars(Some(text)));
    localised.fold(chars(object.get(key)), usize::max)
}

fn value_size(value: Option<&Value>) -> usize {
    match value {
        Some(Value::String(text)) => text.chars().count(),
        Some(number @ Value::Number(_)) => number.to_string().len(),
        _ => 0,
    }
}
