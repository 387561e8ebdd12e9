//! Group commit on real SQLite files: writes waiting together share one commit, and a
//! write that fails fails alone. (That nobody hears `Ok` before a durable commit, also
//! when the disk fills mid-burst, is the fault tests' `faults_tests::sqlite_disk`.)

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::store::{Location, Statements, Store, WriteCounts};

async fn store_with_table(dir: &tempfile::TempDir) -> Store {
    let store = Store::connect(&Location::SqliteFile(dir.path().join("g.db")), 4)
        .await
        .unwrap();
    sqlx::query("CREATE TABLE t (k BIGINT NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (k))")
        .execute(store.pool())
        .await
        .unwrap();
    store
}

/// Inserts `k`; waits for a permit of `gate` first, so a test holds the writer inside
/// its transaction while other writes queue up behind it.
async fn insert(store: &Store, k: i64, gate: Option<Arc<Semaphore>>) -> Result<i64, sqlx::Error> {
    store
        .write(Statements::One, move |conn| {
            let gate = gate.clone();
            Box::pin(async move {
                if let Some(gate) = gate {
                    let _permit = gate.acquire().await.expect("the gate stays open");
                }
                sqlx::query("INSERT INTO t (k) VALUES ($1)")
                    .bind(k)
                    .execute(conn)
                    .await?;
                Ok(k)
            })
        })
        .await
}

async fn rows(store: &Store) -> Vec<i64> {
    sqlx::query_scalar("SELECT k FROM t ORDER BY k")
        .fetch_all(store.pool())
        .await
        .unwrap()
}

/// Waits (bounded) until `counts` says so.
async fn until(store: &Store, what: &str, done: impl Fn(WriteCounts) -> bool) {
    for _ in 0..500 {
        if done(store.write_counts().unwrap()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{what}: {:?}", store.write_counts());
}

/// Starts write 0, which finds the writer idle and writes itself, held inside its write by
/// a closed gate; then `ks`, which find it busy and queue behind it. Returns the gate and
/// the tasks once all of them are queued.
async fn queue_behind_a_held_write(
    store: &Store,
    ks: Vec<i64>,
) -> (
    Arc<Semaphore>,
    Vec<tokio::task::JoinHandle<Result<i64, sqlx::Error>>>,
) {
    let gate = Arc::new(Semaphore::new(0));
    let mut tasks = Vec::new();
    let (held, held_gate) = (store.clone(), gate.clone());
    tasks.push(tokio::spawn(async move {
        insert(&held, 0, Some(held_gate)).await
    }));
    until(store, "the held write started", |c| c.writes >= 1).await;
    let waiting = ks.len() as u64;
    for k in ks {
        let store = store.clone();
        tasks.push(tokio::spawn(async move { insert(&store, k, None).await }));
    }
    until(store, "the others queued", |c| c.waiting == waiting).await;
    (gate, tasks)
}

#[tokio::test]
async fn writes_that_wait_together_share_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_table(&dir).await;
    let (gate, tasks) = queue_behind_a_held_write(&store, (1..64).collect()).await;
    assert_eq!(
        rows(&store).await,
        Vec::<i64>::new(),
        "nothing committed yet"
    );
    gate.add_permits(1);
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(rows(&store).await, (0..64).collect::<Vec<_>>());
    let counts = store.write_counts().unwrap();
    assert_eq!((counts.writes, counts.committed), (64, 64));
    assert_eq!(
        counts.commits, 2,
        "the held write commits alone, the 63 queued behind it together: {counts:?}"
    );
}

#[tokio::test]
async fn a_write_that_fails_in_a_batch_fails_alone_and_the_others_commit_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_table(&dir).await;
    insert(&store, 5, None).await.unwrap();
    // 5 is taken: its second insert breaks the batch it is in.
    let (gate, tasks) = queue_behind_a_held_write(&store, vec![1, 2, 5, 7, 8]).await;
    gate.add_permits(1);
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap().map_err(|e| e.to_string()));
    }
    assert_eq!(outcomes[0], Ok(0));
    assert_eq!(outcomes[1..3], [Ok(1), Ok(2)]);
    let failed = outcomes[3].clone().expect_err("a duplicate key fails");
    assert!(failed.contains("UNIQUE"), "its own error: {failed}");
    assert_eq!(outcomes[4..], [Ok(7), Ok(8)]);
    assert_eq!(rows(&store).await, vec![0, 1, 2, 5, 7, 8]);
}

#[tokio::test]
async fn a_closed_store_fails_writes_instead_of_losing_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_table(&dir).await;
    store.close().await;
    let error = insert(&store, 1, None).await.unwrap_err();
    assert!(matches!(error, sqlx::Error::PoolClosed), "{error}");
}
