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
        assert_eq!(added.actions[0].command, "idea vote 1");
        chat.say("bob", "idea add Board game night | with snacks --anonymous")
            .await;
        chat.say("carol", "idea add Cleaning the river bank").await;
        for who in ["bob", "carol", "dave"] {
            chat.say(who, "idea vote 3").await;
        }
        chat.say("dave", "idea vote 2").await;
        let undone = chat.say("dave", "idea vote 2").await;
        assert!(text(&undone).contains("took back"), "{}", text(&undone));
        let button = added.actions[0].id.clone();
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
        assert!(text(&added).contains("(anonymous)"), "{}", text(&added));
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let idea = super::repo::fetch_idea_by_number(&mut conn, &chat.space.key(), 1)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((idea.author_id, idea.author_name), (None, None));
    })
    .await;
}
