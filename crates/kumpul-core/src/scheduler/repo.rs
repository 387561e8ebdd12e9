//! SQL of the job queue.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::store::Backend;
#[cfg(any(test, feature = "testing"))]
use crate::store::coded;

/// What sqlx's `Any` driver calls a PostgreSQL connection (`AnyConnection::backend_name`).
const POSTGRES_NAME: &str = "PostgreSQL";

coded_enum! {
    /// Where a job is: `pending` → `running` → `done` | `failed` | `missed` | `cancelled`
    /// (a retry puts it back to `pending`; a cancelled one may be scheduled again).
    pub enum JobStatus {
        Pending = "pending",
        Running = "running",
        Done = "done",
        Failed = "failed",
        Missed = "missed",
        Cancelled = "cancelled",
    }
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub space_id: String,
    pub due_at: i64,
    pub attempts: i64,
    pub idempotency_key: String,
}

/// A job to schedule.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: crate::vocab::JobKind,
    /// The id of the row the job is for, within its kind (the reminder, poll, event or
    /// thread): what [`cancel_jobs_of`] finds a feature's jobs by, through an index.
    pub owner_id: i64,
    pub payload: String,
    pub space_id: String,
    pub due_at: i64,
    pub idempotency_key: String,
}

fn job_from_row(row: &AnyRow) -> Result<Job, sqlx::Error> {
    Ok(Job {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        payload: row.try_get("payload")?,
        space_id: row.try_get("space_id")?,
        due_at: row.try_get("due_at")?,
        attempts: row.try_get("attempts")?,
        idempotency_key: row.try_get("idempotency_key")?,
    })
}

/// Adds a pending job; `true` if this call made it pending.
///
/// The idempotency key names one occurrence, so the same key is scheduled again in two
/// cases, each handled in this one statement:
/// - the job is already pending, running or finished: nothing changes (`false`), so a job
///   that was sent is never sent twice and a retry keeps its back-off;
/// - the job was **cancelled**, typically a moment earlier in the same transaction by a
///   reschedule that cancels every pending job of an event and schedules the current ones
///   again: the cancelled row is re-armed as a fresh pending job. Otherwise an edit that
///   keeps a reminder's time would leave it cancelled and the reminder would never come.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_job(
    conn: &mut AnyConnection,
    job: &NewJob,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "INSERT INTO jobs (id, kind, payload, space_id, due_at, run_at, status, idempotency_key, created_at, owner_id) \
         VALUES ($1, $2, $3, $4, $5, $5, 'pending', $6, $7, $8) ON CONFLICT (idempotency_key) DO UPDATE SET \
         kind = excluded.kind, owner_id = excluded.owner_id, payload = excluded.payload, space_id = excluded.space_id, \
         due_at = excluded.due_at, run_at = excluded.run_at, status = 'pending', attempts = 0, \
         lease_until = NULL, last_error = NULL, reported = 0, finished_at = NULL \
         WHERE jobs.status = 'cancelled'",
    )
    .bind(fastrand::i64(1..(1 << 53)))
    .bind(job.kind.code())
    .bind(&job.payload)
    .bind(&job.space_id)
    .bind(job.due_at)
    .bind(&job.idempotency_key)
    .bind(now)
    .bind(job.owner_id)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The claim statement, the same on both backends but for the row locking SQLite does not
/// have (`$lock`). `$1` is the new lease, `$2` now, `$3` the most jobs to take.
///
/// The limits are written `CAST($3 AS BIGINT)`, not `$3`: SQLite (3.47 and later) reads a
/// bare parameter in `LIMIT` at prepare time to plan with its value, and marks the
/// statement to be compiled again whenever that parameter is bound again. sqlx binds on
/// every execution, so the cached statement was recompiled on every claim — a third of
/// the instructions of a console run of 500 votes. An expression is not read that way,
/// and the statement stays prepared once per connection.
macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "WITH pending AS (SELECT id, run_at FROM jobs WHERE status = 'pending' AND run_at <= $2 \
             ORDER BY run_at LIMIT CAST($3 AS BIGINT)",
            $lock,
            "), expired AS (SELECT id, run_at FROM jobs WHERE status = 'running' AND lease_until <= $2 \
             ORDER BY lease_until LIMIT CAST($3 AS BIGINT)",
            $lock,
            ") UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = $1 \
             WHERE id IN (SELECT id FROM (SELECT id, run_at FROM pending UNION ALL \
             SELECT id, run_at FROM expired) AS due ORDER BY run_at, id LIMIT CAST($3 AS BIGINT)) \
             RETURNING id, kind, payload, space_id, due_at, attempts, idempotency_key"
        )
    };
}

/// The claim statement of `backend` (see `claim_sql!`).
pub(crate) fn claim_statement(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => claim_sql!(" FOR UPDATE SKIP LOCKED"),
        Backend::Sqlite => claim_sql!(""),
    }
}

/// Atomically takes up to `limit` runnable jobs, earliest run time first: pending ones
/// whose time has come, and running ones whose lease expired (their process died). On
/// PostgreSQL, `SKIP LOCKED` lets several kumpul processes claim side by side without ever
/// taking the same job; SQLite has one writer at a time, which gives the same guarantee.
///
/// The cost follows `limit`, not the backlog: each kind of runnable job is one walk of an
/// index in order that stops after `limit` rows (pending by `run_at`, expired leases by
/// `lease_until`), and only those at most `2 × limit` candidates are merged and cut to
/// `limit`. One `WHERE (pending AND due) OR (running AND expired) ORDER BY run_at` over the
/// table instead reads and sorts every due job on each claim: a 50k backlog took 13× as
/// long to drain as a 5k one.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn claim_due(
    conn: &mut AnyConnection,
    backend: Backend,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<Job>, sqlx::Error> {
    let rows = sqlx::query(claim_statement(backend))
        .bind(lease_until)
        .bind(now)
        .bind(limit)
        .fetch_all(conn)
        .await?;
    let mut jobs = rows
        .iter()
        .map(job_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    jobs.sort_by_key(|j| (j.due_at, j.id));
    Ok(jobs)
}

/// When the scheduler must look again: the earliest pending run time or lease expiry.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn next_wake(conn: &mut AnyConnection) -> Result<Option<i64>, sqlx::Error> {
    let pending: Option<i64> =
        sqlx::query_scalar("SELECT MIN(run_at) FROM jobs WHERE status = 'pending'")
            .fetch_one(&mut *conn)
            .await?;
    let leases: Option<i64> =
        sqlx::query_scalar("SELECT MIN(lease_until) FROM jobs WHERE status = 'running'")
            .fetch_one(&mut *conn)
            .await?;
    Ok(match (pending, leases) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

/// Records the end of a job: `done`, `failed`, `missed` or `cancelled`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn finish_job(
    conn: &mut AnyConnection,
    id: i64,
    status: JobStatus,
    now: i64,
    error: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET status = $1, finished_at = $2, lease_until = NULL, last_error = $3 WHERE id = $4",
    )
    .bind(status.code())
    .bind(now)
    .bind(error)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Puts a job back in the queue to be tried again at `run_at`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn retry_job(
    conn: &mut AnyConnection,
    id: i64,
    run_at: i64,
    error: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE jobs SET status = 'pending', run_at = $1, lease_until = NULL, last_error = $2 WHERE id = $3",
    )
    .bind(run_at)
    .bind(error)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Frees every running job at start-up of a single-process deployment (SQLite): whoever
/// was running them is gone. Returns how many were freed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn release_running(conn: &mut AnyConnection) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE jobs SET status = 'pending', lease_until = NULL WHERE status = 'running'",
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// Marks pending jobs due before `before` as missed and returns them.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn mark_missed(
    conn: &mut AnyConnection,
    before: i64,
    now: i64,
) -> Result<Vec<Job>, sqlx::Error> {
    let rows = sqlx::query(
        "UPDATE jobs SET status = 'missed', finished_at = $1 \
         WHERE status = 'pending' AND run_at < $2 AND due_at < $2 \
         RETURNING id, kind, payload, space_id, due_at, attempts, idempotency_key",
    )
    .bind(now)
    .bind(before)
    .fetch_all(conn)
    .await?;
    rows.iter().map(job_from_row).collect()
}

/// Missed jobs not yet summarised to moderators, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_unreported_missed(conn: &mut AnyConnection) -> Result<Vec<Job>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, kind, payload, space_id, due_at, attempts, idempotency_key FROM jobs \
         WHERE status = 'missed' AND reported = 0 ORDER BY space_id, due_at",
    )
    .fetch_all(conn)
    .await?;
    rows.iter().map(job_from_row).collect()
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn mark_reported(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE jobs SET reported = 1 WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Cancels the pending jobs of `kind` that belong to `owner_id` (every reminder of one
/// event, say); returns how many. Found through `jobs_pending_owner_idx`, so the cost
/// follows the owner's jobs, not the queue: this runs inside `poll close`, `remind cancel`
/// and every event change, holding the write lock.
///
/// On PostgreSQL, rows another transaction holds are skipped rather than waited for. The
/// only such rows are jobs the scheduler is claiming or finishing right now, or a key
/// its follow-up is scheduling again; they are not pending by the time anyone looks (or
/// their kind finds them stale when they run, e.g. a reminder of a moved or cancelled
/// event sends nothing). Waiting for them instead deadlocks: the caller already holds
/// the row of what it changes (an event, a reminder), which the scheduler's follow-up
/// then waits for while holding the job. SQLite has one writer, so nothing is held there.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel_jobs_of(
    conn: &mut AnyConnection,
    kind: crate::vocab::JobKind,
    owner_id: i64,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let sql = if conn.backend_name() == POSTGRES_NAME {
        "UPDATE jobs SET status = 'cancelled', finished_at = $1 WHERE id IN \
         (SELECT id FROM jobs WHERE status = 'pending' AND kind = $2 AND owner_id = $3 \
         FOR UPDATE SKIP LOCKED)"
    } else {
        "UPDATE jobs SET status = 'cancelled', finished_at = $1 WHERE status = 'pending' \
         AND kind = $2 AND owner_id = $3"
    };
    let result = sqlx::query(sql)
        .bind(now)
        .bind(kind.code())
        .bind(owner_id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected())
}

/// Cancels the pending job with exactly this key (a poll's one deadline), leaving alone
/// jobs whose keys merely start with it (`poll_close:1` is not `poll_close:12`). Locked
/// like [`cancel_jobs_of`].
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel_job(conn: &mut AnyConnection, key: &str, now: i64) -> Result<u64, sqlx::Error> {
    let sql = if conn.backend_name() == POSTGRES_NAME {
        "UPDATE jobs SET status = 'cancelled', finished_at = $1 WHERE id IN \
         (SELECT id FROM jobs WHERE status = 'pending' AND idempotency_key = $2 \
         FOR UPDATE SKIP LOCKED)"
    } else {
        "UPDATE jobs SET status = 'cancelled', finished_at = $1 WHERE status = 'pending' \
         AND idempotency_key = $2"
    };
    let result = sqlx::query(sql).bind(now).bind(key).execute(conn).await?;
    Ok(result.rows_affected())
}

/// Deletes finished jobs (done, failed, cancelled, and missed ones already reported) that
/// ended before `before`, so the table holds what is pending plus recent history.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn purge_finished(conn: &mut AnyConnection, before: i64) -> Result<u64, sqlx::Error> {
    let result = sqlx::query(
        "DELETE FROM jobs WHERE status IN ('done', 'failed', 'cancelled', 'missed') \
         AND finished_at < $1 AND (status <> 'missed' OR reported = 1)",
    )
    .bind(before)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// Every pending job as (kind, due time, idempotency key), by due time then key (tests:
/// what a reschedule left behind).
#[cfg(any(test, feature = "testing"))]
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_pending(
    conn: &mut AnyConnection,
) -> Result<Vec<(String, i64, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT kind, due_at, idempotency_key FROM jobs WHERE status = 'pending' \
         ORDER BY due_at, idempotency_key",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("kind")?,
                r.try_get("due_at")?,
                r.try_get("idempotency_key")?,
            ))
        })
        .collect()
}

/// The status and attempts of the job with this key (tests).
#[cfg(any(test, feature = "testing"))]
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_job_status(
    conn: &mut AnyConnection,
    key: &str,
) -> Result<Option<(JobStatus, i64)>, sqlx::Error> {
    let row = sqlx::query("SELECT status, attempts FROM jobs WHERE idempotency_key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await?;
    row.map(|r| {
        Ok((
            coded(&r, "jobs", "status", JobStatus::parse)?,
            r.try_get("attempts")?,
        ))
    })
    .transpose()
}
