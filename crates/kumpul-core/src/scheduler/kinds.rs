//! Job kinds: the [`Jobs`] hooks the features implement, and the scheduler's side of them,
//! which reads a stored job's kind and asks the hooks (or skips a kind it does not know).

use super::{Job, Prepared};
use crate::bot::Bot;
use crate::notify::BoxFuture;
use crate::reply::Inline;
use crate::time::Zone;
use crate::vocab::JobKind;

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

    /// For a missed job meant for one person, what to tell them privately (the summary
    /// is for the space and leaves out what is theirs alone). Most kinds have nothing.
    fn missed_privately<'a>(
        &'a self,
        bot: &'a Bot,
        kind: JobKind,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<Option<crate::notify::Delivery>>> {
        let _ = (bot, kind, job);
        Box::pin(async { Ok(None) })
    }
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

pub(super) async fn prepare(bot: &Bot, job: &Job) -> anyhow::Result<Prepared> {
    match kind_of(job) {
        Some(kind) => bot.jobs().prepare(bot, kind, job).await,
        None => Ok(Prepared { delivery: None }),
    }
}

pub(super) async fn follow_up(
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

pub(super) async fn describe(
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

pub(super) async fn missed_privately(
    bot: &Bot,
    job: &Job,
) -> anyhow::Result<Option<crate::notify::Delivery>> {
    match kind_of(job) {
        Some(kind) => bot.jobs().missed_privately(bot, kind, job).await,
        None => Ok(None),
    }
}
