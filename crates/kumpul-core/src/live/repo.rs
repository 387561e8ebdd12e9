//! SQL of posted messages that are kept current.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A posted message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPosted {
    pub space_id: String,
    pub message_id: String,
    pub feature: String,
    pub item_id: i64,
    pub channel_id: Option<String>,
    pub native: bool,
    pub ended: bool,
}

fn from_row(row: &AnyRow) -> Result<StoredPosted, sqlx::Error> {
    Ok(StoredPosted {
        space_id: row.try_get("space_id")?,
        message_id: row.try_get("message_id")?,
        feature: row.try_get("feature")?,
        item_id: row.try_get("item_id")?,
        channel_id: row.try_get("channel_id")?,
        native: row.try_get::<i64, _>("native")? != 0,
        ended: row.try_get::<i64, _>("ended")? != 0,
    })
}

/// Records a posted message; recording it again changes nothing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_posted(
    conn: &mut AnyConnection,
    posted: &StoredPosted,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO live_messages (space_id, message_id, feature, item_id, channel_id, native, ended, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7) ON CONFLICT (space_id, message_id) DO NOTHING",
    )
    .bind(&posted.space_id)
    .bind(&posted.message_id)
    .bind(&posted.feature)
    .bind(posted.item_id)
    .bind(&posted.channel_id)
    .bind(i64::from(posted.native))
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// The messages that show an item and still take edits.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_posted_for(
    conn: &mut AnyConnection,
    feature: &str,
    item_id: i64,
) -> Result<Vec<StoredPosted>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT space_id, message_id, feature, item_id, channel_id, native, ended FROM live_messages \
         WHERE feature = $1 AND item_id = $2 AND ended = 0",
    )
    .bind(feature)
    .bind(item_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The item a message of a space shows, if it is one of ours.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_posted(
    conn: &mut AnyConnection,
    space_id: &str,
    message_id: &str,
) -> Result<Option<StoredPosted>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT space_id, message_id, feature, item_id, channel_id, native, ended FROM live_messages \
         WHERE space_id = $1 AND message_id = $2",
    )
    .bind(space_id)
    .bind(message_id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Marks a message as showing its item's final state.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn mark_ended(
    conn: &mut AnyConnection,
    space_id: &str,
    message_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE live_messages SET ended = 1 WHERE space_id = $1 AND message_id = $2")
        .bind(space_id)
        .bind(message_id)
        .execute(conn)
        .await?;
    Ok(())
}
