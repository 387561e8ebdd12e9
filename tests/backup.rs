//! `kumpul backup PATH` against the real binary: a copy taken while another kumpul
//! process writes, restored by starting kumpul on it; refusals that protect files.

#[path = "support/binary.rs"]
mod binary;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use binary::kumpul;

fn script(dir: &Path, database: &Path, name: &str, lines: &str) -> Command {
    let path = dir.join(name);
    std::fs::write(&path, lines).unwrap();
    let mut command = kumpul(dir, database);
    command.args(["console", "--script"]).arg(path);
    command
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("data").join("kumpul.db");
    let made = script(
        dir.path(),
        &database,
        "setup.txt",
        "group create hiking Weekend walks\n\
         poll create Where do we walk? | hills | coast\n\
         vote 1 1\n\
         remind me in 1 day bring boots\n",
    )
    .output()
    .unwrap();
    assert!(made.status.success(), "{}", text(&made));
    (dir, database)
}

#[test]
fn a_backup_taken_during_a_write_burst_restores_to_a_working_kumpul() {
    let (dir, database) = setup();
    // Another kumpul process writes while the backup is taken (store::backup's own test
    // proves what a copy taken mid-burst holds; this one, that the binary does it whole).
    let burst: String = (1..=150).map(|n| format!("group create g{n}\n")).collect();
    let mut writer = script(dir.path(), &database, "burst.txt", &burst)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let target = dir.path().join("backup.db");
    let backup = kumpul(dir.path(), &database)
        .arg("backup")
        .arg(&target)
        .output()
        .unwrap();
    let burst_done = writer.wait().unwrap();
    assert!(burst_done.success(), "the writing kumpul failed");
    let said = text(&backup);
    assert!(backup.status.success(), "{said}");
    assert!(said.contains("integrity ok"), "{said}");
    assert!(said.contains("  groups: "), "{said}");
    assert!(
        said.contains("poll-keys"),
        "the backup must name the keys folder: {said}"
    );

    // Restore: the copy becomes the database of a new data folder.
    let restored = tempfile::tempdir().unwrap();
    let data = restored.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let restored_db = data.join("kumpul.db");
    std::fs::copy(&target, &restored_db).unwrap();
    let check = script(
        restored.path(),
        &restored_db,
        "check.txt",
        "group info hiking\npoll results 1\nremind list\n",
    )
    .output()
    .unwrap();
    let transcript = text(&check);
    assert!(check.status.success(), "{transcript}");
    assert!(transcript.contains("Weekend walks"), "{transcript}");
    assert!(transcript.contains("hills"), "{transcript}");
    assert!(transcript.contains("bring boots"), "{transcript}");
}

#[test]
fn a_backup_refuses_an_existing_file_and_a_missing_database() {
    let (dir, database) = setup();
    let target = dir.path().join("taken.db");
    std::fs::write(&target, b"keep me").unwrap();
    let refused = kumpul(dir.path(), &database)
        .arg("backup")
        .arg(&target)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("already exists"),
        "{}",
        text(&refused)
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");

    let nothing = dir.path().join("nothing.db");
    let missing = kumpul(dir.path(), &nothing)
        .arg("backup")
        .arg(dir.path().join("b.db"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(text(&missing).contains("no database"), "{}", text(&missing));
    assert!(
        !nothing.exists(),
        "backup created the database it was to copy"
    );
}

#[test]
fn a_postgresql_database_is_pointed_to_pg_dump() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens there: the answer needs no connection.
    let out = kumpul(
        dir.path(),
        Path::new("postgres://kumpul@127.0.0.1:1/kumpul"),
    )
    .arg("backup")
    .arg(dir.path().join("b.db"))
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert!(text(&out).contains("pg_dump"), "{}", text(&out));
}
