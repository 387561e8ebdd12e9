//! Groups: created, joined by slash command and by button, listed, autocompleted, and
//! pinged with exactly their members allowed.

use std::time::Duration;

use crate::fake::payloads::{self, member};
use crate::harness::{ALICE, BOB, CAROL, EPHEMERAL, Harness, description, flags, option};
use serde_json::json;

#[tokio::test]
async fn groups_are_created_joined_by_slash_and_button_listed_and_autocompleted() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "101",
            &["group", "create"],
            json!([
                option("name", "hiking"),
                option("description", "Weekend walks")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert_eq!(created["type"], 4);
    assert_eq!(
        flags(&created) & EPHEMERAL,
        0,
        "a new group is announced publicly"
    );
    assert!(
        description(&created).contains("alice** created the group **hiking"),
        "{created:#}"
    );
    let join_button = created["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(join_button.starts_with("k1:group:join:"), "{join_button}");

    let clicked = harness
        .click("102", &join_button, (BOB, "bob"), "en-US")
        .await;
    assert_eq!(flags(&clicked) & EPHEMERAL, EPHEMERAL, "joining is private");
    assert!(
        description(&clicked).contains("You joined **hiking**"),
        "{clicked:#}"
    );

    let joined = harness
        .slash(
            "103",
            &["group", "join"],
            json!([option("name", "Hiking")]),
            (CAROL, "carol"),
            "en-US",
        )
        .await;
    assert!(
        description(&joined).contains("You joined **hiking**"),
        "{joined:#}"
    );

    let listed = harness
        .slash(
            "104",
            &["group", "list"],
            json!([]),
            (CAROL, "carol"),
            "en-US",
        )
        .await;
    assert!(
        description(&listed).contains("**hiking** · 3 members"),
        "{listed:#}"
    );

    autocomplete_suggests_the_group(&harness).await;
}

/// Typing "HIK" in `/group join`'s name suggests the group `hiking`.
async fn autocomplete_suggests_the_group(harness: &Harness) {
    harness.fake.dispatch(
        "INTERACTION_CREATE",
        payloads::autocomplete(
            "105",
            &["group", "join"],
            "name",
            "HIK",
            member(BOB, "bob", 0),
        ),
    );
    let suggested = harness
        .fake
        .wait_for("autocomplete answer", |c| {
            c.path.contains("/interactions/105/")
        })
        .await
        .body;
    assert_eq!(suggested["type"], 8);
    assert_eq!(
        suggested["data"]["choices"],
        json!([{ "name": "hiking", "value": "hiking" }])
    );
}

#[tokio::test]
async fn a_group_ping_allows_exactly_the_members_and_nothing_from_the_text() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    harness
        .slash(
            "201",
            &["group", "create"],
            json!([option("name", "hiking")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    harness
        .slash(
            "202",
            &["group", "join"],
            json!([option("name", "hiking")]),
            (BOB, "bob"),
            "en-US",
        )
        .await;
    harness
        .slash(
            "203",
            &["group", "join"],
            json!([option("name", "hiking")]),
            (CAROL, "carol"),
            "en-US",
        )
        .await;
    let ping = harness
        .slash(
            "204",
            &["group", "ping"],
            json!([
                option("name", "hiking"),
                option("message", "@everyone <@&1> meet at 7")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert_eq!(flags(&ping) & EPHEMERAL, 0);
    assert_eq!(
        ping["data"]["allowed_mentions"],
        json!({ "parse": [], "users": [BOB, CAROL], "roles": [] })
    );
    assert_eq!(
        ping["data"]["content"],
        json!(format!("<@{BOB}> <@{CAROL}>"))
    );
    let text = description(&ping);
    assert!(
        text.contains("\\@everyone \\<\\@&1\\>"),
        "user text is escaped: {text}"
    );
}
