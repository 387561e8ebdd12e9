//! Results as text: numbers and percentages with a Unicode bar, never colour or emoji
//! alone, so they read the same to everyone, screen readers included.

use super::model::{Kind, Via, VoterVisibility};
use super::repo::{Poll, StoredBallot};
use super::tally::Ballot;
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

/// The results block of `poll` from its stored ballots. `native`: the platform whose own
/// poll also shows it (a Matrix poll), if any — that poll counts only the ballots picked
/// in it, so when some came in another way the block says how many came which way.
pub fn results_block(
    i18n: &I18n,
    locale: Locale,
    zone: &Zone,
    poll: &Poll,
    ballots: &[StoredBallot],
    native: Option<Platform>,
) -> ResultsBlock {
    let heading = Msg::new("poll-results-title")
        .num("number", poll.number)
        .select("status", poll.status.code());
    let public_voters = poll.voters == VoterVisibility::Public;
    ResultsBlock {
        heading: i18n.text(locale, &heading),
        lines: results(
            i18n,
            locale,
            zone,
            poll,
            &decode(ballots),
            public_voters,
            Split::of(ballots, native),
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
    fn of(ballots: &[StoredBallot], native: Option<Platform>) -> Option<Split> {
        let platform = native?;
        let picked = ballots.iter().filter(|b| b.via == Via::Native).count() as u64;
        let other = ballots.len() as u64 - picked;
        (other > 0).then_some(Split {
            platform,
            native: picked,
            other,
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

/// The lines of a poll's results. `names`: show who chose what (public polls). `split`:
/// the ballots' count says which way they came.
fn results(
    i18n: &I18n,
    locale: Locale,
    zone: &Zone,
    poll: &Poll,
    casts: &[Cast],
    names: bool,
    split: Option<Split>,
) -> Vec<Line> {
    let kind = poll.kind;
    let sheet = Sheet {
        i18n,
        locale,
        poll,
        labels: labels(i18n, locale, zone, poll),
        total: casts.len() as u64,
        ballots: casts.iter().map(|c| c.ballot.clone()).collect(),
        casts,
        names,
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
