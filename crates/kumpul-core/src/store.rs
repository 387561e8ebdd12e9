//! The database: one pool over SQLite or PostgreSQL, and the migrations.
//!
//! We use sqlx's `Any` driver so one binary serves both backends with one set of portable
//! migrations (ARCHITECTURE decision 3). SQL lives only in the features' `repo.rs` files;
//! this module only connects, configures and migrates.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyConnection, AnyPool, Connection, Executor};

/// Which database engine a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the data lives, as configured: a file path (SQLite) or a `postgres://` URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    SqliteFile(PathBuf),
    /// A full connection URL (may contain a password, so never printed).
    Postgres(String),
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::SqliteFile(path) => write!(f, "SqliteFile({})", path.display()),
            Location::Postgres(_) => f.write_str("Postgres(<redacted url>)"),
        }
    }
}

impl Location {
    /// `postgres://…` and `postgresql://…` mean PostgreSQL; `sqlite://path` or a plain
    /// path mean a SQLite file.
    pub fn parse(value: &str) -> Location {
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            Location::Postgres(value.to_owned())
        } else {
            let path = value
                .strip_prefix("sqlite://")
                .or_else(|| value.strip_prefix("sqlite:"))
                .unwrap_or(value);
            Location::SqliteFile(PathBuf::from(path))
        }
    }
}

/// How long a SQLite writer waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

/// A connection pool plus the knowledge of which backend is behind it.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

impl Store {
    /// Connects (creating the SQLite file and its folder if needed). Does not migrate.
    pub async fn connect(location: &Location, max_connections: u32) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let (url, backend) = match location {
            Location::SqliteFile(path) => (sqlite_url(path)?, Backend::Sqlite),
            Location::Postgres(url) => (url.clone(), Backend::Postgres),
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        configure_sqlite(conn).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("connecting to the database ({location:?})"))?;
        Ok(Store { pool, backend })
    }

    /// Connects and applies every pending migration: what start-up does.
    pub async fn open(location: &Location, max_connections: u32) -> anyhow::Result<Store> {
        let store = Store::connect(location, max_connections).await?;
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

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Waits for in-flight work and closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Runs `attempt` again while it fails with a database error, at most `times` times in
/// all. For inserts that take the next free number of a space (`#3`), which a concurrent
/// insert can take first: the loser's transaction fails and is simply tried again.
pub async fn retry_conflicts<T, F, Fut>(times: usize, mut attempt: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let mut tries = 0;
    loop {
        tries += 1;
        match attempt().await {
            Err(error) if tries < times && error.as_database_error().is_some() => {
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

fn sqlite_url(path: &Path) -> anyhow::Result<String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating the data folder {}", parent.display()))?;
    }
    let path = path
        .to_str()
        .context("the SQLite path is not valid UTF-8")?;
    // `?` and `#` would be read as the URL's query or fragment.
    let escaped = path
        .replace('%', "%25")
        .replace('?', "%3F")
        .replace('#', "%23");
    Ok(format!("sqlite://{escaped}?mode=rwc"))
}

/// Write-ahead logging lets readers work while a vote is being written; foreign keys are
/// off by default in SQLite; the busy timeout makes concurrent writers wait, not fail;
/// secure delete overwrites deleted rows, so a sealed secret poll leaves no old ballot
/// rows in free pages of the file.
async fn configure_sqlite(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    conn.execute("PRAGMA foreign_keys = ON").await?;
    conn.execute(sqlx::AssertSqlSafe(format!(
        "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"
    )))
    .await?;
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute("PRAGMA synchronous = NORMAL").await?;
    conn.execute("PRAGMA secure_delete = ON").await?;
    conn.ping().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend_and_paths_mean_sqlite() {
        assert_eq!(
            Location::parse("postgres://u@h/db"),
            Location::Postgres("postgres://u@h/db".into())
        );
        assert!(matches!(
            Location::parse("postgresql://h/db"),
            Location::Postgres(_)
        ));
        assert_eq!(
            Location::parse("data/kumpul.db"),
            Location::SqliteFile("data/kumpul.db".into())
        );
        assert_eq!(
            Location::parse("sqlite://x.db"),
            Location::SqliteFile("x.db".into())
        );
        assert!(!format!("{:?}", Location::parse("postgres://u:pw@h/db")).contains("pw"));
    }

    #[tokio::test]
    async fn sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("folder").join("k.db");
        let store = Store::open(&Location::SqliteFile(path.clone()), 2)
            .await
            .unwrap();
        assert!(path.is_file(), "the folder and file are created");
        let mut conn = store.pool().acquire().await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(fk, 1);
        let timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(timeout, i64::from(SQLITE_BUSY_TIMEOUT_MS));
        let secure: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(secure, 1);
    }

    #[tokio::test]
    async fn a_path_with_url_characters_is_still_a_file_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("odd?name#1%.db");
        let store = Store::open(&Location::SqliteFile(path.clone()), 1)
            .await
            .unwrap();
        store.close().await;
        assert!(path.is_file());
    }
}
