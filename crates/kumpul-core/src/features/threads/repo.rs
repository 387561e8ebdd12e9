//! SQL of threads and the metadata of their messages.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::model::ThreadStatus;
use crate::features::polls::model::PollStatus;
use crate::store::coded;

/// A stored thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub id: i64,
    pub space_id: String,
    pub number: i64,
    pub channel_id: Option<String>,
    pub platform_thread: Option<String>,
    pub topic: String,
    pub group_id: Option<i64>,
    pub idea_id: Option<i64>,
    pub opener_id: String,
    pub opener_name: String,
    pub status: ThreadStatus,
    pub created_at: i64,
    pub last_activity_at: i64,
}

impl Thread {
    /// Whether the thread is followed (not archived).
    pub fn is_open(&self) -> bool {
        self.status == ThreadStatus::Open
    }
}

/// The metadata of one message in a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadMessage {
    pub message_id: String,
    pub author_id: String,
    pub author_name: String,
    pub sent_at: i64,
    pub reactions: i64,
    pub link: Option<String>,
}

macro_rules! select_threads {
    ($rest:literal) => {
        concat!(
            "SELECT id, space_id, number, channel_id, platform_thread, topic, group_id, idea_id, opener_id, \
             opener_name, status, created_at, last_activity_at FROM threads ",
            $rest
        )
    };
}

fn thread_from_row(row: &AnyRow) -> Result<Thread, sqlx::Error> {
    Ok(Thread {
        id: row.try_get("id")?,
        space_id: row.try_get("space_id")?,
        number: row.try_get("number")?,
        channel_id: row.try_get("channel_id")?,
        platform_thread: row.try_get("platform_thread")?,
        topic: row.try_get("topic")?,
        group_id: row.try_get("group_id")?,
        idea_id: row.try_get("idea_id")?,
        opener_id: row.try_get("opener_id")?,
        opener_name: row.try_get("opener_name")?,
        status: coded(row, "threads", "status", ThreadStatus::parse)?,
        created_at: row.try_get("created_at")?,
        last_activity_at: row.try_get("last_activity_at")?,
    })
}

/// Stores a new thread under the space's next number, which it returns.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_thread(conn: &mut AnyConnection, thread: &Thread) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO threads (id, space_id, number, channel_id, platform_thread, topic, group_id, idea_id, \
         opener_id, opener_name, status, created_at, last_activity_at) \
         SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3, NULL, $4, $5, $6, $7, $8, 'open', $9, $9 \
         FROM threads WHERE space_id = $2 RETURNING number",
    )
    .bind(thread.id)
    .bind(&thread.space_id)
    .bind(&thread.channel_id)
    .bind(&thread.topic)
    .bind(thread.group_id)
    .bind(thread.idea_id)
    .bind(&thread.opener_id)
    .bind(&thread.opener_name)
    .bind(thread.created_at)
    .fetch_one(conn)
    .await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_thread(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<Thread>, sqlx::Error> {
    let row = sqlx::query(select_threads!("WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(thread_from_row).transpose()
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_thread_by_number(
    conn: &mut AnyConnection,
    space_id: &str,
    number: i64,
) -> Result<Option<Thread>, sqlx::Error> {
    let row = sqlx::query(select_threads!("WHERE space_id = $1 AND number = $2"))
        .bind(space_id)
        .bind(number)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(thread_from_row).transpose()
}

/// The tracked thread a platform thread of a space is, if any.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_thread_by_platform(
    conn: &mut AnyConnection,
    space_id: &str,
    platform_thread: &str,
) -> Result<Option<Thread>, sqlx::Error> {
    let row = sqlx::query(select_threads!(
        "WHERE space_id = $1 AND platform_thread = $2"
    ))
    .bind(space_id)
    .bind(platform_thread)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(thread_from_row).transpose()
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_threads(
    conn: &mut AnyConnection,
    space_id: &str,
    group_id: Option<i64>,
    status: ThreadStatus,
    limit: i64,
    offset: i64,
) -> Result<Vec<Thread>, sqlx::Error> {
    let rows = sqlx::query(select_threads!(
        "WHERE space_id = $1 AND ($2 IS NULL OR group_id = $2) AND status = $3 \
         ORDER BY last_activity_at DESC, number DESC LIMIT CAST($4 AS BIGINT) OFFSET CAST($5 AS BIGINT)"
    ))
    .bind(space_id)
    .bind(group_id)
    .bind(status.code())
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    rows.iter().map(thread_from_row).collect()
}

/// How many threads with `status` the space (or one group of it) has.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_threads(
    conn: &mut AnyConnection,
    space_id: &str,
    group_id: Option<i64>,
    status: ThreadStatus,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM threads WHERE space_id = $1 AND ($2 IS NULL OR group_id = $2) \
         AND status = $3",
    )
    .bind(space_id)
    .bind(group_id)
    .bind(status.code())
    .fetch_one(conn)
    .await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_platform_thread(
    conn: &mut AnyConnection,
    id: i64,
    platform_thread: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE threads SET platform_thread = $2 WHERE id = $1")
        .bind(id)
        .bind(platform_thread)
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets the status; `false` if it already was that.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_status(
    conn: &mut AnyConnection,
    id: i64,
    status: ThreadStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE threads SET status = $2, \
         last_activity_at = CASE WHEN last_activity_at > $3 THEN last_activity_at ELSE $3 END \
         WHERE id = $1 AND status <> $2",
    )
    .bind(id)
    .bind(status.code())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Archives an open thread that has had no activity after `quiet_since`; `false` if it
/// is not open or someone wrote since (the condition is part of the update, so a message
/// racing the archiving either counts or finds the thread archived).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn archive_if_quiet(
    conn: &mut AnyConnection,
    id: i64,
    quiet_since: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE threads SET status = 'archived' WHERE id = $1 AND status = 'open' \
         AND last_activity_at <= $2",
    )
    .bind(id)
    .bind(quiet_since)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Records a message's metadata (once) and the thread's activity, if the thread is open;
/// `false` if it is not (an archived thread gets no activity). The activity update goes
/// first and checks the status as it writes, which locks the thread's row (SQLite: the
/// write lock) for the rest of the transaction: in one transaction, a message racing a
/// close is either recorded before it or not at all.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_message(
    conn: &mut AnyConnection,
    thread_id: i64,
    message: &ThreadMessage,
) -> Result<bool, sqlx::Error> {
    let open: Option<String> = sqlx::query_scalar(
        "UPDATE threads SET last_activity_at = CASE WHEN last_activity_at < $2 THEN $2 \
         ELSE last_activity_at END WHERE id = $1 AND status = 'open' RETURNING status",
    )
    .bind(thread_id)
    .bind(message.sent_at)
    .fetch_optional(&mut *conn)
    .await?;
    if open.is_none() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO thread_messages (thread_id, message_id, author_id, author_name, sent_at, reactions, link) \
         VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (thread_id, message_id) DO NOTHING",
    )
    .bind(thread_id)
    .bind(&message.message_id)
    .bind(&message.author_id)
    .bind(&message.author_name)
    .bind(message.sent_at)
    .bind(&message.link)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Counts a reaction added (+1) or removed (-1) on a message of an open thread (an
/// archived thread gets no activity; the status is checked by the update itself).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn add_reaction(
    conn: &mut AnyConnection,
    space_id: &str,
    message_id: &str,
    delta: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE thread_messages SET reactions = CASE WHEN reactions + $3 < 0 THEN 0 ELSE reactions + $3 END \
         WHERE message_id = $2 AND thread_id IN (SELECT id FROM threads WHERE space_id = $1 AND status = 'open')",
    )
    .bind(space_id)
    .bind(message_id)
    .bind(delta)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_messages(
    conn: &mut AnyConnection,
    thread_id: i64,
) -> Result<Vec<ThreadMessage>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT message_id, author_id, author_name, sent_at, reactions, link FROM thread_messages \
         WHERE thread_id = $1 ORDER BY sent_at",
    )
    .bind(thread_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ThreadMessage {
                message_id: row.try_get("message_id")?,
                author_id: row.try_get("author_id")?,
                author_name: row.try_get("author_name")?,
                sent_at: row.try_get("sent_at")?,
                reactions: row.try_get("reactions")?,
                link: row.try_get("link")?,
            })
        })
        .collect()
}

/// Polls started inside a thread's channel (Discord threads are channels).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_polls_in_channel(
    conn: &mut AnyConnection,
    space_id: &str,
    channel_id: &str,
) -> Result<Vec<(i64, String, PollStatus)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT number, question, status FROM polls WHERE space_id = $1 AND channel_id = $2 ORDER BY number",
    )
    .bind(space_id)
    .bind(channel_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("number")?,
                row.try_get("question")?,
                coded(row, "polls", "status", PollStatus::parse)?,
            ))
        })
        .collect()
}
