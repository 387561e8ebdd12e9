//! Lists a page at a time, through the bot: every list that can grow without bound shows
//! ten items (fifty member names) with a footer naming the next page, in both languages,
//! and a page past the last or a mistyped page is explained. Results name a few voters an
//! option, a few reasons and a page of who took part, and count the rest.

use crate::i18n::Locale;
use crate::identity::Role;
use crate::reply::{Block, Reply, Tone};
use crate::testing::{Chat, each_backend};

/// The items of the reply's list.
fn items(reply: &Reply) -> usize {
    reply
        .blocks
        .iter()
        .map(|b| match b {
            Block::List(lines) => lines.len(),
            Block::Paragraph(_) => 0,
        })
        .sum()
}

#[tokio::test]
async fn remind_list_shows_ten_at_a_time_and_says_what_to_type_for_the_next_page() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        for i in 0..25 {
            let set = chat
                .say("alice", &format!("remind me in {} minutes tea {i}", i + 1))
                .await;
            assert_eq!(set.tone, Tone::Success, "{}", set.plain_text());
        }
        let first = chat.say("alice", "remind list").await;
        let text = first.plain_text();
        assert_eq!(items(&first), 10, "{text}");
        assert!(text.contains("25 reminders"), "{text}");
        assert!(text.contains("tea 0") && !text.contains("tea 10"), "{text}");
        assert!(
            text.contains("Page 1 of 3 — type `remind list --page 2` for the next."),
            "{text}"
        );
        let last = chat.say("alice", "remind list --page 3").await;
        let text = last.plain_text();
        assert_eq!(items(&last), 5, "{text}");
        assert!(text.contains("tea 24"), "{text}");
        assert!(
            text.contains("Page 3 of 3, the last — type `remind list --page 1`"),
            "{text}"
        );
        let beyond = chat.say("alice", "remind list --page 4").await;
        assert_eq!(beyond.tone, Tone::Error);
        assert!(
            beyond
                .plain_text()
                .contains("This list has only 3 pages; type `remind list --page 3`"),
            "{}",
            beyond.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn the_page_option_and_footer_work_in_indonesian() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        for i in 0..12 {
            chat.say("budi", &format!("remind me in {} minutes minum {i}", i + 1))
                .await;
        }
        let invocation = chat.invocation("budi", Role::Member, Some(Locale::Id));
        let second = chat
            .bot
            .handle_text(&invocation, "ingatkan daftar --halaman 2")
            .await;
        let text = second.plain_text();
        assert_eq!(items(&second), 2, "{text}");
        assert!(
            text.contains("Halaman 2 dari 2, yang terakhir — ketik `ingatkan daftar --halaman 1`"),
            "{text}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_mistyped_or_zero_page_is_an_error_not_the_first_page() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "remind me in 1 hour tea").await;
        for typed in ["remind list --page two", "remind list --page 0"] {
            let reply = chat.say("alice", typed).await;
            assert_eq!(reply.tone, Tone::Error, "{typed}: {}", reply.plain_text());
            assert_eq!(items(&reply), 0, "{typed}");
        }
    })
    .await;
}

/// Runs `make(i)` for i in 0..n as alice.
async fn make(chat: &Chat, n: usize, make: impl Fn(usize) -> String) {
    for i in 0..n {
        let reply = chat.say("alice", &make(i)).await;
        assert!(
            matches!(reply.tone, Tone::Success | Tone::Info | Tone::Ping),
            "{}",
            reply.plain_text()
        );
    }
}

#[tokio::test]
async fn every_list_that_grows_is_paginated() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        make(&chat, 11, |i| format!("group create g{i:02}")).await;
        for i in 0..50 {
            chat.say(&format!("m{i:02}"), "group join g00").await;
        }
        make(&chat, 11, |i| format!("poll create Q{i}? | yes | no")).await;
        make(&chat, 11, |i| {
            format!("event create tomorrow 19:{i:02} E{i}")
        })
        .await;
        make(&chat, 11, |i| format!("idea add Idea {i}")).await;
        make(&chat, 11, |i| format!("thread start Topic {i}")).await;
        let lists = [
            ("group list", "group list --page 2", 11),
            ("group members g00", "group members g00 --page 2", 51),
            ("group mine", "group mine --page 2", 11),
            ("poll list", "poll list --page 2", 11),
            ("event list", "event list --page 2", 11),
            ("idea list", "idea list --page 2", 11),
            ("thread list", "thread list --page 2", 11),
        ];
        for (list, next, total) in lists {
            let first = chat.say("alice", list).await;
            let text = first.plain_text();
            let size = if list.starts_with("group members") {
                50
            } else {
                10
            };
            assert_eq!(items(&first), size, "{list}: {text}");
            assert!(
                text.contains(&format!("Page 1 of 2 — type `{next}` for the next.")),
                "{list}: {text}"
            );
            let second = chat.say("alice", next).await;
            assert_eq!(
                items(&second),
                total - size,
                "{next}: {}",
                second.plain_text()
            );
        }
    })
    .await;
}

/// `n` people `p00`, `p01`, … each say `say(i)`.
async fn everyone(chat: &Chat, n: usize, say: impl Fn(usize) -> String) {
    for i in 0..n {
        let reply = chat.say(&format!("p{i:02}"), &say(i)).await;
        assert_eq!(reply.tone, Tone::Success, "{}", reply.plain_text());
    }
}

#[tokio::test]
async fn results_name_ten_voters_an_option_and_count_the_rest() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "poll create Lunch? | soup | salad --voters public")
            .await;
        everyone(&chat, 14, |i| format!("poll vote 1 {}", 1 + i / 12)).await;
        let text = chat.say("alice", "poll results 1").await.plain_text();
        let soup = text.lines().find(|l| l.contains("1. soup")).unwrap();
        assert!(
            soup.ends_with("(12) — p00, p01, p02, p03, p04, p05, p06, p07, p08, p09 and 2 more"),
            "{text}"
        );
        let salad = text.lines().find(|l| l.contains("2. salad")).unwrap();
        assert!(salad.ends_with("(2) — p12, p13"), "{text}");
        let invocation = chat.invocation("alice", Role::Member, Some(Locale::Id));
        let id = chat.bot.handle_text(&invocation, "polling hasil 1").await;
        assert!(
            id.plain_text().contains("p09 dan 2 lainnya"),
            "{}",
            id.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn consent_results_show_ten_reasons_and_where_to_read_the_rest() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "poll create Move? --kind consent --voters public")
            .await;
        everyone(&chat, 13, |i| {
            format!("poll vote 1 disagree: reason {i:02}")
        })
        .await;
        let text = chat.say("alice", "poll results 1").await.plain_text();
        assert!(text.contains("(p09): reason 09"), "{text}");
        assert!(!text.contains("reason 10"), "{text}");
        assert!(
            text.contains("3 more reasons — `poll export 1` lists every ballot."),
            "{text}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_organiser_sees_fifty_names_of_who_took_part_and_the_count_of_the_rest() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say(
            "alice",
            "poll create Lunch? | soup | salad --voters private",
        )
        .await;
        everyone(&chat, 53, |_| "poll vote 1 1".to_owned()).await;
        let text = chat.say("alice", "poll results 1").await.plain_text();
        let took_part = text.lines().find(|l| l.contains("Took part:")).unwrap();
        assert!(took_part.contains("p49 and 3 more"), "{text}");
        assert!(!took_part.contains("p50"), "{text}");
    })
    .await;
}

#[tokio::test]
async fn an_event_card_names_fifty_people_an_answer_and_counts_the_rest() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "event create tomorrow 19:00 Picnic")
            .await;
        everyone(&chat, 52, |_| "rsvp 1 maybe".to_owned()).await;
        let info = chat.say("alice", "event info 1").await.plain_text();
        let maybe = info.lines().find(|l| l.starts_with("Maybe: p00")).unwrap();
        assert!(maybe.ends_with("p49 and 2 more"), "{info}");
        assert!(!maybe.contains("p50"), "{info}");
    })
    .await;
}
