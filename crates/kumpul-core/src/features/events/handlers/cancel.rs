//! `event cancel`: a whole event or series, or only the next date of a series; everyone
//! who answered the dates cancelled hears of it.

use anyhow::Context as _;
use sqlx::AnyConnection;

use super::{
    ahead, answered, changed, ensure_organiser, ensure_scheduled, find, locked, next_occurrence,
    read_exceptions, time,
};
use crate::bot::{Ctx, acquire, begin};
use crate::error::{Internal, Result};
use crate::features::events::model::EventStatus;
use crate::features::events::repo::{self, Event, Exception};
use crate::features::events::{EventRef, jobs, roll};
use crate::i18n::Msg;
use crate::reply::{Inline, Reply, Tone, Visibility};

pub(super) async fn cancel(ctx: &Ctx<'_>, event: EventRef, only_next: bool) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let found = find(ctx, &mut conn, event).await?;
    drop(conn);
    let now = ctx.inv.now_ms;
    // Decided on the event as locked, and the people told are read under the same lock:
    // everyone whose answer was confirmed before the cancellation hears of it, and no
    // answer is taken after it.
    let mut tx = begin(ctx.store()).await?;
    let mut event = locked(&mut tx, &found).await?;
    ensure_organiser(ctx, &event)?;
    ensure_scheduled(&event)?;
    let mut exceptions = read_exceptions(&mut tx, event.id).await?;
    let (notify, starts_at) = mark_cancelled(ctx, &mut event, &mut exceptions, only_next)?;
    let people = answered(&mut tx, &event, &notify, &ctx.actor_key()).await?;
    store_cancel(&mut tx, &event, &exceptions, only_next, now)
        .await
        .context("cancelling an event")?;
    tx.commit().await.internal("committing a cancellation")?;
    ctx.bot.wake_scheduler();
    changed(ctx, &event);
    let reply = cancelled_reply(ctx, &event, only_next, starts_at).await;
    Ok(reply.ping(people))
}

/// Cancels the next date of a series (as an exception) or the whole event. Returns the
/// occurrences whose people are told, and the start of the one date cancelled.
fn mark_cancelled(
    ctx: &Ctx<'_>,
    event: &mut Event,
    exceptions: &mut Vec<Exception>,
    only_next: bool,
) -> Result<(Vec<i64>, Option<i64>)> {
    Ok(if only_next {
        if event.rrule.is_none() {
            return Err(Msg::new("event-only-next-series")
                .num("number", event.number)
                .into());
        }
        let occurrence = next_occurrence(ctx, event, exceptions)?;
        exceptions.retain(|e| e.occurrence != occurrence.key);
        exceptions.push(Exception {
            occurrence: occurrence.key,
            starts_at: occurrence.starts_at,
            status: EventStatus::Cancelled,
        });
        (vec![occurrence.key], Some(occurrence.starts_at))
    } else {
        let keys = ahead(ctx, event, exceptions);
        event.status = EventStatus::Cancelled;
        (keys, None)
    })
}

/// Writes a cancellation inside the transaction that locked the event: the event, the
/// cancelled date, and its reminders.
async fn store_cancel(
    conn: &mut AnyConnection,
    event: &Event,
    exceptions: &[Exception],
    only_next: bool,
    now: i64,
) -> anyhow::Result<()> {
    repo::update_event(conn, event, now).await?;
    if let Some(e) = exceptions.last().filter(|_| only_next) {
        repo::upsert_exception(conn, event.id, e).await?;
    }
    jobs::schedule_reminders(conn, event, exceptions, now).await?;
    roll::schedule_roll(conn, event, exceptions, now).await?;
    Ok(())
}

/// Who cancelled what, for everyone: with the date when only one was cancelled.
async fn cancelled_reply(
    ctx: &Ctx<'_>,
    event: &Event,
    only_next: bool,
    starts_at: Option<i64>,
) -> Reply {
    let public = Visibility::Public;
    let space_zone = ctx.bot.zone_of_space(&ctx.inv.space).await;
    let mut line = ctx.t(
        public,
        &Msg::new("event-cancelled-by")
            .strong("actor", &ctx.inv.actor.display_name)
            .num("number", event.number)
            .strong("title", &event.title)
            .select("scope", if only_next { "next" } else { "all" }),
    );
    if let Some(at) = starts_at {
        line.push(Inline::Text(" ".into()));
        line.push(time(ctx, public, at, &space_zone));
    }
    Reply::new(public, Tone::Warning).paragraph(line)
}
