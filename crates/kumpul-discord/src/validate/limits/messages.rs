//! Messages (channel messages, webhook follow-ups and edits, interaction responses):
//! content, embeds, allowed mentions and the nonce. Components are in `components`.

use serde_json::Value;

use super::{At, Sink, chars, items};

/// Characters of all embed texts of one message together.
const EMBED_TOTAL: usize = 6000;

/// A message body, wherever it is sent (`at` is where it sits in the request).
pub(in crate::validate) fn message(sink: &mut Sink, at: &At, message: &Value) {
    if !message.is_object() {
        return;
    }
    // The description allows 4000 (what Nitro users may type); bots get 2000.
    sink.text(at, message, "content", (0, 2000), false);
    embeds(sink, at, message);
    super::components::message_components(sink, at, message);
    if let Some(mentions) = message.get("allowed_mentions").filter(|m| m.is_object()) {
        allowed_mentions(sink, &at.join("allowed_mentions"), mentions);
    }
    match message.get("nonce") {
        None | Some(Value::Null | Value::String(_)) => {
            sink.text(at, message, "nonce", (0, 25), false)
        }
        Some(number @ Value::Number(_)) if number.is_i64() || number.is_u64() => {}
        Some(_) => {
            let message = "A nonce is a string of at most 25 characters or an integer";
            sink.report(&at.join("nonce"), "NONCE_TYPE_INVALID", message);
        }
    }
}

fn embeds(sink: &mut Sink, at: &At, message: &Value) {
    sink.count(at, message, "embeds", (0, 10), false);
    let mut total = 0;
    for (index, embed) in items(message, "embeds").iter().enumerate() {
        let here = at.join("embeds").join(index);
        sink.text(&here, embed, "title", (0, 256), false);
        sink.text(&here, embed, "description", (0, 4096), false);
        sink.count(&here, embed, "fields", (0, 25), false);
        total += chars(embed.get("title")) + chars(embed.get("description"));
        for (field_index, field) in items(embed, "fields").iter().enumerate() {
            let field_at = here.join("fields").join(field_index);
            sink.text(&field_at, field, "name", (1, 256), true);
            sink.text(&field_at, field, "value", (1, 1024), true);
            total += chars(field.get("name")) + chars(field.get("value"));
        }
        if let Some(footer) = embed.get("footer").filter(|f| f.is_object()) {
            sink.text(&here.join("footer"), footer, "text", (0, 2048), false);
            total += chars(footer.get("text"));
        }
        if let Some(author) = embed.get("author").filter(|a| a.is_object()) {
            sink.text(&here.join("author"), author, "name", (0, 256), false);
            total += chars(author.get("name"));
        }
    }
    if total > EMBED_TOTAL {
        let message =
            format!("Embed size exceeds maximum size of {EMBED_TOTAL} ({total} characters)");
        sink.report(&at.join("embeds"), "MAX_EMBED_SIZE_EXCEEDED", message);
    }
}

/// At most 100 users and 100 roles listed, and a list never together with the matching
/// `parse` entry (Discord would not know whether to ping everyone or only the list).
fn allowed_mentions(sink: &mut Sink, at: &At, mentions: &Value) {
    sink.count(at, mentions, "users", (0, 100), false);
    sink.count(at, mentions, "roles", (0, 100), false);
    let parse = items(mentions, "parse");
    for kind in ["users", "roles"] {
        if parse.iter().any(|p| p.as_str() == Some(kind)) && !items(mentions, kind).is_empty() {
            let message =
                format!("parse:[\"{kind}\"] and {kind}: [ids...] are mutually exclusive.");
            sink.report(at, "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE", message);
        }
    }
}
