//! Polls and group decisions: single and multiple choice, approval, score, ranked choice
//! (instant-runoff), consent proposals and find-a-time, with deadlines through the
//! scheduler and secret ballots that become unlinkable when the poll closes.

mod card;
mod examples;
mod handlers;
pub mod jobs;
pub mod model;
pub mod render;
pub mod repo;
pub mod secret;
pub mod tally;

pub use card::live_view;
pub use handlers::execute;

use crate::command::Call;
use crate::features::groups::GroupRef;
use crate::i18n::Msg;
use crate::vocab::{ConsentVote, PollIntent};

use model::{Kind, ResultsVisibility, VoterVisibility};
use tally::ConsentRule;

/// The scheduler's job kind for closing a poll at its deadline.
pub const JOB_KIND: crate::vocab::JobKind = crate::vocab::JobKind::PollClose;

/// How a command names a poll: its number in the space, or its id from a button.
pub type PollRef = crate::items::ItemRef;

/// Everything `poll create` was told.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPoll {
    pub kind: Kind,
    /// `question | option | option`, split by the handler.
    pub text: String,
    pub closes: Option<String>,
    /// `None`: not given (live, or after-close for secret polls).
    pub results: Option<ResultsVisibility>,
    pub voters: VoterVisibility,
    pub group: Option<GroupRef>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub quorum: Option<i64>,
    pub rule: ConsentRule,
}

/// A ballot as it arrived: typed, or picked on a button or menu (never re-read as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotInput {
    /// As typed (`poll vote 3 1 2`, `agree because…`) or written in the ballot form.
    Typed(String),
    /// Options picked on a button or a menu: 0-based indices.
    Picks(Vec<usize>),
    /// Options picked in the platform's own poll (a Matrix poll response): 0-based
    /// indices. Only the core builds it ([`PollCommand::from_native`]), from an event of
    /// that poll, so no click or typed text can claim to be one.
    Native(Vec<usize>),
    /// A consent proposal's button.
    Consent(ConsentVote),
}

impl BallotInput {
    /// Which way the ballot came in, stored with it.
    pub fn via(&self) -> model::Via {
        match self {
            BallotInput::Native(_) => model::Via::Native,
            _ => model::Via::Kumpul,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PollCommand {
    Create(Box<NewPoll>),
    Vote {
        poll: PollRef,
        ballot: BallotInput,
    },
    Retract(PollRef),
    Results(PollRef),
    Close(PollRef),
    List {
        closed: bool,
        /// Which page of the list (see `paging`); the first when `None`.
        page: Option<i64>,
    },
    Nudge(PollRef),
    Export(PollRef),
    /// Asks for a whole ballot in a form (ranked, score, find-a-time buttons).
    Form(PollRef),
}

impl PollCommand {
    pub fn from_call(call: &Call) -> Result<PollCommand, Msg> {
        let poll = || PollRef::Number(call.integer("number").unwrap_or_default());
        let text = |name: &'static str| call.required_text(name).map_err(|e| e.msg());
        Ok(match call.path[1] {
            "create" => PollCommand::Create(Box::new(NewPoll {
                kind: call
                    .text("kind")
                    .and_then(Kind::parse)
                    .unwrap_or(Kind::Single),
                text: text("poll")?.to_owned(),
                closes: call.text("closes").map(str::to_owned),
                results: call.text("results").and_then(ResultsVisibility::parse),
                voters: call
                    .text("voters")
                    .and_then(VoterVisibility::parse)
                    .unwrap_or(VoterVisibility::Private),
                group: call.text("group").map(|g| GroupRef::Name(g.to_owned())),
                min: call.integer("min"),
                max: call.integer("max"),
                quorum: call.integer("quorum"),
                rule: call
                    .text("rule")
                    .and_then(ConsentRule::parse)
                    .unwrap_or(ConsentRule::Consent),
            })),
            "vote" => PollCommand::Vote {
                poll: poll(),
                ballot: BallotInput::Typed(text("choice")?.to_owned()),
            },
            "retract" => PollCommand::Retract(poll()),
            "results" => PollCommand::Results(poll()),
            "close" => PollCommand::Close(poll()),
            "nudge" => PollCommand::Nudge(poll()),
            "export" => PollCommand::Export(poll()),
            _ => PollCommand::List {
                closed: call.flag("closed"),
                page: call.integer("page"),
            },
        })
    }

    /// A response in the platform's own poll of poll `poll` (its id): `answers` are the
    /// answer ids, the option numbers (`"1"`, `"2"`, …, as the native poll was posted);
    /// none takes the vote back. `None`: an answer id that is no option number.
    pub fn from_native(poll: i64, answers: &[String]) -> Option<PollCommand> {
        if answers.is_empty() {
            return Some(PollCommand::Retract(PollRef::Id(poll)));
        }
        let picks = answers
            .iter()
            .map(|a| {
                let a = crate::text::strip_invisible(a);
                a.trim().parse::<usize>().ok()?.checked_sub(1)
            })
            .collect::<Option<Vec<usize>>>()?;
        Some(PollCommand::Vote {
            poll: PollRef::Id(poll),
            ballot: BallotInput::Native(picks),
        })
    }

    /// Buttons, menus and forms: `k1:poll:vote:<id>/<option index>` or `<id>/<word>`
    /// (consent), `k1:poll:pick:<id>` with the picked option numbers (1-based, as the menu
    /// numbers them), `k1:poll:ballot:<id>` (a form button; with the form's text once
    /// submitted), `k1:poll:results:<id>`. (A native poll's responses come by
    /// [`PollCommand::from_native`].)
    /// `None`: picks that are not option numbers.
    pub fn from_intent(intent: PollIntent, values: &[String]) -> Option<PollCommand> {
        Some(match intent {
            PollIntent::Choose { poll, option } => PollCommand::Vote {
                poll: PollRef::Id(poll),
                ballot: BallotInput::Picks(vec![option]),
            },
            PollIntent::Consent { poll, vote } => PollCommand::Vote {
                poll: PollRef::Id(poll),
                ballot: BallotInput::Consent(vote),
            },
            PollIntent::Pick(poll) => {
                let picks = values
                    .iter()
                    .map(|v| v.trim().parse::<usize>().ok()?.checked_sub(1))
                    .collect::<Option<Vec<usize>>>()?;
                if picks.is_empty() {
                    return None;
                }
                PollCommand::Vote {
                    poll: PollRef::Id(poll),
                    ballot: BallotInput::Picks(picks),
                }
            }
            PollIntent::Ballot(poll) => match values.first() {
                Some(text) => PollCommand::Vote {
                    poll: PollRef::Id(poll),
                    ballot: BallotInput::Typed(text.clone()),
                },
                None => PollCommand::Form(PollRef::Id(poll)),
            },
            PollIntent::Results(poll) => PollCommand::Results(PollRef::Id(poll)),
        })
    }
}

/// Start-up for secret polls: moves the keys that an older kumpul kept in the database
/// out of it (re-sealing those polls' ballots under a new key file), then destroys key
/// files no poll needs any more (kumpul stopped between a close and its key's removal).
pub async fn prepare_secret_keys(bot: &crate::bot::Bot) -> anyhow::Result<()> {
    use anyhow::Context as _;
    let mut conn = bot.store().pool().acquire().await?;
    let legacy = repo::list_legacy_secrets(&mut conn)
        .await
        .context("reading secret poll keys kept in the database")?;
    drop(conn);
    for (poll_id, old_key) in legacy {
        move_legacy_key(bot, poll_id, &old_key)
            .await
            .with_context(|| {
                format!("moving the key of secret poll {poll_id} out of the database")
            })?;
    }
    let mut conn = bot.store().pool().acquire().await?;
    let closed = repo::list_closed_legacy_polls(&mut conn).await?;
    drop(conn);
    for poll_id in closed {
        let mut tx = bot.store().pool().begin().await?;
        repo::rerandomise_ballots(&mut tx, poll_id).await?;
        tx.commit().await?;
        tracing::info!(
            poll = poll_id,
            "gave a closed secret poll's ballots fresh references"
        );
    }
    let store = bot.store().clone();
    let destroyed = bot
        .poll_keys()
        .sweep(|id| {
            let store = store.clone();
            async move {
                let mut conn = store.pool().acquire().await?;
                Ok(repo::is_open_secret(&mut conn, id).await?)
            }
        })
        .await
        .context("removing keys of closed secret polls")?;
    if destroyed > 0 {
        tracing::info!(destroyed, "removed the keys of closed secret polls");
    }
    Ok(())
}

/// One open poll of an older kumpul: a new key file, each participant's ballot (found
/// under the old keyed hash, readable) sealed under it, and the old key deleted — one
/// transaction, with the poll locked against closing.
async fn move_legacy_key(bot: &crate::bot::Bot, poll_id: i64, old_key: &str) -> anyhow::Result<()> {
    let keys = bot.poll_keys();
    let key = match keys.read(poll_id).await? {
        Some(key) => key,
        None => keys.create(poll_id).await?,
    };
    let mut tx = bot.store().pool().begin().await?;
    let status = repo::lock_poll(&mut tx, bot.store().backend(), poll_id).await?;
    if status == Some(model::PollStatus::Open) {
        for (voter, _) in repo::list_participants(&mut tx, poll_id).await? {
            let old_ref = secret::legacy_ballot_ref(old_key, &voter);
            let Some(ballot) = repo::fetch_ballot(&mut tx, poll_id, &old_ref).await? else {
                continue;
            };
            let new_ref = secret::ballot_ref(&key, &voter);
            let content = secret::Content {
                choices: ballot.choices,
                reason: ballot.reason,
            };
            let sealed = repo::StoredBallot {
                choices: secret::seal(&key, poll_id, &new_ref, &content)?,
                voter_ref: new_ref,
                voter_name: None,
                reason: None,
                // Secret polls are never native polls.
                via: model::Via::Kumpul,
            };
            repo::delete_ballot(&mut tx, poll_id, &old_ref).await?;
            repo::upsert_ballot(&mut tx, poll_id, &sealed, None).await?;
        }
    }
    repo::delete_legacy_secret(&mut tx, poll_id).await?;
    tx.commit().await?;
    tracing::info!(
        poll = poll_id,
        "moved a secret poll's key out of the database"
    );
    Ok(())
}

#[cfg(test)]
mod flows;
#[cfg(test)]
mod privacy_tests;
#[cfg(test)]
mod races;
