//! The limits through the bot: what people are told, that nothing is stored beyond a
//! limit, and that simultaneous creates — on every backend — never pass one.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;

use crate::bot::Bot;
use crate::i18n::Locale;
use crate::identity::{Platform, Role, SpaceId};
use crate::limits::Limits;
use crate::reply::{Reply, Tone};
use crate::store::Store;
use crate::testing::{Chat, each_backend};

/// A chat whose bot has `limits` (and the other test settings).
fn chat_with(store: Store, limits: Limits) -> Chat {
    let mut config = crate::testing::config();
    config.limits = limits;
    Chat {
        bot: Bot::new(store.clone(), config).expect("building a test bot"),
        ..Chat::new(store)
    }
}

fn small() -> Limits {
    Limits {
        reminders_per_person: 3,
        reminders_per_space: 5,
        events_per_person: 2,
        events_per_space: 3,
        ..Limits::default()
    }
}

async fn count(store: &Store, sql: &str) -> i64 {
    let mut conn = store.pool().acquire().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(&mut *conn)
        .await
        .unwrap()
}

async fn pending_reminders(store: &Store) -> i64 {
    count(
        store,
        "SELECT COUNT(*) FROM reminders WHERE status = 'active'",
    )
    .await
}

fn assert_refused(reply: &Reply, expected: &[&str]) {
    let text = reply.plain_text();
    assert_eq!(reply.tone, Tone::Error, "{text}");
    for part in expected {
        assert!(text.contains(part), "{part:?} in {text}");
    }
}

#[tokio::test]
async fn a_person_at_the_reminder_limit_is_told_the_limit_and_how_to_cancel_one() {
    each_backend(|store| async move {
        let chat = chat_with(store.clone(), small());
        for i in 0..3 {
            let set = chat
                .say("alice", &format!("remind me in 1 hour tea {i}"))
                .await;
            assert_eq!(set.tone, Tone::Success, "{}", set.plain_text());
        }
        let refused = chat.say("alice", "remind me in 1 hour one more").await;
        assert_refused(
            &refused,
            &[
                "You have 3 pending reminders, the most one person can have here",
                "`remind cancel <number>`",
                "`remind list`",
            ],
        );
        assert_eq!(pending_reminders(&store).await, 3, "nothing more is stored");
        // Someone else still has room, and a cancelled reminder frees a place.
        let bob = chat.say("bob", "remind me in 1 hour stretch").await;
        assert_eq!(bob.tone, Tone::Success, "{}", bob.plain_text());
        chat.say("alice", "remind cancel 1").await;
        let again = chat.say("alice", "remind me in 1 hour one more").await;
        assert_eq!(again.tone, Tone::Success, "{}", again.plain_text());
    })
    .await;
}

#[tokio::test]
async fn the_space_limit_counts_everyones_reminders_and_group_reminders_too() {
    each_backend(|store| async move {
        let chat = chat_with(store.clone(), small());
        chat.say("alice", "group create club").await;
        chat.say("bob", "group join club").await;
        for who in ["alice", "bob"] {
            chat.say(who, "remind me in 1 hour tea").await;
            chat.say(who, "remind group club in 1 hour snacks").await;
        }
        chat.say("carol", "remind me in 1 hour tea").await;
        let refused = chat.say("dave", "remind me in 1 hour tea").await;
        assert_refused(
            &refused,
            &["This space has 5 pending reminders, the most it can have"],
        );
        assert_eq!(pending_reminders(&store).await, 5);
    })
    .await;
}

#[tokio::test]
async fn the_reminder_limit_is_explained_in_indonesian() {
    each_backend(|store| async move {
        let chat = chat_with(store, small());
        let budi = |text: &'static str| {
            let invocation = chat.invocation("budi", Role::Member, Some(Locale::Id));
            let bot = chat.bot.clone();
            async move { bot.handle_text(&invocation, text).await }
        };
        for _ in 0..3 {
            budi("remind me besok jam 19.00 minum obat").await;
        }
        let refused = budi("remind me besok jam 20.00 minum obat").await;
        assert_refused(
            &refused,
            &[
                "Kamu sudah punya 3 pengingat yang menunggu",
                "`ingatkan batal <nomor>` (ketik `ingatkan daftar`",
            ],
        );
    })
    .await;
}

#[tokio::test]
async fn a_person_at_the_event_limit_is_refused_and_past_events_do_not_count() {
    each_backend(|store| async move {
        let mut chat = chat_with(store.clone(), small());
        let first = chat.say("alice", "event create in 2 hours Tea").await;
        assert_eq!(first.tone, Tone::Success, "{}", first.plain_text());
        chat.say("alice", "event create every monday 19:00 Choir")
            .await;
        let refused = chat.say("alice", "event create tomorrow 19:00 Games").await;
        assert_refused(
            &refused,
            &[
                "You have 2 upcoming events, the most one person can have here",
                "`event cancel <number>`",
            ],
        );
        // Once the tea is over, it no longer counts; the weekly choir always does.
        chat.now_ms += 4 * 3_600_000;
        let later = chat.say("alice", "event create tomorrow 19:00 Games").await;
        assert_eq!(later.tone, Tone::Success, "{}", later.plain_text());
        let events = count(&store, "SELECT COUNT(*) FROM events").await;
        assert_eq!(events, 3);
        let space = chat.say("bob", "event create tomorrow 20:00 Quiz").await;
        assert_eq!(space.tone, Tone::Success, "{}", space.plain_text());
        let full = chat
            .say("carol", "event create tomorrow 21:00 Karaoke")
            .await;
        assert_refused(&full, &["This space has 3 upcoming events"]);
    })
    .await;
}

#[tokio::test]
async fn an_event_that_was_over_and_is_moved_ahead_counts_again() {
    each_backend(|store| async move {
        let mut chat = chat_with(store.clone(), small());
        for title in ["Tea", "Cake"] {
            let made = chat
                .say(
                    "alice",
                    &format!("event create in 1 hour {title} --duration 30m"),
                )
                .await;
            assert_eq!(made.tone, Tone::Success, "{}", made.plain_text());
        }
        // Both are over; two new ones fill alice's limit of two again.
        chat.now_ms += 3 * 3_600_000;
        for title in ["Games", "Quiz"] {
            let made = chat
                .say("alice", &format!("event create tomorrow 19:00 {title}"))
                .await;
            assert_eq!(made.tone, Tone::Success, "{}", made.plain_text());
        }
        // Moving an old one ahead would make three upcoming: refused, nothing changed.
        let moved = chat
            .say("alice", "event edit 1 --when \"next friday 19:00\"")
            .await;
        assert_refused(&moved, &["You have 2 upcoming events"]);
        let ahead = format!(
            "SELECT COUNT(*) FROM events WHERE starts_at > {}",
            chat.now_ms
        );
        assert_eq!(count(&store, &ahead).await, 2, "event #1 did not move");
        // A change that keeps it over is not a new event: allowed.
        let renamed = chat.say("alice", "event edit 1 --title \"Old tea\"").await;
        assert_ne!(renamed.tone, Tone::Error, "{}", renamed.plain_text());
    })
    .await;
}

#[tokio::test]
async fn a_series_with_an_end_stops_counting_after_its_last_date() {
    each_backend(|store| async move {
        let mut chat = chat_with(store.clone(), small());
        let series = chat
            .say("alice", "event create every day 19:00 3 times Course")
            .await;
        assert_eq!(series.tone, Tone::Success, "{}", series.plain_text());
        chat.say("alice", "event create every monday 19:00 Choir")
            .await;
        let refused = chat.say("alice", "event create tomorrow 19:00 Games").await;
        assert_refused(&refused, &["You have 2 upcoming events"]);
        // Four days on, the course's three dates are over: it no longer counts.
        chat.now_ms += 4 * 86_400_000;
        let later = chat.say("alice", "event create tomorrow 19:00 Games").await;
        assert_eq!(later.tone, Tone::Success, "{}", later.plain_text());
    })
    .await;
}

#[tokio::test]
async fn a_reminder_repeating_more_often_than_allowed_is_refused() {
    each_backend(|store| async move {
        let limits = Limits {
            repeat_min_interval: Duration::from_secs(2 * 86_400),
            ..Limits::default()
        };
        let chat = chat_with(store.clone(), limits);
        let refused = chat.say("alice", "remind me every day 09:00 water").await;
        assert_refused(
            &refused,
            &["at most once every 2880 minutes", "every day 09:00"],
        );
        let weekly = chat
            .say("alice", "remind me every monday 09:00 water")
            .await;
        assert_eq!(weekly.tone, Tone::Success, "{}", weekly.plain_text());
        assert_eq!(pending_reminders(&store).await, 1);
    })
    .await;
}

/// Races run in this many fresh spaces: the window a missing lock leaves open is short,
/// and one round alone slips through it only now and then.
const ROUNDS: usize = 8;

/// `chat` in its own space for round `round`.
fn in_space(chat: Chat, round: usize) -> Chat {
    Chat {
        space: SpaceId::new(Platform::Console, format!("race-{round}")),
        ..chat
    }
}

/// How many of `people` × `each` simultaneous `command`s succeed.
async fn race(chat: Arc<Chat>, people: usize, each: usize, command: &'static str) -> usize {
    let mut tasks = JoinSet::new();
    for person in 0..people {
        for i in 0..each {
            let chat = chat.clone();
            tasks.spawn(async move {
                let who = format!("p{person}");
                let reply = chat.say(&who, &format!("{command} {i}")).await;
                assert!(
                    matches!(reply.tone, Tone::Success | Tone::Error),
                    "{}",
                    reply.plain_text()
                );
                reply.tone == Tone::Success
            });
        }
    }
    let mut created = 0;
    tokio::time::timeout(Duration::from_secs(120), async {
        while let Some(done) = tasks.join_next().await {
            created += usize::from(done.expect("a creating task"));
        }
    })
    .await
    .expect("every create is answered in time");
    created
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_reminders_never_pass_the_person_or_space_limit() {
    each_backend(|store| async move {
        let limits = Limits {
            reminders_per_person: 4,
            reminders_per_space: 10,
            ..Limits::default()
        };
        for round in 0..ROUNDS {
            let chat = Arc::new(in_space(chat_with(store.clone(), limits), round));
            // One person, 12 at once: exactly 4.
            assert_eq!(race(chat.clone(), 1, 12, "remind me in 1 hour tea").await, 4);
            // Then 6 people, 3 each, at once: the space fills to exactly 10.
            let more = race(chat.clone(), 6, 3, "remind me in 2 hours tea").await;
            assert_eq!(more, 6, "round {round}: the space had room for 6 more");
        }
        assert_eq!(pending_reminders(&store).await, 10 * ROUNDS as i64);
        let per_person: Vec<i64> = {
            let mut conn = store.pool().acquire().await.unwrap();
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM reminders WHERE status = 'active' GROUP BY space_id, creator_id",
            )
            .fetch_all(&mut *conn)
            .await
            .unwrap()
        };
        assert!(per_person.iter().all(|&n| n <= 4), "{per_person:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn simultaneous_events_never_pass_the_person_or_space_limit() {
    each_backend(|store| async move {
        let limits = Limits {
            events_per_person: 3,
            events_per_space: 7,
            ..Limits::default()
        };
        for round in 0..ROUNDS {
            let chat = Arc::new(in_space(chat_with(store.clone(), limits), round));
            let tea = race(chat.clone(), 1, 8, "event create tomorrow 19:00 Tea").await;
            assert_eq!(tea, 3, "round {round}");
            let more = race(chat.clone(), 4, 3, "event create tomorrow 20:00 Games").await;
            assert_eq!(more, 4, "round {round}");
        }
        let events = count(&store, "SELECT COUNT(*) FROM events").await;
        assert_eq!(events, 7 * ROUNDS as i64);
    })
    .await;
}
