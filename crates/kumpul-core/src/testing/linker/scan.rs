//! Finds voters and ballots in bytes, and scores what a method claims against the truth.

use std::cell::RefCell;
use std::collections::BTreeSet;

use super::bytes::{contains, holds_key};
use super::material::Material;
use super::{Finding, Truth};

/// Finds voters and ballots in bytes, and keeps what it found per chunk.
pub struct Scanner<'a> {
    voters: Vec<String>,
    /// Every ballot cast: its text, the bytes it is stored as, its owner, whether counted.
    ballots: Vec<(String, Vec<Vec<u8>>, usize, bool)>,
    chunk_voters: Vec<BTreeSet<usize>>,
    chunk_ballots: Vec<BTreeSet<usize>>,
    truth: &'a Truth,
    notes: RefCell<Vec<String>>,
}

impl<'a> Scanner<'a> {
    pub fn new(truth: &'a Truth, material: &Material) -> Scanner<'a> {
        let voters: Vec<String> = truth.everyone().into_iter().collect();
        let finals = truth.finals();
        let ballots = truth
            .cast()
            .into_iter()
            .map(|(ballot, voter)| {
                // Plain, and escaped once as a string inside other JSON.
                let escaped = serde_json::to_string(&ballot).expect("a string encodes");
                let escaped = escaped.as_bytes()[1..escaped.len() - 1].to_vec();
                let mut forms = vec![ballot.as_bytes().to_vec()];
                if escaped != forms[0] {
                    forms.push(escaped);
                }
                let owner = voters.iter().position(|v| *v == voter).expect("a voter");
                let counted = finals.get(&voter) == Some(&ballot);
                (ballot, forms, owner, counted)
            })
            .collect::<Vec<_>>();
        let mut scan = Scanner {
            voters,
            ballots,
            chunk_voters: Vec::new(),
            chunk_ballots: Vec::new(),
            truth,
            notes: RefCell::new(Vec::new()),
        };
        for chunk in &material.chunks {
            scan.chunk_voters.push(scan.voters_in(&chunk.bytes));
            scan.chunk_ballots.push(scan.ballots_in(&chunk.bytes));
        }
        scan
    }

    pub fn voter_count(&self) -> usize {
        self.voters.len()
    }

    /// The bytes `ballot` may be stored as.
    pub fn forms(&self, ballot: usize) -> &[Vec<u8>] {
        &self.ballots[ballot].1
    }

    pub fn voters_in(&self, bytes: &[u8]) -> BTreeSet<usize> {
        (0..self.voters.len())
            .filter(|v| holds_key(bytes, self.voters[*v].as_bytes()))
            .collect()
    }

    pub fn ballots_in(&self, bytes: &[u8]) -> BTreeSet<usize> {
        (0..self.ballots.len())
            .filter(|b| self.ballots[*b].1.iter().any(|form| contains(bytes, form)))
            .collect()
    }

    pub fn voters_of(&self, chunk: usize) -> &BTreeSet<usize> {
        &self.chunk_voters[chunk]
    }

    pub fn ballots_of(&self, chunk: usize) -> &BTreeSet<usize> {
        &self.chunk_ballots[chunk]
    }

    /// The counted ballots readable in `chunk`.
    pub fn finals_in(&self, chunk: usize) -> Vec<usize> {
        self.chunk_ballots[chunk]
            .iter()
            .copied()
            .filter(|b| self.ballots[*b].3)
            .collect()
    }

    pub fn ballot_text(&self, ballot: usize) -> &str {
        &self.ballots[ballot].0
    }

    pub fn ballot_owner(&self, ballot: usize) -> usize {
        self.ballots[ballot].2
    }

    pub fn ballot_by_text(&self, text: &str) -> Option<usize> {
        self.ballots.iter().position(|b| b.0 == text)
    }

    pub fn voter(&self, voter: usize) -> &str {
        &self.voters[voter]
    }

    pub fn voter_index(&self, key: &str) -> Option<usize> {
        self.voters.iter().position(|v| v == key)
    }

    pub fn truth(&self) -> &Truth {
        self.truth
    }

    pub fn note(&self, note: String) {
        self.notes.borrow_mut().push(note);
    }

    pub fn notes(&self) -> Vec<String> {
        self.notes.borrow().clone()
    }

    /// Records that `source` links `voter` to `ballot`: right if they cast it.
    pub fn claim(&self, finding: &mut Finding, source: &str, voter: usize, ballot: usize) {
        let name = self.voters[voter].clone();
        if self.ballot_owner(ballot) == voter {
            finding.linked.insert(name.clone());
            finding
                .by_source
                .entry(source.to_owned())
                .or_default()
                .insert(name);
        } else {
            finding.wrong.insert(name);
        }
    }
}

/// The one member of `set`, if it has exactly one.
pub fn only(set: &BTreeSet<usize>) -> Option<usize> {
    match set.len() {
        1 => set.first().copied(),
        _ => None,
    }
}
