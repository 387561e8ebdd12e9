#![recursion_limit = "256"]
//! Hostile text through every command that echoes it, rendered for Discord: nothing can
//! ping (the allowed-mentions list comes from the reply alone, and no console person has
//! a Discord id), no mention or link syntax survives unescaped, no invisible character
//! (a right-to-left override, a zero-width space) survives at all — and every message
//! built from them is one Discord would accept (its OpenAPI description and limits).

mod fake;

use kumpul_core::i18n::{I18n, Locale};
use kumpul_core::store::{Location, Store};
use kumpul_core::testing::hostile_replies;
use kumpul_discord::render;

/// Everything a part shows: content, title, description and fields.
fn shown(part: &render::Part) -> String {
    let mut text = part.content.clone();
    if let Some(embed) = &part.embed {
        text.push_str(&serde_json::to_string(embed).unwrap());
    }
    text
}

#[tokio::test]
async fn hostile_text_never_pings_or_formats_on_discord() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
        .await
        .unwrap();
    let i18n = I18n::load().unwrap();
    let replies = hostile_replies(store).await;
    assert!(replies.len() > 100);
    for (line, reply) in replies {
        for part in render::render(&reply, &i18n, Locale::En) {
            let body = serde_json::to_value(part.message()).unwrap();
            let problems = kumpul_discord::validate::check(
                Some(fake::spec()),
                "POST",
                "/channels/1/messages",
                &body,
            );
            assert!(problems.is_empty(), "{line}: {problems:?}\n{body:#}");
            assert!(part.ping_users.is_empty(), "{line}: {part:?}");
            let text = shown(&part);
            // No override or zero-width character survives to reorder or hide text.
            assert!(
                !text.chars().any(kumpul_core::text::is_invisible),
                "{line}: {text:?}"
            );
            // Unescaped mention syntax is `@` or `<@` without a backslash before it.
            let bare = text.replace("\\\\@", "").replace("\\@", "");
            for needle in ["@everyone", "@here", "<@&", "<@!", "<@1", "](https://evil"] {
                assert!(!bare.contains(needle), "{line}: {needle} in {text}");
            }
        }
    }
}
