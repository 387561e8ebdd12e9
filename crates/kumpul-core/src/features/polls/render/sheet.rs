//! The results lines of each kind of poll. Each states its outcome in words — who leads or
//! won, that options are tied and what (if anything) broke the tie — with the figures that
//! decided it, so a result never has to be taken on trust.

use super::{Gathered, Names, bar, percent};
use crate::features::polls::repo::Poll;
use crate::features::polls::tally::{self, ConsentOutcome, ConsentRule, TieBreak};
use crate::i18n::{I18n, Locale, Msg};
use crate::reply::{Inline, Line};

/// The words of consent votes, in the order of [`Consent`] (and of the counts of
/// [`tally::consent`]).
const CONSENT_WORDS: [&str; 4] = ["agree", "abstain", "disagree", "block"];

/// What the results of every kind are drawn from: the poll, the labels as the reader sees
/// them and the ballots as gathered, with what may be shown of who cast them.
pub(super) struct Sheet<'a> {
    pub i18n: &'a I18n,
    pub locale: Locale,
    pub poll: &'a Poll,
    pub labels: Vec<String>,
    pub total: u64,
    pub gathered: &'a Gathered,
}

impl Sheet<'_> {
    pub fn t(&self, msg: Msg) -> Line {
        self.i18n.rich(self.locale, &msg)
    }

    fn status(&self) -> &'static str {
        self.poll.status.code()
    }

    /// `pizza, sushi and tacos`, in the reader's language.
    fn names_of(&self, options: &[usize]) -> String {
        let names: Vec<&str> = options.iter().map(|&o| self.labels[o].as_str()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                let and = self.i18n.text(self.locale, &Msg::new("poll-and"));
                format!("{} {and} {last}", rest.join(", "))
            }
            _ => names.concat(),
        }
    }

    /// ` — Ana, Budi`: who cast the ballots of option (or consent vote) `index`, when names
    /// are shown; ` — Ana, Budi and 40 more` past [`super::NAMES_SHOWN`].
    fn who(&self, index: usize) -> String {
        let Some(Names { shown, more }) = self.gathered.names.get(index) else {
            return String::new();
        };
        if shown.is_empty() {
            return String::new();
        }
        let mut who = format!(" — {}", shown.join(", "));
        if *more > 0 {
            let more = Msg::new("names-more").num("count", *more as i64);
            who.push(' ');
            who.push_str(&self.i18n.text(self.locale, &more));
        }
        who
    }

    /// Single, multiple and approval: each option's count, then who leads (or won), or
    /// that several are tied — which these kinds do not break.
    pub fn choices(&self, lines: &mut Vec<Line>) {
        let (labels, total) = (&self.labels, self.total);
        let counts = self.gathered.tally.choices();
        for (i, label) in labels.iter().enumerate() {
            let voters = self.who(i);
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
        if total == 0 {
            return;
        }
        let leaders = tally::leaders(counts);
        let votes = counts[leaders[0]] as i64;
        let msg = match leaders.as_slice() {
            [one] => Msg::new("poll-top").strong("option", &labels[*one]),
            _ => Msg::new("poll-top-tie").strong("options", self.names_of(&leaders)),
        };
        lines.push(self.t(msg.select("status", self.status()).num("votes", votes)));
    }

    /// Score: each option's mean and how its scores spread, then the highest mean (or the
    /// options tied for it).
    pub fn scores(&self, lines: &mut Vec<Line>) {
        let labels = &self.labels;
        let scores = self.gathered.tally.scores();
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
        if self.total == 0 {
            return;
        }
        let totals: Vec<u64> = scores.iter().map(|s| s.total).collect();
        let leaders = tally::leaders(&totals);
        let mean = scores[leaders[0]]
            .mean
            .map_or("–".to_owned(), |m| format!("{m:.1}"));
        let msg = match leaders.as_slice() {
            [one] => Msg::new("poll-score-top").strong("option", &labels[*one]),
            _ => Msg::new("poll-score-tie").strong("options", self.names_of(&leaders)),
        };
        lines.push(self.t(msg.select("status", self.status()).text("mean", mean)));
    }

    /// Ranked choice: each instant-runoff round with any tie for fewest and what broke it,
    /// then the winner with the ballots that elected them.
    pub fn rounds(&self, lines: &mut Vec<Line>) {
        let labels = &self.labels;
        let result = self.gathered.tally.instant_runoff(self.poll.id as u64);
        let mut tie_rounds: Vec<String> = Vec::new();
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
            if let Some(tie) = &round.tie {
                tie_rounds.push((n + 1).to_string());
                let (by, earlier) = match tie.broken_by {
                    TieBreak::Round(r) => ("round", r as i64),
                    TieBreak::Lot => ("lot", 0),
                };
                let votes = round.votes[tie.tied[0]].unwrap_or(0) as i64;
                line.extend(
                    self.t(Msg::new("poll-round-tie")
                        .text("options", self.names_of(&tie.tied))
                        .num("votes", votes)
                        .select("by", by)
                        .num("earlier", earlier)),
                );
            }
            if let Some(out) = round.eliminated {
                line.extend(self.t(Msg::new("poll-eliminated").strong("option", &labels[out])));
            }
            lines.push(line);
        }
        let (Some(winner), Some(last)) = (result.winner, result.rounds.last()) else {
            return;
        };
        let votes = last.votes[winner].unwrap_or(0);
        let active: u64 = last.votes.iter().flatten().sum();
        lines.push(
            self.t(Msg::new("poll-ranked-winner")
                .strong("option", &labels[winner])
                .num("votes", votes as i64)
                .num("active", active as i64)
                .num("round", result.rounds.len() as i64)
                .num("exhausted", last.exhausted as i64)),
        );
        if !tie_rounds.is_empty() {
            lines.push(
                self.t(Msg::new("poll-ranked-tie-note")
                    .num("count", tie_rounds.len() as i64)
                    .text("rounds", tie_rounds.join(", "))
                    .typed(
                        "help",
                        crate::catalogue::Typed::new(&["help"]).command(&["poll", "create"]),
                    )),
            );
        }
    }

    /// Consent: each vote's count, the outcome under the poll's rule (or that nobody has
    /// voted yet, or what the rule made of no votes at all), then the reasons.
    pub fn consent(&self, lines: &mut Vec<Line>) {
        let (poll, total) = (self.poll, self.total);
        // Every consent poll is stored with its rule (an unknown word fails when the
        // row is read); NULL is for the other kinds, so the default never applies.
        let rule = poll.consent_rule.unwrap_or(ConsentRule::Consent);
        let quorum = poll.quorum.map(|q| q as u64);
        let result = self.gathered.tally.consent(rule, quorum);
        for (i, word) in CONSENT_WORDS.iter().enumerate() {
            let count = result.counts[i];
            let voters = self.who(i);
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
        let msg = if total == 0 {
            Msg::new("poll-consent-no-votes")
                .select("status", self.status())
                .select("outcome", outcome)
                .select("rule", rule.code())
                .num("quorum", poll.quorum.unwrap_or(0))
        } else {
            Msg::new("poll-consent-outcome").select("outcome", outcome)
        };
        lines.push(self.t(msg));
        self.reasons(lines);
    }

    /// The reasons given with consent votes, by whom where names are shown: the first
    /// [`super::REASONS_SHOWN`], then how many more and where to read them all.
    fn reasons(&self, lines: &mut Vec<Line>) {
        for reason in &self.gathered.reasons {
            let vote = CONSENT_WORDS[reason.vote as usize];
            let mut line = self.t(Msg::new("poll-consent-vote").select("vote", vote));
            let by = match &reason.voter {
                Some(author) if !author.is_empty() => format!(" ({author})"),
                _ => String::new(),
            };
            line.push(Inline::Text(format!("{by}: {}", reason.text)));
            lines.push(line);
        }
        if self.gathered.more_reasons > 0 {
            let export = crate::catalogue::Typed::new(&["poll", "export"]).value(self.poll.number);
            lines.push(
                self.t(Msg::new("poll-reasons-more")
                    .num("count", self.gathered.more_reasons as i64)
                    .typed("command", export)),
            );
        }
    }

    /// Find-a-time: each slot's answers, then the best slot — and, when slots tied on
    /// yes and if-need-be, that the earliest of them won.
    pub fn times(&self, lines: &mut Vec<Line>) {
        let labels = &self.labels;
        let starts: Vec<i64> = self
            .poll
            .options
            .iter()
            .map(|o| o.slot_at.unwrap_or(i64::MAX))
            .collect();
        let result = self.gathered.tally.find_a_time(&starts);
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
        let Some(best) = result.best else {
            return;
        };
        lines.push(self.t(Msg::new("poll-best-time").strong("slot", &labels[best])));
        if result.tied.len() > 1 {
            let [yes, maybe, _] = result.answers[best];
            lines.push(
                self.t(Msg::new("poll-best-time-tie")
                    .text("slots", self.names_of(&result.tied))
                    .num("yes", yes as i64)
                    .num("maybe", maybe as i64)),
            );
        }
    }
}
