use super::ranked::{Tie, draw};
use super::*;

/// A poll's lot (its id) for counts where no tie goes to the lot.
const LOT: u64 = 4_242;

fn ranking(order: &[usize]) -> Ballot {
    Ballot::Ranking(order.to_vec())
}

/// The Tennessee capital example (Wikipedia, "Instant-runoff voting"): Memphis leads
/// the first round, but Knoxville wins after Chattanooga and Nashville are eliminated.
#[test]
fn the_published_tennessee_example_elects_knoxville() {
    const MEMPHIS: usize = 0;
    const NASHVILLE: usize = 1;
    const CHATTANOOGA: usize = 2;
    const KNOXVILLE: usize = 3;
    let mut ballots = Vec::new();
    ballots.extend(std::iter::repeat_n(
        ranking(&[MEMPHIS, NASHVILLE, CHATTANOOGA, KNOXVILLE]),
        42,
    ));
    ballots.extend(std::iter::repeat_n(
        ranking(&[NASHVILLE, CHATTANOOGA, KNOXVILLE, MEMPHIS]),
        26,
    ));
    ballots.extend(std::iter::repeat_n(
        ranking(&[CHATTANOOGA, KNOXVILLE, NASHVILLE, MEMPHIS]),
        15,
    ));
    ballots.extend(std::iter::repeat_n(
        ranking(&[KNOXVILLE, CHATTANOOGA, NASHVILLE, MEMPHIS]),
        17,
    ));
    let result = instant_runoff(4, &ballots, LOT);
    assert_eq!(result.winner, Some(KNOXVILLE));
    assert_eq!(
        result.rounds[0].votes,
        [Some(42), Some(26), Some(15), Some(17)]
    );
    assert_eq!(result.rounds[0].eliminated, Some(CHATTANOOGA));
    assert_eq!(result.rounds[1].votes, [Some(42), Some(26), None, Some(32)]);
    assert_eq!(result.rounds[1].eliminated, Some(NASHVILLE));
    assert_eq!(result.rounds[2].votes, [Some(42), None, None, Some(58)]);
}

#[test]
fn exhausted_ballots_are_counted_per_round() {
    let ballots = [
        ranking(&[0]),
        ranking(&[0]),
        ranking(&[1]),
        ranking(&[2, 1]),
        ranking(&[2]),
    ];
    // Round 1: 2/1/2 → 1 eliminated (fewest, alone); its ballot is exhausted. Round 2:
    // 2/-/2, a tie for fewest that round 1 does not break (2 and 2): the lot decides.
    for lot in [1, 2, 3, 4] {
        let result = instant_runoff(3, &ballots, lot);
        assert_eq!(result.rounds[0].tie, None);
        assert_eq!(result.rounds[1].exhausted, 1);
        let out = if draw(lot, 0) < draw(lot, 2) { 0 } else { 2 };
        assert_eq!(result.rounds[1].eliminated, Some(out));
        let tie = Tie {
            tied: vec![0, 2],
            broken_by: TieBreak::Lot,
        };
        assert_eq!(result.rounds[1].tie, Some(tie));
        // Either way 3 ballots are left with nothing standing: 1's, and the loser's two.
        assert_eq!(result.rounds[2].exhausted, 3);
        assert_eq!(result.winner, Some(2 - out));
    }
}

#[test]
fn ties_for_fewest_are_broken_by_earlier_rounds_latest_first() {
    // Round 1: A 3, B 2, C 2, D 1 → D out (its ballot goes to C).
    // Round 2: A 3, B 2, C 3 → B has fewest alone.
    let ballots = [
        ranking(&[0]),
        ranking(&[0]),
        ranking(&[0]),
        ranking(&[1]),
        ranking(&[1]),
        ranking(&[2]),
        ranking(&[2]),
        ranking(&[3, 2]),
    ];
    let result = instant_runoff(4, &ballots, LOT);
    assert_eq!(result.rounds[0].eliminated, Some(3));
    assert_eq!(result.rounds[0].tie, None);
    assert_eq!(result.rounds[1].eliminated, Some(1));
    // Round 3: A 3, C 3 (+ 2 exhausted from B): a tie for fewest between A and C, equal in
    // round 2 (3 vs 3); in round 1 C had fewer (2 vs 3), so C is eliminated and A wins —
    // and the round says that round 1 decided.
    assert_eq!(result.rounds[2].votes, [Some(3), None, Some(3), None]);
    assert_eq!(result.rounds[2].eliminated, Some(2));
    assert_eq!(
        result.rounds[2].tie,
        Some(Tie {
            tied: vec![0, 2],
            broken_by: TieBreak::Round(1),
        })
    );
    assert_eq!(result.winner, Some(0));
}

/// Three voters, three different favourites: every round is a tie that no earlier round
/// separates. The old count eliminated the option listed last each time, so the option
/// listed first won with 1 of 3 ballots on every poll, and nothing said a tie decided.
#[test]
fn three_different_favourites_are_tied_in_every_round_and_the_lot_decides() {
    let ballots = [ranking(&[0]), ranking(&[1]), ranking(&[2])];
    let mut wins = [0u32; 3];
    for lot in 0..3_000u64 {
        let result = instant_runoff(3, &ballots, lot);
        // By hand: round 1 is 1 · 1 · 1 (no earlier round): the lowest draw goes. Round 2
        // is 1 · 1 with 1 exhausted, equal in round 1: the lower draw of the two goes. So
        // the option with the highest draw wins, with 1 of the 1 ballot still counting.
        let mut by_draw = [0, 1, 2];
        by_draw.sort_by_key(|&o| draw(lot, o));
        assert_eq!(result.rounds.len(), 3);
        assert_eq!(result.rounds[0].votes, [Some(1), Some(1), Some(1)]);
        assert_eq!(result.rounds[0].eliminated, Some(by_draw[0]));
        let first = result.rounds[0].tie.as_ref().expect("round 1 is a tie");
        assert_eq!(
            (first.tied.as_slice(), first.broken_by),
            (&[0, 1, 2][..], TieBreak::Lot)
        );
        assert_eq!(result.rounds[1].exhausted, 1);
        assert_eq!(result.rounds[1].eliminated, Some(by_draw[1]));
        let second = result.rounds[1].tie.as_ref().expect("round 2 is a tie");
        assert_eq!(second.broken_by, TieBreak::Lot);
        assert_eq!(result.rounds[2].exhausted, 2);
        assert_eq!(result.winner, Some(by_draw[2]));
        wins[by_draw[2]] += 1;
    }
    // Where an option is listed does not decide: each wins about a third of the draws.
    for (option, &won) in wins.iter().enumerate() {
        assert!(
            (850..=1150).contains(&won),
            "option {option} won {won} of 3000"
        );
    }
}

#[test]
fn a_perfect_tie_of_two_is_drawn_by_lot_the_same_way_at_every_count() {
    let ballots = [ranking(&[0]), ranking(&[1])];
    for lot in [7, 8, 9, 10] {
        let result = instant_runoff(2, &ballots, lot);
        let out = if draw(lot, 0) < draw(lot, 1) { 0 } else { 1 };
        assert_eq!(result.rounds[0].eliminated, Some(out));
        assert_eq!(result.winner, Some(1 - out));
        assert_eq!(
            instant_runoff(2, &ballots, lot),
            result,
            "the same draw every time"
        );
    }
}

#[test]
fn the_draw_is_a_fixed_function_of_the_lot_and_the_option() {
    // SplitMix64 (Vigna) at state lot + (option + 1) · 0x9E3779B97F4A7C15: option 0 of
    // lot 0 is the first value of the reference generator seeded with 0.
    assert_eq!(draw(0, 0), 0xE220_A839_7B1D_CDAF);
    assert_ne!(draw(1, 0), draw(1, 1));
    assert_ne!(draw(1, 0), draw(2, 0));
}

#[test]
fn no_ballots_means_no_winner() {
    assert_eq!(instant_runoff(3, &[], LOT).winner, None);
    assert_eq!(find_a_time(&[0, 1], &[]).best, None);
}

/// Bounded random ballots from a seeded generator, so failures can be replayed.
fn random_rankings(rng: &mut fastrand::Rng, options: usize, voters: usize) -> Vec<Ballot> {
    (0..voters)
        .map(|_| {
            let mut order: Vec<usize> = (0..options).collect();
            rng.shuffle(&mut order);
            order.truncate(rng.usize(0..=options));
            Ballot::Ranking(order)
        })
        .collect()
}

#[test]
fn property_ballots_are_conserved_in_every_round() {
    let mut rng = fastrand::Rng::with_seed(20261129);
    for _ in 0..300 {
        let options = rng.usize(1..8);
        let voters = rng.usize(0..60);
        let ballots = random_rankings(&mut rng, options, voters);
        let result = instant_runoff(options, &ballots, LOT);
        for round in &result.rounds {
            let counted: u64 = round.votes.iter().flatten().sum();
            assert_eq!(counted + round.exhausted, voters as u64, "{ballots:?}");
        }
        // Exhausted ballots never come back.
        for pair in result.rounds.windows(2) {
            assert!(pair[1].exhausted >= pair[0].exhausted);
        }
        if let Some(winner) = result.winner {
            let last = result.rounds.last().unwrap();
            assert!(last.votes[winner].is_some(), "the winner is still standing");
        }
    }
}

#[test]
fn property_tallies_are_deterministic() {
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..100 {
        let options = rng.usize(1..6);
        let voters = rng.usize(0..40);
        let ballots = random_rankings(&mut rng, options, voters);
        assert_eq!(
            instant_runoff(options, &ballots, LOT),
            instant_runoff(options, &ballots, LOT)
        );
        let mut shuffled = ballots.clone();
        rng.shuffle(&mut shuffled);
        assert_eq!(
            instant_runoff(options, &ballots, LOT).winner,
            instant_runoff(options, &shuffled, LOT).winner,
            "ballot order does not matter"
        );
    }
}

#[test]
fn choices_are_counted_per_option() {
    let ballots = [
        Ballot::Choices(vec![0, 2]),
        Ballot::Choices(vec![2]),
        Ballot::Choices(vec![]),
    ];
    assert_eq!(count_choices(3, &ballots), [1, 0, 2]);
}

#[test]
fn scores_give_a_mean_and_a_distribution() {
    let ballots = [
        Ballot::Scores(vec![5, 0]),
        Ballot::Scores(vec![3, 0]),
        Ballot::Scores(vec![4, 1]),
    ];
    let results = score(2, &ballots);
    assert_eq!(results[0].distribution, [0, 0, 0, 1, 1, 1]);
    assert_eq!(results[0].mean, Some(4.0));
    assert!((results[1].mean.unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(score(1, &[])[0].mean, None);
}

#[test]
fn consent_follows_its_rule_and_quorum() {
    use Consent::*;
    let votes = |list: &[Consent]| list.iter().map(|&c| Ballot::Consent(c)).collect::<Vec<_>>();
    let with_block = votes(&[Agree, Agree, Agree, Block]);
    assert_eq!(
        consent(&with_block, ConsentRule::Consent, None).outcome,
        ConsentOutcome::Blocked
    );
    assert_eq!(
        consent(&with_block, ConsentRule::NoBlock, None).outcome,
        ConsentOutcome::Blocked
    );
    assert_eq!(
        consent(&with_block, ConsentRule::Majority, None).outcome,
        ConsentOutcome::Passed
    );
    let split = votes(&[Agree, Disagree, Abstain]);
    assert_eq!(
        consent(&split, ConsentRule::Consent, None).outcome,
        ConsentOutcome::NotEnoughAgreement
    );
    assert_eq!(
        consent(&split, ConsentRule::NoBlock, None).outcome,
        ConsentOutcome::Passed
    );
    let agreed = votes(&[Agree, Agree, Disagree]);
    assert_eq!(
        consent(&agreed, ConsentRule::Consent, None).outcome,
        ConsentOutcome::Passed
    );
    assert_eq!(
        consent(&agreed, ConsentRule::Consent, Some(4)).outcome,
        ConsentOutcome::NoQuorum
    );
    assert_eq!(
        consent(&agreed, ConsentRule::Consent, None).counts,
        [2, 0, 1, 0]
    );
}

#[test]
fn the_best_time_has_most_yes_then_most_if_need_be_then_comes_first_in_time() {
    use Availability::*;
    let ballots = [
        Ballot::Availability(vec![Yes, IfNeedBe, Yes]),
        Ballot::Availability(vec![No, Yes, Yes]),
        Ballot::Availability(vec![Yes, Yes, IfNeedBe]),
    ];
    let result = find_a_time(&[100, 200, 300], &ballots);
    assert_eq!(result.answers[0], [2, 0, 1]);
    // Slots 1 and 2 both have 2 yes and 1 if-need-be; slot 1 starts first.
    assert_eq!(result.best, Some(1));
    assert_eq!(result.tied, [1, 2]);
    let nobody = find_a_time(&[100], &[Ballot::Availability(vec![No])]);
    assert_eq!(nobody.best, None);
    assert!(nobody.tied.is_empty());
}

/// Slots are listed as the creator typed them, not in time order: a tie goes to the slot
/// that starts first (the old tally gave it to the slot listed first).
#[test]
fn a_find_a_time_tie_goes_to_the_earliest_slot_not_the_first_listed() {
    use Availability::*;
    // Listed: Saturday, Friday, Sunday. Everyone can make Saturday and Friday, nobody
    // Sunday: 2 yes each for the first two, so Friday (listed second) wins the tie.
    let (saturday, friday, sunday) = (2 * 86_400_000, 86_400_000, 3 * 86_400_000);
    let ballots = [
        Ballot::Availability(vec![Yes, Yes, No]),
        Ballot::Availability(vec![Yes, Yes, No]),
    ];
    let result = find_a_time(&[saturday, friday, sunday], &ballots);
    assert_eq!(result.best, Some(1));
    assert_eq!(result.tied, [0, 1]);
    // Without a tie the best slot wins wherever it is.
    let clear = [Ballot::Availability(vec![Yes, IfNeedBe, No])];
    let result = find_a_time(&[saturday, friday, sunday], &clear);
    assert_eq!((result.best, result.tied.as_slice()), (Some(0), &[0][..]));
}

#[test]
fn leaders_are_every_option_with_the_highest_count() {
    assert_eq!(leaders(&[2, 3, 1]), [1]);
    assert_eq!(leaders(&[2, 2, 1]), [0, 1]);
    // Score totals: 5+4 = 9 and 4+5 = 9 tie; 3+3 = 6 does not.
    let scores = score(
        3,
        &[Ballot::Scores(vec![5, 4, 3]), Ballot::Scores(vec![4, 5, 3])],
    );
    let totals: Vec<u64> = scores.iter().map(|s| s.total).collect();
    assert_eq!(totals, [9, 9, 6]);
    assert_eq!(leaders(&totals), [0, 1]);
}

/// The count as it was before ballots were tallied one at a time: every ballot kept and
/// read again in each round. The streamed [`Tally`] must agree with it exactly.
mod before {
    use super::super::Ballot;

    pub fn count_round(options: usize, ballots: &[Ballot], standing: &[bool]) -> (Vec<u64>, u64) {
        let mut votes = vec![0u64; options];
        let mut exhausted = 0;
        for ballot in ballots {
            let Ballot::Ranking(ranking) = ballot else {
                continue;
            };
            match ranking.iter().find(|&&o| o < standing.len() && standing[o]) {
                Some(&o) => votes[o] += 1,
                None => exhausted += 1,
            }
        }
        (votes, exhausted)
    }
}

/// Random ballots of every kind, some out of range or of another kind, as stored rows
/// could hold after a poll's options changed.
fn random_ballot(rng: &mut fastrand::Rng, options: usize) -> Ballot {
    let pick = |rng: &mut fastrand::Rng| rng.usize(0..options + 2);
    match rng.usize(0..5) {
        0 => Ballot::Choices((0..rng.usize(0..4)).map(|_| pick(rng)).collect()),
        1 => Ballot::Scores(
            (0..rng.usize(0..options + 2))
                .map(|_| rng.u8(0..7))
                .collect(),
        ),
        2 => Ballot::Ranking((0..rng.usize(0..options + 2)).map(|_| pick(rng)).collect()),
        3 => Ballot::Consent(
            [
                Consent::Agree,
                Consent::Abstain,
                Consent::Disagree,
                Consent::Block,
            ][rng.usize(0..4)],
        ),
        _ => Ballot::Availability(
            (0..rng.usize(0..options + 2))
                .map(|_| {
                    [Availability::Yes, Availability::IfNeedBe, Availability::No][rng.usize(0..3)]
                })
                .collect(),
        ),
    }
}

#[test]
fn property_ballots_tallied_one_at_a_time_count_as_the_whole_list_did() {
    let mut rng = fastrand::Rng::with_seed(20261204);
    for _ in 0..200 {
        let options = rng.usize(1..7);
        let ballots: Vec<Ballot> = (0..rng.usize(0..300))
            .map(|_| random_ballot(&mut rng, options))
            .collect();
        let mut streamed = Tally::new(options);
        for ballot in &ballots {
            streamed.add(ballot);
        }
        // Every round of the streamed count matches the old per-ballot count.
        let result = streamed.instant_runoff(LOT);
        let mut standing = vec![true; options];
        for round in &result.rounds {
            let (votes, exhausted) = before::count_round(options, &ballots, &standing);
            let expected: Vec<Option<u64>> = (0..options)
                .map(|o| standing[o].then_some(votes[o]))
                .collect();
            assert_eq!(
                (&round.votes, round.exhausted),
                (&expected, exhausted),
                "{ballots:?}"
            );
            if let Some(out) = round.eliminated {
                standing[out] = false;
            }
        }
        // The other kinds, against counts written out here.
        let mut choices = vec![0u64; options];
        let mut consent = [0u64; 4];
        for ballot in &ballots {
            match ballot {
                Ballot::Choices(c) => c
                    .iter()
                    .filter(|&&o| o < options)
                    .for_each(|&o| choices[o] += 1),
                Ballot::Consent(v) => consent[*v as usize] += 1,
                _ => {}
            }
        }
        assert_eq!(streamed.choices(), &choices[..]);
        let rule = ConsentRule::Consent;
        assert_eq!(streamed.consent(rule, None).counts, consent);
        let voters: Vec<u64> = streamed
            .scores()
            .iter()
            .map(|s| s.distribution.iter().sum())
            .collect();
        let scored: Vec<u64> = (0..options)
            .map(|o| {
                ballots
                    .iter()
                    .filter(|b| matches!(b, Ballot::Scores(s) if s.len() > o))
                    .count() as u64
            })
            .collect();
        assert_eq!(voters, scored);
        let starts: Vec<i64> = (0..options as i64).rev().collect();
        let answered: Vec<u64> = streamed
            .find_a_time(&starts)
            .answers
            .iter()
            .map(|a| a.iter().sum())
            .collect();
        let available: Vec<u64> = (0..options)
            .map(|o| {
                ballots
                    .iter()
                    .filter(|b| matches!(b, Ballot::Availability(a) if a.len() > o))
                    .count() as u64
            })
            .collect();
        assert_eq!(answered, available);
    }
}

#[test]
fn identical_rankings_are_kept_once_whatever_their_number() {
    let ballots: Vec<Ballot> = (0..10_000)
        .map(|i| ranking(&[i % 3, (i + 1) % 3]))
        .collect();
    let tally = Tally::of(3, &ballots);
    assert_eq!(tally.rankings.len(), 3);
    assert_eq!(tally.instant_runoff(LOT), instant_runoff(3, &ballots, LOT));
}
