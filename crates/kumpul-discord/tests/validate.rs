//! The request-body validator against Discord's real OpenAPI description: every kind of
//! broken body is refused at the right place, the same body repaired passes, and bodies
//! like the ones serenity sends for kumpul pass untouched.
//!
//! The description is read from `shared/discord-api-spec/openapi.json` beside the work
//! tree, or from `$DISCORD_API_SPEC`. A missing file fails the tests: a validator that
//! silently checks nothing would prove nothing.

use std::path::PathBuf;
use std::sync::OnceLock;

use kumpul_discord::validate::{self, Problem, Spec};
use serde_json::{Value, json};

#[path = "validate/commands.rs"]
mod commands;
#[path = "validate/messages.rs"]
mod messages;
#[path = "validate/places.rs"]
mod places;

use commands::poll_commands;
use messages::{embed, ids, modal};
use places::external_event;

fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = std::env::var_os("DISCORD_API_SPEC").map_or_else(
            || {
                PathBuf::from(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../../shared/discord-api-spec/openapi.json"
                ))
            },
            PathBuf::from,
        );
        assert!(
            path.is_file(),
            "Discord's OpenAPI description is missing at {} (set DISCORD_API_SPEC to its path)",
            path.display()
        );
        Spec::load(&path).unwrap_or_else(|e| panic!("loading {}: {e:#}", path.display()))
    })
}

fn problems(method: &str, route: &str, body: &Value) -> Vec<Problem> {
    validate::check(Some(spec()), method, route, body)
}

fn listing(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("\n  {p}")).collect()
}

/// `broken` is refused with a problem exactly at `path`; `repaired` passes entirely.
fn refused_then_repaired(method: &str, route: &str, broken: Value, path: &[&str], repaired: Value) {
    let found = problems(method, route, &broken);
    assert!(
        found.iter().any(|p| p.path == path),
        "{method} {route}: expected a problem at /{}, got:{}",
        path.join("/"),
        listing(&found)
    );
    passes(method, route, &repaired);
}

fn passes(method: &str, route: &str, body: &Value) {
    let found = problems(method, route, body);
    assert!(
        found.is_empty(),
        "{method} {route} refused a valid body:{}",
        listing(&found)
    );
}

const COMMANDS: &str = "/applications/1/guilds/2/commands";
const MESSAGES: &str = "/channels/3/messages";
const CALLBACK: &str = "/interactions/4/tok/callback";

#[test]
fn unknown_routes_with_a_body_are_refused() {
    let found = problems("POST", "/channels/3/nowhere", &json!({}));
    assert_eq!(
        found.first().map(|p| p.code.as_str()),
        Some("UNKNOWN_ROUTE"),
        "{}",
        listing(&found)
    );
    assert!(problems("GET", "/channels/3/messages", &Value::Null).is_empty());
}

#[test]
fn discord_error_nests_problems_by_path() {
    let problems = problems(
        "PUT",
        COMMANDS,
        &json!([{"name": "poll", "description": "d", "options": [
        {"type": 3, "name": "a", "description": "d"}, {"type": 3, "name": "b", "description": "d"},
        {"type": 4, "name": "c", "description": "d", "max_value": 9_007_199_254_740_992u64}]}]),
    );
    let body = validate::discord_error(&problems);
    assert_eq!(body["code"], 50035);
    assert_eq!(body["message"], "Invalid Form Body");
    let errors = &body["errors"]["0"]["options"]["2"]["max_value"]["_errors"];
    assert_eq!(errors[0]["code"], "NUMBER_TYPE_MAX", "{body:#}");
    assert!(errors[0]["message"].is_string());
    // Nothing else is wrong with that body, so nothing else is reported.
    assert_eq!(
        body["errors"].as_object().map(|o| o.len()),
        Some(1),
        "{body:#}"
    );
}

#[test]
fn realistic_valid_bodies_pass() {
    passes("PUT", COMMANDS, &poll_commands(9_007_199_254_740_991));
    passes("PUT", "/applications/1/commands", &poll_commands(10));
    let card = json!({"content": "hi", "embeds": [{"title": "t", "description": "d", "color": 5_793_266,
        "fields": [{"name": "a", "value": "b", "inline": false}]}],
        "components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "Yes", "custom_id": "k1:poll:pick:1:0"}]}],
        "allowed_mentions": {"parse": [], "users": []}, "flags": 64});
    passes("POST", CALLBACK, &json!({"type": 4, "data": card}));
    passes("POST", CALLBACK, &json!({"type": 7, "data": card}));
    passes("POST", CALLBACK, &json!({"type": 5, "data": {"flags": 64}}));
    passes("POST", CALLBACK, &json!({"type": 6}));
    passes("POST", CALLBACK, &modal(20, 20));
    passes(
        "POST",
        CALLBACK,
        &json!({"type": 8, "data": {"choices": [{"name": "Friday game night", "value": "12"}]}}),
    );
    passes(
        "POST",
        MESSAGES,
        &json!({"content": "Reminder", "nonce": "k0123456789abcdef0", "enforce_nonce": true,
        "allowed_mentions": {"parse": [], "users": ids(2)}}),
    );
    passes(
        "PATCH",
        "/channels/3/messages/5",
        &json!({"embeds": [embed(5, 5, 5)], "components": []}),
    );
    passes(
        "POST",
        "/webhooks/6/tok",
        &json!({"content": "follow-up", "flags": 64, "allowed_mentions": {"parse": []}}),
    );
    passes(
        "PATCH",
        "/webhooks/6/tok/messages/@original",
        &json!({"content": "done", "components": []}),
    );
    passes(
        "POST",
        "/channels/3/messages/5/threads",
        &json!({"name": "Poll 12", "auto_archive_duration": 1440}),
    );
    passes("POST", "/guilds/7/scheduled-events", &external_event());
    passes(
        "PATCH",
        "/guilds/7/scheduled-events/8",
        &json!({"status": 3}),
    );
    passes("PATCH", "/channels/9", &json!({"archived": true}));
    // serenity numbers new uploads 0, 1, … in `attachments` (the description wants a
    // string snowflake there; Discord's own examples use numbers too).
    let upload = json!({"content": "Event", "attachments": [{"id": 0, "filename": "event.ics"}]});
    passes("POST", MESSAGES, &upload);
}

#[test]
fn deferred_responses_carry_only_flags() {
    let with = |data: Value| json!({"type": 5, "data": data});
    let broken = with(json!({"flags": 64, "content": "too early"}));
    refused_then_repaired(
        "POST",
        CALLBACK,
        broken,
        &["data", "content"],
        with(json!({"flags": 64})),
    );
}

/// The bodies serenity itself builds for kumpul: the real command registration from the
/// catalogue, and one of each kind of response and request the adapter sends.
#[test]
fn what_serenity_sends_for_kumpul_passes() {
    use serenity::all::*;
    let i18n = kumpul_core::i18n::I18n::load().expect("the bundles load");
    passes(
        "PUT",
        COMMANDS,
        &body(&kumpul_discord::commands::build(&i18n)),
    );
    let message = CreateInteractionResponseMessage::new()
        .content("hi")
        .ephemeral(true)
        .embed(
            CreateEmbed::new()
                .title("t")
                .description("d")
                .field("a", "b", false)
                .footer(CreateEmbedFooter::new("f")),
        )
        .components(vec![
            CreateActionRow::Buttons(vec![
                CreateButton::new("k1:poll:pick:1:0").label("Yes"),
                CreateButton::new_link("https://example.com").label("Open"),
            ]),
            CreateActionRow::SelectMenu(CreateSelectMenu::new(
                "k1:poll:menu",
                CreateSelectMenuKind::String {
                    options: vec![CreateSelectMenuOption::new("A", "a")],
                },
            )),
        ])
        .allowed_mentions(CreateAllowedMentions::new().users(vec![UserId::new(5)]));
    passes(
        "POST",
        CALLBACK,
        &body(&CreateInteractionResponse::Message(message.clone())),
    );
    passes(
        "POST",
        CALLBACK,
        &body(&CreateInteractionResponse::UpdateMessage(message)),
    );
    let defer = CreateInteractionResponseMessage::new().ephemeral(true);
    passes(
        "POST",
        CALLBACK,
        &body(&CreateInteractionResponse::Defer(defer)),
    );
    passes(
        "POST",
        CALLBACK,
        &body(&CreateInteractionResponse::Acknowledge),
    );
    let input = CreateInputText::new(InputTextStyle::Paragraph, "Idea", "text")
        .max_length(1000)
        .required(false);
    let modal = CreateModal::new("k1:idea:new", "New idea")
        .components(vec![CreateActionRow::InputText(input)]);
    passes(
        "POST",
        CALLBACK,
        &body(&CreateInteractionResponse::Modal(modal)),
    );
    let choices = CreateAutocompleteResponse::new().add_string_choice("Friday game night", "12");
    passes(
        "POST",
        CALLBACK,
        &body(&CreateInteractionResponse::Autocomplete(choices)),
    );
    let post = CreateMessage::new()
        .content("Reminder")
        .nonce(Nonce::String(kumpul_discord::nonce(
            "reminder:1:1700000000000",
            0,
        )))
        .enforce_nonce(true)
        .allowed_mentions(CreateAllowedMentions::new().users(vec![UserId::new(5)]));
    passes("POST", MESSAGES, &body(&post));
    passes(
        "PATCH",
        "/channels/3/messages/5",
        &body(&EditMessage::new().content("x").components(vec![])),
    );
    passes(
        "POST",
        "/webhooks/6/tok",
        &body(
            &CreateInteractionResponseFollowup::new()
                .content("x")
                .ephemeral(true),
        ),
    );
    passes(
        "PATCH",
        "/webhooks/6/tok/messages/@original",
        &body(&EditInteractionResponse::new().content("x")),
    );
    let thread = CreateThread::new("Poll 12").auto_archive_duration(AutoArchiveDuration::OneDay);
    passes("POST", "/channels/3/messages/5/threads", &body(&thread));
    passes(
        "PATCH",
        "/channels/9",
        &body(&EditThread::new().archived(true)),
    );
    let start = Timestamp::from_unix_timestamp(1_800_000_000).expect("a valid time");
    let end = Timestamp::from_unix_timestamp(1_800_003_600).expect("a valid time");
    let event = CreateScheduledEvent::new(ScheduledEventType::External, "Hike", start)
        .end_time(end)
        .location("Park");
    passes("POST", "/guilds/7/scheduled-events", &body(&event));
    let cancel = EditScheduledEvent::new().status(ScheduledEventStatus::Canceled);
    passes("PATCH", "/guilds/7/scheduled-events/8", &body(&cancel));
}

/// A builder's body as serenity sends it.
fn body(builder: &impl serde::Serialize) -> Value {
    serde_json::to_value(builder).expect("serenity's builders serialise")
}
