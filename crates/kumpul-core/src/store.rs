//! The database: one pool over SQLite or PostgreSQL, and the migrations.
//!
//! We use sqlx's `Any` driver so one binary serves both backends with one set of portable
//! migrations (ARCHITECTURE decision 3). SQL lives only in the features' `repo.rs` files;
//! this module only connects, configures and migrates — and keeps the promise that every
//! write confirmed to a person is committed (ARCHITECTURE decision 5) when the storage
//! fails: [`health`] keeps broken connections out of the pool and notices a SQLite file
//! removed under it, [`fault`] tells storage faults from bugs, and commits are durable
//! ([`Synchronous::Full`]) unless the deployment chooses otherwise.
//!
//! The repositories share one helper from here: [`coded`] reads a column of fixed words back into its type, refusing unknown words.

mod backup;
mod coded;
mod fault;
mod group;
mod health;
mod location;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyConnection, AnyPool, Connection, Executor};
use tokio_util::sync::CancellationToken;

pub use backup::{BackupReport, PG_DUMP_HINT};
pub use coded::{coded, coded_opt};
pub use fault::{StorageFault, classify, classify_chain, is_conflict};
pub use group::{Statements, WriteCounts, WriteFuture};
pub use health::{FAULT_WINDOW, Gone};
pub use location::{Location, REDACTED, redact_url};

use group::Writer;
use health::{FileIdentity, Health};

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How SQLite makes a commit durable (`PRAGMA synchronous`; PostgreSQL is not affected).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Synchronous {
    /// Every commit is on disk before it is confirmed: nothing confirmed is lost, even to a
    /// power cut. The default.
    #[default]
    Full,
    /// Commits are flushed to disk at checkpoints only: faster, and safe against kumpul
    /// crashing, but a power cut or an operating-system crash can roll back commits that
    /// were already confirmed to people.
    Normal,
}

impl Synchronous {
    fn pragma(self) -> &'static str {
        match self {
            Synchronous::Full => "PRAGMA synchronous = FULL",
            Synchronous::Normal => "PRAGMA synchronous = NORMAL",
        }
    }
}

/// How to open a [`Store`].
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Most connections open at once (at least 1).
    pub max_connections: u32,
    pub synchronous: Synchronous,
}

impl StoreOptions {
    /// `max_connections` connections, durable commits.
    pub fn new(max_connections: u32) -> StoreOptions {
        StoreOptions {
            max_connections,
            synchronous: Synchronous::default(),
        }
    }
}

/// How long a SQLite writer waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

/// How long a pooled connection lives at most: a session setting, a server-side leak or a
/// half-broken socket never outlives this.
pub const CONNECTION_MAX_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// How long a command waits for a free connection.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection pool plus the knowledge of which backend is behind it.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    health: Arc<Health>,
    /// SQLite's one writer, which commits concurrent [`Store::write`]s together.
    writer: Option<Writer>,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

impl Store {
    /// Connects with durable commits (creating the SQLite file and its folder if needed).
    /// Does not migrate.
    pub async fn connect(location: &Location, max_connections: u32) -> anyhow::Result<Store> {
        Store::connect_with(location, &StoreOptions::new(max_connections)).await
    }

    /// Connects as `options` say. Does not migrate.
    pub async fn connect_with(
        location: &Location,
        options: &StoreOptions,
    ) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let (url, backend, file) = match location {
            Location::SqliteFile(path) => {
                let file = probe_sqlite(path, options.synchronous).await?;
                // Pooled connections never create the file: one that is gone stays gone.
                (
                    location::sqlite_url(path, false)?,
                    Backend::Sqlite,
                    Some(file),
                )
            }
            Location::Postgres(url) => (url.clone(), Backend::Postgres, None),
        };
        let health = Arc::new(Health::new(file));
        let synchronous = options.synchronous;
        let (on_connect, on_acquire, on_release) = (health.clone(), health.clone(), health.clone());
        let pool = AnyPoolOptions::new()
            .max_connections(options.max_connections.max(1))
            .acquire_timeout(ACQUIRE_TIMEOUT)
            .max_lifetime(CONNECTION_MAX_LIFETIME)
            // `health` decides what to check before a connection is used (a rested
            // PostgreSQL connection is pinged); a ping on every acquire would cost a round
            // trip per command.
            .test_before_acquire(false)
            .after_connect(move |conn, _meta| {
                let health = on_connect.clone();
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        configure_sqlite(conn, synchronous).await?;
                    }
                    health.admit(conn, None).await.map(drop)
                })
            })
            .before_acquire(move |conn, meta| {
                let health = on_acquire.clone();
                Box::pin(async move { health.admit(conn, Some(&meta)).await })
            })
            .after_release(move |conn, meta| {
                let health = on_release.clone();
                Box::pin(async move { health.admit_returned(conn, &meta).await })
            })
            .connect(&url)
            .await
            .with_context(|| format!("connecting to the database ({location})"))?;
        let writer = match backend {
            Backend::Sqlite => {
                tokio::spawn(close_when_gone(pool.clone(), health.gone_signal().clone()));
                Some(Writer::start(pool.clone()))
            }
            Backend::Postgres => None,
        };
        Ok(Store {
            pool,
            backend,
            health,
            writer,
        })
    }

    /// Connects with durable commits and applies every pending migration.
    pub async fn open(location: &Location, max_connections: u32) -> anyhow::Result<Store> {
        Store::open_with(location, &StoreOptions::new(max_connections)).await
    }

    /// Connects as `options` say and applies every pending migration: what start-up does.
    pub async fn open_with(location: &Location, options: &StoreOptions) -> anyhow::Result<Store> {
        let store = Store::connect_with(location, options).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Applies pending migrations; returns how many were applied.
    pub async fn migrate(&self) -> anyhow::Result<usize> {
        let mut conn = self
            .pool
            .acquire()
            .await
            .context("acquiring a connection to migrate")?;
        let before = applied_count(&mut conn).await;
        MIGRATOR
            .run(&mut *conn)
            .await
            .context("applying database migrations")?;
        let after = applied_count(&mut conn).await;
        Ok(after.saturating_sub(before))
    }

    /// Runs `write` and returns its result once it is committed (durably, with
    /// `synchronous = full`): `Statements::Several` in a transaction of their own;
    /// `Statements::One`, a write of one statement, on its own needs none (on PostgreSQL
    /// it then costs one round trip instead of three). On SQLite, writes that arrive
    /// together share one transaction and one commit (see [`group`]); `write` may then run
    /// more than once — again on its own when its batch failed — so it must depend only on
    /// what it captured and on the connection it is given, and use no other connection.
    /// The caller must not hold a pooled connection while it waits: the write needs one.
    pub async fn write<T, F>(&self, statements: Statements, write: F) -> Result<T, sqlx::Error>
    where
        T: Send + 'static,
        F: for<'c> Fn(&'c mut AnyConnection) -> WriteFuture<'c, T> + Send + 'static,
    {
        match &self.writer {
            Some(writer) => writer.write(statements, write).await,
            None => group::write_alone(&self.pool, statements, &write).await,
        }
    }

    /// How SQLite's writes shared their commits so far (`None` on PostgreSQL, whose
    /// writes do not go through one writer).
    pub fn write_counts(&self) -> Option<WriteCounts> {
        self.writer.as_ref().map(Writer::counts)
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Records a storage fault a command ran into: connections that lived through it are
    /// replaced (see [`FAULT_WINDOW`]), and a SQLite file is checked at once.
    pub fn note_fault(&self, fault: StorageFault) {
        self.health.note(fault);
    }

    /// Whether the SQLite file was removed or replaced while this store was open. Once it
    /// is, the pool is closed: nothing more is written anywhere.
    pub fn gone(&self) -> Option<Gone> {
        self.health.gone()
    }

    /// Checks the SQLite file every `every` until `cancel`; returns an error (so `kumpul
    /// run` stops with it) once the file was removed or replaced. Returns `Ok` on cancel,
    /// and at once for PostgreSQL.
    pub async fn watch(&self, every: Duration, cancel: CancellationToken) -> anyhow::Result<()> {
        let Some(path) = self.health.path() else {
            cancel.cancelled().await;
            return Ok(());
        };
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = cancel.cancelled() => return Ok(()),
                _ = self.health.gone_signal().cancelled() => {}
                _ = ticks.tick() => {}
            }
            if let Some(gone) = self.health.check_file() {
                let what = match gone {
                    Gone::Removed => "removed",
                    Gone::Replaced => "replaced by another file",
                };
                anyhow::bail!(
                    "the database file {} was {what} while kumpul was running; kumpul stopped \
                     taking writes so nothing more is lost. Put the database back (or point \
                     database.url at it) and start kumpul again",
                    path.display()
                );
            }
        }
    }

    /// Waits for in-flight work and closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Closes the pool once the SQLite file is gone, so every command fails at once instead of
/// writing to a deleted file; ends when the pool is closed anyway.
async fn close_when_gone(pool: AnyPool, gone: CancellationToken) {
    tokio::select! {
        _ = gone.cancelled() => pool.close().await,
        _ = pool.close_event() => {}
    }
}

/// Opens the SQLite file once on its own (creating it and its folder if needed) and
/// configures it, so a file that is not a database fails now, naming the path, rather than
/// after the pool's wait for a connection. Returns the file's identity.
async fn probe_sqlite(path: &Path, synchronous: Synchronous) -> anyhow::Result<FileIdentity> {
    let url = location::sqlite_url(path, true)?;
    let opened = async {
        let mut conn = AnyConnection::connect(&url).await?;
        let configured = configure_sqlite(&mut conn, synchronous).await;
        conn.close().await.ok();
        configured
    };
    if let Err(error) = opened.await {
        let not_a_database = error
            .as_database_error()
            .and_then(|db| db.code())
            .is_some_and(|code| matches!(code.parse::<i64>().map(|c| c & 0xff), Ok(26 | 11)));
        if not_a_database {
            anyhow::bail!(
                "{} is not a SQLite database, or it is damaged ({error}). Check database.url: \
                 it should name kumpul's database file, or a path where kumpul may create one",
                path.display()
            );
        }
        return Err(anyhow::Error::new(error)
            .context(format!("opening the SQLite database {}", path.display())));
    }
    FileIdentity::of(path).with_context(|| format!("reading {}", path.display()))
}

/// Runs `attempt` again while it fails with a unique-key conflict, at most `times` times
/// in all. For inserts that take the next free number of a space (`#3`), which a
/// concurrent insert can take first: the loser's transaction fails and is simply tried
/// again. Any other error — a full disk, a read-only database — is returned at once.
pub async fn retry_conflicts<T, F, Fut>(times: usize, mut attempt: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let mut tries = 0;
    loop {
        tries += 1;
        match attempt().await {
            Err(error) if tries < times && is_conflict(&error) => {
                tracing::debug!(%error, tries, "conflicting insert; trying again");
            }
            result => return result,
        }
    }
}

async fn applied_count(conn: &mut AnyConnection) -> usize {
    // Before the first migration the table does not exist; that is zero applied.
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
        .fetch_one(conn)
        .await
        .map(|n| n as usize)
        .unwrap_or(0)
}

/// Write-ahead logging lets readers work while a vote is being written; foreign keys are
/// off by default in SQLite; the busy timeout makes concurrent writers wait, not fail;
/// `synchronous` decides whether a commit is on disk before it is confirmed (see
/// [`Synchronous`]); secure delete overwrites deleted rows, so a sealed secret poll leaves
/// no old ballot rows in free pages of the file.
async fn configure_sqlite(
    conn: &mut AnyConnection,
    synchronous: Synchronous,
) -> Result<(), sqlx::Error> {
    conn.execute("PRAGMA foreign_keys = ON").await?;
    conn.execute(sqlx::AssertSqlSafe(format!(
        "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"
    )))
    .await?;
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute(synchronous.pragma()).await?;
    conn.execute("PRAGMA secure_delete = ON").await?;
    conn.ping().await
}

#[cfg(test)]
mod tests;
