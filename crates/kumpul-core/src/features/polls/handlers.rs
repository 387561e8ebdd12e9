//! What each poll command does.

use super::card::{self, Reader};
use super::model::{self, BallotShape, Kind, PollStatus, ResultsVisibility, VoterVisibility};
use super::render;
use super::repo::{self, Poll, PollOption, StoredBallot};
use super::secret::{self, Content, Key};
use super::{BallotInput, JOB_KIND, NewPoll, PollCommand, PollRef};
use crate::bot::{Ctx, acquire, begin};
use crate::error::{Internal, Result};
use crate::features::groups;
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::identity::UserId;
use crate::reply::{Anchor, Attachment, Inline, Line, Reply, Tone, Visibility};
use crate::scheduler::{NewJob, repo as jobs_repo};
use crate::store::retry_conflicts;
use crate::time::{Zone, format};
use anyhow::Context as _;

/// How often a poll insert is retried when another poll took the same number.
const NUMBER_RETRIES: usize = 5;
/// Time between two nudges of the same poll.
const NUDGE_COOLDOWN_MS: i64 = 60 * 60 * 1000;
/// Polls shown by `poll list`.
const LIST_LIMIT: i64 = 20;

pub async fn execute(ctx: &Ctx<'_>, command: PollCommand) -> Result<Reply> {
    match command {
        PollCommand::Create(new) => create(ctx, *new).await,
        PollCommand::Vote { poll, ballot } => vote(ctx, poll, &ballot).await,
        PollCommand::Retract(poll) => retract(ctx, poll).await,
        PollCommand::Results(poll) => results(ctx, poll).await,
        PollCommand::Close(poll) => close(ctx, poll).await,
        PollCommand::List { closed } => list(ctx, closed).await,
        PollCommand::Nudge(poll) => nudge(ctx, poll).await,
        PollCommand::Export(poll) => export(ctx, poll).await,
        PollCommand::Form(poll) => form(ctx, poll).await,
    }
}

/// Reads a time that must be a single future instant.
fn read_instant(ctx: &Ctx<'_>, zone: &Zone, text: &str) -> Result<i64> {
    ctx.read_instant(zone, text, "poll-time-not-repeating")
}

async fn create(ctx: &Ctx<'_>, new: NewPoll) -> Result<Reply> {
    let zone = ctx.zone().await;
    let (question, labels) = model::split_question(&new.text, new.kind)?;
    let closes_at = new
        .closes
        .as_deref()
        .map(|c| read_instant(ctx, &zone, c))
        .transpose()?;
    let options: Vec<PollOption> = match new.kind {
        Kind::Time => labels
            .iter()
            .map(|l| {
                Ok(PollOption {
                    label: l.clone(),
                    slot_at: Some(read_instant(ctx, &zone, l)?),
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
    };
    let count = options.len() as i64;
    let (min, max) = match new.kind {
        Kind::Multiple => (new.min.unwrap_or(1), new.max.unwrap_or(count)),
        _ => (1, count.max(1)),
    };
    if new.kind == Kind::Multiple && !(1 <= min && min <= max && max <= count) {
        return Err(Msg::new("poll-min-max").num("options", count).into());
    }
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
    let results = match (new.voters, new.results) {
        // Results that change while a secret poll is open would show each vote.
        (VoterVisibility::Secret, None | Some(ResultsVisibility::AfterClose)) => {
            ResultsVisibility::AfterClose
        }
        (VoterVisibility::Secret, Some(other)) => {
            return Err(Msg::new("poll-secret-results")
                .code("option", format!("--results {}", other.code()))
                .code("instead", "--results after-close")
                .into());
        }
        (_, results) => results.unwrap_or(ResultsVisibility::Live),
    };
    let secret = new.voters == VoterVisibility::Secret;
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
    // A secret poll's key is on disk before the poll is stored (a vote confirmed later
    // must be countable), and destroyed again if the poll is not stored.
    if secret {
        ctx.bot
            .poll_keys()
            .create(poll.id)
            .await
            .context("creating a secret poll's key")?;
    }
    let template = &poll;
    let stored = retry_conflicts(NUMBER_RETRIES, || insert(ctx, template)).await;
    if secret
        && stored.is_err()
        && let Err(error) = ctx.bot.poll_keys().destroy(poll.id).await
    {
        tracing::warn!(
            error = format!("{error:#}"),
            "could not remove an unused poll key"
        );
    }
    poll.number = stored.internal("storing a poll")?;
    if closes_at.is_some() {
        ctx.bot.wake_scheduler();
    }
    let space_zone = ctx.bot.zone_of_space(&ctx.inv.space).await;
    let reader = Reader {
        i18n: ctx.bot.i18n(),
        locale: ctx.space_locale,
        zone: &space_zone,
        now_ms: ctx.inv.now_ms,
    };
    let results = (poll.results == ResultsVisibility::Live && !poll.group_only)
        .then(|| render::results_block(reader.i18n, reader.locale, &space_zone, &poll, &[]));
    Ok(card::card(
        &reader,
        &poll,
        group.as_ref().map(|g| g.name.as_str()),
        results,
    ))
}

/// The form for a whole ballot (Discord: a modal), or on other platforms what to type.
async fn form(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    drop(conn);
    ensure_open(&poll)?;
    let zone = ctx.zone().await;
    let reader = Reader {
        i18n: ctx.bot.i18n(),
        locale: ctx.locale,
        zone: &zone,
        now_ms: ctx.inv.now_ms,
    };
    Ok(card::ballot_form(&reader, &poll))
}

/// Shows a vote in the poll's public message (coalesced; see `live`) — only when that
/// message shows live results: otherwise it has nothing new to show, and an edit
/// between two votes would itself tell watchers that someone just voted.
fn changed(ctx: &Ctx<'_>, poll: &Poll) {
    if poll.results == ResultsVisibility::Live && !is_secret(poll) {
        ctx.bot.live().touch(Anchor {
            kind: crate::vocab::AnchorKind::Poll,
            id: poll.id,
        });
    }
}

fn is_secret(poll: &Poll) -> bool {
    poll.voters == VoterVisibility::Secret
}

async fn insert(ctx: &Ctx<'_>, poll: &Poll) -> Result<i64, sqlx::Error> {
    let mut tx = ctx.store().pool().begin().await?;
    settings_repo::ensure_space(&mut tx, &poll.space_id, ctx.inv.now_ms).await?;
    let number = repo::insert_poll(&mut tx, poll, ctx.inv.now_ms).await?;
    if let Some(closes_at) = poll.closes_at {
        let job = NewJob {
            kind: JOB_KIND,
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

async fn find(ctx: &Ctx<'_>, conn: &mut sqlx::AnyConnection, poll: PollRef) -> Result<Poll> {
    let space = ctx.space_key();
    let found = match poll {
        PollRef::Number(n) => repo::fetch_poll_by_number(conn, &space, n).await,
        PollRef::Id(id) => repo::fetch_poll(conn, id)
            .await
            .map(|p| p.filter(|p| p.space_id == space)),
    }
    .internal("looking up a poll")?;
    found.ok_or_else(|| {
        let number = match poll {
            PollRef::Number(n) => n,
            PollRef::Id(_) => 0,
        };
        Msg::new("poll-not-found")
            .num("number", number)
            .code("command", "poll list")
            .into()
    })
}

/// Whether the actor is a member of a group poll's group; the group's id. A poll whose
/// group was deleted has no members left (`poll-group-gone`).
async fn group_member(
    ctx: &Ctx<'_>,
    conn: &mut sqlx::AnyConnection,
    poll: &Poll,
) -> Result<(bool, i64)> {
    let Some(group_id) = poll.group_id else {
        return Err(Msg::new("poll-group-gone")
            .num("number", poll.number)
            .into());
    };
    let member = groups::repo::is_member(conn, group_id, &ctx.actor_key())
        .await
        .internal("checking membership")?;
    Ok((member, group_id))
}

/// Whether the actor may vote: the poll's group members (or everyone), and moderators.
async fn check_eligible(ctx: &Ctx<'_>, conn: &mut sqlx::AnyConnection, poll: &Poll) -> Result<()> {
    if !poll.group_only {
        return Ok(());
    }
    if group_member(ctx, conn, poll).await?.0 {
        Ok(())
    } else {
        Err(Msg::new("poll-not-eligible")
            .num("number", poll.number)
            .into())
    }
}

/// The key of an open secret poll. The key is destroyed when the poll closes: a poll
/// read as open a moment ago but without a key has usually just been closed; if it is
/// still open, its key file was lost, and no vote could ever be counted.
async fn key_of(ctx: &Ctx<'_>, poll: &Poll) -> Result<Key> {
    if let Some(key) = ctx
        .bot
        .poll_keys()
        .read(poll.id)
        .await
        .context("reading a secret poll's key")?
    {
        return Ok(key);
    }
    let mut conn = acquire(ctx.store()).await?;
    let open = repo::is_open_secret(&mut conn, poll.id)
        .await
        .internal("looking up a poll")?;
    if !open {
        return Err(closed(poll).into());
    }
    tracing::error!(
        poll = poll.id,
        dir = %ctx.bot.poll_keys().dir().display(),
        "an open secret poll has no key file: its votes cannot be counted"
    );
    Err(Msg::new("poll-secret-key-missing")
        .num("number", poll.number)
        .into())
}

/// The row key of the actor's ballot: their id, or for secret polls its keyed hash.
fn voter_ref(ctx: &Ctx<'_>, key: Option<&Key>) -> String {
    match key {
        Some(key) => secret::ballot_ref(key, &ctx.actor_key()),
        None => ctx.actor_key(),
    }
}

fn shape(poll: &Poll) -> (Kind, Vec<String>) {
    let kind = poll.kind;
    (kind, poll.options.iter().map(|o| o.label.clone()).collect())
}

async fn vote(ctx: &Ctx<'_>, poll: PollRef, input: &BallotInput) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    ensure_open(&poll)?;
    check_eligible(ctx, &mut conn, &poll).await?;
    let (kind, options) = shape(&poll);
    let reader = BallotShape {
        kind,
        options: &options,
        min: poll.min_choices as usize,
        max: poll.max_choices as usize,
    };
    let (ballot, reason) = reader.read_input(input)?;
    drop(conn);
    let secret = is_secret(&poll);
    let key = match secret {
        true => Some(key_of(ctx, &poll).await?),
        false => None,
    };
    let voter_ref = voter_ref(ctx, key.as_ref());
    let choices = serde_json::to_string(&ballot).internal("encoding a ballot")?;
    // A secret ballot is sealed under the poll's key, which the database never holds:
    // nothing stored (this row, this transaction, its log) shows what this voter chose.
    let stored = match &key {
        Some(key) => StoredBallot {
            choices: secret::seal(key, poll.id, &voter_ref, &Content { choices, reason })
                .context("sealing a ballot")?,
            voter_ref,
            voter_name: None,
            reason: None,
        },
        None => StoredBallot {
            voter_ref,
            voter_name: Some(ctx.inv.actor.display_name.clone()),
            choices,
            reason,
        },
    };
    // The vote is confirmed only once this commits, and it is stored only if the poll is
    // still open when it is written (the check above was only the quick answer). Secret
    // polls record who took part apart from the ballot, in the same transaction; other
    // polls' ballots say it.
    let cast_at = (!secret).then_some(ctx.inv.now_ms);
    let backend = ctx.store().backend();
    let stored_now = if secret {
        let mut tx = begin(ctx.store()).await?;
        let open = repo::upsert_ballot_if_open(&mut tx, backend, poll.id, &stored, cast_at)
            .await
            .internal("storing a ballot")?;
        if open {
            repo::upsert_participant(
                &mut tx,
                poll.id,
                &ctx.actor_key(),
                &ctx.inv.actor.display_name,
            )
            .await
            .internal("recording participation")?;
            tx.commit().await.internal("committing a vote")?;
        }
        open
    } else {
        let mut conn = acquire(ctx.store()).await?;
        repo::upsert_ballot_if_open(&mut conn, backend, poll.id, &stored, cast_at)
            .await
            .internal("storing a ballot")?
    };
    if !stored_now {
        return Err(closed(&poll).into());
    }
    changed(ctx, &poll);

    let private = Visibility::Private;
    let summary = summarise(ctx, &ballot, &options);
    let msg = Msg::new("poll-voted")
        .num("number", poll.number)
        .text("choice", summary);
    let mut reply = ctx.say(private, Tone::Success, &msg);
    let hint = Msg::new("poll-voted-hint")
        .code("change", format!("poll vote {} …", poll.number))
        .code("retract", format!("poll retract {}", poll.number));
    reply = reply.paragraph(ctx.t(private, &hint));
    Ok(reply)
}

/// A short echo of a ballot: `pizza`, `1. tacos, 2. pizza`, `agree`.
fn summarise(ctx: &Ctx<'_>, ballot: &super::tally::Ballot, options: &[String]) -> String {
    use super::tally::{Availability, Ballot, Consent};
    let i18n = ctx.bot.i18n();
    let word = |msg: Msg| i18n.text(ctx.locale, &msg);
    let label = |i: &usize| options.get(*i).cloned().unwrap_or_default();
    match ballot {
        Ballot::Choices(c) => c.iter().map(label).collect::<Vec<_>>().join(", "),
        Ballot::Ranking(r) => r
            .iter()
            .enumerate()
            .map(|(n, i)| format!("{}. {}", n + 1, label(i)))
            .collect::<Vec<_>>()
            .join(", "),
        Ballot::Scores(s) => s
            .iter()
            .zip(options)
            .map(|(s, o)| format!("{o} {s}"))
            .collect::<Vec<_>>()
            .join(", "),
        Ballot::Consent(c) => {
            let vote = match c {
                Consent::Agree => "agree",
                Consent::Abstain => "abstain",
                Consent::Disagree => "disagree",
                Consent::Block => "block",
            };
            word(Msg::new("poll-consent-vote").select("vote", vote))
        }
        Ballot::Availability(a) => a
            .iter()
            .zip(options)
            .map(|(a, o)| {
                let answer = match a {
                    Availability::Yes => "yes",
                    Availability::IfNeedBe => "maybe",
                    Availability::No => "no",
                };
                format!(
                    "{o}: {}",
                    word(Msg::new("poll-availability").select("answer", answer))
                )
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

async fn retract(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    ensure_open(&poll)?;
    drop(conn);
    let key = match is_secret(&poll) {
        true => Some(key_of(ctx, &poll).await?),
        false => None,
    };
    let reference = voter_ref(ctx, key.as_ref());
    // The poll is locked against closing first, and must still be open: a closed poll's
    // tally is final.
    let mut tx = begin(ctx.store()).await?;
    let status = repo::lock_poll(&mut tx, ctx.store().backend(), poll.id)
        .await
        .internal("locking a poll")?;
    if status != Some(PollStatus::Open) {
        return Err(closed(&poll).into());
    }
    let removed = repo::delete_ballot(&mut tx, poll.id, &reference)
        .await
        .internal("removing a ballot")?;
    if poll.voters == VoterVisibility::Secret {
        repo::delete_participant(&mut tx, poll.id, &ctx.actor_key())
            .await
            .internal("removing participation")?;
    }
    tx.commit().await.internal("committing a retraction")?;
    if removed {
        changed(ctx, &poll);
    }
    if !removed {
        return Err(Msg::new("poll-no-ballot").num("number", poll.number).into());
    }
    Ok(ctx.say(
        Visibility::Private,
        Tone::Success,
        &Msg::new("poll-retracted").num("number", poll.number),
    ))
}

/// Who took part: a separate list for secret polls, the ballots themselves otherwise.
async fn participants(
    conn: &mut sqlx::AnyConnection,
    poll: &Poll,
) -> Result<Vec<(String, String)>> {
    let listed = if poll.voters == VoterVisibility::Secret {
        repo::list_participants(conn, poll.id).await
    } else {
        repo::list_ballot_voters(conn, poll.id).await
    };
    listed.internal("reading who took part")
}

/// Votes, retractions and nudges need an open poll. This is the quick answer from the
/// poll as read; the writes check again as they happen.
fn ensure_open(poll: &Poll) -> Result<()> {
    if poll.is_open() {
        return Ok(());
    }
    Err(closed(poll).into())
}

/// "Poll #3 is closed", with where to see its results.
fn closed(poll: &Poll) -> Msg {
    Msg::new("poll-closed")
        .num("number", poll.number)
        .code("command", format!("poll results {}", poll.number))
}

fn is_organiser(ctx: &Ctx<'_>, poll: &Poll) -> bool {
    poll.creator_id == ctx.actor_key() || ctx.is_moderator()
}

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
async fn check_results_visible(
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
                    .code("command", format!("poll vote {} …", poll.number))
                    .into())
            }
        }
        ResultsVisibility::Live => Ok(()),
    }
}

/// Title, results lines and (for organisers of private polls) who took part.
async fn results_reply(
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
    let ballots = repo::list_ballots(&mut conn, poll.id)
        .await
        .internal("reading ballots")?;
    let participants = participants(&mut conn, poll).await?;
    let uncounted = match is_secret(poll) && poll.status == PollStatus::Closed {
        true => repo::fetch_poll(&mut conn, poll.id)
            .await
            .internal("looking up a poll")?
            .map_or(0, |p| p.uncounted),
        false => 0,
    };
    drop(conn);
    let mut reply = render::results_block(ctx.bot.i18n(), locale, &zone, poll, &ballots)
        .into_reply(visibility, &poll.question);
    if uncounted > 0 {
        reply = reply.paragraph(ctx.t(
            visibility,
            &Msg::new("poll-uncounted").num("count", uncounted),
        ));
    }
    if organiser && poll.voters == VoterVisibility::Private && !participants.is_empty() {
        let names: Vec<&str> = participants.iter().map(|(_, n)| n.as_str()).collect();
        reply = reply.paragraph(ctx.t(
            visibility,
            &Msg::new("poll-participants").text("names", names.join(", ")),
        ));
    }
    Ok(reply)
}

async fn results(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    check_results_visible(ctx, &mut conn, &poll).await?;
    drop(conn);
    results_reply(ctx, &poll, Visibility::Private, is_organiser(ctx, &poll)).await
}

async fn close(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
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
pub fn members_only(i18n: &crate::i18n::I18n, locale: crate::i18n::Locale, poll: &Poll) -> Reply {
    let heading = Msg::new("poll-results-title")
        .num("number", poll.number)
        .select("status", PollStatus::Closed.code());
    let members = Msg::new("poll-results-for-members")
        .num("number", poll.number)
        .code("command", format!("poll results {}", poll.number));
    Reply::new(Visibility::Public, Tone::Info)
        .title(format!("{} {}", i18n.text(locale, &heading), poll.question))
        .paragraph(i18n.rich(locale, &members))
}

/// Closes a poll: status, the deadline job, and for secret polls the key and the order of
/// rows. One transaction that marks the poll closed first (waiting for votes in flight,
/// see [`repo::close_poll`]), so the results read after it are final: every vote
/// confirmed before is in them and none comes after. `false` if it was already closed.
pub async fn close_now(bot: &crate::bot::Bot, poll: &Poll, now: i64) -> Result<bool> {
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
        jobs_repo::cancel_jobs_with_prefix(&mut tx, &format!("{JOB_KIND}:{}", poll.id), now)
            .await
            .internal("cancelling a poll's deadline")?;
    }
    tx.commit().await.internal("committing a closed poll")?;
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

async fn list(ctx: &Ctx<'_>, closed: bool) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let status = if closed {
        PollStatus::Closed
    } else {
        PollStatus::Open
    };
    let polls = repo::list_polls(&mut conn, &ctx.space_key(), status, LIST_LIMIT)
        .await
        .internal("listing polls")?;
    drop(conn);
    if polls.is_empty() {
        let msg = Msg::new("poll-list-empty")
            .select("status", status.code())
            .code("command", "poll create Lunch? | pizza | sushi");
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let zone = ctx.zone().await;
    let items: Vec<Line> = polls
        .iter()
        .map(|p| {
            let mut line = vec![
                Inline::Strong(format!("#{}", p.number)),
                Inline::Text(format!(" {} · ", p.question)),
            ];
            line.extend(ctx.t(
                private,
                &Msg::new("poll-kind").select("kind", p.kind.code()),
            ));
            if let Some(at) = p.closes_at.filter(|_| p.is_open()) {
                line.push(Inline::Text(" · ".into()));
                line.push(format::inline(
                    ctx.bot.i18n(),
                    ctx.locale,
                    at,
                    ctx.inv.now_ms,
                    &zone,
                ));
            }
            line
        })
        .collect();
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("poll-list-title")
            .select("status", status.code())
            .num("count", items.len() as i64),
    );
    Ok(Reply::new(private, Tone::Info).title(title).list(items))
}

async fn nudge(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    if !is_organiser(ctx, &poll) {
        return Err(Msg::new("poll-not-organiser")
            .num("number", poll.number)
            .into());
    }
    ensure_open(&poll)?;
    let Some(group_id) = poll.group_id.filter(|_| poll.group_only) else {
        return Err(Msg::new("poll-nudge-needs-group")
            .code("example", "poll create … --group hiking")
            .into());
    };
    let voted: Vec<String> = participants(&mut conn, &poll)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let targets: Vec<(UserId, String)> = groups::repo::list_members(&mut conn, group_id)
        .await
        .internal("listing members")?
        .into_iter()
        .filter(|m| !voted.contains(&m.user_id))
        .filter_map(|m| UserId::from_key(&m.user_id).map(|id| (id, m.display_name)))
        .collect();
    if targets.is_empty() {
        return Err(Msg::new("poll-nudge-everyone-voted")
            .num("number", poll.number)
            .into());
    }
    let now = ctx.inv.now_ms;
    if !repo::claim_nudge(&mut conn, poll.id, now, now - NUDGE_COOLDOWN_MS)
        .await
        .internal("recording a nudge")?
    {
        // Refused: either closed since it was read, or nudged too recently.
        let now_closed = repo::fetch_poll(&mut conn, poll.id)
            .await
            .internal("looking up a poll")?
            .is_none_or(|p| !p.is_open());
        if now_closed {
            return Err(closed(&poll).into());
        }
        return Err(Msg::new("poll-nudge-cooldown")
            .num("number", poll.number)
            .into());
    }
    let public = Visibility::Public;
    let header = Msg::new("poll-nudge")
        .num("number", poll.number)
        .text("question", &poll.question)
        .code("command", format!("poll vote {} …", poll.number));
    let reply = Reply::new(public, Tone::Ping)
        .paragraph(ctx.t(public, &header))
        .ping(targets);
    Ok(reply)
}

async fn export(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    check_results_visible(ctx, &mut conn, &poll).await?;
    let ballots = repo::list_ballots(&mut conn, poll.id)
        .await
        .internal("reading ballots")?;
    drop(conn);
    let zone = ctx.zone().await;
    let labels = render::labels(ctx.bot.i18n(), ctx.locale, &zone, &poll);
    let csv = super::jobs::csv(&poll, &labels, &render::decode(&ballots));
    let name = format!("poll-{}.csv", poll.number);
    let msg = Msg::new("poll-exported")
        .num("number", poll.number)
        .num("count", ballots.len() as i64)
        .text("file", &name);
    let mut reply = ctx.say(Visibility::Private, Tone::Success, &msg);
    reply.attachments.push(Attachment {
        name,
        content_type: "text/csv".into(),
        data: csv.into_bytes(),
    });
    Ok(reply)
}
