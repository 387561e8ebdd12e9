//! What one claim takes and what one cancel touches, straight on the queue: claims take
//! the earliest runnable jobs of both sorts (due pending ones, expired leases) and stay
//! prepared once per connection; a feature's cancel takes exactly one owner's jobs of
//! one kind.

use super::*;
use crate::vocab::JobKind;

/// A job of `kind` for `owner_id`, due at `due_at`, under `key`.
fn job(kind: JobKind, owner_id: i64, key: &str, due_at: i64) -> NewJob {
    NewJob {
        kind,
        owner_id,
        payload: "{}".into(),
        space_id: "console:test".into(),
        due_at,
        idempotency_key: key.into(),
    }
}

/// The keys of a claim, in the order it returned them.
fn keys(jobs: &[Job]) -> Vec<&str> {
    jobs.iter().map(|j| j.idempotency_key.as_str()).collect()
}

/// Jobs whose process died (leases expired) and pending jobs that fell due are claimed
/// together, earliest run time first, `limit` at a time; a live lease and a job not yet
/// due are left alone.
#[tokio::test]
async fn a_claim_takes_the_earliest_of_due_jobs_and_expired_leases() {
    each_backend(|store| async move {
        let s = Setup::new(store);
        let backend = s.chat.bot.store().backend();
        let mut conn = queue_of(&s).await;
        let insert = async |conn: &mut sqlx::AnyConnection, key: &str, due_at: i64| {
            let new = job(JobKind::Reminder, 1, key, due_at);
            assert!(repo::insert_job(conn, &new, 0).await.unwrap());
        };
        // Claimed with a lease that is still running at 60.
        insert(&mut conn, "live", 5).await;
        let live = repo::claim_due(&mut conn, backend, 5, 1000, 10)
            .await
            .unwrap();
        assert_eq!(keys(&live), ["live"]);
        // Claimed with a lease that has expired by 60.
        insert(&mut conn, "expired-20", 20).await;
        insert(&mut conn, "expired-40", 40).await;
        let dying = repo::claim_due(&mut conn, backend, 40, 45, 10)
            .await
            .unwrap();
        assert_eq!(keys(&dying), ["expired-20", "expired-40"]);
        for (key, due_at) in [
            ("due-10", 10),
            ("due-30", 30),
            ("due-50", 50),
            ("later", 200),
        ] {
            insert(&mut conn, key, due_at).await;
        }

        let first = repo::claim_due(&mut conn, backend, 60, 100, 3)
            .await
            .unwrap();
        assert_eq!(keys(&first), ["due-10", "expired-20", "due-30"]);
        let attempts: Vec<i64> = first.iter().map(|j| j.attempts).collect();
        assert_eq!(
            attempts,
            [1, 2, 1],
            "a job taken over counts its second attempt"
        );
        let second = repo::claim_due(&mut conn, backend, 60, 100, 3)
            .await
            .unwrap();
        assert_eq!(keys(&second), ["expired-40", "due-50"]);
        let third = repo::claim_due(&mut conn, backend, 60, 100, 3)
            .await
            .unwrap();
        assert!(third.is_empty(), "{:?}", keys(&third));
    })
    .await;
}

/// More expired leases than a claim takes: the claim still takes exactly `limit`, the
/// earliest, and the next claim the rest.
#[tokio::test]
async fn a_claim_never_takes_more_than_its_limit() {
    each_backend(|store| async move {
        let s = Setup::new(store);
        let backend = s.chat.bot.store().backend();
        let mut conn = queue_of(&s).await;
        for due_at in 1..=4 {
            let new = job(JobKind::Reminder, 1, &format!("lost-{due_at}"), due_at);
            repo::insert_job(&mut conn, &new, 0).await.unwrap();
        }
        repo::claim_due(&mut conn, backend, 10, 11, 10)
            .await
            .unwrap();
        for due_at in 5..=8 {
            let new = job(JobKind::Reminder, 1, &format!("due-{due_at}"), due_at);
            repo::insert_job(&mut conn, &new, 0).await.unwrap();
        }
        let first = repo::claim_due(&mut conn, backend, 20, 100, 3)
            .await
            .unwrap();
        assert_eq!(keys(&first), ["lost-1", "lost-2", "lost-3"]);
        let second = repo::claim_due(&mut conn, backend, 20, 100, 3)
            .await
            .unwrap();
        assert_eq!(keys(&second), ["lost-4", "due-5", "due-6"]);
    })
    .await;
}

/// A feature cancels one owner's pending jobs of one kind: not those of owner 12 when it
/// names owner 1, not another kind's jobs of the same owner, and not a job that is already
/// running or finished.
#[tokio::test]
async fn cancelling_an_owners_jobs_touches_exactly_that_owner_and_kind() {
    each_backend(|store| async move {
        let s = Setup::new(store);
        let backend = s.chat.bot.store().backend();
        let mut conn = queue_of(&s).await;
        let jobs = [
            (JobKind::EventReminder, 1, "event_reminder:1:0:100:15", 100),
            (JobKind::EventReminder, 1, "event_reminder:1:0:100:60", 100),
            (
                JobKind::EventReminder,
                12,
                "event_reminder:12:0:100:15",
                100,
            ),
            (JobKind::EventRoll, 1, "event_roll:1:0:200", 200),
            (JobKind::Reminder, 1, "reminder:1:100", 100),
            (JobKind::EventReminder, 1, "event_reminder:1:0:5:15", 5),
        ];
        for (kind, owner, key, due_at) in jobs {
            assert!(
                repo::insert_job(&mut conn, &job(kind, owner, key, due_at), 0)
                    .await
                    .unwrap()
            );
        }
        // The earliest one is running now: cancelling leaves it to the scheduler.
        let running = repo::claim_due(&mut conn, backend, 5, 1000, 1)
            .await
            .unwrap();
        assert_eq!(keys(&running), ["event_reminder:1:0:5:15"]);

        let cancelled = repo::cancel_jobs_of(&mut conn, JobKind::EventReminder, 1, 7)
            .await
            .unwrap();
        assert_eq!(cancelled, 2);
        let pending: Vec<String> = repo::list_pending(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .map(|(_, _, key)| key)
            .collect();
        assert_eq!(
            pending,
            [
                "event_reminder:12:0:100:15",
                "reminder:1:100",
                "event_roll:1:0:200"
            ]
        );
        let (status, _) = s.job_status("event_reminder:1:0:5:15").await.unwrap();
        assert_eq!(status, JobStatus::Running);
        let again = repo::cancel_jobs_of(&mut conn, JobKind::EventReminder, 1, 8)
            .await
            .unwrap();
        assert_eq!(again, 0, "nothing of owner 1 is pending any more");
    })
    .await;
}

/// A job cancelled by its owner and scheduled again under the same key belongs to the
/// owner it is scheduled for now, so the next cancel finds it.
#[tokio::test]
async fn a_re_armed_job_is_cancelled_by_its_owner_again() {
    each_backend(|store| async move {
        let s = Setup::new(store);
        let mut conn = queue_of(&s).await;
        let new = job(JobKind::EventRoll, 3, "event_roll:3:0:50", 50);
        repo::insert_job(&mut conn, &new, 0).await.unwrap();
        assert_eq!(
            repo::cancel_jobs_of(&mut conn, JobKind::EventRoll, 3, 1)
                .await
                .unwrap(),
            1
        );
        assert!(
            repo::insert_job(&mut conn, &new, 2).await.unwrap(),
            "re-armed"
        );
        assert_eq!(
            repo::cancel_jobs_of(&mut conn, JobKind::EventRoll, 3, 3)
                .await
                .unwrap(),
            1
        );
    })
    .await;
}

// The statement counters of SQLite itself: how often a prepared statement was compiled
// again, and how often it ran. sqlx does not expose them; the library is linked in.
unsafe extern "C" {
    fn sqlite3_next_stmt(
        db: *mut std::ffi::c_void,
        stmt: *mut std::ffi::c_void,
    ) -> *mut std::ffi::c_void;
    fn sqlite3_stmt_status(stmt: *mut std::ffi::c_void, op: i32, reset: i32) -> i32;
    fn sqlite3_sql(stmt: *mut std::ffi::c_void) -> *const std::ffi::c_char;
}
const SQLITE_STMTSTATUS_REPREPARE: i32 = 5;
const SQLITE_STMTSTATUS_RUN: i32 = 6;

/// (recompilations, runs) of the statements of `conn` whose SQL starts with `head`.
async fn compiled(conn: &mut sqlx::SqliteConnection, head: &str) -> Vec<(i32, i32)> {
    let mut handle = conn.lock_handle().await.unwrap();
    let db = handle.as_raw_handle().as_ptr().cast::<std::ffi::c_void>();
    let mut found = Vec::new();
    // SAFETY: the handle is locked for the loop, the statements belong to it and none is
    // finalised meanwhile; the SQL pointer is read before the next call.
    unsafe {
        let mut stmt = sqlite3_next_stmt(db, std::ptr::null_mut());
        while !stmt.is_null() {
            let sql = std::ffi::CStr::from_ptr(sqlite3_sql(stmt)).to_string_lossy();
            if sql.starts_with(head) {
                found.push((
                    sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_REPREPARE, 0),
                    sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_RUN, 0),
                ));
            }
            stmt = sqlite3_next_stmt(db, stmt);
        }
    }
    found
}

/// The claim runs a few times a second under load; SQLite compiles it once per connection
/// and runs it from sqlx's statement cache after that, whatever the time and limit bound.
#[tokio::test]
async fn the_claim_is_compiled_once_per_connection() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.db");
    let location = crate::store::Location::SqliteFile(path.clone());
    crate::store::Store::open(&location, 1)
        .await
        .unwrap()
        .close()
        .await;
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let sql = repo::claim_statement(Backend::Sqlite);
    for round in 0..3_i64 {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(1000 + round)
            .bind(round)
            .bind(64 + round)
            .fetch_all(&mut conn)
            .await
            .unwrap();
    }
    assert_eq!(compiled(&mut conn, "WITH pending").await, [(0, 3)]);
}
