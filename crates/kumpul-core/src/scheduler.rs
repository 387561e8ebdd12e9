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
//!
//! The code lives by role: `startup` recovers after a restart and summarises what was
//! missed, `run` is the loop, `attempt` runs one job and records its outcome, `kinds`
//! routes a job to the feature that owns its kind, and `reader` is the kit a feature's job
//! uses to address its message.

mod attempt;
mod kinds;
mod reader;
pub mod repo;
mod run;
mod startup;

use std::sync::Arc;
use std::time::Duration;

use crate::bot::Bot;
use crate::notify::{Delivery, Notifier};
use crate::time::clock::Clock;

pub use kinds::Jobs;
pub use reader::{JobReader, job_reader};
pub use repo::{Job, NewJob};
pub use startup::StartReport;

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
}

#[cfg(test)]
mod tests;
