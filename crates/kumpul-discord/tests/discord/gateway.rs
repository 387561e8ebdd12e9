//! The connection: serenity reaches the fake and never Discord, and a dropped gateway
//! connection is resumed without losing a click.

use std::time::Duration;

use crate::fake::payloads::button;
use crate::harness::{ALICE, Harness, component_ids, description, integer, option, voter};
use serde_json::json;

#[tokio::test]
async fn serenity_connects_through_the_fake_and_never_to_discord() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    assert!(
        harness.fake.gateway_fetched(),
        "serenity asked the fake for the gateway"
    );
    assert!(
        harness.fake.identified(),
        "serenity identified on the fake gateway"
    );
}

#[tokio::test]
async fn a_dropped_gateway_connection_is_resumed_and_no_click_is_lost() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "901",
            &["poll", "create"],
            json!([option("poll", "Lunch? | soto | bakso")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let soto = component_ids(&created)[0].clone();
    let click = |i: usize| {
        harness.fake.dispatch(
            "INTERACTION_CREATE",
            button(&format!("91{i:02}"), &soto, voter(i), "en-US"),
        );
    };
    for i in 0..10 {
        click(i);
    }
    harness.fake.drop_connection();
    // Clicks while the connection is down are replayed when serenity resumes.
    for i in 10..20 {
        click(i);
    }
    let answers = harness
        .fake
        .wait_for_all("every click answered", 20, |c| {
            c.path.starts_with("/api/v10/interactions/91") && c.path.ends_with("/callback")
        })
        .await;
    assert_eq!(answers.len(), 20, "each click answered once");
    let (identifies, resumes) = harness.fake.sessions();
    assert_eq!(identifies, 1, "the session was resumed, not started again");
    assert!(resumes >= 1);
    let results = harness
        .slash(
            "902",
            &["poll", "results"],
            json!([integer("number", 1)]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert!(description(&results).contains("20 ballots"), "{results:#}");
}
