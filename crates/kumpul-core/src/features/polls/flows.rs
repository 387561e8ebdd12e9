//! Whole conversations about polls through the bot, on every backend.

use std::sync::Arc;

use crate::identity::Role;
use crate::reply::{Tone, Visibility};
use crate::testing::{Chat, FakePlatform, each_backend, user};

fn text(reply: &crate::reply::Reply) -> String {
    reply.plain_text()
}

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
        assert_eq!(card.actions.len(), 4, "three options and results");
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
                "Round 1: Dune 2 · Emma 2 · Ulysses 1 (exhausted 0) → Ulysses eliminated"
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
async fn a_secret_ballot_cannot_be_linked_to_its_voter_after_close() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        chat.say(
            "alice",
            "poll create Treasurer? | Ana | Budi | Citra --voters secret",
        )
        .await;
        // Voters in an order unrelated to their names.
        let voters = [
            ("zoe", "3"),
            ("adi", "1"),
            ("mira", "2"),
            ("bayu", "3"),
            ("kiki", "1"),
            ("eko", "2"),
        ];
        for (who, choice) in voters {
            chat.say(who, &format!("poll vote 1 {choice}")).await;
        }
        chat.say("zoe", "poll vote 1 2").await; // changing a secret vote works while open
        let results = text(&chat.say("alice", "poll close 1").await);
        assert!(results.contains("6 ballots"), "{results}");

        let mut conn = store.pool().acquire().await.unwrap();
        let poll_id: i64 = sqlx::query_scalar("SELECT id FROM polls")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert!(
            chat.bot.poll_keys().read(poll_id).await.unwrap().is_none(),
            "the key is gone"
        );
        let legacy: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM poll_secrets")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(legacy, 0, "no key ever in the database");
        let rows: Vec<(String, Option<String>, String, Option<i64>)> =
            sqlx::query_as("SELECT voter_ref, voter_name, choices, cast_at FROM ballots")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        assert_eq!(rows.len(), 6);
        for (reference, name, choices, cast_at) in &rows {
            assert_eq!(
                (name, cast_at),
                (&None, &None),
                "no name and no time on a secret ballot"
            );
            assert_eq!(reference.len(), 32, "a fresh random reference");
            assert!(choices.starts_with('{'), "readable once sealed: {choices}");
        }
        // The attacks on the stored files (keys, transactions, order, times) are in
        // `privacy_tests`.
        let participant_columns: Vec<String> =
            sqlx::query_scalar("SELECT voter_id FROM poll_participants ORDER BY voter_id")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        assert_eq!(participant_columns.len(), 6);
        let dump = format!("{rows:?}");
        for (voter, _) in voters {
            assert!(!dump.contains(voter), "{voter} appears next to a ballot");
        }
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

#[tokio::test]
async fn a_vote_button_casts_that_option_and_the_results_button_shows_results() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = chat.say("alice", "poll create Lunch? | soto | bakso").await;
        let bakso = card
            .actions
            .iter()
            .find(|a| a.label == "bakso")
            .unwrap()
            .id
            .clone();
        let results = card.actions.last().unwrap().id.clone();
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
        assert!(card.actions.iter().all(|a| !a.id.encode().starts_with("k1:poll:vote:")));
        let menu = &card.selects[0];
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
            .native_poll
            .expect("multiple choice with public voters is a native poll");
        assert_eq!(native.max_selections, 2);

        let proposal = chat
            .say("alice", "poll create Paint it green --kind consent")
            .await;
        assert!(proposal.native_poll.is_none());
        let block = proposal
            .actions
            .iter()
            .find(|a| a.id.encode().ends_with("/block"))
            .unwrap();
        let voted = chat.bot.handle_action(&inv, &block.id).await;
        assert!(text(&voted).contains("saved: Block"), "{}", text(&voted));

        let ranked = chat
            .say("alice", "poll create Best film? | a | b | c --kind ranked")
            .await;
        let button = ranked
            .actions
            .iter()
            .find(|a| a.id.encode().starts_with("k1:poll:ballot:"))
            .unwrap();
        let asked = chat.bot.handle_action(&inv, &button.id).await;
        let form = asked.form.clone().expect("the button opens a form");
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
                hidden.native_poll.is_none(),
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
        let anchor: Anchor = card.anchor.expect("a poll card is anchored");
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
            last.reply.actions.is_empty(),
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

#[tokio::test]
async fn a_secret_poll_shows_nothing_that_changes_until_it_closes() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let refused = chat
            .say(
                "alice",
                "poll create Chair? | Ana | Budi --voters secret --results live",
            )
            .await;
        assert_eq!(refused.tone, Tone::Error);
        assert!(
            text(&refused).contains("--results after-close"),
            "{}",
            text(&refused)
        );
        // A public poll with live results: each vote marks its card for an edit.
        chat.say("alice", "poll create Lunch? | soto | bakso --voters public")
            .await;
        chat.say("bob", "poll vote 1 1").await;
        let card = crate::reply::Anchor {
            kind: crate::vocab::AnchorKind::Poll,
            id: poll_id(&chat, 1).await,
        };
        assert!(chat.bot.live().dirty().contains(&card));

        chat.say("alice", "poll create Chair? | Ana | Budi --voters secret")
            .await;
        let secret = crate::reply::Anchor {
            kind: crate::vocab::AnchorKind::Poll,
            id: poll_id(&chat, 2).await,
        };
        let before = refreshed_card(&chat, secret.id).await;
        for (who, choice) in [("bob", "1"), ("carol", "2"), ("bob", "2")] {
            let voted = chat.say(who, &format!("poll vote 2 {choice}")).await;
            assert_eq!(voted.visibility, Visibility::Private, "{}", text(&voted));
            assert!(
                !chat.bot.live().dirty().contains(&secret),
                "a vote must not change the secret poll's public message"
            );
            assert_eq!(
                refreshed_card(&chat, secret.id).await,
                before,
                "the card as it would be drawn now is the card before any vote"
            );
        }
        for who in ["alice", "bob"] {
            let hidden = chat.say(who, "poll results 2").await;
            assert_eq!(hidden.tone, Tone::Error, "{}", text(&hidden));
            let export = chat.say(who, "poll export 2").await;
            assert!(export.attachments.is_empty());
        }
        let closed = text(&chat.say("alice", "poll close 2").await);
        assert!(closed.contains("2 ballots"), "{closed}");
        assert!(
            chat.bot.live().dirty().contains(&secret),
            "closing shows results"
        );
    })
    .await;
}

/// A poll's card as it would be drawn now.
async fn refreshed_card(chat: &Chat, id: i64) -> crate::reply::Reply {
    super::card::live_view(&chat.bot, id)
        .await
        .unwrap()
        .unwrap()
        .reply
}

async fn poll_id(chat: &Chat, number: i64) -> i64 {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    super::repo::fetch_poll_by_number(&mut conn, &chat.space.key(), number)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_lost_key_refuses_votes_and_the_results_say_how_many_were_not_counted() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "poll create Chair? | Ana | Budi --voters secret")
            .await;
        chat.say("bob", "poll vote 1 1").await;
        chat.say("carol", "poll vote 1 2").await;
        let id = poll_id(&chat, 1).await;
        chat.bot.poll_keys().destroy(id).await.unwrap();
        let refused = chat.say("dave", "poll vote 1 1").await;
        assert_eq!(refused.tone, Tone::Error);
        assert!(
            text(&refused).contains("secret key is missing"),
            "{}",
            text(&refused)
        );
        let results = text(&chat.say("alice", "poll close 1").await);
        assert!(
            results.contains("2 ballots could not be counted"),
            "{results}"
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
        let card = super::card::live_view(&chat.bot, poll_id(&chat, 1).await)
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
async fn an_open_secret_poll_of_an_older_kumpul_moves_its_key_out_of_the_database() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        chat.say(
            "alice",
            "poll create Chair? | Ana | Budi | Citra --voters secret",
        )
        .await;
        let id = poll_id(&chat, 1).await;
        // Make it look like a poll opened before migration 0009: key in the table,
        // readable ballots under the old keyed hash.
        chat.bot.poll_keys().destroy(id).await.unwrap();
        let old_key = "ab".repeat(32);
        let mut conn = store.pool().acquire().await.unwrap();
        sqlx::query("INSERT INTO poll_secrets (poll_id, secret) VALUES ($1, $2)")
            .bind(id)
            .bind(&old_key)
            .execute(&mut *conn)
            .await
            .unwrap();
        for (voter, choice) in [("bob", "[0]"), ("carol", "[2]")] {
            let key = format!("console:{voter}");
            let stored = super::repo::StoredBallot {
                voter_ref: super::secret::legacy_ballot_ref(&old_key, &key),
                voter_name: None,
                choices: format!("{{\"choices\":{choice}}}"),
                reason: None,
            };
            super::repo::upsert_ballot(&mut conn, id, &stored, None)
                .await
                .unwrap();
            super::repo::upsert_participant(&mut conn, id, &key, voter)
                .await
                .unwrap();
        }
        drop(conn);
        super::prepare_secret_keys(&chat.bot).await.unwrap();
        let mut conn = store.pool().acquire().await.unwrap();
        let legacy: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM poll_secrets")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(legacy, 0);
        let ballots = super::repo::list_ballots(&mut conn, id).await.unwrap();
        assert_eq!(ballots.len(), 2);
        for ballot in &ballots {
            assert!(
                !ballot.choices.contains('{'),
                "sealed now: {}",
                ballot.choices
            );
        }
        drop(conn);
        // A closed poll of the older kumpul keeps no keyed hash of its voters.
        chat.say("alice", "poll create Old? | x | y --voters secret")
            .await;
        let old = poll_id(&chat, 2).await;
        let mut conn = store.pool().acquire().await.unwrap();
        let hashed = super::repo::StoredBallot {
            voter_ref: super::secret::legacy_ballot_ref(&old_key, "console:bob"),
            voter_name: None,
            choices: "{\"choices\":[1]}".into(),
            reason: None,
        };
        super::repo::upsert_ballot(&mut conn, old, &hashed, None)
            .await
            .unwrap();
        sqlx::query("UPDATE polls SET status = 'closed' WHERE id = $1")
            .bind(old)
            .execute(&mut *conn)
            .await
            .unwrap();
        drop(conn);
        super::prepare_secret_keys(&chat.bot).await.unwrap();
        let mut conn = store.pool().acquire().await.unwrap();
        let refs = super::repo::list_ballots(&mut conn, old).await.unwrap();
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].voter_ref.len(), 32, "a fresh random reference");
        assert_eq!(refs[0].choices, hashed.choices);
        drop(conn);
        // Carol can still change her vote; both ballots count at close.
        chat.say("carol", "poll vote 1 2").await;
        let results = text(&chat.say("alice", "poll close 1").await);
        assert!(results.contains("2 ballots"), "{results}");
        assert!(!results.contains("could not be counted"), "{results}");
    })
    .await;
}
