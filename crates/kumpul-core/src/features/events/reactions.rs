//! Reactions on an event's card as answers, and taking them back, through the port an
//! adapter uses, on every backend: a reaction taken back withdraws its answer and frees
//! its place for the waitlist, the latest standing reaction is the answer, and a typed
//! answer stands on its own.

use super::model::Standing;
use super::repo::{self, Rsvp};
use crate::identity::{Platform, Role, SpaceId};
use crate::port::{Reaction, Shortcut};
use crate::reply::{Anchor, Reply, Tone};
use crate::testing::{Chat, each_backend, scheduled, user};
use crate::vocab::Answer;

/// Event #1's card (an anchor), made by alice with `options`.
async fn event(chat: &Chat, options: &str) -> Anchor {
    let card = chat
        .say(
            "alice",
            &format!("event create tomorrow 19:00 Board games {options}"),
        )
        .await;
    assert_eq!(card.tone, Tone::Success, "{}", card.plain_text());
    card.anchor().expect("an event card is kept current")
}

/// `who` reacts with the shortcut for `answer` on `card`; the reaction's id is `id`, sent
/// at `at` ms after the chat's clock.
async fn react(chat: &Chat, who: &str, card: Anchor, answer: Answer, id: &str, at: i64) -> Reply {
    let inv = chat.invocation(who, Role::Member, None);
    let reaction = Reaction {
        id,
        at: chat.now_ms + at,
    };
    chat.bot
        .handle_reaction(&inv, card, Shortcut::Answer(answer), reaction)
        .await
        .expect("an answer is a shortcut on an event card")
}

/// The reaction `id` is taken back; whether kumpul had acted on it.
async fn take_back(chat: &Chat, id: &str) -> bool {
    chat.bot
        .withdraw_reaction(&chat.space, id, None, chat.now_ms + 60_000)
        .await
        .expect("withdrawing a reaction")
}

/// The answers to event #1, in queue order.
async fn answers(chat: &Chat) -> Vec<Rsvp> {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    let event = repo::fetch_event_by_number(&mut conn, &chat.space.key(), 1)
        .await
        .unwrap()
        .unwrap();
    repo::list_rsvps(&mut conn, event.id, 0).await.unwrap()
}

/// `who`'s answer to event #1 as stored: their standing and guests.
async fn answer_of(chat: &Chat, who: &str) -> Option<(Standing, i64)> {
    let key = user(who).key();
    answers(chat)
        .await
        .into_iter()
        .find(|r| r.user_id == key)
        .map(|r| (r.answer, r.guests))
}

#[tokio::test]
async fn a_reaction_taken_back_withdraws_its_answer_and_the_waitlist_moves_up() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = event(&chat, "--capacity 1").await;
        let going = react(&chat, "bob", card, Answer::Going, "$bob-yes", 1).await;
        assert_eq!(going.tone, Tone::Success, "{}", going.plain_text());
        react(&chat, "carol", card, Answer::Going, "$carol-yes", 2).await;
        assert_eq!(answer_of(&chat, "bob").await, Some((Standing::Going, 0)));
        assert_eq!(
            answer_of(&chat, "carol").await,
            Some((Standing::Waitlist, 0))
        );

        // Someone who may take back only their own cannot take back bob's.
        let mallory = user("mallory");
        assert!(
            !chat
                .bot
                .withdraw_reaction(&chat.space, "$bob-yes", Some(&mallory), chat.now_ms)
                .await
                .unwrap(),
            "a reaction of someone else stands"
        );
        assert_eq!(answer_of(&chat, "bob").await, Some((Standing::Going, 0)));
        let bob = user("bob");
        assert!(
            chat.bot
                .withdraw_reaction(&chat.space, "$bob-yes", Some(&bob), chat.now_ms)
                .await
                .unwrap(),
            "bob takes back his own"
        );
        assert_eq!(answer_of(&chat, "bob").await, None, "no answer any more");
        assert_eq!(
            answer_of(&chat, "carol").await,
            Some((Standing::Going, 0)),
            "the first in line moves up into the freed place"
        );
        // Carol is told she has a place, as when someone answers no.
        let (clock, platform, scheduler) = scheduled(&chat);
        clock.advance(60_000);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        assert_eq!(platform.private_to(&user("carol")).len(), 1);
        assert!(
            !take_back(&chat, "$bob-yes").await,
            "taken back once, it is forgotten"
        );
        assert!(
            !take_back(&chat, "$someone-else").await,
            "a reaction kumpul never acted on"
        );
        let other_space = SpaceId::new(Platform::Console, "elsewhere");
        assert!(
            !chat
                .bot
                .withdraw_reaction(&other_space, "$carol-yes", None, chat.now_ms)
                .await
                .unwrap(),
            "a reaction id of another space is not this one's"
        );
        assert_eq!(answer_of(&chat, "carol").await, Some((Standing::Going, 0)));
    })
    .await;
}

#[tokio::test]
async fn the_latest_standing_reaction_is_the_answer() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = event(&chat, "").await;
        react(&chat, "bob", card, Answer::Going, "$yes", 1).await;
        react(&chat, "bob", card, Answer::Maybe, "$maybe", 2).await;
        // The same millisecond: the one handled last is the latest.
        react(&chat, "bob", card, Answer::No, "$no", 2).await;
        assert_eq!(answer_of(&chat, "bob").await, Some((Standing::No, 0)));

        assert!(take_back(&chat, "$maybe").await);
        assert_eq!(
            answer_of(&chat, "bob").await,
            Some((Standing::No, 0)),
            "an older reaction taken back changes nothing"
        );
        assert!(take_back(&chat, "$no").await);
        assert_eq!(
            answer_of(&chat, "bob").await,
            Some((Standing::Going, 0)),
            "✅ still stands, so bob is going again"
        );
        assert!(take_back(&chat, "$yes").await);
        assert_eq!(answer_of(&chat, "bob").await, None);
    })
    .await;
}

#[tokio::test]
async fn a_typed_answer_stands_on_its_own() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = event(&chat, "--capacity 5").await;
        // A reaction, then a typed answer: taking the reaction back changes nothing.
        react(&chat, "bob", card, Answer::Going, "$yes", 1).await;
        chat.say("bob", "rsvp 1 maybe").await;
        assert!(
            !take_back(&chat, "$yes").await,
            "the typed answer replaced it"
        );
        assert_eq!(answer_of(&chat, "bob").await, Some((Standing::Maybe, 0)));

        // A typed answer, then reactions: taking them all back leaves the typed answer,
        // guests and all.
        chat.say("bob", "rsvp 1 going +2").await;
        react(&chat, "bob", card, Answer::No, "$no", 5).await;
        react(&chat, "bob", card, Answer::Maybe, "$maybe", 6).await;
        assert_eq!(answer_of(&chat, "bob").await, Some((Standing::Maybe, 0)));
        assert!(take_back(&chat, "$no").await);
        assert!(take_back(&chat, "$maybe").await);
        assert_eq!(
            answer_of(&chat, "bob").await,
            Some((Standing::Going, 2)),
            "bob's typed answer is his again"
        );

        // A refused reaction is not remembered: after the event is cancelled, taking it
        // back is nothing kumpul knows.
        chat.say("alice", "event cancel 1").await;
        let refused = react(&chat, "carol", card, Answer::Going, "$late", 7).await;
        assert_eq!(refused.tone, Tone::Error, "{}", refused.plain_text());
        assert!(!take_back(&chat, "$late").await);
    })
    .await;
}

#[tokio::test]
async fn a_reaction_still_takes_back_its_answer_after_the_series_moved() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = event(&chat, "--repeat \"every friday\"").await;
        react(&chat, "bob", card, Answer::Going, "$bob-yes", 1).await;
        let info = chat.say("alice", "event info 1").await.plain_text();
        assert!(info.contains("bob"), "bob answered: {info}");
        let moved = chat
            .say("alice", "event edit 1 --when \"every friday 20:00\"")
            .await;
        assert!(
            moved.plain_text().contains("20:00"),
            "{}",
            moved.plain_text()
        );
        let info = chat.say("alice", "event info 1").await.plain_text();
        assert!(
            info.contains("bob"),
            "bob's answer moved with the series: {info}"
        );

        assert!(take_back(&chat, "$bob-yes").await);
        let info = chat.say("alice", "event info 1").await.plain_text();
        assert!(
            !info.contains("bob"),
            "the reaction taken back withdrew the moved answer: {info}"
        );
    })
    .await;
}
