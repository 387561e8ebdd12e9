//! The PostgreSQL server restarted in the middle of a vote burst: every pooled session
//! dies at once. Votes during the outage get the storage message (or, when the connection
//! broke mid-write, the "cannot tell whether it was saved" one); every vote confirmed is
//! there afterwards, and kumpul saves again as soon as the server is back, without a
//! restart of its own.
//!
//! It stops the machine's PostgreSQL, so it holds the server exclusively (no other test of
//! this process has a database meanwhile) and needs root with `pg_ctlcluster`; where it
//! cannot run it prints a skip notice, and in CI it fails instead.

use std::process::Command;
use std::time::{Duration, Instant};

use super::burst::{self, Fault, Plan};
use crate::store::{Location, Store};
use crate::testing::{Chat, FreshPostgres, exclusive_postgres_server, postgres_server_url};

/// The installed PostgreSQL cluster version (`/etc/postgresql/<version>`), if any.
fn cluster_version() -> Option<String> {
    let mut versions: Vec<String> = std::fs::read_dir("/etc/postgresql")
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    versions.sort();
    versions.pop()
}

fn pg_ctl(version: &str, action: &str) {
    let mut command = Command::new("pg_ctlcluster");
    command.args(["--skip-systemctl-redirect", version, "main", action]);
    if action == "stop" {
        command.args(["-m", "fast"]);
    }
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("running pg_ctlcluster {action}: {e}"));
    assert!(status.success(), "pg_ctlcluster {action}: {status}");
}

struct Restart {
    version: String,
    server: String,
}

impl Fault for Restart {
    async fn inject(&mut self) {
        pg_ctl(&self.version, "stop");
    }

    /// Starts the server and waits (at most 30 s) until it takes connections again.
    async fn clear(&mut self) {
        pg_ctl(&self.version, "start");
        let deadline = Instant::now() + Duration::from_secs(30);
        while <sqlx::AnyConnection as sqlx::Connection>::connect(&self.server)
            .await
            .is_err()
        {
            assert!(Instant::now() < deadline, "PostgreSQL did not come back");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_server_restarted_mid_burst_loses_nothing_and_kumpul_recovers() {
    let Some(server) = postgres_server_url() else {
        return;
    };
    let version = match cluster_version() {
        Some(version) if is_root() => version,
        _ if std::env::var_os("CI").is_some() => {
            panic!(
                "restarting PostgreSQL needs root and pg_ctlcluster, and may not be skipped in CI"
            )
        }
        _ => {
            eprintln!("skipped: restarting PostgreSQL mid-burst (needs root and pg_ctlcluster)");
            return;
        }
    };
    let _exclusive = exclusive_postgres_server().await;
    let db = FreshPostgres::create_ungated(&server).await;
    let location = Location::Postgres(db.url.clone());
    let store = Store::open(&location, 4).await.unwrap();
    let chat = Chat::new(store.clone());
    let polls = burst::create_polls(&chat).await;
    let mut fault = Restart {
        version,
        server: server.clone(),
    };
    // Each refused vote waits for the pool's connect timeout while the server is down.
    let plan = Plan {
        refusals: 6,
        ..Plan::default()
    };
    let ledger = burst::run(&chat, &plan, &mut fault).await;
    store.close().await;
    burst::verify(&location, &polls, &ledger).await;
    drop(db);
}

/// Whether this process runs as root (uid 0), read from /proc without extra crates.
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1).map(|uid| uid == "0"))
        })
        .unwrap_or(false)
}
