//! Counting ballots: pure functions, the same result every time for the same ballots.
//!
//! Every kind states how it settles a tie, and the results say when that rule decided:
//! - single, multiple, approval and score: a tie for the top is reported as a tie, never
//!   broken (the group decides, e.g. with a second poll);
//! - ranked choice ([`ranked`]): ties for fewest votes are broken by earlier rounds, then by
//!   lot;
//! - find-a-time: most yes, then most "if need be", then the earliest slot (by its time,
//!   not by where it was listed).

use serde::{Deserialize, Serialize};

pub use super::model::ConsentRule;
pub use ranked::{TieBreak, instant_runoff};

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

/// Votes per option (single, multiple, approval).
pub fn count_choices(options: usize, ballots: &[Ballot]) -> Vec<u64> {
    let mut counts = vec![0; options];
    for ballot in ballots {
        if let Ballot::Choices(choices) = ballot {
            for &choice in choices {
                if let Some(count) = counts.get_mut(choice) {
                    *count += 1;
                }
            }
        }
    }
    counts
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

pub fn score(options: usize, ballots: &[Ballot]) -> Vec<ScoreResult> {
    let mut results = vec![
        ScoreResult {
            distribution: [0; 6],
            mean: None,
            total: 0,
        };
        options
    ];
    for ballot in ballots {
        if let Ballot::Scores(scores) = ballot {
            for (option, &score) in scores.iter().enumerate().take(options) {
                results[option].distribution[usize::from(score.min(5))] += 1;
            }
        }
    }
    for result in &mut results {
        let voters: u64 = result.distribution.iter().sum();
        if voters > 0 {
            let total: u64 = result
                .distribution
                .iter()
                .enumerate()
                .map(|(s, n)| s as u64 * n)
                .sum();
            result.mean = Some(total as f64 / voters as f64);
            result.total = total;
        }
    }
    results
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

pub fn consent(ballots: &[Ballot], rule: ConsentRule, quorum: Option<u64>) -> ConsentResult {
    let mut counts = [0u64; 4];
    for ballot in ballots {
        if let Ballot::Consent(vote) = ballot {
            counts[*vote as usize] += 1;
        }
    }
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
pub fn find_a_time(starts: &[i64], ballots: &[Ballot]) -> TimeResult {
    let slots = starts.len();
    let mut answers = vec![[0u64; 3]; slots];
    for ballot in ballots {
        if let Ballot::Availability(list) = ballot {
            for (slot, answer) in list.iter().enumerate().take(slots) {
                answers[slot][*answer as usize] += 1;
            }
        }
    }
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
