//! `poll vote` and `poll retract`, and the form for a whole ballot: who may vote, the
//! ballot read, sealed under the key of a secret poll, and written only while the poll is
//! open.

use super::{
    closed, ensure_open, find, find_for_vote, group_member, is_secret, native_platform, voter_ref,
};
use crate::bot::{Ctx, acquire, begin};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::polls::card;
use crate::features::polls::examples;
use crate::features::polls::model::{
    BallotShape, Kind, PollStatus, ResultsVisibility, Via, VoterVisibility,
};
use crate::features::polls::render;
use crate::features::polls::repo::{self, BallotWritten, Poll, StoredBallot};
use crate::features::polls::secret::{self, Content, Key};
use crate::features::polls::tally::{Availability, Ballot, Consent};
use crate::features::polls::{BallotInput, PollRef};
use crate::i18n::Msg;
use crate::identity::Platform;
use crate::reply::{Action, ActionId, ActionStyle, Anchor, Reply, Tone, Visibility};
use crate::store::Statements;
use crate::vocab::{Intent, PollIntent};
use anyhow::Context as _;

/// The form for a whole ballot (Discord: a modal), or on other platforms what to type.
pub(super) async fn form(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    drop(conn);
    ensure_open(&poll)?;
    ensure_slots_ahead(ctx, &poll)?;
    let reader = ctx.reader(Visibility::Private).await;
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

fn shape(poll: &Poll) -> (Kind, Vec<String>) {
    let kind = poll.kind;
    (kind, poll.options.iter().map(|o| o.label.clone()).collect())
}

pub(super) async fn vote(ctx: &Ctx<'_>, poll: PollRef, input: &BallotInput) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find_for_vote(ctx, &mut conn, poll).await?;
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
    let via = input.via();
    drop(conn);
    // What the voter is told names each slot as a time in their own zone, never the text
    // the creator typed ("tomorrow 19:00" means something else days later).
    let private = ctx.reader(Visibility::Private).await;
    let labels = render::labels(private.i18n, private.locale, &private.zone, &poll);
    if let Ballot::Availability(answers) = &ballot {
        refuse_past_slots(ctx, &poll, answers, &labels)?;
    }
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
            via,
        },
        None => StoredBallot {
            voter_ref,
            voter_name: Some(ctx.inv.actor.display_name.clone()),
            choices,
            reason,
            via,
        },
    };
    let Some(written) = store_if_open(ctx, &poll, &stored).await? else {
        return Err(closed(&poll).into());
    };
    // A vote that did not come through the platform's own poll is not in that poll's
    // count: the voter is told so (and how to vote there instead).
    let elsewhere = match via {
        Via::Kumpul => written.native_platform,
        Via::Native => None,
    };
    changed(ctx, &poll);
    Ok(voted(ctx, &poll, &ballot, &labels, elsewhere))
}

/// Whether a find-a-time slot has started by the invocation's clock.
fn slot_passed(ctx: &Ctx<'_>, poll: &Poll, slot: usize) -> bool {
    poll.options[slot]
        .slot_at
        .is_some_and(|at| at <= ctx.inv.now_ms)
}

/// A find-a-time poll whose every slot has passed takes no more ballots.
fn ensure_slots_ahead(ctx: &Ctx<'_>, poll: &Poll) -> Result<()> {
    let slots = poll.options.len();
    if poll.kind == Kind::Time && (0..slots).all(|s| slot_passed(ctx, poll, s)) {
        return Err(Msg::new("poll-slots-passed")
            .num("number", poll.number)
            .into());
    }
    Ok(())
}

/// A find-a-time ballot may say yes or "if need be" only to slots still ahead, by the
/// invocation's clock (`now_ms`, the same on every platform and in tests). Every vote —
/// typed, from the form, a button or a native poll — comes through [`vote`], and a slot's
/// time never changes once the poll is stored, so this check before the write holds for
/// the write. The error shows the same ballot with the passed slots answered no.
fn refuse_past_slots(
    ctx: &Ctx<'_>,
    poll: &Poll,
    answers: &[Availability],
    labels: &[String],
) -> Result<()> {
    ensure_slots_ahead(ctx, poll)?;
    let Some(first) =
        (0..answers.len()).find(|&s| answers[s] != Availability::No && slot_passed(ctx, poll, s))
    else {
        return Ok(());
    };
    let fixed: Vec<Availability> = (0..answers.len())
        .map(|s| match slot_passed(ctx, poll, s) {
            true => Availability::No,
            false => answers[s],
        })
        .collect();
    Err(Msg::new("poll-slot-passed")
        .strong("slot", &labels[first])
        .typed("command", examples::availability(poll.number, &fixed))
        .into())
}

/// Writes the ballot; `None` if the poll has closed meanwhile (nothing was written).
async fn store_if_open(
    ctx: &Ctx<'_>,
    poll: &Poll,
    stored: &StoredBallot,
) -> Result<Option<BallotWritten>> {
    // The vote is confirmed only once this commits, and it is stored only if the poll is
    // still open when it is written (the check above was only the quick answer). Secret
    // polls record who took part apart from the ballot, in the same transaction; other
    // polls' ballots say it. On SQLite, votes arriving together share one commit
    // (`Store::write`): each voter still hears back only after the commit holding theirs.
    let secret = is_secret(poll);
    let cast_at = (!secret).then_some(ctx.inv.now_ms);
    let backend = ctx.store().backend();
    let poll_id = poll.id;
    let stored = stored.clone();
    let participant = secret.then(|| (ctx.actor_key(), ctx.inv.actor.display_name.clone()));
    let statements = match secret {
        true => Statements::Several,
        false => Statements::One,
    };
    ctx.store()
        .write(statements, move |conn| {
            let (stored, participant) = (stored.clone(), participant.clone());
            Box::pin(async move {
                let written =
                    repo::upsert_ballot_if_open(conn, backend, poll_id, &stored, cast_at).await?;
                if let (Some(_), Some((voter, name))) = (written, participant) {
                    repo::upsert_participant(conn, poll_id, &voter, &name).await?;
                }
                Ok(written)
            })
        })
        .await
        .internal("storing a ballot")
}

/// The voter's confirmation: what they chose (`options` as the voter reads them: slots as
/// times in their zone), and how to change or take it back. `elsewhere`: the platform
/// whose own poll shows this poll, when the vote did not come through it — it is counted,
/// but that poll will not show it.
fn voted(
    ctx: &Ctx<'_>,
    poll: &Poll,
    ballot: &Ballot,
    options: &[String],
    elsewhere: Option<Platform>,
) -> Reply {
    let private = Visibility::Private;
    let summary = summarise(ctx, ballot, options);
    let msg = Msg::new("poll-voted")
        .num("number", poll.number)
        .text("choice", summary);
    let mut reply = ctx.say(private, Tone::Success, &msg);
    let hint = Msg::new("poll-voted-hint")
        .typed(
            "change",
            Typed::new(&["poll", "vote"]).value(poll.number).etc(),
        )
        .typed(
            "retract",
            Typed::new(&["poll", "retract"]).value(poll.number),
        );
    reply = reply.paragraph(ctx.t(private, &hint));
    if let Some(platform) = elsewhere {
        let note = Msg::new("poll-voted-not-in-native")
            .num("number", poll.number)
            .select("platform", platform.key());
        reply = reply.paragraph(ctx.t(private, &note));
    }
    // What a voter wants next is to see how the poll stands, where they may now.
    let visible = matches!(
        poll.results,
        ResultsVisibility::Live | ResultsVisibility::AfterVote
    );
    if visible && !is_secret(poll) {
        reply = reply.action(Action {
            label: ctx.label(private, "action-results"),
            style: ActionStyle::Secondary,
            id: ActionId::new(Intent::Poll(PollIntent::Results(poll.id))),
            command: card::results_command(poll).render(ctx.bot.i18n(), ctx.locale_for(private)),
        });
    }
    reply
}

/// A short echo of a ballot: `pizza`, `1. tacos, 2. pizza`, `agree`; find-a-time answers
/// are separated by `;`, as a slot's date and time has commas of its own.
fn summarise(ctx: &Ctx<'_>, ballot: &Ballot, options: &[String]) -> String {
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
            .join("; "),
    }
}

/// Takes the actor's ballot back. A native poll's empty response is the only retraction
/// by poll id ([`crate::features::polls::PollCommand::from_native`]); any other (typed)
/// retraction on a poll shown natively cannot remove a pick from that poll's tile, so the
/// confirmation says so.
pub(super) async fn retract(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let from_tile = matches!(poll, PollRef::Id(_));
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    ensure_open(&poll)?;
    let shown = match from_tile {
        true => None,
        false => native_platform(&mut conn, &poll).await?,
    };
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
    let earlier = repo::fetch_ballot(&mut tx, poll.id, &reference)
        .await
        .internal("reading a ballot")?
        .map(|b| b.via);
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
    let private = Visibility::Private;
    let msg = Msg::new("poll-retracted").num("number", poll.number);
    let mut reply = ctx.say(private, Tone::Success, &msg);
    if let (Some(platform), Some(via)) = (shown, earlier) {
        let note = Msg::new("poll-retracted-still-in-native")
            .num("number", poll.number)
            .select("platform", platform.key())
            .select("via", via_key(via));
        reply = reply.paragraph(ctx.t(private, &note));
    }
    Ok(reply)
}

/// The message selector for which way a retracted ballot came: from the tile (its pick
/// still shows there) or typed (an earlier pick there, if any, still shows).
fn via_key(via: Via) -> &'static str {
    match via {
        Via::Native => "native",
        Via::Kumpul => "kumpul",
    }
}
