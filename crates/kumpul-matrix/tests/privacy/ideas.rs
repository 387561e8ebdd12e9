//! Anonymous ideas: sent by DM, posted as kumpul's own message naming nobody; typed in
//! the room, refused and redacted.

use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;

use crate::people::{body, html};
use crate::{Scene, elsewhere, event_id, redacts};

/// (c) An anonymous idea sent by DM appears in the room as kumpul's own message: no
/// reply relation, no name, no id, no mention of its author; 👍 on it still upvotes.
/// Typed in the room, `--anonymous` is refused and redacted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_idea_travels_by_dm_and_names_nobody() {
    let mut scene = Scene::start("anon", &["alice", "bob"], true).await;
    let bot = scene.bot.clone();
    let room = scene.room.clone();
    let bob_room = scene.room_of(1);
    scene.people[1]
        .client
        .account()
        .set_display_name(Some("Bobby Tables"))
        .await
        .unwrap();
    let direct = scene.people[1].direct_message(&bot).await;

    let idea = scene.people[1]
        .say(&direct, "!idea add A quiet corner for reading --anonymous")
        .await;
    let ack = scene.people[1].replies_to(&idea, 1).await.remove(0);
    assert_eq!(ack.room, direct.room_id(), "acknowledged in the DM");
    assert!(body(&ack).contains("anonymously"), "{}", body(&ack));
    let posted = scene.people[0]
        .until("the idea in the room", |seen| {
            seen.iter()
                .find(|m| {
                    m.room == room.room_id()
                        && m.sender == bot
                        && body(m).contains("A quiet corner for reading")
                })
                .cloned()
        })
        .await;
    assert!(
        posted.content.relates_to.is_none(),
        "kumpul's own message, not a reply"
    );
    let raw = scene.people[0]
        .timeline_event(&room, "the idea's event", |e| {
            event_id(e) == posted.event_id.as_str()
        })
        .await;
    let content = raw["content"].to_string();
    let bob = scene.people[1].id.clone();
    for trace in ["Bobby", bob.as_str(), bob.localpart()] {
        assert!(
            !content.contains(trace),
            "{trace:?} in the idea's content: {content}"
        );
    }
    assert!(raw["content"].get("m.relates_to").is_none(), "{content}");
    assert_eq!(
        raw["content"]["m.mentions"],
        serde_json::json!({}),
        "it mentions nobody"
    );
    assert!(!html(&posted).contains("matrix.to"), "{}", html(&posted));

    // Its anchor is recorded: 👍 upvotes it.
    room.send(ReactionEventContent::new(Annotation::new(
        posted.event_id.clone(),
        "👍".into(),
    )))
    .await
    .unwrap();
    let mut listed = String::new();
    for _ in 0..20 {
        let asked = scene.people[0].say(&room, "!idea list").await;
        listed = body(&scene.people[0].replies_to(&asked, 1).await[0]);
        if listed.contains("1 upvote") {
            break;
        }
    }
    assert!(
        listed.contains("A quiet corner for reading · 1 upvote"),
        "{listed}"
    );

    // Typed in the room: redacted, not posted, and the DM says what to send.
    let typed = scene.people[1]
        .say(&bob_room, "!idea add Another quiet thought --anonymous")
        .await;
    let told = elsewhere(&mut scene.people[1], &bot, &room, "was not posted").await;
    assert_eq!(told.room, direct.room_id(), "told in the existing DM");
    assert!(
        body(&told).contains("`!idea add Another quiet thought --anonymous`"),
        "{}",
        body(&told)
    );
    scene.people[0]
        .timeline_event(&room, "the redaction of the typed idea", |e| {
            redacts(e, &typed)
        })
        .await;
    let asked = scene.people[0].say(&room, "!idea list").await;
    let listed = body(&scene.people[0].replies_to(&asked, 1).await[0]);
    assert!(!listed.contains("Another quiet thought"), "{listed}");
    assert!(
        !scene.people[0].seen.iter().any(|m| m.room == room.room_id()
            && m.sender == bot
            && body(m).contains("Another quiet thought")),
        "the typed idea is not echoed"
    );
    scene.stop().await;
}
