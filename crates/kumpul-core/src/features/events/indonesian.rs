//! Events as an Indonesian club uses them: every command kumpul shows while a club plans,
//! answers, edits and mutes is in Indonesian, and each one, typed back as shown, works.
//! The harness fails any reply or delivery here that shows an English command word.

use super::repo;
use crate::i18n::Locale;
use crate::identity::Role;
use crate::reply::{Reply, Tone, Visibility};
use crate::testing::{Chat, each_backend, scheduled};
use crate::time::clock::Clock;

const ID: Locale = Locale::Id;
const MEMBER: Role = Role::Member;

fn text(reply: &Reply) -> String {
    reply.plain_text()
}

/// A space whose language is Indonesian (set up by the settings feature, unchecked).
async fn indonesian_space(chat: &Chat) {
    let moderator = chat.invocation("mia", Role::Moderator, None);
    chat.bot
        .handle_text(&moderator, "settings language id")
        .await;
}

async fn starts_at(chat: &Chat, number: i64) -> i64 {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    repo::fetch_event_by_number(&mut conn, &chat.space.key(), number)
        .await
        .unwrap()
        .expect("the event")
        .starts_at
}

#[tokio::test]
async fn planning_and_answering_shows_indonesian_commands_that_work_as_typed() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        let (clock, platform, scheduler) = scheduled(&chat);
        indonesian_space(&chat).await;

        let empty = chat.say_in("budi", MEMBER, ID, "acara daftar").await;
        let example = crate::testing::shown_code(&empty);
        assert_eq!(example, ["acara buat jumat 19.00 Nonton bareng"]);
        let card = chat.say_in("budi", MEMBER, ID, &example[0]).await;
        assert_eq!(card.tone, Tone::Success, "{}", text(&card));
        assert_eq!(card.visibility, Visibility::Public);
        assert!(
            text(&card).contains("Jawab dengan `hadir 1 hadir` (atau `mungkin`, `tidak`;"),
            "{}",
            text(&card)
        );
        assert_eq!(
            card.commands(),
            ["hadir 1 hadir", "hadir 1 mungkin", "hadir 1 tidak"]
        );

        // The buttons' commands typed as shown, and a button pressed.
        let maybe = chat.say_in("sari", MEMBER, ID, "hadir 1 mungkin").await;
        assert_eq!(maybe.tone, Tone::Success, "{}", text(&maybe));
        assert!(
            text(&maybe).contains("Kalau rencanamu berubah, ketik `hadir 1 tidak`."),
            "{}",
            text(&maybe)
        );
        let going = chat
            .press_in("sari", MEMBER, ID, &card.actions()[0].id)
            .await;
        assert_eq!(going.tone, Tone::Success, "{}", text(&going));
        chat.say_in("budi", MEMBER, ID, "hadir 1 hadir").await;
        let list = chat.say_in("sari", MEMBER, ID, "acara daftar").await;
        assert!(text(&list).contains("#1 Nonton bareng"), "{}", text(&list));

        // Muting without saying what: the examples, for mute and for unmute.
        let what = chat.say_in("sari", MEMBER, ID, "acara bisukan").await;
        assert_eq!(what.tone, Tone::Error);
        assert_eq!(
            crate::testing::shown_code(&what),
            ["acara bisukan 3", "acara bisukan --semua"]
        );
        let what = chat.say_in("sari", MEMBER, ID, "acara bunyikan").await;
        assert_eq!(
            crate::testing::shown_code(&what),
            ["acara bunyikan 3", "acara bunyikan --semua"]
        );

        // The hour-before reminder pings who is going and says how to stop it.
        clock.advance(starts_at(&chat, 1).await - 3_600_000 - clock.now_ms());
        chat.now_ms = clock.now_ms();
        scheduler.run_due().await.unwrap();
        let ping = platform.in_channels().pop().expect("the reminder");
        assert_eq!(ping.reply.locale, Some(ID));
        let hint = crate::testing::shown_code(&ping.reply);
        assert_eq!(hint, ["acara bisukan 1"], "{}", text(&ping.reply));
        let muted = chat.say_in("sari", MEMBER, ID, &hint[0]).await;
        assert_eq!(muted.tone, Tone::Success, "{}", text(&muted));
    })
    .await;
}

#[tokio::test]
async fn edit_errors_give_indonesian_examples_that_work_as_typed() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        indonesian_space(&chat).await;
        let say = |text: &'static str| chat.say_in("budi", MEMBER, ID, text);
        say("acara buat besok 19.00 Arisan --kapasitas 5").await;
        chat.say_in("sari", MEMBER, ID, "hadir 1 hadir 1").await;

        let duration = say("acara ubah 1 --durasi lama").await;
        assert_eq!(duration.tone, Tone::Error);
        assert!(
            text(&duration).contains("Coba `2 jam` atau 90 menit."),
            "{}",
            text(&duration)
        );
        let reminders = say("acara ubah 1 --pengingat sering").await;
        assert_eq!(
            crate::testing::shown_code(&reminders),
            ["1 hari, 1 jam", "tidak ada"],
            "{}",
            text(&reminders)
        );
        let capacity = say("acara ubah 1 --kapasitas banyak").await;
        assert_eq!(
            crate::testing::shown_code(&capacity),
            ["12", "tanpa"],
            "{}",
            text(&capacity)
        );

        // Two places are taken: the way out is the command shown, as it is shown.
        let below = say("acara ubah 1 --kapasitas 1").await;
        let ways = crate::testing::shown_code(&below);
        assert_eq!(
            ways,
            [
                "acara ubah 1 --kapasitas 2",
                "acara ubah 1 --kapasitas tanpa"
            ],
            "{}",
            text(&below)
        );
        for way in &ways {
            let done = chat.say_in("budi", MEMBER, ID, way).await;
            assert_ne!(done.tone, Tone::Error, "{way}: {}", text(&done));
        }

        // A series moved once, and a series given a single time.
        say("acara buat setiap kamis 19.00 Latihan paduan suara").await;
        let only = say("acara ubah 2 --judul Latihan --hanya-berikutnya").await;
        let example = crate::testing::shown_code(&only);
        assert_eq!(
            example,
            ["acara ubah 2 --kapan \"sabtu 19.00\" --hanya-berikutnya"],
            "{}",
            text(&only)
        );
        let moved = chat.say_in("budi", MEMBER, ID, &example[0]).await;
        assert_ne!(moved.tone, Tone::Error, "{}", text(&moved));
        let once = say("acara ubah 2 --kapan \"2027-02-01 19:00\"").await;
        let example = crate::testing::shown_code(&once);
        assert_eq!(
            example,
            ["acara ubah 2 --kapan \"setiap jumat 19.00\""],
            "{}",
            text(&once)
        );
        let repeated = chat.say_in("budi", MEMBER, ID, &example[0]).await;
        assert_ne!(repeated.tone, Tone::Error, "{}", text(&repeated));
        assert!(
            text(&repeated).contains("setiap Jum"),
            "{}",
            text(&repeated)
        );
    })
    .await;
}
