//! A poll's public message: question, options, how to vote, the controls of each
//! platform (buttons, a menu, a form) and — when results are live, or once closed — the
//! results. The same card is posted at creation and re-rendered for live updates.

use super::examples::{self, Shape};
use super::model::{Kind, ResultsVisibility, VoterVisibility};
use super::render::{self, ResultsBlock};
use super::repo::{self, Poll};
use crate::bot::Bot;
use crate::catalogue::Typed;
use crate::features::groups;
use crate::i18n::Msg;
use crate::identity::SpaceId;
use crate::notify::LiveView;
use crate::reply::{
    Action, ActionId, ActionStyle, Alternate, Anchor, Choice, Form, Inline, Line, NativePoll,
    Reply, Select, Tone, Visibility,
};
use crate::time::format;
use crate::vocab::{ConsentVote, Intent, PollIntent};

/// Most option buttons on a single-choice card; more options get a menu.
const OPTION_BUTTONS_MAX: usize = 5;
/// Longest ballot typed into the form.
const FORM_MAX: usize = 400;

pub use crate::bot::Reader;

/// `poll vote 3` with an example ballot for the poll.
fn example(poll: &Poll) -> Typed {
    examples::vote(poll.number, Shape::of(poll))
}

/// A command as the reader types it, for the platforms without buttons or menus.
fn typed(reader: &Reader<'_>, typed: &Typed) -> String {
    typed.render(reader.i18n, reader.locale)
}

/// `Pick one option by number: poll vote 3 1`.
pub fn how_to_vote(poll: &Poll) -> Msg {
    let kind = poll.kind;
    Msg::new("poll-how-to-vote")
        .select("kind", kind.code())
        .num("min", poll.min_choices)
        .num("max", poll.max_choices)
        .typed("command", example(poll))
}

/// `poll results 3`.
pub fn results_command(poll: &Poll) -> Typed {
    Typed::new(&["poll", "results"]).value(poll.number)
}

/// The card. `results`: the results to show (live results, or final ones).
pub fn card(
    reader: &Reader<'_>,
    poll: &Poll,
    group: Option<&str>,
    results: Option<ResultsBlock>,
) -> Reply {
    let kind = poll.kind;
    let open = poll.is_open();
    let labels = render::labels(reader.i18n, reader.locale, &reader.zone, poll);
    let mut reply = top(reader, poll, &labels);
    if open {
        reply = reply.paragraph(reader.t(&how_to_vote(poll)));
    }
    if let Some(name) = group {
        reply = reply.paragraph(reader.t(&Msg::new("poll-for-group").strong("name", name)));
    }
    if open && let Some(line) = vote_in_private(reader, poll) {
        reply = reply.paragraph(line);
    }
    if let Some(line) = deadline(reader, poll) {
        reply = reply.paragraph(line);
    }
    if let Some(block) = results {
        reply = reply.paragraph(vec![Inline::Strong(block.heading)]);
        reply = reply.list(block.lines);
    }
    if open {
        reply = controls(reader, reply, poll, kind, &labels);
        reply
            .alternates
            .extend(native(poll, kind, &labels).map(Alternate::NativePoll));
    }
    reply
}

/// The card's title, what the poll is (by whom, which kind, who sees what) and its options.
fn top(reader: &Reader<'_>, poll: &Poll, labels: &[String]) -> Reply {
    let mut reply = Reply::new(Visibility::Public, Tone::Info)
        .title(format!("#{} {}", poll.number, poll.question));
    reply = reply.track(Anchor {
        kind: crate::vocab::AnchorKind::Poll,
        id: poll.id,
    });
    let about = Msg::new("poll-card")
        .strong("actor", &poll.creator_name)
        .select("kind", poll.kind.code())
        .select("results", poll.results.code())
        .select("voters", poll.voters.code());
    reply = reply.paragraph(reader.t(&about));
    if !labels.is_empty() {
        reply = reply.list(
            labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    vec![Inline::Text(format!(
                        "{}. {}",
                        i + 1,
                        mark(reader, poll, i, l)
                    ))]
                })
                .collect(),
        );
    }
    reply
}

/// A find-a-time slot that has started is marked as passed (it takes no more yes or
/// "if need be"); other options are shown as they are.
fn mark(reader: &Reader<'_>, poll: &Poll, option: usize, label: &str) -> String {
    let passed = poll.is_open()
        && poll.options[option]
            .slot_at
            .is_some_and(|at| at <= reader.now_ms);
    match passed {
        true => reader.text(&Msg::new("poll-slot-past-mark").text("slot", label)),
        false => label.to_owned(),
    }
}

/// Where the room reads typed commands (Matrix), a secret poll asks for votes by direct
/// message.
fn vote_in_private(reader: &Reader<'_>, poll: &Poll) -> Option<Line> {
    let readable = reader.surface.public_typed_commands;
    if !(readable && poll.voters == VoterVisibility::Secret) {
        return None;
    }
    // A vote typed in the room is an event everyone can read.
    let how = Msg::new("poll-secret-in-private").typed("command", example(poll));
    Some(reader.t(&how))
}

/// When an open poll closes, or that it has closed.
fn deadline(reader: &Reader<'_>, poll: &Poll) -> Option<Line> {
    match (poll.is_open(), poll.closes_at) {
        (true, Some(at)) => {
            let mut line = reader.t(&Msg::new("poll-closes"));
            line.push(format::inline(
                reader.i18n,
                reader.locale,
                at,
                reader.now_ms,
                &reader.zone,
            ));
            Some(line)
        }
        (false, _) => Some(reader.t(&Msg::new("poll-card-closed"))),
        _ => None,
    }
}

/// Buttons, a menu or a form button — whatever makes one click (or one form) a ballot.
/// Each also names the command to type, for platforms without them.
fn controls(
    reader: &Reader<'_>,
    mut reply: Reply,
    poll: &Poll,
    kind: Kind,
    labels: &[String],
) -> Reply {
    match kind {
        Kind::Single if labels.len() <= OPTION_BUTTONS_MAX => {
            for (i, label) in labels.iter().enumerate() {
                reply = reply.action(vote(
                    PollIntent::Choose {
                        poll: poll.id,
                        option: i,
                    },
                    label.clone(),
                    typed(reader, &examples::option(poll.number, i + 1)),
                ));
            }
        }
        Kind::Single | Kind::Multiple | Kind::Approval => {
            reply = reply.select(menu(reader, poll, kind, labels));
        }
        Kind::Consent => reply = consent_buttons(reader, reply, poll),
        Kind::Ranked | Kind::Score | Kind::Time => {
            reply = reply.action(Action {
                label: reader.i18n.label(reader.locale, "action-vote-form"),
                style: ActionStyle::Primary,
                id: ActionId::new(Intent::Poll(PollIntent::Ballot(poll.id))),
                command: typed(reader, &example(poll)),
            });
        }
    }
    reply.action(Action {
        label: reader.i18n.label(reader.locale, "action-results"),
        style: ActionStyle::Secondary,
        id: ActionId::new(Intent::Poll(PollIntent::Results(poll.id))),
        command: typed(reader, &results_command(poll)),
    })
}

/// A button that casts a ballot.
fn vote(intent: PollIntent, label: String, command: String) -> Action {
    Action {
        label,
        style: ActionStyle::Primary,
        id: ActionId::new(Intent::Poll(intent)),
        command,
    }
}

/// The menu of a single, multiple or approval poll: pick as many options as it takes.
fn menu(reader: &Reader<'_>, poll: &Poll, kind: Kind, labels: &[String]) -> Select {
    let (min, max) = match kind {
        Kind::Single => (1, 1),
        Kind::Multiple => (poll.min_choices as usize, poll.max_choices as usize),
        _ => (1, labels.len()),
    };
    let placeholder = Msg::new("poll-select-placeholder")
        .select("kind", kind.code())
        .num("min", min as i64)
        .num("max", max as i64);
    Select {
        id: ActionId::new(Intent::Poll(PollIntent::Pick(poll.id))),
        placeholder: reader.text(&placeholder),
        choices: labels
            .iter()
            .enumerate()
            .map(|(i, l)| Choice {
                label: format!("{}. {l}", i + 1),
                value: (i + 1).to_string(),
            })
            .collect(),
        min,
        max,
        command: typed(reader, &example(poll)),
    }
}

/// A consent proposal's buttons, one per vote (block in red).
fn consent_buttons(reader: &Reader<'_>, mut reply: Reply, poll: &Poll) -> Reply {
    for &vote_word in ConsentVote::ALL {
        let label = reader.text(&Msg::new("poll-consent-vote").select("vote", vote_word.code()));
        reply = reply.action(Action {
            style: if vote_word == ConsentVote::Block {
                ActionStyle::Danger
            } else {
                ActionStyle::Primary
            },
            ..vote(
                PollIntent::Consent {
                    poll: poll.id,
                    vote: vote_word,
                },
                label,
                typed(reader, &examples::consent(poll.number, vote_word)),
            )
        });
    }
    reply
}

/// The card as a native poll, for the kinds such polls can hold — and only when voters
/// are public: a native poll response is a room event that names its sender and shows
/// everyone what they chose, which a private or secret poll promises not to.
fn native(poll: &Poll, kind: Kind, labels: &[String]) -> Option<NativePoll> {
    if poll.voters != VoterVisibility::Public {
        return None;
    }
    let max_selections = match kind {
        Kind::Single => 1,
        Kind::Multiple => poll.max_choices as usize,
        Kind::Approval => labels.len(),
        _ => return None,
    };
    Some(NativePoll {
        question: poll.question.clone(),
        answers: labels.to_vec(),
        max_selections,
        disclosed: poll.results == ResultsVisibility::Live,
    })
}

/// The form that asks for a whole ballot (ranked, score, find-a-time), with the same
/// instructions as text for platforms without forms.
pub fn ballot_form(reader: &Reader<'_>, poll: &Poll) -> Reply {
    let kind = poll.kind;
    let labels = render::labels(reader.i18n, reader.locale, &reader.zone, poll);
    let reply = Reply::new(Visibility::Private, Tone::Info)
        .title(format!("#{} {}", poll.number, poll.question))
        .list(
            labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    vec![Inline::Text(format!(
                        "{}. {}",
                        i + 1,
                        mark(reader, poll, i, l)
                    ))]
                })
                .collect(),
        )
        .paragraph(reader.t(&how_to_vote(poll)));
    reply.form_to_open(Form {
        id: ActionId::new(Intent::Poll(PollIntent::Ballot(poll.id))),
        title: reader.text(&Msg::new("poll-form-title").num("number", poll.number)),
        label: reader.text(&Msg::new("poll-form-label").select("kind", kind.code())),
        placeholder: typed(reader, &examples::ballot(Shape::of(poll))),
        max_len: FORM_MAX,
    })
}

/// The poll's card as it should look now, in its space's language and zone.
pub async fn live_view(bot: &Bot, id: i64) -> anyhow::Result<Option<LiveView>> {
    let mut conn = bot.store().pool().acquire().await?;
    let Some(poll) = repo::fetch_poll(&mut conn, id).await? else {
        return Ok(None);
    };
    let Some(space) = SpaceId::from_key(&poll.space_id) else {
        return Ok(None);
    };
    let group = match poll.group_id {
        Some(group) => groups::repo::fetch_group(&mut conn, &poll.space_id, group)
            .await?
            .map(|g| g.name),
        None => None,
    };
    let open = poll.is_open();
    // A secret poll shows nothing of its ballots until it closes (while open they are
    // sealed, and a card that changed with each vote would tell who chose what).
    let secret = poll.voters == VoterVisibility::Secret;
    // A group's poll shows its results to the group's members only, never in public.
    let show = !poll.group_only && (!open || (poll.results == ResultsVisibility::Live && !secret));
    let (gathered, native) = if show {
        (
            render::Gathered::read(&mut conn, &poll).await?,
            repo::fetch_native_platform(&mut conn, poll.id).await?,
        )
    } else {
        (render::Gathered::new(&poll), None)
    };
    drop(conn);
    let now = crate::time::clock::Clock::now_ms(&crate::time::clock::SystemClock);
    let reader = Reader::of_space(bot, &space, now).await;
    let results = show.then(|| {
        render::results_block(
            reader.i18n,
            reader.locale,
            &reader.zone,
            &poll,
            &gathered,
            native,
        )
    });
    Ok(Some(LiveView {
        reply: card(&reader, &poll, group.as_deref(), results),
        ended: !open,
    }))
}
