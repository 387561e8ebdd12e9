//! The features: each owns its commands, handlers and SQL.

pub mod events;
pub mod groups;
pub mod help;
pub mod ideas;
pub mod polls;
pub mod reminders;
pub mod settings;
pub mod threads;
pub mod timezone;

use crate::bot::Bot;
use crate::i18n::Locale;
use crate::notify::{BoxFuture, LiveView};
use crate::reply::{Anchor, Inline};
use crate::scheduler::{Job, Prepared};
use crate::time::Zone;
use crate::vocab::{AnchorKind, JobKind};

/// The features' side of the layers below them: what an anchored message shows and what
/// each job kind does. The bot is built with it ([`Bot::new`]), so `live` and `scheduler`
/// route by [`AnchorKind`] and [`JobKind`] without importing a feature.
pub(crate) struct Hooks;

impl crate::live::Views for Hooks {
    fn view<'a>(
        &'a self,
        bot: &'a Bot,
        anchor: Anchor,
    ) -> BoxFuture<'a, anyhow::Result<Option<LiveView>>> {
        Box::pin(async move {
            match anchor.kind {
                AnchorKind::Poll => polls::live_view(bot, anchor.id).await,
                AnchorKind::Event => events::live_view(bot, anchor.id).await,
                AnchorKind::Idea => ideas::live_view(bot, anchor.id).await,
            }
        })
    }
}

impl crate::scheduler::Jobs for Hooks {
    fn prepare<'a>(
        &'a self,
        bot: &'a Bot,
        kind: JobKind,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<Prepared>> {
        Box::pin(async move {
            match kind {
                JobKind::Reminder => reminders::jobs::prepare(bot, job).await,
                JobKind::PollClose => polls::jobs::prepare(bot, job).await,
                JobKind::EventReminder => events::jobs::prepare_reminder(bot, job).await,
                JobKind::EventPromoted => events::jobs::prepare_promoted(bot, job).await,
                // A roll sends nothing: its work is its follow-up, which runs however the
                // job ended (missed while the bot was down too).
                JobKind::EventRoll => Ok(Prepared { delivery: None }),
                JobKind::ThreadArchive => threads::jobs::prepare(bot, job).await,
            }
        })
    }

    fn follow_up<'a>(
        &'a self,
        bot: &'a Bot,
        conn: &'a mut sqlx::AnyConnection,
        kind: JobKind,
        job: &'a Job,
        now: i64,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            match kind {
                JobKind::Reminder => reminders::jobs::follow_up(bot, conn, job, now).await,
                JobKind::EventReminder => events::jobs::follow_up(bot, conn, job, now).await,
                JobKind::EventRoll => events::roll::follow_up(bot, conn, job, now).await,
                JobKind::ThreadArchive => threads::jobs::follow_up(bot, conn, job, now).await,
                // One message each, nothing comes after.
                JobKind::PollClose | JobKind::EventPromoted => Ok(()),
            }
        })
    }

    fn describe<'a>(
        &'a self,
        bot: &'a Bot,
        kind: JobKind,
        job: &'a Job,
        locale: Locale,
        zone: &'a Zone,
    ) -> BoxFuture<'a, anyhow::Result<Option<Vec<Inline>>>> {
        Box::pin(async move {
            match kind {
                JobKind::Reminder => reminders::jobs::describe(bot, job, locale, zone).await,
                // The bot's own work (deadlines, event reminders, archiving) is not listed
                // in the missed-jobs summary: only what people asked to be reminded of.
                JobKind::PollClose
                | JobKind::EventReminder
                | JobKind::EventPromoted
                | JobKind::EventRoll
                | JobKind::ThreadArchive => Ok(None),
            }
        })
    }

    fn missed_privately<'a>(
        &'a self,
        bot: &'a Bot,
        kind: JobKind,
        job: &'a Job,
    ) -> BoxFuture<'a, anyhow::Result<Option<crate::notify::Delivery>>> {
        Box::pin(async move {
            match kind {
                JobKind::Reminder => reminders::jobs::missed_privately(bot, job).await,
                JobKind::PollClose
                | JobKind::EventReminder
                | JobKind::EventPromoted
                | JobKind::EventRoll
                | JobKind::ThreadArchive => Ok(None),
            }
        })
    }
}
