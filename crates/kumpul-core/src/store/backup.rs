//! `kumpul backup PATH`: a consistent copy of a SQLite database that kumpul may be
//! writing to at the same moment.
//!
//! `VACUUM INTO` reads the database in one read transaction, so the copy holds exactly
//! the commits made before it started (WAL mode lets writers go on meanwhile), and writes
//! a compact database file with no `-wal` beside it. The copy is then opened on its own and
//! checked: SQLite's integrity check, the same applied migrations as the source, and the
//! rows of every table counted.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sqlx::{AnyConnection, Connection};

use super::{Backend, Store, location};

/// What a backup wrote and what its check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub path: PathBuf,
    pub bytes: u64,
    /// Migrations applied in the copy (equal to the source's, or the backup fails).
    pub migrations: usize,
    /// Every table of the copy and its number of rows, by name.
    pub tables: Vec<(String, i64)>,
}

/// How to back up a PostgreSQL database instead (kumpul's own copy covers SQLite only:
/// `pg_dump` is the consistent online copy of a PostgreSQL database).
pub const PG_DUMP_HINT: &str = "pg_dump --format=custom --file kumpul.dump \"$DATABASE_URL\" \
     (restore into an empty database with: pg_restore --dbname \"$NEW_DATABASE_URL\" kumpul.dump)";

impl Store {
    /// Copies this SQLite database to `target`, a file that must not exist yet, created
    /// readable by kumpul's user only, then checks the copy (see the module comment).
    /// A copy that fails its check is removed again.
    pub async fn backup_to(&self, target: &Path) -> anyhow::Result<BackupReport> {
        if self.backend() != Backend::Sqlite {
            bail!("kumpul backup copies SQLite databases; for PostgreSQL use {PG_DUMP_HINT}");
        }
        create_empty_private(target)?;
        let result = self.copy_and_check(target).await;
        if result.is_err() {
            let _ = std::fs::remove_file(target);
        }
        result
    }

    async fn copy_and_check(&self, target: &Path) -> anyhow::Result<BackupReport> {
        let name = target
            .to_str()
            .context("the backup path is not valid UTF-8")?;
        let mut conn = self
            .pool()
            .acquire()
            .await
            .context("connecting to the database to back it up")?;
        sqlx::query("VACUUM INTO $1")
            .bind(name)
            .execute(&mut *conn)
            .await
            .with_context(|| format!("copying the database into {}", target.display()))?;
        let source_migrations = applied_migrations(&mut conn).await?;
        drop(conn);
        std::fs::File::open(target)
            .and_then(|file| file.sync_all())
            .with_context(|| format!("flushing {} to disk", target.display()))?;

        let url = location::sqlite_url(target, false)?.replace("mode=rw", "mode=ro");
        let mut copy = AnyConnection::connect(&url)
            .await
            .with_context(|| format!("opening the backup {}", target.display()))?;
        let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut copy)
            .await
            .context("checking the backup's integrity")?;
        if integrity != "ok" {
            bail!("the backup failed SQLite's integrity check: {integrity}");
        }
        let migrations = applied_migrations(&mut copy).await?;
        if migrations != source_migrations {
            bail!(
                "the backup holds {} applied migration(s), the database {}",
                migrations.len(),
                source_migrations.len()
            );
        }
        let tables = count_rows(&mut copy).await?;
        copy.close().await.ok();
        let bytes = std::fs::metadata(target)
            .with_context(|| format!("reading the size of {}", target.display()))?
            .len();
        Ok(BackupReport {
            path: target.to_owned(),
            bytes,
            migrations: migrations.len(),
            tables,
        })
    }
}

/// Creates `path` empty and owner-only (0600), refusing one that exists: a backup never
/// overwrites anything, and `VACUUM INTO` writes into an empty file keeping its mode.
fn create_empty_private(path: &Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!(
                "{} already exists; kumpul backup never overwrites a file: choose a new name",
                path.display()
            )
        } else {
            anyhow::Error::new(error).context(format!("creating the backup {}", path.display()))
        }
    })?;
    file.flush()?;
    Ok(())
}

/// The versions of the migrations applied to a database, in order.
async fn applied_migrations(conn: &mut AnyConnection) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
        .fetch_all(conn)
        .await
        .context("reading the applied migrations")
}

/// Every table of a SQLite database (SQLite's own excepted) with its number of rows.
async fn count_rows(conn: &mut AnyConnection) -> anyhow::Result<Vec<(String, i64)>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .context("listing the backup's tables")?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        // The names come from the database itself; quoted as identifiers all the same.
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        let rows: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {quoted}"
        )))
        .fetch_one(&mut *conn)
        .await
        .with_context(|| format!("counting the rows of {name} in the backup"))?;
        tables.push((name, rows));
    }
    Ok(tables)
}

#[cfg(test)]
mod tests;
