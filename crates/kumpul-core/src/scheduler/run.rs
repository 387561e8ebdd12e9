//! The run loop: claim what is due, run it in batches, sleep until the next job or until
//! a handler wakes the loop.

use std::time::Duration;

use anyhow::Context;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::{Job, Scheduler, ms, repo};

impl Scheduler {
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
}
