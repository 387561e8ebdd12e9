//! Counting ballots: pure functions, the same result every time for the same ballots.
//!
//! Ranked choice is instant-runoff. In each round every ballot counts for its highest
//! preference still standing; a candidate with more than half of the ballots still in play
//! wins. Otherwise the candidate with the fewest votes is eliminated. **Ties for fewest**
//! are broken by fewer votes in the previous round, then the round before that, and so
//! on back to the first round; if still tied, the candidate listed later in the poll is
//! eliminated. Ballots with no preference left are *exhausted* and counted per round.

use serde::{Deserialize, Serialize};

pub use super::model::ConsentRule;

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

/// Score results of one option.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreResult {
    /// How many voters gave each score 0..=5.
    pub distribution: [u64; 6],
    /// Mean score, or `None` with no ballots.
    pub mean: Option<f64>,
}

pub fn score(options: usize, ballots: &[Ballot]) -> Vec<ScoreResult> {
    let mut results = vec![
        ScoreResult {
            distribution: [0; 6],
            mean: None
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
        }
    }
    results
}

/// One round of an instant-runoff count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// Votes per option this round; `None` for options already eliminated.
    pub votes: Vec<Option<u64>>,
    /// Ballots with no remaining preference.
    pub exhausted: u64,
    /// The option eliminated at the end of this round, if any.
    pub eliminated: Option<usize>,
}

/// The full instant-runoff result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedResult {
    pub rounds: Vec<Round>,
    pub winner: Option<usize>,
}

pub fn instant_runoff(options: usize, ballots: &[Ballot]) -> RankedResult {
    let rankings: Vec<&[usize]> = ballots
        .iter()
        .filter_map(|b| match b {
            Ballot::Ranking(r) => Some(r.as_slice()),
            _ => None,
        })
        .collect();
    let mut standing = vec![true; options];
    let mut rounds: Vec<Round> = Vec::new();
    if rankings.is_empty() || options == 0 {
        return RankedResult {
            rounds,
            winner: None,
        };
    }
    loop {
        let mut votes = vec![0u64; options];
        let mut exhausted = 0;
        for ranking in &rankings {
            match ranking.iter().find(|&&o| o < options && standing[o]) {
                Some(&o) => votes[o] += 1,
                None => exhausted += 1,
            }
        }
        let active: u64 = votes.iter().sum();
        let remaining: Vec<usize> = (0..options).filter(|&o| standing[o]).collect();
        let mut round = Round {
            votes: (0..options)
                .map(|o| standing[o].then_some(votes[o]))
                .collect(),
            exhausted,
            eliminated: None,
        };
        if let Some(&leader) = remaining.iter().find(|&&o| votes[o] * 2 > active) {
            rounds.push(round);
            return RankedResult {
                rounds,
                winner: Some(leader),
            };
        }
        if remaining.len() == 1 {
            let winner = (active > 0).then_some(remaining[0]);
            rounds.push(round);
            return RankedResult { rounds, winner };
        }
        let loser = weakest(&remaining, &votes, &rounds);
        round.eliminated = Some(loser);
        standing[loser] = false;
        rounds.push(round);
    }
}

/// The option to eliminate: fewest votes now, then fewest in earlier rounds (latest
/// first), then the one listed last.
fn weakest(remaining: &[usize], votes: &[u64], earlier: &[Round]) -> usize {
    let fewest = remaining.iter().map(|&o| votes[o]).min().unwrap_or(0);
    let mut tied: Vec<usize> = remaining
        .iter()
        .copied()
        .filter(|&o| votes[o] == fewest)
        .collect();
    for round in earlier.iter().rev() {
        if tied.len() == 1 {
            break;
        }
        let count = |o: usize| round.votes[o].unwrap_or(0);
        let least = tied.iter().map(|&o| count(o)).min().unwrap_or(0);
        tied.retain(|&o| count(o) == least);
    }
    tied.into_iter().max().unwrap_or(0)
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
    /// Most yes, then most if-need-be, then the earliest listed; `None` if nobody can.
    pub best: Option<usize>,
}

pub fn find_a_time(slots: usize, ballots: &[Ballot]) -> TimeResult {
    let mut answers = vec![[0u64; 3]; slots];
    for ballot in ballots {
        if let Ballot::Availability(list) = ballot {
            for (slot, answer) in list.iter().enumerate().take(slots) {
                answers[slot][*answer as usize] += 1;
            }
        }
    }
    let best = (0..slots)
        .filter(|&s| answers[s][0] + answers[s][1] > 0)
        .max_by(|&a, &b| {
            (answers[a][0], answers[a][1])
                .cmp(&(answers[b][0], answers[b][1]))
                .then(b.cmp(&a))
        });
    TimeResult { answers, best }
}

#[cfg(test)]
mod tests;
