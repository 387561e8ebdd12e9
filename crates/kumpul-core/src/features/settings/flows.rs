//! The space's settings and a person's own time zone, as an Indonesian club changes them:
//! every answer and hint in Indonesian, checked by the harness for English command words.

use crate::i18n::Locale;
use crate::identity::Role;
use crate::reply::{Reply, Tone};
use crate::testing::{Chat, assert_in_its_language, each_backend};

fn contains(reply: &Reply, expected: &str) {
    let text = reply.plain_text();
    assert!(text.contains(expected), "{expected}: {text}");
}

#[tokio::test]
async fn settings_are_shown_and_changed_in_indonesian() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let mia = |text: &'static str| chat.say_as("mia", Role::Moderator, text);
        mia("pengaturan bahasa id").await;
        contains(
            &chat.say("budi", "pengaturan lihat").await,
            "mengubahnya dengan `pengaturan bahasa id` dan `pengaturan zonawaktu WIB`",
        );
        let zone = mia("pengaturan zonawaktu Asia/Makassar").await;
        assert_eq!(zone.tone, Tone::Success, "{}", zone.plain_text());
        let reminders = mia("pengaturan pengingat 1 jam").await;
        assert_eq!(reminders.tone, Tone::Success, "{}", reminders.plain_text());
        contains(
            &chat
                .say_as("admin", Role::Admin, "pengaturan moderator <@&42>")
                .await,
            "hanya ada di Discord",
        );
        chat.bot.describe_surface(
            chat.space.platform,
            crate::surface::Surface {
                roles: true,
                ..Default::default()
            },
        );
        contains(
            &chat
                .say_as("admin", Role::Admin, "pengaturan moderator Pengurus")
                .await,
            "mis. `pengaturan moderator @Pengurus`",
        );
    })
    .await;
}

/// A person's own zone, in the person's own language while the space speaks English.
#[tokio::test]
async fn a_persons_time_zone_is_shown_and_set_in_their_language() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let budi = chat.invocation("budi", Role::Member, Some(Locale::Id));
        let say = |text: &'static str| {
            let bot = chat.bot.clone();
            let budi = budi.clone();
            async move {
                let reply = bot.handle_text(&budi, text).await;
                assert_eq!(reply.locale, Some(Locale::Id), "{}", reply.plain_text());
                assert_in_its_language(&reply);
                reply
            }
        };
        contains(
            &say("zonawaktu lihat").await,
            "`zonawaktu atur Asia/Jakarta`",
        );
        contains(&say("zonawaktu atur Asia/Jakarta").await, "Asia/Jakarta");
        contains(&say("zonawaktu lihat").await, "diatur olehmu");
        assert_eq!(say("zonawaktu hapus").await.tone, Tone::Success);
    })
    .await;
}
