//! `help` through the bot, as a reader sees it in each language.

use super::{FEATURES, examples};
use crate::catalogue;
use crate::i18n::{I18n, Locale};
use crate::identity::Role;
use crate::reply::{Block, Reply, Tone};
use crate::testing::{Chat, assert_in_its_language, each_backend};

/// What `name` is shown for `text`, as a reader of `locale`.
async fn ask(chat: &Chat, locale: Locale, text: &str) -> Reply {
    let reply = chat
        .bot
        .handle_text(&chat.invocation("budi", Role::Member, Some(locale)), text)
        .await;
    assert_eq!(reply.tone, Tone::Info, "{}", reply.plain_text());
    assert_in_its_language(&reply);
    reply
}

fn items(reply: &Reply) -> usize {
    reply
        .blocks
        .iter()
        .map(|b| match b {
            Block::List(items) => items.len(),
            Block::Paragraph(_) => 0,
        })
        .sum()
}

#[test]
fn every_top_level_command_but_help_belongs_to_one_feature() {
    for top in catalogue::COMMANDS.iter().filter(|c| c.name != "help") {
        let homes = FEATURES
            .iter()
            .filter(|(_, commands)| commands.contains(&top.name))
            .count();
        assert_eq!(homes, 1, "{} is in {homes} features", top.name);
    }
    for (_, commands) in FEATURES {
        for command in *commands {
            assert!(catalogue::find(command).is_some(), "{command}");
        }
    }
}

#[tokio::test]
async fn the_overview_is_a_line_per_feature_in_the_readers_language() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let en = ask(&chat, Locale::En, "help").await;
        assert_eq!(items(&en), FEATURES.len(), "{}", en.plain_text());
        let text = en.plain_text();
        assert!(text.lines().count() <= 14, "a glance, not a wall:\n{text}");
        assert!(
            text.contains("• Interest groups: `group <create|edit|delete|join|leave|list|info|members|mine|ping>`"),
            "{text}"
        );
        assert!(
            text.contains("• Events: `event <create|edit|cancel|list|info|mute|unmute|ics>`, `rsvp <number> <going|maybe|no> [guests]`"),
            "{text}"
        );
        assert!(text.contains("`settings <show|language|timezone|moderators|reminders>`, `bot leave`"));
        assert!(text.contains("type `help group`") && text.contains("type `help group create`"));
        let id = ask(&chat, Locale::Id, "bantuan").await.plain_text();
        assert!(
            id.contains("• Grup minat: `grup <buat|ubah|hapus|gabung|keluar|daftar|info|anggota|saya|panggil>`"),
            "{id}"
        );
        assert!(id.contains("ketik `bantuan grup buat`"), "{id}");
    })
    .await;
}

#[tokio::test]
async fn a_feature_lists_its_commands_each_with_an_example() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let events = ask(&chat, Locale::En, "help event").await;
        let text = events.plain_text();
        assert_eq!(events.title.as_deref(), Some("Events"));
        // Every event command and rsvp, which belongs to the same feature.
        assert_eq!(items(&events), 9, "{text}");
        assert_eq!(text.matches("e.g. `").count(), 9, "{text}");
        assert!(
            text.contains("• `rsvp <number> <going|maybe|no> [guests]` — ")
                && text.contains("e.g. `rsvp 4 going 1`"),
            "{text}"
        );
        assert!(
            text.contains("• `event create <when> <title…> [--…]` — "),
            "named options are left for the command's own help: {text}"
        );
        let ideas = ask(&chat, Locale::Id, "bantuan ide").await.plain_text();
        assert!(
            ideas.contains(
                "mis. `ide status 2 direncanakan Tamannya sudah dipesan untuk bulan Mei`"
            ),
            "{ideas}"
        );
        assert_eq!(
            ideas.matches("khusus moderator").count(),
            1,
            "only idea status is for moderators, said once: {ideas}"
        );
    })
    .await;
}

#[tokio::test]
async fn one_command_shows_its_usage_options_notes_and_example() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let create = ask(&chat, Locale::Id, "bantuan grup buat").await;
        let text = create.plain_text();
        assert_eq!(create.title.as_deref(), Some("grup buat"));
        for shown in [
            "`grup buat <nama> [deskripsi…] [--tag a,b]`",
            "• `--tag` — ",
            "Contoh: `grup buat pendaki Jalan kaki akhir pekan di perbukitan --tag alam,akhir-pekan`",
        ] {
            assert!(text.contains(shown), "{shown} missing:\n{text}");
        }
        let poll = ask(&chat, Locale::En, "help poll create").await.plain_text();
        assert!(poll.contains("• `--kind` — ") && poll.contains("`single|multiple|approval|score|ranked|consent|time`"));
        assert!(poll.contains("How each kind decides, and breaks ties:"), "{poll}");
        assert!(
            poll.contains("Example: `poll create Lunch on Friday? | pizza | sushi | noodles --kind ranked --closes \"friday 18:00\"`"),
            "{poll}"
        );
    })
    .await;
}

#[tokio::test]
async fn who_may_run_a_command_is_said_once() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let status = ask(&chat, Locale::En, "help idea status")
            .await
            .plain_text();
        assert_eq!(status.matches("moderator").count(), 1, "{status}");
        assert!(status.contains("Only moderators of this space can use this command."));
        let admins = ask(&chat, Locale::En, "help settings moderators")
            .await
            .plain_text();
        assert!(
            admins.contains("Only admins of this space can use this command."),
            "{admins}"
        );
        let space = ask(&chat, Locale::En, "help settings").await.plain_text();
        assert!(
            space.contains("(admins only)") && !space.contains("(moderators only) (moderators"),
            "{space}"
        );
        for line in space.lines() {
            assert!(line.matches("only)").count() <= 1, "{line}");
        }
    })
    .await;
}

/// The examples that create something are run as they are shown, in each language: they
/// must work, not only parse.
#[tokio::test]
async fn the_examples_that_create_things_work_as_shown() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let i18n = I18n::load().unwrap();
        for locale in Locale::ALL {
            for path in [
                &["group", "create"][..],
                &["poll", "create"],
                &["event", "create"],
                &["idea", "add"],
                &["thread", "start"],
                &["remind", "me"],
                &["remind", "group"],
            ] {
                let shown = examples::example(&i18n, locale, path).unwrap();
                let reply = chat
                    .bot
                    .handle_text(&chat.invocation("budi", Role::Member, Some(locale)), &shown)
                    .await;
                assert_ne!(reply.tone, Tone::Error, "`{shown}`: {}", reply.plain_text());
            }
        }
    })
    .await;
}
