//! RSVPs racing each other, edits and a cancellation, on every backend under its real
//! isolation level: places (guests included) never exceed the capacity, nobody waits for
//! a place they fit, a cancelled event takes no answer, and everyone whose answer was
//! confirmed hears of the cancellation.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinSet;

use super::model::Standing;
use super::repo::{self, Rsvp};
use crate::identity::Role;
use crate::reply::Tone;
use crate::store::Store;
use crate::testing::{Chat, each_backend};

/// Tasks answering side by side (the pool has 4 connections).
const TASKS: usize = 16;
/// The longest any phase may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(120);

/// The answers to event #1's next date (or only date), in queue order, cancelled or not.
async fn answers(chat: &Chat) -> Vec<Rsvp> {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    let event = repo::fetch_event_by_number(&mut conn, &chat.space.key(), 1)
        .await
        .unwrap()
        .unwrap();
    let occurrence = super::model::occurrences_from(&event, &[], chat.now_ms, 1)[0];
    repo::list_rsvps(&mut conn, event.id, occurrence.key)
        .await
        .unwrap()
}

/// Runs `each(person)` for `people` people over [`TASKS`] tasks; returns what each gave.
async fn in_parallel<T, F, Fut>(people: usize, each: F) -> Vec<T>
where
    T: Send + 'static,
    F: Fn(usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = T> + Send,
{
    let mut tasks = JoinSet::new();
    for task in 0..TASKS {
        let each = each.clone();
        tasks.spawn(async move {
            let mut out = Vec::new();
            for person in (task..people).step_by(TASKS) {
                out.push(each(person).await);
            }
            out
        });
    }
    let mut all = Vec::new();
    tokio::time::timeout(PATIENCE, async {
        while let Some(done) = tasks.join_next().await {
            all.extend(done.expect("an answering task"));
        }
    })
    .await
    .expect("every answer is given in time");
    all
}

/// The organiser's edits while people answer, each sent once that many have answered:
/// more places, the series moved to another weekday (its answers follow it), more places.
const EDITS: [(usize, &str); 3] = [
    (60, "event edit 1 --capacity 24"),
    (120, "event edit 1 --when \"every friday 19:00\""),
    (180, "event edit 1 --capacity 28"),
];

async fn last_places(store: Store) {
    const PEOPLE: usize = 240;
    let chat = Arc::new(Chat::new(store));
    let created = chat
        .say(
            "alice",
            "event create every thursday 19:00 Workshop --capacity 20",
        )
        .await;
    assert_eq!(created.tone, Tone::Success, "{}", created.plain_text());
    let next_edit = Arc::new(Notify::new());
    let answered = Arc::new(AtomicUsize::new(0));
    let organiser = {
        let (chat, next_edit) = (chat.clone(), next_edit.clone());
        tokio::spawn(async move {
            for (_, edit) in EDITS {
                tokio::time::timeout(PATIENCE, next_edit.notified())
                    .await
                    .expect("answers come in");
                let reply = chat.say("alice", edit).await;
                assert_eq!(reply.tone, Tone::Info, "{edit}: {}", reply.plain_text());
            }
        })
    };
    let each = {
        let (chat, next_edit, answered) = (chat.clone(), next_edit.clone(), answered.clone());
        move |i: usize| {
            let (chat, next_edit, answered) = (chat.clone(), next_edit.clone(), answered.clone());
            async move {
                let who = format!("p{i:03}");
                // Some bring guests; some change their mind (freeing places), some come
                // back with fewer guests.
                let mut lines = vec![format!("rsvp 1 going {}", i % 3)];
                if i.is_multiple_of(5) {
                    lines.push("rsvp 1 no".into());
                }
                if i.is_multiple_of(7) {
                    lines.push("rsvp 1 going".into());
                }
                for line in lines {
                    let reply = chat.say(&who, &line).await;
                    assert_eq!(reply.tone, Tone::Success, "{who}: {}", reply.plain_text());
                }
                let n = answered.fetch_add(1, Ordering::SeqCst) + 1;
                if EDITS.iter().any(|(after, _)| n == *after) {
                    next_edit.notify_one();
                }
            }
        }
    };
    in_parallel(PEOPLE, each).await;
    organiser.await.expect("the organiser's edits");
    let rsvps = answers(&chat).await;
    assert_eq!(
        rsvps.len(),
        PEOPLE,
        "every confirmed answer is on the date people see, none left on the old one"
    );
    let taken: i64 = super::card::taken(&rsvps);
    assert!(taken <= 28, "{taken} places taken of 28");
    let waiting: Vec<&Rsvp> = rsvps
        .iter()
        .filter(|r| r.answer == Standing::Waitlist)
        .collect();
    let first = waiting
        .iter()
        .min_by_key(|r| (r.queued_at, r.user_id.clone()))
        .expect("more people than places");
    assert!(
        taken + 1 + first.guests > 28,
        "{} waits for a place they fit ({taken} of 28 taken)",
        first.user_id
    );
    eprintln!(
        "RSVPs for the last places ({:?}): {taken} of 28 places taken, {} waiting",
        chat.bot.store().backend(),
        waiting.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_with_guests_for_the_last_places_never_exceed_the_capacity() {
    each_backend(last_places).await;
}

async fn racing_a_cancellation(store: Store) {
    const PEOPLE: usize = 600;
    const CANCEL_AFTER: usize = 200;
    let chat = Arc::new(Chat::new(store));
    chat.say("alice", "event create tomorrow 19:00 Picnic")
        .await;
    let confirmed = Arc::new(AtomicUsize::new(0));
    let reached = Arc::new(Notify::new());
    let canceller = {
        let (chat, reached) = (chat.clone(), reached.clone());
        tokio::spawn(async move {
            tokio::time::timeout(PATIENCE, reached.notified())
                .await
                .expect("answers come in");
            chat.say_as("mod", Role::Moderator, "event cancel 1").await
        })
    };
    let each = {
        let (chat, confirmed, reached) = (chat.clone(), confirmed.clone(), reached.clone());
        move |i: usize| {
            let (chat, confirmed, reached) = (chat.clone(), confirmed.clone(), reached.clone());
            async move {
                let who = format!("p{i:03}");
                let reply = chat.say(&who, "rsvp 1 going").await;
                let text = reply.plain_text();
                if reply.tone == Tone::Error && text.contains("is cancelled") {
                    return None;
                }
                assert_eq!(reply.tone, Tone::Success, "{who}: {text}");
                if confirmed.fetch_add(1, Ordering::SeqCst) + 1 == CANCEL_AFTER {
                    reached.notify_one();
                }
                Some(who)
            }
        }
    };
    let outcomes = in_parallel(PEOPLE, each).await;
    let cancelled = canceller.await.expect("the cancellation");
    assert_eq!(cancelled.tone, Tone::Warning, "{}", cancelled.plain_text());
    let confirmed: BTreeSet<String> = outcomes.iter().flatten().cloned().collect();
    let refused = outcomes.iter().filter(|o| o.is_none()).count();
    assert!(refused > 0, "the cancellation raced the answers");
    let stored: BTreeSet<String> = answers(&chat)
        .await
        .into_iter()
        .map(|r| r.user_id.trim_start_matches("console:").to_owned())
        .collect();
    let differ = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> Vec<String> {
        a.symmetric_difference(b).cloned().collect()
    };
    assert_eq!(
        differ(&stored, &confirmed),
        Vec::<String>::new(),
        "stored answers = confirmed answers ({} stored, {} confirmed)",
        stored.len(),
        confirmed.len()
    );
    let told: BTreeSet<String> = cancelled
        .mentions
        .users
        .iter()
        .map(|u| u.id.clone())
        .collect();
    assert_eq!(
        differ(&told, &confirmed),
        Vec::<String>::new(),
        "everyone confirmed hears of the cancellation ({} told, {} confirmed)",
        told.len(),
        confirmed.len()
    );
    eprintln!(
        "RSVPs racing a cancellation ({:?}): {} confirmed and told, {refused} refused",
        chat.bot.store().backend(),
        confirmed.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_racing_a_cancellation_are_confirmed_and_told_or_refused() {
    each_backend(racing_a_cancellation).await;
}
