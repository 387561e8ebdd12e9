//! The `ballots` and `poll_participants` tables: each voter's ballot, written only while
//! its poll is open, and who took part.

use futures_util::TryStreamExt;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::features::polls::model::Via;
use crate::identity::{Platform, SpaceId};
use crate::store::{Backend, coded};

/// A stored ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBallot {
    pub voter_ref: String,
    pub voter_name: Option<String>,
    pub choices: String,
    pub reason: Option<String>,
    /// Which way it came in: the platform's own poll or any other way.
    pub via: Via,
}

/// Stores or replaces a voter's ballot.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upsert_ballot(
    conn: &mut AnyConnection,
    poll_id: i64,
    ballot: &StoredBallot,
    cast_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ballots (poll_id, voter_ref, voter_name, choices, reason, cast_at, via) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (poll_id, voter_ref) DO UPDATE SET voter_name = excluded.voter_name, choices = excluded.choices, \
         reason = excluded.reason, cast_at = excluded.cast_at, via = excluded.via",
    )
    .bind(poll_id)
    .bind(&ballot.voter_ref)
    .bind(&ballot.voter_name)
    .bind(&ballot.choices)
    .bind(&ballot.reason)
    .bind(cast_at)
    .bind(ballot.via.code())
    .execute(conn)
    .await?;
    Ok(())
}

/// What storing a ballot found out besides: the platform whose own poll also shows this
/// poll (a Matrix poll), which counts only the answers picked in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotWritten {
    pub native_platform: Option<Platform>,
}

/// Stores or replaces a voter's ballot if, and only if, the poll is open at that moment;
/// `None` if it is not (closed). The same statement reads where the poll is shown
/// natively, so a vote costs one round trip to the database, not two.
///
/// The check is part of the write, so it holds however the vote races a close: on
/// PostgreSQL `FOR KEY SHARE` locks the poll row in the mode the ballot's foreign key takes
/// anyway (so votes do not block each other and cost no extra lock), which waits for a
/// closing transaction (it holds the row `FOR UPDATE`, see
/// [`close_poll`](super::close_poll)) to end and then sees the row as the close left it;
/// and the close waits for every vote in flight. So the close tallies every vote that got
/// in and no vote gets in after it. On SQLite this statement takes the database write lock
/// before it reads, so the same order holds. In a transaction, call it first: the lock
/// lasts until it ends.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upsert_ballot_if_open(
    conn: &mut AnyConnection,
    backend: Backend,
    poll_id: i64,
    ballot: &StoredBallot,
    cast_at: Option<i64>,
) -> Result<Option<BallotWritten>, sqlx::Error> {
    macro_rules! upsert {
        ($lock:literal) => {
            concat!(
                "INSERT INTO ballots (poll_id, voter_ref, voter_name, choices, reason, cast_at, via) \
                 SELECT id, $2, $3, $4, $5, $6, $7 FROM polls WHERE id = $1 AND status = 'open'",
                $lock,
                " ON CONFLICT (poll_id, voter_ref) DO UPDATE SET voter_name = excluded.voter_name, \
                 choices = excluded.choices, reason = excluded.reason, cast_at = excluded.cast_at, \
                 via = excluded.via \
                 RETURNING (SELECT l.space_id FROM live_messages l WHERE l.feature = $8 \
                 AND l.item_id = $1 AND l.native = 1 ORDER BY l.created_at, l.message_id LIMIT 1) \
                 AS native_space"
            )
        };
    }
    let sql = match backend {
        Backend::Postgres => upsert!(" FOR KEY SHARE"),
        Backend::Sqlite => upsert!(""),
    };
    // Read to the end, never just the first row: SQLite commits a statement of its own
    // (autocommit) only when it runs to completion, and a commit that fails there (a full
    // disk) must fail the vote, not pass unseen after "saved" was said.
    let rows = sqlx::query(sql)
        .bind(poll_id)
        .bind(&ballot.voter_ref)
        .bind(&ballot.voter_name)
        .bind(&ballot.choices)
        .bind(&ballot.reason)
        .bind(cast_at)
        .bind(ballot.via.code())
        .bind(crate::vocab::AnchorKind::Poll.code())
        .fetch_all(conn)
        .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let space: Option<String> = row.try_get("native_space")?;
    Ok(Some(BallotWritten {
        native_platform: space
            .as_deref()
            .and_then(SpaceId::from_key)
            .map(|s| s.platform),
    }))
}

/// Removes a voter's ballot; `false` if there was none.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_ballot(
    conn: &mut AnyConnection,
    poll_id: i64,
    voter_ref: &str,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("DELETE FROM ballots WHERE poll_id = $1 AND voter_ref = $2")
        .bind(poll_id)
        .bind(voter_ref)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_ballot(
    conn: &mut AnyConnection,
    poll_id: i64,
    voter_ref: &str,
) -> Result<Option<StoredBallot>, sqlx::Error> {
    let row = sqlx::query("SELECT voter_ref, voter_name, choices, reason, via FROM ballots WHERE poll_id = $1 AND voter_ref = $2")
        .bind(poll_id)
        .bind(voter_ref)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(ballot_from_row).transpose()
}

fn ballot_from_row(row: &AnyRow) -> Result<StoredBallot, sqlx::Error> {
    Ok(StoredBallot {
        voter_ref: row.try_get("voter_ref")?,
        voter_name: row.try_get("voter_name")?,
        choices: row.try_get("choices")?,
        reason: row.try_get("reason")?,
        via: coded(row, "ballots", "via", Via::parse)?,
    })
}

/// Every ballot of a poll, in a stable order.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_ballots(
    conn: &mut AnyConnection,
    poll_id: i64,
) -> Result<Vec<StoredBallot>, sqlx::Error> {
    let rows = sqlx::query("SELECT voter_ref, voter_name, choices, reason, via FROM ballots WHERE poll_id = $1 ORDER BY voter_ref")
        .bind(poll_id)
        .fetch_all(conn)
        .await?;
    rows.iter().map(ballot_from_row).collect()
}

/// Calls `visit` with every ballot of a poll, in the order of [`list_ballots`], one row at
/// a time: results and exports of a 50,000-ballot poll are made as the rows are read, and
/// never hold them all. The order is the primary key's, so the database does not sort.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn visit_ballots(
    conn: &mut AnyConnection,
    poll_id: i64,
    mut visit: impl FnMut(StoredBallot),
) -> Result<(), sqlx::Error> {
    let mut rows = sqlx::query(
        "SELECT voter_ref, voter_name, choices, reason, via FROM ballots WHERE poll_id = $1 \
         ORDER BY voter_ref",
    )
    .bind(poll_id)
    .fetch(conn);
    while let Some(row) = rows.try_next().await? {
        visit(ballot_from_row(&row)?);
    }
    Ok(())
}

/// The platform of a message that shows the poll as that platform's own poll (a Matrix
/// poll), ended or not; `None` when the poll is shown natively nowhere.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_native_platform(
    conn: &mut AnyConnection,
    poll_id: i64,
) -> Result<Option<Platform>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT space_id FROM live_messages WHERE feature = $1 AND item_id = $2 AND native = 1 \
         ORDER BY created_at, message_id LIMIT 1",
    )
    .bind(crate::vocab::AnchorKind::Poll.code())
    .bind(poll_id)
    .fetch_optional(conn)
    .await?;
    let space: Option<String> = row.map(|r| r.try_get("space_id")).transpose()?;
    Ok(space
        .as_deref()
        .and_then(SpaceId::from_key)
        .map(|s| s.platform))
}

/// Records that someone took part.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upsert_participant(
    conn: &mut AnyConnection,
    poll_id: i64,
    voter_id: &str,
    name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO poll_participants (poll_id, voter_id, voter_name) VALUES ($1, $2, $3) \
         ON CONFLICT (poll_id, voter_id) DO UPDATE SET voter_name = excluded.voter_name",
    )
    .bind(poll_id)
    .bind(voter_id)
    .bind(name)
    .execute(conn)
    .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_participant(
    conn: &mut AnyConnection,
    poll_id: i64,
    voter_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM poll_participants WHERE poll_id = $1 AND voter_id = $2")
        .bind(poll_id)
        .bind(voter_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Who voted on a public or private poll, from the ballots themselves (their reference is
/// the voter's key), sorted by key.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_ballot_voters(
    conn: &mut AnyConnection,
    poll_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT voter_ref, voter_name FROM ballots WHERE poll_id = $1 ORDER BY voter_ref",
    )
    .bind(poll_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("voter_ref")?,
                r.try_get::<Option<String>, _>("voter_name")?
                    .unwrap_or_default(),
            ))
        })
        .collect()
}

/// The names of at most `limit` voters of a public or private poll, in the order of
/// [`list_ballot_voters`]: what an organiser is shown of who took part.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_ballot_voter_names(
    conn: &mut AnyConnection,
    poll_id: i64,
    limit: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let names: Vec<Option<String>> = sqlx::query_scalar(
        "SELECT voter_name FROM ballots WHERE poll_id = $1 ORDER BY voter_ref LIMIT CAST($2 AS BIGINT)",
    )
    .bind(poll_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(names.into_iter().map(Option::unwrap_or_default).collect())
}

/// Who took part in a secret poll, by name, sorted (never in voting order).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_participants(
    conn: &mut AnyConnection,
    poll_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT voter_id, voter_name FROM poll_participants WHERE poll_id = $1 ORDER BY voter_id",
    )
    .bind(poll_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("voter_id")?, r.try_get("voter_name")?)))
        .collect()
}
