#![recursion_limit = "256"]
//! kumpul against a real Synapse with real matrix-sdk clients: invites, commands, pings
//! with exact `m.mentions`, localised errors, an encrypted room, and a restart that keeps
//! the device and answers nothing twice.

mod people;
mod synapse;

#[path = "matrix/burst.rs"]
mod burst;
#[path = "matrix/events.rs"]
mod events;
#[path = "matrix/fit.rs"]
mod fit;
#[path = "matrix/outage.rs"]
mod outage;
#[path = "matrix/polls.rs"]
mod polls;
#[path = "matrix/reactions.rs"]
mod reactions;
#[path = "matrix/threads.rs"]
mod threads;
#[path = "matrix/tile.rs"]
mod tile;
#[path = "matrix/verified.rs"]
mod verified;

use std::collections::HashMap;
use std::time::Duration;

use kumpul_core::store::{Location, Store};
use matrix_sdk::ruma::{OwnedEventId, UserId};
use people::{PASSWORD, Person, body, html, start_kumpul, start_kumpul_as};
use synapse::Synapse;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kumpul_on_a_real_homeserver() {
    let synapse = Synapse::start();
    let bot_id = UserId::parse(synapse.register("kumpul", PASSWORD, false).await).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
        .await
        .unwrap();
    let (device, cancel, task, notifier) = start_kumpul(&synapse, &store, dir.path()).await;

    let mut alice = Person::login(&synapse, "alice").await;
    let mut bob = Person::login(&synapse, "bob").await;

    // Invite → kumpul joins by itself.
    let room = alice.create_room(&[&bob.id, &bot_id], false).await;
    bob.client.join_room_by_id(room.room_id()).await.unwrap();
    alice.wait_joined(&room, &bot_id).await;
    alice.wait_joined(&room, &bob.id).await;

    // Groups, joined by bob, pinged by alice: exactly bob is mentioned.
    let created = alice.say(&room, "!group create hiking Weekend walks").await;
    let reply = alice.replies_to(&created, 1).await;
    assert!(
        body(&reply[0]).contains("created the group hiking"),
        "{}",
        body(&reply[0])
    );
    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    let joined = bob.say(&bob_room, "!group join hiking").await;
    assert!(body(&alice.replies_to(&joined, 1).await[0]).contains("You joined hiking"));
    let ping = alice
        .say(&room, "!group ping hiking @room meet at 7 <b>now</b>")
        .await;
    let pinged = alice.replies_to(&ping, 1).await.remove(0);
    let mentions = pinged.content.mentions.clone().expect("m.mentions is set");
    assert_eq!(
        mentions.user_ids.into_iter().collect::<Vec<_>>(),
        std::slice::from_ref(&bob.id)
    );
    assert!(!mentions.room, "never @room");
    let formatted = html(&pinged);
    assert!(
        formatted.contains(&format!("href=\"https://matrix.to/#/{}\"", bob.id)),
        "{formatted}"
    );
    assert!(
        formatted.contains("&lt;b&gt;now&lt;/b&gt;"),
        "user text is escaped: {formatted}"
    );

    // A scheduled message (a reminder) goes out with the job's transaction id: sent twice
    // (a retry after a crash), it appears once, and pings exactly its people.
    {
        use kumpul_core::identity::{ChannelId, Platform, SpaceId, UserId as K};
        use kumpul_core::notify::{Audience, Delivery, Notifier};
        use kumpul_core::reply::{Inline, Reply, Tone};
        let mut reply = Reply::public(
            Tone::Ping,
            vec![Inline::Text("⏰ Reminder: stretch".into())],
        );
        reply.mentions.users = vec![K::new(Platform::Matrix, bob.id.as_str())];
        let delivery = Delivery {
            key: "reminder:7:1800000000000".into(),
            space: SpaceId::new(Platform::Matrix, room.room_id().as_str()),
            channel: Some(ChannelId::new(Platform::Matrix, room.room_id().as_str())),
            audience: Audience::Channel,
            reply,
        };
        notifier.deliver(&delivery).await.expect("delivered");
        notifier.deliver(&delivery).await.expect("delivered again");
        let marker = alice.say(&room, "!help").await;
        alice.replies_to(&marker, 1).await;
        let reminders: Vec<_> = alice
            .seen
            .iter()
            .filter(|m| body(m).contains("Reminder: stretch"))
            .collect();
        assert_eq!(
            reminders.len(),
            1,
            "the retried delivery is not shown twice"
        );
        let mentions = reminders[0].content.mentions.clone().unwrap();
        assert_eq!(
            mentions.user_ids.into_iter().collect::<Vec<_>>(),
            std::slice::from_ref(&bob.id)
        );
    }

    polls::native_polls(&room, &mut alice, &mut bob, &bot_id).await;
    events::events(&room, &mut alice, &bob).await;
    threads::threads(&room, &mut alice, &bob, &bot_id).await;

    // Unknown `!words` of other bots are ignored; ours get help.
    let other = alice.say(&room, "!weather jakarta").await;
    let mistyped = alice.say(&room, "!group jion hiking").await;
    let help = alice.replies_to(&mistyped, 1).await;
    assert!(
        body(&help[0]).contains("`!group join`"),
        "{}",
        body(&help[0])
    );
    assert!(alice.replies_to(&other, 0).await.is_empty());

    // Alice created the room (a creator in room v12): she may change the language.
    let language = alice.say(&room, "!settings language id").await;
    assert!(body(&alice.replies_to(&language, 1).await[0]).contains("Bahasa Indonesia"));
    let error = bob.say(&bob_room, "!group join nothing").await;
    assert!(body(&alice.replies_to(&error, 1).await[0]).contains("Tidak ada grup bernama nothing"));
    let denied = bob.say(&bob_room, "!settings language en").await;
    assert!(body(&alice.replies_to(&denied, 1).await[0]).contains("Hanya moderator"));

    // With share_space, the rooms of a Matrix space share groups.
    let space = alice.create_space(&[&bot_id]).await;
    let room_a = alice.create_room(&[&bot_id], false).await;
    let room_b = alice.create_room(&[&bot_id], false).await;
    for child in [&room_a, &room_b] {
        alice.link(&space, child).await;
    }
    for joined in [&space, &room_a, &room_b] {
        alice.wait_joined(joined, &bot_id).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let made = alice.say(&room_a, "!group create choir").await;
    assert!(body(&alice.replies_to(&made, 1).await[0]).contains("choir"));
    let seen = alice.say(&room_b, "!group list").await;
    let shared = alice.replies_to(&seen, 1).await;
    assert!(
        body(&shared[0]).contains("choir"),
        "rooms of one space share groups: {}",
        body(&shared[0])
    );

    // An encrypted room works the same.
    let secret = alice.create_room(&[&bot_id], true).await;
    alice.wait_joined(&secret, &bot_id).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let listed = alice.say(&secret, "!group list").await;
    let answer = alice.replies_to(&listed, 1).await;
    // A room is its own kumpul space: no groups, and the default language, there.
    assert!(
        body(&answer[0]).contains("There are no groups here yet"),
        "{}",
        body(&answer[0])
    );

    // Restart: same device; what was answered is not answered again; what was said
    // while kumpul was down is answered once.
    let before_restart = alice.say(&room, "!group mine").await;
    alice.replies_to(&before_restart, 1).await;
    cancel.cancel();
    task.await.unwrap().unwrap();
    let while_down = alice.say(&room, "!help group").await;
    let (device_after, cancel, task, _) = start_kumpul(&synapse, &store, dir.path()).await;
    assert_eq!(device_after, device, "the same device after a restart");
    alice.replies_to(&while_down, 1).await;
    let after = alice.say(&room, "!group info hiking").await;
    alice.replies_to(&after, 1).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut counts: HashMap<OwnedEventId, usize> = HashMap::new();
    for event in [
        &created,
        &joined,
        &ping,
        &before_restart,
        &while_down,
        &after,
    ] {
        counts.insert(event.clone(), alice.replies_to(event, 1).await.len());
    }
    assert!(
        counts.values().all(|n| *n == 1),
        "every command answered exactly once: {counts:?}"
    );

    // Logging in with an access token from elsewhere instead of a password.
    let other = UserId::parse(synapse.register("kumpul2", PASSWORD, false).await).unwrap();
    let token = synapse.log_in("kumpul2", PASSWORD).await;
    let other_dir = tempfile::tempdir().unwrap();
    let (other_device, other_cancel, other_task, _) = start_kumpul_as(
        &synapse,
        &store,
        other_dir.path(),
        other.as_str(),
        Some(token.clone()),
    )
    .await;
    assert_eq!(
        other_device.as_deref(),
        Some(token.1.as_str()),
        "the given device is used"
    );
    let third = alice.create_room(&[&other], false).await;
    alice.wait_joined(&third, &other).await;
    let asked = alice.say(&third, "!group list").await;
    assert!(body(&alice.replies_to(&asked, 1).await[0]).contains("no groups here yet"));
    other_cancel.cancel();
    other_task.await.unwrap().unwrap();

    // Only a moderator can make kumpul leave; then it does.
    let refused = bob.say(&bob_room, "!bot leave").await;
    assert!(body(&alice.replies_to(&refused, 1).await[0]).contains("Hanya moderator"));
    let leave = alice.say(&room, "!bot leave").await;
    assert!(body(&alice.replies_to(&leave, 1).await[0]).contains("Sampai jumpa"));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let member = room.get_member(&bot_id).await.unwrap();
        if member.is_some_and(|m| {
            m.membership() == &matrix_sdk::ruma::events::room::member::MembershipState::Leave
        }) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "kumpul did not leave"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    cancel.cancel();
    task.await.unwrap().unwrap();
}
