#![recursion_limit = "256"]
//! kumpul against a real Synapse with real matrix-sdk clients: invites, commands, pings
//! with exact `m.mentions`, localised errors, an encrypted room, and a restart that keeps
//! the device and answers nothing twice.

mod people;
mod synapse;

use std::collections::HashMap;
use std::time::Duration;

use kumpul_core::store::{Location, Store};
use matrix_sdk::room::Room;
use matrix_sdk::ruma::events::room::message::{Relation, RoomMessageEventContent};
use matrix_sdk::ruma::{OwnedEventId, OwnedUserId, UserId};
use people::{PASSWORD, Person, Seen, body, html, start_kumpul, start_kumpul_as};
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

    native_polls(&room, &mut alice, &mut bob, &bot_id).await;
    events(&room, &mut alice, &bob).await;
    threads(&room, &mut alice, &bob, &bot_id).await;

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
    let login: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/_matrix/client/v3/login", synapse.url))
        .json(&serde_json::json!({"type": "m.login.password", "identifier": {"type": "m.id.user", "user": "kumpul2"}, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = (
        login["access_token"].as_str().unwrap().to_owned(),
        login["device_id"].as_str().unwrap().to_owned(),
    );
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

/// Polls as MSC3381 events from real clients: a poll with public voters is a native poll,
/// unstable and stable responses are votes (the latest wins), bad votes get an answer, the
/// export is a file, and closing ends the native poll with the results.
async fn native_polls(room: &Room, alice: &mut Person, bob: &mut Person, bot_id: &OwnedUserId) {
    use matrix_sdk::ruma::events::poll::response::PollResponseEventContent;
    use matrix_sdk::ruma::events::poll::unstable_end::OriginalSyncUnstablePollEndEvent;
    use matrix_sdk::ruma::events::poll::unstable_response::UnstablePollResponseEventContent;
    use matrix_sdk::ruma::events::poll::unstable_start::OriginalSyncUnstablePollStartEvent;
    use matrix_sdk::ruma::events::room::message::MessageType;
    use std::sync::{Arc, Mutex};

    let starts: Arc<Mutex<Vec<OriginalSyncUnstablePollStartEvent>>> = Arc::default();
    let ends: Arc<Mutex<Vec<OriginalSyncUnstablePollEndEvent>>> = Arc::default();
    let (s, e) = (starts.clone(), ends.clone());
    alice
        .client
        .add_event_handler(move |event: OriginalSyncUnstablePollStartEvent| {
            let s = s.clone();
            async move { s.lock().unwrap().push(event) }
        });
    alice
        .client
        .add_event_handler(move |event: OriginalSyncUnstablePollEndEvent| {
            let e = e.clone();
            async move { e.lock().unwrap().push(event) }
        });
    let wait = |what: &'static str, done: Box<dyn Fn() -> bool>| async move {
        for _ in 0..150 {
            if done() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("timed out waiting for {what}");
    };

    alice
        .say(room, "!poll create Lunch? | soto | bakso --voters public")
        .await;
    let s = starts.clone();
    wait(
        "the poll start",
        Box::new(move || !s.lock().unwrap().is_empty()),
    )
    .await;
    let start = starts.lock().unwrap()[0].clone();
    assert_eq!(&start.sender, bot_id);
    let block = start.content.poll_start();
    assert_eq!(block.question.text, "Lunch?");
    let answers: Vec<(String, String)> = block
        .answers
        .iter()
        .map(|a| (a.id.clone(), a.text.clone()))
        .collect();
    assert_eq!(
        answers,
        [("1".into(), "soto".into()), ("2".into(), "bakso".into())]
    );
    assert_eq!(block.max_selections, 1u32.into());

    let start_id = start.event_id.clone();
    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    bob_room
        .send(UnstablePollResponseEventContent::new(
            vec!["2".into()],
            start_id.clone(),
        ))
        .await
        .unwrap();
    room.send(PollResponseEventContent::new(
        vec!["1".to_owned()].into(),
        start_id.clone(),
    ))
    .await
    .unwrap();
    room.send(UnstablePollResponseEventContent::new(
        vec!["2".into()],
        start_id.clone(),
    ))
    .await
    .unwrap();
    bob_room
        .send(UnstablePollResponseEventContent::new(
            vec!["9".into()],
            start_id.clone(),
        ))
        .await
        .unwrap();
    let mut tally = String::new();
    for _ in 0..10 {
        let asked = alice.say(room, "!poll results 1").await;
        tally = body(&alice.replies_to(&asked, 1).await[0]);
        if tally.contains("2 ballots") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        tally.contains("2. bakso ████████████████████ 100% (2)"),
        "the latest response of each person counts: {tally}"
    );
    assert!(
        alice
            .seen
            .iter()
            .any(|m| body(m).contains("9 is not an option")),
        "an invalid native vote is answered"
    );

    let export = alice.say(room, "!poll export 1").await;
    alice.replies_to(&export, 1).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !alice
        .seen
        .iter()
        .any(|m| matches!(&m.content.msgtype, MessageType::File(f) if f.body == "poll-1.csv"))
    {
        match tokio::time::timeout_at(deadline, alice.inbox.recv()).await {
            Ok(Some(message)) => alice.seen.push(message),
            _ => panic!("the export was not uploaded as a file"),
        }
    }

    // A secret poll is not a native poll (a response names its sender); its card says to
    // vote in a direct message, where the vote finds the poll of the shared room.
    let secret = alice
        .say(room, "!poll create Budget? | yes | no --voters secret")
        .await;
    let card = body(&alice.replies_to(&secret, 1).await[0]);
    assert!(card.contains("direct message"), "{card}");
    let direct = bob.create_room(&[bot_id], false).await;
    bob.wait_joined(&direct, bot_id).await;
    let vote = bob.say(&direct, "!poll vote 2 1").await;
    let saved = body(&bob.replies_to(&vote, 1).await[0]);
    assert!(
        saved.contains("Your vote on poll #2 is saved: yes"),
        "{saved}"
    );
    let nowhere = bob.say(&direct, "!poll vote 7 1").await;
    let refused = body(&bob.replies_to(&nowhere, 1).await[0]);
    assert!(refused.contains("secret poll #7"), "{refused}");
    assert_eq!(
        starts.lock().unwrap().len(),
        1,
        "no native poll for a secret poll"
    );

    alice.say(room, "!poll close 1").await;
    let e = ends.clone();
    wait(
        "the poll end",
        Box::new(move || !e.lock().unwrap().is_empty()),
    )
    .await;
    let end = ends.lock().unwrap()[0].clone();
    assert_eq!(end.content.relates_to.event_id, start_id);
    assert!(end.content.text.contains("bakso"), "{}", end.content.text);
    assert!(end.content.text.contains("(2)"), "{}", end.content.text);
}

/// Events from real clients: the card in the space's zone (WIB), a ✅ reaction and a text
/// RSVP with a guest as answers, the card kept current by an edit, and the calendar file.
async fn events(room: &Room, alice: &mut Person, bob: &Person) {
    use matrix_sdk::ruma::events::reaction::ReactionEventContent;
    use matrix_sdk::ruma::events::relation::Annotation;
    use matrix_sdk::ruma::events::room::message::MessageType;

    let zone = alice.say(room, "!settings timezone Asia/Jakarta").await;
    alice.replies_to(&zone, 1).await;
    let create = alice
        .say(
            room,
            "!event create tomorrow 19:00 Board games --capacity 3",
        )
        .await;
    let card = alice.replies_to(&create, 1).await.remove(0);
    let shown = body(&card);
    assert!(
        shown.contains("19:00 WIB"),
        "times in the space's zone: {shown}"
    );
    assert!(shown.contains("react ✅ going"), "{shown}");

    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    bob_room
        .send(ReactionEventContent::new(Annotation::new(
            card.event_id.clone(),
            "✅".into(),
        )))
        .await
        .unwrap();
    let answered = alice.say(room, "!rsvp 1 going +1").await;
    let answer = body(&alice.replies_to(&answered, 1).await[0]);
    assert!(answer.contains("with 1 guests"), "{answer}");
    let mut info = String::new();
    for _ in 0..10 {
        let asked = alice.say(room, "!event info 1").await;
        info = body(&alice.replies_to(&asked, 1).await[0]);
        if info.contains("Going: 3 of 3") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        info.contains("Going: 3 of 3 places"),
        "the reaction counts: {info}"
    );
    assert!(
        info.contains("bob") && info.contains("alice (+1)"),
        "{info}"
    );

    // The card is kept current by an edit of the bot's message.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let edited = alice.seen.iter().any(|m| {
            matches!(&m.content.relates_to, Some(Relation::Replacement(r))
                if r.event_id == card.event_id && r.new_content.msgtype.body().contains("Going: 3 of 3"))
        });
        if edited {
            break;
        }
        match tokio::time::timeout_at(deadline, alice.inbox.recv()).await {
            Ok(Some(message)) => alice.seen.push(message),
            _ => panic!("the event card was not edited"),
        }
    }

    // 👍 on an idea's message upvotes it.
    let idea = alice.say(room, "!idea add Repair café every month").await;
    let idea_card = alice.replies_to(&idea, 1).await.remove(0);
    bob_room
        .send(ReactionEventContent::new(Annotation::new(
            idea_card.event_id.clone(),
            "👍".into(),
        )))
        .await
        .unwrap();
    let mut listed = String::new();
    for _ in 0..10 {
        let asked = alice.say(room, "!idea list").await;
        listed = body(&alice.replies_to(&asked, 1).await[0]);
        if listed.contains("1 upvote") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        listed.contains("Repair café every month · 1 upvote"),
        "{listed}"
    );

    let ics = alice.say(room, "!event ics 1").await;
    alice.replies_to(&ics, 1).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !alice
        .seen
        .iter()
        .any(|m| matches!(&m.content.msgtype, MessageType::File(f) if f.body == "event-1.ics"))
    {
        match tokio::time::timeout_at(deadline, alice.inbox.recv()).await {
            Ok(Some(message)) => alice.seen.push(message),
            _ => panic!("the calendar file was not uploaded"),
        }
    }
}

/// A thread rooted at kumpul's header, replies from real clients with `m.thread`, and a
/// digest that counts them.
async fn threads(room: &Room, alice: &mut Person, bob: &Person, bot_id: &OwnedUserId) {
    use matrix_sdk::ruma::events::relation::Thread;

    alice.say(room, "!thread start Summer trip plans").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let find = |seen: &[Seen]| {
        let root = seen
            .iter()
            .find(|m| &m.sender == bot_id && body(m).contains("Thread #1: Summer trip plans"))?;
        let first = seen.iter().find(|m| {
            matches!(&m.content.relates_to, Some(Relation::Thread(t)) if t.event_id == root.event_id)
        })?;
        Some((root.event_id.clone(), first.sender.clone()))
    };
    let (root, first_sender) = loop {
        if let Some(found) = find(&alice.seen) {
            break found;
        }
        match tokio::time::timeout_at(deadline, alice.inbox.recv()).await {
            Ok(Some(message)) => alice.seen.push(message),
            _ => panic!("no thread root with a first message in its thread"),
        }
    };
    assert_eq!(
        &first_sender, bot_id,
        "kumpul starts the thread under its header"
    );

    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    for (who, text) in [
        (&bob_room, "I can bring a tent"),
        (room, "Great!"),
        (&bob_room, "And a stove"),
    ] {
        let mut content = RoomMessageEventContent::text_plain(text);
        content.relates_to = Some(Relation::Thread(Thread::plain(root.clone(), root.clone())));
        who.send(content).await.unwrap();
    }
    let mut digest = String::new();
    for _ in 0..10 {
        let asked = alice.say(room, "!thread digest 1").await;
        digest = body(&alice.replies_to(&asked, 1).await[0]);
        if digest.contains("3 messages") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(digest.contains("3 messages from 2 people"), "{digest}");
    assert!(digest.contains("bob (2)"), "{digest}");
}
