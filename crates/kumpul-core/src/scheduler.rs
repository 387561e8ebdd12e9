//! The durable scheduler: runs jobs when they fall due, exactly once as far as anyone can
//! tell, across restarts.
//!
//! - **Durable**: a job is a row ([`repo`]); nothing waits in memory.
//! - **Claimed atomically** with a lease: a job whose process died is taken over when its
//!   lease expires (at once on SQLite, which has a single process by construction).
//! - **At least once, seen once**: a job is marked done only after its message was
//!   accepted; the message carries the job's idempotency key, which the platform uses to
//!   drop a repeat after a crash between sending and marking.
//! - **Retries** with exponential back-off, then gives up and records why.
//! - **Missed while offline**: a job found more than `late_after` late is delivered with a
//!   "late" note; one more than `grace` late is recorded as missed, and missed jobs are
//!   summarised to the space's moderators once.
//! - **No busy polling**: the loop sleeps until the next run time, or until a handler
//!   schedules something earlier and wakes it.

pub mod repo;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::bot::Bot;
use crate::i18n::Msg;
use crate::identity::SpaceId;
use crate::notify::{Audience, BoxFuture, Delivery, DeliveryError, Notifier};
use crate::reply::{Inline, Reply, Tone, Visibility};
use crate::store::Backend;
use crate::time::Zone;
use crate::time::clock::Clock;
use crate::vocab::JobKind;

pub use repo::{Job, NewJob};

/// How the scheduler behaves; defaults match `config/default.toml`.
#[derive(Debug, Clone)]
pub struct SchedulerConfig {
    /// Jobs found more than this late are recorded as missed instead of run.
    pub grace: Duration,
    /// Jobs found more than this late get a "late: kumpul was offline" note.
    pub late_after: Duration,
    /// How long a claimed job belongs to its claimer.
    pub lease: Duration,
    /// Delivery attempts before giving up.
    pub max_attempts: u32,
    /// First retry delay; doubles each attempt.
    pub retry_base: Duration,
    /// Jobs claimed per round trip.
    pub batch: usize,
    /// Deliveries in flight at once.
    pub concurrency: usize,
    /// Longest sleep between looks at the queue, for jobs scheduled by another process.
    pub idle_recheck: Duration,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            grace: Duration::from_secs(3600),
            late_after: Duration::from_secs(60),
            lease: Duration::from_secs(60),
            max_attempts: 8,
            retry_base: Duration::from_secs(5),
            batch: 64,
            concurrency: 8,
            idle_recheck: Duration::from_secs(60),
        }
    }
}

/// How long finished jobs are kept for inspection before they are deleted.
const KEEP_FINISHED: Duration = Duration::from_secs(30 * 24 * 3600);

/// What start-up found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StartReport {
    pub released: u64,
    pub missed: usize,
}

/// Runs due jobs and hands their messages to a notifier.
#[derive(Clone)]
pub struct Scheduler {
    bot: Bot,
    notifier: Arc<dyn Notifier>,
    clock: Arc<dyn Clock>,
    config: SchedulerConfig,
}

fn ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

/// Everything a job kind decides about one run.
pub struct Prepared {
    /// The message to send, if there still is one (a cancelled reminder has none).
    pub delivery: Option<Delivery>,
}

impl Scheduler {
    pub fn new(
        bot: Bot,
        notifier: Arc<dyn Notifier>,
        clock: Arc<dyn Clock>,
        config: SchedulerConfig,
    ) -> Scheduler {
        Scheduler {
            bot,
            notifier,
            clock,
            config,
        }
    }

    /// Start-up: frees jobs of a dead process (SQLite), records jobs that fell due too long
    /// ago as missed (scheduling what comes after them), and summarises missed jobs to
    /// moderators.
    pub async fn start(&self) -> anyhow::Result<StartReport> {
        let store = self.bot.store();
        let mut conn = store
            .pool()
            .acquire()
            .await
            .context("acquiring a connection to start the scheduler")?;
        let released = if store.backend() == Backend::Sqlite {
            repo::release_running(&mut conn)
                .await
                .context("releasing jobs of a previous run")?
        } else {
            0
        };
        drop(conn);
        let now = self.clock.now_ms();
        let missed = self.sweep_missed(now).await?;
        self.report_missed().await?;
        self.purge(now).await;
        if released > 0 || missed > 0 {
            tracing::info!(released, missed, "scheduler recovered after a restart");
        }
        Ok(StartReport { released, missed })
    }

    /// Deletes old finished jobs; a failure only costs disk space, so it is logged.
    async fn purge(&self, now: i64) {
        let purge = async {
            let mut conn = self.bot.store().pool().acquire().await?;
            repo::purge_finished(&mut conn, now - ms(KEEP_FINISHED)).await
        };
        match purge.await {
            Ok(0) => {}
            Ok(purged) => tracing::debug!(purged, "deleted old finished jobs"),
            Err(error) => tracing::warn!(%error, "could not delete old finished jobs"),
        }
    }

    async fn sweep_missed(&self, now: i64) -> anyhow::Result<usize> {
        let mut tx = self
            .bot
            .store()
            .pool()
            .begin()
            .await
            .context("starting the missed-job sweep")?;
        let jobs = repo::mark_missed(&mut tx, now - ms(self.config.grace), now)
            .await
            .context("marking missed jobs")?;
        for job in &jobs {
            follow_up(&self.bot, &mut tx, job, now).await?;
        }
        tx.commit()
            .await
            .context("committing the missed-job sweep")?;
        Ok(jobs.len())
    }

    /// Sends one summary per space of jobs that were missed, then marks them reported.
    async fn report_missed(&self) -> anyhow::Result<()> {
        let mut conn = self.bot.store().pool().acquire().await?;
        let jobs = repo::list_unreported_missed(&mut conn)
            .await
            .context("listing missed jobs")?;
        drop(conn);
        let mut start = 0;
        while start < jobs.len() {
            let space_key = &jobs[start].space_id;
            let end = jobs[start..]
                .iter()
                .position(|j| &j.space_id != space_key)
                .map_or(jobs.len(), |n| start + n);
            let group = &jobs[start..end];
            if let Some(delivery) = self.missed_summary(group).await?
                && let Err(error) = deliver(self.notifier.as_ref(), &delivery).await
            {
                tracing::warn!(%error, space = %space_key, "could not deliver the missed-jobs summary");
            }
            let mut conn = self.bot.store().pool().acquire().await?;
            for job in group {
                repo::mark_reported(&mut conn, job.id).await?;
            }
            start = end;
        }
        Ok(())
    }

    async fn missed_summary(&self, jobs: &[Job]) -> anyhow::Result<Option<Delivery>> {
        let Some(space) = SpaceId::from_key(&jobs[0].space_id) else {
            return Ok(None);
        };
        let locale = self.bot.locale_of_space(&space).await;
        let zone = self.bot.zone_of_space(&space).await;
        let i18n = self.bot.i18n();
        let mut items = Vec::new();
        for job in jobs {
            if let Some(line) = describe(&self.bot, job, locale, &zone).await? {
                items.push(line);
            }
        }
        if items.is_empty() {
            return Ok(None);
        }
        let count = items.len() as i64;
        let reply = Reply::new(Visibility::Public, Tone::Warning)
            .written_in(locale)
            .paragraph(i18n.rich(
                locale,
                &Msg::new("scheduler-missed-summary").num("count", count),
            ))
            .list(items);
        Ok(Some(Delivery {
            key: format!("missed-summary:{}", jobs[0].idempotency_key),
            space,
            channel: None,
            audience: Audience::Moderators,
            reply,
        }))
    }

    /// Runs every job that is due now, then returns how many ran.
    pub async fn run_due(&self) -> anyhow::Result<usize> {
        let mut total = 0;
        loop {
            let now = self.clock.now_ms();
            let jobs = {
                let mut conn = self.bot.store().pool().acquire().await?;
                repo::claim_due(
                    &mut conn,
                    self.bot.store().backend(),
                    now,
                    now + ms(self.config.lease),
                    self.config.batch as i64,
                )
                .await
                .context("claiming due jobs")?
            };
            if jobs.is_empty() {
                return Ok(total);
            }
            total += jobs.len();
            self.run_batch(jobs).await?;
        }
    }

    /// Delivers a claimed batch concurrently, then records every outcome (and what
    /// follows each job) in one transaction: one write per batch, not per job, which is
    /// what lets SQLite keep up with thousands of reminders a second.
    async fn run_batch(&self, jobs: Vec<Job>) -> anyhow::Result<()> {
        let mut running = JoinSet::new();
        let mut outcomes = Vec::with_capacity(jobs.len());
        for job in jobs {
            while running.len() >= self.config.concurrency.max(1) {
                if let Some(done) = running.join_next().await {
                    outcomes.push(done?);
                }
            }
            let scheduler = self.clone();
            running.spawn(async move {
                let outcome = scheduler.attempt(&job).await;
                (job, outcome)
            });
        }
        while let Some(done) = running.join_next().await {
            outcomes.push(done?);
        }
        let now = self.clock.now_ms();
        let mut tx = self.bot.store().pool().begin().await?;
        for (job, outcome) in &outcomes {
            self.record(&mut tx, job, outcome, now).await?;
        }
        tx.commit()
            .await
            .context("recording the outcomes of a batch of jobs")?;
        Ok(())
    }

    /// Runs until cancelled.
    pub async fn run(self, cancel: CancellationToken) -> anyhow::Result<()> {
        self.start().await?;
        let wake = self.bot.scheduler_wakeup();
        let mut last_purge = self.clock.now_ms();
        loop {
            if self.clock.now_ms() - last_purge > ms(Duration::from_secs(3600)) {
                last_purge = self.clock.now_ms();
                self.purge(last_purge).await;
            }
            if let Err(error) = self.run_due().await {
                tracing::error!(error = format!("{error:#}"), "scheduler round failed");
            }
            let next = {
                let mut conn = self.bot.store().pool().acquire().await?;
                repo::next_wake(&mut conn)
                    .await
                    .context("finding the next job")?
            };
            let now = self.clock.now_ms();
            let idle = ms(self.config.idle_recheck);
            let wait = next.map_or(idle, |at| (at - now).clamp(0, idle));
            tokio::select! {
                _ = cancel.cancelled() => return Ok(()),
                _ = wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_millis(wait as u64)) => {}
            }
        }
    }

    /// Sends one job's message; nothing is written here.
    async fn attempt(&self, job: &Job) -> Outcome {
        let lateness = self.clock.now_ms() - job.due_at;
        if lateness > ms(self.config.grace) {
            return Outcome::Missed;
        }
        let prepared = match prepare(&self.bot, job).await {
            Ok(prepared) => prepared,
            Err(error) => {
                // A job that cannot even be prepared (say, a malformed payload) will not
                // get better by retrying.
                tracing::error!(job = %job.idempotency_key, error = format!("{error:#}"), "could not prepare a job");
                return Outcome::Failed(format!("{error:#}"));
            }
        };
        let Some(mut delivery) = prepared.delivery else {
            return Outcome::Cancelled;
        };
        let locale = self.bot.locale_of_space(&delivery.space).await;
        delivery.reply = delivery.reply.written_in(locale);
        if lateness > ms(self.config.late_after) {
            let note = self
                .bot
                .i18n()
                .rich(locale, &Msg::new("scheduler-late-note"));
            delivery.reply = delivery.reply.paragraph(note);
        }
        match deliver(self.notifier.as_ref(), &delivery).await {
            Ok(()) => Outcome::Delivered,
            Err(error) => {
                let give_up = matches!(error, DeliveryError::GiveUp(_))
                    || job.attempts >= i64::from(self.config.max_attempts);
                if give_up {
                    tracing::warn!(job = %job.idempotency_key, attempts = job.attempts, %error, "giving up on a job");
                    Outcome::Failed(error.to_string())
                } else {
                    let exponent = u32::try_from(job.attempts.saturating_sub(1))
                        .unwrap_or(0)
                        .min(16);
                    let delay = ms(self.config.retry_base).saturating_mul(1 << exponent);
                    tracing::info!(job = %job.idempotency_key, attempts = job.attempts, delay_ms = delay, %error, "will retry a job");
                    Outcome::Retry {
                        delay,
                        error: error.to_string(),
                    }
                }
            }
        }
    }

    /// Writes one job's outcome and what follows it.
    async fn record(
        &self,
        conn: &mut sqlx::AnyConnection,
        job: &Job,
        outcome: &Outcome,
        now: i64,
    ) -> anyhow::Result<()> {
        let status = match outcome {
            Outcome::Retry { delay, error } => {
                repo::retry_job(conn, job.id, now + delay, error).await?;
                return Ok(());
            }
            // Nothing to send for this occurrence (an event reminder with nobody going), but
            // what follows it may still be due: follow-ups check for themselves.
            Outcome::Cancelled => repo::JobStatus::Cancelled,
            Outcome::Delivered => repo::JobStatus::Done,
            Outcome::Missed => repo::JobStatus::Missed,
            Outcome::Failed(_) => repo::JobStatus::Failed,
        };
        let error = match outcome {
            Outcome::Failed(error) => Some(error.as_str()),
            _ => None,
        };
        repo::finish_job(conn, job.id, status, now, error).await?;
        // One job's broken follow-up must not hold back the rest of the batch. It runs in a
        // savepoint: on PostgreSQL a failed statement aborts the whole transaction, whose
        // commit then silently rolls back every outcome of the batch (the jobs would stay
        // running and be sent again once their lease expires).
        let mut savepoint = sqlx::Connection::begin(&mut *conn)
            .await
            .context("starting a job's follow-up")?;
        match follow_up(&self.bot, &mut savepoint, job, now).await {
            Ok(()) => savepoint
                .commit()
                .await
                .context("keeping a job's follow-up")?,
            Err(error) => {
                tracing::error!(job = %job.idempotency_key, error = format!("{error:#}"), "could not schedule what follows a job");
                savepoint
                    .rollback()
                    .await
                    .context("undoing a job's broken follow-up")?;
            }
        }
        Ok(())
    }
}

/// Hands a delivery to the platform inside a span, so a slow platform shows by name.
async fn deliver(notifier: &dyn Notifier, delivery: &Delivery) -> Result<(), DeliveryError> {
    let span = tracing::info_span!(
        "notifier.deliver",
        platform = delivery.space.platform.key(),
        space = %delivery.space.id,
        audience = ?delivery.audience
    );
    notifier.deliver(delivery).instrument(span).await
}

/// What happened to one job in a batch.
enum Outcome {
    Delivered,
    /// The job no longer has anything to send (its reminder was cancelled or changed).
    Cancelled,
    /// Found later than the grace window: recorded as missed, not sent.
    Missed,
    Retry {
        delay: i64,
        error: String,
    },
    Failed(String),
}

/// What each job kind does. The bot is built with the features' implementation, so the
/// scheduler runs jobs without knowing any feature; a new [`JobKind`] makes the compiler
/// ask the implementation for its arms.
pub trait Jobs: Send + Sync {
    /// The message a job sends now.
    fn prepare<'a>(
        &'a self,
        bot: &'a Bot,
        kind: JobKind,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<Prepared>>;

    /// What follows a finished job (done, failed or missed): the next occurrence of a
    /// recurring reminder, for instance. Runs in the transaction that finishes the job.
    fn follow_up<'a>(
        &'a self,
        bot: &'a Bot,
        conn: &'a mut sqlx::AnyConnection,
        kind: JobKind,
        job: &'a Job,
        now: i64,
    ) -> BoxFuture<'a, anyhow::Result<()>>;

    /// One line describing a job for the missed-jobs summary, for kinds people asked for.
    fn describe<'a>(
        &'a self,
        bot: &'a Bot,
        kind: JobKind,
        job: &'a Job,
        locale: crate::i18n::Locale,
        zone: &'a Zone,
    ) -> BoxFuture<'a, anyhow::Result<Option<Vec<Inline>>>>;
}

/// The kind of a stored job. A word this version does not know (a row written by a newer
/// version) is logged and the job left without a message, rather than stopping the queue.
fn kind_of(job: &Job) -> Option<JobKind> {
    let kind = JobKind::parse(&job.kind);
    if kind.is_none() {
        tracing::error!(kind = job.kind, "unknown job kind");
    }
    kind
}

async fn prepare(bot: &Bot, job: &Job) -> anyhow::Result<Prepared> {
    match kind_of(job) {
        Some(kind) => bot.jobs().prepare(bot, kind, job).await,
        None => Ok(Prepared { delivery: None }),
    }
}

async fn follow_up(
    bot: &Bot,
    conn: &mut sqlx::AnyConnection,
    job: &Job,
    now: i64,
) -> anyhow::Result<()> {
    match kind_of(job) {
        Some(kind) => bot.jobs().follow_up(bot, conn, kind, job, now).await,
        None => Ok(()),
    }
}

async fn describe(
    bot: &Bot,
    job: &Job,
    locale: crate::i18n::Locale,
    zone: &Zone,
) -> anyhow::Result<Option<Vec<Inline>>> {
    match kind_of(job) {
        Some(kind) => bot.jobs().describe(bot, kind, job, locale, zone).await,
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests;
