use super::*;

fn shape(kind: Kind, options: &[&str]) -> (Vec<String>, Kind) {
    (options.iter().map(|s| s.to_string()).collect(), kind)
}

fn read(kind: Kind, options: &[&str], text: &str) -> Result<(Ballot, Option<String>), Msg> {
    let (options, kind) = shape(kind, options);
    BallotShape {
        kind,
        options: &options,
        min: 1,
        max: 2,
    }
    .read(text)
}

fn input(kind: Kind, options: &[&str], input: BallotInput) -> Result<Ballot, Msg> {
    let (options, kind) = shape(kind, options);
    BallotShape {
        kind,
        options: &options,
        min: 1,
        max: 2,
    }
    .read_input(&input)
    .map(|(ballot, _)| ballot)
}

/// A button's option is the option, never its label read again as a number: on a poll
/// whose options are "2" and "1", the first button is "2".
#[test]
fn picks_are_checked_as_picks_not_re_read_as_text() {
    use BallotInput::{Consent as Vote, Picks};
    let numbers = ["2", "1"];
    assert_eq!(
        input(Kind::Single, &numbers, Picks(vec![0])).unwrap(),
        Ballot::Choices(vec![0])
    );
    assert_eq!(
        input(Kind::Single, &numbers, Picks(vec![0, 1]))
            .unwrap_err()
            .id,
        "poll-vote-format"
    );
    assert_eq!(
        input(Kind::Single, &numbers, Picks(vec![2]))
            .unwrap_err()
            .id,
        "poll-vote-range"
    );
    let three = ["a", "b", "c"];
    assert_eq!(
        input(Kind::Multiple, &three, Picks(vec![0, 1, 2]))
            .unwrap_err()
            .id,
        "poll-vote-count"
    );
    assert_eq!(
        input(Kind::Approval, &three, Picks(vec![1, 1]))
            .unwrap_err()
            .id,
        "poll-vote-repeated"
    );
    assert_eq!(
        input(Kind::Ranked, &three, Picks(vec![2, 0])).unwrap(),
        Ballot::Ranking(vec![2, 0])
    );
    assert!(input(Kind::Score, &three, Picks(vec![0])).is_err());
    assert_eq!(
        input(Kind::Consent, &[], Vote(crate::vocab::ConsentVote::Block)).unwrap(),
        Ballot::Consent(Consent::Block)
    );
    assert!(input(Kind::Single, &three, Vote(crate::vocab::ConsentVote::Agree)).is_err());
}

#[test]
fn kinds_round_trip_through_their_codes() {
    assert_codes_round_trip!(Kind);
}

#[test]
fn results_visibilities_round_trip_through_their_codes() {
    assert_codes_round_trip!(ResultsVisibility);
}

#[test]
fn voter_visibilities_round_trip_through_their_codes() {
    assert_codes_round_trip!(VoterVisibility);
}

#[test]
fn consent_rules_round_trip_through_their_codes() {
    assert_codes_round_trip!(ConsentRule);
}

#[test]
fn poll_statuses_round_trip_through_their_codes() {
    assert_codes_round_trip!(PollStatus);
}

#[test]
fn questions_and_options_are_split_and_checked() {
    let (q, o) = split_question("Where shall we eat? | pizza | sushi ", Kind::Single).unwrap();
    assert_eq!(
        (q.as_str(), o.as_slice()),
        (
            "Where shall we eat?",
            &["pizza".to_owned(), "sushi".to_owned()][..]
        )
    );
    assert_eq!(
        split_question("Eat? | pizza", Kind::Single).unwrap_err().id,
        "poll-option-count"
    );
    assert_eq!(
        split_question("Eat? | a | A", Kind::Single).unwrap_err().id,
        "poll-option-duplicate"
    );
    assert_eq!(
        split_question(" | a | b", Kind::Single).unwrap_err().id,
        "poll-question-length"
    );
    assert!(split_question("Adopt the new rota?", Kind::Consent).is_ok());
    assert_eq!(
        split_question("Adopt? | a", Kind::Consent).unwrap_err().id,
        "poll-consent-no-options"
    );
}

#[test]
fn ballots_are_read_for_each_kind() {
    let food = ["pizza", "sushi", "tacos"];
    assert_eq!(
        read(Kind::Single, &food, "2").unwrap().0,
        Ballot::Choices(vec![1])
    );
    assert_eq!(
        read(Kind::Single, &food, "Tacos").unwrap().0,
        Ballot::Choices(vec![2])
    );
    assert_eq!(
        read(Kind::Multiple, &food, "1, 3").unwrap().0,
        Ballot::Choices(vec![0, 2])
    );
    assert_eq!(
        read(Kind::Multiple, &food, "1 2 3").unwrap_err().id,
        "poll-vote-count"
    );
    assert_eq!(
        read(Kind::Approval, &food, "1 2 3").unwrap().0,
        Ballot::Choices(vec![0, 1, 2])
    );
    assert_eq!(
        read(Kind::Ranked, &food, "3 1").unwrap().0,
        Ballot::Ranking(vec![2, 0])
    );
    assert_eq!(
        read(Kind::Ranked, &food, "3 3").unwrap_err().id,
        "poll-vote-repeated"
    );
    assert_eq!(
        read(Kind::Ranked, &food, "4").unwrap_err().id,
        "poll-vote-range"
    );
    assert_eq!(
        read(Kind::Score, &food, "5 0 3").unwrap().0,
        Ballot::Scores(vec![5, 0, 3])
    );
    assert_eq!(
        read(Kind::Score, &food, "5 6 3").unwrap_err().id,
        "poll-vote-format"
    );
    assert_eq!(
        read(Kind::Score, &food, "5 3").unwrap_err().id,
        "poll-vote-format"
    );
    assert_eq!(
        read(Kind::Consent, &[], "block: we agreed on Fridays").unwrap(),
        (
            Ballot::Consent(Consent::Block),
            Some("we agreed on Fridays".into())
        )
    );
    assert_eq!(
        read(Kind::Consent, &[], "tidak setuju").unwrap().0,
        Ballot::Consent(Consent::Disagree)
    );
    assert_eq!(
        read(Kind::Consent, &[], "Agree").unwrap(),
        (Ballot::Consent(Consent::Agree), None)
    );
    assert_eq!(
        read(Kind::Consent, &[], "agreeable").unwrap_err().id,
        "poll-vote-format"
    );
    assert_eq!(
        read(Kind::Time, &["a", "b", "c"], "yes ? no").unwrap().0,
        Ballot::Availability(vec![
            Availability::Yes,
            Availability::IfNeedBe,
            Availability::No
        ])
    );
    assert_eq!(
        read(Kind::Time, &["a", "b"], "ya mungkin").unwrap().0,
        Ballot::Availability(vec![Availability::Yes, Availability::IfNeedBe])
    );
}

#[test]
fn ballot_ways_round_trip_through_their_codes() {
    assert_codes_round_trip!(Via);
}

#[test]
fn native_picks_are_read_as_picks_and_only_they_are_marked_native() {
    let three = ["a", "b", "c"];
    let native = BallotInput::Native(vec![1]);
    assert_eq!(
        input(Kind::Single, &three, native.clone()).unwrap(),
        Ballot::Choices(vec![1])
    );
    assert!(input(Kind::Single, &three, BallotInput::Native(vec![3])).is_err());
    assert_eq!(native.via(), Via::Native);
    assert_eq!(BallotInput::Picks(vec![1]).via(), Via::Kumpul);
    assert_eq!(BallotInput::Typed("2".into()).via(), Via::Kumpul);
}
