//! Which database errors are the storage's fault — a full disk, a read-only file, a
//! server that went away — rather than a bug, and what each one means for people.
//!
//! The bot shows these with a clear storage message instead of "something went wrong",
//! and the store recycles its connections after the ones that can taint a connection.

/// A database failure that is the storage's, not kumpul's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageFault {
    /// Out of space: SQLite `SQLITE_FULL` (13), PostgreSQL class 53 (disk full 53100,
    /// out of memory, too many connections).
    Full,
    /// Writes are refused: SQLite `SQLITE_READONLY` (8) and its extended codes,
    /// PostgreSQL `read_only_sql_transaction` (25006).
    ReadOnly,
    /// The file cannot be written or read: SQLite `SQLITE_IOERR` (10) and all its extended
    /// codes (778 `SQLITE_IOERR_WRITE` when the file was made immutable, …).
    Io,
    /// The database cannot be used at all: SQLite `SQLITE_CANTOPEN` (14), `SQLITE_CORRUPT`
    /// (11), `SQLITE_NOTADB` (26); PostgreSQL connection failures (class 08), an
    /// administrator or crash shutdown (57P01–57P03); a lost socket, a pool that timed out.
    /// A write that failed this way may or may not have been committed.
    Unavailable,
}

impl StorageFault {
    /// Whether a connection that saw this error should not be used again: it may keep a
    /// session setting (PostgreSQL `default_transaction_read_only`), a broken socket or a
    /// stale view of the file. A full disk does not taint a connection.
    pub fn taints_connections(self) -> bool {
        !matches!(self, StorageFault::Full)
    }

    /// Whether the write certainly did not happen (SQLite commits are atomic; a refused
    /// PostgreSQL statement changes nothing). After a lost connection it may have.
    pub fn nothing_changed(self) -> bool {
        !matches!(self, StorageFault::Unavailable)
    }
}

/// The storage fault behind `error`, if it is one.
pub fn classify(error: &sqlx::Error) -> Option<StorageFault> {
    match error {
        sqlx::Error::Database(db) => classify_code(db.code().as_deref().unwrap_or_default()),
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::WorkerCrashed => Some(StorageFault::Unavailable),
        // A closed pool is kumpul's own doing (shutting down, or a SQLite file gone, which
        // the store reports itself), not the storage's.
        _ => None,
    }
}

/// The storage fault anywhere in the causes of `error`, if there is one.
pub fn classify_chain(error: &anyhow::Error) -> Option<StorageFault> {
    error.chain().find_map(|cause| {
        cause
            .downcast_ref::<sqlx::Error>()
            .and_then(classify)
            .or_else(|| cause.downcast_ref::<std::io::Error>().and_then(classify_io))
    })
}

/// A file kumpul keeps beside its database (a secret poll's key) that could not be
/// written is a storage fault like the database's own.
fn classify_io(error: &std::io::Error) -> Option<StorageFault> {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(StorageFault::Full),
        ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => Some(StorageFault::ReadOnly),
        ErrorKind::NotFound | ErrorKind::AlreadyExists => None,
        _ if error.raw_os_error() == Some(5) => Some(StorageFault::Io),
        _ => None,
    }
}

/// Reads a PostgreSQL SQLSTATE (always five characters) or a SQLite result code (a number
/// of at most four digits; extended codes keep the primary code in the low byte).
fn classify_code(code: &str) -> Option<StorageFault> {
    if code.len() == 5 {
        return classify_sqlstate(code);
    }
    classify_sqlite(code.parse().ok()?)
}

fn classify_sqlite(code: i64) -> Option<StorageFault> {
    match code & 0xff {
        13 => Some(StorageFault::Full),
        8 => Some(StorageFault::ReadOnly),
        10 => Some(StorageFault::Io),
        14 | 11 | 26 => Some(StorageFault::Unavailable),
        _ => None,
    }
}

fn classify_sqlstate(code: &str) -> Option<StorageFault> {
    match code {
        "25006" => Some(StorageFault::ReadOnly),
        "57P01" | "57P02" | "57P03" => Some(StorageFault::Unavailable),
        _ if code.starts_with("53") => Some(StorageFault::Full),
        _ if code.starts_with("08") => Some(StorageFault::Unavailable),
        _ => None,
    }
}

/// Whether `error` is a unique-key conflict (SQLite 2067/1555, PostgreSQL 23505): what an
/// insert that raced another for the same number or id gets, and may try again.
pub fn is_conflict(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|db| db.is_unique_violation())
}

#[cfg(test)]
mod tests {
    use super::*;
    use StorageFault::*;

    #[test]
    fn every_sqlite_storage_code_and_extended_code_is_a_storage_fault() {
        let cases = [
            (13, Full),
            (8, ReadOnly),
            (264, ReadOnly),  // SQLITE_READONLY_RECOVERY
            (520, ReadOnly),  // SQLITE_READONLY_CANTLOCK
            (776, ReadOnly),  // SQLITE_READONLY_ROLLBACK
            (1032, ReadOnly), // SQLITE_READONLY_DBMOVED
            (1288, ReadOnly), // SQLITE_READONLY_CANTINIT
            (1544, ReadOnly), // SQLITE_READONLY_DIRECTORY
            (10, Io),
            (266, Io),  // SQLITE_IOERR_READ
            (778, Io),  // SQLITE_IOERR_WRITE (an immutable file)
            (1034, Io), // SQLITE_IOERR_FSYNC
            (3338, Io), // SQLITE_IOERR_LOCK
            (4874, Io), // SQLITE_IOERR_SHMOPEN
            (6410, Io), // SQLITE_IOERR_GETTEMPPATH
            (7434, Io), // SQLITE_IOERR_BEGIN_ATOMIC
            (14, Unavailable),
            (1038, Unavailable), // SQLITE_CANTOPEN_CONVPATH
            (11, Unavailable),
            (267, Unavailable), // SQLITE_CORRUPT_VTAB
            (26, Unavailable),
        ];
        for (code, fault) in cases {
            assert_eq!(classify_code(&code.to_string()), Some(fault), "{code}");
        }
    }

    #[test]
    fn postgres_storage_states_are_storage_faults() {
        let cases = [
            ("25006", ReadOnly),
            ("53100", Full),
            ("53200", Full),
            ("53300", Full),
            ("53400", Full),
            ("57P01", Unavailable),
            ("57P02", Unavailable),
            ("57P03", Unavailable),
            ("08000", Unavailable),
            ("08003", Unavailable),
            ("08006", Unavailable),
            ("08001", Unavailable),
            ("08004", Unavailable),
            ("08P01", Unavailable),
        ];
        for (code, fault) in cases {
            assert_eq!(classify_code(code), Some(fault), "{code}");
        }
    }

    #[test]
    fn bugs_and_conflicts_are_not_storage_faults() {
        for code in [
            "1", "5", "19", "2067", "1555", "787", // SQLite: error, busy, constraints
            "23505", "23503", "42P01", "42601", "40001", "57014", "25P02",
        ] {
            assert_eq!(classify_code(code), None, "{code}");
        }
        assert_eq!(classify(&sqlx::Error::RowNotFound), None);
        assert_eq!(
            classify(&sqlx::Error::PoolTimedOut),
            Some(StorageFault::Unavailable)
        );
    }

    #[test]
    fn a_storage_fault_is_found_behind_context() {
        let error = anyhow::Error::new(sqlx::Error::PoolTimedOut).context("committing a vote");
        assert_eq!(classify_chain(&error), Some(StorageFault::Unavailable));
        let closed = anyhow::Error::new(sqlx::Error::PoolClosed).context("committing a vote");
        assert_eq!(classify_chain(&closed), None);
        assert_eq!(classify_chain(&anyhow::anyhow!("a bug")), None);
    }

    #[test]
    fn a_key_file_that_cannot_be_written_is_a_storage_fault() {
        let full = anyhow::Error::new(std::io::Error::from_raw_os_error(28))
            .context("creating data/poll-keys/poll-1.key");
        assert_eq!(classify_chain(&full), Some(StorageFault::Full));
        let read_only = anyhow::Error::new(std::io::Error::from_raw_os_error(30));
        assert_eq!(classify_chain(&read_only), Some(StorageFault::ReadOnly));
        let missing = anyhow::Error::new(std::io::Error::from_raw_os_error(2));
        assert_eq!(classify_chain(&missing), None);
    }
}
