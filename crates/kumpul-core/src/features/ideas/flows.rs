//! Whole conversations about ideas through the bot, on every backend.

use crate::identity::Role;
use crate::reply::{Reply, Tone, Visibility};
use crate::testing::{Chat, each_backend};

fn text(reply: &Reply) -> String {
    reply.plain_text()
}

#[tokio::test]
async fn ideas_are_upvoted_put_to_a_poll_and_given_a_status() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let added = chat.say("alice", "idea add A picnic in the park").await;
        assert_eq!(added.visibility, Visibility::Public);
        assert!(
            text(&added).contains("Idea #1 from alice"),
            "{}",
            text(&added)
        );
        assert_eq!(added.actions()[0].command, "idea vote 1");
        chat.say("bob", "idea add Board game night | with snacks --anonymous")
            .await;
        chat.say("carol", "idea add Cleaning the river bank").await;
        for who in ["bob", "carol", "dave"] {
            chat.say(who, "idea vote 3").await;
        }
        chat.say("dave", "idea vote 2").await;
        let undone = chat.say("dave", "idea vote 2").await;
        assert!(text(&undone).contains("took back"), "{}", text(&undone));
        let button = added.actions()[0].id.clone();
        let inv = chat.invocation("erin", Role::Member, None);
        chat.bot.handle_action(&inv, &button).await;

        let top = text(&chat.say("erin", "idea list").await);
        let order: Vec<usize> = ["#3", "#1", "#2"]
            .iter()
            .map(|n| top.find(n).unwrap())
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "most upvoted first: {top}"
        );
        assert!(
            top.contains("3 upvotes") && top.contains("0 upvotes"),
            "{top}"
        );

        let poll = chat.say("alice", "idea poll 3 1 2").await;
        let card = text(&poll);
        assert!(card.contains("A poll on ideas #3, #1, #2"), "{card}");
        assert!(card.contains("ranked-choice"), "{card}");
        assert!(card.contains("2. A picnic in the park"), "{card}");
        assert!(
            card.contains("3. Board game night with snacks"),
            "the | is not a separator: {card}"
        );
        chat.say("bob", "poll vote 1 1 2").await;
        chat.say("carol", "poll vote 1 1 3").await;
        let closed = text(&chat.say("alice", "poll close 1").await);
        assert!(closed.contains("Cleaning the river bank"), "{closed}");

        let denied = chat.say("carol", "idea status 3 planned").await;
        assert_eq!(denied.tone, Tone::Error, "moderators only");
        let planned = chat
            .say_as(
                "mod",
                Role::Moderator,
                "idea status 3 planned Next Saturday, 9:00",
            )
            .await;
        assert!(
            text(&planned).contains("marked idea #3 (Cleaning the river bank) as planned"),
            "{}",
            text(&planned)
        );
        assert_eq!(planned.mentions.users.len(), 1, "the author is told");
        assert_eq!(planned.mentions.users[0].id, "carol");
        let anonymous = chat
            .say_as("mod", Role::Moderator, "idea status 2 declined")
            .await;
        assert!(
            anonymous.mentions.is_empty(),
            "an anonymous author is never pinged"
        );
        let late = chat.say("erin", "idea vote 2").await;
        assert!(text(&late).contains("declined"), "{}", text(&late));
    })
    .await;
}

#[tokio::test]
async fn anonymous_ideas_store_no_author() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let added = chat.say("zed", "idea add Secret idea --anonymous").await;
        // The answer is for the author alone; the card is kumpul's own message.
        assert_eq!(added.visibility, crate::reply::Visibility::Private);
        assert!(text(&added).contains("anonymously"), "{}", text(&added));
        assert!(added.anchor().is_none());
        let [card] = added.standalone.as_slice() else {
            panic!("one card posted apart: {:?}", added.standalone);
        };
        assert!(text(card).contains("(anonymous)"), "{}", text(card));
        assert!(!format!("{card:?}").contains("zed"));
        assert!(card.anchor().is_some());
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let idea = super::repo::fetch_idea_by_number(&mut conn, &chat.space.key(), 1)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((idea.author_id, idea.author_name), (None, None));
        assert_eq!(
            idea.created_at % (24 * 60 * 60 * 1000),
            0,
            "an anonymous idea's time is kept to the day"
        );
    })
    .await;
}

#[tokio::test]
async fn a_mistyped_anonymous_option_is_an_error_never_a_named_idea() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        for typo in ["--anonymus", "--anon", "--anonim"] {
            let reply = chat
                .say("zed", &format!("idea add Quiet idea {typo}"))
                .await;
            let mut conn = chat.bot.store().pool().acquire().await.unwrap();
            let stored = super::repo::fetch_idea_by_number(&mut conn, &chat.space.key(), 1)
                .await
                .unwrap();
            if let Some(idea) = stored {
                assert!(
                    idea.author_id.is_none(),
                    "{typo} published the idea under its author's name: {}",
                    text(&reply)
                );
            } else {
                assert_eq!(reply.tone, crate::reply::Tone::Error, "{}", text(&reply));
            }
        }
    })
    .await;
}

#[tokio::test]
async fn a_groups_ideas_are_upvoted_discussed_and_polled_by_its_members() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "group create garden").await;
        chat.say("bob", "group join garden").await;
        chat.say("alice", "idea add Compost bins --group garden")
            .await;
        chat.say("alice", "idea add Seed swap").await;
        for command in ["idea vote 1", "idea discuss 1", "idea poll 1 2"] {
            let outsider = chat.say("dave", command).await;
            assert_eq!(
                outsider.tone,
                crate::reply::Tone::Error,
                "{command}: {}",
                text(&outsider)
            );
            assert!(text(&outsider).contains("garden"), "{}", text(&outsider));
        }
        let member = chat.say("bob", "idea vote 1").await;
        assert_ne!(member.tone, crate::reply::Tone::Error, "{}", text(&member));
        let open = chat.say("dave", "idea vote 2").await;
        assert_ne!(open.tone, crate::reply::Tone::Error, "{}", text(&open));
    })
    .await;
}

#[tokio::test]
async fn a_dash_typed_by_a_phone_or_an_option_typed_into_discords_text_is_not_text() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let dashed = chat.say("zed", "idea add Quiet idea —anonymous").await;
        assert!(
            dashed.tone != crate::reply::Tone::Error,
            "{}",
            text(&dashed)
        );
        assert!(
            !dashed.standalone.is_empty(),
            "posted anonymously: {}",
            text(&dashed)
        );
        let call = crate::command::Call::from_raw(
            &["idea", "add"],
            vec![("text".into(), "Quiet idea --anonymous".into())],
        );
        assert!(
            matches!(call, Err(crate::command::ParseError::MistypedOption { .. })),
            "{call:?}"
        );
        let plain = crate::command::Call::from_raw(
            &["idea", "add"],
            vec![("text".into(), "Fix the -- dashes --verbose".into())],
        );
        assert!(plain.is_ok(), "{plain:?}");
    })
    .await;
}
