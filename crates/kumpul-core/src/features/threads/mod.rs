//! Discussion threads: `thread start` opens a real platform thread (a Discord public
//! thread on the header message, a Matrix thread rooted at it, an indented conversation
//! on the console), kumpul records who wrote when in it (never the text), archives it
//! after a quiet spell through the scheduler, and `thread digest` gives a catch-up.

mod handlers;
pub mod jobs;
pub mod model;
pub mod repo;

pub use handlers::{create, execute, open};

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::command::Call;
use crate::features::groups::GroupRef;
use crate::i18n::Msg;

/// The scheduler's job kind that archives a quiet thread.
pub const ARCHIVE_JOB: &str = "thread_archive";
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
            },
        })
    }
}

/// Platform channels recently found not to be tracked threads. Adapters report every
/// message and reaction of a server; this spares the database a lookup for each one in
/// ordinary channels. Entries expire, so a thread opened by another kumpul process
/// (PostgreSQL deployments) is noticed within [`UNTRACKED_TTL`] even in the odd case that
/// its id was seen before.
///
/// It also keeps reactions that arrived before their message was recorded: platforms
/// deliver a message and a reaction to it as separate events that may be handled in either
/// order, so a reaction to a message not yet recorded is held for a short while and added
/// when the message is ([`EarlyReactions`]).
#[derive(Debug, Default)]
pub struct Untracked {
    seen: Mutex<HashMap<String, Instant>>,
    pub(crate) early: EarlyReactions,
}

/// Reaction counts for messages not recorded yet, by `space/message`. The lock is held
/// around the reaction's update-or-note and around the message's take-and-apply (after
/// its insert committed), so whichever comes second sees the first.
#[derive(Debug, Default)]
pub(crate) struct EarlyReactions(tokio::sync::Mutex<HashMap<String, (i64, Instant)>>);

/// How long a reaction waits for its message.
const EARLY_TTL: Duration = Duration::from_secs(60);
/// Messages with waiting reactions remembered at most.
const EARLY_MAX: usize = 10_000;

impl EarlyReactions {
    pub(crate) async fn lock(
        &self,
    ) -> tokio::sync::MutexGuard<'_, HashMap<String, (i64, Instant)>> {
        self.0.lock().await
    }

    /// Holds `delta` for `key` (in the locked map).
    pub(crate) fn hold(map: &mut HashMap<String, (i64, Instant)>, key: String, delta: i64) {
        let now = Instant::now();
        if map.len() >= EARLY_MAX {
            map.retain(|_, (_, at)| now.duration_since(*at) < EARLY_TTL);
        }
        if map.len() < EARLY_MAX {
            let entry = map.entry(key).or_insert((0, now));
            entry.0 += delta;
        }
    }

    /// Takes what is held for `key`, if it is recent.
    pub(crate) fn take(map: &mut HashMap<String, (i64, Instant)>, key: &str) -> i64 {
        map.remove(key)
            .filter(|(_, at)| at.elapsed() < EARLY_TTL)
            .map_or(0, |(delta, _)| delta)
    }
}

/// How long a channel is trusted not to be a tracked thread.
const UNTRACKED_TTL: Duration = Duration::from_secs(60);
/// Channels remembered at most.
const UNTRACKED_MAX: usize = 10_000;

impl Untracked {
    fn is_untracked(&self, key: &str) -> bool {
        let seen = self.seen.lock().expect("untracked threads poisoned");
        seen.get(key).is_some_and(|at| at.elapsed() < UNTRACKED_TTL)
    }

    fn note(&self, key: String) {
        let mut seen = self.seen.lock().expect("untracked threads poisoned");
        if seen.len() >= UNTRACKED_MAX {
            seen.clear();
        }
        seen.insert(key, Instant::now());
    }

    fn forget(&self, key: &str) {
        self.seen
            .lock()
            .expect("untracked threads poisoned")
            .remove(key);
    }
}

#[cfg(test)]
mod flows;
#[cfg(test)]
mod races;
