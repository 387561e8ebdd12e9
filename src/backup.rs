//! `kumpul backup PATH`: a checked copy of the SQLite database, taken while kumpul runs.

use std::path::Path;

use anyhow::bail;
use kumpul_core::port::{Location, PG_DUMP_HINT, Store};

use crate::settings::{Settings, Validated};

pub async fn run(settings: &Settings, validated: &Validated, target: &Path) -> anyhow::Result<()> {
    let Location::SqliteFile(database) = &validated.database else {
        bail!("the database is PostgreSQL: back it up with {PG_DUMP_HINT}");
    };
    if !database.is_file() {
        bail!(
            "there is no database at {} to back up (database.url)",
            database.display()
        );
    }
    // No migration: a backup copies the database as it is, even one an older kumpul runs.
    let store = Store::connect_with(&validated.database, &validated.store).await?;
    let report = store.backup_to(target).await;
    store.close().await;
    let report = report?;
    println!(
        "backed up {} to {} ({} bytes, {} migrations applied); checked: integrity ok",
        database.display(),
        report.path.display(),
        report.bytes,
        report.migrations
    );
    for (table, rows) in &report.tables {
        println!("  {table}: {rows} row(s)");
    }
    println!(
        "Keep beside it a copy of {} (the keys of open secret polls, which are never in the \
         database) and, on Matrix, {} (see the README: Backups and restore).",
        settings.polls.secret_keys_dir.display(),
        settings.matrix.data_dir.join("recovery-key.txt").display()
    );
    Ok(())
}
