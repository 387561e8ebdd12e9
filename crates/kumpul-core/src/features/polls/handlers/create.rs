//! `poll create`: a poll read and checked, its key (secret polls), its row, options and
//! deadline job stored in one go, and its first card.

use crate::bot::{Ctx, acquire};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups;
use crate::features::polls::card;
use crate::features::polls::model::{self, Kind, PollStatus, ResultsVisibility, VoterVisibility};
use crate::features::polls::render;
use crate::features::polls::repo::{self, Poll, PollOption};
use crate::features::polls::{JOB_KIND, NewPoll};
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::reply::{Reply, Visibility};
use crate::scheduler::{NewJob, repo as jobs_repo};
use crate::store::retry_conflicts;
use crate::time::Zone;
use anyhow::Context as _;

/// How often a poll insert is retried when another poll took the same number.
const NUMBER_RETRIES: usize = 5;

/// Reads a time that must be a single future instant.
fn read_instant(ctx: &Ctx<'_>, zone: &Zone, text: &str) -> Result<i64> {
    ctx.read_instant(zone, text, "poll-time-not-repeating")
}

pub(super) async fn create(ctx: &Ctx<'_>, new: NewPoll) -> Result<Reply> {
    let zone = ctx.zone().await;
    let (question, labels) = model::split_question(&new.text, new.kind)?;
    let closes_at = new
        .closes
        .as_deref()
        .map(|c| read_instant(ctx, &zone, c))
        .transpose()?;
    let options = options(ctx, &zone, new.kind, &labels)?;
    let (min, max) = choice_bounds(&new, options.len() as i64)?;
    let group = match &new.group {
        Some(group) => {
            let mut conn = acquire(ctx.store()).await?;
            Some(
                groups::find_group_for_member(ctx, &mut conn, group, "poll-group-not-member")
                    .await?,
            )
        }
        None => None,
    };
    let results = results_visibility(new.voters, new.results)?;
    let mut poll = Poll {
        id: 0,
        space_id: ctx.space_key(),
        number: 0,
        channel_id: ctx.inv.channel.as_ref().map(|c| c.key()),
        creator_id: ctx.actor_key(),
        creator_name: ctx.inv.actor.display_name.clone(),
        question,
        kind: new.kind,
        min_choices: min,
        max_choices: max,
        results,
        voters: new.voters,
        group_id: group.as_ref().map(|g| g.id),
        group_only: group.is_some(),
        consent_rule: (new.kind == Kind::Consent).then_some(new.rule),
        quorum: new.quorum,
        closes_at,
        status: PollStatus::Open,
        last_nudge_at: None,
        uncounted: 0,
        options,
    };
    poll.id = fastrand::i64(1..(1 << 53));
    poll.number = store(ctx, &poll).await?;
    if closes_at.is_some() {
        ctx.bot.wake_scheduler();
    }
    Ok(first_card(ctx, &poll, group.as_ref().map(|g| g.name.as_str())).await)
}

/// The options as labelled; find-a-time options are also read as instants.
fn options(ctx: &Ctx<'_>, zone: &Zone, kind: Kind, labels: &[String]) -> Result<Vec<PollOption>> {
    Ok(match kind {
        Kind::Time => labels
            .iter()
            .map(|l| {
                Ok(PollOption {
                    label: l.clone(),
                    slot_at: Some(read_instant(ctx, zone, l)?),
                })
            })
            .collect::<Result<_>>()?,
        _ => labels
            .iter()
            .map(|l| PollOption {
                label: l.clone(),
                slot_at: None,
            })
            .collect(),
    })
}

/// How few and how many options a ballot chooses: as asked for multiple choice (within the
/// `count` options), otherwise from one to all.
fn choice_bounds(new: &NewPoll, count: i64) -> Result<(i64, i64)> {
    let (min, max) = match new.kind {
        Kind::Multiple => (new.min.unwrap_or(1), new.max.unwrap_or(count)),
        _ => (1, count.max(1)),
    };
    if new.kind == Kind::Multiple && !(1 <= min && min <= max && max <= count) {
        let example = Typed::options(&["poll", "create"])
            .named("min", 1)
            .named("max", 2);
        return Err(Msg::new("poll-min-max")
            .num("options", count)
            .typed("example", example)
            .into());
    }
    Ok((min, max))
}

/// When results show: as asked (live if not), but a secret poll's only after it closes.
fn results_visibility(
    voters: VoterVisibility,
    results: Option<ResultsVisibility>,
) -> Result<ResultsVisibility> {
    Ok(match (voters, results) {
        // Results that change while a secret poll is open would show each vote.
        (VoterVisibility::Secret, None | Some(ResultsVisibility::AfterClose)) => {
            ResultsVisibility::AfterClose
        }
        (VoterVisibility::Secret, Some(other)) => {
            let results = |code| Typed::options(&["poll", "create"]).named_choice("results", code);
            return Err(Msg::new("poll-secret-results")
                .typed("option", results(other.code()))
                .typed("instead", results(ResultsVisibility::AfterClose.code()))
                .into());
        }
        (_, results) => results.unwrap_or(ResultsVisibility::Live),
    })
}

/// Stores the poll (its id chosen) under the next free number of its space, with its
/// deadline job; the number.
async fn store(ctx: &Ctx<'_>, poll: &Poll) -> Result<i64> {
    let secret = poll.voters == VoterVisibility::Secret;
    // A secret poll's key is on disk before the poll is stored (a vote confirmed later
    // must be countable), and destroyed again if the poll is not stored.
    if secret {
        ctx.bot
            .poll_keys()
            .create(poll.id)
            .await
            .context("creating a secret poll's key")?;
    }
    let stored = retry_conflicts(NUMBER_RETRIES, || insert(ctx, poll)).await;
    if secret
        && stored.is_err()
        && let Err(error) = ctx.bot.poll_keys().destroy(poll.id).await
    {
        tracing::warn!(
            error = format!("{error:#}"),
            "could not remove an unused poll key"
        );
    }
    stored.internal("storing a poll")
}

/// The new poll's card, in its space's language and zone (with its live results, empty).
async fn first_card(ctx: &Ctx<'_>, poll: &Poll, group: Option<&str>) -> Reply {
    let reader = ctx.reader(Visibility::Public).await;
    let results = (poll.results == ResultsVisibility::Live && !poll.group_only).then(|| {
        render::results_block(
            reader.i18n,
            reader.locale,
            &reader.zone,
            poll,
            &render::Gathered::new(poll),
            None,
        )
    });
    card::card(&reader, poll, group, results)
}

async fn insert(ctx: &Ctx<'_>, poll: &Poll) -> Result<i64, sqlx::Error> {
    let mut tx = ctx.store().pool().begin().await?;
    settings_repo::ensure_space(&mut tx, &poll.space_id, ctx.inv.now_ms).await?;
    let number = repo::insert_poll(&mut tx, poll, ctx.inv.now_ms).await?;
    if let Some(closes_at) = poll.closes_at {
        let job = NewJob {
            kind: JOB_KIND,
            owner_id: poll.id,
            payload: serde_json::json!({ "poll": poll.id }).to_string(),
            space_id: poll.space_id.clone(),
            due_at: closes_at,
            idempotency_key: format!("{JOB_KIND}:{}", poll.id),
        };
        jobs_repo::insert_job(&mut tx, &job, ctx.inv.now_ms).await?;
    }
    tx.commit().await?;
    Ok(number)
}
