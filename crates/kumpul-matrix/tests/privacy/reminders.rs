//! Private deliveries on a real Synapse: a personal reminder goes to a direct-message
//! room kumpul opens with its person (they are invited, join, and read it there, in their
//! language), the shared room sees nothing of it, and the next one finds the same room;
//! once they left that room, a reminder comes to the shared room, saying so.

use std::sync::Arc;

use kumpul_core::port::{Bot, ManualClock, Scheduler, SchedulerConfig};

use crate::Scene;
use crate::people::body;

const HOUR: i64 = 3_600_000;

/// Runs kumpul's scheduler once, `hours` from now (and a second).
async fn run_scheduler_after(scene: &Scene, hours: i64) -> usize {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let bot = Bot::new(scene.store.clone(), kumpul_core::testing::config()).unwrap();
    let clock = Arc::new(ManualClock::starting_at(now + hours * HOUR + 1_000));
    let scheduler = Scheduler::new(
        bot,
        scene.notifier.clone(),
        clock,
        SchedulerConfig::default(),
    );
    scheduler.run_due().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_personal_reminder_arrives_in_a_direct_message_room_and_the_room_sees_nothing() {
    let mut scene = Scene::start("remind", &["alice", "bob"], false).await;
    let bot = scene.bot.clone();
    let room = scene.room.clone();
    // The room speaks Indonesian; Matrix reports no language of bob's, so his reminders
    // come in the room's, like their confirmation.
    let language = scene.people[0].say(&room, "!settings language id").await;
    scene.people[0].replies_to(&language, 1).await;
    let bob_room = scene.room_of(1);
    let set = scene.people[1]
        .say(&bob_room, "!remind me in 1 hour bayar iuran")
        .await;
    let confirmed = scene.people[1].replies_to(&set, 1).await.remove(0);
    assert!(
        body(&confirmed).contains("Saya akan mengingatkanmu"),
        "{}",
        body(&confirmed)
    );
    assert_eq!(run_scheduler_after(&scene, 1).await, 1);

    // Bob is invited to a new room, joins it (his client accepts invites), and reads it.
    let reminder = crate::elsewhere(&mut scene.people[1], &bot, &room, "bayar iuran").await;
    assert_eq!(body(&reminder), "⏰ Pengingat: bayar iuran");
    let direct = scene.people[1].client.get_room(&reminder.room).unwrap();
    assert!(
        direct.is_direct().await.unwrap_or(false),
        "marked as a direct message for bob too"
    );
    let members = direct
        .members(matrix_sdk::RoomMemberships::ACTIVE)
        .await
        .unwrap();
    assert_eq!(members.len(), 2, "kumpul and bob only");

    // A second reminder goes to the same room, found in kumpul's m.direct.
    let again = scene.people[1]
        .say(&bob_room, "!remind me in 2 hours minum air")
        .await;
    scene.people[1].replies_to(&again, 1).await;
    assert_eq!(run_scheduler_after(&scene, 2).await, 1);
    let second = crate::elsewhere(&mut scene.people[1], &bot, &room, "minum air").await;
    assert_eq!(second.room, reminder.room, "one DM room per person");

    // The shared room saw neither reminder (a marker bounds the wait).
    let marker = scene.people[0].say(&room, "!help").await;
    scene.people[0].replies_to(&marker, 1).await;
    for (person, name) in scene.people.iter().zip(["alice", "bob"]) {
        assert!(
            !person
                .seen
                .iter()
                .any(|m| m.room == room.room_id() && body(m).contains("⏰")),
            "{name} saw a reminder in the shared room"
        );
    }

    // Bob leaves the DM: the next reminder comes to the shared room, saying so, and
    // pinging only him.
    direct.leave().await.unwrap();
    let third = scene.people[1]
        .say(&bob_room, "!remind me in 3 hours tidur")
        .await;
    scene.people[1].replies_to(&third, 1).await;
    // kumpul must have seen him leave before it looks for his DM.
    let left = scene.people[0].say(&room, "!help").await;
    scene.people[0].replies_to(&left, 1).await;
    assert_eq!(run_scheduler_after(&scene, 3).await, 1);
    let bob_id = scene.people[1].id.clone();
    let fallback = scene.people[0]
        .until("the reminder in the shared room", |seen| {
            seen.iter()
                .find(|m| {
                    m.sender == bot
                        && m.room == room.room_id()
                        && body(m).contains("⏰ Pengingat: tidur")
                })
                .cloned()
        })
        .await;
    assert!(
        body(&fallback).contains("Saya tidak bisa mengirim pesan pribadi kepadamu"),
        "{}",
        body(&fallback)
    );
    let mentions = fallback
        .content
        .mentions
        .clone()
        .expect("m.mentions is set");
    assert_eq!(mentions.user_ids.into_iter().collect::<Vec<_>>(), [bob_id]);
    assert!(!mentions.room);
    scene.stop().await;
}
