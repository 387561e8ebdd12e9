use super::*;

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
    let result = instant_runoff(4, &ballots);
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
    let result = instant_runoff(3, &ballots);
    // Round 1: 2/1/2 → 1 eliminated (fewest); its ballot is exhausted. Round 2: 2/-/2, a
    // tie for fewest that round 1 does not break (2 and 2), so the later-listed option 2
    // is eliminated, exhausting both of its ballots.
    assert_eq!(result.rounds[1].exhausted, 1);
    assert_eq!(result.rounds[1].eliminated, Some(2));
    assert_eq!(result.rounds[2].exhausted, 3);
    assert_eq!(result.winner, Some(0));
}

#[test]
fn ties_for_fewest_are_broken_by_earlier_rounds_then_position() {
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
    let result = instant_runoff(4, &ballots);
    assert_eq!(result.rounds[0].eliminated, Some(3));
    assert_eq!(result.rounds[1].eliminated, Some(1));
    // Round 3: A 3, C 3 (+ 2 exhausted from B): a tie for fewest between A and C with
    // identical history back to round 2 (3 vs 3) and round 1 (3 vs 2): C had fewer in
    // round 1, so C is eliminated and A wins.
    assert_eq!(result.rounds[2].eliminated, Some(2));
    assert_eq!(result.winner, Some(0));
}

#[test]
fn a_perfect_tie_eliminates_the_option_listed_last() {
    let result = instant_runoff(2, &[ranking(&[0]), ranking(&[1])]);
    assert_eq!(result.rounds[0].eliminated, Some(1));
    assert_eq!(result.winner, Some(0));
}

#[test]
fn no_ballots_means_no_winner() {
    assert_eq!(instant_runoff(3, &[]).winner, None);
    assert_eq!(find_a_time(2, &[]).best, None);
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
        let result = instant_runoff(options, &ballots);
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
            instant_runoff(options, &ballots),
            instant_runoff(options, &ballots)
        );
        let mut shuffled = ballots.clone();
        rng.shuffle(&mut shuffled);
        assert_eq!(
            instant_runoff(options, &ballots).winner,
            instant_runoff(options, &shuffled).winner,
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
fn the_best_time_has_most_yes_then_most_if_need_be_then_comes_first() {
    use Availability::*;
    let ballots = [
        Ballot::Availability(vec![Yes, IfNeedBe, Yes]),
        Ballot::Availability(vec![No, Yes, Yes]),
        Ballot::Availability(vec![Yes, Yes, IfNeedBe]),
    ];
    let result = find_a_time(3, &ballots);
    assert_eq!(result.answers[0], [2, 0, 1]);
    // Slots 1 and 2 both have 2 yes and 1 if-need-be; slot 1 is listed first.
    assert_eq!(result.best, Some(1));
    let nobody = find_a_time(1, &[Ballot::Availability(vec![No])]);
    assert_eq!(nobody.best, None);
}
