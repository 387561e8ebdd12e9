//! Backups of a database that is being written to while they are taken.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use super::*;
use crate::store::Location;

async fn open(path: &Path) -> Store {
    Store::open(&Location::SqliteFile(path.to_owned()), 4)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_backup_under_a_write_burst_holds_every_earlier_commit_and_no_gap() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("k.db")).await;
    sqlx::query("CREATE TABLE burst (n BIGINT PRIMARY KEY, pad TEXT NOT NULL)")
        .execute(store.pool())
        .await
        .unwrap();
    // One writer commits 1, 2, 3, … one row per transaction and publishes the last
    // number committed; it goes on until the backup is done, so the backup is taken in
    // the middle of the burst.
    let committed = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = tokio::spawn({
        let pool = store.pool().clone();
        let committed = committed.clone();
        let stop = stop.clone();
        async move {
            for n in 1..=100_000_i64 {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                sqlx::query("INSERT INTO burst (n, pad) VALUES ($1, $2)")
                    .bind(n)
                    .bind("x".repeat(200))
                    .execute(&pool)
                    .await
                    .unwrap();
                committed.store(n, Ordering::SeqCst);
            }
        }
    });
    let started = tokio::time::Instant::now();
    while committed.load(Ordering::SeqCst) < 300 {
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        tokio::task::yield_now().await;
    }
    let before = committed.load(Ordering::SeqCst);
    let target = dir.path().join("backup.db");
    let report = store.backup_to(&target).await.unwrap();
    let after = committed.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    assert!(
        committed.load(Ordering::SeqCst) < 100_000,
        "the burst ended before the backup did"
    );

    let copy = open(&target).await;
    let rows: Vec<i64> = sqlx::query_scalar("SELECT n FROM burst ORDER BY n")
        .fetch_all(copy.pool())
        .await
        .unwrap();
    let last = *rows.last().unwrap();
    assert!(
        last >= before,
        "commit {before} was made before the backup, copy ends at {last}"
    );
    assert!(
        last <= after + 1,
        "the copy holds {last}, more than was written ({after})"
    );
    assert!(
        rows.iter().copied().eq(1..=last),
        "the copy is not one moment of the database: rows 1..={last} with gaps"
    );
    let counted = report.tables.iter().find(|(name, _)| name == "burst");
    assert_eq!(counted, Some(&("burst".to_owned(), last)));
    assert!(report.tables.iter().any(|(name, _)| name == "groups"));
    assert!(report.migrations > 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the backup is readable by others: {mode:o}");
    }
}

#[tokio::test]
async fn a_backup_never_overwrites_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("k.db")).await;
    let target = dir.path().join("precious.db");
    std::fs::write(&target, b"someone's file").unwrap();
    let error = store.backup_to(&target).await.unwrap_err();
    assert!(format!("{error:#}").contains("already exists"), "{error:#}");
    assert_eq!(std::fs::read(&target).unwrap(), b"someone's file");
}

#[tokio::test]
async fn a_backup_into_a_missing_folder_fails_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir.path().join("k.db")).await;
    let target = dir.path().join("no-such-folder").join("b.db");
    let error = store.backup_to(&target).await.unwrap_err();
    assert!(
        format!("{error:#}").contains("creating the backup"),
        "{error:#}"
    );
    assert!(!target.exists());
}
