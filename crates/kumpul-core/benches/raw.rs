//! The physical limit a benchmark's figures are divided by, measured in the same run:
//! single-row upserts straight into the database engine, with nothing of kumpul in the way.
//!
//! - SQLite: one connection of SQLite itself (rusqlite on the same bundled library sqlx
//!   uses), the statement prepared once, kumpul's pragmas (WAL, `busy_timeout`,
//!   `foreign_keys`, `secure_delete`) and the same `synchronous` setting, each upsert its
//!   own autocommit transaction — so with `synchronous = full`, one durable commit each.
//! - PostgreSQL: `pgbench` itself, prepared statements (`-M prepared`), the same number of
//!   client connections as the path it is compared with.
//!
//! Included by path from other benches (`#[path = "…/raw.rs"] mod raw;`), so every
//! benchmark measures the same limit the same way.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The table both baselines write: the shape of a ballot (poll, voter, choices).
const TABLE: &str = "CREATE TABLE IF NOT EXISTS bench_raw (poll_id BIGINT NOT NULL, \
    voter TEXT NOT NULL, choice TEXT NOT NULL, PRIMARY KEY (poll_id, voter))";

const UPSERT: &str = "INSERT INTO bench_raw (poll_id, voter, choice) VALUES (1, ?1, ?2) \
    ON CONFLICT (poll_id, voter) DO UPDATE SET choice = excluded.choice";

/// Whether an upsert adds a row or replaces one (a first vote or a changed vote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    Insert,
    Replace,
}

/// Upserts per second of SQLite itself: `rows` single-row upserts, one autocommit
/// transaction each, on `path` (created) with kumpul's pragmas and `synchronous`
/// (`"FULL"` or `"NORMAL"`). `Replace` first inserts the rows in one transaction, then
/// times replacing each.
pub fn sqlite_upserts(path: &Path, synchronous: &str, rows: usize, write: Write) -> f64 {
    let conn = rusqlite::Connection::open(path).expect("opening the raw SQLite file");
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
         PRAGMA synchronous = {synchronous}; PRAGMA secure_delete = ON; {TABLE}; \
         DELETE FROM bench_raw;"
    ))
    .expect("configuring the raw SQLite file");
    let voter = |i: usize| format!("discord:{:018}", 100_000_000_000_000_000 + i);
    let mut upsert = conn.prepare(UPSERT).expect("preparing the raw upsert");
    if write == Write::Replace {
        conn.execute_batch("BEGIN").expect("begin");
        for i in 0..rows {
            upsert.execute((voter(i), "[0]")).expect("raw insert");
        }
        conn.execute_batch("COMMIT").expect("commit");
    }
    let started = Instant::now();
    for i in 0..rows {
        upsert.execute((voter(i), "[1]")).expect("raw upsert");
    }
    rows as f64 / started.elapsed().as_secs_f64()
}

/// Transactions per second of `pgbench` running the same single-row upsert on `url` with
/// `clients` connections, `per_client` upserts each, prepared statements. `Replace`
/// first fills the table with every voter the run will pick, so each upsert replaces.
pub fn pgbench_upserts(url: &str, clients: usize, per_client: usize, write: Write) -> f64 {
    let voters = clients * per_client;
    let psql = |sql: &str| {
        let status = Command::new("psql")
            .env("PGOPTIONS", "-c client_min_messages=warning")
            .args(["-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
            .status()
            .expect("running psql (is the PostgreSQL client installed?)");
        assert!(status.success(), "psql failed: {sql}");
    };
    psql(TABLE);
    psql("TRUNCATE bench_raw");
    let script = match write {
        // Fresh voters: drawn from 10^12, so a repeat (a replacement) is vanishingly rare.
        Write::Insert => "\\set voter random(1, 1000000000000)\n\
             INSERT INTO bench_raw (poll_id, voter, choice) VALUES (1, 'discord:' || :voter, '[1]') \
             ON CONFLICT (poll_id, voter) DO UPDATE SET choice = excluded.choice;\n"
            .to_string(),
        Write::Replace => {
            psql(&format!(
                "INSERT INTO bench_raw SELECT 1, 'discord:' || g, '[0]' FROM generate_series(1, {voters}) g"
            ));
            format!(
                "\\set voter random(1, {voters})\n\
                 INSERT INTO bench_raw (poll_id, voter, choice) VALUES (1, 'discord:' || :voter, '[1]') \
                 ON CONFLICT (poll_id, voter) DO UPDATE SET choice = excluded.choice;\n"
            )
        }
    };
    let file = tempfile::NamedTempFile::new().expect("a pgbench script file");
    std::fs::write(file.path(), script).expect("writing the pgbench script");
    let output = Command::new("pgbench")
        .args(["-n", "-M", "prepared", "-c", &clients.to_string()])
        .args([
            "-j",
            &clients.min(2).to_string(),
            "-t",
            &per_client.to_string(),
        ])
        .arg("-f")
        .arg(file.path())
        .arg(url)
        .output()
        .expect("running pgbench (Debian: postgresql-contrib or postgresql-client)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "pgbench failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // "tps = 1234.567890 (without initial connection time)"
    stdout
        .lines()
        .find_map(|line| {
            line.strip_prefix("tps = ")
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|tps| tps.parse().ok())
        })
        .unwrap_or_else(|| panic!("no tps line in pgbench's output: {stdout}"))
}

/// The median and the spread (lowest, highest) of `samples`.
pub fn summary(samples: &[f64]) -> (f64, f64, f64) {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    (
        median,
        sorted.first().copied().unwrap_or(f64::NAN),
        sorted.last().copied().unwrap_or(f64::NAN),
    )
}
