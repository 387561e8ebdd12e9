//! Example ballots: what kumpul shows people to type on a poll (`poll vote 3 1 2`,
//! `polling pilih 3 setuju`), on the card, its buttons' fallbacks, the ballot form and the
//! errors. Answer words come from the bundles (`sample-ballot-…`), so an Indonesian reader
//! is shown `ya mungkin tidak` — words the ballot reader takes in either language.

use super::model::Kind;
use super::repo::Poll;
use super::tally::Availability;
use crate::catalogue::Typed;
use crate::i18n::Msg;
use crate::vocab::ConsentVote;

/// What an example ballot must fit to be accepted as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub kind: Kind,
    /// How many options (or slots) the poll has.
    pub options: usize,
    /// How few and how many options a multiple-choice ballot picks.
    pub min: usize,
    pub max: usize,
}

impl Shape {
    pub fn of(poll: &Poll) -> Shape {
        Shape {
            kind: poll.kind,
            options: poll.options.len(),
            min: usize::try_from(poll.min_choices).unwrap_or(1),
            max: usize::try_from(poll.max_choices).unwrap_or(1),
        }
    }
}

/// `poll vote <number>` followed by an example ballot.
pub fn vote(number: i64, shape: Shape) -> Typed {
    with_ballot(voting(number), shape)
}

/// An example ballot on its own, as written in the ballot form (`5 4 3`, `setuju`).
pub fn ballot(shape: Shape) -> Typed {
    with_ballot(Typed::options(&["poll", "vote"]), shape)
}

/// `poll vote <number>` with one consent vote (a consent button's fallback).
pub fn consent(number: i64, vote: ConsentVote) -> Typed {
    voting(number).example(Msg::new(consent_word(vote)))
}

/// `poll vote <number>` answering each find-a-time slot in order.
pub fn availability(number: i64, answers: &[Availability]) -> Typed {
    answers
        .iter()
        .fold(voting(number), |typed, a| typed.example(answer_word(*a)))
}

/// `poll vote <number>` with the option `option` (1-based): a button's fallback.
pub fn option(number: i64, option: usize) -> Typed {
    voting(number).value(option)
}

fn voting(number: i64) -> Typed {
    Typed::new(&["poll", "vote"]).value(number)
}

/// Adds the example ballot: numbers as they are, answer words in the reader's language.
/// Each example is one the poll accepts, and shows what varies (scores differ, slots
/// get each answer).
fn with_ballot(typed: Typed, shape: Shape) -> Typed {
    let numbers = |numbers: Vec<usize>| {
        numbers
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let n = shape.options.max(1);
    match shape.kind {
        Kind::Single => typed.value(1),
        Kind::Multiple => {
            let count = 2.max(shape.min).min(shape.max).clamp(1, n);
            typed.value(numbers((1..=count).collect()))
        }
        Kind::Approval => typed.value(numbers((1..=2.min(n)).collect())),
        Kind::Ranked => typed.value(numbers((1..=n).rev().collect())),
        Kind::Score => typed.value(numbers((0..n).map(|i| 5 - i % 6).collect())),
        Kind::Consent => typed.example(Msg::new(consent_word(ConsentVote::Agree))),
        Kind::Time => [Availability::Yes, Availability::IfNeedBe, Availability::No]
            .into_iter()
            .cycle()
            .take(n)
            .fold(typed, |typed, a| typed.example(answer_word(a))),
    }
}

fn consent_word(vote: ConsentVote) -> &'static str {
    match vote {
        ConsentVote::Agree => "sample-ballot-agree",
        ConsentVote::Abstain => "sample-ballot-abstain",
        ConsentVote::Disagree => "sample-ballot-disagree",
        ConsentVote::Block => "sample-ballot-block",
    }
}

fn answer_word(answer: Availability) -> Msg {
    Msg::new(match answer {
        Availability::Yes => "sample-ballot-yes",
        Availability::IfNeedBe => "sample-ballot-maybe",
        Availability::No => "sample-ballot-no",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::polls::model::BallotShape;
    use crate::i18n::{I18n, Locale};

    /// Every example, in both languages, is a ballot the poll takes as it is: what the
    /// card teaches is never refused.
    #[test]
    fn every_example_ballot_is_accepted_in_both_languages() {
        let i18n = I18n::load().unwrap();
        let labels: Vec<String> = (1..=7).map(|i| format!("option {i}")).collect();
        for kind in [
            Kind::Single,
            Kind::Multiple,
            Kind::Approval,
            Kind::Score,
            Kind::Ranked,
            Kind::Consent,
            Kind::Time,
        ] {
            for options in [0, 1, 2, 3, 7] {
                let options = match kind {
                    Kind::Consent => 0,
                    Kind::Time => options.max(1),
                    _ => options.max(2),
                };
                for (min, max) in [(1, options.max(1)), (1, 1), (3, 3)] {
                    let (min, max) = (min.min(options.max(1)), max.min(options.max(1)));
                    let shape = Shape {
                        kind,
                        options,
                        min,
                        max,
                    };
                    let reader = BallotShape {
                        kind,
                        options: &labels[..options],
                        min,
                        max,
                    };
                    for locale in Locale::ALL {
                        let text = ballot(shape).render(&i18n, locale);
                        assert!(
                            reader.read(&text).is_ok(),
                            "{kind:?} with {options} options ({min}–{max}), {locale}: {text}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn answers_are_written_in_the_readers_language() {
        let i18n = I18n::load().unwrap();
        let shape = Shape {
            kind: Kind::Time,
            options: 3,
            min: 1,
            max: 3,
        };
        assert_eq!(
            vote(4, shape).render(&i18n, Locale::En),
            "poll vote 4 yes maybe no"
        );
        assert_eq!(
            vote(4, shape).render(&i18n, Locale::Id),
            "polling pilih 4 ya mungkin tidak"
        );
        assert_eq!(
            consent(2, ConsentVote::Disagree).render(&i18n, Locale::Id),
            "polling pilih 2 tidak setuju"
        );
    }
}
