//! One job's run: its message prepared and handed to the platform ([`Scheduler::attempt`],
//! which writes nothing), then its outcome and what follows it written
//! ([`Scheduler::record`]).

use anyhow::Context;
use tracing::Instrument;

use super::kinds::{follow_up, prepare};
use super::{Job, Scheduler, ms, repo};
use crate::i18n::Msg;
use crate::notify::{Audience, Delivery, DeliveryError, Notifier, deliver_privately};
use crate::reply::Line;

impl Scheduler {
    /// Sends one job's message; nothing is written here.
    pub(super) async fn attempt(&self, job: &Job) -> Outcome {
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
        // A private delivery comes written in its person's language; the rest in the
        // space's.
        let locale = match delivery.reply.locale {
            Some(locale) => locale,
            None => self.bot.locale_of_space(&delivery.space).await,
        };
        delivery.reply = delivery.reply.written_in(locale);
        if lateness > ms(self.config.late_after) {
            let note = self
                .bot
                .i18n()
                .rich(locale, &Msg::new("scheduler-late-note"));
            delivery.reply = delivery.reply.paragraph(note);
        }
        let note = self
            .bot
            .i18n()
            .rich(locale, &Msg::new("notify-private-fallback"));
        match deliver_job(self.notifier.as_ref(), &delivery, note).await {
            Ok(()) => Outcome::Delivered,
            Err(error) => {
                let give_up = matches!(
                    error,
                    DeliveryError::GiveUp(_) | DeliveryError::Unreachable(_)
                ) || job.attempts >= i64::from(self.config.max_attempts);
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
    pub(super) async fn record(
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
pub(super) async fn deliver(
    notifier: &dyn Notifier,
    delivery: &Delivery,
) -> Result<(), DeliveryError> {
    notifier.deliver(delivery).instrument(span(delivery)).await
}

/// Like [`deliver`]; a private delivery that cannot reach its person goes to the channel
/// with `note` ([`deliver_privately`]).
async fn deliver_job(
    notifier: &dyn Notifier,
    delivery: &Delivery,
    note: Line,
) -> Result<(), DeliveryError> {
    deliver_privately(notifier, delivery, note)
        .instrument(span(delivery))
        .await
}

/// The span of one delivery: platform, space and the kind of audience (never who).
fn span(delivery: &Delivery) -> tracing::Span {
    let audience = match delivery.audience {
        Audience::Channel => "channel",
        Audience::Moderators => "moderators",
        Audience::Person(_) => "person",
    };
    tracing::info_span!(
        "notifier.deliver",
        platform = delivery.space.platform.key(),
        space = %delivery.space.id,
        audience
    )
}

/// What happened to one job in a batch.
pub(super) enum Outcome {
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
