//! Each kind of poll through the bot, and the rules around them: who sees results when,
//! group polls and nudges, exports, deadlines, many votes at once.

use std::sync::Arc;

use super::{poll_id, text};
use crate::identity::Role;
use crate::reply::{Tone, Visibility};
use crate::testing::{Chat, each_backend, user};

#[tokio::test]
async fn a_single_choice_poll_counts_changes_and_retractions() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = chat
            .say(
                "alice",
                "poll create Where shall we eat? | pizza | sushi | tacos",
            )
            .await;
        assert_eq!(card.visibility, Visibility::Public);
        assert!(
            text(&card).contains("#1 Where shall we eat?"),
            "{}",
            text(&card)
        );
        assert!(text(&card).contains("`poll vote 1 1`"), "{}", text(&card));
        assert_eq!(card.actions().len(), 4, "three options and results");
        for (who, choice) in [("alice", "1"), ("bob", "sushi"), ("carol", "1")] {
            let voted = chat.say(who, &format!("poll vote 1 {choice}")).await;
            assert_eq!(voted.tone, Tone::Success, "{}", text(&voted));
            assert_eq!(voted.visibility, Visibility::Private);
        }
        chat.say("carol", "poll vote 1 3").await;
        chat.say("bob", "poll retract 1").await;
        let results = text(&chat.say("dave", "poll results 1").await);
        assert!(results.contains("2 ballots"), "{results}");
        assert!(
            results.contains("1. pizza ██████████░░░░░░░░░░ 50% (1)"),
            "{results}"
        );
        assert!(
            results.contains("3. tacos ██████████░░░░░░░░░░ 50% (1)"),
            "{results}"
        );
        assert!(
            !results.contains("alice"),
            "private polls show no names: {results}"
        );
        let bad = chat.say("dave", "poll vote 1 7").await;
        assert!(text(&bad).contains("7 is not an option"), "{}", text(&bad));
    })
    .await;
}

#[tokio::test]
async fn a_ranked_poll_shows_each_round_and_the_winner() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say(
            "alice",
            "poll create Next book? | Dune | Emma | Ulysses --kind ranked --voters public",
        )
        .await;
        for (who, ranking) in [
            ("a", "1 2"),
            ("b", "1"),
            ("c", "2 3"),
            ("d", "3 2"),
            ("e", "2"),
        ] {
            let reply = chat.say(who, &format!("poll vote 1 {ranking}")).await;
            assert_eq!(reply.tone, Tone::Success, "{}", text(&reply));
        }
        let results = text(&chat.say("alice", "poll results 1").await);
        assert!(
            results.contains(
                "Round 1: Dune 2 · Emma 2 · Ulysses 1 (0 ballots exhausted) → Ulysses eliminated"
            ),
            "{results}"
        );
        assert!(
            results.contains("Winner after instant-runoff: Emma"),
            "{results}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_consent_proposal_is_blocked_by_a_block_with_its_reason() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say(
            "alice",
            "poll create Move meetings to Thursdays? --kind consent --voters public",
        )
        .await;
        chat.say("alice", "poll vote 1 agree").await;
        chat.say("bob", "poll vote 1 agree").await;
        chat.say("carol", "poll vote 1 block: I work late on Thursdays")
            .await;
        let closed = chat.say("alice", "poll close 1").await;
        let results = text(&closed);
        assert_eq!(closed.visibility, Visibility::Public);
        assert!(
            results.contains("Outcome: the proposal is blocked."),
            "{results}"
        );
        assert!(
            results.contains("Block (carol): I work late on Thursdays"),
            "{results}"
        );
        let late = chat.say("dave", "poll vote 1 agree").await;
        assert!(text(&late).contains("is closed"), "{}", text(&late));
    })
    .await;
}

#[tokio::test]
async fn find_a_time_shows_slots_in_the_readers_zone_and_picks_the_best() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say_as("mia", Role::Moderator, "settings timezone WIB")
            .await;
        let card = chat
            .say(
                "alice",
                "poll create Meet when? | tomorrow 19:00 | in 2 days at 10am --kind time",
            )
            .await;
        assert!(text(&card).contains("19:00 WIB"), "{}", text(&card));
        chat.say("alice", "poll vote 1 yes maybe").await;
        chat.say("bob", "poll vote 1 no yes").await;
        chat.say("carol", "poll vote 1 yes yes").await;
        let results = text(&chat.say("alice", "poll results 1").await);
        assert!(results.contains("yes 2 · maybe 0 · no 1"), "{results}");
        assert!(results.contains("yes 2 · maybe 1 · no 0"), "{results}");
        assert!(
            results.contains("Best time:") && results.contains("10:00 WIB"),
            "{results}"
        );
    })
    .await;
}

#[tokio::test]
async fn results_visibility_is_enforced() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "poll create A? | x | y --results after-close")
            .await;
        chat.say("alice", "poll create B? | x | y --results after-vote")
            .await;
        assert!(text(&chat.say("bob", "poll results 1").await).contains("shown when it closes"));
        assert!(text(&chat.say("bob", "poll results 2").await).contains("once you have voted"));
        chat.say("bob", "poll vote 2 1").await;
        assert!(text(&chat.say("bob", "poll results 2").await).contains("1 ballot"));
        let denied = chat.say("bob", "poll close 1").await;
        assert!(
            text(&denied).contains("Only the creator"),
            "{}",
            text(&denied)
        );
        chat.say_as("mia", Role::Moderator, "poll close 1").await;
        assert!(text(&chat.say("bob", "poll results 1").await).contains("Final results"));
    })
    .await;
}

#[tokio::test]
async fn group_polls_take_votes_from_members_and_nudge_the_rest() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "group create hiking").await;
        chat.say("bob", "group join hiking").await;
        chat.say("carol", "group join hiking").await;
        chat.say(
            "alice",
            "poll create Saturday or Sunday? | Saturday | Sunday --group hiking",
        )
        .await;
        let outsider = chat.say("dave", "poll vote 1 1").await;
        assert!(
            text(&outsider).contains("only for the members"),
            "{}",
            text(&outsider)
        );
        chat.say("bob", "poll vote 1 2").await;
        let nudge = chat.say("alice", "poll nudge 1").await;
        assert_eq!(nudge.mentions.users, [user("alice"), user("carol")]);
        let again = chat.say("alice", "poll nudge 1").await;
        assert!(
            text(&again).contains("less than an hour ago"),
            "{}",
            text(&again)
        );
    })
    .await;
}

#[tokio::test]
async fn export_has_a_voter_column_only_for_public_polls() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "poll create Open? | a, b | =cmd --voters public")
            .await;
        chat.say("alice", "poll create Hidden? | a | b").await;
        chat.say("bob", "poll vote 1 2").await;
        chat.say("bob", "poll vote 2 1").await;
        let public = chat.say("alice", "poll export 1").await;
        let csv = String::from_utf8(public.attachments[0].data.clone()).unwrap();
        assert_eq!(csv, "voter,\"a, b\",'=cmd\nbob,0,1\n");
        let private = chat.say("alice", "poll export 2").await;
        assert_eq!(private.attachments[0].name, "poll-2.csv");
        assert_eq!(
            String::from_utf8(private.attachments[0].data.clone()).unwrap(),
            "a,b\n1,0\n"
        );
    })
    .await;
}

#[tokio::test]
async fn results_and_exports_of_a_group_poll_are_for_its_members() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "group create hiking").await;
        chat.say("bob", "group join hiking").await;
        chat.say("alice", "poll create Trail? | north | south --group hiking")
            .await;
        chat.say("bob", "poll vote 1 1").await;
        for command in ["poll results 1", "poll export 1"] {
            let outsider = chat.say("dave", command).await;
            assert_eq!(outsider.tone, Tone::Error, "{command}: {}", text(&outsider));
            assert!(text(&outsider).contains("hiking"), "{}", text(&outsider));
            assert!(outsider.attachments.is_empty());
            let member = chat.say("bob", command).await;
            assert_ne!(member.tone, Tone::Error, "{command}: {}", text(&member));
            let moderator = chat.say_as("mod", Role::Moderator, command).await;
            assert_ne!(
                moderator.tone,
                Tone::Error,
                "{command}: {}",
                text(&moderator)
            );
        }
        let announced = chat.say("alice", "poll close 1").await;
        assert_eq!(announced.visibility, Visibility::Public);
        assert!(
            !text(&announced).contains("ballot") && !text(&announced).contains("north"),
            "a group's results are not posted for everyone: {}",
            text(&announced)
        );
        let card = crate::features::polls::card::live_view(&chat.bot, poll_id(&chat, 1).await)
            .await
            .unwrap()
            .unwrap();
        assert!(
            !text(&card.reply).contains("ballot"),
            "{}",
            text(&card.reply)
        );
        let after = chat.say("dave", "poll results 1").await;
        assert_eq!(after.tone, Tone::Error, "still members only once closed");
    })
    .await;
}

#[tokio::test]
async fn a_deadline_closes_the_poll_through_the_scheduler() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        let (clock, platform, scheduler) = crate::testing::scheduled(&chat);
        let card = chat
            .say(
                "alice",
                "poll create Lunch? | soto | bakso --closes in 2 hours",
            )
            .await;
        assert!(text(&card).contains("Closes"), "{}", text(&card));
        chat.say("bob", "poll vote 1 2").await;
        clock.advance(2 * 3_600_000);
        chat.now_ms += 2 * 3_600_000;
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        let shown = platform.shown();
        assert_eq!(shown.len(), 1);
        let announcement = shown[0].reply.plain_text();
        assert!(
            announcement.contains("Final results of #1") && announcement.contains("2. bakso"),
            "{announcement}"
        );
        assert!(shown[0].reply.mentions.is_empty(), "closing pings nobody");
        let late = chat.say("carol", "poll vote 1 1").await;
        assert!(text(&late).contains("is closed"));
    })
    .await;
}

#[tokio::test]
async fn a_thousand_concurrent_votes_are_each_counted_once() {
    each_backend(|store| async move {
        let chat = Arc::new(Chat::new(store));
        chat.say("alice", "poll create Colour? | red | green | blue")
            .await;
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..1000 {
            let chat = chat.clone();
            tasks.spawn(async move {
                let reply = chat
                    .say(&format!("voter{i}"), &format!("poll vote 1 {}", i % 3 + 1))
                    .await;
                assert_eq!(reply.tone, Tone::Success, "{}", reply.plain_text());
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap();
        }
        let results = text(&chat.say("alice", "poll results 1").await);
        assert!(results.contains("1000 ballots"), "{results}");
        assert!(
            results.contains("(334)") && results.contains("(333)"),
            "{results}"
        );
    })
    .await;
}
