//! Vote-path benchmark: votes per second through the whole core (parse → handler → durable
//! commit → localised reply) against the physical limit measured in the same run — raw
//! single-row upserts straight into SQLite itself, and `pgbench` on PostgreSQL (see
//! `raw.rs`).
//!
//! Every case runs a warm-up, then several samples (median and spread are printed), for
//! first votes (inserts) and changed votes (each voter's ballot replaced), one voter at a
//! time and 64 voters at once — 64 votes in flight, each by a different person.
//!
//! ```text
//! cargo bench -p kumpul-core --bench votes                           # SQLite
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!   cargo bench -p kumpul-core --bench votes                         # PostgreSQL too
//! BENCH_SKIP_SQLITE=1 BENCH_POSTGRES_URL=… cargo bench …             # PostgreSQL only
//! BENCH_VOTES=4000 BENCH_SAMPLES=7 cargo bench -p kumpul-core --bench votes
//! BENCH_SYNCHRONOUS=normal cargo bench -p kumpul-core --bench votes  # not durable
//! ```

#[path = "raw.rs"]
mod raw;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use kumpul_core::bot::Bot;
use kumpul_core::identity::{Actor, Invocation, Platform, Role, SpaceId, UserId};
use kumpul_core::reply::Tone;
use kumpul_core::store::{Location, Store, StoreOptions, Synchronous};
use kumpul_core::testing::FreshPostgres;

use raw::Write;

/// Connections in kumpul's pool: `database.max_connections`' default.
const POOL: u32 = 8;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn invocation(voter: usize) -> Invocation {
    Invocation {
        space: SpaceId::new(Platform::Console, "bench"),
        channel: None,
        actor: Actor {
            user: UserId::new(Platform::Console, format!("voter{voter}")),
            display_name: format!("voter{voter}"),
            role: Role::Member,
            roles: Vec::new(),
            locale: None,
        },
        now_ms: 1_800_000_000_000,
        space_locale: None,
    }
}

/// Casts votes `first..first + count` with `workers` in flight at once; votes per second.
/// Voter `i` picks option `i % 3 + 1 + shift` (mod 3), so a second pass with another
/// `shift` replaces every ballot with a different choice.
async fn cast(bot: &Bot, first: usize, count: usize, workers: usize, shift: usize) -> f64 {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..workers {
        let (bot, next) = (bot.clone(), next.clone());
        tasks.spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    break;
                }
                let voter = first + i;
                let option = (voter + shift) % 3 + 1;
                let reply = bot
                    .handle_text(&invocation(voter), &format!("poll vote 1 {option}"))
                    .await;
                assert_eq!(reply.tone, Tone::Success, "{}", reply.plain_text());
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a voter panicked");
    }
    count as f64 / started.elapsed().as_secs_f64()
}

/// What one case measured: the samples of the core path and of the raw limit.
#[derive(Default)]
struct Case {
    core: Vec<f64>,
    raw: Vec<f64>,
}

fn print_case(label: &str, case: &Case) {
    let (core, core_lo, core_hi) = raw::summary(&case.core);
    let (raw, raw_lo, raw_hi) = raw::summary(&case.raw);
    println!(
        "  {label:<28} core {core:>7.0} votes/s ({core_lo:.0}–{core_hi:.0})   \
         raw {raw:>7.0}/s ({raw_lo:.0}–{raw_hi:.0})   ratio {:.2}",
        core / raw
    );
}

/// Where the raw limit is measured: a SQLite file beside kumpul's, or pgbench.
enum Limit<'a> {
    Sqlite(&'a std::path::Path, &'static str),
    Postgres(&'a str),
}

impl Limit<'_> {
    fn measure(&self, rows: usize, clients: usize, write: Write) -> f64 {
        match self {
            // SQLite has one writer: its limit is one connection, one durable commit each,
            // whatever the number of voters.
            Limit::Sqlite(path, synchronous) => raw::sqlite_upserts(path, synchronous, rows, write),
            // pgbench with as many connections as kumpul can use at once.
            Limit::Postgres(url) => {
                let clients = clients.min(POOL as usize);
                raw::pgbench_upserts(url, clients, rows.div_ceil(clients), write)
            }
        }
    }
}

async fn run(label: &str, location: Location, limit: Limit<'_>, synchronous: Synchronous) {
    let votes = env_number("BENCH_VOTES", 2_000);
    let samples = env_number("BENCH_SAMPLES", 5);
    let options = StoreOptions {
        synchronous,
        ..StoreOptions::new(POOL)
    };
    let store = Store::open_with(&location, &options)
        .await
        .expect("opening the store");
    let bot = Bot::new(store.clone(), kumpul_core::testing::config()).expect("a bot");
    let created = bot
        .handle_text(&invocation(0), "poll create Bench? | red | green | blue")
        .await;
    assert_ne!(created.tone, Tone::Error, "{}", created.plain_text());
    println!(
        "vote path — {label} (synchronous {synchronous:?}, pool {POOL}), \
         {samples} samples of {votes} votes after a warm-up"
    );
    // Voters never seen before in every sample, and replacements of exactly those.
    let mut voter = 1;
    cast(&bot, voter, votes / 4, 8, 0).await;
    voter += votes / 4;
    let mut cast_total = votes / 4;
    for workers in [1, 64] {
        let (mut inserts, mut replaces) = (Case::default(), Case::default());
        for _ in 0..samples {
            inserts
                .raw
                .push(limit.measure(votes, workers, Write::Insert));
            inserts
                .core
                .push(cast(&bot, voter, votes, workers, 0).await);
            replaces
                .raw
                .push(limit.measure(votes, workers, Write::Replace));
            replaces
                .core
                .push(cast(&bot, voter, votes, workers, 1).await);
            voter += votes;
            cast_total += votes;
        }
        print_case(&format!("{workers:>2} at a time, first votes"), &inserts);
        print_case(&format!("{workers:>2} at a time, changed votes"), &replaces);
    }
    let results = bot
        .handle_text(&invocation(0), "poll results 1")
        .await
        .plain_text();
    let expected = format!("{cast_total} ballots");
    assert!(results.contains(&expected), "tally mismatch: {results}");
    println!("  tally check: {expected} counted exactly");
    store.close().await;
}

#[tokio::main]
async fn main() {
    // `database.synchronous`: full (the default) unless BENCH_SYNCHRONOUS=normal.
    let (synchronous, pragma) = match std::env::var("BENCH_SYNCHRONOUS").as_deref() {
        Ok("normal") => (Synchronous::Normal, "NORMAL"),
        _ => (Synchronous::Full, "FULL"),
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    if std::env::var_os("BENCH_SKIP_SQLITE").is_none() {
        let raw_file = dir.path().join("raw.db");
        run(
            "SQLite",
            Location::SqliteFile(dir.path().join("votes.db")),
            Limit::Sqlite(&raw_file, pragma),
            synchronous,
        )
        .await;
    }
    if let Ok(server) = std::env::var("BENCH_POSTGRES_URL") {
        let kumpul = FreshPostgres::create(&server).await;
        let limit = FreshPostgres::create(&server).await;
        run(
            "PostgreSQL",
            Location::Postgres(kumpul.url.clone()),
            Limit::Postgres(&limit.url),
            synchronous,
        )
        .await;
    }
}
