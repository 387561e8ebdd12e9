#![recursion_limit = "256"]
//! Every payload the fake Discord sends parses into serenity's own model types, so the
//! real client never drops one of them silently.

mod fake;

use fake::payloads::*;
use serde_json::json;
use serenity::all::{CurrentUser, Guild, Interaction, Message, PrivateChannel, Ready};

fn parses<T: serde::de::DeserializeOwned>(what: &str, value: serde_json::Value) -> T {
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what} does not parse: {e}\n{value:#}"))
}

#[test]
fn ready_and_guild_create_parse() {
    let _: Ready = parses("READY", ready("ws://127.0.0.1:1/gateway"));
    let _: CurrentUser = parses("READY user", ready("ws://x")["user"].clone());
    let guild: Guild = parses("GUILD_CREATE", guild());
    assert_eq!(guild.preferred_locale, "id");
}

#[test]
fn interactions_parse() {
    let member = member("7000000000000000007", "alice", 0);
    let slash: Interaction = parses(
        "slash command",
        command(
            "1",
            &["group", "create"],
            json!([{ "name": "name", "type": 3, "value": "hiking" }]),
            member.clone(),
            "en-US",
        ),
    );
    assert!(matches!(slash, Interaction::Command(_)));
    let click: Interaction = parses(
        "button click",
        button("2", "k1:group:join:1", member.clone(), "id"),
    );
    assert!(matches!(click, Interaction::Component(_)));
    let typing: Interaction = parses(
        "autocomplete",
        autocomplete("3", &["group", "join"], "name", "hik", member.clone()),
    );
    assert!(matches!(typing, Interaction::Autocomplete(_)));
    let picked: Interaction = parses(
        "select",
        select("4", "k1:poll:pick:1", &["1", "3"], member.clone(), "en-US"),
    );
    assert!(matches!(picked, Interaction::Component(_)));
    let submitted: Interaction = parses(
        "modal submit",
        modal_submit("5", "k1:poll:ballot:1", "2 1", member, "en-US"),
    );
    assert!(matches!(submitted, Interaction::Modal(_)));
}

#[test]
fn scheduled_events_parse() {
    let sent = json!({ "name": "Board games", "scheduled_start_time": "2026-12-01T12:00:00Z", "entity_metadata": { "location": "Café" } });
    let event: serenity::all::ScheduledEvent =
        parses("scheduled event", scheduled_event("9", &sent));
    assert_eq!(event.name, "Board games");
}

#[test]
fn threads_messages_and_reactions_parse() {
    let thread: serenity::all::GuildChannel = parses("thread", thread_channel("9", "Trip", false));
    assert_eq!(thread.kind, serenity::all::ChannelType::PublicThread);
    let _: Message = parses(
        "message in a thread",
        message_in("10", "9", user("7", "bob", false)),
    );
    let reaction: serenity::all::Reaction = parses("reaction", reaction("7", "9", "10"));
    assert_eq!(reaction.message_id.get(), 10);
}

#[test]
fn rest_messages_parse() {
    let _: Message = parses(
        "message",
        message("8", "hello", user(BOT_ID, "kumpul", true)),
    );
}

#[test]
fn a_dm_channel_and_a_message_in_it_parse() {
    let channel: PrivateChannel = parses("DM channel", dm_channel("7000000000000000002"));
    assert_eq!(channel.id.get(), 6_000_000_000_000_000_002);
    assert_eq!(channel.recipient.id.get(), 7_000_000_000_000_000_002);
    let mut message = message("8300000000000000003", "", user(BOT_ID, "kumpul", true));
    message["channel_id"] = json!(dm_channel_id("7000000000000000002"));
    message["guild_id"] = serde_json::Value::Null;
    let _: Message = parses("DM message", message);
}
