//! Polls as native Matrix polls (MSC3381): single and multiple choice are sent as
//! `org.matrix.msc3381.poll.start` events, which Element and other clients show with
//! their own voting UI. Responses of both the unstable and the stable event types are read
//! as votes (the latest response of a person wins; an empty one takes the vote back), and
//! closing the poll sends a poll end event with the result text.
//!
//! The card of a secret poll is never sent as a native poll: a response is an event that
//! names its sender. The other kinds are voted on by text (`!poll vote 3 2 1 3`).

use kumpul_core::port::{NativePoll, Reply, Tone};
use matrix_sdk::ruma::events::poll::response::OriginalSyncPollResponseEvent;
use matrix_sdk::ruma::events::poll::start::PollKind;
use matrix_sdk::ruma::events::poll::unstable_end::UnstablePollEndEventContent;
use matrix_sdk::ruma::events::poll::unstable_response::OriginalSyncUnstablePollResponseEvent;
use matrix_sdk::ruma::events::poll::unstable_start::{
    NewUnstablePollStartEventContent, UnstablePollAnswer, UnstablePollAnswers,
    UnstablePollStartContentBlock,
};
use matrix_sdk::ruma::{OwnedEventId, OwnedTransactionId, UInt, UserId};

/// The poll start event for a card. Answer ids are the option numbers (`"1"`, `"2"`, …),
/// exactly what `poll vote` takes. `None` if the answers do not fit MSC3381's limits.
pub fn start_content(
    poll: &NativePoll,
    fallback: &str,
) -> Option<NewUnstablePollStartEventContent> {
    let answers: Vec<UnstablePollAnswer> = poll
        .answers
        .iter()
        .enumerate()
        .map(|(i, text)| UnstablePollAnswer::new((i + 1).to_string(), text.clone()))
        .collect();
    let answers = UnstablePollAnswers::try_from(answers).ok()?;
    let mut block = UnstablePollStartContentBlock::new(poll.question.clone(), answers);
    block.kind = if poll.disclosed {
        PollKind::Disclosed
    } else {
        PollKind::Undisclosed
    };
    block.max_selections = UInt::try_from(poll.max_selections.max(1) as u64).ok()?;
    Some(NewUnstablePollStartEventContent::plain_text(
        fallback, block,
    ))
}

/// The poll end event for a closed poll, with `text` (its rendered results card) for
/// clients to show.
pub fn end_content(text: &str, start: OwnedEventId) -> UnstablePollEndEventContent {
    UnstablePollEndEventContent::new(text, start)
}

/// A transaction id for ending a poll: stable, so a retried end shows once.
pub fn end_txn(start: &str) -> OwnedTransactionId {
    OwnedTransactionId::from(format!("kumpul-poll-end-{start}"))
}

/// One response, whichever event type carried it.
pub struct Response<'a> {
    /// The response event itself (its reply, if any, is sent once per response).
    pub id: &'a matrix_sdk::ruma::EventId,
    pub sender: &'a UserId,
    pub start: &'a matrix_sdk::ruma::EventId,
    pub answers: Vec<String>,
}

impl<'a> From<&'a OriginalSyncUnstablePollResponseEvent> for Response<'a> {
    fn from(event: &'a OriginalSyncUnstablePollResponseEvent) -> Self {
        Response {
            id: &event.event_id,
            sender: &event.sender,
            start: &event.content.relates_to.event_id,
            answers: event.content.poll_response.answers.clone(),
        }
    }
}

impl<'a> From<&'a OriginalSyncPollResponseEvent> for Response<'a> {
    fn from(event: &'a OriginalSyncPollResponseEvent) -> Self {
        Response {
            id: &event.event_id,
            sender: &event.sender,
            start: &event.content.relates_to.event_id,
            answers: event.content.selections.iter().cloned().collect(),
        }
    }
}

/// Whether the answer to a native vote is worth posting: confirmations are not (the
/// client already shows the vote, and a room message per click would flood the room),
/// errors are.
pub fn worth_posting(reply: &Reply) -> bool {
    reply.tone == Tone::Error
}
