//! Messages that fit, reach and say the right prefix (issue #19), on a real Synapse: a ping
//! of a 600-member group and a long list arrive as several events, each well under the
//! 64 KiB limit, that together mention everyone once; native poll fallbacks show commands
//! as they are typed here (with the prefix, in the room's language); a refused native vote
//! is a reply to the voter's event that mentions them; answers that ping nobody are
//! notices, and a notice is never a command.

use std::collections::HashSet;

use kumpul_core::identity::{Actor, ChannelId, Invocation, Platform, Role, SpaceId, UserId as K};
use kumpul_core::port::Clock;
use kumpul_core::store::Store;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::OwnedEventId;
use matrix_sdk::ruma::events::room::message::{MessageType, RoomMessageEventContent};
use serde_json::Value;

use crate::people::{Person, body, registered_kumpul};
use crate::synapse::Synapse;

/// How many people the big group has, besides the one who pings it.
const MEMBERS: usize = 600;

/// Matrix refuses an event whose JSON is larger.
const EVENT_MAX: usize = 64 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn big_messages_split_and_refusals_reach_the_voter() {
    let synapse = Synapse::acquire();
    let (bot_id, store, _dir, (_, cancel, task, notifier)) =
        registered_kumpul(&synapse, "fit_kumpul").await;
    let mut alice = Person::login(&synapse, "fit_alice").await;
    let mut bob = Person::login(&synapse, "fit_bob").await;
    let room = alice.create_room(&[&bob.id, &bot_id], false).await;
    bob.client.join_room_by_id(room.room_id()).await.unwrap();
    alice.wait_joined(&room, &bot_id).await;
    alice.wait_joined(&room, &bob.id).await;

    big_ping(&store, &room, &mut alice).await;
    long_delivery(&notifier, &room).await;
    polls(&room, &mut alice, &mut bob).await;
    notices(&room, &mut alice).await;
    indonesian(&room, &mut alice, &bot_id).await;

    cancel.cancel();
    task.await.unwrap().unwrap();
}

/// The raw JSON of `event` as `person` received it, waiting for it (bounded).
async fn raw(person: &Person, room: &Room, event: &OwnedEventId) -> Value {
    person
        .timeline_event(room, "the raw event", |e| {
            e["event_id"].as_str() == Some(event.as_str())
        })
        .await
}

/// A group of [`MEMBERS`] people (joined through the core, as the bot would record them;
/// they need no Matrix accounts) pinged by alice: the parts all arrive, each under 64 KiB as
/// received, a mention (`m.text`) with the pills it shows, everyone mentioned once.
async fn big_ping(store: &Store, room: &Room, alice: &mut Person) {
    let created = alice.say(room, "!group create big Everyone").await;
    alice.replies_to(&created, 1).await;
    let core = kumpul_core::bot::Bot::new(store.clone(), kumpul_core::testing::config()).unwrap();
    let space = SpaceId::new(Platform::Matrix, room.room_id().as_str());
    for i in 0..MEMBERS {
        let inv = Invocation {
            space: space.clone(),
            channel: Some(ChannelId::new(Platform::Matrix, room.room_id().as_str())),
            actor: Actor {
                user: K::new(Platform::Matrix, member(i)),
                display_name: format!("Member {i}"),
                role: Role::Member,
                roles: Vec::new(),
                locale: None,
            },
            now_ms: kumpul_core::port::SystemClock.now_ms(),
            space_locale: None,
        };
        let joined = core.handle_text(&inv, "group join big").await;
        assert!(
            joined.plain_text().contains("You joined big"),
            "{}",
            joined.plain_text()
        );
    }
    let ping = alice.say(room, "!group ping big Hiking at 7").await;
    let expected: HashSet<String> = (0..MEMBERS).map(member).collect();
    // Read from the room's history, not from sync: a sync returns only the latest events
    // of a busy room, and kumpul sends the parts back to back.
    let parts = until_in_history(room, "every member mentioned", |events| {
        let parts: Vec<Value> = events
            .iter()
            .filter(|e| e["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] == ping.as_str())
            .cloned()
            .collect();
        let mentioned: HashSet<String> = parts.iter().flat_map(mentions_of).collect();
        (mentioned == expected).then_some(parts)
    })
    .await;
    assert!(parts.len() >= 3, "{} parts", parts.len());
    let mut all: Vec<String> = Vec::new();
    let mut largest = 0;
    for part in &parts {
        let size = serde_json::to_string(part).unwrap().len();
        largest = largest.max(size);
        assert!(size < EVENT_MAX, "an event of {size} bytes");
        let shown = part["content"]["formatted_body"]
            .as_str()
            .unwrap_or_default();
        let mine = mentions_of(part);
        assert!(!mine.is_empty(), "every part of the ping pings");
        assert_eq!(part["content"]["msgtype"], "m.text", "a ping is no notice");
        for id in &mine {
            assert!(
                shown.contains(&format!("https://matrix.to/#/{id}\"")),
                "{id}"
            );
        }
        all.extend(mine);
    }
    eprintln!(
        "a ping of {MEMBERS}: {} events, the largest {largest} bytes",
        parts.len()
    );
    assert!(largest <= 26 * 1024, "parts stay near 20 KiB: {largest}");
    assert_eq!(all.len(), MEMBERS, "everyone mentioned exactly once");
    let first = parts[0]["content"]["body"].as_str().unwrap_or_default();
    assert!(first.contains("Hiking at 7"), "{first}");
}

/// A delivery (a scheduled message) with a list of 2,000 lines: split between items,
/// every line arrives once and in order, each part a notice (it pings nobody).
async fn long_delivery(notifier: &kumpul_matrix::MatrixNotifier, room: &Room) {
    use kumpul_core::notify::{Audience, Delivery, Notifier};
    use kumpul_core::reply::{Inline, Reply, Tone, Visibility};
    let lines = 2000;
    let items = (0..lines)
        .map(|i| {
            vec![
                Inline::Strong(format!("#{i}")),
                Inline::Text(" water the plants, every Monday at 07:00 WIB".into()),
            ]
        })
        .collect();
    let reply = Reply::new(Visibility::Public, Tone::Info)
        .title("Long list")
        .list(items);
    let delivery = Delivery {
        key: "fit:long-list".into(),
        space: SpaceId::new(Platform::Matrix, room.room_id().as_str()),
        channel: Some(ChannelId::new(Platform::Matrix, room.room_id().as_str())),
        audience: Audience::Channel,
        reply,
    };
    // Delivered: every part is stored by the homeserver.
    notifier.deliver(&delivery).await.expect("delivered");
    let last = format!("#{} water", lines - 1);
    let parts = until_in_history(room, "the whole list", |events| {
        // The first part, then the ones that continue the list.
        let mut rest = events
            .iter()
            .skip_while(|e| !body_of(e).starts_with("Long list"));
        let first = rest.next()?;
        let mut parts = vec![first.clone()];
        parts.extend(rest.take_while(|e| body_of(e).starts_with("• #")).cloned());
        parts
            .iter()
            .any(|e| body_of(e).contains(&last))
            .then_some(parts)
    })
    .await;
    assert!(parts.len() >= 4, "{} parts", parts.len());
    let whole: String = parts.iter().map(|e| body_of(e) + "\n").collect();
    let mut at = 0;
    for i in 0..lines {
        let line = format!("• #{i} water");
        let found = whole[at..].find(&line).unwrap_or_else(|| panic!("{line}"));
        at += found + line.len();
        assert_eq!(whole.matches(&format!("{line} ")).count(), 1, "{line}");
    }
    for part in &parts {
        let size = serde_json::to_string(part).unwrap().len();
        assert!(size < EVENT_MAX, "an event of {size} bytes");
        assert_eq!(part["content"]["msgtype"], "m.notice", "it pings nobody");
        assert!(mentions_of(part).is_empty());
    }
}

/// The last 200 events of `room` from its history (`/messages`), oldest first, until
/// `pick` accepts them (within [`crate::people::PATIENCE`]).
async fn until_in_history<T>(room: &Room, what: &str, pick: impl Fn(&[Value]) -> Option<T>) -> T {
    use matrix_sdk::room::MessagesOptions;
    let deadline = tokio::time::Instant::now() + crate::people::PATIENCE;
    loop {
        let mut options = MessagesOptions::backward();
        options.limit = 200u32.into();
        let page = room
            .messages(options)
            .await
            .expect("reading the room's history");
        let mut events: Vec<Value> = page
            .chunk
            .iter()
            .filter_map(|e| e.raw().deserialize_as_unchecked::<Value>().ok())
            .collect();
        events.reverse();
        if let Some(found) = pick(&events) {
            return found;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: not in the room's history within {:?}",
            crate::people::PATIENCE
        );
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
}

/// The plain body of an event as JSON.
fn body_of(event: &Value) -> String {
    event["content"]["body"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The `m.mentions` user ids of an event as JSON.
fn mentions_of(event: &Value) -> Vec<String> {
    event["content"]["m.mentions"]["user_ids"]
        .as_array()
        .map(|ids| {
            ids.iter()
                .filter_map(|i| i.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Native poll fallbacks show commands with the prefix; a vote after the close is refused
/// as a reply to bob's response that mentions him.
async fn polls(room: &Room, alice: &mut Person, bob: &mut Person) {
    use matrix_sdk::ruma::events::poll::unstable_response::UnstablePollResponseEventContent;
    alice
        .say(room, "!poll create Lunch? | soto | bakso --voters public")
        .await;
    let start = alice
        .timeline_event(room, "the poll start", |e| {
            e["type"] == "org.matrix.msc3381.poll.start"
        })
        .await;
    let text = fallback(&start["content"]);
    assert!(text.contains("`!poll vote 1 1`"), "{text}");
    assert_prefixed(&text);
    let start_id = OwnedEventId::try_from(start["event_id"].as_str().unwrap()).unwrap();

    alice.say(room, "!poll close 1").await;
    let end = alice
        .timeline_event(room, "the poll end", |e| {
            e["type"] == "org.matrix.msc3381.poll.end"
        })
        .await;
    let text = fallback(&end["content"]);
    assert!(text.contains("This poll is closed."), "{text}");
    assert_prefixed(&text);

    let bob_room = bob.client.get_room(room.room_id()).unwrap();
    let late = bob_room
        .send(UnstablePollResponseEventContent::new(
            vec!["2".into()],
            start_id,
        ))
        .await
        .unwrap()
        .response
        .event_id;
    let refusal = alice
        .until("the refusal", |seen| {
            seen.iter()
                .find(|m| crate::people::replies(m, &late))
                .cloned()
        })
        .await;
    let json = raw(alice, room, &refusal.event_id).await;
    let content = &json["content"];
    assert_eq!(
        content["m.relates_to"]["m.in_reply_to"]["event_id"],
        late.as_str()
    );
    assert_eq!(
        content["m.mentions"]["user_ids"],
        serde_json::json!([bob.id.as_str()])
    );
    assert_eq!(content["msgtype"], "m.text", "it pings bob");
    let said = body(&refusal);
    assert!(said.contains("Poll #1 is closed"), "{said}");
    assert!(said.contains("`!poll results 1`"), "{said}");
    assert!(
        crate::people::html(&refusal).contains(&format!("https://matrix.to/#/{}", bob.id)),
        "bob's pill"
    );
}

/// Answers that ping nobody are notices; a notice (another bot's, say) is not a command.
async fn notices(room: &Room, alice: &mut Person) {
    let notice = room
        .send(RoomMessageEventContent::notice_plain("!group list"))
        .await
        .unwrap()
        .response
        .event_id;
    let asked = alice.say(room, "!group list").await;
    let answer = alice.replies_to(&asked, 1).await.remove(0);
    assert!(matches!(answer.content.msgtype, MessageType::Notice(_)));
    assert!(body(&answer).contains("big"), "{}", body(&answer));
    assert!(
        alice.replies_to(&notice, 0).await.is_empty(),
        "a notice is no command"
    );
}

/// In an Indonesian space the poll's fallback says what to type in Indonesian, with the
/// prefix.
async fn indonesian(room: &Room, alice: &mut Person, bot_id: &matrix_sdk::ruma::OwnedUserId) {
    let other = alice.create_room(&[bot_id], false).await;
    alice.wait_joined(&other, bot_id).await;
    let language = alice.say(&other, "!settings language id").await;
    let set = alice.replies_to(&language, 1).await;
    assert!(
        body(&set[0]).contains("Bahasa Indonesia"),
        "{}",
        body(&set[0])
    );
    alice
        .say(
            &other,
            "!polling buat Makan? | soto | bakso --pemilih publik",
        )
        .await;
    let start = alice
        .timeline_event(&other, "the Indonesian poll start", |e| {
            e["type"] == "org.matrix.msc3381.poll.start"
        })
        .await;
    let text = fallback(&start["content"]);
    assert!(text.contains("`!polling pilih 1 1`"), "{text}");
    assert_prefixed(&text);
    let _ = room;
}

/// The text of a poll start or end event for clients without polls.
fn fallback(content: &Value) -> String {
    content["org.matrix.msc1767.text"]
        .as_str()
        .or_else(|| content["body"].as_str())
        .or_else(|| content["m.text"][0]["body"].as_str())
        .unwrap_or_else(|| panic!("no fallback text: {content}"))
        .to_owned()
}

/// Every command shown in backticks starts with the prefix.
fn assert_prefixed(text: &str) {
    for (i, code) in text.split('`').enumerate() {
        let first = code.split_whitespace().next().unwrap_or_default();
        if i % 2 == 1 && kumpul_core::port::is_command(first) {
            panic!("`{code}` has no prefix: {text}");
        }
    }
}

/// The Matrix id of member `i` of the big group (no account: pings need none).
fn member(i: usize) -> String {
    format!("@fit_member{i:03}:localhost")
}
