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

#[path = "privacy/ideas.rs"]
mod ideas;
#[path = "privacy/polls.rs"]
mod polls;
#[path = "privacy/reminders.rs"]
mod reminders;
#[path = "privacy/rooms.rs"]
mod rooms;

use std::sync::Arc;

use kumpul_core::store::{Location, Store};
use matrix_sdk::room::Room;
use matrix_sdk::ruma::{Int, OwnedEventId, OwnedUserId, UserId};
use people::{Person, Seen, body, start_kumpul_as};
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
    /// kumpul's database and notifier, for running its scheduler in a test.
    store: Store,
    notifier: Arc<kumpul_matrix::MatrixNotifier>,
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
        let (_, cancel, task, notifier) =
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
            store,
            notifier,
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
