//! Groups as an Indonesian club uses them: every hint, error, empty list and button
//! fallback in Indonesian, so the harness (which fails any English command word shown to
//! an Indonesian reader) sees each message of the groups feature.

use crate::i18n::Locale;
use crate::identity::Role;
use crate::reply::{Reply, Tone};
use crate::testing::{Chat, assert_in_its_language, each_backend};

/// What `name` is told after pressing `button` of `reply` (checked like a typed reply).
async fn press(chat: &Chat, name: &str, reply: &Reply, button: usize) -> Reply {
    let inv = chat.invocation(name, Role::Member, None);
    let pressed = chat
        .bot
        .handle_action(&inv, &reply.actions()[button].id)
        .await;
    assert_in_its_language(&pressed);
    pressed
}

#[tokio::test]
async fn an_indonesian_club_is_taught_indonesian_group_commands() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say_as("mia", Role::Moderator, "settings language id")
            .await;
        let empty = chat.say("budi", "grup daftar").await;
        assert!(
            empty.plain_text().contains("`grup buat <nama>`"),
            "{}",
            empty.plain_text()
        );
        let mine = chat.say("budi", "grup saya").await;
        assert!(
            mine.plain_text().contains("`grup daftar`"),
            "{}",
            mine.plain_text()
        );

        let created = chat
            .say(
                "sari",
                "grup buat pendaki Jalan kaki akhir pekan --tag alam",
            )
            .await;
        assert_eq!(created.tone, Tone::Success, "{}", created.plain_text());
        assert!(
            created
                .plain_text()
                .contains("bergabung dengan `grup gabung pendaki`"),
            "{}",
            created.plain_text()
        );
        assert_eq!(created.commands(), ["grup gabung pendaki"]);
        let taken = chat.say("budi", "grup buat Pendaki").await;
        assert!(
            taken.plain_text().contains("`grup gabung Pendaki`"),
            "{}",
            taken.plain_text()
        );

        // Joining by the card's button, then what comes next: who else is in it.
        let joined = press(&chat, "budi", &created, 0).await;
        assert_eq!(joined.tone, Tone::Success, "{}", joined.plain_text());
        assert_eq!(joined.commands(), ["grup anggota pendaki"]);
        let twice = chat.say("budi", "grup gabung pendaki").await;
        assert!(
            twice.plain_text().contains("`grup keluar pendaki`"),
            "{}",
            twice.plain_text()
        );
        let members = press(&chat, "budi", &joined, 0).await;
        assert!(
            members.plain_text().contains("@sari"),
            "{}",
            members.plain_text()
        );

        let list = chat.say("dewi", "grup daftar").await;
        assert_eq!(list.commands(), ["grup gabung pendaki"]);
        let info = chat.say("budi", "grup info pendaki").await;
        assert_eq!(
            info.commands(),
            ["grup keluar pendaki", "grup anggota pendaki"]
        );
        let left = chat.say("budi", "grup keluar pendaki").await;
        assert!(left.commands().is_empty(), "no undo offered as a next step");
        let not_in = chat.say("budi", "grup keluar pendaki").await;
        assert!(
            not_in.plain_text().contains("`grup gabung pendaki`"),
            "{}",
            not_in.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn group_errors_say_in_indonesian_what_to_type() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say_as("mia", Role::Moderator, "settings language id")
            .await;
        chat.say("sari", "grup buat pendaki").await;
        for (typed, expected) in [
            ("grup gabung catur", "`grup daftar`"),
            ("grup gabung pendak", "pendaki"),
            ("grup panggil pendaki halo semua", "`grup gabung pendaki`"),
            ("grup daftar --halaman 3", "`grup daftar --halaman 1`"),
            (
                "grup anggota pendaki --halaman 2",
                "`grup anggota pendaki --halaman 1`",
            ),
            (
                "grup ubah pendaki",
                "`grup ubah <nama…> [--namabaru \"…\"] [--deskripsi \"…\"] [--tag a,b]`",
            ),
        ] {
            let reply = chat.say("budi", typed).await;
            assert_eq!(reply.tone, Tone::Error, "{typed}: {}", reply.plain_text());
            assert!(
                reply.plain_text().contains(expected),
                "{typed}: {}",
                reply.plain_text()
            );
        }
        let no_tag = chat.say("budi", "grup daftar --tag laut").await;
        assert!(
            no_tag.plain_text().contains("`grup daftar`"),
            "{}",
            no_tag.plain_text()
        );
        // The owner leaves: nobody is left, and the hint is to join.
        chat.say("sari", "grup keluar pendaki").await;
        let nobody = chat.say("budi", "grup anggota pendaki").await;
        assert!(
            nobody.plain_text().contains("`grup gabung pendaki`"),
            "{}",
            nobody.plain_text()
        );
    })
    .await;
}

/// In an English space, an Indonesian reader's private answers are Indonesian while the
/// public announcement stays in the space's language.
#[tokio::test]
async fn the_readers_own_language_is_used_for_private_answers_in_an_english_space() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let budi = chat.invocation("budi", Role::Member, Some(Locale::Id));
        let created = chat.bot.handle_text(&budi, "grup buat pendaki").await;
        assert_eq!(created.locale, Some(Locale::En));
        assert!(
            created.plain_text().contains("`group join pendaki`"),
            "{}",
            created.plain_text()
        );
        let mine = chat.bot.handle_text(&budi, "grup gabung pendaki").await;
        assert_in_its_language(&mine);
        assert!(
            mine.plain_text().contains("`grup keluar pendaki`"),
            "{}",
            mine.plain_text()
        );
    })
    .await;
}
