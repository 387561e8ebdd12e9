//! SQL of polls.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::model::{ConsentRule, Kind, PollStatus, ResultsVisibility, VoterVisibility};
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

/// A stored ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBallot {
    pub voter_ref: String,
    pub voter_name: Option<String>,
    pub choices: String,
    pub reason: Option<String>,
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

pub async fn fetch_poll(conn: &mut AnyConnection, id: i64) -> Result<Option<Poll>, sqlx::Error> {
    let rows = sqlx::query(select_poll_with_options!("WHERE p.id = $1"))
        .bind(id)
        .fetch_all(conn)
        .await?;
    poll_with_options(&rows)
}

/// Open (or closed) polls of a space, newest first, at most `limit`.
pub async fn list_polls(
    conn: &mut AnyConnection,
    space_id: &str,
    status: PollStatus,
    limit: i64,
) -> Result<Vec<Poll>, sqlx::Error> {
    let rows = sqlx::query(select_polls!(
        "WHERE space_id = $1 AND status = $2 ORDER BY number DESC LIMIT $3"
    ))
    .bind(space_id)
    .bind(status.code())
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter().map(poll_from_row).collect()
}

/// Stores or replaces a voter's ballot.
pub async fn upsert_ballot(
    conn: &mut AnyConnection,
    poll_id: i64,
    ballot: &StoredBallot,
    cast_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ballots (poll_id, voter_ref, voter_name, choices, reason, cast_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (poll_id, voter_ref) DO UPDATE SET voter_name = excluded.voter_name, choices = excluded.choices, \
         reason = excluded.reason, cast_at = excluded.cast_at",
    )
    .bind(poll_id)
    .bind(&ballot.voter_ref)
    .bind(&ballot.voter_name)
    .bind(&ballot.choices)
    .bind(&ballot.reason)
    .bind(cast_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores or replaces a voter's ballot if, and only if, the poll is open at that moment;
/// `false` if it is not (closed).
///
/// The check is part of the write, so it holds however the vote races a close: on
/// PostgreSQL `FOR KEY SHARE` locks the poll row in the mode the ballot's foreign key
/// takes anyway (so votes do not block each other and cost no extra lock), which waits
/// for a closing transaction (it holds the row `FOR UPDATE`, see [`close_poll`]) to end
/// and then sees the row as the close left it; and the close waits for every vote in
/// flight. So the close tallies every vote that got in and no vote gets in after it. On
/// SQLite this statement takes the database write lock before it reads, so the same
/// order holds. In a transaction, call it first: the lock lasts until it ends.
pub async fn upsert_ballot_if_open(
    conn: &mut AnyConnection,
    backend: Backend,
    poll_id: i64,
    ballot: &StoredBallot,
    cast_at: Option<i64>,
) -> Result<bool, sqlx::Error> {
    macro_rules! upsert {
        ($lock:literal) => {
            concat!(
                "INSERT INTO ballots (poll_id, voter_ref, voter_name, choices, reason, cast_at) \
                 SELECT id, $2, $3, $4, $5, $6 FROM polls WHERE id = $1 AND status = 'open'",
                $lock,
                " ON CONFLICT (poll_id, voter_ref) DO UPDATE SET voter_name = excluded.voter_name, \
                 choices = excluded.choices, reason = excluded.reason, cast_at = excluded.cast_at"
            )
        };
    }
    let sql = match backend {
        Backend::Postgres => upsert!(" FOR KEY SHARE"),
        Backend::Sqlite => upsert!(""),
    };
    let result = sqlx::query(sql)
        .bind(poll_id)
        .bind(&ballot.voter_ref)
        .bind(&ballot.voter_name)
        .bind(&ballot.choices)
        .bind(&ballot.reason)
        .bind(cast_at)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Locks the poll against closing until the transaction ends and returns its status now
/// (`None`: no such poll). For writes about a poll that cannot carry the check
/// themselves, such as a retraction. Call it first in the transaction: on PostgreSQL it
/// is a key-share lock on the poll row (see [`upsert_ballot_if_open`]); on SQLite a write
/// that takes the database write lock.
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

/// Removes a voter's ballot; `false` if there was none.
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

pub async fn fetch_ballot(
    conn: &mut AnyConnection,
    poll_id: i64,
    voter_ref: &str,
) -> Result<Option<StoredBallot>, sqlx::Error> {
    let row = sqlx::query("SELECT voter_ref, voter_name, choices, reason FROM ballots WHERE poll_id = $1 AND voter_ref = $2")
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
    })
}

/// Every ballot of a poll, in a stable order.
pub async fn list_ballots(
    conn: &mut AnyConnection,
    poll_id: i64,
) -> Result<Vec<StoredBallot>, sqlx::Error> {
    let rows = sqlx::query("SELECT voter_ref, voter_name, choices, reason FROM ballots WHERE poll_id = $1 ORDER BY voter_ref")
        .bind(poll_id)
        .fetch_all(conn)
        .await?;
    rows.iter().map(ballot_from_row).collect()
}

/// Records that someone took part.
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

/// Who took part in a secret poll, by name, sorted (never in voting order).
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

/// Closes an open poll; `false` if it was already closed. Run it first in the closing
/// transaction: it waits for the votes in flight (they hold the poll row's key-share
/// lock, or on SQLite the write lock) and keeps new ones out until the close commits, so
/// everything the transaction reads afterwards is the final set of ballots. On
/// PostgreSQL the row is first taken `FOR UPDATE`, the one row lock that conflicts with
/// a key share (the update of the status alone would not).
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

/// Makes a closed secret poll's ballots unlinkable and readable: every sealed ballot is
/// opened with `open` (`None`: it cannot be, say the key was lost), the sealed rows are
/// deleted, and the opened ones written under fresh random references, in random order,
/// with no name and no time. Ballots that do not open are counted in `uncounted`.
///
/// Reading the rows and deleting them are separate statements, so this is only safe in
/// the transaction that closed the poll with [`close_poll`]: from then on no ballot can be
/// written ([`upsert_ballot_if_open`], [`lock_poll`]), so what is read is what is deleted.
/// Returns how many ballots could not be opened.
pub async fn seal_secret_poll(
    conn: &mut AnyConnection,
    poll_id: i64,
    open: impl Fn(&StoredBallot) -> Option<super::secret::Content>,
) -> anyhow::Result<i64> {
    let sealed = list_ballots(conn, poll_id).await?;
    let mut opened = Vec::with_capacity(sealed.len());
    let mut uncounted = 0;
    for ballot in &sealed {
        match open(ballot) {
            Some(content) => opened.push(content),
            None => uncounted += 1,
        }
    }
    rewrite_unlinked(conn, poll_id, opened).await?;
    sqlx::query("UPDATE polls SET uncounted = $1 WHERE id = $2")
        .bind(uncounted)
        .bind(poll_id)
        .execute(&mut *conn)
        .await?;
    // A key left in the database by an older kumpul (see migration 0009).
    delete_legacy_secret(conn, poll_id).await?;
    Ok(uncounted)
}

/// Replaces a poll's ballots with `ballots`, under fresh random references, in a random
/// order, with no name and no time: nothing in the rows ties one to a voter.
async fn rewrite_unlinked(
    conn: &mut AnyConnection,
    poll_id: i64,
    mut ballots: Vec<super::secret::Content>,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM ballots WHERE poll_id = $1")
        .bind(poll_id)
        .execute(&mut *conn)
        .await?;
    super::secret::shuffle(&mut ballots)?;
    for content in ballots {
        let ballot = StoredBallot {
            voter_ref: super::secret::random_ref()?,
            voter_name: None,
            choices: content.choices,
            reason: content.reason,
        };
        upsert_ballot(conn, poll_id, &ballot, None).await?;
    }
    Ok(())
}

/// Keys that an older kumpul kept in the database, of polls still open: `(poll, key)`.
pub async fn list_legacy_secrets(
    conn: &mut AnyConnection,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.poll_id, s.secret FROM poll_secrets s JOIN polls p ON p.id = s.poll_id \
         WHERE p.status = 'open'",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("poll_id")?, r.try_get("secret")?)))
        .collect()
}

/// Closed secret polls of an older kumpul whose ballots still carry the keyed hash of
/// their voter (64 hex digits; ballots sealed since carry 32-digit random references).
pub async fn list_closed_legacy_polls(conn: &mut AnyConnection) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT p.id FROM polls p JOIN ballots b ON b.poll_id = p.id \
         WHERE p.voters = 'secret' AND p.status = 'closed' AND LENGTH(b.voter_ref) = 64",
    )
    .fetch_all(conn)
    .await
}

/// Gives a closed secret poll's ballots fresh random references in a random order (its
/// old key may survive in backups of an older kumpul, which could recompute the hashes).
pub async fn rerandomise_ballots(conn: &mut AnyConnection, poll_id: i64) -> anyhow::Result<()> {
    let ballots = list_ballots(conn, poll_id)
        .await?
        .into_iter()
        .map(|b| super::secret::Content {
            choices: b.choices,
            reason: b.reason,
        })
        .collect();
    rewrite_unlinked(conn, poll_id, ballots).await
}

pub async fn delete_legacy_secret(
    conn: &mut AnyConnection,
    poll_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM poll_secrets WHERE poll_id = $1")
        .bind(poll_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether poll `id` is an open secret poll (which needs its key).
pub async fn is_open_secret(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM polls WHERE id = $1 AND status = 'open' AND voters = 'secret'",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// Records a nudge unless one was sent after `not_after` or the poll is no longer open.
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
