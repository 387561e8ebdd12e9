//! Limits Discord documents (developer docs: application commands, message components,
//! embeds, allowed mentions, interactions, threads, scheduled events) that its OpenAPI
//! description does not encode, applied by route and method.
//!
//! Lengths are counted in Unicode scalar values (`chars`), as Discord counts them. Codes
//! are Discord's where its answers are known to use them (`BASE_TYPE_MAX_LENGTH`,
//! `APPLICATION_COMMAND_TOO_LARGE`, `MAX_EMBED_SIZE_EXCEEDED`, …); where we do not know
//! Discord's code we name the rule ourselves, so codes are for people and tests, not for
//! matching against Discord byte for byte.

mod commands;
mod components;
mod interactions;
mod messages;
mod places;
mod recurrence;

use serde_json::Value;

use super::{Problem, route_segments};

/// Documented limits the schema does not encode. `route` is the path after `/api/v10`,
/// e.g. `/applications/1/guilds/2/commands`; routes without such limits give no problems.
pub fn check_limits(method: &str, route: &str, body: &Value) -> Vec<Problem> {
    let segments = route_segments(route);
    let method = method.to_ascii_uppercase();
    let mut sink = Sink::default();
    let root = At::root();
    match (method.as_str(), segments.as_slice()) {
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            commands::bulk(&mut sink, &root, body);
        }
        ("POST", ["applications", _, "commands"])
        | ("POST", ["applications", _, "guilds", _, "commands"]) => {
            commands::command(&mut sink, &root, body, false);
        }
        // An edit sends only what changes, so nothing is required, but what is sent
        // obeys the same limits.
        ("PATCH", ["applications", _, "commands", _])
        | ("PATCH", ["applications", _, "guilds", _, "commands", _]) => {
            commands::command(&mut sink, &root, body, true);
        }
        ("POST", ["channels", _, "messages"])
        | ("PATCH", ["channels", _, "messages", _])
        | ("POST", ["webhooks", _, _])
        | ("PATCH", ["webhooks", _, _, "messages", _]) => {
            messages::message(&mut sink, &root, body);
        }
        ("POST", ["interactions", _, _, "callback"]) => {
            interactions::callback(&mut sink, &root, body);
        }
        ("POST", ["channels", _, "messages", _, "threads"])
        | ("POST", ["channels", _, "threads"]) => places::thread(&mut sink, &root, body),
        ("POST", ["guilds", _, "scheduled-events"]) => {
            places::scheduled_event(&mut sink, &root, body, true);
        }
        ("PATCH", ["guilds", _, "scheduled-events", _]) => {
            places::scheduled_event(&mut sink, &root, body, false);
        }
        _ => {}
    }
    sink.problems
}

/// Where in the body we are: JSON path segments from the root.
#[derive(Clone, Debug, Default)]
struct At(Vec<String>);

impl At {
    fn root() -> At {
        At(Vec::new())
    }

    /// One level down: an object key or an array index.
    fn join(&self, segment: impl ToString) -> At {
        let mut path = self.0.clone();
        path.push(segment.to_string());
        At(path)
    }
}

/// Collects problems and knows the common shapes of limit.
#[derive(Default)]
struct Sink {
    problems: Vec<Problem>,
}

impl Sink {
    fn report(&mut self, at: &At, code: &str, message: impl Into<String>) {
        self.problems
            .push(Problem::new(at.0.clone(), code, message));
    }

    /// Discord's answer for a field that must be there.
    fn missing(&mut self, at: &At) {
        self.report(at, "BASE_TYPE_REQUIRED", "This field is required");
    }

    /// `object[key]`, if a string, is `min..=max` chars long; a missing or null field is
    /// a problem only when `required`. Non-strings are the schema's to report.
    fn text(
        &mut self,
        at: &At,
        object: &Value,
        key: &str,
        (min, max): (usize, usize),
        required: bool,
    ) {
        match object.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.missing(&at.join(key));
                }
            }
            Some(Value::String(text)) => {
                self.length(&at.join(key), text.chars().count(), (min, max))
            }
            Some(_) => {}
        }
    }

    /// `object[key]`, if an array, has `min..=max` items; a missing or null field is a
    /// problem only when `required`.
    fn count(
        &mut self,
        at: &At,
        object: &Value,
        key: &str,
        (min, max): (usize, usize),
        required: bool,
    ) {
        match object.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.missing(&at.join(key));
                }
            }
            Some(Value::Array(items)) => self.length(&at.join(key), items.len(), (min, max)),
            Some(_) => {}
        }
    }

    /// Discord's two length sentences: "Must be N or fewer in length." when only a
    /// maximum applies, "Must be between A and B in length." otherwise.
    fn length(&mut self, at: &At, length: usize, (min, max): (usize, usize)) {
        if length > max && min == 0 {
            self.report(
                at,
                "BASE_TYPE_MAX_LENGTH",
                format!("Must be {max} or fewer in length."),
            );
        } else if length < min || length > max {
            let message = format!("Must be between {min} and {max} in length.");
            self.report(at, "BASE_TYPE_BAD_LENGTH", message);
        }
    }

    /// `object[key]`, if an integer, lies in `min..=max`.
    fn integer(&mut self, at: &At, object: &Value, key: &str, (min, max): (i64, i64)) {
        let Some(value) = object.get(key).filter(|v| v.is_number()) else {
            return;
        };
        let n = match (value.as_i64(), value.as_u64()) {
            (Some(n), _) => i128::from(n),
            (None, Some(n)) => i128::from(n),
            (None, None) => return, // a float: the schema reports the type
        };
        let at = at.join(key);
        if n < i128::from(min) {
            self.report(
                &at,
                "NUMBER_TYPE_MIN",
                format!("int value should be greater than or equal to {min}."),
            );
        } else if n > i128::from(max) {
            self.report(
                &at,
                "NUMBER_TYPE_MAX",
                format!("int value should be less than or equal to {max}."),
            );
        }
    }
}

/// The characters of a string value (0 for anything else).
fn chars(value: Option<&Value>) -> usize {
    value
        .and_then(Value::as_str)
        .map_or(0, |s| s.chars().count())
}

/// An integer field's value, if it is one.
fn int(object: &Value, key: &str) -> Option<i64> {
    object.get(key).and_then(Value::as_i64)
}

/// A field that is `true`.
fn is_true(object: &Value, key: &str) -> bool {
    object.get(key).and_then(Value::as_bool) == Some(true)
}

/// An array field's items (none for a missing, null or non-array field).
fn items<'a>(object: &'a Value, key: &str) -> &'a [Value] {
    object
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut sink = Sink::default();
        let body = json!({"a": "é".repeat(100), "b": "é".repeat(101)});
        sink.text(&At::root(), &body, "a", (1, 100), true);
        assert!(sink.problems.is_empty());
        sink.text(&At::root(), &body, "b", (1, 100), true);
        assert_eq!(sink.problems[0].code, "BASE_TYPE_BAD_LENGTH");
        assert_eq!(sink.problems[0].path, ["b"]);
    }

    #[test]
    fn routes_without_documented_limits_pass_anything() {
        assert!(check_limits("GET", "/gateway", &json!({"content": "x".repeat(9000)})).is_empty());
    }
}
