//! Ideas: an upvote button counts and updates the idea message.

use std::time::Duration;

use crate::harness::{ALICE, BOB, EPHEMERAL, Harness, component_ids, description, flags, option};
use serde_json::json;

#[tokio::test]
async fn an_idea_upvote_button_counts_and_updates_the_idea_message() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let added = harness
        .slash(
            "701",
            &["idea", "add"],
            json!([option("text", "Repair café every month")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let upvote = component_ids(&added)
        .into_iter()
        .find(|id| id.starts_with("k1:idea:vote:"))
        .expect("an upvote button");
    let clicked = harness.click("702", &upvote, (BOB, "bob"), "en-US").await;
    assert!(
        description(&clicked).contains("You upvoted idea"),
        "{clicked:#}"
    );
    assert_eq!(flags(&clicked) & EPHEMERAL, EPHEMERAL);
    harness
        .card_edited("the idea showing its upvote", "1 upvote")
        .await;
}
