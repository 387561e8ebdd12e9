//! Group commit: on SQLite, writes that arrive together share one durable commit.
//!
//! With `synchronous = full` every commit waits for the disk (an fsync of the WAL), and
//! SQLite has one writer at a time: 64 people voting at once would queue for 64 fsyncs in
//! a row. Instead, [`Store::write`](super::Store::write) hands its write to one writer
//! task, which runs every write waiting at that moment in one transaction and commits it
//! once. Nobody waits for a batch to fill: the writer takes what is queued and commits at
//! once, and what arrives meanwhile forms the next batch, so a burst costs one fsync per
//! batch instead of one per write. A write that finds nothing being written and nothing
//! queued is written by its caller directly, as it was before group commit.
//!
//! The promise is unchanged: a caller hears `Ok` only after the commit that holds its write
//! returned, so every confirmation still follows its own durable commit. A state rule
//! checked inside a write (a poll still open) holds because the batch is one transaction
//! that holds SQLite's write lock from the first write to the commit.
//!
//! A write must be re-runnable ([`Fn`]) and use only the connection it is given. When
//! anything in a batch fails — one write's statement, or the commit — the batch is rolled
//! back and each write runs again on its own, in its own transaction: each caller then
//! gets exactly its own outcome (its own error, a full disk it alone could not fit in, or
//! `Ok`), never a neighbour's.
//!
//! PostgreSQL does not go through the writer: it takes many writers at once, and its own
//! WAL flush already commits concurrent transactions together.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use sqlx::{AnyConnection, AnyPool, Connection};
use tokio::sync::{mpsc, oneshot};

/// What a write returns: its own future on the connection it was given.
pub type WriteFuture<'c, T> = Pin<Box<dyn Future<Output = Result<T, sqlx::Error>> + Send + 'c>>;

/// Most writes in one transaction: enough that a burst of votes shares its fsyncs, few
/// enough that a batch holds the write lock only for milliseconds.
const MAX_BATCH: usize = 256;

/// One queued write, its type erased so writes of every kind share the queue.
trait Queued: Send {
    /// Runs the write in the open transaction and keeps its result until the commit.
    fn run<'c>(&'c mut self, conn: &'c mut AnyConnection) -> WriteFuture<'c, ()>;
    /// The transaction that holds the write was committed: hands over the kept result.
    fn committed(self: Box<Self>);
    /// The write failed: tells its caller.
    fn failed(self: Box<Self>, error: sqlx::Error);
    /// Whether the write is one statement, which SQLite makes atomic and durable on its
    /// own: alone, it needs no transaction around it.
    fn one_statement(&self) -> bool;
}

/// What a write is made of: one statement, or several that must commit together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statements {
    /// One statement, run in autocommit when alone. It must be run to completion
    /// (`execute`, `fetch_all`): SQLite commits it only then, so reading just the first row
    /// of a `RETURNING` would answer before the commit that can still fail.
    One,
    Several,
}

struct Pending<T, F> {
    statements: Statements,
    write: F,
    result: Option<T>,
    reply: oneshot::Sender<Result<T, sqlx::Error>>,
}

impl<T, F> Queued for Pending<T, F>
where
    T: Send + 'static,
    F: for<'c> Fn(&'c mut AnyConnection) -> WriteFuture<'c, T> + Send + 'static,
{
    fn run<'c>(&'c mut self, conn: &'c mut AnyConnection) -> WriteFuture<'c, ()> {
        Box::pin(async move {
            self.result = Some((self.write)(conn).await?);
            Ok(())
        })
    }

    fn committed(self: Box<Self>) {
        let Pending { result, reply, .. } = *self;
        // `run` succeeded before any commit, so the result is there; a caller that gave
        // up waiting is no one's concern.
        if let Some(result) = result {
            let _ = reply.send(Ok(result));
        }
    }

    fn failed(self: Box<Self>, error: sqlx::Error) {
        let _ = self.reply.send(Err(error));
    }

    fn one_statement(&self) -> bool {
        self.statements == Statements::One
    }
}

/// The way into the writer task, and a lone write's way around it.
#[derive(Debug, Clone)]
pub(super) struct Writer {
    pool: AnyPool,
    queue: mpsc::UnboundedSender<Box<dyn Queued>>,
    shared: Arc<Shared>,
}

/// What callers and the writer task share.
#[derive(Debug, Default)]
struct Shared {
    /// Held by whoever is writing: the writer task for a batch, or a caller writing alone.
    turn: tokio::sync::Mutex<()>,
    /// Writes queued and not yet taken by the writer task.
    waiting: AtomicUsize,
    counts: Counts,
}

/// What the writer did since it started: how well writes share their commits.
#[derive(Debug, Default)]
struct Counts {
    writes: AtomicU64,
    committed: AtomicU64,
    commits: AtomicU64,
}

impl Counts {
    fn committed(&self, writes: u64) {
        self.commits.fetch_add(1, Ordering::Relaxed);
        self.committed.fetch_add(writes, Ordering::Relaxed);
    }
}

/// How many writes went through the writer and how many commits held them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteCounts {
    /// Writes asked for.
    pub writes: u64,
    /// Writes committed (the others failed, or are still waiting).
    pub committed: u64,
    /// Commits that held them: `committed / commits` writes shared each commit.
    pub commits: u64,
    /// Writes in the queue now, not yet taken by the writer task.
    pub waiting: u64,
}

impl Writer {
    /// Starts the writer task on `pool`; it ends once every [`Writer`] is dropped.
    pub(super) fn start(pool: AnyPool) -> Writer {
        let (queue, incoming) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared::default());
        tokio::spawn(run_writer(pool.clone(), incoming, shared.clone()));
        Writer {
            pool,
            queue,
            shared,
        }
    }

    pub(super) fn counts(&self) -> WriteCounts {
        let counts = &self.shared.counts;
        WriteCounts {
            writes: counts.writes.load(Ordering::Relaxed),
            committed: counts.committed.load(Ordering::Relaxed),
            commits: counts.commits.load(Ordering::Relaxed),
            waiting: self.shared.waiting.load(Ordering::Acquire) as u64,
        }
    }

    /// Runs `write` and returns once the commit that holds it returned. When nothing is
    /// being written or waiting, the caller writes it itself (no hand-over to the writer
    /// task and back: a lone vote is as quick as it can be); otherwise it joins the queue,
    /// and the writer task commits it with everything queued with it.
    pub(super) async fn write<T, F>(
        &self,
        statements: Statements,
        write: F,
    ) -> Result<T, sqlx::Error>
    where
        T: Send + 'static,
        F: for<'c> Fn(&'c mut AnyConnection) -> WriteFuture<'c, T> + Send + 'static,
    {
        let shared = &self.shared;
        shared.counts.writes.fetch_add(1, Ordering::Relaxed);
        if shared.waiting.load(Ordering::Acquire) == 0
            && let Ok(_turn) = shared.turn.try_lock()
        {
            let written = write_alone(&self.pool, statements, &write).await;
            if written.is_ok() {
                shared.counts.committed(1);
            }
            return written;
        }
        let (reply, outcome) = oneshot::channel();
        let pending = Box::new(Pending {
            statements,
            write,
            result: None,
            reply,
        });
        // The writer only stops when the store is dropped, or by panicking: either way no
        // write of ours can commit any more.
        self.queue
            .send(pending)
            .map_err(|_| sqlx::Error::WorkerCrashed)?;
        // Counted once sent (the writer may even have taken it already and counted it
        // down, wrapping for a moment): a lone write meanwhile only skips the queue.
        shared.waiting.fetch_add(1, Ordering::AcqRel);
        outcome.await.map_err(|_| sqlx::Error::WorkerCrashed)?
    }
}

/// Runs one write on its own: a statement in autocommit, several in a transaction.
pub(super) async fn write_alone<T, F>(
    pool: &AnyPool,
    statements: Statements,
    write: &F,
) -> Result<T, sqlx::Error>
where
    F: for<'c> Fn(&'c mut AnyConnection) -> WriteFuture<'c, T>,
{
    let mut conn = pool.acquire().await?;
    if statements == Statements::One {
        // The statement's own commit, durable before it returns.
        return write(&mut conn).await;
    }
    let mut tx = conn.begin().await?;
    let result = write(&mut tx).await?;
    tx.commit().await?;
    Ok(result)
}

async fn run_writer(
    pool: AnyPool,
    mut incoming: mpsc::UnboundedReceiver<Box<dyn Queued>>,
    shared: Arc<Shared>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = incoming.recv().await {
        let _turn = shared.turn.lock().await;
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match incoming.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        shared.waiting.fetch_sub(batch.len(), Ordering::AcqRel);
        commit_batch(&pool, &mut batch, &shared.counts).await;
    }
}

/// Commits `batch` (emptied) in one transaction, or each write alone if that fails.
async fn commit_batch(pool: &AnyPool, batch: &mut Vec<Box<dyn Queued>>, counts: &Counts) {
    if batch.len() > 1 {
        let together = match pool.acquire().await {
            Ok(mut conn) => run_together(&mut conn, batch).await,
            Err(error) => Err(error),
        };
        match together {
            Ok(()) => {
                counts.committed(batch.len() as u64);
                for write in batch.drain(..) {
                    write.committed();
                }
                return;
            }
            Err(error) => tracing::debug!(
                %error,
                writes = batch.len(),
                "a shared commit failed; running its writes one by one"
            ),
        }
    }
    for mut write in batch.drain(..) {
        let alone = match pool.acquire().await {
            Ok(mut conn) => run_alone(&mut conn, write.as_mut()).await,
            Err(error) => Err(error),
        };
        match alone {
            Ok(()) => {
                counts.committed(1);
                write.committed();
            }
            Err(error) => write.failed(error),
        }
    }
}

async fn run_together(
    conn: &mut AnyConnection,
    batch: &mut [Box<dyn Queued>],
) -> Result<(), sqlx::Error> {
    let mut tx = conn.begin().await?;
    for write in batch.iter_mut() {
        if let Err(error) = write.run(&mut tx).await {
            tx.rollback().await.ok();
            return Err(error);
        }
    }
    tx.commit().await
}

async fn run_alone(conn: &mut AnyConnection, write: &mut dyn Queued) -> Result<(), sqlx::Error> {
    if write.one_statement() {
        // In autocommit: the statement's own commit, durable before it returns.
        return write.run(conn).await;
    }
    let mut tx = conn.begin().await?;
    if let Err(error) = write.run(&mut tx).await {
        tx.rollback().await.ok();
        return Err(error);
    }
    tx.commit().await
}

#[cfg(test)]
mod tests;
