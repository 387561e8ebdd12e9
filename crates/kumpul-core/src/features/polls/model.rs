//! Validated poll definitions and ballots as people type them.

use super::BallotInput;
use super::examples::{self, Shape};
use super::tally::{Availability, Ballot, Consent};
use crate::catalogue::Typed;
use crate::i18n::Msg;

/// Longest question, in characters.
pub const QUESTION_MAX: usize = 300;
/// Longest option, in characters.
pub const OPTION_MAX: usize = 100;
/// Most options of a poll (Discord: 25 choices per select).
pub const OPTIONS_MAX: usize = 25;
/// Longest reason given with a consent vote.
pub const REASON_MAX: usize = 500;

pub use crate::vocab::{ConsentRule, PollKind as Kind, ResultsVisibility, VoterVisibility};

coded_enum! {
    /// Whether a poll still takes votes.
    pub enum PollStatus {
        Open = "open",
        Closed = "closed",
    }
}

coded_enum! {
    /// Which way a ballot came in (stored with it, see the `ballots.via` column): through
    /// the platform's own poll, which that platform tallies itself (a Matrix poll tile
    /// counts only its poll response events), or any way only kumpul sees.
    pub enum Via {
        /// Typed, a ballot form, a button or menu, the console.
        Kumpul = "kumpul",
        /// Picked in the platform's own poll (Matrix MSC3381).
        Native = "native",
    }
}

/// `Where shall we eat? | pizza | sushi` → the question and its options.
pub fn split_question(text: &str, kind: Kind) -> Result<(String, Vec<String>), Msg> {
    let mut parts = text.split(['|', '\n']).map(str::trim);
    let question = parts.next().unwrap_or_default().to_owned();
    if question.is_empty() || question.chars().count() > QUESTION_MAX {
        return Err(Msg::new("poll-question-length").num("max", QUESTION_MAX as i64));
    }
    if question.chars().any(char::is_control) {
        return Err(Msg::new("group-description-control"));
    }
    let options: Vec<String> = parts.filter(|p| !p.is_empty()).map(str::to_owned).collect();
    let needed = match kind {
        Kind::Consent => 0,
        Kind::Time => 1,
        _ => 2,
    };
    if kind == Kind::Consent && !options.is_empty() {
        return Err(Msg::new("poll-consent-no-options"));
    }
    if options.len() < needed || options.len() > OPTIONS_MAX {
        return Err(Msg::new("poll-option-count")
            .num("min", needed as i64)
            .num("max", OPTIONS_MAX as i64)
            .typed("example", sample_poll()));
    }
    for option in &options {
        if option.chars().count() > OPTION_MAX || option.chars().any(char::is_control) {
            return Err(Msg::new("poll-option-length")
                .strong("option", option)
                .num("max", OPTION_MAX as i64));
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for option in &options {
        let key = option.to_lowercase();
        if seen.contains(&key) {
            return Err(Msg::new("poll-option-duplicate").strong("option", option));
        }
        seen.push(key);
    }
    Ok((question, options))
}

/// `poll create Where shall we eat? | pizza | sushi`, in the reader's language.
pub fn sample_poll() -> Typed {
    Typed::new(&["poll", "create"]).example(Msg::new("sample-poll"))
}

/// What a voter may choose, for reading their ballot.
pub struct BallotShape<'a> {
    pub kind: Kind,
    pub options: &'a [String],
    pub min: usize,
    pub max: usize,
}

fn words(text: &str) -> Vec<&str> {
    text.split([' ', ',', ';', '\t', '\n'])
        .filter(|w| !w.is_empty())
        .collect()
}

impl BallotShape<'_> {
    /// Reads `3`, `pizza`, `1 3`, `5 3 0`, `2 1 3`, `agree because…`, `yes no maybe`.
    pub fn read(&self, text: &str) -> Result<(Ballot, Option<String>), Msg> {
        let text = text.trim();
        match self.kind {
            Kind::Single => self.read_single(text),
            Kind::Multiple | Kind::Approval => self.read_choices(text),
            Kind::Ranked => Ok((Ballot::Ranking(self.numbers(text)?), None)),
            Kind::Score => self.read_scores(text),
            Kind::Consent => self.read_consent(text),
            Kind::Time => self.read_availability(text),
        }
    }

    /// One option, by its text or its number.
    fn read_single(&self, text: &str) -> Result<(Ballot, Option<String>), Msg> {
        if let Some(choice) = self.option(text) {
            return Ok((Ballot::Choices(vec![choice]), None));
        }
        match self.numbers(text)?.as_slice() {
            [choice] => Ok((Ballot::Choices(vec![*choice]), None)),
            _ => Err(self.format_error()),
        }
    }

    /// Option numbers, as many as the poll allows (approval: any).
    fn read_choices(&self, text: &str) -> Result<(Ballot, Option<String>), Msg> {
        let choices = self.numbers(text)?;
        let (min, max) = match self.kind {
            Kind::Multiple => (self.min, self.max),
            _ => (1, self.options.len()),
        };
        if !(min..=max).contains(&choices.len()) {
            return Err(Msg::new("poll-vote-count")
                .num("min", min as i64)
                .num("max", max as i64));
        }
        Ok((Ballot::Choices(choices), None))
    }

    /// A score from 0 to 5 for every option, in order.
    fn read_scores(&self, text: &str) -> Result<(Ballot, Option<String>), Msg> {
        let scores: Option<Vec<u8>> = words(text)
            .iter()
            .map(|w| w.parse::<u8>().ok().filter(|s| *s <= 5))
            .collect();
        match scores {
            Some(scores) if scores.len() == self.options.len() => {
                Ok((Ballot::Scores(scores), None))
            }
            _ => Err(self.format_error()),
        }
    }

    /// A consent vote, in English or Indonesian, and the reason after it if any.
    fn read_consent(&self, text: &str) -> Result<(Ballot, Option<String>), Msg> {
        let lower = text.to_lowercase();
        let (vote, rest) = [
            ("tidak setuju", Consent::Disagree),
            ("disagree", Consent::Disagree),
            ("agree", Consent::Agree),
            ("setuju", Consent::Agree),
            ("abstain", Consent::Abstain),
            ("abstain", Consent::Abstain),
            ("abstein", Consent::Abstain),
            ("block", Consent::Block),
            ("blok", Consent::Block),
            ("tolak", Consent::Block),
        ]
        .iter()
        .find(|(word, _)| {
            lower.starts_with(word)
                && lower[word.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|(word, vote)| (*vote, text[word.len()..].trim()))
        .ok_or_else(|| self.format_error())?;
        let reason = rest.trim_start_matches([':', '-', '—']).trim();
        if reason.chars().count() > REASON_MAX {
            return Err(Msg::new("poll-reason-length").num("max", REASON_MAX as i64));
        }
        Ok((
            Ballot::Consent(vote),
            (!reason.is_empty()).then(|| reason.to_owned()),
        ))
    }

    /// Find-a-time: yes, maybe or no for every slot, in order.
    fn read_availability(&self, text: &str) -> Result<(Ballot, Option<String>), Msg> {
        let answers: Option<Vec<Availability>> = words(text)
            .iter()
            .map(|w| match w.to_lowercase().as_str() {
                "yes" | "y" | "ya" | "bisa" => Some(Availability::Yes),
                "maybe" | "?" | "ifneedbe" | "if-need-be" | "mungkin" => {
                    Some(Availability::IfNeedBe)
                }
                "no" | "n" | "tidak" | "ga" | "gak" => Some(Availability::No),
                _ => None,
            })
            .collect();
        match answers {
            Some(answers) if answers.len() == self.options.len() => {
                Ok((Ballot::Availability(answers), None))
            }
            _ => Err(self.format_error()),
        }
    }

    /// Reads a ballot however it arrived: typed text as [`Self::read`], picks and consent
    /// buttons checked against the same rules without going through text.
    pub fn read_input(&self, input: &BallotInput) -> Result<(Ballot, Option<String>), Msg> {
        match input {
            BallotInput::Typed(text) => self.read(text),
            BallotInput::Picks(picks) | BallotInput::Native(picks) => self.picks(picks),
            BallotInput::Consent(vote) if self.kind == Kind::Consent => {
                Ok((Ballot::Consent(Consent::from(*vote)), None))
            }
            BallotInput::Consent(_) => Err(self.format_error()),
        }
    }

    /// Options picked (0-based) as the ballot of a single, multiple, approval or ranked poll.
    fn picks(&self, picks: &[usize]) -> Result<(Ballot, Option<String>), Msg> {
        let mut out: Vec<usize> = Vec::with_capacity(picks.len());
        for &pick in picks {
            let shown = (pick + 1).to_string();
            if pick >= self.options.len() {
                return Err(Msg::new("poll-vote-range")
                    .strong("value", shown)
                    .num("max", self.options.len() as i64));
            }
            if out.contains(&pick) {
                return Err(Msg::new("poll-vote-repeated").strong("value", shown));
            }
            out.push(pick);
        }
        let (min, max) = match self.kind {
            Kind::Single => (1, 1),
            Kind::Multiple => (self.min, self.max),
            Kind::Approval | Kind::Ranked => (1, self.options.len()),
            Kind::Score | Kind::Consent | Kind::Time => return Err(self.format_error()),
        };
        if out.is_empty() || (self.kind == Kind::Single && out.len() != 1) {
            return Err(self.format_error());
        }
        if !(min..=max).contains(&out.len()) {
            return Err(Msg::new("poll-vote-count")
                .num("min", min as i64)
                .num("max", max as i64));
        }
        Ok(match self.kind {
            Kind::Ranked => (Ballot::Ranking(out), None),
            _ => (Ballot::Choices(out), None),
        })
    }

    /// An option named by its text, case-insensitively.
    fn option(&self, text: &str) -> Option<usize> {
        let wanted = text.to_lowercase();
        self.options.iter().position(|o| o.to_lowercase() == wanted)
    }

    /// Distinct option numbers (1-based as typed) → 0-based indices.
    fn numbers(&self, text: &str) -> Result<Vec<usize>, Msg> {
        let mut out = Vec::new();
        for word in words(text) {
            let n: usize = word.parse().map_err(|_| self.format_error())?;
            if n == 0 || n > self.options.len() {
                return Err(Msg::new("poll-vote-range")
                    .strong("value", word)
                    .num("max", self.options.len() as i64));
            }
            if out.contains(&(n - 1)) {
                return Err(Msg::new("poll-vote-repeated").strong("value", word));
            }
            out.push(n - 1);
        }
        if out.is_empty() {
            return Err(self.format_error());
        }
        Ok(out)
    }

    /// How to write a ballot for this poll, with an example it takes as it is.
    fn format_error(&self) -> Msg {
        let shape = Shape {
            kind: self.kind,
            options: self.options.len(),
            min: self.min,
            max: self.max,
        };
        Msg::new("poll-vote-format")
            .select("kind", self.kind.code())
            .num("options", self.options.len() as i64)
            .typed("example", examples::ballot(shape))
    }
}

#[cfg(test)]
mod tests;
