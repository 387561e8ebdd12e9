//! Scheduler benchmark: draining an overdue backlog at start-up, and one cancel and one
//! claim with a million pending jobs, each beside the physical limit measured in the same
//! run (single-row UPDATEs straight through the database driver: no pool, no `Any`
//! driver, prepared once, the same pragmas).
//!
//! - **Steady firing**: reminders due evenly over a window while the loop runs on the
//!   system clock; how late each is rendered (p50/p99/max; target p99 < 1 s).
//! - **Backlog drain**: `N` personal reminders fell due while kumpul was down (all within
//!   the grace window, so each is sent with its "late" note). Timed from
//!   `Scheduler::start` until the queue is empty; every message goes through the real job
//!   code and is rendered as the console renders it by the notifier, which also checks
//!   that each arrived once with its text. The clock stands still at start-up, so every
//!   job keeps the lateness it had then. Two sizes, 10× apart: the ratio of their times
//!   is the target (≤ 11: claiming costs O(batch) whatever the backlog).
//! - **Cancel and claim at 1M pending**: `event_reminder` jobs, three per event; one
//!   cancel of an event's reminders (`cancel_jobs_of`, in its own transaction, as `event
//!   edit` does), and one claim of a batch (64). Each beside the statement it replaced,
//!   run on the same data and rolled back.
//!
//! ```text
//! cargo bench -p kumpul-core --bench scheduler              # SQLite: 20k steady, 5k/50k backlog, 100k pending
//! BENCH_FULL=1 cargo bench -p kumpul-core --bench scheduler # 100k steady, 50k/500k backlog, 1M pending
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!   cargo bench -p kumpul-core --bench scheduler            # PostgreSQL too
//! BENCH_SKIP_SQLITE=1 BENCH_POSTGRES_URL=… cargo bench …    # PostgreSQL only
//! BENCH_SAMPLES=5 cargo bench …                             # samples per figure (default 3)
//! ```

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use kumpul_core::bot::Bot;
use kumpul_core::notify::{Audience, BoxFuture, Delivery, DeliveryError, Notifier};
use kumpul_core::port::{I18n, Locale, Msg, Reply, Tone};
use kumpul_core::scheduler::{Scheduler, SchedulerConfig, repo as jobs_repo};
use kumpul_core::store::{Location, Store};
use kumpul_core::testing::FreshPostgres;
use kumpul_core::testing::internals::space_repo;
use kumpul_core::time::clock::{Clock, ManualClock, SystemClock};
use kumpul_core::vocab::JobKind;

#[path = "scheduler/raw.rs"]
mod raw;
use raw::Limits;

/// The reminders' text; every rendered delivery must carry it.
const TEXT: &str = "stand up and stretch";
/// Spaces the jobs are spread over.
const SPACES: i64 = 100;
/// The moment the clock stands at (UTC ms).
const NOW: i64 = 1_800_000_000_000;
/// Jobs claimed per round trip (the default `SchedulerConfig::batch`).
const BATCH: i64 = 64;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Where one backend's databases are made.
#[derive(Clone)]
enum Target {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Target {
    fn label(&self) -> &'static str {
        match self {
            Target::Sqlite(_) => "SQLite (synchronous = FULL)",
            Target::Postgres(_) => "PostgreSQL",
        }
    }
}

/// A fresh, migrated database and what keeps it alive.
struct Fresh {
    store: Store,
    _postgres: Option<FreshPostgres>,
}

async fn fresh(target: &Target) -> anyhow::Result<Fresh> {
    match target {
        Target::Sqlite(dir) => {
            let path = dir.join(format!("bench-{:016x}.db", fastrand::u64(..)));
            let store = Store::open(&Location::SqliteFile(path), 8).await?;
            Ok(Fresh {
                store,
                _postgres: None,
            })
        }
        Target::Postgres(server) => {
            let db = FreshPostgres::create(server).await;
            let store = Store::open(&Location::Postgres(db.url.clone()), 8).await?;
            Ok(Fresh {
                store,
                _postgres: Some(db),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------
// Figures

/// Samples of one figure, in seconds.
struct Samples(Vec<f64>);

impl Samples {
    fn median(&self) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        let mid = sorted.len() / 2;
        if sorted.len().is_multiple_of(2) {
            (sorted[mid - 1] + sorted[mid]) / 2.0
        } else {
            sorted[mid]
        }
    }

    /// `median (min–max, n samples)` in `unit`, `scale` of them to a second.
    fn shown(&self, scale: f64, unit: &str) -> String {
        let min = self.0.iter().copied().fold(f64::INFINITY, f64::min);
        let max = self.0.iter().copied().fold(0.0, f64::max);
        format!(
            "{:.2} {unit} ({:.2}–{:.2}, {} samples)",
            self.median() * scale,
            min * scale,
            max * scale,
            self.0.len()
        )
    }

    fn us(&self) -> String {
        self.shown(1e6, "µs")
    }

    fn ms(&self) -> String {
        self.shown(1e3, "ms")
    }

    fn secs(&self) -> String {
        self.shown(1.0, "s")
    }
}

// ---------------------------------------------------------------------------------------
// The notifier: renders like the console and records what arrived

/// Renders each delivery as the console adapter prints it (`src/console/render.rs`: a
/// header naming the audience, the tone's marker, the lines, the commands of its buttons,
/// whom it pings) and records it: a key seen twice is a duplicate, a text without the
/// reminder's words a wrong delivery.
struct Rendering {
    bot: Bot,
    /// Delivery time − due time of each delivery, by the system clock (ms).
    lateness: Mutex<Vec<i64>>,
    seen: Mutex<HashSet<String>>,
    duplicates: AtomicU64,
    wrong: AtomicU64,
    bytes: AtomicU64,
}

impl Rendering {
    fn new(bot: &Bot) -> Rendering {
        Rendering {
            bot: bot.clone(),
            lateness: Mutex::new(Vec::new()),
            seen: Mutex::new(HashSet::new()),
            duplicates: AtomicU64::new(0),
            wrong: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    fn delivered(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

/// A delivery rendered as the console renders it: the audience, the tone, the core's text
/// of the reply, the next commands and who is pinged, localised.
fn render(delivery: &Delivery, i18n: &I18n, locale: Locale) -> String {
    let header = match &delivery.audience {
        Audience::Channel => "kumpul:".to_owned(),
        Audience::Moderators => format!(
            "kumpul → {}:",
            i18n.text(locale, &Msg::new("console-moderators"))
        ),
        Audience::Person(recipient) => format!(
            "kumpul → {} ({}):",
            recipient.name,
            i18n.text(locale, &Msg::new("console-only-you"))
        ),
    };
    let reply: &Reply = &delivery.reply;
    let marker = match reply.tone {
        Tone::Success => "✓ ",
        Tone::Error => "✗ ",
        Tone::Warning => "! ",
        Tone::Ping => "📣 ",
        Tone::Info => "",
    };
    // Title, paragraphs, lists and fields as the core writes them out in text.
    let mut lines: Vec<String> = reply.plain_text().lines().map(str::to_owned).collect();
    let commands = reply.commands();
    if !commands.is_empty() {
        let commands: Vec<String> = commands.iter().map(|c| format!("`{c}`")).collect();
        lines.push(format!(
            "→ {}: {}",
            i18n.text(locale, &Msg::new("label-next")),
            commands.join(" · ")
        ));
    }
    if !reply.mentions.users.is_empty() {
        let names: Vec<String> = reply
            .mentions
            .users
            .iter()
            .map(|u| format!("@{}", u.id))
            .collect();
        lines.push(format!(
            "→ {}: {}",
            i18n.text(locale, &Msg::new("console-pings")),
            names.join(", ")
        ));
    }
    let mut out = format!(
        "{header} {marker}{}",
        lines.first().map_or("", String::as_str)
    );
    for line in lines.iter().skip(1) {
        out.push_str("\n  ");
        out.push_str(line);
    }
    out
}

impl Notifier for Rendering {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let locale = delivery.reply.locale.unwrap_or(Locale::En);
            let text = render(delivery, self.bot.i18n(), locale);
            if !text.contains(TEXT) {
                self.wrong.fetch_add(1, Ordering::Relaxed);
            }
            self.bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
            // A reminder's key ends with its due time (`reminder:<id>:<due>`).
            if let Some(due) = delivery
                .key
                .rsplit(':')
                .next()
                .and_then(|d| d.parse::<i64>().ok())
            {
                self.lateness
                    .lock()
                    .unwrap()
                    .push(SystemClock.now_ms() - due);
            }
            if !self.seen.lock().unwrap().insert(delivery.key.clone()) {
                self.duplicates.fetch_add(1, Ordering::Relaxed);
            }
            Ok(())
        })
    }
}

// ---------------------------------------------------------------------------------------
// Filling the queue (bench fixtures: one statement each, rows as the repositories write them)

/// `n` active one-off personal reminders and their pending jobs, due evenly over `span`
/// ms from `first`, in [`SPACES`] spaces, by 1,000 people.
async fn fill_reminders(store: &Store, n: i64, first: i64, span: i64) -> anyhow::Result<()> {
    let mut tx = store.pool().begin().await?;
    for space in 0..SPACES {
        space_repo::ensure_space(&mut tx, &format!("console:space{space}"), 0).await?;
    }
    sqlx::query(
        "INSERT INTO reminders (id, space_id, number, channel_id, creator_id, creator_name, \
         group_id, text, zone, rrule, anchor_date, next_at, status, created_at) \
         WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $1) \
         SELECT i, 'console:space' || (i % 100), i / 100 + 1, NULL, 'console:person' || (i % 1000), \
         'person' || (i % 1000), NULL, $4, 'UTC', NULL, NULL, $2 + i * $3 / $1, 'active', 0 FROM k",
    )
    .bind(n)
    .bind(first)
    .bind(span)
    .bind(TEXT)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO jobs (id, kind, owner_id, payload, space_id, due_at, run_at, status, \
         idempotency_key, created_at) \
         WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $1) \
         SELECT i, 'reminder', i, '{\"reminder\":' || i || '}', 'console:space' || (i % 100), \
         $2 + i * $3 / $1, $2 + i * $3 / $1, 'pending', \
         'reminder:' || i || ':' || ($2 + i * $3 / $1), 0 FROM k",
    )
    .bind(n)
    .bind(first)
    .bind(span)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `n` pending event reminders, three per event (owner), all due before [`NOW`].
async fn fill_pending(store: &Store, n: i64) -> anyhow::Result<()> {
    let mut tx = store.pool().begin().await?;
    space_repo::ensure_space(&mut tx, "console:space0", 0).await?;
    sqlx::query(
        "INSERT INTO jobs (id, kind, owner_id, payload, space_id, due_at, run_at, status, \
         idempotency_key, created_at) \
         WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < $1 - 1) \
         SELECT i + 1, 'event_reminder', i / 3, '{}', 'console:space0', $2 + i, $2 + i, 'pending', \
         'event_reminder:' || (i / 3) || ':0:' || ($2 + i) || ':' || (i % 3), 0 FROM k",
    )
    .bind(n)
    .bind(NOW - n - 1)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Steady firing: jobs due evenly while kumpul runs

fn percentile(sorted: &[i64], p: f64) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// `n` reminders due evenly over `window` seconds, with the loop running on the system
/// clock: how late each one is rendered (the target from the first round: p99 < 1 s).
async fn report_steady(target: &Target, full: bool) -> anyhow::Result<()> {
    let (n, window_ms): (i64, i64) = if full {
        (100_000, 60_000)
    } else {
        (20_000, 20_000)
    };
    let fresh = fresh(target).await?;
    let store = fresh.store.clone();
    let first_due = SystemClock.now_ms() + 5_000;
    fill_reminders(&store, n, first_due, window_ms).await?;
    anyhow::ensure!(
        SystemClock.now_ms() < first_due,
        "filling took longer than the lead"
    );
    let bot = Bot::new(store.clone(), kumpul_core::testing::config())?;
    let notifier = Arc::new(Rendering::new(&bot));
    let scheduler = Scheduler::new(
        bot,
        notifier.clone(),
        Arc::new(SystemClock),
        SchedulerConfig::default(),
    );
    let cancel = tokio_util::sync::CancellationToken::new();
    let task = tokio::spawn(scheduler.run(cancel.clone()));
    let deadline =
        Instant::now() + std::time::Duration::from_millis((5_000 + window_ms + 60_000) as u64);
    while (notifier.delivered() as i64) < n && Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    cancel.cancel();
    task.await??;
    let mut late = notifier.lateness.lock().unwrap().clone();
    late.sort_unstable();
    println!(
        "  steady: {n} reminders due evenly over {} s, {} delivered: lateness p50 {} ms, p99 {} ms, \
         max {} ms (target p99 < 1 s)",
        window_ms / 1000,
        notifier.delivered(),
        percentile(&late, 0.5),
        percentile(&late, 0.99),
        late.last().copied().unwrap_or(0)
    );
    store.close().await;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Backlog drain

/// One drain of an `n`-job backlog on a fresh database: seconds from start-up to empty.
async fn drain(target: &Target, n: i64) -> anyhow::Result<f64> {
    let fresh = fresh(target).await?;
    let store = fresh.store.clone();
    // Due over the 50 minutes before now: later than `late_after`, within `grace`.
    fill_reminders(&store, n, NOW - 50 * 60_000, 48 * 60_000).await?;
    let bot = Bot::new(store.clone(), kumpul_core::testing::config())?;
    let notifier = Arc::new(Rendering::new(&bot));
    let scheduler = Scheduler::new(
        bot,
        notifier.clone(),
        Arc::new(ManualClock::starting_at(NOW)),
        SchedulerConfig::default(),
    );
    let started = Instant::now();
    scheduler.start().await?;
    let ran = scheduler.run_due().await?;
    let took = started.elapsed().as_secs_f64();
    let delivered = notifier.delivered();
    let duplicates = notifier.duplicates.load(Ordering::Relaxed);
    let wrong = notifier.wrong.load(Ordering::Relaxed);
    if ran as i64 != n || delivered as i64 != n || duplicates > 0 || wrong > 0 {
        anyhow::bail!(
            "drain of {n}: ran {ran}, delivered {delivered}, {duplicates} twice, {wrong} without the text"
        );
    }
    let mut conn = store.pool().acquire().await?;
    let done: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE status = 'done'")
        .fetch_one(&mut *conn)
        .await?;
    anyhow::ensure!(done == n, "{done} of {n} jobs recorded done");
    drop(conn);
    store.close().await;
    Ok(took)
}

async fn drains(target: &Target, n: i64, samples: usize) -> anyhow::Result<Samples> {
    let mut took = Vec::new();
    for _ in 0..samples {
        took.push(drain(target, n).await?);
    }
    Ok(Samples(took))
}

/// The least a drain of `n` jobs can cost: per batch, the claim's commit and the outcomes'
/// commit; per job, three row writes (claimed, done, the reminder finished).
fn drain_floor(limits: &Limits, n: i64) -> f64 {
    let batches = (n as f64 / BATCH as f64).ceil();
    limits.floor(2.0 * batches, 3.0 * n as f64)
}

async fn report_drains(
    target: &Target,
    limits: &Limits,
    full: bool,
    samples: usize,
) -> anyhow::Result<()> {
    let (small, big) = if full {
        (50_000, 500_000)
    } else {
        (5_000, 50_000)
    };
    drain(target, 2_000).await?; // warm-up
    let small_took = drains(target, small, samples).await?;
    let big_took = drains(target, big, samples).await?;
    for (n, took) in [(small, &small_took), (big, &big_took)] {
        let rate = n as f64 / took.median();
        println!(
            "  drain of {n:>7} overdue reminders: {}  = {:.0} jobs/s, {:.2} of the raw floor \
             ({:.2} s: 2 durable commits per batch of {BATCH} + 3 row writes per job)",
            took.secs(),
            rate,
            drain_floor(limits, n) / took.median(),
            drain_floor(limits, n)
        );
    }
    println!(
        "  drain {big}/{small} (10× the jobs):   {:.2}× the time  (target ≤ 11)",
        big_took.median() / small_took.median()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Cancel and claim at a million pending

/// The statements these replaced (before the owner column and the two-index claim), run on
/// the same data in a transaction that is rolled back.
const OLD_CANCEL: &str = "UPDATE jobs SET status = 'cancelled', finished_at = $1 WHERE status = 'pending' \
     AND idempotency_key LIKE $2 ESCAPE '!'";
const OLD_CLAIM: &str = "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = $1 \
     WHERE id IN (SELECT id FROM jobs WHERE (status = 'pending' AND run_at <= $2) \
     OR (status = 'running' AND lease_until <= $2) ORDER BY run_at LIMIT $3) \
     RETURNING id, kind, payload, space_id, due_at, attempts, idempotency_key";

async fn report_pending(
    target: &Target,
    limits: &Limits,
    full: bool,
    samples: usize,
) -> anyhow::Result<()> {
    let n: i64 = if full { 1_000_000 } else { 100_000 };
    let fresh = fresh(target).await?;
    let store = fresh.store.clone();
    let filled = Instant::now();
    fill_pending(&store, n).await?;
    println!(
        "  {n} pending event reminders ({} events), filled in {:.1} s",
        n / 3,
        filled.elapsed().as_secs_f64()
    );
    let backend = store.backend();
    let rounds = samples.max(3) * 5;
    let (mut statement, mut whole, mut claims) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds + 3 {
        // Distinct events in the later half: the claims take the earliest jobs, so these
        // are all still pending.
        let owner = n / 6 + round as i64 * (n / 6) / (rounds as i64 + 3);
        let started = Instant::now();
        let mut tx = store.pool().begin().await?;
        let before = Instant::now();
        let cancelled =
            jobs_repo::cancel_jobs_of(&mut tx, JobKind::EventReminder, owner, NOW).await?;
        let statement_took = before.elapsed().as_secs_f64();
        tx.commit().await?;
        let whole_took = started.elapsed().as_secs_f64();
        anyhow::ensure!(
            cancelled == 3,
            "cancelled {cancelled} reminders of event {owner}"
        );
        let mut conn = store.pool().acquire().await?;
        let started = Instant::now();
        let claimed = jobs_repo::claim_due(&mut conn, backend, NOW, NOW + 60_000, BATCH).await?;
        let claim_took = started.elapsed().as_secs_f64();
        anyhow::ensure!(claimed.len() as i64 == BATCH, "claimed {}", claimed.len());
        if round >= 3 {
            statement.push(statement_took);
            whole.push(whole_took);
            claims.push(claim_took);
        }
    }
    let (statement, whole, claims) = (Samples(statement), Samples(whole), Samples(claims));
    let old = old_statements(&store, n).await?;
    println!(
        "  cancel one event's reminders:     statement {}  (target ≤ 5 ms; replaced: {})",
        statement.ms(),
        old.0.ms()
    );
    println!(
        "    with its commit:                {}  = {:.2}× one raw durable single-row UPDATE ({})",
        whole.ms(),
        whole.median() / limits.durable.median(),
        limits.durable.ms()
    );
    let claim_floor = limits.floor(1.0, BATCH as f64);
    println!(
        "  claim one batch of {BATCH}:           {}  = {:.2} of the raw floor ({:.2} ms: 1 durable \
         commit + {BATCH} row writes; replaced: {})",
        claims.ms(),
        claim_floor / claims.median(),
        claim_floor * 1e3,
        old.1.ms()
    );
    store.close().await;
    Ok(())
}

/// Timings of the replaced cancel and claim on the same data, rolled back each time.
async fn old_statements(store: &Store, n: i64) -> anyhow::Result<(Samples, Samples)> {
    let (mut cancels, mut claims) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let owner = fastrand::i64(0..n / 3);
        let mut tx = store.pool().begin().await?;
        let started = Instant::now();
        sqlx::query(OLD_CANCEL)
            .bind(NOW)
            .bind(format!("event!_reminder:{owner}:%"))
            .execute(&mut *tx)
            .await?;
        cancels.push(started.elapsed().as_secs_f64());
        let started = Instant::now();
        sqlx::query(OLD_CLAIM)
            .bind(NOW + 60_000)
            .bind(NOW)
            .bind(BATCH)
            .fetch_all(&mut *tx)
            .await?;
        claims.push(started.elapsed().as_secs_f64());
        tx.rollback().await?;
    }
    Ok((Samples(cancels), Samples(claims)))
}

// ---------------------------------------------------------------------------------------

/// Measures the physical limit and prints it.
async fn limits_now(target: &Target, samples: usize) -> anyhow::Result<Limits> {
    let limits = raw::measure(target, samples.max(5)).await?;
    println!(
        "  physical limit, raw single-row UPDATE: durable {}, in a transaction {}",
        limits.durable.ms(),
        limits.in_transaction.us()
    );
    Ok(limits)
}

async fn run(target: Target) -> anyhow::Result<()> {
    let full = std::env::var("BENCH_FULL").is_ok_and(|v| v == "1");
    let samples = env_number("BENCH_SAMPLES", 3).max(1);
    println!("scheduler bench — {}", target.label());
    report_steady(&target, full).await?;
    // The shared disk's speed drifts: the limit is measured again right before each
    // figure that is set against it.
    let limits = limits_now(&target, samples).await?;
    report_drains(&target, &limits, full, samples).await?;
    let limits = limits_now(&target, samples).await?;
    report_pending(&target, &limits, full, samples).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    if std::env::var("BENCH_SKIP_SQLITE").is_err() {
        run(Target::Sqlite(dir.path().to_owned())).await?;
    }
    if let Ok(server) = std::env::var("BENCH_POSTGRES_URL") {
        run(Target::Postgres(server)).await?;
    }
    Ok(())
}
