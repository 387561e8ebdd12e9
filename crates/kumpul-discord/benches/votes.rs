#![recursion_limit = "256"]
//! Votes through Discord, end to end: button clicks on a public single-choice poll sent by
//! the fake Discord's gateway to the real serenity client and kumpul (wired as `kumpul
//! run` wires it), each timed from the `INTERACTION_CREATE` dispatch to the fake receiving
//! kumpul's interaction response — first votes (inserts) and changed votes (replacing a
//! ballot), one voter at a time and 64 voters at once (64 clicks in flight, each by a
//! different person). Every case gets a warm-up round, then several samples; figures are
//! the median and the spread across samples, beside the physical limit measured in the
//! same run between kumpul's samples: single-row durable upserts straight into SQLite (one
//! connection, prepared once, the same pragmas and `synchronous`), or `pgbench` with the
//! connections kumpul's pool may use. Beside each sample through Discord, as many other
//! voters vote in kumpul's core directly (the invocation the adapter builds), so the
//! difference is what Discord adds: the gateway, serenity, rendering and the REST answer.
//! After each case the poll's results must count exactly the votes sent.
//!
//! The fake Discord and the voters run on one thread of their own and kumpul on a runtime
//! of two workers (as `kumpul run` on this 2-core machine), so the CPU time of that thread
//! is what the fake costs; it is printed beside the figures.
//!
//! ```text
//! cargo bench -p kumpul-discord --bench votes                     # SQLite
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!   cargo bench -p kumpul-discord --bench votes                   # and PostgreSQL
//! BENCH_VOTES=2000 BENCH_SAMPLES=5 BENCH_WARMUP=500 …             # the defaults
//! BENCH_SKIP_SQLITE=1 …                                           # PostgreSQL only
//! ```

#[path = "../tests/fake/mod.rs"]
mod fake;
#[path = "votes/kumpul.rs"]
mod kumpul;
#[path = "../../kumpul-core/benches/raw.rs"]
mod raw;
#[path = "votes/report.rs"]
mod report;
#[path = "votes/voters.rs"]
mod voters;

use std::path::PathBuf;
use std::sync::Arc;

use fake::FakeDiscord;
use kumpul_core::port::{Bot, Location};
use raw::Write;
use report::{CpuClock, Sample, Scenario};
use tokio::runtime::Handle;
use voters::Voters;

/// How much to measure (from `BENCH_*` variables).
struct Plan {
    votes: u64,
    samples: u64,
    warmup: u64,
}

impl Plan {
    /// Voters per case: the warm-up's, and the samples' through Discord and in the core.
    fn people(&self) -> u64 {
        self.warmup + 2 * self.samples * self.votes
    }
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Where kumpul keeps its data, and the engine's own limit to divide by.
enum Backend {
    Sqlite { kumpul: PathBuf, raw: PathBuf },
    Postgres { url: String },
}

impl Backend {
    fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite { .. } => "SQLite",
            Backend::Postgres { .. } => "PostgreSQL",
        }
    }

    fn location(&self) -> Location {
        match self {
            Backend::Sqlite { kumpul, .. } => Location::SqliteFile(kumpul.clone()),
            Backend::Postgres { url } => Location::Postgres(url.clone()),
        }
    }

    /// The connections the limit uses when kumpul has `at_once` votes in flight: as many
    /// as kumpul's pool could use for them.
    fn limit_name(&self, at_once: u64) -> String {
        match self {
            Backend::Sqlite { .. } => {
                "raw SQLite upserts (1 connection, synchronous = FULL)".into()
            }
            Backend::Postgres { .. } => {
                let clients = at_once.min(u64::from(kumpul::POOL));
                format!("pgbench upserts ({clients} connection(s), prepared)")
            }
        }
    }

    /// One sample of the limit: `rows` single-row upserts, per second.
    async fn limit(&self, rows: u64, at_once: u64, write: Write) -> f64 {
        let rows = rows as usize;
        let clients = at_once.min(u64::from(kumpul::POOL)) as usize;
        let backend = match self {
            Backend::Sqlite { raw, .. } => Err(raw.clone()),
            Backend::Postgres { url } => Ok(url.clone()),
        };
        tokio::task::spawn_blocking(move || match backend {
            Err(path) => raw::sqlite_upserts(&path, "FULL", rows, write),
            Ok(url) => raw::pgbench_upserts(&url, clients, rows / clients, write),
        })
        .await
        .expect("measuring the limit")
    }
}

/// What the poll must show: how many ballots are for each option.
#[derive(Default)]
struct Tally {
    soto: u64,
    bakso: u64,
}

/// The poll's two buttons.
struct Buttons {
    soto: String,
    bakso: String,
}

/// Everything measured on one backend, through a fresh fake Discord and a fresh kumpul.
async fn bench_backend(plan: &Plan, runtime: Handle, backend: &Backend) -> Vec<Scenario> {
    let fake = Arc::new(FakeDiscord::start().await);
    let kumpul = kumpul::Kumpul::start(runtime, &fake, backend.location()).await;
    let (soto, bakso) = kumpul::create_poll(&fake, "11").await;
    let buttons = Buttons { soto, bakso };
    let voters = Voters::new(fake.clone());
    let mut tally = Tally::default();
    let mut scenarios = Vec::new();
    let mut first = 0;
    for (case, (at_once, write)) in [
        (1, Write::Insert),
        (1, Write::Replace),
        (64, Write::Insert),
        (64, Write::Replace),
    ]
    .into_iter()
    .enumerate()
    {
        let scenario = Scenario {
            backend: backend.name(),
            at_once,
            write,
            limit_name: backend.limit_name(at_once),
            samples: Vec::new(),
            core: Vec::new(),
            limit: Vec::new(),
        };
        let run = Run {
            plan,
            backend,
            voters: &voters,
            kumpul: &kumpul,
            buttons: &buttons,
            first,
        };
        let scenario = run.samples(scenario).await;
        scenario.print();
        // Every voter of the case voted once: for soto first, then changed to bakso.
        let people = plan.people();
        match write {
            Write::Insert => tally.soto += people,
            Write::Replace => {
                tally.soto -= people;
                tally.bakso += people;
                first += people;
            }
        }
        check(&fake, &kumpul.bot, &(12 + case).to_string(), &tally).await;
        scenarios.push(scenario);
    }
    kumpul.stop().await;
    scenarios
}

/// One case being measured: its voters are `first .. first + plan.people()`.
struct Run<'a> {
    plan: &'a Plan,
    backend: &'a Backend,
    voters: &'a Arc<Voters>,
    kumpul: &'a kumpul::Kumpul,
    buttons: &'a Buttons,
    first: u64,
}

impl Run<'_> {
    /// The warm-up round, then the samples: each a round through Discord, a round in the
    /// core alone (other voters, the same number) and one sample of the limit — in that
    /// order on even samples and the reverse on odd ones, so none always goes first.
    async fn samples(&self, mut scenario: Scenario) -> Scenario {
        let plan = self.plan;
        let (at_once, write) = (scenario.at_once, scenario.write);
        let button = match write {
            Write::Insert => &self.buttons.soto,
            Write::Replace => &self.buttons.bakso,
        };
        let clicking = voters::clicking(self.voters, button);
        let pressing = self.kumpul.pressing(button);
        voters::round(self.first, plan.warmup, at_once, clicking.clone()).await;
        for k in 0..plan.samples {
            let through_discord = self.first + plan.warmup + k * plan.votes;
            let in_core = self.first + plan.warmup + (plan.samples + k) * plan.votes;
            let mut steps = [0, 1, 2];
            if k % 2 == 1 {
                steps.reverse();
            }
            for step in steps {
                match step {
                    0 => {
                        let limit = self.backend.limit(plan.votes, at_once, write).await;
                        scenario.limit.push(limit);
                    }
                    1 => {
                        let clock = CpuClock::start();
                        let round =
                            voters::round(through_discord, plan.votes, at_once, clicking.clone())
                                .await;
                        scenario.samples.push(Sample::of(&round, clock.stop()));
                    }
                    _ => {
                        let clock = CpuClock::start();
                        let round =
                            voters::round(in_core, plan.votes, at_once, pressing.clone()).await;
                        scenario.core.push(Sample::of(&round, clock.stop()));
                    }
                }
            }
        }
        scenario
    }
}

/// Checks the poll counts exactly `tally`: the number of ballots in its results asked for
/// through Discord, and each option's count in the core's full text of the same results
/// (Discord's message is shortened: a public poll lists every voter's name).
async fn check(fake: &FakeDiscord, bot: &Bot, id: &str, tally: &Tally) {
    let ballots = tally.soto + tally.bakso;
    let shown = kumpul::results(fake, id).await;
    let counted = format!("{ballots} ballots");
    assert!(
        shown.contains(&counted),
        "Discord should show {counted}: {shown}"
    );
    let full = kumpul::results_text(bot).await;
    for (option, count) in [("soto", tally.soto), ("bakso", tally.bakso)] {
        let line = full
            .lines()
            .find(|line| line.contains(option))
            .unwrap_or_else(|| panic!("no line for {option} in the results: {full}"));
        assert!(
            line.contains(&format!("({count})")),
            "{option} should have {count} ballots: {line}"
        );
    }
    println!(
        "  tally exact: {ballots} ballots, soto {}, bakso {}",
        tally.soto, tally.bakso
    );
}

async fn bench(runtime: Handle) {
    let plan = Plan {
        votes: env("BENCH_VOTES", 2_000).max(1),
        samples: env("BENCH_SAMPLES", 5).max(1),
        warmup: env("BENCH_WARMUP", 500),
    };
    println!(
        "votes through Discord: {} samples × {} votes after {} warm-up votes, per case",
        plan.samples, plan.votes, plan.warmup
    );
    println!("load average at the start: {}", load_average());
    let mut scenarios = Vec::new();
    if std::env::var_os("BENCH_SKIP_SQLITE").is_none() {
        let dir = tempfile::tempdir().expect("a folder for the databases");
        let backend = Backend::Sqlite {
            kumpul: dir.path().join("kumpul.db"),
            raw: dir.path().join("raw.db"),
        };
        scenarios.extend(bench_backend(&plan, runtime.clone(), &backend).await);
    }
    if let Ok(server) = std::env::var("BENCH_POSTGRES_URL") {
        let db = kumpul_core::testing::FreshPostgres::create(&server).await;
        let backend = Backend::Postgres {
            url: db.url.clone(),
        };
        scenarios.extend(bench_backend(&plan, runtime, &backend).await);
    }
    println!();
    report::table(&scenarios);
    println!("load average at the end: {}", load_average());
}

/// The machine's load average (1, 5, 15 minutes): other work on the 2 cores and the disk
/// moves the absolute figures, so the run says how busy the machine was.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    // kumpul as `kumpul run` has it on this machine: a runtime with a worker per core.
    let kumpul = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("kumpul")
        .enable_all()
        .build()
        .expect("kumpul's runtime");
    // The fake Discord and the voters: this thread alone, so its CPU time is theirs.
    let discord = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the fake Discord's runtime");
    discord.block_on(bench(kumpul.handle().clone()));
}
