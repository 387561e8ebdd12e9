//! Discussion threads: `thread start` opens a real platform thread (a Discord public
//! thread on the header message, a Matrix thread rooted at it, an indented conversation
//! on the console), kumpul records who wrote when in it (never the text), archives it
//! after a quiet spell through the scheduler, and `thread digest` gives a catch-up.

mod digest;
mod handlers;
pub mod jobs;
pub mod model;
pub mod repo;

pub use handlers::{create, execute, open};

use crate::command::Call;
use crate::features::groups::GroupRef;
use crate::i18n::Msg;

/// The scheduler's job kind that archives a quiet thread.
pub const ARCHIVE_JOB: crate::vocab::JobKind = crate::vocab::JobKind::ThreadArchive;
/// Longest topic, in characters (Discord thread names).
pub const TOPIC_MAX: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadCommand {
    Start {
        topic: String,
        group: Option<GroupRef>,
        ping: bool,
    },
    List {
        group: Option<GroupRef>,
        archived: bool,
        /// Which page of the list (see `paging`); the first when `None`.
        page: Option<i64>,
    },
    Close(i64),
    Reopen(i64),
    Digest(i64),
}

impl ThreadCommand {
    pub fn from_call(call: &Call) -> Result<ThreadCommand, Msg> {
        let number = || call.integer("number").unwrap_or_default();
        let group = || call.text("group").map(|g| GroupRef::Name(g.to_owned()));
        Ok(match call.path[1] {
            "start" => ThreadCommand::Start {
                topic: call.required_text("topic").map_err(|e| e.msg())?.to_owned(),
                group: group(),
                ping: call.flag("ping"),
            },
            "close" => ThreadCommand::Close(number()),
            "reopen" => ThreadCommand::Reopen(number()),
            "digest" => ThreadCommand::Digest(number()),
            _ => ThreadCommand::List {
                group: group(),
                archived: call.flag("archived"),
                page: call.integer("page"),
            },
        })
    }
}

#[cfg(test)]
mod flows;
#[cfg(test)]
mod races;
