//! Threads through the bot: opening, activity reported by an adapter, the digest,
//! closing rights and archiving by the scheduler, on every backend.

use super::repo::ThreadMessage;
use crate::identity::Role;
use crate::reply::{Effect, Reply, Tone, Visibility};
use crate::testing::{Chat, each_backend, user};

fn text(reply: &Reply) -> String {
    reply.plain_text()
}

fn message(id: &str, author: &str, at: i64) -> ThreadMessage {
    ThreadMessage {
        message_id: id.into(),
        author_id: user(author).key(),
        author_name: author.into(),
        sent_at: at,
        reactions: 0,
        link: Some(format!("https://chat.example/{id}")),
    }
}

#[tokio::test]
async fn a_thread_is_opened_followed_digested_and_archived_when_quiet() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        let (clock, platform, scheduler) = crate::testing::scheduled(&chat);
        chat.say("alice", "group create hiking").await;
        for who in ["bob", "carol", "dave"] {
            chat.say(who, "group join hiking").await;
        }
        let started = chat
            .say(
                "alice",
                "thread start Summer trip plans --group hiking --ping",
            )
            .await;
        assert_eq!(started.visibility, Visibility::Public);
        assert!(
            text(&started).contains("Thread #1: Summer trip plans, opened by alice"),
            "{}",
            text(&started)
        );
        assert_eq!(
            started.mentions.users.len(),
            3,
            "the group's members, not the opener"
        );
        let Some(Effect::OpenThread { id, name }) = started.effects.first().cloned() else {
            panic!("the adapter is asked to open a thread");
        };
        assert_eq!(name, "Summer trip plans");

        // The adapter opened it and reports messages and reactions (metadata only).
        chat.bot.record_thread(id, "T1").await.unwrap();
        let t0 = chat.now_ms;
        for (i, who) in ["bob", "bob", "carol"].iter().enumerate() {
            let tracked = chat
                .bot
                .record_thread_message(
                    &chat.space,
                    "T1",
                    &message(&format!("m{i}"), who, t0 + i as i64 * 1000),
                )
                .await
                .unwrap();
            assert!(tracked);
        }
        assert!(
            !chat
                .bot
                .record_thread_message(&chat.space, "elsewhere", &message("x", "bob", t0))
                .await
                .unwrap()
        );
        for _ in 0..2 {
            chat.bot
                .record_thread_reaction(&chat.space, None, "m2", 1)
                .await
                .unwrap();
        }
        chat.bot
            .record_thread_reaction(&chat.space, None, "m0", 1)
            .await
            .unwrap();

        let digest = text(&chat.say("erin", "thread digest 1").await);
        assert!(digest.contains("3 messages from 2 people"), "{digest}");
        assert!(digest.contains("Who wrote: bob (2), carol (1)"), "{digest}");
        let carol = digest
            .find("carol, 2 reactions https://chat.example/m2")
            .expect(&digest);
        let bob = digest
            .find("bob, 1 reaction https://chat.example/m0")
            .expect(&digest);
        assert!(carol < bob, "most reacted first: {digest}");
        assert!(
            digest.contains("Haven't written yet — welcome to join in any time: alice, dave"),
            "{digest}"
        );

        let denied = chat.say("bob", "thread close 1").await;
        assert_eq!(denied.tone, Tone::Error);
        let closed = chat.say_as("mod", Role::Moderator, "thread close 1").await;
        assert!(closed.effects.contains(&Effect::ArchiveThread {
            thread: "T1".into()
        }));
        let reopened = chat.say("alice", "thread reopen 1").await;
        assert!(reopened.effects.contains(&Effect::ReopenThread {
            thread: "T1".into()
        }));

        // Quiet for 14 days (the test bot's setting): archived with a note in the thread.
        clock.advance(13 * 86_400_000);
        assert_eq!(scheduler.run_due().await.unwrap(), 0);
        // The first check (14 days after opening) finds the messages that came later and
        // moves itself to 14 days after the last one; that one archives.
        clock.advance(86_400_000 + 3_000);
        for _ in 0..2 {
            scheduler.run_due().await.unwrap();
        }
        let shown = platform.shown();
        let note = shown
            .iter()
            .find(|d| d.reply.placement.thread() == Some("T1"))
            .expect("a closing note");
        assert!(
            text(&note.reply).contains("has been quiet for 14 days"),
            "{}",
            text(&note.reply)
        );
        assert!(note.reply.effects.contains(&Effect::ArchiveThread {
            thread: "T1".into()
        }));
        chat.now_ms = {
            use crate::time::clock::Clock;
            clock.now_ms()
        };
        let archived = text(&chat.say("alice", "thread list --archived").await);
        assert!(archived.contains("#1 Summer trip plans"), "{archived}");
    })
    .await;
}

#[tokio::test]
async fn an_idea_is_discussed_in_a_thread_that_names_it() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("bob", "idea add Repair café").await;
        let opened = chat.say("carol", "idea discuss 1").await;
        assert!(
            text(&opened).contains("Idea #1: Repair café"),
            "{}",
            text(&opened)
        );
        let digest = text(&chat.say("carol", "thread digest 1").await);
        assert!(
            digest.contains("About idea #1 (Repair café), now open"),
            "{digest}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_event_can_open_its_discussion_thread() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = chat
            .say("alice", "event create tomorrow 19:00 Board games --thread")
            .await;
        assert!(
            card.effects
                .iter()
                .any(|e| matches!(e, Effect::OpenThread { name, .. } if name == "Board games")),
            "{:?}",
            card.effects
        );
        let open = text(&chat.say("bob", "thread list").await);
        assert!(open.contains("#1 Board games"), "{open}");
    })
    .await;
}

#[tokio::test]
async fn a_channel_seen_before_it_became_a_thread_is_tracked_once_it_is_one() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let started = chat.say("alice", "thread start Plans").await;
        let Some(Effect::OpenThread { id, .. }) = started.effects.first().cloned() else {
            panic!("no thread to open");
        };
        // Discord posts a "thread created" message before kumpul has recorded the id.
        let early = chat
            .bot
            .record_thread_message(&chat.space, "T9", &message("m0", "bob", chat.now_ms))
            .await
            .unwrap();
        assert!(!early);
        chat.bot.record_thread(id, "T9").await.unwrap();
        let tracked = chat
            .bot
            .record_thread_message(&chat.space, "T9", &message("m1", "bob", chat.now_ms))
            .await
            .unwrap();
        assert!(
            tracked,
            "recording the thread forgets that its channel was untracked"
        );
    })
    .await;
}

/// Platforms hand kumpul a message and a reaction to it as separate events, handled in
/// either order: a reaction handled first is counted once its message is recorded.
#[tokio::test]
async fn a_reaction_handled_before_its_message_is_counted_once_the_message_is() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let started = chat.say("alice", "thread start Plans").await;
        let Some(Effect::OpenThread { id, .. }) = started.effects.first().cloned() else {
            panic!("no thread to open");
        };
        chat.bot.record_thread(id, "T1").await.unwrap();
        for _ in 0..2 {
            let counted = chat
                .bot
                .record_thread_reaction(&chat.space, Some("T1"), "m0", 1)
                .await
                .unwrap();
            assert!(!counted, "its message is not recorded yet");
        }
        chat.bot
            .record_thread_message(&chat.space, "T1", &message("m0", "bob", chat.now_ms))
            .await
            .unwrap();
        let digest = text(&chat.say("erin", "thread digest 1").await);
        assert!(digest.contains("bob, 2 reactions"), "{digest}");
        // Held reactions are used once.
        chat.bot
            .record_thread_message(&chat.space, "T1", &message("m0", "bob", chat.now_ms))
            .await
            .unwrap();
        let again = text(&chat.say("erin", "thread digest 1").await);
        assert!(again.contains("bob, 2 reactions"), "{again}");
    })
    .await;
}

/// An Indonesian club meets its thread commands in Indonesian only — the empty list's
/// example, how to catch up, a missing thread, a poll started in the thread, the note of
/// an archived one — and each command, typed back as shown, works. The harness fails any
/// reply or delivery here that shows an English command word.
#[tokio::test]
async fn an_indonesian_reader_is_shown_indonesian_thread_commands_that_work() {
    each_backend(|store| async move {
        use crate::i18n::Locale;
        use crate::identity::{ChannelId, Platform};
        let mut chat = Chat::new(store);
        let (clock, platform, scheduler) = crate::testing::scheduled(&chat);
        let (id_, member) = (Locale::Id, Role::Member);
        // The space's language, set by the settings feature (unchecked here).
        let moderator = chat.invocation("mia", Role::Moderator, None);
        chat.bot
            .handle_text(&moderator, "settings language id")
            .await;

        let none = chat
            .say_in("budi", member, id_, "utas daftar --diarsipkan")
            .await;
        assert_eq!(text(&none), "Tidak ada utas yang diarsipkan.");
        let empty = chat.say_in("budi", member, id_, "utas daftar").await;
        let example = crate::testing::shown_code(&empty);
        assert_eq!(example, ["utas mulai Rencana liburan akhir tahun"]);
        let started = chat.say_in("budi", member, id_, &example[0]).await;
        assert_eq!(started.visibility, Visibility::Public);
        assert_eq!(
            crate::testing::shown_code(&started),
            ["utas ringkasan 1"],
            "{}",
            text(&started)
        );
        let Some(Effect::OpenThread { id, .. }) = started.effects.first().cloned() else {
            panic!("the adapter is asked to open a thread");
        };
        chat.bot.record_thread(id, "T1").await.unwrap();
        chat.bot
            .record_thread_message(&chat.space, "T1", &message("m0", "sari", chat.now_ms))
            .await
            .unwrap();
        // A poll started inside the thread (by the polls feature, unchecked here).
        let mut in_thread = chat.invocation("sari", member, Some(id_));
        in_thread.channel = Some(ChannelId::new(Platform::Console, "T1"));
        chat.bot
            .handle_text(&in_thread, "poll create Berangkat kapan? | Sabtu | Minggu")
            .await;

        let digest = chat.say_in("sari", member, id_, "utas ringkasan 1").await;
        assert_eq!(
            crate::testing::shown_code(&digest),
            ["polling hasil 1"],
            "{}",
            text(&digest)
        );
        let missing = chat.say_in("sari", member, id_, "utas ringkasan 9").await;
        assert_eq!(missing.tone, Tone::Error);
        let list = crate::testing::shown_code(&missing);
        assert_eq!(list, ["utas daftar"]);
        let open = chat.say_in("sari", member, id_, &list[0]).await;
        assert!(
            text(&open).contains("#1 Rencana liburan akhir tahun"),
            "{}",
            text(&open)
        );
        let closed = chat.say_in("budi", member, id_, "utas tutup 1").await;
        assert_eq!(closed.tone, Tone::Info, "{}", text(&closed));
        chat.say_in("budi", member, id_, "utas buka 1").await;

        // Quiet for the test bot's 14 days: archived, with how to go on in Indonesian.
        clock.advance(14 * 86_400_000 + 1_000);
        for _ in 0..2 {
            scheduler.run_due().await.unwrap();
        }
        let note = platform
            .shown()
            .into_iter()
            .find(|d| d.reply.placement.thread() == Some("T1"))
            .expect("a closing note");
        let reopen = crate::testing::shown_code(&note.reply);
        assert_eq!(reopen, ["utas buka 1"], "{}", text(&note.reply));
        chat.now_ms = crate::time::clock::Clock::now_ms(clock.as_ref());
        let reopened = chat.say_in("budi", member, id_, &reopen[0]).await;
        assert_eq!(reopened.tone, Tone::Info, "{}", text(&reopened));
    })
    .await;
}
