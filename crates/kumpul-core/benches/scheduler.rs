//! Scheduler benchmark: 100,000 pending reminders due within a short window.
//!
//! Reports start-up time with that many pending jobs, firing lateness (delivery time minus
//! due time) as p50/p99/max, throughput, and the process's peak resident memory.
//!
//! ```text
//! cargo bench -p kumpul-core --bench scheduler                      # SQLite
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!   cargo bench -p kumpul-core --bench scheduler                    # PostgreSQL too
//! BENCH_JOBS=20000 BENCH_WINDOW_SECS=20 cargo bench …               # smaller run
//! BENCH_SKIP_SQLITE=1 BENCH_POSTGRES_URL=… cargo bench …            # PostgreSQL only
//! ```

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kumpul_core::bot::Bot;
use kumpul_core::notify::{BoxFuture, Delivery, DeliveryError, Notifier};
use kumpul_core::scheduler::{NewJob, Scheduler, SchedulerConfig, repo as jobs_repo};
use kumpul_core::store::{Location, Store};
use kumpul_core::testing::FreshPostgres;
use kumpul_core::testing::internals::{
    REMINDER_JOB, occurrence_key, reminders_repo, space_repo as settings_repo,
};
use kumpul_core::time::clock::{Clock, SystemClock};
use tokio_util::sync::CancellationToken;

/// Records how late each delivery arrived.
struct Lateness {
    samples: Mutex<Vec<i64>>,
}

impl Notifier for Lateness {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let due: i64 = delivery
                .key
                .rsplit(':')
                .next()
                .and_then(|d| d.parse().ok())
                .unwrap_or(0);
            let late = SystemClock.now_ms() - due;
            self.samples.lock().unwrap().push(late);
            Ok(())
        })
    }
}

fn env_number(name: &str, default: i64) -> i64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Peak resident set size of this process, from /proc (Linux).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn percentile(sorted: &[i64], p: f64) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

async fn run(label: &str, location: Location) -> anyhow::Result<()> {
    let jobs = env_number("BENCH_JOBS", 100_000);
    let window_ms = env_number("BENCH_WINDOW_SECS", 60) * 1000;
    // Inserting takes about 0.2 ms per reminder on SQLite and up to 1 ms on PostgreSQL here.
    let per_job_us = if label == "SQLite" { 250 } else { 1_000 };
    let lead_ms = 15_000 + jobs * per_job_us / 1000;
    let store = Store::open(&location, 8).await?;
    let config = kumpul_core::testing::config();
    let bot = Bot::new(store.clone(), config)?;

    // Schedule: reminders in 100 spaces, due evenly over the window, starting after a lead
    // long enough to insert them all.
    let insert_started = Instant::now();
    let first_due = SystemClock.now_ms() + lead_ms;
    let mut tx = store.pool().begin().await?;
    for space in 0..100 {
        settings_repo::ensure_space(&mut tx, &format!("console:space{space}"), 0).await?;
    }
    for i in 0..jobs {
        let due = first_due + i * window_ms / jobs;
        let space = format!("console:space{}", i % 100);
        let id = i + 1;
        let new = reminders_repo::NewReminder {
            id,
            space_id: &space,
            channel_id: None,
            creator_id: "console:bench",
            creator_name: "bench",
            group_id: None,
            text: "stand up and stretch",
            zone: "UTC",
            rrule: None,
            anchor_date: None,
            next_at: due,
            created_at: 0,
        };
        reminders_repo::insert_reminder(&mut tx, &new).await?;
        let job = NewJob {
            kind: REMINDER_JOB,
            payload: format!("{{\"reminder\":{id}}}"),
            space_id: space.clone(),
            due_at: due,
            idempotency_key: occurrence_key(id, due),
        };
        jobs_repo::insert_job(&mut tx, &job, 0).await?;
        if i % 10_000 == 9_999 {
            tx.commit().await?;
            tx = store.pool().begin().await?;
        }
    }
    tx.commit().await?;
    let inserted_in = insert_started.elapsed();
    if SystemClock.now_ms() > first_due {
        anyhow::bail!("inserting took longer than the lead time; raise the lead");
    }

    let notifier = Arc::new(Lateness {
        samples: Mutex::new(Vec::with_capacity(jobs as usize)),
    });
    let scheduler = Scheduler::new(
        bot.clone(),
        notifier.clone(),
        Arc::new(SystemClock),
        SchedulerConfig::default(),
    );
    let start_began = Instant::now();
    scheduler.start().await?;
    let started_in = start_began.elapsed();

    let cancel = CancellationToken::new();
    let task = tokio::spawn(scheduler.clone().run(cancel.clone()));
    let deadline = Instant::now()
        + Duration::from_millis((lead_ms + window_ms) as u64)
        + Duration::from_secs(600);
    loop {
        let done = notifier.samples.lock().unwrap().len() as i64;
        if done >= jobs || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    cancel.cancel();
    task.await??;

    let mut samples = notifier.samples.lock().unwrap().clone();
    samples.sort_unstable();
    println!("scheduler bench — {label}");
    println!(
        "  jobs scheduled:        {jobs} over {} s ({} per second)",
        window_ms / 1000,
        jobs * 1000 / window_ms.max(1)
    );
    println!(
        "  inserted in:           {:.1} s",
        inserted_in.as_secs_f64()
    );
    println!(
        "  start-up with pending: {:.0} ms",
        started_in.as_secs_f64() * 1000.0
    );
    println!("  delivered:             {} of {jobs}", samples.len());
    println!(
        "  firing lateness:       p50 {} ms, p99 {} ms, max {} ms",
        percentile(&samples, 0.50),
        percentile(&samples, 0.99),
        samples.last().copied().unwrap_or(0)
    );
    println!(
        "  peak resident memory:  {:.1} MiB (whole process so far)",
        peak_rss_mib()
    );
    store.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    if std::env::var("BENCH_SKIP_SQLITE").is_err() {
        run("SQLite", Location::SqliteFile(dir.path().join("bench.db"))).await?;
    }
    if let Ok(server) = std::env::var("BENCH_POSTGRES_URL") {
        let db = FreshPostgres::create(&server).await;
        run("PostgreSQL", Location::Postgres(db.url.clone())).await?;
    }
    Ok(())
}
