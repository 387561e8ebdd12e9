//! Series roll forward: when an occurrence ends, the card moves on to the next date
//! through a stored job that runs once per occurrence, across restarts, on every backend.

use std::sync::Arc;

use super::roll::ROLL_JOB;
use crate::identity::Role;
use crate::reply::{Anchor, Reply, Tone};
use crate::scheduler::{Scheduler, SchedulerConfig, repo as jobs_repo};
use crate::testing::{Chat, FakePlatform, each_backend};
use crate::time::clock::{Clock, ManualClock};
use crate::vocab::AnchorKind;

fn ms(instant: &str) -> i64 {
    instant.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

/// The due times of the pending roll jobs, soonest first.
async fn rolls(chat: &Chat) -> Vec<i64> {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    jobs_repo::list_pending(&mut conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|(kind, _, _)| kind == ROLL_JOB.code())
        .map(|(_, due_at, _)| due_at)
        .collect()
}

/// A scheduler of a bot started afresh on the chat's database (a restart: nothing kept in
/// memory), on `clock`.
fn restarted(chat: &Chat, clock: &Arc<ManualClock>) -> (crate::bot::Bot, Scheduler) {
    let bot = crate::testing::bot(chat.bot.store().clone());
    let scheduler = Scheduler::new(
        bot.clone(),
        Arc::new(FakePlatform::default()),
        clock.clone(),
        SchedulerConfig::default(),
    );
    (bot, scheduler)
}

async fn done(chat: &Chat, text: &str) -> Reply {
    let reply = chat.say_as("alice", Role::Moderator, text).await;
    assert!(
        matches!(reply.tone, Tone::Success | Tone::Info | Tone::Warning),
        "{text}: {}",
        reply.plain_text()
    );
    reply
}

#[tokio::test]
async fn a_series_moves_to_its_next_date_once_an_occurrence_ends_even_across_a_restart() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        // A Monday; the choir sings on Thursdays 19:00–21:00 (UTC, the test space's zone).
        chat.now_ms = ms("2026-10-19T12:00:00Z");
        done(
            &chat,
            "event create every thursday 19:00 Choir --remind none",
        )
        .await;
        assert_eq!(
            rolls(&chat).await,
            [ms("2026-10-22T21:00:00Z")],
            "at its end"
        );

        // The bot is down from before the end until a minute after it.
        let clock = Arc::new(ManualClock::starting_at(ms("2026-10-22T21:01:00Z")));
        let (bot, scheduler) = restarted(&chat, &clock);
        scheduler.start().await.unwrap();
        assert_eq!(scheduler.run_due().await.unwrap(), 1, "the roll runs");
        let anchor = Anchor {
            kind: AnchorKind::Event,
            id: event_id(&chat).await,
        };
        assert_eq!(bot.live().dirty(), [anchor], "the card is shown again");
        assert_eq!(
            rolls(&chat).await,
            [ms("2026-10-29T21:00:00Z")],
            "the next date's roll"
        );
        assert_eq!(scheduler.run_due().await.unwrap(), 0, "once");

        // Another restart before the next end runs nothing again.
        let (again, scheduler) = restarted(&chat, &clock);
        scheduler.start().await.unwrap();
        assert_eq!(scheduler.run_due().await.unwrap(), 0);
        assert!(again.live().dirty().is_empty());

        chat.now_ms = clock.now_ms();
        let info = chat.say("bob", "event info 1").await.plain_text();
        assert!(info.contains("Thu 29 Oct 2026, 19:00 UTC"), "{info}");
        let list = chat.say("bob", "event list").await.plain_text();
        assert!(list.contains("Thu 29 Oct 2026, 19:00 UTC"), "{list}");
    })
    .await;
}

async fn event_id(chat: &Chat) -> i64 {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    super::repo::fetch_event_by_number(&mut conn, &chat.space.key(), 1)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_series_missed_for_weeks_rolls_straight_to_the_coming_date() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2026-10-19T12:00:00Z");
        done(
            &chat,
            "event create every thursday 19:00 Choir --remind none",
        )
        .await;
        // Three weeks later, long past the scheduler's grace: recorded as missed, and the
        // card still moves on, to the date still ahead rather than each one in between.
        let clock = Arc::new(ManualClock::starting_at(ms("2026-11-09T08:00:00Z")));
        let (bot, scheduler) = restarted(&chat, &clock);
        assert_eq!(scheduler.start().await.unwrap().missed, 1);
        assert_eq!(bot.live().dirty().len(), 1);
        assert_eq!(scheduler.run_due().await.unwrap(), 0);
        assert_eq!(rolls(&chat).await, [ms("2026-11-12T21:00:00Z")]);
    })
    .await;
}

#[tokio::test]
async fn a_roll_skips_a_cancelled_date_and_stops_with_the_series() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2026-10-19T12:00:00Z");
        done(&chat, "event create 2026-10-24 10:00 Picnic").await;
        assert_eq!(
            rolls(&chat).await,
            Vec::<i64>::new(),
            "a single event has nothing to roll to"
        );
        done(
            &chat,
            "event create every thursday 19:00 Choir --duration 90m",
        )
        .await;
        assert_eq!(rolls(&chat).await, [ms("2026-10-22T20:30:00Z")]);
        done(&chat, "event cancel 2 --only-next").await;
        assert_eq!(
            rolls(&chat).await,
            [ms("2026-10-29T20:30:00Z")],
            "the card shows the date after the cancelled one"
        );
        done(&chat, "event edit 2 --when \"every friday 18:00\"").await;
        assert_eq!(
            rolls(&chat).await,
            [ms("2026-10-23T19:30:00Z")],
            "a new rule"
        );
        done(&chat, "event cancel 2").await;
        assert_eq!(
            rolls(&chat).await,
            Vec::<i64>::new(),
            "a cancelled series stays where it is"
        );
    })
    .await;
}
