//! Moderators: members of the configured role are moderators, and a moderator can make
//! kumpul leave the server.

use std::time::Duration;

use crate::fake::payloads::{GUILD_ID, command, member};
use crate::harness::{ALICE, BOB, CAROL, Harness, MANAGE_GUILD, description, option};
use serde_json::json;

#[tokio::test]
async fn members_of_the_configured_role_are_moderators() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let organisers = "8800000000000000008";
    let mut bob = member(BOB, "bob", 0);
    bob["roles"] = json!([organisers]);
    let before = harness
        .interact(command(
            "501",
            &["settings", "timezone"],
            json!([option("zone", "WIB")]),
            bob.clone(),
            "en-US",
        ))
        .await;
    assert!(
        description(&before).contains("Only moderators"),
        "{before:#}"
    );
    let not_admin = harness
        .interact(command(
            "502",
            &["settings", "moderators"],
            json!([{ "name": "role", "type": 8, "value": organisers }]),
            member(CAROL, "carol", MANAGE_GUILD),
            "en-US",
        ))
        .await;
    assert!(
        description(&not_admin).contains("Only admins"),
        "{not_admin:#}"
    );
    let administrator = 1 << 3;
    let set = harness
        .interact(command(
            "503",
            &["settings", "moderators"],
            json!([{ "name": "role", "type": 8, "value": organisers }]),
            member(ALICE, "alice", administrator),
            "en-US",
        ))
        .await;
    assert!(
        description(&set).contains(&format!("<@&{organisers}>")),
        "{set:#}"
    );
    assert_eq!(
        set["data"]["allowed_mentions"]["roles"],
        json!([]),
        "naming the role does not ping it"
    );
    let after = harness
        .interact(command(
            "504",
            &["settings", "timezone"],
            json!([option("zone", "WIB")]),
            bob,
            "en-US",
        ))
        .await;
    assert!(description(&after).contains("Asia/Jakarta"), "{after:#}");
}

#[tokio::test]
async fn a_moderator_can_make_kumpul_leave_the_server() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let refused = harness
        .slash("601", &["bot", "leave"], json!([]), (BOB, "bob"), "en-US")
        .await;
    assert!(
        description(&refused).contains("Only moderators"),
        "{refused:#}"
    );
    let leaving = harness
        .interact(command(
            "602",
            &["bot", "leave"],
            json!([]),
            member(CAROL, "carol", MANAGE_GUILD),
            "en-US",
        ))
        .await;
    assert!(description(&leaving).contains("Goodbye"), "{leaving:#}");
    harness
        .fake
        .wait_for("leaving the guild", |c| {
            c.method == "DELETE" && c.path == format!("/api/v10/users/@me/guilds/{GUILD_ID}")
        })
        .await;
}
