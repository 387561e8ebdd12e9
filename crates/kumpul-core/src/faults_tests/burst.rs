//! A burst of votes against a database that breaks in the middle of it, and the ledger that
//! proves the promise "nothing acknowledged is ever lost".
//!
//! Voters vote concurrently through the whole core ([`Chat`]), half on a public poll (one
//! autocommit upsert) and half on a secret poll (a transaction of two writes). Every reply
//! is either "saved" or the clear storage message — anything else (above all "Something went
//! wrong") fails the test. The fault is injected once some votes are saved and cleared once
//! some are refused; every vote started after the fault cleared must be saved. Then the
//! database is opened afresh (a restart) and every acknowledged vote must be in it, and no
//! refused one.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::features::polls::repo as polls;
use crate::reply::{Reply, Tone};
use crate::store::{Location, Store};
use crate::testing::Chat;

/// Phrases of the storage messages that say nothing was changed (full or read-only; the
/// file gone).
const REFUSED_PHRASES: &[&str] = &[
    "its database is full or read-only",
    "database file was removed or replaced",
];

/// The phrase of the storage message for a lost connection, after which a write may or may
/// not have been committed (and the message says so).
const UNCERTAIN_PHRASE: &str = "cannot reach its database";

/// Something that breaks the database and mends it again.
pub trait Fault {
    /// Breaks the database (runs while votes are being cast).
    async fn inject(&mut self);
    /// Mends it.
    async fn clear(&mut self);
}

/// How a vote went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Saved,
    /// The storage message: nothing was changed.
    Refused,
    /// The storage message for a lost connection: it cannot tell whether it was saved.
    Uncertain,
}

/// Reads a reply: "saved", or the storage message; anything else is the error returned.
pub fn outcome(reply: &Reply) -> Result<Outcome, String> {
    let text = reply.plain_text();
    if text.contains("Something went wrong") {
        return Err(format!(
            "a storage fault was shown as an internal error: {text}"
        ));
    }
    match reply.tone {
        Tone::Success if text.contains("is saved") => Ok(Outcome::Saved),
        Tone::Error if REFUSED_PHRASES.iter().any(|p| text.contains(p)) => Ok(Outcome::Refused),
        Tone::Error if text.contains(UNCERTAIN_PHRASE) => Ok(Outcome::Uncertain),
        _ => Err(format!("neither saved nor the storage message: {text}")),
    }
}

/// The two polls of a burst.
pub struct Polls {
    public: i64,
    secret: i64,
}

/// Creates the public poll #1 and the secret poll #2 the burst votes on.
pub async fn create_polls(chat: &Chat) -> Polls {
    for line in [
        "poll create Lunch? | soto | bakso",
        "poll create Treasurer? | Ana | Budi --voters secret",
    ] {
        let created = chat.say("alice", line).await;
        assert_ne!(created.tone, Tone::Error, "{}", created.plain_text());
    }
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    let space = chat.space.key();
    let mut ids = Vec::new();
    for number in [1, 2] {
        let poll = polls::fetch_poll_by_number(&mut conn, &space, number)
            .await
            .unwrap()
            .expect("the poll was just created");
        ids.push(poll.id);
    }
    let (public, secret) = (ids[0], ids[1]);
    Polls { public, secret }
}

/// What the burst saw.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Voters whose vote was answered "saved".
    pub saved: BTreeSet<String>,
    /// Voters who got the storage message saying nothing was changed.
    pub refused: BTreeSet<String>,
    /// Voters who got the storage message for a lost connection.
    pub uncertain: BTreeSet<String>,
    /// Votes started after the fault was cleared that were refused (must stay empty).
    pub refused_after_clear: Vec<String>,
    /// Replies that were neither (must stay empty).
    pub unexpected: Vec<String>,
    /// A phase that did not finish in time (must stay `None`).
    pub stalled: Option<&'static str>,
}

/// The shape of a burst.
pub struct Plan {
    /// Concurrent voters.
    pub workers: usize,
    /// Votes saved before the fault is injected.
    pub before: usize,
    /// Votes refused before the fault is cleared.
    pub refusals: usize,
    /// Most votes tried while the fault is on: if none is refused by then, the fault never
    /// reached kumpul and the test is wrong.
    pub max_during: usize,
    /// Votes saved after the fault is cleared.
    pub after: usize,
}

impl Default for Plan {
    fn default() -> Plan {
        Plan {
            workers: 6,
            before: 60,
            refusals: 30,
            max_during: 20_000,
            after: 60,
        }
    }
}

/// The name of the `i`-th voter.
fn voter(i: usize) -> String {
    format!("voter{i}")
}

/// Everything the voters share.
#[derive(Default)]
struct Shared {
    ledger: Mutex<Ledger>,
    /// The number of the next vote.
    next: AtomicUsize,
    stop: AtomicBool,
    /// Votes from this number on started after the fault was cleared.
    cleared_from: AtomicUsize,
}

impl Shared {
    /// Saved votes, and votes that were not saved.
    fn counts(&self) -> (usize, usize) {
        let l = self.ledger.lock().unwrap();
        (
            l.saved.len(),
            l.refused.len() + l.uncertain.len() + l.unexpected.len(),
        )
    }

    /// Waits until `done` holds; records a stall after `limit`.
    async fn wait(&self, what: &'static str, limit: Duration, done: impl Fn() -> bool) -> bool {
        let deadline = Instant::now() + limit;
        while !done() {
            if Instant::now() > deadline {
                self.ledger.lock().unwrap().stalled = Some(what);
                return false;
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        true
    }
}

async fn vote_until_stopped(chat: Chat, shared: Arc<Shared>) {
    while !shared.stop.load(Ordering::SeqCst) {
        let i = shared.next.fetch_add(1, Ordering::SeqCst);
        let after_clear = i >= shared.cleared_from.load(Ordering::SeqCst);
        let name = voter(i);
        let poll = if i.is_multiple_of(2) { 1 } else { 2 };
        let reply = chat
            .say(&name, &format!("poll vote {poll} {}", i % 2 + 1))
            .await;
        let mut ledger = shared.ledger.lock().unwrap();
        match outcome(&reply) {
            Err(unexpected) => ledger.unexpected.push(unexpected),
            Ok(Outcome::Saved) => {
                ledger.saved.insert(name);
            }
            Ok(refusal) => {
                if after_clear {
                    ledger.refused_after_clear.push(name.clone());
                }
                match refusal {
                    Outcome::Uncertain => ledger.uncertain.insert(name),
                    _ => ledger.refused.insert(name),
                };
            }
        }
    }
}

/// Votes as `plan` says while `fault` breaks and mends the database.
pub async fn run(chat: &Chat, plan: &Plan, fault: &mut impl Fault) -> Ledger {
    let shared = Arc::new(Shared {
        cleared_from: AtomicUsize::new(usize::MAX),
        ..Shared::default()
    });
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..plan.workers {
        let chat = Chat {
            bot: chat.bot.clone(),
            space: chat.space.clone(),
            now_ms: chat.now_ms,
        };
        workers.spawn(vote_until_stopped(chat, shared.clone()));
    }
    let minute = Duration::from_secs(60);
    let healthy = shared
        .wait("the first saved votes", minute, || {
            shared.counts().0 >= plan.before
        })
        .await;
    if healthy {
        fault.inject().await;
        let injected_at = shared.next.load(Ordering::SeqCst);
        let refused = shared
            .wait("refused votes", minute, || {
                let tried = shared.next.load(Ordering::SeqCst) - injected_at;
                tried > plan.max_during || shared.counts().1 >= plan.refusals
            })
            .await;
        fault.clear().await;
        if refused {
            let tried = shared.next.load(Ordering::SeqCst) - injected_at;
            assert!(
                shared.counts().1 > 0,
                "{tried} votes were tried and none refused: the fault never reached kumpul"
            );
            let saved_at_clear = shared.counts().0;
            shared
                .cleared_from
                .store(shared.next.load(Ordering::SeqCst), Ordering::SeqCst);
            shared
                .wait("saved votes after the fault cleared", minute / 2, || {
                    shared.counts().0 >= saved_at_clear + plan.after
                })
                .await;
        }
    }
    shared.stop.store(true, Ordering::SeqCst);
    while let Some(done) = workers.join_next().await {
        done.expect("a voter panicked");
    }
    Arc::try_unwrap(shared)
        .ok()
        .expect("every worker has finished")
        .ledger
        .into_inner()
        .unwrap()
}

/// Opens the database afresh and checks the ledger against it: every saved vote is there,
/// no refused one is, every reply was "saved" or the storage message, and nobody was
/// refused after the fault cleared. Reports every broken promise at once.
pub async fn verify(location: &Location, polls: &Polls, ledger: &Ledger) {
    let store = Store::open(location, 1)
        .await
        .expect("reopening the database");
    let mut conn = store.pool().acquire().await.unwrap();
    let mut stored: BTreeSet<String> = polls::list_ballot_voters(&mut conn, polls.public)
        .await
        .unwrap()
        .into_iter()
        .map(|(voter, _)| voter)
        .collect();
    stored.extend(
        polls::list_participants(&mut conn, polls.secret)
            .await
            .unwrap()
            .into_iter()
            .map(|(voter, _)| voter),
    );
    let secret_ballots = polls::list_ballots(&mut conn, polls.secret)
        .await
        .unwrap()
        .len();
    drop(conn);
    store.close().await;

    let key = |name: &String| crate::testing::user(name).key();
    let secret = |name: &&String| name["voter".len()..].parse::<usize>().unwrap() % 2 == 1;
    let lost: Vec<&String> = ledger
        .saved
        .iter()
        .filter(|n| !stored.contains(&key(n)))
        .collect();
    let kept: Vec<&String> = ledger
        .refused
        .iter()
        .filter(|n| stored.contains(&key(n)))
        .collect();
    let secret_saved = ledger.saved.iter().filter(secret).count();
    let mut problems = Vec::new();
    if let Some(phase) = ledger.stalled {
        problems.push(format!("the burst stalled waiting for {phase}"));
    }
    if !lost.is_empty() {
        problems.push(format!(
            "{} vote(s) answered \"saved\" are not in the database, e.g. {:?}",
            lost.len(),
            lost[0]
        ));
    }
    if !kept.is_empty() {
        problems.push(format!(
            "{} vote(s) refused with \"nothing was changed\" are in the database, e.g. {:?}",
            kept.len(),
            kept[0]
        ));
    }
    if secret_ballots
        != stored
            .iter()
            .filter(|k| secret(&&k["console:".len()..].to_owned()))
            .count()
    {
        problems.push("a secret ballot without its participation row, or the reverse".into());
    }
    if !ledger.unexpected.is_empty() {
        problems.push(format!(
            "{} reply(ies) neither \"saved\" nor the storage message, e.g. {}",
            ledger.unexpected.len(),
            ledger.unexpected[0]
        ));
    }
    if !ledger.refused_after_clear.is_empty() {
        problems.push(format!(
            "kumpul did not recover once the fault cleared: {} vote(s) refused after it",
            ledger.refused_after_clear.len()
        ));
    }
    let unknown_kept = ledger
        .uncertain
        .iter()
        .filter(|n| stored.contains(&key(n)))
        .count();
    let answered: BTreeSet<String> = (ledger.saved.iter())
        .chain(&ledger.refused)
        .chain(&ledger.uncertain)
        .map(key)
        .collect();
    let strays = stored.difference(&answered).count();
    if strays != 0 && ledger.unexpected.is_empty() {
        problems.push(format!(
            "{strays} ballot(s) in the database nobody was answered for"
        ));
    }
    eprintln!(
        "burst: {} saved ({secret_saved} secret), {} refused, {} uncertain ({unknown_kept} of \
         them committed), {} other replies, {} stored after a restart",
        ledger.saved.len(),
        ledger.refused.len(),
        ledger.uncertain.len(),
        ledger.unexpected.len(),
        stored.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
