//! Polls as an Indonesian club runs them: the card, its buttons' and menu's fallbacks, the
//! ballot form, every hint and error in Indonesian — each message of the polls feature
//! passes the harness check that no English command word reaches an Indonesian reader.

use super::text;
use crate::identity::Role;
use crate::reply::{Reply, Tone};
use crate::testing::{Chat, assert_in_its_language, each_backend};

/// An Indonesian space: a moderator chose the language, so every reply is Indonesian.
async fn indonesian(chat: &Chat) {
    let set = chat
        .say_as("mia", Role::Moderator, "settings language id")
        .await;
    assert_eq!(set.tone, Tone::Success, "{}", text(&set));
}

/// What `name` is told after pressing the button of `reply` labelled `label`.
async fn press(chat: &Chat, name: &str, reply: &Reply, label: &str) -> Reply {
    let action = reply
        .actions()
        .iter()
        .find(|a| a.label == label)
        .unwrap_or_else(|| panic!("no button {label}: {:?}", reply.actions()));
    let inv = chat.invocation(name, Role::Member, None);
    let pressed = chat.bot.handle_action(&inv, &action.id).await;
    assert_in_its_language(&pressed);
    pressed
}

fn contains(reply: &Reply, expected: &str) {
    assert!(
        text(reply).contains(expected),
        "{expected}: {}",
        text(reply)
    );
}

#[tokio::test]
async fn a_poll_is_created_voted_on_and_closed_in_indonesian() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        indonesian(&chat).await;
        let sample = "`polling buat Makan di mana? | nasi padang | bakso`";
        contains(&chat.say("budi", "polling daftar").await, sample);
        contains(
            &chat.say("budi", "polling buat Makan? | nasi").await,
            sample,
        );
        contains(
            &chat.say("budi", "polling daftar --ditutup").await,
            "Belum ada polling yang ditutup",
        );

        let card = chat.say("sari", "polling buat Makan? | nasi | bakso").await;
        contains(&card, "Pilih satu dengan nomornya: `polling pilih 1 1`");
        assert_eq!(
            card.commands(),
            ["polling pilih 1 1", "polling pilih 1 2", "polling hasil 1"]
        );
        let voted = chat.say("budi", "polling pilih 1 2").await;
        assert_eq!(voted.tone, Tone::Success, "{}", text(&voted));
        contains(&voted, "pilih lagi dengan `polling pilih 1 …`");
        contains(&voted, "ketik `polling tarik 1`");
        // Next, how the poll stands.
        assert_eq!(voted.commands(), ["polling hasil 1"]);
        contains(&press(&chat, "budi", &voted, "Hasil").await, "bakso");
        contains(
            &press(&chat, "dewi", &card, "nasi").await,
            "tersimpan: nasi",
        );

        contains(&chat.say("budi", "polling pilih 1 sate").await, "mis. `1`");
        contains(
            &chat.say("budi", "polling pilih 7 1").await,
            "`polling daftar`",
        );
        let closed = chat.say("sari", "polling tutup 1").await;
        assert_eq!(closed.tone, Tone::Success, "{}", text(&closed));
        contains(
            &chat.say("budi", "polling pilih 1 1").await,
            "`polling hasil 1`",
        );
    })
    .await;
}

#[tokio::test]
async fn every_kind_of_poll_shows_indonesian_ballots() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        indonesian(&chat).await;
        let consent = chat
            .say("sari", "polling buat Piknik hari Sabtu? --jenis mufakat")
            .await;
        contains(&consent, "`polling pilih 1 setuju`");
        assert_eq!(
            consent.commands(),
            [
                "polling pilih 1 setuju",
                "polling pilih 1 abstain",
                "polling pilih 1 tidak setuju",
                "polling pilih 1 blok",
                "polling hasil 1"
            ]
        );
        let against = chat
            .say("budi", "polling pilih 1 tidak setuju karena hujan")
            .await;
        contains(&against, "tersimpan: Tidak setuju");
        contains(&chat.say("budi", "polling pilih 1 mungkin").await, "mis. `setuju`");

        let ranked = chat
            .say("sari", "polling buat Buku? | Dune | Emma | Ulysses --jenis peringkat")
            .await;
        assert_eq!(ranked.commands(), ["polling pilih 2 3 2 1", "polling hasil 2"]);
        let form = press(&chat, "budi", &ranked, "Pilih…").await;
        assert_eq!(form.form().map(|f| f.placeholder.as_str()), Some("3 2 1"));
        contains(&form, "`polling pilih 2 3 2 1`");

        let when = chat
            .say(
                "sari",
                "polling buat Kapan? | besok jam 19.00 | lusa jam 19.00 --jenis waktu",
            )
            .await;
        contains(&when, "`polling pilih 3 ya mungkin`");
        let form = press(&chat, "budi", &when, "Pilih…").await;
        assert_eq!(
            form.form().map(|f| f.placeholder.as_str()),
            Some("ya mungkin")
        );
        contains(&chat.say("budi", "polling pilih 3 ya").await, "mis. `ya mungkin`");
        assert_eq!(
            chat.say("budi", "polling pilih 3 tidak ya").await.tone,
            Tone::Success
        );

        let score = chat
            .say("sari", "polling buat Tempat? | aula | taman | pantai --jenis skor")
            .await;
        contains(&score, "`polling pilih 4 5 4 3`");
        let menu = chat
            .say(
                "sari",
                "polling buat Camilan? | a | b | c | d | e | f --jenis ganda --maks 3 --pemilih publik",
            )
            .await;
        assert_eq!(menu.selects()[0].command, "polling pilih 5 1 2");
        contains(
            &chat
                .say("sari", "polling buat Camilan? | a | b --jenis ganda --min 3")
                .await,
            "mis. `--min 1 --maks 2`",
        );

        let secret = chat
            .say(
                "sari",
                "polling buat Ketua? | Ani | Budi --pemilih rahasia --hasil langsung",
            )
            .await;
        assert_eq!(secret.tone, Tone::Error, "{}", text(&secret));
        contains(&secret, "Hapus `--hasil langsung`, atau tulis `--hasil setelah-ditutup`");
    })
    .await;
}

#[tokio::test]
async fn group_polls_results_and_hints_are_in_indonesian() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        indonesian(&chat).await;
        chat.say(
            "sari",
            "polling buat Warna? | merah | hijau --hasil setelah-memilih",
        )
        .await;
        contains(
            &chat.say("budi", "polling hasil 1").await,
            "`polling pilih 1 …`",
        );
        contains(
            &chat.say("sari", "polling ingatkan 1").await,
            "`polling buat … --grup pendaki`",
        );

        chat.say("sari", "grup buat pendaki").await;
        chat.say("budi", "grup gabung pendaki").await;
        contains(
            &chat
                .say(
                    "dewi",
                    "polling buat Rute? | utara | selatan --grup pendaki",
                )
                .await,
            "`grup gabung pendaki`",
        );
        let route = chat
            .say(
                "sari",
                "polling buat Rute? | utara | selatan --grup pendaki",
            )
            .await;
        assert_eq!(route.tone, Tone::Info, "{}", text(&route));
        let nudge = chat.say("sari", "polling ingatkan 2").await;
        assert_eq!(nudge.tone, Tone::Ping, "{}", text(&nudge));
        contains(&nudge, "`polling pilih 2 …`");
        contains(
            &chat.say("sari", "polling tutup 2").await,
            "`polling hasil 2`",
        );

        // Three different favourites: the tie-breaks are explained, with where to read how.
        chat.say(
            "sari",
            "polling buat Buku? | Dune | Emma | Ulysses --jenis peringkat",
        )
        .await;
        for (who, favourite) in [("a", "1"), ("b", "2"), ("c", "3")] {
            chat.say(who, &format!("polling pilih 3 {favourite}")).await;
        }
        contains(
            &chat.say("sari", "polling tutup 3").await,
            "`bantuan polling buat`",
        );

        // Where a room reads typed commands, a secret vote is asked for in private.
        chat.bot.describe_surface(
            chat.space.platform,
            crate::surface::Surface {
                public_typed_commands: true,
                ..Default::default()
            },
        );
        let secret = chat
            .say("sari", "polling buat Ketua? | Ani | Budi --pemilih rahasia")
            .await;
        contains(&secret, "bukan di ruangan ini: `polling pilih 4 1`");
    })
    .await;
}
