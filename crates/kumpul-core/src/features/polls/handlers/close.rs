//! Closing a poll, by `poll close` or at its deadline (the scheduler's job in
//! [`crate::features::polls::jobs`]): the one transaction that ends the voting (and makes a
//! secret poll's ballots unlinkable), and what the channel is told in each case.

use super::results::results_reply;
use super::{closed, find, is_organiser, is_secret};
use crate::bot::{Bot, Ctx, acquire};
use crate::error::{Internal, Result};
use crate::features::polls::JOB_KIND;
use crate::features::polls::PollRef;
use crate::features::polls::model::PollStatus;
use crate::features::polls::render;
use crate::features::polls::repo::{self, Poll, StoredBallot};
use crate::features::polls::secret;
use crate::i18n::{I18n, Locale, Msg};
use crate::reply::{Anchor, Reply, Tone, Visibility};
use crate::scheduler::repo as jobs_repo;
use crate::time::Zone;
use anyhow::Context as _;

pub(super) async fn close(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    drop(conn);
    if !is_organiser(ctx, &poll) {
        return Err(Msg::new("poll-not-organiser")
            .num("number", poll.number)
            .into());
    }
    if !close_now(ctx.bot, &poll, ctx.inv.now_ms).await? {
        return Err(closed(&poll).into());
    }
    let mut closed = poll.clone();
    closed.status = PollStatus::Closed;
    let mut reply = if poll.group_only {
        // Announced in public; the results themselves are for the group's members.
        members_only(ctx.bot.i18n(), ctx.locale_for(Visibility::Public), &closed)
    } else {
        results_reply(ctx, &closed, Visibility::Public, false).await?
    };
    let by = Msg::new("poll-closed-by").strong("actor", &ctx.inv.actor.display_name);
    reply = reply.paragraph(ctx.t(Visibility::Public, &by));
    reply.tone = Tone::Success;
    Ok(reply)
}

/// The public announcement that a group's poll closed, without its results.
fn members_only(i18n: &I18n, locale: Locale, poll: &Poll) -> Reply {
    let heading = Msg::new("poll-results-title")
        .num("number", poll.number)
        .select("status", PollStatus::Closed.code());
    let members = Msg::new("poll-results-for-members")
        .num("number", poll.number)
        .typed(
            "command",
            crate::features::polls::card::results_command(poll),
        );
    Reply::new(Visibility::Public, Tone::Info)
        .title(format!("{} {}", i18n.text(locale, &heading), poll.question))
        .paragraph(i18n.rich(locale, &members))
}

/// What the channel is told when a poll's deadline closed it (`poll` as closed): for a
/// group's poll only that it closed, for any other its final results.
pub async fn deadline_announcement(
    bot: &Bot,
    locale: Locale,
    zone: &Zone,
    poll: &Poll,
) -> anyhow::Result<Reply> {
    Ok(if poll.group_only {
        // A group's results are for its members (`poll results`), not the channel.
        members_only(bot.i18n(), locale, poll)
            .paragraph(bot.i18n().rich(locale, &Msg::new("poll-closed-deadline")))
    } else {
        deadline_results(bot, locale, zone, poll).await?
    })
}

/// The final results for the channel, with the ballots that could not be counted.
async fn deadline_results(
    bot: &Bot,
    locale: Locale,
    zone: &Zone,
    poll: &Poll,
) -> anyhow::Result<Reply> {
    let mut conn = bot.store().pool().acquire().await?;
    let ballots = repo::list_ballots(&mut conn, poll.id).await?;
    let native = repo::fetch_native_platform(&mut conn, poll.id).await?;
    let uncounted = repo::fetch_poll(&mut conn, poll.id)
        .await?
        .map_or(0, |p| p.uncounted);
    drop(conn);
    let i18n = bot.i18n();
    let reply = render::results_block(i18n, locale, zone, poll, &ballots, native)
        .into_reply(Visibility::Public, &poll.question)
        .paragraph(i18n.rich(locale, &Msg::new("poll-closed-deadline")));
    Ok(match uncounted {
        0 => reply,
        n => reply.paragraph(i18n.rich(locale, &Msg::new("poll-uncounted").num("count", n))),
    })
}

/// Closes a poll: status, the deadline job, and for secret polls the key and the order of
/// rows. One transaction that marks the poll closed first (waiting for votes in flight,
/// see [`repo::close_poll`]), so the results read after it are final: every vote
/// confirmed before is in them and none comes after. `false` if it was already closed.
pub async fn close_now(bot: &Bot, poll: &Poll, now: i64) -> Result<bool> {
    let secret = is_secret(poll);
    let key = match secret {
        true => bot
            .poll_keys()
            .read(poll.id)
            .await
            .context("reading a secret poll's key")?,
        false => None,
    };
    let mut tx = bot
        .store()
        .pool()
        .begin()
        .await
        .internal("starting to close a poll")?;
    let closed = repo::close_poll(&mut tx, bot.store().backend(), poll.id, now)
        .await
        .internal("closing a poll")?;
    if closed {
        if secret {
            let open = |ballot: &StoredBallot| {
                let key = key.as_ref()?;
                secret::open(key, poll.id, &ballot.voter_ref, &ballot.choices).ok()
            };
            let uncounted = repo::seal_secret_poll(&mut tx, poll.id, open)
                .await
                .context("sealing secret ballots")?;
            if uncounted > 0 {
                tracing::error!(
                    poll = poll.id,
                    uncounted,
                    "secret ballots could not be opened at close (key lost or damaged)"
                );
            }
        }
        jobs_repo::cancel_job(&mut tx, &format!("{JOB_KIND}:{}", poll.id), now)
            .await
            .internal("cancelling a poll's deadline")?;
    }
    tx.commit().await.internal("committing a closed poll")?;
    super::forget_recent(bot, poll);
    if secret {
        // Only after the commit: until then a failed close leaves the poll open, and its
        // ballots must still open. Before the results are announced: once they are, the
        // key is gone. (Should kumpul stop in between, the start-up sweep removes it.)
        if let Err(error) = bot.poll_keys().destroy(poll.id).await {
            tracing::error!(
                poll = poll.id,
                error = format!("{error:#}"),
                "could not destroy a closed secret poll's key; it is retried at start-up"
            );
        }
    }
    if closed {
        bot.live().touch(Anchor {
            kind: crate::vocab::AnchorKind::Poll,
            id: poll.id,
        });
    }
    Ok(closed)
}
