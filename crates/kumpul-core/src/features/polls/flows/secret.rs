//! Secret polls through the bot: ballots that cannot be linked to their voters after the
//! close, a card that shows nothing that changes while open, a lost key, and the keys an
//! older kumpul kept in the database.

use super::{poll_id, text};
use crate::features::polls::{card, prepare_secret_keys, repo, secret};
use crate::reply::{Tone, Visibility};
use crate::testing::{Chat, each_backend};

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
    card::live_view(&chat.bot, id).await.unwrap().unwrap().reply
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
            let stored = repo::StoredBallot {
                voter_ref: secret::legacy_ballot_ref(&old_key, &key),
                voter_name: None,
                choices: format!("{{\"choices\":{choice}}}"),
                reason: None,
                via: crate::features::polls::model::Via::Kumpul,
            };
            repo::upsert_ballot(&mut conn, id, &stored, None)
                .await
                .unwrap();
            repo::upsert_participant(&mut conn, id, &key, voter)
                .await
                .unwrap();
        }
        drop(conn);
        prepare_secret_keys(&chat.bot).await.unwrap();
        let mut conn = store.pool().acquire().await.unwrap();
        let legacy: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM poll_secrets")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(legacy, 0);
        let ballots = repo::list_ballots(&mut conn, id).await.unwrap();
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
        let hashed = repo::StoredBallot {
            voter_ref: secret::legacy_ballot_ref(&old_key, "console:bob"),
            voter_name: None,
            choices: "{\"choices\":[1]}".into(),
            reason: None,
            via: crate::features::polls::model::Via::Kumpul,
        };
        repo::upsert_ballot(&mut conn, old, &hashed, None)
            .await
            .unwrap();
        sqlx::query("UPDATE polls SET status = 'closed' WHERE id = $1")
            .bind(old)
            .execute(&mut *conn)
            .await
            .unwrap();
        drop(conn);
        prepare_secret_keys(&chat.bot).await.unwrap();
        let mut conn = store.pool().acquire().await.unwrap();
        let refs = repo::list_ballots(&mut conn, old).await.unwrap();
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
