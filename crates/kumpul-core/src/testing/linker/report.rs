//! What the linker reports, and the verdict of a privacy test.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::{Truth, order};

/// A way of joining ballots to voters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Key,
    Transaction,
    Order,
    Timestamp,
}

impl Method {
    /// Whether a link found this way is evidence (it must find nothing on a good build)
    /// rather than a guess that can be right by chance.
    pub fn is_evidence(self) -> bool {
        self != Method::Order
    }
}

/// What one method found in one copy.
#[derive(Debug, Clone)]
pub struct Finding {
    pub method: Method,
    /// Voters linked to a ballot they cast (their final one or an earlier one).
    pub linked: BTreeSet<String>,
    /// Voters linked to a ballot someone else cast.
    pub wrong: BTreeSet<String>,
    /// Per kind of evidence (`"PostgreSQL WAL by xid"`, …): the voters it linked.
    pub by_source: BTreeMap<String, BTreeSet<String>>,
    /// Order method only: every comparison made.
    pub orders: Vec<order::OrderTest>,
}

impl Finding {
    pub(super) fn new(method: Method) -> Finding {
        Finding {
            method,
            linked: BTreeSet::new(),
            wrong: BTreeSet::new(),
            by_source: BTreeMap::new(),
            orders: Vec::new(),
        }
    }

    /// Whether this method broke secrecy: any link for evidence methods, an order too close
    /// to be chance for the order method.
    pub fn succeeded(&self) -> bool {
        if self.method.is_evidence() {
            !self.linked.is_empty()
        } else {
            self.orders.iter().any(order::OrderTest::succeeded)
        }
    }
}

/// What the linker found in one copy of the storage.
#[derive(Debug, Clone)]
pub struct Report {
    pub label: String,
    /// Voters with a counted ballot.
    pub voters: usize,
    pub findings: Vec<Finding>,
    /// The counted ballots readable in the latest state of the copy, sorted: the proof
    /// that the linker read the data it attacked.
    pub present: Vec<String>,
    /// What was read (frames, commits, tuples, WAL records, keys tried, errors).
    pub notes: Vec<String>,
}

impl Report {
    pub fn finding(&self, method: Method) -> &Finding {
        self.findings
            .iter()
            .find(|f| f.method == method)
            .expect("every method reports")
    }

    /// Voters linked to their own ballot by any evidence method.
    pub fn linked_by_evidence(&self) -> BTreeSet<String> {
        self.findings
            .iter()
            .filter(|f| f.method.is_evidence())
            .flat_map(|f| f.linked.iter().cloned())
            .collect()
    }

    /// Whether any method broke secrecy in this copy.
    pub fn broken(&self) -> bool {
        self.findings.iter().any(Finding::succeeded)
    }

    /// How many order comparisons were made (each may succeed by chance with probability
    /// at most [`order::CHANCE_PER_COMPARISON`]).
    pub fn order_comparisons(&self) -> usize {
        self.finding(Method::Order).orders.len()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} ({} voters):", self.label, self.voters)?;
        for finding in &self.findings {
            write!(
                f,
                "  {:<11} linked {:>2}, wrong {:>2}",
                format!("{:?}", finding.method),
                finding.linked.len(),
                finding.wrong.len()
            )?;
            if finding.method == Method::Order {
                let best = finding.orders.iter().max_by_key(|o| o.longest);
                if let Some(best) = best {
                    write!(f, "; {best}")?;
                }
                if finding.succeeded() {
                    write!(f, "  ← ORDER LEAKS")?;
                }
            }
            let sources: Vec<String> = finding
                .by_source
                .iter()
                .map(|(source, voters)| format!("{source}: {}", voters.len()))
                .collect();
            if !sources.is_empty() {
                write!(f, "  [{}]", sources.join("; "))?;
            }
            writeln!(f)?;
        }
        writeln!(
            f,
            "  present: {} counted ballots readable",
            self.present.len()
        )?;
        for note in &self.notes {
            writeln!(f, "  - {note}")?;
        }
        Ok(())
    }
}

/// Whether kumpul-core was built with its secret ballots weakened on purpose (the
/// `weak-secret-ballots` feature): then the linker must link every voter.
pub const WEAK_BUILD: bool = cfg!(feature = "weak-secret-ballots");

/// Fewest counted ballots a privacy test needs for an order attack to be able to succeed.
pub const VOTERS_MIN: usize = 12;

/// The verdict on every copy of one test: the linker read every counted ballot (or it
/// proves nothing), the test made few enough order comparisons to stay below 1e-6 of a
/// false alarm, and — on a good build — no method broke secrecy in any copy, while on
/// the weak build ([`WEAK_BUILD`]) the first copy links every voter. Prints the reports.
pub fn assert_verdict(truth: &Truth, reports: &[Report]) {
    for report in reports {
        eprintln!("{report}");
    }
    let counted: Vec<String> = truth
        .finals()
        .into_values()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        counted.len() >= VOTERS_MIN,
        "{} counted ballots: an order attack needs at least {VOTERS_MIN} to tell a leak from chance",
        counted.len()
    );
    let comparisons: usize = reports.iter().map(Report::order_comparisons).sum();
    assert!(
        comparisons <= order::MAX_COMPARISONS_PER_TEST,
        "{comparisons} order comparisons: the chance of a false alarm would exceed 1e-6"
    );
    for report in reports {
        assert_eq!(
            report.present, counted,
            "{}: the linker must read every counted ballot, or it proves nothing",
            report.label
        );
    }
    if cfg!(feature = "weak-secret-ballots") {
        let first = reports.first().expect("at least one copy");
        assert_eq!(
            first.linked_by_evidence().len(),
            first.voters,
            "the weak build leaks, so the linker must link every voter:\n{first}"
        );
    } else {
        for report in reports {
            assert!(!report.broken(), "a secret ballot was linked:\n{report}");
        }
    }
}
