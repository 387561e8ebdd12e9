//! Results as text: numbers and percentages with a Unicode bar, never colour or emoji
//! alone, so they read the same to everyone, screen readers included.

use super::model::{Kind, Via, VoterVisibility};
use super::repo::{self, Poll, StoredBallot};
use super::tally::{Ballot, Consent, Tally};
use crate::i18n::{I18n, Locale, Msg};
use crate::identity::Platform;
use crate::reply::{Line, Reply, Tone, Visibility};
use crate::time::{Zone, format};
use sheet::Sheet;

mod sheet;

const BAR_WIDTH: usize = 20;

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

/// Names shown beside one option (or consent vote) of a public poll; the rest are counted
/// ("and 4,990 more"): `poll export` lists every ballot.
pub const NAMES_SHOWN: usize = 10;
/// Reasons shown with a consent proposal's results; the rest are counted.
pub const REASONS_SHOWN: usize = 10;

/// A decoded ballot with what may be shown about who cast it.
pub struct Cast {
    pub ballot: Ballot,
    pub reason: Option<String>,
    pub voter: Option<String>,
}

/// `ballot` decoded; `None` for a ballot that no longer reads (it is not counted).
pub fn decode(ballot: StoredBallot) -> Option<Cast> {
    Some(Cast {
        ballot: serde_json::from_str(&ballot.choices).ok()?,
        reason: ballot.reason,
        voter: ballot.voter_name,
    })
}

/// The first [`NAMES_SHOWN`] names of the voters of one option or vote, and how many more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Names {
    shown: Vec<String>,
    more: u64,
}

impl Names {
    fn push(&mut self, name: &Option<String>) {
        let Some(name) = name else { return };
        if self.shown.len() < NAMES_SHOWN {
            self.shown.push(name.clone());
        } else {
            self.more += 1;
        }
    }
}

/// A reason given with a consent vote.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reason {
    vote: Consent,
    voter: Option<String>,
    text: String,
}

/// A poll's ballots as its results lines need them, gathered one ballot at a time so that
/// nothing here grows with the number of ballots except a ranked poll's distinct rankings
/// (see [`Tally`]): the counts, how many came which way, and what may be shown of who cast
/// them — a few names per option and a few reasons.
pub struct Gathered {
    tally: Tally,
    kind: Kind,
    /// Whether names are kept (public polls).
    public: bool,
    /// Ballots decoded and counted.
    total: u64,
    /// Ballots stored, through the platform's own poll and any other way.
    native: u64,
    other: u64,
    /// Per option (single, multiple, approval) or per consent vote, when `public`.
    names: Vec<Names>,
    reasons: Vec<Reason>,
    more_reasons: u64,
}

impl Gathered {
    /// Nothing gathered yet, for `poll`.
    pub fn new(poll: &Poll) -> Gathered {
        let public = poll.voters == VoterVisibility::Public;
        let named = match poll.kind {
            Kind::Single | Kind::Multiple | Kind::Approval if public => poll.options.len(),
            Kind::Consent if public => 4,
            _ => 0,
        };
        Gathered {
            tally: Tally::new(poll.options.len()),
            kind: poll.kind,
            public,
            total: 0,
            native: 0,
            other: 0,
            names: vec![Names::default(); named],
            reasons: Vec::new(),
            more_reasons: 0,
        }
    }

    /// Every ballot of `poll`, read from the database one row at a time.
    pub async fn read(
        conn: &mut sqlx::AnyConnection,
        poll: &Poll,
    ) -> Result<Gathered, sqlx::Error> {
        let mut gathered = Gathered::new(poll);
        repo::visit_ballots(conn, poll.id, |ballot| gathered.add(ballot)).await?;
        Ok(gathered)
    }

    /// Counts one more stored ballot, decoding it once.
    pub fn add(&mut self, stored: StoredBallot) {
        match stored.via {
            Via::Native => self.native += 1,
            _ => self.other += 1,
        }
        let Some(cast) = decode(stored) else { return };
        self.total += 1;
        self.tally.add(&cast.ballot);
        match (&cast.ballot, self.kind) {
            (Ballot::Choices(chosen), Kind::Single | Kind::Multiple | Kind::Approval) => {
                for (option, names) in self.names.iter_mut().enumerate() {
                    if chosen.contains(&option) {
                        names.push(&cast.voter);
                    }
                }
            }
            (Ballot::Consent(vote), Kind::Consent) => {
                if let Some(names) = self.names.get_mut(*vote as usize) {
                    names.push(&cast.voter);
                }
                if let Some(text) = cast.reason {
                    self.add_reason(*vote, cast.voter, text);
                }
            }
            _ => {}
        }
    }

    fn add_reason(&mut self, vote: Consent, voter: Option<String>, text: String) {
        if self.reasons.len() < REASONS_SHOWN {
            let voter = voter.filter(|_| self.public);
            self.reasons.push(Reason { vote, voter, text });
        } else {
            self.more_reasons += 1;
        }
    }

    /// Every ballot stored, counted or not.
    pub fn stored(&self) -> u64 {
        self.native + self.other
    }
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

/// The results block of `poll` from its stored ballots. `native`: the platform whose own
/// poll also shows it (a Matrix poll), if any — that poll counts only the ballots picked
/// in it, so when some came in another way the block says how many came which way.
pub fn results_block(
    i18n: &I18n,
    locale: Locale,
    zone: &Zone,
    poll: &Poll,
    gathered: &Gathered,
    native: Option<Platform>,
) -> ResultsBlock {
    let heading = Msg::new("poll-results-title")
        .num("number", poll.number)
        .select("status", poll.status.code());
    ResultsBlock {
        heading: i18n.text(locale, &heading),
        lines: results(
            i18n,
            locale,
            zone,
            poll,
            gathered,
            Split::of(gathered, native),
        ),
    }
}

/// How many ballots came through a platform's own poll and how many another way, where
/// that poll shows the poll and they differ. Counts only: never who came which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Split {
    platform: Platform,
    native: u64,
    other: u64,
}

impl Split {
    /// `None` when the poll is shown natively nowhere, or every ballot came through it.
    fn of(gathered: &Gathered, native: Option<Platform>) -> Option<Split> {
        let platform = native?;
        (gathered.other > 0).then_some(Split {
            platform,
            native: gathered.native,
            other: gathered.other,
        })
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

/// The lines of a poll's results, with who chose what where voters are public. `split`:
/// the ballots' count says which way they came.
fn results(
    i18n: &I18n,
    locale: Locale,
    zone: &Zone,
    poll: &Poll,
    gathered: &Gathered,
    split: Option<Split>,
) -> Vec<Line> {
    let kind = poll.kind;
    let sheet = Sheet {
        i18n,
        locale,
        poll,
        labels: labels(i18n, locale, zone, poll),
        total: gathered.total,
        gathered,
    };
    let count = match split {
        Some(split) => Msg::new("poll-ballots-split")
            .num("count", sheet.total as i64)
            .num("native", split.native as i64)
            .num("other", split.other as i64)
            .select("platform", split.platform.key()),
        None => Msg::new("poll-ballots").num("count", sheet.total as i64),
    };
    let mut lines: Vec<Line> = vec![sheet.t(count)];
    match kind {
        Kind::Single | Kind::Multiple | Kind::Approval => sheet.choices(&mut lines),
        Kind::Score => sheet.scores(&mut lines),
        Kind::Ranked => sheet.rounds(&mut lines),
        Kind::Consent => sheet.consent(&mut lines),
        Kind::Time => sheet.times(&mut lines),
    }
    lines
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
