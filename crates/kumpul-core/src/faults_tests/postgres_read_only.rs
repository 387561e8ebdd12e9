//! A PostgreSQL database switched to read-only in the middle of a vote burst, its sessions
//! terminated, then switched back (without terminating anything): kumpul must notice by
//! itself, since pooled sessions keep the `default_transaction_read_only` they started with.

use sqlx::{Connection, Executor};

use super::burst::{self, Fault, Plan};
use crate::store::{Location, Store};
use crate::testing::{Chat, FreshPostgres, postgres_server_url};

/// The database name of a PostgreSQL URL.
fn database_name(url: &str) -> String {
    let base = url.split('?').next().unwrap_or(url);
    base.rsplit('/').next().unwrap_or_default().to_owned()
}

/// Runs statements as the server's administrator (the `TEST_POSTGRES_URL` user).
async fn admin(server: &str, statements: &[String]) {
    let mut conn = sqlx::AnyConnection::connect(server).await.unwrap();
    for statement in statements {
        conn.execute(sqlx::AssertSqlSafe(statement.clone()))
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    conn.close().await.ok();
}

struct ReadOnly {
    server: String,
    name: String,
}

impl Fault for ReadOnly {
    async fn inject(&mut self) {
        let name = &self.name;
        admin(
            &self.server,
            &[
                format!("ALTER DATABASE {name} SET default_transaction_read_only = on"),
                format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                ),
            ],
        )
        .await;
    }

    async fn clear(&mut self) {
        let name = &self.name;
        admin(
            &self.server,
            &[format!(
                "ALTER DATABASE {name} SET default_transaction_read_only = off"
            )],
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_database_switched_to_read_only_mid_burst_loses_nothing_and_recovers() {
    let Some(server) = postgres_server_url() else {
        return;
    };
    let db = FreshPostgres::create(&server).await;
    let location = Location::Postgres(db.url.clone());
    let store = Store::open(&location, 4).await.unwrap();
    let chat = Chat::new(store.clone());
    let polls = burst::create_polls(&chat).await;
    let mut fault = ReadOnly {
        server: server.clone(),
        name: database_name(&db.url),
    };
    let ledger = burst::run(&chat, &Plan::default(), &mut fault).await;
    store.close().await;
    burst::verify(&location, &polls, &ledger).await;
    drop(db);
}

#[test]
fn the_database_name_is_the_last_path_segment() {
    assert_eq!(
        database_name("postgres://u@h:5432/kumpul_x?sslmode=disable"),
        "kumpul_x"
    );
    assert_eq!(database_name("postgres://u@h/db"), "db");
}
