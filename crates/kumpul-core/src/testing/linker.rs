//! The attacker's linker for secret ballots.
//!
//! kumpul promises that once a secret poll has closed, nothing it keeps — the SQLite
//! database with its `-wal` and `-shm` files, PostgreSQL's tables with their dead row
//! versions and its write-ahead log, key files — lets anyone, whoever runs kumpul
//! included, tell whose ballot is whose. This module tries to break that promise. Given
//! the ground truth ([`Truth`]: who cast which ballot, when) and a copy of the storage
//! ([`SqliteCopy`], [`PostgresCopy`]), it tries every join it can think of and reports,
//! per [`Method`], how many voters it linked to a ballot they cast, and how many to
//! someone else's:
//!
//! - [`Method::Key`]: anything that could be a key (64 hex digits, or 32 raw bytes in a
//!   key file) is used to recompute every voter's ballot reference (HMAC-SHA256), and to
//!   open sealed ballots; a reference found next to a readable ballot is a link.
//! - [`Method::Transaction`]: what one commit wrote. SQLite: the database is rebuilt after
//!   every commit in the WAL and consecutive states are compared. PostgreSQL: row versions
//!   grouped by `xmin` (live and dead, through pageinspect), and WAL records grouped by
//!   transaction (pg_walinspect for where records are, the segment files for their bytes).
//!   A commit that wrote one voter's participation and one readable ballot links them; so
//!   does a row holding both, and a ballot reference written with the voter and found
//!   again later on a readable ballot.
//! - [`Method::Order`]: the physical order of ballots (rowid, ctid) against the voting
//!   order (known to the attacker from the chat, or from the order of participant rows).
//! - [`Method::Timestamp`]: a time on a ballot row within a second of one voter's time
//!   (on another row, or when they were seen voting).
//!
//! The evidence methods (key, transaction, timestamp) must link nobody on a good build.
//! Orders link some voters by chance, so an order attack only *succeeds* when the order
//! is too close to the voting order to be chance; see [`order`] for the bound.
//!
//! Ballots are recognised by their exact stored text (the choices JSON, plain or escaped
//! once inside other JSON), so a test must make every ballot cast distinct ([`Truth`]
//! checks). Voter keys are recognised as text too (`console:ana`). Sealed ballots are
//! opened through `open_sealed` in this file, the one place that knows kumpul's sealing.
//!
//! What it does not read: WAL segments PostgreSQL has already recycled (renamed for
//! reuse, their old bytes still inside), compressed full-page images and lz4-compressed
//! values, SQLite WAL frames of an earlier WAL generation (searched as raw bytes only),
//! and anything outside the files it is given (swap, file-system snapshots, backups).

mod bytes;
mod material;
mod methods;
pub mod order;
mod pgwal;
mod postgres;
mod report;
mod scan;
mod sqlite;
mod toast;

use std::collections::{BTreeMap, BTreeSet};

pub use postgres::{PostgresCopy, wal_position};
pub use report::{Finding, Method, Report, VOTERS_MIN, WEAK_BUILD, assert_verdict};
pub use sqlite::SqliteCopy;

/// Who cast which ballot, in the order they did.
#[derive(Debug, Clone, Default)]
pub struct Truth {
    events: Vec<Event>,
}

#[derive(Debug, Clone)]
enum Event {
    Vote {
        voter: String,
        ballot: String,
        at_ms: i64,
    },
    Retract {
        voter: String,
        at_ms: i64,
    },
}

impl Truth {
    pub fn new() -> Truth {
        Truth::default()
    }

    /// `voter` (a key such as `console:ana`) cast `ballot` (the choices as stored, e.g.
    /// `{"ranking":[2,0,1,3,4]}`) at `at_ms`, replacing any earlier ballot of theirs.
    ///
    /// Panics if `ballot` was cast before by anyone: the linker tells ballots apart by
    /// their text.
    pub fn vote(&mut self, voter: &str, ballot: &str, at_ms: i64) {
        assert!(
            self.owner(ballot).is_none(),
            "every ballot cast in a privacy test must be distinct ({ballot} was cast twice)"
        );
        self.events.push(Event::Vote {
            voter: voter.to_owned(),
            ballot: ballot.to_owned(),
            at_ms,
        });
    }

    /// `voter` took their ballot back at `at_ms`.
    pub fn retract(&mut self, voter: &str, at_ms: i64) {
        self.events.push(Event::Retract {
            voter: voter.to_owned(),
            at_ms,
        });
    }

    /// Every voter's ballot as counted: their last, unless they took it back.
    pub fn finals(&self) -> BTreeMap<String, String> {
        let mut finals = BTreeMap::new();
        for event in &self.events {
            match event {
                Event::Vote { voter, ballot, .. } => {
                    finals.insert(voter.clone(), ballot.clone());
                }
                Event::Retract { voter, .. } => {
                    finals.remove(voter);
                }
            }
        }
        finals
    }

    /// Whoever cast `ballot`.
    fn owner(&self, ballot: &str) -> Option<&str> {
        self.events.iter().find_map(|e| match e {
            Event::Vote {
                voter, ballot: b, ..
            } if b == ballot => Some(voter.as_str()),
            _ => None,
        })
    }

    /// Every ballot ever cast, with who cast it.
    fn cast(&self) -> Vec<(String, String)> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Vote { voter, ballot, .. } => Some((ballot.clone(), voter.clone())),
                Event::Retract { .. } => None,
            })
            .collect()
    }

    /// Every voter who acted, counted or not.
    fn everyone(&self) -> BTreeSet<String> {
        self.events
            .iter()
            .map(|e| match e {
                Event::Vote { voter, .. } | Event::Retract { voter, .. } => voter.clone(),
            })
            .collect()
    }

    /// When `voter` was seen voting or taking a vote back.
    fn times(&self, voter: &str) -> Vec<i64> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Vote {
                    voter: v, at_ms, ..
                }
                | Event::Retract { voter: v, at_ms }
                    if v == voter =>
                {
                    Some(*at_ms)
                }
                _ => None,
            })
            .collect()
    }

    /// The orders an attacker watching the chat would know, of the voters counted: by
    /// first vote, by last vote, and by the first vote since their last retraction (the
    /// order rows are inserted in).
    fn voting_orders(&self) -> Vec<(&'static str, Vec<String>)> {
        let finals = self.finals();
        let mut first = Vec::new();
        let mut last: Vec<String> = Vec::new();
        let mut inserted: Vec<String> = Vec::new();
        for event in &self.events {
            match event {
                Event::Vote { voter, .. } => {
                    if !first.contains(voter) {
                        first.push(voter.clone());
                    }
                    last.retain(|v| v != voter);
                    last.push(voter.clone());
                    if !inserted.contains(voter) {
                        inserted.push(voter.clone());
                    }
                }
                Event::Retract { voter, .. } => inserted.retain(|v| v != voter),
            }
        }
        [
            ("first votes", first),
            ("last votes", last),
            ("insertions", inserted),
        ]
        .into_iter()
        .map(|(what, order)| {
            let counted = order.into_iter().filter(|v| finals.contains_key(v));
            (what, counted.collect())
        })
        .collect()
    }
}

/// Opens a sealed ballot with a key the linker found; the choices if it opens.
///
/// The one place the linker depends on how kumpul seals ballots: a change to
/// [`secret::open`](crate::features::polls::secret::open) belongs here.
fn open_sealed(key: &[u8], poll_id: i64, voter_ref: &str, sealed: &str) -> Option<String> {
    use crate::features::polls::secret;
    let key: [u8; 32] = key.try_into().ok()?;
    secret::open(&secret::Key::from_bytes(key), poll_id, voter_ref, sealed)
        .ok()
        .map(|content| content.choices)
}

/// Runs every method on what was taken from one copy.
fn analyse(label: &str, truth: &Truth, material: &material::Material) -> Report {
    let scan = scan::Scanner::new(truth, material);
    let findings = vec![
        methods::keys(&scan, material),
        methods::transactions(&scan, material),
        order::orders(&scan, material),
        methods::timestamps(&scan, material),
    ];
    let mut present: Vec<String> = material
        .latest()
        .flat_map(|c| scan.finals_in(c))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|b| scan.ballot_text(b).to_owned())
        .collect();
    present.sort();
    let mut notes = material.notes.clone();
    notes.extend(scan.notes());
    Report {
        label: label.to_owned(),
        voters: truth.finals().len(),
        findings,
        present,
        notes,
    }
}
