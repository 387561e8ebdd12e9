//! Results as text: numbers and percentages with a Unicode bar, never colour or emoji
//! alone, so they read the same to everyone, screen readers included.

use super::model::{Kind, VoterVisibility};
use super::repo::{Poll, StoredBallot};
use super::tally::{self, Ballot, Consent, ConsentOutcome, ConsentRule};
use crate::i18n::{I18n, Locale, Msg};
use crate::reply::{Inline, Line, Reply, Tone, Visibility};
use crate::time::{Zone, format};

const BAR_WIDTH: usize = 20;
/// The words of consent votes, in the order of [`Consent`] (and of the counts of
/// [`tally::consent`]).
const CONSENT_WORDS: [&str; 4] = ["agree", "abstain", "disagree", "block"];

/// `████████░░░░░░░░░░░░` for `count` of `total`.
pub fn bar(count: u64, total: u64) -> String {
    let filled = if total == 0 {
        0
    } else {
        ((count as f64 / total as f64) * BAR_WIDTH as f64).round() as usize
    };
    format!(
        "{}{}",
        "█".repeat(filled.min(BAR_WIDTH)),
        "░".repeat(BAR_WIDTH - filled.min(BAR_WIDTH))
    )
}

fn percent(count: u64, total: u64) -> u64 {
    (count * 100 + total / 2).checked_div(total).unwrap_or(0)
}

/// A decoded ballot with what may be shown about who cast it.
pub struct Cast {
    pub ballot: Ballot,
    pub reason: Option<String>,
    pub voter: Option<String>,
}

pub fn decode(ballots: &[StoredBallot]) -> Vec<Cast> {
    ballots
        .iter()
        .filter_map(|b| {
            let ballot = serde_json::from_str(&b.choices).ok()?;
            Some(Cast {
                ballot,
                reason: b.reason.clone(),
                voter: b.voter_name.clone(),
            })
        })
        .collect()
}

/// The option labels, with find-a-time slots shown in the reader's zone.
pub fn labels(i18n: &I18n, locale: Locale, zone: &Zone, poll: &Poll) -> Vec<String> {
    poll.options
        .iter()
        .map(|o| match o.slot_at {
            Some(at) => format::datetime(i18n, locale, at, zone),
            None => o.label.clone(),
        })
        .collect()
}

/// A poll's results as every reader sees them: the card, `poll results` and the closing
/// announcements all show this block — a heading (`Results so far of #3:` or `Final
/// results of #3:`, as the poll given is open or closed) and the results lines, with names
/// where voters are public.
pub struct ResultsBlock {
    pub heading: String,
    pub lines: Vec<Line>,
}

/// The results block of `poll` from its stored ballots.
pub fn results_block(
    i18n: &I18n,
    locale: Locale,
    zone: &Zone,
    poll: &Poll,
    ballots: &[StoredBallot],
) -> ResultsBlock {
    let heading = Msg::new("poll-results-title")
        .num("number", poll.number)
        .select("status", poll.status.code());
    let public_voters = poll.voters == VoterVisibility::Public;
    ResultsBlock {
        heading: i18n.text(locale, &heading),
        lines: results(i18n, locale, zone, poll, &decode(ballots), public_voters),
    }
}

impl ResultsBlock {
    /// As a reply of its own: the heading and the question as its title, then the lines.
    pub fn into_reply(self, visibility: Visibility, question: &str) -> Reply {
        Reply::new(visibility, Tone::Info)
            .title(format!("{} {}", self.heading, question))
            .list(self.lines)
    }
}

/// The lines of a poll's results. `names`: show who chose what (public polls).
fn results(
    i18n: &I18n,
    locale: Locale,
    zone: &Zone,
    poll: &Poll,
    casts: &[Cast],
    names: bool,
) -> Vec<Line> {
    let kind = poll.kind;
    let sheet = Sheet {
        i18n,
        locale,
        labels: labels(i18n, locale, zone, poll),
        total: casts.len() as u64,
        ballots: casts.iter().map(|c| c.ballot.clone()).collect(),
        casts,
        names,
    };
    let mut lines: Vec<Line> =
        vec![sheet.t(Msg::new("poll-ballots").num("count", sheet.total as i64))];
    match kind {
        Kind::Single | Kind::Multiple | Kind::Approval => sheet.choices(&mut lines),
        Kind::Score => sheet.scores(&mut lines),
        Kind::Ranked => sheet.rounds(&mut lines),
        Kind::Consent => sheet.consent(poll, &mut lines),
        Kind::Time => sheet.times(&mut lines),
    }
    lines
}

/// What the results of every kind are drawn from: the labels as the reader sees them and
/// the ballots, with what may be shown of who cast them.
struct Sheet<'a> {
    i18n: &'a I18n,
    locale: Locale,
    labels: Vec<String>,
    total: u64,
    ballots: Vec<Ballot>,
    casts: &'a [Cast],
    names: bool,
}

impl Sheet<'_> {
    fn t(&self, msg: Msg) -> Line {
        self.i18n.rich(self.locale, &msg)
    }

    /// ` — Ana, Budi`: who cast the ballots that match, when names are shown.
    fn who(&self, matches: &dyn Fn(&Ballot) -> bool) -> String {
        let voters: Vec<&str> = self
            .casts
            .iter()
            .filter(|c| matches(&c.ballot))
            .filter_map(|c| c.voter.as_deref())
            .collect();
        if self.names && !voters.is_empty() {
            format!(" — {}", voters.join(", "))
        } else {
            String::new()
        }
    }

    /// Single, multiple and approval: each option's count, then the leaders.
    fn choices(&self, lines: &mut Vec<Line>) {
        let (labels, total) = (&self.labels, self.total);
        let counts = tally::count_choices(labels.len(), &self.ballots);
        for (i, label) in labels.iter().enumerate() {
            let voters = self.who(&|b| matches!(b, Ballot::Choices(c) if c.contains(&i)));
            lines.push(vec![
                Inline::Strong(format!("{}. {label}", i + 1)),
                Inline::Text(format!(
                    " {} {}% ({}){voters}",
                    bar(counts[i], total),
                    percent(counts[i], total),
                    counts[i]
                )),
            ]);
        }
        let top = counts.iter().copied().max().unwrap_or(0);
        if top > 0 {
            let leaders: Vec<&str> = labels
                .iter()
                .enumerate()
                .filter(|(i, _)| counts[*i] == top)
                .map(|(_, l)| l.as_str())
                .collect();
            lines.push(self.t(Msg::new("poll-leading").strong("options", leaders.join(", "))));
        }
    }

    /// Score: each option's mean and how its scores spread.
    fn scores(&self, lines: &mut Vec<Line>) {
        let labels = &self.labels;
        let scores = tally::score(labels.len(), &self.ballots);
        for (i, label) in labels.iter().enumerate() {
            let result = &scores[i];
            let mean = result.mean.map_or("–".to_owned(), |m| format!("{m:.1}"));
            let spread: Vec<String> = result
                .distribution
                .iter()
                .enumerate()
                .map(|(s, n)| format!("{s}:{n}"))
                .collect();
            let filled = result.mean.map_or(0, |m| (m * 10.0).round() as u64);
            lines.push(vec![
                Inline::Strong(format!("{}. {label}", i + 1)),
                Inline::Text(format!(" {} ", bar(filled, 50))),
                Inline::Text(
                    self.i18n.text(
                        self.locale,
                        &Msg::new("poll-mean")
                            .text("mean", mean)
                            .text("spread", spread.join(" ")),
                    ),
                ),
            ]);
        }
    }

    /// Ranked choice: each instant-runoff round, then the winner.
    fn rounds(&self, lines: &mut Vec<Line>) {
        let labels = &self.labels;
        let result = tally::instant_runoff(labels.len(), &self.ballots);
        for (n, round) in result.rounds.iter().enumerate() {
            let standing: Vec<String> = round
                .votes
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| format!("{} {v}", labels[i])))
                .collect();
            let mut line = self.t(Msg::new("poll-round")
                .num("round", n as i64 + 1)
                .text("standing", standing.join(" · "))
                .num("exhausted", round.exhausted as i64));
            if let Some(out) = round.eliminated {
                line.extend(self.t(Msg::new("poll-eliminated").strong("option", &labels[out])));
            }
            lines.push(line);
        }
        if let Some(winner) = result.winner {
            lines.push(self.t(Msg::new("poll-ranked-winner").strong("option", &labels[winner])));
        }
    }

    /// Consent: each vote's count, the outcome under the poll's rule, then the reasons.
    fn consent(&self, poll: &Poll, lines: &mut Vec<Line>) {
        let total = self.total;
        // Every consent poll is stored with its rule (an unknown word fails when the
        // row is read); NULL is for the other kinds, so the default never applies.
        let rule = poll.consent_rule.unwrap_or(ConsentRule::Consent);
        let quorum = poll.quorum.map(|q| q as u64);
        let result = tally::consent(&self.ballots, rule, quorum);
        let votes = [
            Consent::Agree,
            Consent::Abstain,
            Consent::Disagree,
            Consent::Block,
        ];
        for (i, word) in CONSENT_WORDS.iter().enumerate() {
            let count = result.counts[i];
            let voters = self.who(&|b| matches!(b, Ballot::Consent(c) if *c == votes[i]));
            let mut line = self.t(Msg::new("poll-consent-vote").select("vote", word));
            line.push(Inline::Text(format!(
                " {} {}% ({count}){voters}",
                bar(count, total),
                percent(count, total)
            )));
            lines.push(line);
        }
        let outcome = match result.outcome {
            ConsentOutcome::Passed => "passed",
            ConsentOutcome::Blocked => "blocked",
            ConsentOutcome::NoQuorum => "no-quorum",
            ConsentOutcome::NotEnoughAgreement => "not-enough",
        };
        lines.push(self.t(Msg::new("poll-consent-outcome").select("outcome", outcome)));
        self.reasons(lines);
    }

    /// The reasons given with consent votes, by whom where names are shown.
    fn reasons(&self, lines: &mut Vec<Line>) {
        for cast in self.casts.iter().filter(|c| c.reason.is_some()) {
            let vote = match cast.ballot {
                Ballot::Consent(c) => CONSENT_WORDS[c as usize],
                _ => continue,
            };
            let author = if self.names {
                cast.voter.clone().unwrap_or_default()
            } else {
                String::new()
            };
            let mut line = self.t(Msg::new("poll-consent-vote").select("vote", vote));
            let by = if author.is_empty() {
                String::new()
            } else {
                format!(" ({author})")
            };
            line.push(Inline::Text(format!(
                "{by}: {}",
                cast.reason.clone().unwrap_or_default()
            )));
            lines.push(line);
        }
    }

    /// Find-a-time: each slot's answers, then the best slot.
    fn times(&self, lines: &mut Vec<Line>) {
        let labels = &self.labels;
        let result = tally::find_a_time(labels.len(), &self.ballots);
        for (i, label) in labels.iter().enumerate() {
            let [yes, maybe, no] = result.answers[i];
            let mut line = vec![
                Inline::Strong(format!("{}. {label}", i + 1)),
                Inline::Text(format!(" {} ", bar(yes, self.total))),
            ];
            line.extend(
                self.t(Msg::new("poll-time-answers")
                    .num("yes", yes as i64)
                    .num("maybe", maybe as i64)
                    .num("no", no as i64)),
            );
            lines.push(line);
        }
        if let Some(best) = result.best {
            lines.push(self.t(Msg::new("poll-best-time").strong("slot", &labels[best])));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_percentages_round_sensibly() {
        assert_eq!(bar(1, 2), format!("{}{}", "█".repeat(10), "░".repeat(10)));
        assert_eq!(bar(0, 0), "░".repeat(20));
        assert_eq!(bar(3, 3), "█".repeat(20));
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(0, 0), 0);
    }
}
