//! A DM that could be meant for several shared rooms names them, and a message that
//! starts with a room goes there.

use matrix_sdk::ruma::api::client::room::create_room::v3::Request as CreateRoom;

use crate::Scene;
use crate::people::body;

/// When several shared rooms could be meant, the DM lists them with what to send, and a
/// message that starts with a room (its address or its id) goes there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_names_the_room_when_several_could_be_meant() {
    let mut scene = Scene::start("which", &["alice", "bob"], false).await;
    let bot = scene.bot.clone();
    let first = scene.room.clone();
    let mut request = CreateRoom::new();
    request.invite = vec![scene.people[1].id.clone(), bot.clone()];
    request.room_alias_name = Some("which_second".into());
    let second = scene.people[0].client.create_room(request).await.unwrap();
    scene.people[1]
        .client
        .join_room_by_id(second.room_id())
        .await
        .unwrap();
    for member in [&scene.people[1].id, &bot] {
        scene.people[0].wait_joined(&second, member).await;
    }
    for room in [&first, &second] {
        let create = scene.people[0]
            .say(room, "!poll create Where? | here | there --voters secret")
            .await;
        scene.people[0].replies_to(&create, 1).await;
    }
    let direct = scene.people[1].direct_message(&bot).await;
    let bob = &mut scene.people[1];

    let vote = bob.say(&direct, "!poll vote 1 2").await;
    let asked = body(&bob.replies_to(&vote, 1).await[0]);
    assert!(
        asked.contains(first.room_id().as_str()) && asked.contains("#which_second:localhost"),
        "both rooms are listed: {asked}"
    );
    assert!(asked.contains("`!in "), "{asked}");
    let vote = bob
        .say(&direct, "!in #which_second:localhost poll vote 1 2")
        .await;
    let saved = body(&bob.replies_to(&vote, 1).await[0]);
    assert!(saved.contains("saved: there"), "{saved}");

    let idea = bob
        .say(&direct, "!idea add A shared bike --anonymous")
        .await;
    let asked = body(&bob.replies_to(&idea, 1).await[0]);
    assert!(asked.contains("several rooms"), "{asked}");
    let idea = bob
        .say(
            &direct,
            &format!("!in {} idea add A shared bike --anonymous", first.room_id()),
        )
        .await;
    assert!(body(&bob.replies_to(&idea, 1).await[0]).contains("anonymously"));
    let posted_in = scene.people[0]
        .until("the idea's card", |seen| {
            seen.iter()
                .find(|m| m.sender == bot && body(m).contains("A shared bike"))
                .map(|m| m.room.clone())
        })
        .await;
    assert_eq!(posted_in, first.room_id(), "posted in the room named");

    for (room, ballots) in [(&second, "1 ballot"), (&first, "0 ballots")] {
        let close = scene.people[0].say(room, "!poll close 1").await;
        let results = body(&scene.people[0].replies_to(&close, 1).await[0]);
        assert!(results.contains(ballots), "{results}");
    }
    scene.stop().await;
}
