//! Discord's OpenAPI description as a request-body validator.
//!
//! The document is read once; each operation's validator is compiled the first time a
//! request for it arrives and then kept. Compiling from the whole document (with a root
//! `$ref` to the operation's schema) keeps Discord's internal `#/components/schemas/…`
//! references resolvable without rewriting anything.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use anyhow::Context as _;
use jsonschema::Validator;
use jsonschema::error::{ValidationError, ValidationErrorKind};
use serde_json::Value;

use super::{Problem, route_segments, template_fit};

/// The description types an attachment's id as a snowflake string, but Discord's own
/// documentation numbers new uploads `"id": 0, 1, …` (which is what serenity sends), and
/// Discord accepts it. Only that one field is widened to a non-negative integer as well.
fn accept_numeric_snowflakes(document: &mut Value) {
    if let Some(snowflake) =
        document.pointer_mut("/components/schemas/MessageAttachmentRequest/properties/id")
    {
        let as_string = snowflake.take();
        *snowflake = serde_json::json!({
            "anyOf": [as_string, { "type": "integer", "minimum": 0 }]
        });
    }
}

/// The methods an OpenAPI path item may describe (`parameters`, `summary`, … are not).
const METHODS: [&str; 7] = ["get", "put", "post", "patch", "delete", "head", "options"];

/// Longer validator messages quote huge instances (a whole embed list); past this many
/// bytes we use the message that names no value.
const MESSAGE_CAP: usize = 240;

/// Discord's OpenAPI document with one lazily compiled validator per operation.
///
/// `Send + Sync`: tests share one through a `OnceLock`, and the per-operation cells are
/// `OnceLock`s too, so concurrent first uses compile once and the rest wait.
pub struct Spec {
    document: Value,
    templates: Vec<Template>,
}

/// One path of the document, e.g. `/channels/{channel_id}/messages`.
struct Template {
    raw: String,
    segments: Vec<String>,
    /// By upper-case method.
    operations: HashMap<String, Operation>,
}

/// One method of a path.
struct Operation {
    /// JSON pointer (RFC 6901, unencoded) to the `application/json` request schema;
    /// `None` when the operation takes no JSON body.
    schema: Option<String>,
    validator: OnceLock<Result<Validator, String>>,
}

// The promise made to the tests above, checked where it is made.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<Spec>();
};

impl Spec {
    /// Reads an OpenAPI document (Discord's `openapi.json`).
    pub fn load(path: &Path) -> anyhow::Result<Spec> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the Discord API description {}", path.display()))?;
        let document: Value = serde_json::from_str(&text)
            .with_context(|| format!("parsing the Discord API description {}", path.display()))?;
        Spec::from_document(document)
    }

    /// Indexes an already parsed document.
    fn from_document(mut document: Value) -> anyhow::Result<Spec> {
        accept_numeric_snowflakes(&mut document);
        let paths = document
            .get("paths")
            .and_then(Value::as_object)
            .context("the API description has no `paths` object")?;
        let templates = paths
            .iter()
            .map(|(raw, item)| Template {
                raw: raw.clone(),
                segments: route_segments(raw).into_iter().map(str::to_owned).collect(),
                operations: operations_of(raw, item),
            })
            .collect();
        Ok(Spec {
            document,
            templates,
        })
    }

    /// The path template a concrete route falls under, preferring literal segments over
    /// placeholders where several fit.
    pub fn template_of(&self, route: &str) -> Option<&str> {
        self.find(route).map(|t| t.raw.as_str())
    }

    fn find(&self, route: &str) -> Option<&Template> {
        let route = route_segments(route);
        self.templates
            .iter()
            .filter_map(|t| {
                let segments: Vec<&str> = t.segments.iter().map(String::as_str).collect();
                template_fit(&segments, &route).map(|fit| (fit, t))
            })
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, t)| t)
    }

    /// Schema problems of `body` against the JSON request schema of the route's
    /// operation. `Value::Null` means "no body". An unknown route or method, or a body for
    /// an operation that takes none, is itself a problem when there is a body.
    pub fn check(&self, method: &str, route: &str, body: &Value) -> Vec<Problem> {
        let has_body = !body.is_null();
        let Some(template) = self.find(route) else {
            return refuse(
                has_body,
                "UNKNOWN_ROUTE",
                format!("no Discord route {route}"),
            );
        };
        let method = method.to_ascii_uppercase();
        let Some(operation) = template.operations.get(&method) else {
            let message = format!("Discord has no {method} {}", template.raw);
            return refuse(has_body, "UNKNOWN_METHOD", message);
        };
        let Some(pointer) = &operation.schema else {
            let message = format!("{method} {} takes no JSON body", template.raw);
            return refuse(has_body, "UNEXPECTED_BODY", message);
        };
        let validator = operation
            .validator
            .get_or_init(|| self.compile(pointer).map_err(|e| e.to_string()));
        match validator {
            Ok(validator) => {
                let mut problems = Vec::new();
                for error in validator.iter_errors(body) {
                    explain(&error, &mut problems);
                }
                problems
            }
            Err(error) => vec![Problem::new(
                vec![],
                "SPEC_UNUSABLE",
                format!(
                    "the schema of {method} {} does not compile: {error}",
                    template.raw
                ),
            )],
        }
    }

    /// A validator for the schema at `pointer`: the whole document, declared as draft
    /// 2020-12 (OpenAPI 3.1's dialect), with a root `$ref` to the operation's schema. The
    /// document's other root keys are no keywords and are ignored.
    fn compile(&self, pointer: &str) -> anyhow::Result<Validator> {
        let mut root = self.document.clone();
        let object = root
            .as_object_mut()
            .context("the API description is no object")?;
        object.insert(
            "$schema".into(),
            "https://json-schema.org/draft/2020-12/schema".into(),
        );
        object.insert("$ref".into(), format!("#{}", uri_fragment(pointer)).into());
        jsonschema::options()
            .offline()
            .build(&root)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("compiling the request schema at {pointer}"))
    }
}

/// The operations of one path item, with where their JSON request schema is.
fn operations_of(raw: &str, item: &Value) -> HashMap<String, Operation> {
    let escaped = raw.replace('~', "~0").replace('/', "~1");
    METHODS
        .iter()
        .filter_map(|&method| {
            let operation = item.get(method)?;
            let schema = operation
                .pointer("/requestBody/content/application~1json/schema")
                .map(|_| {
                    format!(
                        "/paths/{escaped}/{method}/requestBody/content/application~1json/schema"
                    )
                });
            let operation = Operation {
                schema,
                validator: OnceLock::new(),
            };
            Some((method.to_ascii_uppercase(), operation))
        })
        .collect()
}

/// A JSON pointer as a URI fragment: characters a fragment may not hold (the braces of
/// path templates, above all) are percent-encoded; resolvers decode them again.
fn uri_fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for c in pointer.chars() {
        if c.is_ascii_alphanumeric() || "/-._~!$&'()*+,;=:@".contains(c) {
            out.push(c);
        } else {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

fn refuse(has_body: bool, code: &str, message: String) -> Vec<Problem> {
    if has_body {
        vec![Problem::new(vec![], code, message)]
    } else {
        Vec::new()
    }
}

/// Turns one validator error into problems a person can act on.
///
/// A failed `oneOf`/`anyOf` says only "not valid under any of the schemas", at the
/// object that failed. Discord's unions are tagged (`type`, `entity_type`, …), so we look
/// for the branch the body evidently meant — the one whose errors are not about the tag —
/// and report that branch's errors instead: `/0/options/0/max_value: 9007199254740992 is
/// greater than the maximum …` rather than "option 0 matches no option shape".
fn explain(error: &ValidationError<'_>, out: &mut Vec<Problem>) {
    let path: Vec<String> = error
        .instance_path()
        .iter()
        .map(|segment| segment.to_string())
        .collect();
    match error.kind() {
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let depth = path.len();
            let best = context
                .iter()
                .filter(|branch| !branch.is_empty())
                .min_by_key(|branch| (tag_mismatches(branch, depth), branch.len()));
            match best {
                Some(branch) if tag_mismatches(branch, depth) == 0 => {
                    for inner in branch {
                        explain(inner, out);
                    }
                }
                _ => out.push(Problem::new(path, "UNION_TYPE_CHOICES", message_of(error))),
            }
        }
        ValidationErrorKind::Required { property } => {
            let mut path = path;
            path.push(
                property
                    .as_str()
                    .map_or_else(|| property.to_string(), str::to_owned),
            );
            out.push(Problem::new(
                path,
                "BASE_TYPE_REQUIRED",
                "This field is required",
            ));
        }
        kind => out.push(Problem::new(path, code_of(kind), message_of(error))),
    }
}

/// How many of a union branch's errors say the body is another kind of thing: a wrong
/// JSON type of the value itself, or a wrong value of one of its direct fields that the
/// branch pins with `enum`/`const` (the tag).
fn tag_mismatches(branch: &[ValidationError<'_>], depth: usize) -> usize {
    branch
        .iter()
        .filter(|error| {
            let at = error.instance_path().iter().count();
            match error.kind() {
                ValidationErrorKind::Type { .. } => at == depth,
                ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
                    at == depth || at == depth + 1
                }
                _ => false,
            }
        })
        .count()
}

/// Discord's code where one obviously corresponds, `SCHEMA_<KEYWORD>` otherwise.
fn code_of(kind: &ValidationErrorKind) -> &'static str {
    match kind {
        ValidationErrorKind::MaxLength { .. } | ValidationErrorKind::MaxItems { .. } => {
            "BASE_TYPE_MAX_LENGTH"
        }
        ValidationErrorKind::MinLength { .. } | ValidationErrorKind::MinItems { .. } => {
            "BASE_TYPE_MIN_LENGTH"
        }
        ValidationErrorKind::Maximum { .. } => "NUMBER_TYPE_MAX",
        ValidationErrorKind::Minimum { .. } => "NUMBER_TYPE_MIN",
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
            "BASE_TYPE_CHOICES"
        }
        ValidationErrorKind::Type { .. } => "SCHEMA_TYPE",
        ValidationErrorKind::Pattern { .. } => "SCHEMA_PATTERN",
        ValidationErrorKind::UniqueItems => "SCHEMA_UNIQUE_ITEMS",
        ValidationErrorKind::MaxProperties { .. } => "SCHEMA_MAX_PROPERTIES",
        ValidationErrorKind::OneOfMultipleValid { .. } => "SCHEMA_ONE_OF_AMBIGUOUS",
        _ => "SCHEMA_INVALID",
    }
}

/// The validator's own sentence, without the offending value when that is long.
fn message_of(error: &ValidationError<'_>) -> String {
    let full = error.to_string();
    if full.len() <= MESSAGE_CAP {
        full
    } else {
        error.masked().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A document shaped like Discord's, small enough to read.
    fn tiny() -> Spec {
        Spec::from_document(json!({
            "paths": {
                "/users/{user_id}/x": {"patch": {"requestBody": {"content": {"application/json":
                    {"schema": {"$ref": "#/components/schemas/Open"}}}}}},
                "/users/@me/x": {"patch": {"requestBody": {"content": {"application/json":
                    {"schema": {"$ref": "#/components/schemas/Named"}}}}}, "get": {}}
            },
            "components": {"schemas": {
                "Open": {"type": "object"},
                "Named": {"type": "object", "required": ["name"],
                          "properties": {"name": {"type": "string", "maxLength": 3}}}
            }}
        }))
        .expect("a valid tiny document")
    }

    #[test]
    fn the_literal_template_wins_and_its_schema_applies() {
        let spec = tiny();
        assert_eq!(spec.template_of("/users/@me/x"), Some("/users/@me/x"));
        assert_eq!(spec.template_of("/users/5/x"), Some("/users/{user_id}/x"));
        assert!(spec.check("PATCH", "/users/5/x", &json!({})).is_empty());
        let problems = spec.check("patch", "/users/@me/x", &json!({"name": "long"}));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, ["name"]);
        assert_eq!(problems[0].code, "BASE_TYPE_MAX_LENGTH");
        let missing = spec.check("PATCH", "/users/@me/x", &json!({}));
        assert_eq!(missing[0].path, ["name"]);
    }

    #[test]
    fn unknown_routes_methods_and_unexpected_bodies_are_refused_only_with_a_body() {
        let spec = tiny();
        let code =
            |m: &str, r: &str, b: Value| spec.check(m, r, &b).first().map(|p| p.code.clone());
        assert_eq!(
            code("POST", "/nowhere", json!({})).as_deref(),
            Some("UNKNOWN_ROUTE")
        );
        assert_eq!(
            code("PUT", "/users/@me/x", json!({})).as_deref(),
            Some("UNKNOWN_METHOD")
        );
        assert_eq!(
            code("GET", "/users/@me/x", json!({})).as_deref(),
            Some("UNEXPECTED_BODY")
        );
        assert_eq!(code("GET", "/users/@me/x", Value::Null), None);
    }

    #[test]
    fn fragments_encode_braces_but_keep_pointer_syntax() {
        assert_eq!(
            uri_fragment("/paths/~1a~1{id}/get"),
            "/paths/~1a~1%7Bid%7D/get"
        );
    }
}
