//! Upvote reactions on an idea's card, and taking them back, through the port an adapter
//! uses, on every backend: a reaction taken back withdraws the upvote it gave once no
//! other upvote reaction of the person stands, and an upvote typed or clicked stands on
//! its own.

use super::repo;
use crate::identity::Role;
use crate::port::{Reaction, Shortcut};
use crate::reply::{Anchor, Reply, Tone};
use crate::testing::{Chat, each_backend, user};

/// `who` reacts 👍 (or the like) on `card` with the reaction `id`.
async fn upvote(chat: &Chat, who: &str, card: Anchor, id: &str) -> Reply {
    let inv = chat.invocation(who, Role::Member, None);
    let reaction = Reaction {
        id,
        at: chat.now_ms,
    };
    chat.bot
        .handle_reaction(&inv, card, Shortcut::Upvote, reaction)
        .await
        .expect("an upvote is a shortcut on an idea card")
}

async fn take_back(chat: &Chat, id: &str) -> bool {
    chat.bot
        .withdraw_reaction(&chat.space, id, None, chat.now_ms)
        .await
        .expect("withdrawing a reaction")
}

/// Idea #1's upvotes.
async fn votes(chat: &Chat) -> i64 {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    repo::fetch_idea_by_number(&mut conn, &chat.space.key(), 1)
        .await
        .unwrap()
        .unwrap()
        .votes
}

#[tokio::test]
async fn an_upvote_reaction_taken_back_withdraws_the_upvote_it_gave() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = chat.say("alice", "idea add Repair café every month").await;
        let card = card.anchor().expect("an idea card is kept current");
        let done = upvote(&chat, "bob", card, "$thumbs").await;
        assert_eq!(done.tone, Tone::Success, "{}", done.plain_text());
        upvote(&chat, "bob", card, "$plus").await;
        assert_eq!(votes(&chat).await, 1, "one upvote per person");
        let mallory = user("mallory");
        assert!(
            !chat
                .bot
                .withdraw_reaction(&chat.space, "$thumbs", Some(&mallory), chat.now_ms)
                .await
                .unwrap(),
            "someone else's reaction is not mallory's to take back"
        );
        assert!(take_back(&chat, "$thumbs").await);
        assert_eq!(votes(&chat).await, 1, "bob's ➕ still stands");
        assert!(take_back(&chat, "$plus").await);
        assert_eq!(votes(&chat).await, 0);
        assert!(
            !take_back(&chat, "$plus").await,
            "forgotten once taken back"
        );
    })
    .await;
}

#[tokio::test]
async fn a_typed_upvote_stands_on_its_own() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = chat.say("alice", "idea add Repair café every month").await;
        let card = card.anchor().unwrap();
        // Typed first: the reaction adds nothing, and taking it back takes nothing.
        chat.say("bob", "idea vote 1").await;
        upvote(&chat, "bob", card, "$thumbs").await;
        assert!(!take_back(&chat, "$thumbs").await);
        assert_eq!(votes(&chat).await, 1);
        // A reaction, then a typed vote (a toggle: off): the typed vote decides.
        upvote(&chat, "carol", card, "$carol").await;
        assert_eq!(votes(&chat).await, 2);
        chat.say("carol", "idea vote 1").await;
        assert_eq!(votes(&chat).await, 1);
        assert!(!take_back(&chat, "$carol").await);
        assert_eq!(votes(&chat).await, 1);
        // A done idea keeps its count.
        upvote(&chat, "dave", card, "$dave").await;
        chat.say_as("alice", Role::Moderator, "idea status 1 done")
            .await;
        assert!(take_back(&chat, "$dave").await);
        assert_eq!(votes(&chat).await, 2);
    })
    .await;
}
