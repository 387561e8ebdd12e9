//! `poll results`: who may see a poll's results when (its group, its visibility), and the
//! reply that shows them — also the public one of a close.

use super::{find, group_member, is_organiser, is_secret, native_platform, voter_ref};
use crate::bot::{Ctx, acquire};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups;
use crate::features::polls::PollRef;
use crate::features::polls::model::{PollStatus, ResultsVisibility, VoterVisibility};
use crate::features::polls::render::{self, Gathered};
use crate::features::polls::repo::{self, Poll};
use crate::i18n::Msg;
use crate::reply::{Reply, Visibility};

/// Names of people who took part that an organiser of a private poll is shown with its
/// results; the rest are counted ("and 4,950 more").
const PARTICIPANTS_SHOWN: i64 = 50;

/// A group-only poll's results and export are for its group's members and moderators.
async fn check_group_reader(
    ctx: &Ctx<'_>,
    conn: &mut sqlx::AnyConnection,
    poll: &Poll,
) -> Result<()> {
    if !poll.group_only || ctx.is_moderator() || poll.creator_id == ctx.actor_key() {
        return Ok(());
    }
    // If the group was deleted its members are unknown now: only organisers remain.
    let (member, group_id) = group_member(ctx, conn, poll).await?;
    if member {
        return Ok(());
    }
    let name = groups::repo::fetch_group(conn, &poll.space_id, group_id)
        .await
        .internal("looking up a group")?
        .map(|g| g.name)
        .unwrap_or_default();
    Err(Msg::new("poll-group-only-results")
        .num("number", poll.number)
        .text("name", name)
        .into())
}

/// Whether the actor may see results now.
pub(super) async fn check_results_visible(
    ctx: &Ctx<'_>,
    conn: &mut sqlx::AnyConnection,
    poll: &Poll,
) -> Result<()> {
    check_group_reader(ctx, conn, poll).await?;
    if poll.status == PollStatus::Closed {
        return Ok(());
    }
    match poll.results {
        ResultsVisibility::AfterClose => Err(Msg::new("poll-results-after-close")
            .num("number", poll.number)
            .into()),
        // Secret polls created before their results were forced to after-close.
        _ if is_secret(poll) => Err(Msg::new("poll-results-after-close")
            .num("number", poll.number)
            .into()),
        ResultsVisibility::AfterVote => {
            // One row lookup by the actor's ballot reference.
            let reference = voter_ref(ctx, None);
            let voted = repo::fetch_ballot(conn, poll.id, &reference)
                .await
                .internal("checking for a ballot")?
                .is_some();
            if voted {
                Ok(())
            } else {
                Err(Msg::new("poll-results-after-vote")
                    .num("number", poll.number)
                    .typed(
                        "command",
                        Typed::new(&["poll", "vote"]).value(poll.number).etc(),
                    )
                    .into())
            }
        }
        ResultsVisibility::Live => Ok(()),
    }
}

/// Title, results lines and (for organisers of private polls) who took part.
pub(super) async fn results_reply(
    ctx: &Ctx<'_>,
    poll: &Poll,
    visibility: Visibility,
    organiser: bool,
) -> Result<Reply> {
    let locale = ctx.locale_for(visibility);
    let zone = match visibility {
        Visibility::Public => ctx.bot.zone_of_space(&ctx.inv.space).await,
        Visibility::Private => ctx.zone().await,
    };
    let mut conn = acquire(ctx.store()).await?;
    let gathered = Gathered::read(&mut conn, poll)
        .await
        .internal("reading ballots")?;
    // Who took part is shown to organisers of private polls, a page of names at most.
    let participants = match organiser && poll.voters == VoterVisibility::Private {
        true => repo::list_ballot_voter_names(&mut conn, poll.id, PARTICIPANTS_SHOWN)
            .await
            .internal("reading who took part")?,
        false => Vec::new(),
    };
    let native = native_platform(&mut conn, poll).await?;
    let uncounted = match is_secret(poll) && poll.status == PollStatus::Closed {
        true => repo::fetch_poll(&mut conn, poll.id)
            .await
            .internal("looking up a poll")?
            .map_or(0, |p| p.uncounted),
        false => 0,
    };
    drop(conn);
    let mut reply = render::results_block(ctx.bot.i18n(), locale, &zone, poll, &gathered, native)
        .into_reply(visibility, &poll.question);
    if uncounted > 0 {
        reply = reply.paragraph(ctx.t(
            visibility,
            &Msg::new("poll-uncounted").num("count", uncounted),
        ));
    }
    if !participants.is_empty() {
        let mut names = participants.join(", ");
        let more = gathered.stored().saturating_sub(participants.len() as u64);
        if more > 0 {
            let more = Msg::new("names-more").num("count", more as i64);
            names = format!("{names} {}", ctx.bot.i18n().text(locale, &more));
        }
        reply = reply.paragraph(ctx.t(
            visibility,
            &Msg::new("poll-participants").text("names", names),
        ));
    }
    Ok(reply)
}

pub(super) async fn results(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    check_results_visible(ctx, &mut conn, &poll).await?;
    drop(conn);
    results_reply(ctx, &poll, Visibility::Private, is_organiser(ctx, &poll)).await
}
