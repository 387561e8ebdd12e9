//! The physical limit: single-row UPDATEs with nothing of kumpul in the way. SQLite is
//! driven through its C API (the library sqlx links: no pool, no `Any` driver, no worker
//! thread, the statement prepared once, kumpul's pragmas); PostgreSQL through sqlx's own
//! driver on one connection with the statement prepared once (pgbench-style).

use std::ffi::{CString, c_char, c_int, c_void};
use std::path::Path;
use std::time::Instant;

use sqlx::{Connection, Executor};

use super::{Samples, Target};
use kumpul_core::testing::FreshPostgres;

/// What the database itself does on this machine, per single-row UPDATE.
pub struct Limits {
    /// One UPDATE committed on its own (durable: the disk's flush).
    pub durable: Samples,
    /// One UPDATE inside a transaction of many (no flush: the engine's own cost).
    pub in_transaction: Samples,
}

impl Limits {
    /// The least a piece of work can cost: `commits` durable commits and `rows` row
    /// writes, at the raw rates.
    pub fn floor(&self, commits: f64, rows: f64) -> f64 {
        commits * self.durable.median() + rows * self.in_transaction.median()
    }
}

/// Rows of the table updated at random.
const ROWS: i64 = 10_000;
/// Durable UPDATEs per sample.
const DURABLE: usize = 200;
/// UPDATEs in the one transaction of a sample.
const IN_TRANSACTION: usize = 20_000;

/// Measures both rates on a fresh database of `target`: one warm-up round, then `samples`.
pub async fn measure(target: &Target, samples: usize) -> anyhow::Result<Limits> {
    let mut raw = match target {
        Target::Sqlite(dir) => Raw::Sqlite(RawSqlite::open(dir)?),
        Target::Postgres(server) => {
            let db = FreshPostgres::create(server).await;
            let conn = sqlx::PgConnection::connect(&db.url).await?;
            Raw::Postgres { conn, _db: db }
        }
    };
    raw.exec("CREATE TABLE raw (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)")
        .await?;
    raw.exec(
        "INSERT INTO raw (id, n) WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL \
         SELECT i + 1 FROM k WHERE i < 10000) SELECT i, 0 FROM k",
    )
    .await?;
    let (mut durable, mut in_transaction) = (Vec::new(), Vec::new());
    for round in 0..=samples {
        let started = Instant::now();
        for i in 0..DURABLE as i64 {
            raw.update(1 + (i * 7_919 + round as i64) % ROWS).await?;
        }
        let per_durable = started.elapsed().as_secs_f64() / DURABLE as f64;
        let started = Instant::now();
        raw.exec("BEGIN").await?;
        for i in 0..IN_TRANSACTION as i64 {
            raw.update(1 + (i * 7_919) % ROWS).await?;
        }
        raw.exec("COMMIT").await?;
        let per_row = started.elapsed().as_secs_f64() / IN_TRANSACTION as f64;
        if round > 0 {
            durable.push(per_durable);
            in_transaction.push(per_row);
        }
    }
    Ok(Limits {
        durable: Samples(durable),
        in_transaction: Samples(in_transaction),
    })
}

enum Raw {
    Sqlite(RawSqlite),
    Postgres {
        conn: sqlx::PgConnection,
        /// Dropped (with the database) when the measurement ends.
        _db: FreshPostgres,
    },
}

impl Raw {
    async fn exec(&mut self, sql: &'static str) -> anyhow::Result<()> {
        match self {
            Raw::Sqlite(db) => db.exec(sql),
            Raw::Postgres { conn, .. } => {
                conn.execute(sql).await?;
                Ok(())
            }
        }
    }

    /// `UPDATE raw SET n = n + 1 WHERE id = $1`, prepared once.
    async fn update(&mut self, id: i64) -> anyhow::Result<()> {
        match self {
            Raw::Sqlite(db) => db.update(id),
            Raw::Postgres { conn, .. } => {
                sqlx::query("UPDATE raw SET n = n + 1 WHERE id = $1")
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
                Ok(())
            }
        }
    }
}

// The few functions of SQLite's C API used here; the library is linked in through sqlx.
unsafe extern "C" {
    fn sqlite3_open_v2(
        filename: *const c_char,
        db: *mut *mut c_void,
        flags: c_int,
        vfs: *const c_char,
    ) -> c_int;
    fn sqlite3_exec(
        db: *mut c_void,
        sql: *const c_char,
        callback: *const c_void,
        arg: *mut c_void,
        errmsg: *mut *mut c_char,
    ) -> c_int;
    fn sqlite3_prepare_v2(
        db: *mut c_void,
        sql: *const c_char,
        bytes: c_int,
        stmt: *mut *mut c_void,
        tail: *mut *const c_char,
    ) -> c_int;
    fn sqlite3_bind_int64(stmt: *mut c_void, index: c_int, value: i64) -> c_int;
    fn sqlite3_step(stmt: *mut c_void) -> c_int;
    fn sqlite3_reset(stmt: *mut c_void) -> c_int;
    fn sqlite3_finalize(stmt: *mut c_void) -> c_int;
    fn sqlite3_close(db: *mut c_void) -> c_int;
}
const SQLITE_OK: c_int = 0;
const SQLITE_DONE: c_int = 101;
const SQLITE_OPEN_READWRITE: c_int = 0x2;
const SQLITE_OPEN_CREATE: c_int = 0x4;

/// One SQLite connection with kumpul's pragmas and the UPDATE prepared once.
struct RawSqlite {
    db: *mut c_void,
    update: *mut c_void,
}

impl RawSqlite {
    fn open(dir: &Path) -> anyhow::Result<RawSqlite> {
        let path = dir.join(format!("raw-{:016x}.db", fastrand::u64(..)));
        let path = CString::new(path.to_str().unwrap_or_default())?;
        let mut db = std::ptr::null_mut();
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        // SAFETY: a valid C string and out-pointer; the handle is closed in Drop.
        let rc = unsafe { sqlite3_open_v2(path.as_ptr(), &mut db, flags, std::ptr::null()) };
        anyhow::ensure!(rc == SQLITE_OK, "opening a raw SQLite file: code {rc}");
        let mut raw = RawSqlite {
            db,
            update: std::ptr::null_mut(),
        };
        // kumpul's pragmas (`store.rs`), with its default synchronous = FULL.
        for pragma in [
            "PRAGMA foreign_keys = ON",
            "PRAGMA busy_timeout = 5000",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = FULL",
            "PRAGMA secure_delete = ON",
        ] {
            raw.exec(pragma)?;
        }
        Ok(raw)
    }

    fn exec(&mut self, sql: &str) -> anyhow::Result<()> {
        let sql = CString::new(sql)?;
        // SAFETY: an open handle and a valid C string; no callback, no error message.
        let rc = unsafe {
            sqlite3_exec(
                self.db,
                sql.as_ptr(),
                std::ptr::null(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        anyhow::ensure!(rc == SQLITE_OK, "raw SQLite: code {rc} for {sql:?}");
        Ok(())
    }

    fn update(&mut self, id: i64) -> anyhow::Result<()> {
        if self.update.is_null() {
            let sql = CString::new("UPDATE raw SET n = n + 1 WHERE id = ?1")?;
            // SAFETY: an open handle, a valid C string, an out-pointer finalised in Drop.
            let rc = unsafe {
                sqlite3_prepare_v2(
                    self.db,
                    sql.as_ptr(),
                    -1,
                    &mut self.update,
                    std::ptr::null_mut(),
                )
            };
            anyhow::ensure!(rc == SQLITE_OK, "preparing the raw UPDATE: code {rc}");
        }
        // SAFETY: a prepared statement of this open handle, reset after each step.
        let rc = unsafe {
            sqlite3_bind_int64(self.update, 1, id);
            let rc = sqlite3_step(self.update);
            sqlite3_reset(self.update);
            rc
        };
        anyhow::ensure!(rc == SQLITE_DONE, "raw UPDATE: code {rc}");
        Ok(())
    }
}

impl Drop for RawSqlite {
    fn drop(&mut self) {
        // SAFETY: the statement (if any) belongs to this handle; both are released once.
        unsafe {
            if !self.update.is_null() {
                sqlite3_finalize(self.update);
            }
            sqlite3_close(self.db);
        }
    }
}
