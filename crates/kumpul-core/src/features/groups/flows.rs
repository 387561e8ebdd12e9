//! Whole conversations about groups through the bot, on every backend.

use crate::identity::Role;
use crate::reply::{Tone, Visibility};
use crate::testing::{Chat, each_backend, user};

#[tokio::test]
async fn a_ping_notifies_exactly_the_other_members() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let created = chat
            .say("alice", "group create hiking Weekend walks --tags outdoor")
            .await;
        assert_eq!(created.tone, Tone::Success, "{}", created.plain_text());
        assert_eq!(created.visibility, Visibility::Public);
        assert!(created.mentions.is_empty(), "creating a group pings nobody");
        chat.say("bob", "group join hiking").await;
        chat.say("carol", "group join HIKING").await;

        let ping = chat
            .say("alice", "group ping hiking meet at 7 @everyone")
            .await;
        assert_eq!(ping.tone, Tone::Ping, "{}", ping.plain_text());
        assert_eq!(ping.visibility, Visibility::Public);
        assert_eq!(ping.mentions.users, [user("bob"), user("carol")]);
        assert!(ping.mentions.roles.is_empty());
        assert!(
            ping.plain_text().contains("meet at 7 @everyone"),
            "the message is shown as typed"
        );
    })
    .await;
}

#[tokio::test]
async fn the_ping_cooldown_applies_and_an_empty_ping_does_not_use_it() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.say("alice", "group create chess").await;
        let nobody = chat.say("alice", "group ping chess anyone?").await;
        assert_eq!(nobody.tone, Tone::Error);
        assert!(
            nobody.plain_text().contains("Nobody else is in chess"),
            "{}",
            nobody.plain_text()
        );

        chat.say("bob", "group join chess").await;
        assert_eq!(
            chat.say("alice", "group ping chess game tonight")
                .await
                .tone,
            Tone::Ping
        );
        chat.now_ms += 60_000;
        let early = chat.say("bob", "group ping chess and tomorrow").await;
        assert_eq!(early.tone, Tone::Error);
        assert!(
            early.plain_text().contains("4 minutes"),
            "{}",
            early.plain_text()
        );
        chat.now_ms += 240_000;
        assert_eq!(
            chat.say("bob", "group ping chess and tomorrow").await.tone,
            Tone::Ping
        );
    })
    .await;
}

#[tokio::test]
async fn only_members_and_moderators_may_ping() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "group create chess").await;
        chat.say("bob", "group join chess").await;
        let outsider = chat.say("dave", "group ping chess hello").await;
        assert_eq!(outsider.tone, Tone::Error);
        assert!(outsider.mentions.is_empty());
        assert!(
            outsider.plain_text().contains("`group join chess`"),
            "{}",
            outsider.plain_text()
        );
        let moderator = chat
            .say_as("mia", Role::Moderator, "group ping chess hello")
            .await;
        assert_eq!(moderator.mentions.users, [user("alice"), user("bob")]);
    })
    .await;
}

#[tokio::test]
async fn names_are_unique_regardless_of_case_and_the_first_group_survives() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "group create Hiking First").await;
        let again = chat.say("bob", "group create HIKING Second").await;
        assert_eq!(again.tone, Tone::Error);
        assert!(
            again.plain_text().contains("already exists"),
            "{}",
            again.plain_text()
        );
        let info = chat.say("bob", "group info hiking").await;
        assert!(info.plain_text().contains("First"), "{}", info.plain_text());
    })
    .await;
}

#[tokio::test]
async fn joining_twice_and_leaving_a_group_you_are_not_in_are_explained() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "group create hiking").await;
        chat.say("bob", "group join hiking").await;
        let twice = chat.say("bob", "group join hiking").await;
        assert_eq!(twice.tone, Tone::Error);
        assert!(
            twice.plain_text().contains("already in hiking"),
            "{}",
            twice.plain_text()
        );
        let not_in = chat.say("carol", "group leave hiking").await;
        assert!(
            not_in.plain_text().contains("You are not in hiking"),
            "{}",
            not_in.plain_text()
        );
        assert_eq!(
            chat.say("bob", "group leave hiking").await.tone,
            Tone::Success
        );
        let members = chat.say("carol", "group members hiking").await;
        assert!(members.mentions.is_empty(), "a member list never pings");
        assert!(members.plain_text().contains("@alice") && !members.plain_text().contains("@bob"));
    })
    .await;
}

#[tokio::test]
async fn only_the_owner_or_a_moderator_edits_or_deletes() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "group create hiking Walks").await;
        chat.say("alice", "group create chess").await;
        let denied = chat
            .say("bob", "group edit hiking --description Runs")
            .await;
        assert!(
            denied.plain_text().contains("Only the owner of hiking"),
            "{}",
            denied.plain_text()
        );
        let taken = chat.say("alice", "group edit hiking --rename Chess").await;
        assert!(
            taken.plain_text().contains("already exists"),
            "{}",
            taken.plain_text()
        );
        let edited = chat
            .say(
                "alice",
                "group edit hiking --rename \"Trail Walks\" --tags outdoor",
            )
            .await;
        assert_eq!(edited.tone, Tone::Success, "{}", edited.plain_text());
        let info = chat.say("bob", "group info trail walks").await;
        assert!(info.plain_text().contains("Walks") && info.plain_text().contains("#outdoor"));
        assert_eq!(
            chat.say("bob", "group delete chess").await.tone,
            Tone::Error
        );
        assert_eq!(
            chat.say_as("mia", Role::Moderator, "group delete chess")
                .await
                .tone,
            Tone::Success
        );
        let list = chat.say("bob", "group list").await;
        assert!(
            !list.plain_text().contains("chess"),
            "{}",
            list.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn buttons_work_by_id_and_unknown_buttons_are_explained() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let created = chat.say("alice", "group create hiking").await;
        let join = created.actions()[0].id.clone();
        assert!(join.encode().starts_with("k1:group:join:"));
        let inv = chat.invocation("bob", Role::Member, None);
        assert_eq!(
            chat.bot.handle_action(&inv, &join).await.tone,
            Tone::Success
        );
        let stale = chat
            .bot
            .handle_encoded(&inv, "k1:poll:explode:1", &[])
            .await;
        assert!(
            stale.plain_text().contains("no longer works"),
            "{}",
            stale.plain_text()
        );
        chat.say("alice", "group delete hiking").await;
        let gone = chat.bot.handle_action(&inv, &join).await;
        assert!(
            gone.plain_text().contains("no longer exists"),
            "{}",
            gone.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn the_space_language_and_the_readers_own_language_are_respected() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let denied = chat.say("bob", "settings language id").await;
        assert!(
            denied.plain_text().contains("Only moderators"),
            "{}",
            denied.plain_text()
        );
        let set = chat
            .say_as("mia", Role::Moderator, "settings language id")
            .await;
        assert!(
            set.plain_text().contains("Bahasa Indonesia"),
            "{}",
            set.plain_text()
        );
        let error = chat.say("bob", "group join nothing").await;
        assert!(
            error
                .plain_text()
                .contains("Tidak ada grup bernama nothing"),
            "{}",
            error.plain_text()
        );
        // A reader whose platform says English gets English privately.
        let inv = chat.invocation("bob", Role::Member, Some(crate::i18n::Locale::En));
        let english = chat.bot.handle_text(&inv, "group join nothing").await;
        assert!(
            english.plain_text().contains("There is no group"),
            "{}",
            english.plain_text()
        );
    })
    .await;
}

#[tokio::test]
async fn an_internal_failure_shows_a_reference_not_the_error() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        store.close().await;
        let reply = chat.say("alice", "group create hiking").await;
        let text = reply.plain_text();
        assert_eq!(reply.visibility, Visibility::Private);
        assert!(
            text.contains("Something went wrong") && text.contains("(ref "),
            "{text}"
        );
        assert!(
            !text.to_lowercase().contains("pool") && !text.contains("sqlx"),
            "{text}"
        );
    })
    .await;
}
