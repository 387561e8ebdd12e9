//! The `polls` and `poll_options` tables: a poll with its options, stored, found, listed,
//! locked against closing, closed and nudged.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::features::polls::model::{
    ConsentRule, Kind, PollStatus, ResultsVisibility, VoterVisibility,
};
use crate::store::{Backend, coded, coded_opt};

/// A stored poll with its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poll {
    pub id: i64,
    pub space_id: String,
    pub number: i64,
    pub channel_id: Option<String>,
    pub creator_id: String,
    pub creator_name: String,
    pub question: String,
    pub kind: Kind,
    pub min_choices: i64,
    pub max_choices: i64,
    pub results: ResultsVisibility,
    pub voters: VoterVisibility,
    pub group_id: Option<i64>,
    pub group_only: bool,
    /// Consent proposals only.
    pub consent_rule: Option<ConsentRule>,
    pub quorum: Option<i64>,
    pub closes_at: Option<i64>,
    pub status: PollStatus,
    pub last_nudge_at: Option<i64>,
    /// Secret polls: ballots that could not be opened at close (the key was lost).
    pub uncounted: i64,
    pub options: Vec<PollOption>,
}

impl Poll {
    /// Whether the poll still takes votes.
    pub fn is_open(&self) -> bool {
        self.status == PollStatus::Open
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollOption {
    pub label: String,
    pub slot_at: Option<i64>,
}

macro_rules! select_polls {
    ($rest:literal) => {
        concat!(
            "SELECT id, space_id, number, channel_id, creator_id, creator_name, question, kind, min_choices, \
             max_choices, results, voters, group_id, group_only, consent_rule, quorum, closes_at, status, \
             last_nudge_at, uncounted FROM polls ",
            $rest
        )
    };
}

fn poll_from_row(row: &AnyRow) -> Result<Poll, sqlx::Error> {
    Ok(Poll {
        id: row.try_get("id")?,
        space_id: row.try_get("space_id")?,
        number: row.try_get("number")?,
        channel_id: row.try_get("channel_id")?,
        creator_id: row.try_get("creator_id")?,
        creator_name: row.try_get("creator_name")?,
        question: row.try_get("question")?,
        kind: coded(row, "polls", "kind", Kind::parse)?,
        min_choices: row.try_get("min_choices")?,
        max_choices: row.try_get("max_choices")?,
        results: coded(row, "polls", "results", ResultsVisibility::parse)?,
        voters: coded(row, "polls", "voters", VoterVisibility::parse)?,
        group_id: row.try_get("group_id")?,
        group_only: row.try_get::<i64, _>("group_only")? != 0,
        consent_rule: coded_opt(row, "polls", "consent_rule", ConsentRule::parse)?,
        quorum: row.try_get("quorum")?,
        closes_at: row.try_get("closes_at")?,
        status: coded(row, "polls", "status", PollStatus::parse)?,
        last_nudge_at: row.try_get("last_nudge_at")?,
        uncounted: row.try_get("uncounted")?,
        options: Vec::new(),
    })
}

/// Inserts a poll with the next free number of its space and returns the number.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_poll(
    conn: &mut AnyConnection,
    poll: &Poll,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let number: i64 = sqlx::query_scalar(
        "INSERT INTO polls (id, space_id, number, channel_id, creator_id, creator_name, question, kind, \
         min_choices, max_choices, results, voters, group_id, group_only, consent_rule, quorum, closes_at, \
         status, created_at) \
         SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
         $16, 'open', $17 FROM polls WHERE space_id = $2 RETURNING number",
    )
    .bind(poll.id)
    .bind(&poll.space_id)
    .bind(&poll.channel_id)
    .bind(&poll.creator_id)
    .bind(&poll.creator_name)
    .bind(&poll.question)
    .bind(poll.kind.code())
    .bind(poll.min_choices)
    .bind(poll.max_choices)
    .bind(poll.results.code())
    .bind(poll.voters.code())
    .bind(poll.group_id)
    .bind(i64::from(poll.group_only))
    .bind(poll.consent_rule.map(ConsentRule::code))
    .bind(poll.quorum)
    .bind(poll.closes_at)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for (position, option) in poll.options.iter().enumerate() {
        sqlx::query(
            "INSERT INTO poll_options (poll_id, position, label, slot_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(poll.id)
        .bind(position as i64)
        .bind(&option.label)
        .bind(option.slot_at)
        .execute(&mut *conn)
        .await?;
    }
    Ok(number)
}

/// A poll and its options in one round trip: one row per option (or one row with NULL
/// option columns for a poll without options).
macro_rules! select_poll_with_options {
    ($rest:literal) => {
        concat!(
            "SELECT p.id, p.space_id, p.number, p.channel_id, p.creator_id, p.creator_name, p.question, p.kind, \
             p.min_choices, p.max_choices, p.results, p.voters, p.group_id, p.group_only, p.consent_rule, \
             p.quorum, p.closes_at, p.status, p.last_nudge_at, p.uncounted, o.label, o.slot_at \
             FROM polls p LEFT JOIN poll_options o ON o.poll_id = p.id ",
            $rest,
            " ORDER BY o.position"
        )
    };
}

fn poll_with_options(rows: &[AnyRow]) -> Result<Option<Poll>, sqlx::Error> {
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut poll = poll_from_row(first)?;
    for row in rows {
        if let Some(label) = row.try_get::<Option<String>, _>("label")? {
            poll.options.push(PollOption {
                label,
                slot_at: row.try_get("slot_at")?,
            });
        }
    }
    Ok(Some(poll))
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_poll_by_number(
    conn: &mut AnyConnection,
    space_id: &str,
    number: i64,
) -> Result<Option<Poll>, sqlx::Error> {
    let rows = sqlx::query(select_poll_with_options!(
        "WHERE p.space_id = $1 AND p.number = $2"
    ))
    .bind(space_id)
    .bind(number)
    .fetch_all(conn)
    .await?;
    poll_with_options(&rows)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_poll(conn: &mut AnyConnection, id: i64) -> Result<Option<Poll>, sqlx::Error> {
    let rows = sqlx::query(select_poll_with_options!("WHERE p.id = $1"))
        .bind(id)
        .fetch_all(conn)
        .await?;
    poll_with_options(&rows)
}

/// Open (or closed) polls of a space, newest first: at most `limit`, after skipping
/// `offset` (a page of a list).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_polls(
    conn: &mut AnyConnection,
    space_id: &str,
    status: PollStatus,
    limit: i64,
    offset: i64,
) -> Result<Vec<Poll>, sqlx::Error> {
    let rows = sqlx::query(select_polls!(
        "WHERE space_id = $1 AND status = $2 ORDER BY number DESC LIMIT CAST($3 AS BIGINT) OFFSET CAST($4 AS BIGINT)"
    ))
    .bind(space_id)
    .bind(status.code())
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    rows.iter().map(poll_from_row).collect()
}

/// How many open (or closed) polls the space has.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_polls(
    conn: &mut AnyConnection,
    space_id: &str,
    status: PollStatus,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM polls WHERE space_id = $1 AND status = $2")
        .bind(space_id)
        .bind(status.code())
        .fetch_one(conn)
        .await
}

/// Locks the poll against closing until the transaction ends and returns its status now
/// (`None`: no such poll). For writes about a poll that cannot carry the check themselves,
/// such as a retraction. Call it first in the transaction: on PostgreSQL it is a key-share
/// lock on the poll row (see [`upsert_ballot_if_open`](super::upsert_ballot_if_open)); on
/// SQLite a write that takes the database write lock.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn lock_poll(
    conn: &mut AnyConnection,
    backend: Backend,
    poll_id: i64,
) -> Result<Option<PollStatus>, sqlx::Error> {
    let sql = match backend {
        Backend::Postgres => "SELECT status FROM polls WHERE id = $1 FOR KEY SHARE",
        Backend::Sqlite => "UPDATE polls SET status = status WHERE id = $1 RETURNING status",
    };
    let row = sqlx::query(sql).bind(poll_id).fetch_optional(conn).await?;
    row.map(|r| coded(&r, "polls", "status", PollStatus::parse))
        .transpose()
}

/// Closes an open poll; `false` if it was already closed. Run it first in the closing
/// transaction: it waits for the votes in flight (they hold the poll row's key-share
/// lock, or on SQLite the write lock) and keeps new ones out until the close commits, so
/// everything the transaction reads afterwards is the final set of ballots. On
/// PostgreSQL the row is first taken `FOR UPDATE`, the one row lock that conflicts with
/// a key share (the update of the status alone would not).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn close_poll(
    conn: &mut AnyConnection,
    backend: Backend,
    poll_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT id FROM polls WHERE id = $1 FOR UPDATE")
            .bind(poll_id)
            .execute(&mut *conn)
            .await?;
    }
    let result = sqlx::query(
        "UPDATE polls SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'open'",
    )
    .bind(now)
    .bind(poll_id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Records a nudge unless one was sent after `not_after` or the poll is no longer open.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn claim_nudge(
    conn: &mut AnyConnection,
    poll_id: i64,
    now: i64,
    not_after: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE polls SET last_nudge_at = $1 WHERE id = $2 AND status = 'open' \
         AND (last_nudge_at IS NULL OR last_nudge_at <= $3)",
    )
    .bind(now)
    .bind(poll_id)
    .bind(not_after)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

numbered! {
    Poll: "looking up a poll", "poll-not-found", "poll list", fetch_poll_by_number, fetch_poll
}
