//! Start-up: freeing the jobs of a dead process, recording what fell due too long ago as
//! missed (with what follows it), summarising missed jobs to moderators once, and deleting
//! old finished jobs.

use std::time::Duration;

use anyhow::Context;

use super::attempt::deliver;
use super::kinds::{describe, follow_up, missed_privately};
use super::{Job, Scheduler, ms, repo};
use crate::i18n::Msg;
use crate::identity::SpaceId;
use crate::notify::{Audience, Delivery, deliver_privately};
use crate::reply::{Reply, Tone, Visibility};
use crate::store::Backend;

/// How long finished jobs are kept for inspection before they are deleted.
const KEEP_FINISHED: Duration = Duration::from_secs(30 * 24 * 3600);

/// What start-up found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StartReport {
    pub released: u64,
    pub missed: usize,
}

impl Scheduler {
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
    pub(super) async fn purge(&self, now: i64) {
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
            self.tell_missed_privately(group).await?;
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

    /// Tells the owner of each missed job meant for them alone (a personal reminder),
    /// privately — with the channel fallback every private delivery has.
    async fn tell_missed_privately(&self, jobs: &[Job]) -> anyhow::Result<()> {
        for job in jobs {
            let Some(delivery) = missed_privately(&self.bot, job).await? else {
                continue;
            };
            let locale = delivery.reply.locale.unwrap_or(crate::i18n::Locale::En);
            let note = self
                .bot
                .i18n()
                .rich(locale, &Msg::new("notify-private-fallback"));
            if let Err(error) = deliver_privately(self.notifier.as_ref(), &delivery, note).await {
                tracing::warn!(%error, job = %job.idempotency_key, "could not tell someone of a missed reminder");
            }
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
}
