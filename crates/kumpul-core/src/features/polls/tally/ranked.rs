//! Ranked choice, counted by instant-runoff.
//!
//! In each round every ballot counts for its highest preference still standing; an option
//! with more than half of the ballots still in play wins. Otherwise the option with the
//! fewest votes is eliminated. **A tie for fewest** is broken backwards, as Australian
//! federal counts do: of the tied options, the one with fewer votes in the previous round
//! is eliminated, else the round before that, back to round 1. Options tied in every round
//! are separated **by lot**: a draw fixed by the poll's random id, chosen when the poll
//! was created — before any vote, and by nobody — so every count of the same ballots draws
//! the same way. Where an option was listed never decides. Ballots with no preference left
//! are *exhausted* and counted per round. A round whose elimination a tie decided records
//! the tie and how it was broken, so the results can say so.

#[cfg(test)]
use super::Ballot;

/// One round of an instant-runoff count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// Votes per option this round; `None` for options already eliminated.
    pub votes: Vec<Option<u64>>,
    /// Ballots with no remaining preference.
    pub exhausted: u64,
    /// The option eliminated at the end of this round, if any.
    pub eliminated: Option<usize>,
    /// Set when several options had the fewest votes: which, and what decided.
    pub tie: Option<Tie>,
}

/// Options tied for fewest votes in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tie {
    /// The tied options, in listed order.
    pub tied: Vec<usize>,
    pub broken_by: TieBreak,
}

/// What decided which of the tied options was eliminated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak {
    /// Fewer votes in this earlier round (numbered from 1).
    Round(usize),
    /// Tied in every earlier round too: the poll's lot.
    Lot,
}

/// The full instant-runoff result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedResult {
    pub rounds: Vec<Round>,
    pub winner: Option<usize>,
}

/// Counts `ballots` over `options` options; `lot` seeds the draw that separates options
/// tied in every round (the poll's id). Of a list of ballots: the tests' way.
#[cfg(test)]
pub fn instant_runoff(options: usize, ballots: &[Ballot], lot: u64) -> RankedResult {
    super::Tally::of(options, ballots).instant_runoff(lot)
}

/// Instant-runoff over distinct rankings, each with how many ballots ranked exactly so
/// (options of the count only, in order of preference): ballots that agree are counted
/// once per round, whatever their number.
pub(super) fn count(options: usize, rankings: &[(&[u16], u64)], lot: u64) -> RankedResult {
    let mut standing = vec![true; options];
    let mut rounds: Vec<Round> = Vec::new();
    if rankings.iter().all(|&(_, n)| n == 0) || options == 0 {
        return RankedResult {
            rounds,
            winner: None,
        };
    }
    // Each round eliminates one option, so there are at most `options` rounds.
    for _ in 0..options {
        let (votes, exhausted) = count_round(rankings, &standing);
        let active: u64 = votes.iter().sum();
        let remaining: Vec<usize> = (0..options).filter(|&o| standing[o]).collect();
        let mut round = Round {
            votes: (0..options)
                .map(|o| standing[o].then_some(votes[o]))
                .collect(),
            exhausted,
            eliminated: None,
            tie: None,
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
        let (loser, tie) = weakest(&remaining, &votes, &rounds, lot);
        round.eliminated = Some(loser);
        round.tie = tie;
        standing[loser] = false;
        rounds.push(round);
    }
    // Not reached: after `options - 1` eliminations one option is left and the loop returns.
    RankedResult {
        rounds,
        winner: None,
    }
}

/// Votes per option for the highest preference still standing, and the exhausted ballots.
fn count_round(rankings: &[(&[u16], u64)], standing: &[bool]) -> (Vec<u64>, u64) {
    let mut votes = vec![0u64; standing.len()];
    let mut exhausted = 0;
    for &(ranking, ballots) in rankings {
        match ranking.iter().find(|&&o| standing[usize::from(o)]) {
            Some(&o) => votes[usize::from(o)] += ballots,
            None => exhausted += ballots,
        }
    }
    (votes, exhausted)
}

/// The option to eliminate: fewest votes now, then fewest in earlier rounds (the latest
/// first), then the lowest draw of the lot; with the tie, if there was one.
fn weakest(
    remaining: &[usize],
    votes: &[u64],
    earlier: &[Round],
    lot: u64,
) -> (usize, Option<Tie>) {
    let fewest = remaining.iter().map(|&o| votes[o]).min().unwrap_or(0);
    let tied: Vec<usize> = remaining
        .iter()
        .copied()
        .filter(|&o| votes[o] == fewest)
        .collect();
    if let [only] = tied[..] {
        return (only, None);
    }
    let mut left = tied.clone();
    for (n, round) in earlier.iter().enumerate().rev() {
        let count = |o: usize| round.votes[o].unwrap_or(0);
        let least = left.iter().map(|&o| count(o)).min().unwrap_or(0);
        left.retain(|&o| count(o) == least);
        if let [only] = left[..] {
            let broken_by = TieBreak::Round(n + 1);
            return (only, Some(Tie { tied, broken_by }));
        }
    }
    let loser = left
        .into_iter()
        .min_by_key(|&o| draw(lot, o))
        .unwrap_or(tied[0]);
    let broken_by = TieBreak::Lot;
    (loser, Some(Tie { tied, broken_by }))
}

/// The lot's number for `option` (the lowest is eliminated): SplitMix64 of the seed and
/// the option, a fixed function, so a poll's draw never changes with a kumpul upgrade.
pub fn draw(lot: u64, option: usize) -> u64 {
    let mut z = lot.wrapping_add((option as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
