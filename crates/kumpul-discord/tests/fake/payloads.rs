//! JSON payloads in Discord's wire format (API v10), as the real Discord sends them.
//! Every payload here is parsed into serenity's own types by a test, because serenity
//! silently drops an event whose JSON lacks a field it requires.

use serde_json::{Value, json};

pub const APP_ID: &str = "1000000000000000001";
pub const BOT_ID: &str = "1000000000000000001";
pub const GUILD_ID: &str = "2000000000000000002";
pub const CHANNEL_ID: &str = "3000000000000000003";

pub fn user(id: &str, name: &str, bot: bool) -> Value {
    json!({
        "id": id,
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": null,
        "bot": bot,
        "public_flags": 0
    })
}

pub fn member(id: &str, name: &str, permissions: u64) -> Value {
    json!({
        "user": user(id, name, false),
        "nick": null,
        "avatar": null,
        "roles": [],
        "joined_at": "2026-01-01T00:00:00.000000+00:00",
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": permissions.to_string()
    })
}

pub fn ready(gateway_url: &str) -> Value {
    json!({
        "v": 10,
        "user": {
            "id": BOT_ID, "username": "kumpul", "discriminator": "0", "global_name": null,
            "avatar": null, "bot": true, "verified": true, "mfa_enabled": false, "flags": 0
        },
        "guilds": [{ "id": GUILD_ID, "unavailable": true }],
        "session_id": "fake-session",
        "resume_gateway_url": gateway_url,
        "shard": [0, 1],
        "application": { "id": APP_ID, "flags": 0 }
    })
}

pub fn guild() -> Value {
    json!({
        "id": GUILD_ID,
        "name": "Kampung",
        "icon": null,
        "icon_hash": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": "4000000000000000004",
        "region": null,
        "afk_channel_id": null,
        "afk_timeout": 300,
        "widget_enabled": false,
        "widget_channel_id": null,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [{
            "id": GUILD_ID, "name": "@everyone", "color": 0, "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
            "hoist": false, "icon": null, "unicode_emoji": null, "position": 0, "permissions": "1024", "managed": false,
            "mentionable": false, "flags": 0
        }],
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": CHANNEL_ID,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "max_presences": null,
        "max_members": 500000,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "id",
        "public_updates_channel_id": null,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "approximate_member_count": null,
        "approximate_presence_count": null,
        "welcome_screen": null,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
        "joined_at": "2026-01-01T00:00:00.000000+00:00",
        "large": false,
        "unavailable": false,
        "member_count": 3,
        "voice_states": [],
        "members": [],
        "channels": [{
            "id": CHANNEL_ID, "type": 0, "guild_id": GUILD_ID, "name": "general", "position": 0,
            "permission_overwrites": [], "nsfw": false, "topic": null, "last_message_id": null,
            "parent_id": null, "rate_limit_per_user": 0, "flags": 0
        }],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": []
    })
}

/// A message as Discord returns it from REST (and inside component interactions).
pub fn message(id: &str, content: &str, author: Value) -> Value {
    json!({
        "id": id,
        "channel_id": CHANNEL_ID,
        "guild_id": GUILD_ID,
        "author": author,
        "content": content,
        "timestamp": "2026-11-29T10:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": [],
        "embeds": [],
        "reactions": [],
        "pinned": false,
        "webhook_id": null,
        "type": 0,
        "flags": 0,
        "components": []
    })
}

fn interaction(
    kind: u8,
    id: &str,
    data: Value,
    member: Value,
    locale: &str,
    extra: Option<(&str, Value)>,
) -> Value {
    let mut value = json!({
        "id": id,
        "application_id": APP_ID,
        "type": kind,
        "data": data,
        "guild_id": GUILD_ID,
        "channel_id": CHANNEL_ID,
        "channel": { "id": CHANNEL_ID, "type": 0, "name": "general", "permissions": "2147483647" },
        "member": member,
        "token": format!("token-{id}"),
        "version": 1,
        "app_permissions": "2147483647",
        "locale": locale,
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": { "0": GUILD_ID },
        "context": 0,
        "attachment_size_limit": 8388608
    });
    if let Some((key, extra)) = extra {
        value[key] = extra;
    }
    value
}

/// A slash command: `path` is `["group", "create"]`, `options` the leaf's options.
pub fn command(id: &str, path: &[&str], options: Value, member: Value, locale: &str) -> Value {
    let options = match path {
        [_, sub] => json!([{ "name": sub, "type": 1, "options": options }]),
        _ => options,
    };
    let data =
        json!({ "id": "5000000000000000005", "name": path[0], "type": 1, "options": options });
    interaction(2, id, data, member, locale, None)
}

/// A button click on a message the bot sent.
pub fn button(id: &str, custom_id: &str, member: Value, locale: &str) -> Value {
    let data = json!({ "custom_id": custom_id, "component_type": 2 });
    let message = message("6000000000000000006", "", user(BOT_ID, "kumpul", true));
    interaction(3, id, data, member, locale, Some(("message", message)))
}

/// Typing in an autocompleted option.
pub fn autocomplete(id: &str, path: &[&str], option: &str, typed: &str, member: Value) -> Value {
    let focused = json!([{ "name": option, "type": 3, "value": typed, "focused": true }]);
    let options = match path {
        [_, sub] => json!([{ "name": sub, "type": 1, "options": focused }]),
        _ => focused,
    };
    let data =
        json!({ "id": "5000000000000000005", "name": path[0], "type": 1, "options": options });
    interaction(4, id, data, member, "en-US", None)
}

/// Picking `values` in a string select on a message the bot sent.
pub fn select(id: &str, custom_id: &str, values: &[&str], member: Value, locale: &str) -> Value {
    let data = json!({ "custom_id": custom_id, "component_type": 3, "values": values });
    let message = message("6000000000000000006", "", user(BOT_ID, "kumpul", true));
    interaction(3, id, data, member, locale, Some(("message", message)))
}

/// Submitting a modal whose one text input holds `value`.
pub fn modal_submit(id: &str, custom_id: &str, value: &str, member: Value, locale: &str) -> Value {
    let data = json!({
        "custom_id": custom_id,
        "components": [{
            "type": 1,
            "components": [{ "type": 4, "custom_id": "value", "value": value }]
        }]
    });
    interaction(5, id, data, member, locale, None)
}

/// A guild scheduled event as Discord returns it, from the fields a request sent.
pub fn scheduled_event(id: &str, sent: &Value) -> Value {
    json!({
        "id": id,
        "guild_id": GUILD_ID,
        "channel_id": null,
        "creator_id": BOT_ID,
        "name": sent["name"].as_str().unwrap_or("event"),
        "description": null,
        "scheduled_start_time": sent["scheduled_start_time"].as_str().unwrap_or("2026-12-01T12:00:00.000Z"),
        "scheduled_end_time": sent["scheduled_end_time"].as_str().unwrap_or("2026-12-01T14:00:00.000Z"),
        "privacy_level": 2,
        "status": sent["status"].as_u64().unwrap_or(1),
        "entity_type": 3,
        "entity_id": null,
        "entity_metadata": { "location": sent["entity_metadata"]["location"].as_str().unwrap_or("somewhere") },
        "user_count": 0,
        "image": null
    })
}

/// A public thread channel, as Discord returns it when a thread is opened or edited.
pub fn thread_channel(id: &str, name: &str, archived: bool) -> Value {
    json!({
        "id": id,
        "type": 11,
        "guild_id": GUILD_ID,
        "parent_id": CHANNEL_ID,
        "owner_id": BOT_ID,
        "name": name,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "flags": 0,
        "total_message_sent": 0,
        "thread_metadata": {
            "archived": archived,
            "auto_archive_duration": 10080,
            "archive_timestamp": "2026-11-29T10:00:00.000000+00:00",
            "locked": false
        }
    })
}

/// A message someone wrote in `channel` (for MESSAGE_CREATE).
pub fn message_in(id: &str, channel: &str, author: Value) -> Value {
    let mut message = message(id, "", author);
    message["channel_id"] = json!(channel);
    message
}

/// Someone reacting to a message (for MESSAGE_REACTION_ADD).
pub fn reaction(user: &str, channel: &str, message: &str) -> Value {
    json!({
        "user_id": user,
        "channel_id": channel,
        "message_id": message,
        "guild_id": GUILD_ID,
        "emoji": { "id": null, "name": "👍" },
        "burst": false,
        "burst_colors": [],
        "type": 0
    })
}

/// The DM channel the fake opens with `recipient` (`POST /users/@me/channels`): a DM
/// channel (type 1) whose id is the person's with a leading 6 instead of 7.
pub fn dm_channel(recipient: &str) -> Value {
    json!({
        "id": dm_channel_id(recipient),
        "type": 1,
        "last_message_id": null,
        "flags": 0,
        "recipients": [user(recipient, "someone", false)]
    })
}

/// The id of the DM channel with `user`.
pub fn dm_channel_id(user: &str) -> String {
    format!("6{}", user.get(1..).unwrap_or_default())
}

/// The person a DM channel is with, if `channel` is one.
pub fn dm_recipient(channel: &str) -> Option<String> {
    channel
        .strip_prefix('6')
        .filter(|rest| rest.len() == 18)
        .map(|rest| format!("7{rest}"))
}
