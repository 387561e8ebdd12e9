//! One ping budget per group, across every path that pings its members: `group ping`,
//! `remind group` when it fires, `event create --group`, `thread start --ping` and `poll
//! nudge` of a group's poll. The test settings have a 5-minute cooldown.

use crate::notify::Delivery;
use crate::reply::{Reply, Tone};
use crate::store::Store;
use crate::testing::{Behaviour, Chat, each_backend, scheduled, user};
use crate::time::clock::Clock;

const MINUTE: i64 = 60_000;

/// alice, bob and carol in `club`.
async fn club(store: Store) -> Chat {
    let chat = Chat::new(store);
    chat.say("alice", "group create club").await;
    chat.say("bob", "group join club").await;
    chat.say("carol", "group join club").await;
    chat
}

fn text(reply: &Reply) -> String {
    reply.plain_text()
}

fn pinged(delivery: &Delivery) -> bool {
    !delivery.reply.mentions.users.is_empty()
}

#[tokio::test]
async fn a_group_reminder_firing_just_after_a_group_ping_is_posted_without_pinging() {
    each_backend(|store| async move {
        let mut chat = club(store).await;
        let (clock, platform, scheduler) = scheduled(&chat);
        let set = chat
            .say("alice", "remind group club in 2 minutes bring snacks")
            .await;
        assert_eq!(set.tone, Tone::Success, "{}", text(&set));
        let ping = chat.say("bob", "group ping club who is coming?").await;
        assert_eq!(ping.tone, Tone::Ping, "{}", text(&ping));
        clock.advance(2 * MINUTE);
        chat.now_ms = clock.now_ms();
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        let shown = platform.shown();
        let posted = &shown[0].reply;
        assert!(posted.mentions.is_empty(), "{:?}", posted.mentions);
        let posted = posted.plain_text();
        assert!(posted.contains("bring snacks"), "{posted}");
        assert!(
            posted.contains("Members of club were not pinged")
                && posted.contains("less than 5 minutes ago")
                && posted.contains("again in 3 minutes"),
            "{posted}"
        );
    })
    .await;
}

#[tokio::test]
async fn thirty_group_reminders_due_in_the_same_minute_ping_the_group_once() {
    each_backend(|store| async move {
        let mut chat = club(store).await;
        let (clock, platform, scheduler) = scheduled(&chat);
        for i in 0..30 {
            let set = chat
                .say("alice", &format!("remind group club in 1 minute snack {i}"))
                .await;
            assert_eq!(set.tone, Tone::Success, "{}", text(&set));
        }
        clock.advance(MINUTE);
        chat.now_ms = clock.now_ms();
        let mut ran = 0;
        for _ in 0..5 {
            ran += scheduler.run_due().await.unwrap();
        }
        assert_eq!(ran, 30);
        let shown = platform.shown();
        assert_eq!(shown.len(), 30, "every reminder is still posted");
        assert_eq!(shown.iter().filter(|d| pinged(d)).count(), 1);
        // And a command after them waits too.
        let ping = chat.say("bob", "group ping club hello").await;
        assert_eq!(ping.tone, Tone::Error, "{}", text(&ping));
    })
    .await;
}

#[tokio::test]
async fn a_group_reminder_whose_delivery_failed_still_pings_when_retried() {
    each_backend(|store| async move {
        let mut chat = club(store).await;
        let (clock, platform, scheduler) = scheduled(&chat);
        chat.say("alice", "remind group club in 1 minute bring snacks")
            .await;
        clock.advance(MINUTE);
        chat.now_ms = clock.now_ms();
        platform.set(Behaviour::FailTemporarily);
        scheduler.run_due().await.unwrap();
        assert!(platform.shown().is_empty());
        platform.set(Behaviour::Accept);
        // The retry comes 5 s later, well inside the cooldown its own first try started.
        clock.advance(10_000);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        let shown = platform.shown();
        assert!(pinged(&shown[0]), "{}", shown[0].reply.plain_text());
        // Nobody else got a ping out of it.
        chat.now_ms = clock.now_ms();
        let ping = chat.say("bob", "group ping club hello").await;
        assert_eq!(ping.tone, Tone::Error, "{}", text(&ping));
    })
    .await;
}

#[tokio::test]
async fn an_event_for_a_group_just_pinged_is_created_without_pinging_and_says_so() {
    each_backend(|store| async move {
        let chat = club(store).await;
        chat.say("bob", "group ping club picnic?").await;
        let created = chat
            .say("alice", "event create tomorrow 19:00 Picnic --group club")
            .await;
        assert_eq!(created.tone, Tone::Success, "{}", text(&created));
        assert!(created.mentions.is_empty(), "{:?}", created.mentions);
        assert!(
            text(&created).contains("Members of club were not pinged"),
            "{}",
            text(&created)
        );
        let list = chat.say("alice", "event list").await;
        assert!(text(&list).contains("Picnic"), "{}", text(&list));
    })
    .await;
}

#[tokio::test]
async fn an_event_for_a_group_spends_its_ping_so_a_group_ping_right_after_waits() {
    each_backend(|store| async move {
        let chat = club(store).await;
        let created = chat
            .say("alice", "event create tomorrow 19:00 Picnic --group club")
            .await;
        assert_eq!(created.mentions.users, [user("bob"), user("carol")]);
        let ping = chat.say("bob", "group ping club see you there").await;
        assert_eq!(ping.tone, Tone::Error, "{}", text(&ping));
        assert!(
            text(&ping).contains("You can ping it again in 5 minutes"),
            "{}",
            text(&ping)
        );
        let second = chat
            .say(
                "alice",
                "event create friday 19:00 Board games --group club",
            )
            .await;
        assert_eq!(second.tone, Tone::Success, "{}", text(&second));
        assert!(second.mentions.is_empty(), "{:?}", second.mentions);
    })
    .await;
}

#[tokio::test]
async fn a_thread_with_ping_for_a_group_just_pinged_opens_without_pinging() {
    each_backend(|store| async move {
        let chat = club(store).await;
        chat.say("bob", "group ping club hello").await;
        let started = chat
            .say("alice", "thread start Trip plans --group club --ping")
            .await;
        assert_eq!(started.tone, Tone::Info, "{}", text(&started));
        assert!(started.mentions.is_empty(), "{:?}", started.mentions);
        assert!(!started.effects.is_empty(), "the thread is still opened");
        assert!(
            text(&started).contains("Members of club were not pinged"),
            "{}",
            text(&started)
        );
    })
    .await;
}

#[tokio::test]
async fn a_thread_with_ping_spends_the_budget_of_a_group_reminder_due_soon() {
    each_backend(|store| async move {
        let mut chat = club(store).await;
        let (clock, platform, scheduler) = scheduled(&chat);
        chat.say("alice", "remind group club in 1 minute bring snacks")
            .await;
        let started = chat
            .say("bob", "thread start Snacks --group club --ping")
            .await;
        assert_eq!(started.mentions.users, [user("alice"), user("carol")]);
        clock.advance(MINUTE);
        chat.now_ms = clock.now_ms();
        scheduler.run_due().await.unwrap();
        assert!(!pinged(&platform.shown()[0]));
    })
    .await;
}

#[tokio::test]
async fn after_the_cooldown_every_path_pings_again() {
    each_backend(|store| async move {
        let mut chat = club(store).await;
        chat.say("bob", "group ping club hello").await;
        chat.now_ms += 5 * MINUTE;
        let created = chat
            .say("alice", "event create tomorrow 19:00 Picnic --group club")
            .await;
        assert_eq!(created.mentions.users, [user("bob"), user("carol")]);
        chat.now_ms += 5 * MINUTE;
        let started = chat
            .say("alice", "thread start Trip --group club --ping")
            .await;
        assert_eq!(started.mentions.users, [user("bob"), user("carol")]);
    })
    .await;
}

#[tokio::test]
async fn event_reminders_still_reach_the_people_who_answered_inside_the_cooldown() {
    each_backend(|store| async move {
        let mut chat = club(store).await;
        let (clock, platform, scheduler) = scheduled(&chat);
        chat.say(
            "alice",
            "event create in 30 minutes Picnic --group club --remind 20m",
        )
        .await;
        let rsvp = chat.say("bob", "rsvp 1 going").await;
        assert_eq!(rsvp.tone, Tone::Success, "{}", text(&rsvp));
        // The event's reminder is due 10 minutes from now; the group is pinged at 8.
        clock.advance(8 * MINUTE);
        chat.now_ms = clock.now_ms();
        let ping = chat.say("carol", "group ping club bring a blanket").await;
        assert_eq!(ping.tone, Tone::Ping, "{}", text(&ping));
        clock.advance(2 * MINUTE);
        chat.now_ms = clock.now_ms();
        scheduler.run_due().await.unwrap();
        let reminders: Vec<_> = platform.shown();
        assert!(
            reminders
                .iter()
                .any(|d| d.reply.mentions.users.contains(&user("bob"))),
            "{:?}",
            reminders
                .iter()
                .map(|d| d.reply.plain_text())
                .collect::<Vec<_>>()
        );
    })
    .await;
}

#[tokio::test]
async fn a_poll_nudge_shares_the_groups_ping_budget_both_ways() {
    each_backend(|store| async move {
        let mut chat = club(store).await;
        chat.say(
            "alice",
            "poll create Pizza or pasta? | Pizza | Pasta --group club",
        )
        .await;
        chat.say(
            "alice",
            "poll create Saturday or Sunday? | Sat | Sun --group club",
        )
        .await;
        // A nudge pings the members who have not voted: it takes the group's ping.
        let nudge = chat.say("alice", "poll nudge 1").await;
        assert_eq!(nudge.tone, Tone::Ping, "{}", text(&nudge));
        let ping = chat.say("bob", "group ping club who is coming?").await;
        assert_eq!(ping.tone, Tone::Error, "{}", text(&ping));
        assert!(
            text(&ping).contains("was pinged recently"),
            "{}",
            text(&ping)
        );
        // Once the cooldown is over a group ping goes out, and a nudge of the other poll
        // right after it is refused with the time to wait, recording nothing: it goes
        // out once the group's cooldown is over.
        chat.now_ms += 6 * MINUTE;
        let ping = chat.say("bob", "group ping club who is coming?").await;
        assert_eq!(ping.tone, Tone::Ping, "{}", text(&ping));
        let refused = chat.say("alice", "poll nudge 2").await;
        assert_eq!(refused.tone, Tone::Error, "{}", text(&refused));
        assert!(
            text(&refused).contains("club was pinged recently"),
            "{}",
            text(&refused)
        );
        chat.now_ms += 6 * MINUTE;
        let later = chat.say("alice", "poll nudge 2").await;
        assert_eq!(later.tone, Tone::Ping, "{}", text(&later));
    })
    .await;
}
