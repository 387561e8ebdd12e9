//! Hostile text through every command that echoes it, rendered for Matrix: the HTML body
//! carries it escaped (no tags, no links of the user's making) and without invisible
//! characters (no right-to-left override), and `m.mentions` names nobody the reply did
//! not mean (never `@room`).

use kumpul_core::store::{Location, Store};
use kumpul_core::testing::hostile_replies;
use kumpul_matrix::render;

#[tokio::test]
async fn hostile_text_never_pings_or_injects_html_on_matrix() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
        .await
        .unwrap();
    let replies = hostile_replies(store).await;
    assert!(replies.len() > 100);
    for (line, reply) in replies {
        for part in render::render(&reply, "!", "Next") {
            assert!(part.mentions.is_empty(), "{line}: {part:?}");
            // No override or zero-width character survives to reorder or hide text.
            for shown in [&part.plain, &part.html] {
                assert!(
                    !shown.chars().any(kumpul_core::text::is_invisible),
                    "{line}: {shown:?}"
                );
            }
            for needle in [
                "<img",
                "<script",
                "<b>",
                "<a href=\"https://evil",
                "</code></strong>",
            ] {
                assert!(
                    !part.html.contains(needle),
                    "{line}: {needle} in {}",
                    part.html
                );
            }
        }
    }
}
