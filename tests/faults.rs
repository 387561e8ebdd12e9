#![recursion_limit = "256"]
//! The `kumpul` binary and its database: a file that is not a database is named at once,
//! a missing database where kumpul ran before is not silently replaced by an empty one, a
//! database file removed under `kumpul run` stops it with an error, and no form of database
//! password is ever printed.

#[path = "support/binary.rs"]
mod binary;
#[path = "../crates/kumpul-discord/tests/fake/mod.rs"]
mod fake;

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use binary::kumpul;
use fake::FakeDiscord;
use fake::payloads::{GUILD_ID, command, member};
use serde_json::json;

fn script(dir: &Path, database: &Path, lines: &str, extra: &[&str]) -> Output {
    let path = dir.join("script.txt");
    std::fs::write(&path, lines).unwrap();
    kumpul(dir, database)
        .args(extra)
        .args(["console", "--script"])
        .arg(&path)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_file_that_is_not_a_database_is_named_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "rice, eggs, tempeh\n".repeat(300)).unwrap();
    for args in [&["migrate"][..], &["console", "--script", "/dev/null"]] {
        let started = Instant::now();
        let output = kumpul(dir.path(), &notes).args(args).output().unwrap();
        let elapsed = started.elapsed();
        let shown = text(&output);
        assert!(!output.status.success(), "{args:?}: {shown}");
        assert!(
            shown.contains(&notes.display().to_string())
                && shown.contains("is not a SQLite database"),
            "{args:?}: {shown}"
        );
        assert!(!shown.contains("pool timed out"), "{args:?}: {shown}");
        // It used to wait for the pool's 10 s timeout.
        assert!(
            elapsed < Duration::from_secs(3),
            "{args:?} took {elapsed:?}"
        );
    }
}

#[test]
fn a_missing_database_where_kumpul_ran_before_needs_new_database_to_start_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("data").join("kumpul.db");
    let first = script(
        dir.path(),
        &database,
        "poll create Lunch? | soto | bakso\npoll vote 1 1\npoll export 1\n",
        &[],
    );
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        dir.path().join("data/exports/poll-1.csv").is_file(),
        "{}",
        text(&first)
    );

    // The database goes (moved, deleted); what kumpul left next to it stays.
    std::fs::remove_file(&database).unwrap();
    let again = script(dir.path(), &database, "poll list\n", &[]);
    let shown = text(&again);
    assert!(
        !again.status.success(),
        "started on an empty database: {shown}"
    );
    assert!(
        shown.contains("does not exist")
            && shown.contains("data/exports")
            && shown.contains("--new-database"),
        "{shown}"
    );
    assert!(!database.exists(), "no empty database was created: {shown}");
    let migrate = kumpul(dir.path(), &database)
        .arg("migrate")
        .output()
        .unwrap();
    assert!(!migrate.status.success(), "{}", text(&migrate));
    assert!(!database.exists());

    let afresh = script(dir.path(), &database, "poll list\n", &["--new-database"]);
    assert!(afresh.status.success(), "{}", text(&afresh));
    assert!(database.is_file());
    // A folder where kumpul never ran needs no flag.
    let elsewhere = tempfile::tempdir().unwrap();
    let fresh = script(
        elsewhere.path(),
        &elsewhere.path().join("data/kumpul.db"),
        "poll list\n",
        &[],
    );
    assert!(fresh.status.success(), "{}", text(&fresh));
}

#[test]
fn no_form_of_database_password_is_printed_by_config_check_or_debug_logs() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "postgres://kumpul:hunter2@db.invalid/kumpul",
        "POSTGRES://kumpul:hunter2@db.invalid/kumpul",
        "postgres://kumpul:hun@ter2@db.invalid/kumpul",
        "postgresql://db.invalid/kumpul?user=kumpul&password=hunter2",
    ] {
        let output = kumpul(dir.path(), Path::new(url))
            .args(["config", "check"])
            .env("RUST_LOG", "trace")
            .output()
            .unwrap();
        let shown = text(&output);
        assert!(output.status.success(), "{url}: {shown}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("ter2"),
            "{url}: {shown}"
        );
        assert!(shown.contains("<redacted>"), "{url}: {shown}");
        assert!(
            shown.contains("db.invalid"),
            "the host is still shown: {shown}"
        );
    }
    assert!(
        !dir.path().join("POSTGRES:").exists(),
        "an upper-case scheme was taken for a SQLite path"
    );
}

#[tokio::test]
async fn kumpul_run_stops_with_an_error_when_its_database_file_is_removed() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("k.db");
    let mut child = kumpul(dir.path(), &database)
        .arg("run")
        .env("KUMPUL_DISCORD__TOKEN", "fake-token")
        .env("KUMPUL_DISCORD__API_PROXY", fake.url())
        .env("KUMPUL_DISCORD__DEV_GUILD_IDS", format!("[{GUILD_ID}]"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    fake.wait_for("command registration", |c| {
        c.method == "PUT" && c.path.contains("/commands")
    })
    .await;
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            "1",
            &["group", "create"],
            json!([{ "name": "name", "type": 3, "value": "hiking" }]),
            member("7000000000000000001", "alice", 0),
            "en-US",
        ),
    );
    fake.wait_for("the first answer", |c| c.path.contains("/interactions/1/"))
        .await;

    std::fs::remove_file(&database).unwrap();
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().ok();
            panic!("kumpul went on running without its database");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(!exit.success(), "exit {exit:?}; stderr:\n{stderr}");
    assert!(
        stderr.contains(&database.display().to_string()) && stderr.contains("was removed"),
        "{stderr}"
    );
    assert!(!database.exists(), "no new empty database was created");
}
