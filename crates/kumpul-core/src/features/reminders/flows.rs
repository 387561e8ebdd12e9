//! Conversations about reminders through the bot.

use super::repo;
use crate::reply::{Tone, Visibility};
use crate::testing::{Chat, each_backend, user};

#[tokio::test]
async fn setting_a_reminder_confirms_the_time_in_the_persons_zone() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "timezone set WIB").await;
        let reply = chat
            .say("alice", "remind me tomorrow 7pm to call mom")
            .await;
        let text = reply.plain_text();
        assert_eq!(reply.visibility, Visibility::Private);
        assert!(text.contains("I'll remind you: call mom"), "{text}");
        assert!(text.contains("19:00 WIB"), "{text}");
        assert!(text.contains("`remind cancel 1`"), "{text}");
        // Next, people look at their reminders; how to cancel is said in the text.
        assert_eq!(reply.commands(), ["remind list"]);
        let list = chat
            .bot
            .handle_action(
                &chat.invocation("alice", crate::identity::Role::Member, None),
                &reply.actions()[0].id,
            )
            .await;
        assert!(
            list.plain_text().contains("call mom"),
            "{}",
            list.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn an_unreadable_or_ambiguous_time_is_explained_and_nothing_is_stored() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let unknown = chat.say("alice", "remind me whenever stretch").await;
        assert_eq!(unknown.tone, Tone::Error);
        assert!(
            unknown
                .plain_text()
                .contains("couldn't read whenever as a time"),
            "{}",
            unknown.plain_text()
        );
        let ambiguous = chat.say("alice", "remind me tomorrow at 7 stretch").await;
        let text = ambiguous.plain_text();
        assert!(
            text.contains("could mean") && text.contains("`tomorrow at 7 am`"),
            "{text}"
        );
        let past = chat
            .say("alice", "remind me 2020-01-01 10:00 stretch")
            .await;
        assert!(
            past.plain_text().contains("already passed"),
            "{}",
            past.plain_text()
        );
        let list = chat.say("alice", "remind list").await;
        assert!(
            list.plain_text().contains("You have no reminders"),
            "{}",
            list.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn indonesian_times_and_messages_work_end_to_end() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say_as(
            "mia",
            crate::identity::Role::Moderator,
            "settings language id",
        )
        .await;
        chat.say_as(
            "mia",
            crate::identity::Role::Moderator,
            "settings timezone WIB",
        )
        .await;
        let reply = chat
            .say(
                "budi",
                "remind me setiap senin jam 19.00 latihan paduan suara",
            )
            .await;
        let text = reply.plain_text();
        assert!(
            text.contains("Saya akan mengingatkanmu: latihan paduan suara"),
            "{text}"
        );
        assert!(text.contains("setiap Sen pukul 19.00"), "{text}");
        assert!(text.contains("19.00 WIB"), "{text}");
        let zone = chat.say("budi", "timezone show").await.plain_text();
        assert!(zone.contains("Asia/Jakarta (zona ruang ini)"), "{zone}");
    })
    .await;
}

#[tokio::test]
async fn reminder_numbers_count_up_per_space() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        for expected in 1..=3 {
            let reply = chat.say("alice", "remind me in 1 hour x").await;
            assert!(
                reply
                    .plain_text()
                    .contains(&format!("reminder #{expected}")),
                "{}",
                reply.plain_text()
            );
        }
        let list = chat.say("alice", "remind list").await.plain_text();
        assert!(list.starts_with("3 reminders"), "{list}");
        let others = chat.say("bob", "remind list").await.plain_text();
        assert!(
            others.contains("no reminders"),
            "other people's reminders are not listed: {others}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_bad_zone_is_rejected_with_examples() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let reply = chat.say("alice", "timezone set Jakarta").await;
        assert!(
            reply.plain_text().contains("Asia/Jakarta, WIB, UTC+7"),
            "{}",
            reply.plain_text()
        );
        let denied = chat.say("alice", "settings timezone WIB").await;
        assert!(
            denied.plain_text().contains("Only moderators"),
            "{}",
            denied.plain_text()
        );
    })
    .await;
}

/// The misread: `pukul 14.00 WITA` was stored as 14:00 WIB with "WITA rapat" as
/// the text. The zone belongs to the time; the reminder is at 13:00 WIB, shown both ways.
#[tokio::test]
async fn a_time_in_another_zone_is_stored_in_the_readers_with_only_the_text_as_text() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "timezone set WIB").await;
        // The chat's clock is Friday 15 January 2027, 15:00 WIB (16:00 WITA): today's
        // 14:00 WITA has passed, so it is tomorrow's, 06:00 UTC.
        let reply = chat.say("alice", "remind me pukul 14.00 WITA rapat").await;
        let text = reply.plain_text();
        assert_eq!(reply.tone, Tone::Success, "{text}");
        assert!(text.contains("I'll remind you: rapat —"), "{text}");
        assert!(text.contains("Sat 16 Jan 2027, 13:00 WIB"), "{text}");
        assert!(text.contains("(written as 14:00 WITA)"), "{text}");
        let ahead = chat
            .say(
                "alice",
                "remind me minggu depan hari sabtu jam setengah 8 malam WIT kerja bakti",
            )
            .await;
        assert!(
            ahead
                .plain_text()
                .contains("kerja bakti — Sat 23 Jan 2027, 17:30 WIB"),
            "{}",
            ahead.plain_text()
        );
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let alice = user("alice").key();
        let stored = repo::list_active_for(&mut conn, &chat.space.key(), &alice)
            .await
            .unwrap();
        let at = |text: &str| text.parse::<jiff::Timestamp>().unwrap().as_millisecond();
        let rows: Vec<(&str, Option<i64>, &str)> = stored
            .iter()
            .map(|r| (r.text.as_str(), r.next_at, r.zone.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("rapat", Some(at("2027-01-16T06:00:00Z")), "Asia/Jakarta"),
                (
                    "kerja bakti",
                    Some(at("2027-01-23T10:30:00Z")),
                    "Asia/Jakarta"
                ),
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn an_ambiguous_zone_is_refused_and_nothing_is_stored() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let reply = chat.say("alice", "remind me tomorrow 7pm IST call").await;
        let text = reply.plain_text();
        assert_eq!(reply.tone, Tone::Error, "{text}");
        assert!(
            text.contains("IST is used for more than one time zone")
                && text.contains("Asia/Kolkata"),
            "{text}"
        );
        let list = chat.say("alice", "remind list").await.plain_text();
        assert!(list.contains("You have no reminders"), "{list}");
    })
    .await;
}

/// An Indonesian club meets its reminder commands in Indonesian only: the empty list's
/// example, the number to cancel, the next step after setting one, the group's public
/// announcement and the group's ping. Every reply and delivery here is checked for English
/// command words by the harness; the examples shown are typed back as they are.
#[tokio::test]
async fn an_indonesian_reader_is_shown_indonesian_reminder_commands_that_work() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        let (clock, platform, scheduler) = crate::testing::scheduled(&chat);
        let id = crate::i18n::Locale::Id;
        let member = crate::identity::Role::Member;
        // Set up by other features, in English, unchecked: a group, then the space's
        // language, so public replies and pings are in Indonesian too.
        for (name, text) in [
            ("budi", "group create pendaki"),
            ("sari", "group join pendaki"),
        ] {
            chat.bot
                .handle_text(&chat.invocation(name, member, None), text)
                .await;
        }
        let moderator = chat.invocation("mia", crate::identity::Role::Moderator, None);
        chat.bot
            .handle_text(&moderator, "settings language id")
            .await;

        let empty = chat.say_in("budi", member, id, "ingatkan daftar").await;
        let shown = empty.plain_text();
        assert!(
            shown.contains("Buat dengan `ingatkan saya dalam 2 jam peregangan`"),
            "{shown}"
        );
        let set = chat
            .say_in("budi", member, id, "ingatkan saya dalam 2 jam peregangan")
            .await;
        assert_eq!(set.tone, Tone::Success, "{}", set.plain_text());
        assert!(
            set.plain_text().contains("ketik `ingatkan batal 1`"),
            "{}",
            set.plain_text()
        );
        assert_eq!(set.commands(), ["ingatkan daftar"]);
        let list = chat
            .press_in("budi", member, id, &set.actions()[0].id)
            .await;
        assert!(
            list.plain_text().contains("#1") && list.plain_text().contains("peregangan"),
            "{}",
            list.plain_text()
        );

        let group = chat
            .say_in(
                "sari",
                member,
                id,
                "ingatkan grup pendaki dalam 1 jam bawa air",
            )
            .await;
        assert_eq!(group.visibility, Visibility::Public);
        assert!(
            group.plain_text().contains("`ingatkan batal 2`"),
            "{}",
            group.plain_text()
        );
        assert_eq!(group.commands(), ["ingatkan daftar"]);
        clock.advance(3_600_000);
        assert_eq!(scheduler.run_due().await.unwrap(), 1, "the group's ping");
        let ping = &platform.in_channels()[0].reply;
        assert!(
            ping.plain_text().contains("bawa air"),
            "{}",
            ping.plain_text()
        );

        chat.now_ms = crate::time::clock::Clock::now_ms(clock.as_ref());
        let cancelled = chat.say_in("budi", member, id, "ingatkan batal 1").await;
        assert_eq!(cancelled.tone, Tone::Success, "{}", cancelled.plain_text());
        let again = chat.say_in("budi", member, id, "ingatkan batal 1").await;
        assert_eq!(again.tone, Tone::Error, "{}", again.plain_text());
        let others = chat.say_in("budi", member, id, "ingatkan daftar").await;
        assert!(
            others.plain_text().contains("Kamu belum punya pengingat"),
            "{}",
            others.plain_text()
        );
    })
    .await;
}
