//! Row order: the physical order of ballots against the order people voted in.
//!
//! Whatever kumpul does, the ballots lie in *some* order, so lining them up with the
//! voters links a few by chance. An order attack therefore only succeeds when the order
//! is too close to the voting order to be chance. The statistic is the longest run of
//! ballots that keeps the voting order, forwards or backwards (the longest increasing or
//! decreasing subsequence): it survives a few voters moved (a changed vote rewritten at
//! the end, a retraction), where counting exact positions would not.
//!
//! The bound: if the ballots' order is independent of the voting order (a good build),
//! the m counted ballots are a uniformly random permutation of the m voters. For any L
//! positions and L voters, the permutations that put those voters on those positions in
//! voting order number (m−L)!, so by the union bound over the C(m,L)² choices
//!
//!   P(increasing run ≥ L) ≤ C(m,L)² (m−L)! / m! = C(m,L) / L!,
//!
//! and twice that for a run either way. An attack succeeds at the smallest L for which
//! 2·C(m,L)/L! ≤ [`CHANCE_PER_COMPARISON`] = 1e-8: L = 12 of 12 (4.2e-9), 14 of 16
//! (2.8e-9), 16 of 20 (4.6e-10); with fewer than 12 ballots it cannot succeed.
//! A test making at most [`MAX_COMPARISONS_PER_TEST`] comparisons therefore fails on a
//! good build with probability below 100 × 1e-8 = 1e-6.

use std::collections::BTreeSet;
use std::fmt;

use super::material::{Material, Order};
use super::scan::{Scanner, only};
use super::{Finding, Method};

/// Chance that one comparison succeeds on a good build, at most.
pub const CHANCE_PER_COMPARISON: f64 = 1e-8;
/// Comparisons a test may make in all, to stay below 1e-6 of failing by chance.
pub const MAX_COMPARISONS_PER_TEST: usize = 100;

/// One comparison of a ballot order with a voting order.
#[derive(Debug, Clone)]
pub struct OrderTest {
    pub what: String,
    /// Ballots compared (voters present in both orders).
    pub compared: usize,
    /// Positions where the ballot is the voter's (the better of forwards and backwards).
    pub matched: usize,
    /// Longest run of ballots in voting order, forwards or backwards.
    pub longest: usize,
    /// The run that would not be chance ([`needed`]); `None`: too few ballots.
    pub needed: Option<usize>,
}

impl OrderTest {
    pub fn succeeded(&self) -> bool {
        self.needed.is_some_and(|needed| self.longest >= needed)
    }
}

impl fmt::Display for OrderTest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let needed = self
            .needed
            .map_or_else(|| "too few to tell".to_owned(), |n| format!("needs {n}"));
        write!(
            f,
            "best order: {} — {} of {} in place, run {} ({needed})",
            self.what, self.matched, self.compared, self.longest
        )
    }
}

/// 2·C(m,l)/l!: the chance that m random ballots hold a run of l in voting order.
pub fn chance(m: usize, l: usize) -> f64 {
    let mut p = 2.0;
    for i in 0..l {
        // C(m,l)/l! = Π (m−i) / ((i+1)·(l−i))
        p *= (m - i) as f64 / (((i + 1) * (l - i)) as f64);
    }
    p
}

/// The shortest run that is not chance among `m` ballots.
pub fn needed(m: usize) -> Option<usize> {
    (1..=m).find(|l| chance(m, *l) <= CHANCE_PER_COMPARISON)
}

/// The longest increasing or decreasing subsequence of `seq`.
pub fn longest_run(seq: &[usize]) -> usize {
    let mut up = vec![1usize; seq.len()];
    let mut down = vec![1usize; seq.len()];
    for i in 0..seq.len() {
        for j in 0..i {
            if seq[j] < seq[i] {
                up[i] = up[i].max(up[j] + 1);
            }
            if seq[j] > seq[i] {
                down[i] = down[i].max(down[j] + 1);
            }
        }
    }
    up.into_iter().chain(down).max().unwrap_or(0)
}

/// The counted ballots of `order`, first appearance only: (owner, ballot).
fn counted(scan: &Scanner<'_>, order: &Order) -> Vec<(usize, usize)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for &chunk in &order.chunks {
        if let [ballot] = scan.finals_in(chunk)[..]
            && seen.insert(ballot)
        {
            out.push((scan.ballot_owner(ballot), ballot));
        }
    }
    out
}

/// The order with the most counted ballots.
fn ballot_order(scan: &Scanner<'_>, orders: &[Order]) -> Option<(String, Vec<(usize, usize)>)> {
    orders
        .iter()
        .map(|o| (o.what.clone(), counted(scan, o)))
        .filter(|(_, c)| !c.is_empty())
        .max_by_key(|(_, c)| c.len())
}

/// The voters of the table that names the most of them, in physical order: the
/// participants, as the attacker sees them.
fn participant_order(
    scan: &Scanner<'_>,
    orders: &[Order],
    not: &str,
) -> Option<(String, Vec<usize>)> {
    orders
        .iter()
        .filter(|o| o.what != not)
        .map(|o| {
            let mut voters = Vec::new();
            for &chunk in &o.chunks {
                if let Some(voter) = only(scan.voters_of(chunk))
                    && !voters.contains(&voter)
                {
                    voters.push(voter);
                }
            }
            (format!("participants ({})", o.what), voters)
        })
        .max_by_key(|(_, v)| v.len())
}

/// Lines `ballots` up with `voters` and measures how well they agree.
fn compare(
    what: String,
    ballots: &[(usize, usize)],
    voters: &[usize],
) -> (OrderTest, Vec<(usize, usize)>) {
    let voters: Vec<usize> = voters
        .iter()
        .copied()
        .filter(|v| ballots.iter().any(|(o, _)| o == v))
        .collect();
    let ballots: Vec<(usize, usize)> = ballots
        .iter()
        .copied()
        .filter(|(o, _)| voters.contains(o))
        .collect();
    let positions: Vec<usize> = ballots
        .iter()
        .map(|(owner, _)| voters.iter().position(|v| v == owner).expect("filtered"))
        .collect();
    let m = positions.len();
    let forwards = positions
        .iter()
        .enumerate()
        .filter(|(i, p)| *i == **p)
        .count();
    let backwards = positions
        .iter()
        .enumerate()
        .filter(|(i, p)| m - 1 - *i == **p)
        .count();
    // The attacker's guess: the i-th ballot is the i-th voter's (or the last's).
    let guess = ballots
        .iter()
        .enumerate()
        .map(|(i, (_, ballot))| {
            let voter = if forwards >= backwards { i } else { m - 1 - i };
            (voters[voter], *ballot)
        })
        .collect();
    let test = OrderTest {
        what,
        compared: m,
        matched: forwards.max(backwards),
        longest: longest_run(&positions),
        needed: needed(m),
    };
    (test, guess)
}

/// Row order: the ballots of the latest state, and of every version in order of first
/// appearance, against the voting orders (first votes, last votes, insertions) and the
/// participants' physical order.
pub fn orders(scan: &Scanner<'_>, material: &Material) -> Finding {
    let mut finding = Finding::new(Method::Order);
    let mut voter_orders: Vec<(String, Vec<usize>)> = scan
        .truth()
        .voting_orders()
        .into_iter()
        .map(|(what, order)| {
            let order = order.iter().filter_map(|v| scan.voter_index(v)).collect();
            (format!("voting order by {what}"), order)
        })
        .collect();
    let latest = ballot_order(scan, &material.latest_orders);
    if let Some((table, _)) = &latest {
        voter_orders.extend(participant_order(scan, &material.latest_orders, table));
    }
    let history = ballot_order(scan, &material.history_orders);
    let mut best: Option<(OrderTest, Vec<(usize, usize)>)> = None;
    for (kind, ballots) in [("latest state", latest), ("every version", history)] {
        let Some((table, ballots)) = ballots else {
            continue;
        };
        for (what, voters) in &voter_orders {
            let (test, guess) = compare(format!("{table}, {kind} vs {what}"), &ballots, voters);
            if best.as_ref().is_none_or(|(b, _)| test.longest > b.longest) {
                best = Some((test.clone(), guess));
            }
            finding.orders.push(test);
        }
    }
    if let Some((_, guess)) = best {
        for (voter, ballot) in guess {
            scan.claim(&mut finding, "position in the best order", voter, ballot);
        }
    }
    finding.orders.sort_by_key(|t| std::cmp::Reverse(t.longest));
    finding
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_needs_long_runs_and_holds_for_random_orders() {
        assert_eq!(needed(11), None);
        assert_eq!(needed(12), Some(12));
        assert_eq!(needed(16), Some(14));
        assert_eq!(needed(20), Some(16));
        assert!(chance(20, 16) <= CHANCE_PER_COMPARISON);
        assert!(chance(20, 15) > CHANCE_PER_COMPARISON);
        assert!(MAX_COMPARISONS_PER_TEST as f64 * CHANCE_PER_COMPARISON <= 1e-6);
        assert_eq!(longest_run(&[0, 1, 5, 2, 3, 4]), 5);
        assert_eq!(longest_run(&[3, 2, 1, 0]), 4);
        // 20,000 random orders of 20: none comes near (a run of 16 is ~1e-9 likely).
        let mut rng = fastrand::Rng::with_seed(7);
        let mut longest = 0;
        for _ in 0..20_000 {
            let mut p: Vec<usize> = (0..20).collect();
            rng.shuffle(&mut p);
            longest = longest.max(longest_run(&p));
        }
        assert!(longest < 16, "{longest}");
    }
}
