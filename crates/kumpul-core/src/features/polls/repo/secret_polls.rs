//! What secret polls need of the store beyond ballots: making a closed poll's ballots
//! unlinkable, and moving on from the keys that an older kumpul kept in the database.
//! Kept apart because every function here is part of the privacy design of
//! [`crate::features::polls::secret`].

use sqlx::{AnyConnection, Row};

use super::{StoredBallot, upsert_ballot, visit_ballots};
use crate::features::polls::secret;

/// Makes a closed secret poll's ballots unlinkable and readable: every sealed ballot is
/// opened with `open` (`None`: it cannot be, say the key was lost), the sealed rows are
/// deleted, and the opened ones written under fresh random references, in random order,
/// with no name and no time. Ballots that do not open are counted in `uncounted`.
///
/// Reading the rows and deleting them are separate statements, so this is only safe in the
/// transaction that closed the poll with [`close_poll`](super::close_poll): from then on no
/// ballot can be written ([`upsert_ballot_if_open`](super::upsert_ballot_if_open),
/// [`lock_poll`](super::lock_poll)), so what is read is what is deleted. Returns how many
/// ballots could not be opened.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn seal_secret_poll(
    conn: &mut AnyConnection,
    poll_id: i64,
    open: impl Fn(&StoredBallot) -> Option<secret::Content>,
) -> anyhow::Result<i64> {
    // Opened one at a time as the rows are read: only the opened contents (a few dozen
    // bytes each) are kept until they are written back, never every sealed row as well.
    let mut opened = Vec::new();
    let mut uncounted = 0;
    visit_ballots(conn, poll_id, |ballot| match open(&ballot) {
        Some(content) => opened.push(content),
        None => uncounted += 1,
    })
    .await?;
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
    mut ballots: Vec<secret::Content>,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM ballots WHERE poll_id = $1")
        .bind(poll_id)
        .execute(&mut *conn)
        .await?;
    secret::shuffle(&mut ballots)?;
    for content in ballots {
        let ballot = StoredBallot {
            voter_ref: secret::random_ref()?,
            voter_name: None,
            choices: content.choices,
            reason: content.reason,
            // Secret polls are never native polls: every ballot came in through kumpul.
            via: crate::features::polls::model::Via::Kumpul,
        };
        upsert_ballot(conn, poll_id, &ballot, None).await?;
    }
    Ok(())
}

/// Keys that an older kumpul kept in the database, of polls still open: `(poll, key)`.
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn rerandomise_ballots(conn: &mut AnyConnection, poll_id: i64) -> anyhow::Result<()> {
    let mut ballots = Vec::new();
    visit_ballots(conn, poll_id, |b| {
        ballots.push(secret::Content {
            choices: b.choices,
            reason: b.reason,
        })
    })
    .await?;
    rewrite_unlinked(conn, poll_id, ballots).await
}

#[tracing::instrument(level = "debug", skip_all)]
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn is_open_secret(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM polls WHERE id = $1 AND status = 'open' AND voters = 'secret'",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}
