//! Vote-path benchmark: votes per second through the whole core (parse → handler →
//! commit → reply) against raw single-row upserts on the same database in the same
//! process, sequentially and with 64 concurrent voters.
//!
//! ```text
//! cargo bench -p kumpul-core --bench votes                      # SQLite
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!   cargo bench -p kumpul-core --bench votes                    # PostgreSQL too
//! BENCH_VOTES=20000 cargo bench -p kumpul-core --bench votes    # votes per measurement
//! BENCH_SYNCHRONOUS=normal cargo bench -p kumpul-core --bench votes  # SQLite's old setting
//! ```

use std::sync::Arc;
use std::time::Instant;

use kumpul_core::bot::Bot;
use kumpul_core::identity::{Actor, Invocation, Platform, Role, SpaceId, UserId};
use kumpul_core::reply::Tone;
use kumpul_core::store::{Location, Store, StoreOptions, Synchronous};
use kumpul_core::testing::FreshPostgres;
use sqlx::Executor;

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

/// Runs `votes` operations split over `workers` tasks; returns operations per second.
async fn measure<F, Fut>(votes: usize, workers: usize, op: F) -> f64
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let op = Arc::new(op);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for worker in 0..workers {
        let op = op.clone();
        tasks.spawn(async move {
            let mut i = worker;
            while i < votes {
                op(i).await;
                i += workers;
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a worker panicked");
    }
    votes as f64 / started.elapsed().as_secs_f64()
}

async fn run(label: &str, location: Location) -> anyhow::Result<()> {
    let votes: usize = std::env::var("BENCH_VOTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    // `database.synchronous`: full (the default) unless BENCH_SYNCHRONOUS=normal.
    let synchronous = match std::env::var("BENCH_SYNCHRONOUS").as_deref() {
        Ok("normal") => Synchronous::Normal,
        _ => Synchronous::Full,
    };
    let options = StoreOptions {
        synchronous,
        ..StoreOptions::new(8)
    };
    let store = Store::open_with(&location, &options).await?;
    let config = kumpul_core::testing::config();
    let bot = Bot::new(store.clone(), config)?;
    store
        .pool()
        .execute("CREATE TABLE bench_raw (poll_id BIGINT NOT NULL, voter TEXT NOT NULL, choice TEXT NOT NULL, PRIMARY KEY (poll_id, voter))")
        .await?;
    let created = bot
        .handle_text(&invocation(0), "poll create Bench? | red | green | blue")
        .await;
    anyhow::ensure!(
        created.tone != Tone::Error,
        "could not create the poll: {}",
        created.plain_text()
    );

    println!(
        "vote path bench — {label} (synchronous {synchronous:?}), {votes} votes per measurement"
    );
    for workers in [1, 64] {
        // Fresh voters per measurement so every run inserts (then a second pass updates).
        let offset = workers * 1_000_000;
        let raw_store = store.clone();
        let raw = measure(votes, workers, move |i| {
            let store = raw_store.clone();
            async move {
                sqlx::query(
                    "INSERT INTO bench_raw (poll_id, voter, choice) VALUES ($1, $2, $3) \
                     ON CONFLICT (poll_id, voter) DO UPDATE SET choice = excluded.choice",
                )
                .bind(1_i64)
                .bind(format!("console:voter{}", i + offset))
                .bind("[1]")
                .execute(store.pool())
                .await
                .expect("raw upsert");
            }
        })
        .await;
        let core_bot = bot.clone();
        let core = measure(votes, workers, move |i| {
            let bot = core_bot.clone();
            async move {
                let reply = bot
                    .handle_text(
                        &invocation(i + offset),
                        &format!("poll vote 1 {}", i % 3 + 1),
                    )
                    .await;
                assert_eq!(reply.tone, Tone::Success, "{}", reply.plain_text());
            }
        })
        .await;
        println!(
            "  {workers:>2} voter(s) at a time: core {core:>7.0} votes/s, raw upserts {raw:>7.0}/s, ratio {:.2}",
            core / raw
        );
    }
    let results = bot
        .handle_text(&invocation(0), "poll results 1")
        .await
        .plain_text();
    let expected = format!("{} ballots", 2 * votes);
    anyhow::ensure!(results.contains(&expected), "tally mismatch: {results}");
    println!("  tally check: {expected} counted exactly");
    store.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    run("SQLite", Location::SqliteFile(dir.path().join("votes.db"))).await?;
    if let Ok(server) = std::env::var("BENCH_POSTGRES_URL") {
        let db = FreshPostgres::create(&server).await;
        run("PostgreSQL", Location::Postgres(db.url.clone())).await?;
    }
    Ok(())
}
