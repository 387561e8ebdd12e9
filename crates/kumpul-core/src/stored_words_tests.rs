//! A stored word kumpul does not know fails to read, on every backend, naming its table,
//! column and word; it is never taken for a default. Such a word comes from a row written
//! by something else (a newer kumpul before a downgrade, a hand edit), and a guess could
//! reopen a closed poll or show results before they may be seen.
//!
//! Each typed column gets its own item, made through the bot; one word of it is then
//! replaced with raw SQL (the tables have no CHECK on these columns), and the repository
//! function that reads it must fail.

use sqlx::AnyConnection;

use crate::features::{events, ideas, polls, reminders, threads};
use crate::reply::Tone;
use crate::scheduler::repo as jobs;
use crate::testing::{Chat, each_backend};

/// What no version of kumpul writes.
const UNKNOWN: &str = "from-elsewhere";

/// `text`, which must not be refused.
async fn done(chat: &Chat, text: &str) {
    let reply = chat.say("alice", text).await;
    assert_ne!(reply.tone, Tone::Error, "{text}: {}", reply.plain_text());
}

/// Replaces `column` with [`UNKNOWN`] in the rows of `table` whose `key` is `value`.
async fn store_unknown(
    conn: &mut AnyConnection,
    table: &str,
    column: &str,
    (key, value): (&str, i64),
) {
    // The names are this file's own constants.
    let sql = format!("UPDATE {table} SET {column} = $1 WHERE {key} = $2");
    let changed = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
        .bind(UNKNOWN)
        .bind(value)
        .execute(conn)
        .await
        .unwrap();
    assert!(changed.rows_affected() > 0, "{sql}");
}

fn assert_refused<T: std::fmt::Debug>(read: Result<T, sqlx::Error>, table: &str, column: &str) {
    let error = match read {
        Ok(value) => panic!("{table}.{column} = {UNKNOWN:?} was read as {value:?}"),
        Err(error) => error,
    };
    assert!(
        matches!(&error, sqlx::Error::ColumnDecode { index, .. } if index == column),
        "{error:?}"
    );
    let shown = error.to_string();
    assert!(
        shown.contains(&format!("{table}.{column}")) && shown.contains(UNKNOWN),
        "{shown}"
    );
}

#[tokio::test]
async fn an_unknown_word_in_a_poll_column_is_an_error_not_a_default() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        for poll in [
            "poll create Lunch? | soto | bakso",
            "poll create Dinner? | soto | bakso",
            "poll create Breakfast? | soto | bakso",
            "poll create Paint it green --kind consent",
            "poll create Supper? | soto | bakso",
        ] {
            done(&chat, poll).await;
        }
        let space = chat.space.key();
        let mut conn = store.pool().acquire().await.unwrap();
        for (number, column) in [
            (1, "kind"),
            (2, "results"),
            (3, "voters"),
            (4, "consent_rule"),
            (5, "status"),
        ] {
            store_unknown(&mut conn, "polls", column, ("number", number)).await;
            let read = polls::repo::fetch_poll_by_number(&mut conn, &space, number).await;
            assert_refused(read, "polls", column);
        }
        let supper: i64 = sqlx::query_scalar("SELECT id FROM polls WHERE number = 5")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let locked = polls::repo::lock_poll(&mut conn, store.backend(), supper).await;
        assert_refused(locked, "polls", "status");
    })
    .await;
}

#[tokio::test]
async fn an_unknown_word_in_an_event_column_is_an_error_not_a_default() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        done(&chat, "event create tomorrow 19:00 Picnic").await;
        done(&chat, "event create every thursday 19:00 Choir").await;
        done(&chat, "event cancel 2 --only-next").await;
        done(&chat, "event create tomorrow 19:00 Walk").await;
        done(&chat, "rsvp 3 going").await;
        let space = chat.space.key();
        let mut conn = store.pool().acquire().await.unwrap();

        store_unknown(&mut conn, "events", "status", ("number", 1)).await;
        let read = events::repo::fetch_event_by_number(&mut conn, &space, 1).await;
        assert_refused(read, "events", "status");

        let series: i64 = sqlx::query_scalar("SELECT id FROM events WHERE number = 2")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        let exceptions = ("event_id", series);
        store_unknown(&mut conn, "event_exceptions", "status", exceptions).await;
        let read = events::repo::list_exceptions(&mut conn, series).await;
        assert_refused(read, "event_exceptions", "status");

        let (walk, occurrence): (i64, i64) =
            sqlx::query_as("SELECT event_id, occurrence FROM rsvps")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
        store_unknown(&mut conn, "rsvps", "answer", ("event_id", walk)).await;
        let read = events::repo::list_rsvps(&mut conn, walk, occurrence).await;
        assert_refused(read, "rsvps", "answer");
    })
    .await;
}

#[tokio::test]
async fn an_unknown_status_of_a_reminder_thread_idea_or_job_is_an_error_not_a_default() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        done(&chat, "remind me tomorrow 7pm to call mom").await;
        done(&chat, "thread start Plans").await;
        done(&chat, "idea add A picnic in the park").await;
        let space = chat.space.key();
        let mut conn = store.pool().acquire().await.unwrap();
        let (job, key): (i64, String) =
            sqlx::query_as("SELECT id, idempotency_key FROM jobs WHERE kind = 'reminder'")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
        let idea: i64 = sqlx::query_scalar("SELECT id FROM ideas")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        for table in ["reminders", "threads", "ideas"] {
            store_unknown(&mut conn, table, "status", ("number", 1)).await;
        }
        store_unknown(&mut conn, "jobs", "status", ("id", job)).await;

        let read = reminders::repo::fetch_reminder_by_number(&mut conn, &space, 1).await;
        assert_refused(read, "reminders", "status");
        let read = threads::repo::fetch_thread_by_number(&mut conn, &space, 1).await;
        assert_refused(read, "threads", "status");
        let read = ideas::repo::fetch_idea_by_number(&mut conn, &space, 1).await;
        assert_refused(read, "ideas", "status");
        let locked = ideas::repo::lock_idea(&mut conn, store.backend(), idea, false).await;
        assert_refused(locked, "ideas", "status");
        let read = jobs::fetch_job_status(&mut conn, &key).await;
        assert_refused(read, "jobs", "status");
    })
    .await;
}
