//! Voting with a click: buttons, menus, consent buttons and ballot forms, and the poll's
//! public message kept up to date as votes arrive.

use std::sync::Arc;

use super::text;
use crate::identity::Role;
use crate::reply::Tone;
use crate::testing::{Chat, FakePlatform, each_backend};

#[tokio::test]
async fn a_vote_button_casts_that_option_and_the_results_button_shows_results() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = chat.say("alice", "poll create Lunch? | soto | bakso").await;
        let bakso = card
            .actions()
            .iter()
            .find(|a| a.label == "bakso")
            .unwrap()
            .id
            .clone();
        let results = card.actions().last().unwrap().id.clone();
        let inv = chat.invocation("bob", Role::Member, None);
        let voted = chat.bot.handle_action(&inv, &bakso).await;
        assert!(text(&voted).contains("saved: bakso"), "{}", text(&voted));
        let shown = chat.bot.handle_action(&inv, &results).await;
        assert!(
            text(&shown).contains("2. bakso ████████████████████ 100% (1)"),
            "{}",
            text(&shown)
        );
    })
    .await;
}

#[tokio::test]
async fn menus_consent_buttons_and_ballot_forms_each_cast_a_whole_ballot() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let inv = chat.invocation("bob", Role::Member, None);

        let card = chat
            .say(
                "alice",
                "poll create Snacks? | chips | nuts | fruit --kind multiple --max 2 --voters public",
            )
            .await;
        assert!(card.actions().iter().all(|a| !a.id.encode().starts_with("k1:poll:vote:")));
        let menu = &card.selects()[0];
        assert_eq!((menu.min, menu.max, menu.choices.len()), (1, 2, 3));
        assert_eq!(menu.choices[2].value, "3");
        let picked = ["1".to_owned(), "3".to_owned()];
        let voted = chat.bot.handle_input(&inv, &menu.id, &picked).await;
        assert!(
            text(&voted).contains("saved: chips, fruit"),
            "{}",
            text(&voted)
        );
        let native = card
            .native_poll()
            .expect("multiple choice with public voters is a native poll");
        assert_eq!(native.max_selections, 2);

        let proposal = chat
            .say("alice", "poll create Paint it green --kind consent")
            .await;
        assert!(proposal.native_poll().is_none());
        let block = proposal
            .actions()
            .iter()
            .find(|a| a.id.encode().ends_with("/block"))
            .unwrap();
        let voted = chat.bot.handle_action(&inv, &block.id).await;
        assert!(text(&voted).contains("saved: Block"), "{}", text(&voted));

        let ranked = chat
            .say("alice", "poll create Best film? | a | b | c --kind ranked")
            .await;
        let button = ranked
            .actions()
            .iter()
            .find(|a| a.id.encode().starts_with("k1:poll:ballot:"))
            .unwrap();
        let asked = chat.bot.handle_action(&inv, &button.id).await;
        let form = asked.form().cloned().expect("the button opens a form");
        assert_eq!(form.placeholder, "3 2 1");
        assert!(
            text(&asked).contains("`poll vote 3 3 2 1`"),
            "the form's text says what to type"
        );
        let voted = chat
            .bot
            .handle_input(&inv, &form.id, &["2 3 1".to_owned()])
            .await;
        assert!(
            text(&voted).contains("saved: 1. b, 2. c, 3. a"),
            "{}",
            text(&voted)
        );
        let bad = chat
            .bot
            .handle_input(&inv, &form.id, &["2 2".to_owned()])
            .await;
        assert_eq!(bad.tone, Tone::Error);
        for voters in ["private", "secret"] {
            let hidden = chat
                .say(
                    "alice",
                    &format!("poll create Hidden? | a | b --voters {voters}"),
                )
                .await;
            assert!(
                hidden.native_poll().is_none(),
                "a native response would show the room what a {voters} voter chose"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn live_messages_show_every_vote_with_few_edits_and_end_on_close() {
    use crate::live;
    use crate::reply::Anchor;

    each_backend(|store| async move {
        let chat = Arc::new(Chat::new(store));
        let card = chat.say("alice", "poll create Colour? | red | blue").await;
        let anchor: Anchor = card.anchor().expect("a poll card is anchored");
        chat.bot
            .record_posted(anchor, &chat.space, None, "message-1", false)
            .await
            .unwrap();
        let platform = Arc::new(FakePlatform::default());
        let cancel = tokio_util::sync::CancellationToken::new();
        let interval = std::time::Duration::from_millis(300);
        let runner = tokio::spawn(live::run(
            chat.bot.clone(),
            platform.clone(),
            interval,
            cancel.clone(),
        ));
        let started = std::time::Instant::now();
        for i in 0..40 {
            chat.say(&format!("voter{i}"), &format!("poll vote 1 {}", i % 2 + 1))
                .await;
        }
        // Let the last interval pass, then close: the closing view is the last one.
        tokio::time::sleep(interval * 2).await;
        let elapsed = started.elapsed();
        let closed = chat.say("alice", "poll close 1").await;
        assert_eq!(closed.tone, Tone::Success);
        for _ in 0..50 {
            if platform.updates().iter().any(|(_, v)| v.ended) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        cancel.cancel();
        runner.await.unwrap().unwrap();
        let updates = platform.updates();
        let before_close = updates.iter().filter(|(_, v)| !v.ended).count() as u128;
        assert!(
            before_close <= elapsed.as_millis() / interval.as_millis() + 1,
            "{before_close} edits in {elapsed:?}"
        );
        let (posted, last) = updates.last().unwrap();
        assert_eq!(posted.message_id, "message-1");
        assert!(last.ended);
        let shown = text(&last.reply);
        assert!(shown.contains("40 ballots"), "{shown}");
        assert!(shown.contains("(20)"), "{shown}");
        assert!(
            last.reply.actions().is_empty(),
            "a closed poll has no buttons"
        );
        // Ended messages take no more edits.
        chat.bot.live().touch(anchor);
        live::refresh(&chat.bot, platform.as_ref(), anchor)
            .await
            .unwrap();
        assert_eq!(platform.updates().len(), updates.len());
    })
    .await;
}
