//! The idea board as an Indonesian club uses it: cards, upvote buttons, lists, the empty
//! board and every error in Indonesian, checked by the harness for English command words.

use crate::identity::Role;
use crate::reply::{Reply, Tone};
use crate::testing::{Chat, assert_in_its_language, each_backend};

fn contains(reply: &Reply, expected: &str) {
    let text = reply.plain_text();
    assert!(text.contains(expected), "{expected}: {text}");
}

#[tokio::test]
async fn ideas_are_shared_upvoted_listed_and_polled_in_indonesian() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say_as("mia", Role::Moderator, "settings language id")
            .await;
        contains(
            &chat.say("budi", "ide daftar").await,
            "Bagikan dengan `ide tambah Piknik di taman`",
        );
        let card = chat.say("sari", "ide tambah Piknik di taman").await;
        assert_eq!(card.commands(), ["ide dukung 1"]);
        let inv = chat.invocation("budi", Role::Member, None);
        let upvoted = chat.bot.handle_action(&inv, &card.actions()[0].id).await;
        assert_in_its_language(&upvoted);
        contains(&upvoted, "Ketik `ide dukung 1` lagi untuk menariknya");
        let anonymous = chat
            .say("dewi", "ide tambah Bersih-bersih sungai --anonim")
            .await;
        assert_eq!(anonymous.standalone[0].commands(), ["ide dukung 2"]);
        contains(&chat.say("budi", "ide dukung 9").await, "`ide daftar`");
        contains(
            &chat.say("budi", "ide polling 1").await,
            "mis. `ide polling 3 5 7`",
        );
        let status = chat
            .say_as("mia", Role::Moderator, "ide status 1 direncanakan")
            .await;
        assert_eq!(status.tone, Tone::Success, "{}", status.plain_text());

        for i in 0..10 {
            chat.say("sari", &format!("ide tambah Ide ke-{i}")).await;
        }
        contains(
            &chat.say("budi", "ide daftar --terbaru").await,
            "`ide daftar --terbaru --halaman 2`",
        );
        let poll = chat.say("budi", "ide polling 1 2").await;
        contains(&poll, "`polling pilih 1 2 1`");
    })
    .await;
}

#[tokio::test]
async fn a_groups_ideas_say_in_indonesian_how_to_join() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say_as("mia", Role::Moderator, "settings language id")
            .await;
        chat.say("sari", "grup buat pendaki").await;
        contains(
            &chat.say("sari", "ide daftar --grup pendaki").await,
            "`ide tambah Piknik di taman --grup pendaki`",
        );
        contains(
            &chat
                .say("budi", "ide tambah Naik gunung --grup pendaki")
                .await,
            "`grup gabung pendaki`",
        );
        chat.say("sari", "ide tambah Naik gunung --grup pendaki")
            .await;
        chat.say("sari", "ide tambah Makan bersama").await;
        contains(
            &chat.say("budi", "ide dukung 1").await,
            "`grup gabung pendaki`",
        );
        contains(
            &chat.say("sari", "ide polling 1 2").await,
            "misalnya `ide polling 3 5 7`",
        );
    })
    .await;
}
