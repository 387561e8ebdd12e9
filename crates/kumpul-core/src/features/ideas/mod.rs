//! The idea board: `idea add`, upvotes (a button on Discord, 👍 on Matrix, `idea vote`),
//! `idea status` by moderators with the author told, and `idea poll 3 5 7`, which puts
//! chosen ideas to a poll (ranked choice by default) — the path from idea to decision.

mod handlers;
pub mod repo;

pub use handlers::{execute, live_view};
pub(crate) use handlers::{react, withdraw_reaction};

use crate::command::Call;
use crate::features::groups::GroupRef;
use crate::features::polls::model::Kind;
use crate::i18n::Msg;
use crate::vocab::IdeaIntent;

/// Longest idea, in characters.
pub const TEXT_MAX: usize = 500;

pub use crate::vocab::IdeaStatus as Status;

/// How a command names an idea: its number in the space, or its id from a button.
pub type IdeaRef = crate::items::ItemRef;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdeaCommand {
    Add {
        text: String,
        group: Option<GroupRef>,
        anonymous: bool,
    },
    List {
        group: Option<GroupRef>,
        newest: bool,
        /// Which page of the list (see `paging`); the first when `None`.
        page: Option<i64>,
    },
    /// `on`: `None` toggles (buttons, typed), `Some` sets (a reaction added).
    Vote {
        idea: IdeaRef,
        on: Option<bool>,
    },
    Status {
        idea: IdeaRef,
        status: Status,
        reason: Option<String>,
    },
    Poll {
        ideas: String,
        kind: Kind,
    },
    /// Opens a discussion thread about the idea.
    Discuss(IdeaRef),
}

impl IdeaCommand {
    pub fn from_call(call: &Call) -> Result<IdeaCommand, Msg> {
        let number = || IdeaRef::Number(call.integer("number").unwrap_or_default());
        let group = || call.text("group").map(|g| GroupRef::Name(g.to_owned()));
        let required = |name: &'static str| call.required_text(name).map_err(|e| e.msg());
        Ok(match call.path[1] {
            "add" => IdeaCommand::Add {
                text: required("text")?.to_owned(),
                group: group(),
                anonymous: call.flag("anonymous"),
            },
            "vote" => IdeaCommand::Vote {
                idea: number(),
                on: None,
            },
            "discuss" => IdeaCommand::Discuss(number()),
            "status" => IdeaCommand::Status {
                idea: number(),
                status: Status::parse(required("status")?).unwrap_or(Status::Open),
                reason: call.text("reason").map(str::to_owned),
            },
            "poll" => IdeaCommand::Poll {
                ideas: required("numbers")?.to_owned(),
                kind: call
                    .text("kind")
                    .and_then(Kind::parse)
                    .unwrap_or(Kind::Ranked),
            },
            _ => IdeaCommand::List {
                group: group(),
                newest: call.flag("new"),
                page: call.integer("page"),
            },
        })
    }

    /// Buttons: `k1:idea:vote:<id>` (toggle); Matrix 👍: `k1:idea:upvote:<id>`.
    pub fn from_intent(intent: IdeaIntent) -> IdeaCommand {
        match intent {
            IdeaIntent::Vote(id) => IdeaCommand::Vote {
                idea: IdeaRef::Id(id),
                on: None,
            },
            IdeaIntent::Upvote(id) => IdeaCommand::Vote {
                idea: IdeaRef::Id(id),
                on: Some(true),
            },
        }
    }
}

#[cfg(test)]
mod flows;
#[cfg(test)]
mod flows_id;
#[cfg(test)]
mod reactions;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idea_statuses_round_trip_through_their_codes() {
        assert_codes_round_trip!(Status);
    }
}
