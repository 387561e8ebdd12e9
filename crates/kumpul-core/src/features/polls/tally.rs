//! Counting ballots: pure functions, the same result every time for the same ballots.
//!
//! Every kind states how it settles a tie, and the results say when that rule decided:
//! - single, multiple, approval and score: a tie for the top is reported as a tie, never
//!   broken (the group decides, e.g. with a second poll);
//! - ranked choice ([`ranked`]): ties for fewest votes are broken by earlier rounds, then by
//!   lot;
//! - find-a-time: most yes, then most "if need be", then the earliest slot (by its time,
//!   not by where it was listed).
//!
//! A [`Tally`] takes ballots one at a time, so results never need every ballot in memory:
//! a 50,000-ballot poll is counted while its rows are read. What it keeps does not grow
//! with the ballots, except for ranked polls, whose count needs every ranking again in
//! each round: it keeps each distinct ranking once, with how many ballots ranked so.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use super::model::ConsentRule;
#[cfg(test)]
pub use ranked::instant_runoff;
pub use ranked::{RankedResult, TieBreak};

pub mod ranked;

/// One person's answer, shaped by the poll's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ballot {
    /// Single, multiple and approval polls: the chosen options (0-based, distinct).
    Choices(Vec<usize>),
    /// Score polls: one score 0–5 per option, in option order.
    Scores(Vec<u8>),
    /// Ranked polls: options in order of preference (not necessarily all of them).
    Ranking(Vec<usize>),
    /// Consent proposals.
    Consent(Consent),
    /// Find-a-time polls: one answer per slot, in slot order.
    Availability(Vec<Availability>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consent {
    Agree,
    Abstain,
    Disagree,
    Block,
}

impl From<crate::vocab::ConsentVote> for Consent {
    fn from(vote: crate::vocab::ConsentVote) -> Consent {
        use crate::vocab::ConsentVote;
        match vote {
            ConsentVote::Agree => Consent::Agree,
            ConsentVote::Abstain => Consent::Abstain,
            ConsentVote::Disagree => Consent::Disagree,
            ConsentVote::Block => Consent::Block,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    Yes,
    IfNeedBe,
    No,
}

/// Every kind's counts over `options` options (or slots), gathered one ballot at a time.
/// Each count reads only the ballots of its kind, as the functions over slices below do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    options: usize,
    /// Votes per option (single, multiple, approval).
    choices: Vec<u64>,
    /// Per option, how many ballots gave each score 0..=5.
    scores: Vec<[u64; 6]>,
    /// Each distinct ranking (out-of-range options left out), with its ballots.
    rankings: HashMap<Box<[u16]>, u64>,
    /// Agree, abstain, disagree, block.
    consent: [u64; 4],
    /// Per slot: yes, if need be, no.
    availability: Vec<[u64; 3]>,
}

impl Tally {
    pub fn new(options: usize) -> Tally {
        Tally {
            options,
            choices: vec![0; options],
            scores: vec![[0; 6]; options],
            rankings: HashMap::new(),
            consent: [0; 4],
            availability: vec![[0; 3]; options],
        }
    }

    /// The tally of all of `ballots`.
    #[cfg(test)]
    pub fn of(options: usize, ballots: &[Ballot]) -> Tally {
        let mut tally = Tally::new(options);
        for ballot in ballots {
            tally.add(ballot);
        }
        tally
    }

    /// Counts one more ballot.
    pub fn add(&mut self, ballot: &Ballot) {
        match ballot {
            Ballot::Choices(choices) => {
                for &choice in choices {
                    if let Some(count) = self.choices.get_mut(choice) {
                        *count += 1;
                    }
                }
            }
            Ballot::Scores(scores) => {
                for (option, &score) in scores.iter().enumerate().take(self.options) {
                    self.scores[option][usize::from(score.min(5))] += 1;
                }
            }
            Ballot::Ranking(order) => {
                // Options past the last are never standing, so leaving them out changes
                // no round; what is left fits u16 (a poll has a few dozen options).
                let ranking: Box<[u16]> = order
                    .iter()
                    .filter(|&&o| o < self.options)
                    .filter_map(|&o| u16::try_from(o).ok())
                    .collect();
                *self.rankings.entry(ranking).or_insert(0) += 1;
            }
            Ballot::Consent(vote) => self.consent[*vote as usize] += 1,
            Ballot::Availability(answers) => {
                for (slot, answer) in answers.iter().enumerate().take(self.options) {
                    self.availability[slot][*answer as usize] += 1;
                }
            }
        }
    }

    /// Votes per option (single, multiple, approval).
    pub fn choices(&self) -> &[u64] {
        &self.choices
    }

    /// Score results per option.
    pub fn scores(&self) -> Vec<ScoreResult> {
        self.scores.iter().map(|&d| ScoreResult::of(d)).collect()
    }

    /// The instant-runoff count of the ranked ballots ([`ranked`]).
    pub fn instant_runoff(&self, lot: u64) -> RankedResult {
        let rankings: Vec<(&[u16], u64)> =
            self.rankings.iter().map(|(r, &n)| (&r[..], n)).collect();
        ranked::count(self.options, &rankings, lot)
    }

    /// The consent outcome of the consent ballots under `rule` and `quorum`.
    pub fn consent(&self, rule: ConsentRule, quorum: Option<u64>) -> ConsentResult {
        consent_of(self.consent, rule, quorum)
    }

    /// The find-a-time result over slots starting at `starts` (UTC ms, in listed order;
    /// as many as the tally's options).
    pub fn find_a_time(&self, starts: &[i64]) -> TimeResult {
        let mut answers = self.availability.clone();
        answers.resize(starts.len(), [0; 3]);
        best_time(starts, answers)
    }
}

/// Votes per option (single, multiple, approval), of a list of ballots (the tests' way).
#[cfg(test)]
pub fn count_choices(options: usize, ballots: &[Ballot]) -> Vec<u64> {
    Tally::of(options, ballots).choices
}

/// The options with the highest value, in listed order (for results with ballots). More
/// than one is a tie, which these kinds do not break.
pub fn leaders(values: &[u64]) -> Vec<usize> {
    let top = values.iter().copied().max().unwrap_or(0);
    (0..values.len()).filter(|&i| values[i] == top).collect()
}

/// Score results of one option.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreResult {
    /// How many voters gave each score 0..=5.
    pub distribution: [u64; 6],
    /// Mean score, or `None` with no ballots.
    pub mean: Option<f64>,
    /// Sum of the scores. Every ballot scores every option, so the highest total is the
    /// highest mean — compared exactly, as integers.
    pub total: u64,
}

impl ScoreResult {
    /// The results of one option from how many voters gave each score.
    fn of(distribution: [u64; 6]) -> ScoreResult {
        let voters: u64 = distribution.iter().sum();
        let total: u64 = (0..6u64).map(|s| s * distribution[s as usize]).sum();
        ScoreResult {
            distribution,
            mean: (voters > 0).then(|| total as f64 / voters as f64),
            total,
        }
    }
}

#[cfg(test)]
pub fn score(options: usize, ballots: &[Ballot]) -> Vec<ScoreResult> {
    Tally::of(options, ballots).scores()
}

/// Why a consent proposal did not pass (or that it did).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentOutcome {
    Passed,
    Blocked,
    NoQuorum,
    NotEnoughAgreement,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentResult {
    /// Agree, abstain, disagree, block.
    pub counts: [u64; 4],
    pub outcome: ConsentOutcome,
}

#[cfg(test)]
pub fn consent(ballots: &[Ballot], rule: ConsentRule, quorum: Option<u64>) -> ConsentResult {
    Tally::of(0, ballots).consent(rule, quorum)
}

fn consent_of(counts: [u64; 4], rule: ConsentRule, quorum: Option<u64>) -> ConsentResult {
    let [agree, _abstain, disagree, block] = counts;
    let participants: u64 = counts.iter().sum();
    let outcome = if quorum.is_some_and(|q| participants < q) {
        ConsentOutcome::NoQuorum
    } else {
        match rule {
            ConsentRule::Consent if block > 0 => ConsentOutcome::Blocked,
            ConsentRule::Consent if agree <= disagree => ConsentOutcome::NotEnoughAgreement,
            ConsentRule::NoBlock if block > 0 => ConsentOutcome::Blocked,
            ConsentRule::Majority if agree <= disagree + block => {
                ConsentOutcome::NotEnoughAgreement
            }
            _ => ConsentOutcome::Passed,
        }
    };
    ConsentResult { counts, outcome }
}

/// Answers per slot of a find-a-time poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeResult {
    /// Per slot: yes, if need be, no.
    pub answers: Vec<[u64; 3]>,
    /// Most yes, then most if-need-be, then the earliest slot in time; `None` if nobody
    /// can make any slot.
    pub best: Option<usize>,
    /// The slots with as many yes and if-need-be answers as the best one, the best among
    /// them, in listed order: more than one means the earliest slot won a tie.
    pub tied: Vec<usize>,
}

/// Tallies availability over slots starting at `starts` (UTC ms, in listed order).
#[cfg(test)]
pub fn find_a_time(starts: &[i64], ballots: &[Ballot]) -> TimeResult {
    Tally::of(starts.len(), ballots).find_a_time(starts)
}

/// The best slot from each slot's answers (as many as `starts`).
fn best_time(starts: &[i64], answers: Vec<[u64; 3]>) -> TimeResult {
    let slots = starts.len();
    let support = |s: usize| (answers[s][0], answers[s][1]);
    // Later in time (or, at the same time, listed later) ranks lower.
    let best = (0..slots)
        .filter(|&s| answers[s][0] + answers[s][1] > 0)
        .max_by(|&a, &b| {
            support(a)
                .cmp(&support(b))
                .then((starts[b], b).cmp(&(starts[a], a)))
        });
    let tied = match best {
        Some(best) => (0..slots)
            .filter(|&s| support(s) == support(best))
            .collect(),
        None => Vec::new(),
    };
    TimeResult {
        answers,
        best,
        tied,
    }
}

#[cfg(test)]
mod tests;
