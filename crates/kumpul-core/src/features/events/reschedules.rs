//! Every command that reschedules work, and exactly the pending jobs it leaves behind
//! (kind and due time, so the count too), on every backend. A reschedule cancels the
//! pending jobs and schedules the current ones again under the same idempotency keys;
//! these tests are why a cancelled job must never block its own replacement.

use crate::features::{events, polls, reminders};
use crate::identity::Role;
use crate::reply::{Reply, Tone};
use crate::scheduler::repo as jobs_repo;
use crate::testing::{Chat, each_backend};
use crate::time::clock::Clock;

const REMINDER: &str = events::REMINDER_JOB.code();

fn ms(instant: &str) -> i64 {
    instant.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

/// Every pending job as (kind, due time), soonest first; the series' card rolls are
/// checked in `rolls.rs`.
async fn pending(chat: &Chat) -> Vec<(String, i64)> {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    jobs_repo::list_pending(&mut conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|(kind, _, _)| kind != events::roll::ROLL_JOB.code())
        .map(|(kind, due_at, _)| (kind, due_at))
        .collect()
}

/// The expected pending jobs: `kind` due at each instant.
fn due(kind: &str, instants: &[&str]) -> Vec<(String, i64)> {
    instants.iter().map(|i| (kind.to_owned(), ms(i))).collect()
}

/// Says `text` and checks it was done (not refused).
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
async fn editing_an_event_without_moving_it_keeps_exactly_its_reminders() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2027-01-15T08:00:00Z");
        done(&chat, "event create 2027-01-20 19:00 Picnic").await;
        let reminders = due(REMINDER, &["2027-01-19T19:00:00Z", "2027-01-20T18:00:00Z"]);
        assert_eq!(pending(&chat).await, reminders, "a day and an hour before");
        for edit in [
            "event edit 1 --title Feast",
            "event edit 1 --where \"Taman Suropati\"",
            "event edit 1 --capacity 12",
            "event edit 1 --when \"2027-01-20 19:00\"",
            "event edit 1 --title Picnic --where none --capacity 30",
        ] {
            done(&chat, edit).await;
            assert_eq!(pending(&chat).await, reminders, "after {edit}");
        }
    })
    .await;
}

#[tokio::test]
async fn moving_an_event_or_changing_its_reminder_times_replaces_its_reminders() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2027-01-15T08:00:00Z");
        done(&chat, "event create 2027-01-20 19:00 Picnic").await;
        done(&chat, "event edit 1 --when \"2027-01-22 10:00\"").await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2027-01-21T10:00:00Z", "2027-01-22T09:00:00Z"])
        );
        done(&chat, "event edit 1 --remind 2h").await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2027-01-22T08:00:00Z"])
        );
        done(&chat, "event edit 1 --remind \"1d, 30m\"").await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2027-01-21T10:00:00Z", "2027-01-22T09:30:00Z"])
        );
        // Back to a time it had before: the cancelled reminders come back.
        done(
            &chat,
            "event edit 1 --when \"2027-01-20 19:00\" --remind \"1d, 1h\"",
        )
        .await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2027-01-19T19:00:00Z", "2027-01-20T18:00:00Z"])
        );
        done(&chat, "event edit 1 --remind none").await;
        assert_eq!(pending(&chat).await, []);
        done(&chat, "event edit 1 --remind 1h").await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2027-01-20T18:00:00Z"])
        );
        done(&chat, "event cancel 1").await;
        assert_eq!(pending(&chat).await, [], "a cancelled event reminds nobody");
    })
    .await;
}

#[tokio::test]
async fn a_reminder_already_sent_is_not_sent_again_after_an_edit() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2027-01-15T08:00:00Z");
        let (clock, platform, scheduler) = crate::testing::scheduled(&chat);
        done(&chat, "event create 2027-01-20 19:00 Picnic").await;
        chat.say("bob", "rsvp 1 going").await;
        clock.advance(ms("2027-01-19T19:00:00Z") - clock.now_ms());
        assert_eq!(scheduler.run_due().await.unwrap(), 1, "the day-before one");
        chat.now_ms = clock.now_ms();
        done(&chat, "event edit 1 --title Feast").await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2027-01-20T18:00:00Z"]),
            "only the hour-before one is left"
        );
        clock.advance(ms("2027-01-20T18:00:00Z") - clock.now_ms());
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        let shown: Vec<String> = platform
            .shown()
            .iter()
            .map(|d| d.reply.plain_text())
            .collect();
        assert_eq!(shown.len(), 2, "{shown:#?}");
        assert!(shown[1].contains("Feast starts in 1 hour"), "{shown:#?}");
        assert_eq!(platform.calls().len(), 2, "each handed over once");
    })
    .await;
}

#[tokio::test]
async fn editing_and_cancelling_dates_of_a_series_leaves_the_next_dates_reminders() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        // A Monday; the choir sings on Thursdays at 19:00 (UTC, the test space's zone).
        chat.now_ms = ms("2026-10-19T12:00:00Z");
        done(&chat, "event create every thursday 19:00 Choir").await;
        let first = due(REMINDER, &["2026-10-21T19:00:00Z", "2026-10-22T18:00:00Z"]);
        assert_eq!(pending(&chat).await, first, "only the first date's");
        done(&chat, "event edit 1 --title Chorus --capacity 40").await;
        assert_eq!(
            pending(&chat).await,
            first,
            "a series edit that moves nothing"
        );

        done(
            &chat,
            "event edit 1 --when \"2026-10-23 20:00\" --only-next",
        )
        .await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2026-10-22T20:00:00Z", "2026-10-23T19:00:00Z"]),
            "the next date moved on its own"
        );
        done(
            &chat,
            "event edit 1 --when \"2026-10-22 19:00\" --only-next",
        )
        .await;
        assert_eq!(pending(&chat).await, first, "and moved back");

        done(&chat, "event cancel 1 --only-next").await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2026-10-28T19:00:00Z", "2026-10-29T18:00:00Z"]),
            "the date after the cancelled one"
        );
        done(&chat, "event edit 1 --remind 3h").await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2026-10-29T16:00:00Z"]),
            "the cancelled date stays cancelled"
        );
        done(&chat, "event edit 1 --when \"every friday 18:00\"").await;
        assert_eq!(
            pending(&chat).await,
            due(REMINDER, &["2026-10-23T15:00:00Z"]),
            "a new rule: new dates, no old exceptions"
        );
        done(&chat, "event cancel 1").await;
        assert_eq!(pending(&chat).await, []);
    })
    .await;
}

#[tokio::test]
async fn cancelling_a_reminder_or_closing_a_poll_leaves_only_the_other_jobs() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2027-01-15T08:00:00Z");
        done(&chat, "remind me in 2 hours stretch").await;
        done(&chat, "remind me every day at 09:00 water the plants").await;
        done(
            &chat,
            "poll create Lunch? | soto | bakso --closes in 3 hours",
        )
        .await;
        let reminder = reminders::JOB_KIND.code();
        let poll = polls::JOB_KIND.code();
        let all = vec![
            (reminder.to_owned(), ms("2027-01-15T09:00:00Z")),
            (reminder.to_owned(), ms("2027-01-15T10:00:00Z")),
            (poll.to_owned(), ms("2027-01-15T11:00:00Z")),
        ];
        assert_eq!(pending(&chat).await, all);
        done(&chat, "remind cancel 1").await;
        assert_eq!(pending(&chat).await, [all[0].clone(), all[2].clone()]);
        done(&chat, "poll close 1").await;
        assert_eq!(pending(&chat).await, [all[0].clone()]);
        done(&chat, "remind cancel 2").await;
        assert_eq!(pending(&chat).await, []);
    })
    .await;
}
