//! Keeping the pool healthy: no connection goes back to the pool inside a transaction,
//! connections that lived through a storage fault are replaced, and a SQLite file that was
//! removed or replaced under a running kumpul is noticed.
//!
//! Why each rule exists:
//! - After a failed `COMMIT`, SQLite may or may not have rolled the transaction back
//!   itself. sqlx then issues `ROLLBACK`; when that fails its transaction depth stays at 1
//!   and the next `begin` on the connection becomes a `SAVEPOINT`, whose rollback leaves
//!   the real transaction open: later "autocommit" writes on that connection are answered
//!   as saved and never committed, and the write lock it holds makes every other connection
//!   fail with "database is locked". So a connection whose depth is not 0 once its pending
//!   rollback has run is closed, never pooled.
//! - A PostgreSQL session keeps the `default_transaction_read_only` it started with, and a
//!   connection that saw an I/O or connection error may be half-broken. After such a fault,
//!   for [`FAULT_WINDOW`], every connection is used once and closed, and none created before
//!   the window's end is reused after it: once the fault clears, the next command gets a
//!   fresh connection that sees the database as it now is.
//! - A SQLite file removed or replaced (a restore, a cleanup script, a new volume) would
//!   otherwise go on taking writes into a deleted inode, which nobody will ever read: each
//!   connection's use checks the file's device and inode first.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sqlx::pool::PoolConnectionMetadata;
use sqlx::{AnyConnection, Connection, Executor};
use tokio_util::sync::CancellationToken;

use super::fault::StorageFault;

/// How long after a tainting fault connections are used only once.
pub const FAULT_WINDOW: Duration = Duration::from_secs(15);

/// How long a PostgreSQL connection rests in the pool before it is pinged on its next use.
const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

/// What happened to a SQLite file under a running kumpul.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gone {
    /// Nothing is at the path any more.
    Removed,
    /// Another file is at the path.
    Replaced,
}

/// The file a SQLite store opened: its path, device and inode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FileIdentity {
    path: PathBuf,
    id: (u64, u64),
}

impl FileIdentity {
    /// The identity of the file now at `path`.
    pub(super) fn of(path: &Path) -> std::io::Result<FileIdentity> {
        Ok(FileIdentity {
            path: path.to_owned(),
            id: device_and_inode(&std::fs::metadata(path)?),
        })
    }

    /// Whether the same file is still at the path; if not, what happened.
    fn check(&self) -> Result<(), Gone> {
        match std::fs::metadata(&self.path) {
            Ok(meta) if device_and_inode(&meta) == self.id => Ok(()),
            Ok(_) => Err(Gone::Replaced),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(Gone::Removed),
            // Cannot tell (permissions of a folder changed): the next write will say more.
            Err(_) => Ok(()),
        }
    }
}

#[cfg(unix)]
fn device_and_inode(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn device_and_inode(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// What the pool's hooks and the store share about the database's health.
#[derive(Debug)]
pub(super) struct Health {
    /// Where time is counted from for the atomics below.
    epoch: Instant,
    /// Nanoseconds after `epoch` (plus one; 0 = never) of the last tainting fault.
    tainted_at: AtomicU64,
    /// The SQLite file, when the store is one.
    file: Option<FileIdentity>,
    gone: OnceLock<Gone>,
    /// Cancelled once the file is gone, for whoever waits on it.
    gone_signal: CancellationToken,
}

impl Health {
    pub(super) fn new(file: Option<FileIdentity>) -> Health {
        Health {
            epoch: Instant::now(),
            tainted_at: AtomicU64::new(0),
            file,
            gone: OnceLock::new(),
            gone_signal: CancellationToken::new(),
        }
    }

    fn now(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_nanos()).unwrap_or(u64::MAX) + 1
    }

    /// Records a fault seen by a command; checks the file at once.
    pub(super) fn note(&self, fault: StorageFault) {
        if fault.taints_connections() {
            self.tainted_at.fetch_max(self.now(), Ordering::SeqCst);
        }
        self.check_file();
    }

    /// Whether a connection of this age must not be used (again).
    fn stale(&self, meta: &PoolConnectionMetadata) -> bool {
        let tainted = self.tainted_at.load(Ordering::SeqCst);
        if tainted == 0 {
            return false;
        }
        let created = self
            .now()
            .saturating_sub(u64::try_from(meta.age.as_nanos()).unwrap_or(u64::MAX));
        let window = u64::try_from(FAULT_WINDOW.as_nanos()).unwrap_or(u64::MAX);
        created <= tainted.saturating_add(window)
    }

    /// Checks that the SQLite file is still the one opened; marks the store gone if not.
    pub(super) fn check_file(&self) -> Option<Gone> {
        if let Some(gone) = self.gone() {
            return Some(gone);
        }
        let file = self.file.as_ref()?;
        let gone = file.check().err()?;
        if self.gone.set(gone).is_ok() {
            tracing::error!(
                path = %file.path.display(),
                ?gone,
                "the database file was removed or replaced while kumpul was running; no more writes"
            );
        }
        self.gone_signal.cancel();
        self.gone()
    }

    pub(super) fn gone(&self) -> Option<Gone> {
        self.gone.get().copied()
    }

    pub(super) fn gone_signal(&self) -> &CancellationToken {
        &self.gone_signal
    }

    pub(super) fn path(&self) -> Option<&Path> {
        self.file.as_ref().map(|f| f.path.as_path())
    }

    /// `after_connect` and `before_acquire`: whether a connection may be handed out. Once
    /// the SQLite file is gone, a connection is made read-only (`query_only`) instead of
    /// refused — refusing would make the pool retry until its timeout — so the command
    /// fails at its first write, and the pool is closed for every later one.
    pub(super) async fn admit(
        &self,
        conn: &mut AnyConnection,
        meta: Option<&PoolConnectionMetadata>,
    ) -> Result<bool, sqlx::Error> {
        if self.check_file().is_some() {
            conn.execute("PRAGMA query_only = 1").await?;
            return Ok(true);
        }
        let Some(meta) = meta else {
            return Ok(true);
        };
        if self.stale(meta) || conn.is_in_transaction() {
            return Ok(false);
        }
        // A PostgreSQL connection can die with its server while it sits in the pool: one
        // that rested is pinged (a failed ping makes the pool open a fresh one). One in use
        // moments ago is not, so a burst of votes pays no extra round trip per command.
        if self.file.is_none() && meta.idle_for >= PING_AFTER_IDLE {
            conn.ping().await?;
        }
        Ok(true)
    }

    /// `after_release`: whether a returned connection may go back to the pool.
    pub(super) async fn admit_returned(
        &self,
        conn: &mut AnyConnection,
        meta: &PoolConnectionMetadata,
    ) -> Result<bool, sqlx::Error> {
        if self.gone().is_some() || self.stale(meta) {
            return Ok(false);
        }
        if conn.is_in_transaction() {
            // A dropped transaction's rollback is queued, not yet run: run it, then look
            // again. A rollback that failed leaves the depth above 0 and an unknown state.
            conn.ping().await?;
            if conn.is_in_transaction() {
                tracing::warn!(
                    "a connection is still in a transaction after its rollback; closing it"
                );
                return Ok(false);
            }
        }
        Ok(true)
    }
}
