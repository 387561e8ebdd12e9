//! Group commit: on SQLite, writes that arrive together share one durable commit.
//!
//! With `synchronous = full` every commit waits for the disk (an fsync of the WAL), and
//! SQLite has one writer at a time: 64 people voting at once would queue for 64 fsyncs in
//! a row. Instead, [`Store::write`](super::Store::write) hands its write to one writer
//! task, which runs every write waiting at that moment in one transaction and commits it
//! once. Nobody waits for a batch to fill: the writer takes what is queued and commits at
//! once, and what arrives meanwhile forms the next batch, so a lone write is as fast as
//! before and a burst costs one fsync per batch instead of one per write.
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
use std::sync::atomic::{AtomicU64, Ordering};

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

/// The queue into the writer task.
#[derive(Debug, Clone)]
pub(super) struct Writer {
    queue: mpsc::UnboundedSender<Box<dyn Queued>>,
    counts: Arc<Counts>,
}

/// What the writer did since it started: how well writes share their commits.
#[derive(Debug, Default)]
struct Counts {
    queued: AtomicU64,
    committed: AtomicU64,
    commits: AtomicU64,
}

/// How many writes went through the writer and how many commits held them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteCounts {
    /// Writes handed to the writer.
    pub queued: u64,
    /// Writes committed (the others failed, or are still waiting).
    pub committed: u64,
    /// Commits that held them: `committed / commits` writes shared each commit.
    pub commits: u64,
}

impl Writer {
    /// Starts the writer task on `pool`; it ends once every [`Writer`] is dropped.
    pub(super) fn start(pool: AnyPool) -> Writer {
        let (queue, incoming) = mpsc::unbounded_channel();
        let counts = Arc::new(Counts::default());
        tokio::spawn(run_writer(pool, incoming, counts.clone()));
        Writer { queue, counts }
    }

    pub(super) fn counts(&self) -> WriteCounts {
        WriteCounts {
            queued: self.counts.queued.load(Ordering::Relaxed),
            committed: self.counts.committed.load(Ordering::Relaxed),
            commits: self.counts.commits.load(Ordering::Relaxed),
        }
    }

    /// Queues `write` and waits until the commit that holds it returned.
    pub(super) async fn write<T, F>(
        &self,
        statements: Statements,
        write: F,
    ) -> Result<T, sqlx::Error>
    where
        T: Send + 'static,
        F: for<'c> Fn(&'c mut AnyConnection) -> WriteFuture<'c, T> + Send + 'static,
    {
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
        self.counts.queued.fetch_add(1, Ordering::Relaxed);
        outcome.await.map_err(|_| sqlx::Error::WorkerCrashed)?
    }
}

async fn run_writer(
    pool: AnyPool,
    mut incoming: mpsc::UnboundedReceiver<Box<dyn Queued>>,
    counts: Arc<Counts>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = incoming.recv().await {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match incoming.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        commit_batch(&pool, &mut batch, &counts).await;
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
                counts.commits.fetch_add(1, Ordering::Relaxed);
                let writes = batch.len() as u64;
                counts.committed.fetch_add(writes, Ordering::Relaxed);
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
                counts.commits.fetch_add(1, Ordering::Relaxed);
                counts.committed.fetch_add(1, Ordering::Relaxed);
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
