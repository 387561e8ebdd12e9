#![recursion_limit = "256"]
//! Privacy on a real Synapse with real clients (issue #15): a room message is an event
//! everyone in the room can read, so secret votes and anonymous ideas travel by direct
//! message. A secret poll's room sees nothing between its card and its results; a secret
//! vote or an anonymous idea typed in the room is redacted, not carried out, and its sender
//! told by DM what to send; an anonymous idea sent by DM appears as kumpul's own message
//! with no trace of its author; only polls with public voters are native polls; and a DM
//! names its room when several could be meant.

mod people;
mod synapse;

use std::sync::Arc;

use kumpul_core::store::{Location, Store};
use matrix_sdk::room::Room;
use matrix_sdk::ruma::api::client::room::create_room::v3::Request as CreateRoom;
use matrix_sdk::ruma::events::reaction::ReactionEventContent;
use matrix_sdk::ruma::events::relation::Annotation;
use matrix_sdk::ruma::{Int, OwnedEventId, OwnedUserId, UserId};
use people::{Person, Seen, body, html, replies, start_kumpul_as};
use serde_json::Value;
use synapse::Synapse;
use tokio_util::sync::CancellationToken;

/// kumpul and a few people in one shared room (created by the first person).
struct Scene {
    bot: OwnedUserId,
    people: Vec<Person>,
    /// The shared room, as its creator (`people[0]`) sees it.
    room: Room,
    cancel: CancellationToken,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    _dir: tempfile::TempDir,
    _synapse: Arc<Synapse>,
}

impl Scene {
    /// `tag` keeps the user names of concurrent tests apart; `names` are the people
    /// (the first creates the room); `power` gives kumpul power level 50 there (enough to
    /// redact others' events in a default room).
    async fn start(tag: &str, names: &[&str], power: bool) -> Scene {
        let synapse = Synapse::acquire();
        let bot_name = format!("{tag}_kumpul");
        let bot =
            UserId::parse(synapse.register(&bot_name, people::PASSWORD, false).await).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
            .await
            .unwrap();
        let (_, cancel, task, _) =
            start_kumpul_as(&synapse, &store, dir.path(), &bot_name, None).await;
        let mut people = Vec::new();
        for name in names {
            people.push(Person::login(&synapse, &format!("{tag}_{name}")).await);
        }
        let mut invited: Vec<&OwnedUserId> = people[1..].iter().map(|p| &p.id).collect();
        invited.push(&bot);
        let room = people[0].create_room(&invited, false).await;
        for person in &people[1..] {
            person.client.join_room_by_id(room.room_id()).await.unwrap();
        }
        for member in invited {
            people[0].wait_joined(&room, member).await;
        }
        if power {
            room.update_power_levels(vec![(&bot, Int::from(50))])
                .await
                .unwrap();
        }
        Scene {
            bot,
            people,
            room,
            cancel,
            task,
            _dir: dir,
            _synapse: synapse,
        }
    }

    /// The shared room as person `i` sees it.
    fn room_of(&self, i: usize) -> Room {
        self.people[i].client.get_room(self.room.room_id()).unwrap()
    }

    async fn stop(self) {
        self.cancel.cancel();
        self.task.await.unwrap().unwrap();
    }
}

/// The first message from `sender` that person `who` received in a room other than
/// `not_in` whose body contains `needle`.
async fn elsewhere(who: &mut Person, sender: &UserId, not_in: &Room, needle: &str) -> Seen {
    let (sender, not_in) = (sender.to_owned(), not_in.room_id().to_owned());
    who.until(&format!("a message elsewhere saying {needle:?}"), |seen| {
        seen.iter()
            .find(|m| m.sender == sender && m.room != not_in && body(m).contains(needle))
            .cloned()
    })
    .await
}

fn event_id(event: &Value) -> &str {
    event["event_id"].as_str().unwrap_or_default()
}

fn sender(event: &Value) -> &str {
    event["sender"].as_str().unwrap_or_default()
}

/// Whether a timeline event redacts `target` (room v11+ puts `redacts` in the content).
fn redacts(event: &Value, target: &OwnedEventId) -> bool {
    event["type"] == "m.room.redaction"
        && (event["content"]["redacts"] == target.as_str() || event["redacts"] == target.as_str())
}

/// kumpul's events in the shared room after `after` (by timeline order), as JSON.
fn bot_events_after(person: &Person, room: &Room, bot: &UserId, after: &str) -> Vec<Value> {
    person
        .timeline_of(room)
        .into_iter()
        .skip_while(|e| event_id(e) != after)
        .skip(1)
        .filter(|e| sender(e) == bot.as_str())
        .collect()
}

/// (a) While several people vote by DM (one changing their vote), kumpul sends nothing
/// to the shared room — no message, no edit of the card — until the results.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_polls_room_sees_nothing_between_its_card_and_its_results() {
    let mut scene = Scene::start("silent", &["alice", "bob", "carol"], false).await;
    let bot = scene.bot.clone();
    let room = scene.room.clone();
    let create = scene.people[0]
        .say(
            &room,
            "!poll create Budget? | yes | no | later --voters secret",
        )
        .await;
    let card = scene.people[0].replies_to(&create, 1).await.remove(0);
    assert!(
        body(&card).contains("direct message"),
        "the card says how to vote: {}",
        body(&card)
    );

    let mut directs = Vec::new();
    for person in &scene.people {
        directs.push(person.direct_message(&bot).await);
    }
    // (who, choice, what the confirmation names); bob changes his vote at the end.
    for (who, choice, named) in [
        (1, "1", "yes"),
        (2, "2", "no"),
        (0, "2", "no"),
        (1, "3", "later"),
    ] {
        let person = &mut scene.people[who];
        let vote = person
            .say(&directs[who], &format!("!poll vote 1 {choice}"))
            .await;
        let ack = person.replies_to(&vote, 1).await.remove(0);
        assert_eq!(ack.room, directs[who].room_id(), "confirmed in the DM");
        assert!(
            body(&ack).contains(&format!("Your vote on poll #1 is saved: {named}")),
            "{}",
            body(&ack)
        );
    }

    let close = scene.people[0].say(&room, "!poll close 1").await;
    let results = body(&scene.people[0].replies_to(&close, 1).await[0]);
    assert!(results.contains("3 ballots"), "{results}");
    // The card's edit to its closed state comes from the same task that would have
    // edited it between votes, so once it is here, any such edit is here too.
    let card_id = card.event_id.to_string();
    let closed_edit = |e: &Value| {
        e["content"]["m.relates_to"]["rel_type"] == "m.replace"
            && e["content"]["m.relates_to"]["event_id"] == card_id.as_str()
            && e["content"]["m.new_content"]["body"]
                .as_str()
                .is_some_and(|b| b.contains("This poll is closed"))
    };
    scene.people[0]
        .timeline_event(&room, "the card's closed edit", closed_edit)
        .await;

    let close_id = close.to_string();
    let unexpected: Vec<Value> = bot_events_after(&scene.people[0], &room, &bot, &card_id)
        .into_iter()
        .filter(|e| {
            let answers_close =
                e["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] == close_id.as_str();
            !(answers_close || closed_edit(e))
        })
        .collect();
    assert!(
        unexpected.is_empty(),
        "kumpul sent to the room between the card and the results: {unexpected:#?}"
    );
    let timeline = scene.people[0].timeline_of(&room);
    let at = |id: &str| timeline.iter().position(|e| event_id(e) == id).unwrap();
    assert!(
        timeline[at(&card_id) + 1..at(&close_id)]
            .iter()
            .all(|e| sender(e) != bot.as_str()),
        "nothing from kumpul before the poll was closed"
    );
    scene.stop().await;
}

/// (b) A secret vote typed in the room is not counted and not echoed: without the power
/// level kumpul cannot redact it and says so by DM (a DM it opens itself); with it, the
/// vote is redacted. Each DM says exactly what to send there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_vote_typed_in_the_room_is_redacted_and_explained_by_dm() {
    let mut scene = Scene::start("typed", &["alice", "bob"], false).await;
    let bot = scene.bot.clone();
    let room = scene.room.clone();
    let bob_room = scene.room_of(1);
    let create = scene.people[0]
        .say(&room, "!poll create Budget? | yes | no --voters secret")
        .await;
    let card = scene.people[0].replies_to(&create, 1).await.remove(0);

    // Without the power level: not redacted, and the DM says so.
    let first = scene.people[1].say(&bob_room, "!poll vote 1 2").await;
    let told = elsewhere(&mut scene.people[1], &bot, &room, "was not counted").await;
    let told_text = body(&told);
    assert!(told_text.contains("cannot remove"), "{told_text}");
    assert!(
        told_text.contains("`!poll vote 1 2`"),
        "the DM says exactly what to send: {told_text}"
    );
    let direct = told.room.clone();

    // With it: redacted.
    room.update_power_levels(vec![(&bot, Int::from(50))])
        .await
        .unwrap();
    let second = scene.people[1].say(&bob_room, "!poll vote 1 1").await;
    let told = elsewhere(&mut scene.people[1], &bot, &room, "`!poll vote 1 1`").await;
    assert_eq!(told.room, direct, "the same DM is used again");
    assert!(
        body(&told).contains("removed your message"),
        "{}",
        body(&told)
    );
    scene.people[0]
        .timeline_event(&room, "the redaction of the typed vote", |e| {
            redacts(e, &second)
        })
        .await;

    // A later command's answer: whatever kumpul did about the votes is in by now.
    let marker = scene.people[0].say(&room, "!help").await;
    scene.people[0].replies_to(&marker, 1).await;
    let alice = &scene.people[0];
    assert!(
        !alice.timeline_of(&room).iter().any(|e| redacts(e, &first)),
        "no redaction without the power level"
    );
    for vote in [&first, &second] {
        assert!(
            !alice.seen.iter().any(|m| replies(m, vote)),
            "a typed secret vote is not answered in the room"
        );
    }
    let in_room: Vec<Value> = bot_events_after(alice, &room, &bot, card.event_id.as_str())
        .into_iter()
        .filter(|e| e["type"] == "m.room.message")
        .filter(|e| e["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] != marker.as_str())
        .collect();
    assert!(in_room.is_empty(), "kumpul said in the room: {in_room:#?}");

    // Neither typed vote counted.
    let close = scene.people[0].say(&room, "!poll close 1").await;
    let results = body(&scene.people[0].replies_to(&close, 1).await[0]);
    assert!(results.contains("0 ballots"), "{results}");
    scene.stop().await;
}

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

/// (d) Only a poll with public voters is a native poll (a response names its sender and
/// its choice); one with private voters is a text card.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_polls_with_public_voters_are_native_polls() {
    let mut scene = Scene::start("native", &["alice", "bob"], false).await;
    let room = scene.room.clone();
    let bot = scene.bot.clone();
    let start_of = |question: &'static str| {
        move |e: &Value| {
            e["type"] == "org.matrix.msc3381.poll.start"
                && e["content"]["org.matrix.msc3381.poll.start"]["question"]["org.matrix.msc1767.text"]
                    == question
        }
    };
    let private = scene.people[0]
        .say(&room, "!poll create Hidden? | a | b --voters private")
        .await;
    let card = scene.people[0].replies_to(&private, 1).await.remove(0);
    assert_eq!(card.sender, bot);
    assert!(body(&card).contains("Hidden?"), "{}", body(&card));
    let public = scene.people[0]
        .say(&room, "!poll create Shown? | a | b --voters public")
        .await;
    let native = scene.people[0]
        .timeline_event(&room, "the native poll", start_of("Shown?"))
        .await;
    assert_eq!(sender(&native), bot.as_str());
    assert!(
        !scene.people[0]
            .timeline_of(&room)
            .iter()
            .any(start_of("Hidden?")),
        "a poll with private voters is not a native poll"
    );
    // A later command's answer: a text card sent after the native poll is in by now.
    let marker = scene.people[0].say(&room, "!help").await;
    scene.people[0].replies_to(&marker, 1).await;
    assert!(
        scene.people[0].replies_to(&public, 0).await.is_empty(),
        "a native poll has no text card beside it"
    );
    scene.stop().await;
}

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
