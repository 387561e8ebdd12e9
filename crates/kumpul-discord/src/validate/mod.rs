//! Checks a REST request body the way Discord would, before Discord sees it.
//!
//! Two sources of truth, because neither is complete on its own:
//! - [`Spec`]: Discord's published OpenAPI description (types, required fields, many
//!   lengths). It is read at run time from a file we do not ship.
//! - [`check_limits`]: the limits Discord documents but the description does not encode
//!   (command name syntax, the 8000-character command budget, action-row layout, embed
//!   totals, modal sizes, …).
//!
//! Both report [`Problem`]s; [`discord_error`] turns them into the body Discord answers
//! with (`50035 Invalid Form Body`), so the fake Discord of our tests can refuse a request
//! exactly like the real one and serenity's error type can read the answer.

mod limits;
mod spec;

use std::fmt;

use serde_json::{Map, Value, json};

pub use limits::check_limits;
pub use spec::Spec;

/// One thing Discord would refuse.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Where, as JSON path segments into the body (array indices as decimal strings),
    /// e.g. `["0", "options", "2", "max_value"]`; empty for the body itself.
    pub path: Vec<String>,
    /// A machine-readable code: Discord's own where we know it (`BASE_TYPE_MAX_LENGTH`,
    /// `NUMBER_TYPE_MAX`, …), `SCHEMA_<KEYWORD>` for other failed schema keywords,
    /// `UNKNOWN_ROUTE` / `UNKNOWN_METHOD` / `UNEXPECTED_BODY` for a request Discord has no
    /// place for, and a name of our own for the other documented limits.
    pub code: String,
    /// A sentence for a person.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: Vec<String>, code: &str, message: impl Into<String>) -> Problem {
        Problem {
            path,
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// `/0/options/2/max_value: int value should be … (NUMBER_TYPE_MAX)`: the path in JSON
/// pointer form, so a failing test or `kumpul discord check` points at the field.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str("(body)")?;
        }
        for segment in &self.path {
            // JSON pointer escaping, for the odd key with a slash in it.
            write!(f, "/{}", segment.replace('~', "~0").replace('/', "~1"))?;
        }
        write!(f, ": {} ({})", self.message, self.code)
    }
}

/// Schema problems (when a spec is given) and documented limits, in one list.
///
/// Many lengths are both in the schema and in the limits. Where both find a problem at
/// the same field, only the limit's is kept: it is worded like Discord's answer, and
/// Discord reports one error per broken rule, not two.
pub fn check(spec: Option<&Spec>, method: &str, route: &str, body: &Value) -> Vec<Problem> {
    let limits = check_limits(method, route, body);
    let mut problems: Vec<Problem> = spec
        .map(|spec| spec.check(method, route, body))
        .unwrap_or_default()
        .into_iter()
        .filter(|schema| !limits.iter().any(|limit| limit.path == schema.path))
        .collect();
    problems.extend(limits);
    problems
}

/// Discord's answer to an invalid body:
/// `{"code":50035,"message":"Invalid Form Body","errors":{…}}`, where `errors` nests one
/// object per path segment and ends in `{"_errors":[{"code":…,"message":…}]}`.
pub fn discord_error(problems: &[Problem]) -> Value {
    let mut errors = Map::new();
    for problem in problems {
        let mut node = &mut errors;
        for segment in &problem.path {
            let child = node
                .entry(segment.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            // A segment can only be a leaf's `_errors` by name if a body has a key
            // `_errors`; then we keep the first shape and nest under it anyway.
            if !child.is_object() {
                *child = Value::Object(Map::new());
            }
            node = child.as_object_mut().expect("just made an object");
        }
        let list = node
            .entry("_errors")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(json!({"code": problem.code, "message": problem.message}));
        }
    }
    json!({"code": 50035, "message": "Invalid Form Body", "errors": errors})
}

/// The segments of a route: without a query, without the `/api/v10` prefix a caller may
/// have left on, without empty segments from doubled or trailing slashes.
fn route_segments(route: &str) -> Vec<&str> {
    let path = route.split(['?', '#']).next().unwrap_or_default();
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let versioned = segments.len() >= 2
        && segments[0] == "api"
        && segments[1]
            .strip_prefix('v')
            .is_some_and(|n| n.parse::<u32>().is_ok());
    if versioned {
        segments.drain(..2);
    }
    segments
}

/// How well a concrete route fits a path template (`/channels/{channel_id}/messages`):
/// `None` if it does not, otherwise one flag per segment, `true` where the template has a
/// literal. Comparing these lexicographically prefers a literal over a placeholder at the
/// first place two templates differ, so `/users/@me/…` beats `/users/{user_id}/…` and
/// `…/messages/@original` beats `…/messages/{message_id}`.
fn template_fit(template: &[&str], route: &[&str]) -> Option<Vec<bool>> {
    if template.len() != route.len() {
        return None;
    }
    template
        .iter()
        .zip(route)
        .map(|(t, r)| {
            if t.starts_with('{') && t.ends_with('}') {
                Some(false)
            } else if t == r {
                Some(true)
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_lose_their_prefix_query_and_slashes() {
        assert_eq!(
            route_segments("/api/v10/channels/1/messages?limit=2"),
            ["channels", "1", "messages"]
        );
        assert_eq!(route_segments("channels//1/"), ["channels", "1"]);
    }

    #[test]
    fn a_literal_segment_fits_better_than_a_placeholder() {
        let route = route_segments("/webhooks/1/t/messages/@original");
        let literal = template_fit(&["webhooks", "{a}", "{b}", "messages", "@original"], &route);
        let open = template_fit(&["webhooks", "{a}", "{b}", "messages", "{m}"], &route);
        assert!(literal > open && open.is_some());
        assert_eq!(template_fit(&["webhooks", "{a}"], &route), None);
    }

    #[test]
    fn problems_at_one_path_share_one_error_list() {
        let at = |code: &str| Problem::new(vec!["content".into()], code, "m");
        let body = discord_error(&[at("A"), at("B"), Problem::new(vec![], "C", "m")]);
        assert_eq!(body["errors"]["content"]["_errors"][1]["code"], "B");
        assert_eq!(body["errors"]["_errors"][0]["code"], "C");
    }
}
