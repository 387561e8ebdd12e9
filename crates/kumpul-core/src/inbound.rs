//! What kumpul remembers about platform events that arrive out of order or too often.
//!
//! Platforms deliver every message and reaction of a server, in any order; the threads
//! feature wants only those of tracked threads. This per-process state spares the database
//! a lookup per message and keeps a reaction that came before its message. It knows no
//! feature, so the bot can hold it without the layers running back up.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::cache::TtlCache;

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
#[derive(Debug)]
pub(crate) struct Untracked {
    seen: TtlCache<()>,
    pub(crate) early: EarlyReactions,
}

impl Default for Untracked {
    fn default() -> Self {
        Untracked {
            seen: TtlCache::new(UNTRACKED_TTL, UNTRACKED_MAX),
            early: EarlyReactions::default(),
        }
    }
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
    pub(crate) fn is_untracked(&self, key: &str) -> bool {
        self.seen.get(key).is_some()
    }

    pub(crate) fn note(&self, key: String) {
        self.seen.insert(key, ());
    }

    pub(crate) fn forget(&self, key: &str) {
        self.seen.remove(key);
    }
}
