//! The store against real SQLite files: pragmas, durability, broken files, retries, and
//! a pool that never hands out a connection stuck in a transaction.

use sqlx::Acquire;

use super::*;

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

async fn synchronous_of(store: &Store) -> i64 {
    sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn sqlite_commits_are_durable_unless_normal_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let location = Location::SqliteFile(dir.path().join("k.db"));
    let store = Store::open(&location, 2).await.unwrap();
    assert_eq!(synchronous_of(&store).await, 2, "FULL by default");
    store.close().await;
    let options = StoreOptions {
        synchronous: Synchronous::Normal,
        ..StoreOptions::new(2)
    };
    let store = Store::open_with(&location, &options).await.unwrap();
    assert_eq!(synchronous_of(&store).await, 1, "NORMAL when chosen");
    store.close().await;
}

#[tokio::test]
async fn a_file_that_is_not_a_database_fails_at_once_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "shopping list: rice, eggs, tempeh\n".repeat(200)).unwrap();
    let started = std::time::Instant::now();
    let error = Store::open(&Location::SqliteFile(path.clone()), 2)
        .await
        .unwrap_err();
    let error = format!("{error:#}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(error.contains(&path.display().to_string()), "{error}");
    assert!(error.contains("is not a SQLite database"), "{error}");
}

/// A real error of each kind from SQLite: a duplicate key, and a read-only database.
async fn failing_insert(store: &Store, duplicate: bool) -> Result<(), sqlx::Error> {
    let mut conn = store.pool().acquire().await?;
    conn.execute(if duplicate {
        "PRAGMA query_only = 0"
    } else {
        "PRAGMA query_only = 1"
    })
    .await?;
    let inserted = sqlx::query("INSERT INTO spaces_probe (id) VALUES (1)")
        .execute(&mut *conn)
        .await;
    conn.execute("PRAGMA query_only = 0").await?;
    inserted.map(drop)
}

#[tokio::test]
async fn only_unique_key_conflicts_are_tried_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 1)
        .await
        .unwrap();
    store
        .pool()
        .execute("CREATE TABLE spaces_probe (id BIGINT PRIMARY KEY)")
        .await
        .unwrap();
    store
        .pool()
        .execute("INSERT INTO spaces_probe (id) VALUES (1)")
        .await
        .unwrap();
    for (duplicate, expected_tries) in [(true, 3), (false, 1)] {
        let tries = std::sync::atomic::AtomicUsize::new(0);
        let result = retry_conflicts(3, || {
            tries.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            failing_insert(&store, duplicate)
        })
        .await;
        let error = result.unwrap_err();
        assert_eq!(is_conflict(&error), duplicate, "{error}");
        assert_eq!(
            tries.into_inner(),
            expected_tries,
            "duplicate: {duplicate}, {error}"
        );
    }
}

/// sqlx counts transaction depth itself. When a rollback fails (SQLite already rolled back
/// after a failed COMMIT), the count stays at 1: the next `begin` on that connection is a
/// `SAVEPOINT`, whose rollback leaves a real transaction open, and the "autocommit" writes
/// that follow are never committed. Here a raw `ROLLBACK` plays SQLite's own rollback.
#[tokio::test]
async fn a_connection_whose_rollback_failed_never_returns_to_the_pool() {
    let dir = tempfile::tempdir().unwrap();
    let location = Location::SqliteFile(dir.path().join("k.db"));
    let store = Store::open(&location, 1).await.unwrap();
    store
        .pool()
        .execute("CREATE TABLE saved (id BIGINT PRIMARY KEY)")
        .await
        .unwrap();
    let mut tx = store.pool().begin().await.unwrap();
    tx.execute("ROLLBACK").await.unwrap();
    drop(tx); // sqlx's ROLLBACK now fails: "no transaction is active".

    let mut conn = store.pool().acquire().await.unwrap();
    assert!(
        !conn.is_in_transaction(),
        "a connection with a stuck transaction count was pooled"
    );
    // What went wrong on such a connection: a rolled-back "transaction", then a write
    // answered as saved.
    let tx = conn.begin().await.unwrap();
    tx.rollback().await.unwrap();
    sqlx::query("INSERT INTO saved (id) VALUES (1)")
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    store.close().await;

    let reopened = Store::open(&location, 1).await.unwrap();
    let saved: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM saved")
        .fetch_one(reopened.pool())
        .await
        .unwrap();
    assert_eq!(saved, 1, "a write answered as saved was not committed");
    reopened.close().await;
}

/// SQLite (3.47 and later) recompiles a statement whose `LIMIT` or `OFFSET` is a bare
/// parameter every time that parameter is bound, which sqlx does on every run: each list
/// page and each claim would be compiled again. Bound through `CAST($n AS BIGINT)`, they
/// stay compiled once per connection (`scheduler::tests::claims` reads SQLite's counter).
#[test]
fn no_statement_binds_a_bare_limit_or_offset() {
    fn visit(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    // Spelled in two pieces, so this test does not find itself.
                    let bare = [concat!("LIMIT", " $"), concat!("OFFSET", " $")];
                    if bare.iter().any(|b| line.contains(b)) {
                        found.push(format!("{}:{}", path.display(), n + 1));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    visit(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "bind LIMIT/OFFSET through CAST: {found:?}"
    );
}
