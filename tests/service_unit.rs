//! `contrib/kumpul.service` is a unit systemd accepts, with the hardening the README
//! promises. `systemd-analyze verify` checks it against this machine's systemd (every
//! warning counts as a failure, so a misspelled or misplaced key cannot slip through), and
//! `systemd-analyze security --offline` rates its exposure.

use std::path::Path;
use std::process::Command;

const UNIT: &str = include_str!("../contrib/kumpul.service");

/// The unit with `ExecStart` pointing at the binary under test, written as `kumpul.service`
/// (verify checks that the command exists and is executable).
fn unit_for_this_build(dir: &Path) -> std::path::PathBuf {
    let unit = UNIT.replace("/usr/local/bin/kumpul", env!("CARGO_BIN_EXE_kumpul"));
    assert_ne!(unit, UNIT, "the unit no longer runs /usr/local/bin/kumpul");
    let path = dir.join("kumpul.service");
    std::fs::write(&path, unit).unwrap();
    path
}

/// `systemd-analyze`, or `None` where it is not installed (outside CI only: CI has it).
fn systemd_analyze() -> Option<Command> {
    let found = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "systemd-analyze is missing (Debian package systemd); CI must have it"
        );
        eprintln!("systemd-analyze is not installed: the unit is not verified here");
        return None;
    }
    Some(Command::new("systemd-analyze"))
}

#[test]
fn the_service_unit_is_one_systemd_accepts_without_a_warning() {
    let Some(mut analyze) = systemd_analyze() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let unit = unit_for_this_build(dir.path());
    let out = analyze
        .args(["verify", "--man=no"])
        .arg(&unit)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "verify failed:\n{stderr}");
    assert!(
        stderr.trim().is_empty(),
        "systemd warned about the unit:\n{stderr}"
    );
}

#[test]
fn the_service_unit_is_rated_well_hardened() {
    let Some(mut analyze) = systemd_analyze() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let unit = unit_for_this_build(dir.path());
    // systemd rates 0 (locked down) to 10 (exposed), "OK" below 2; --threshold is in tenths.
    let out = analyze
        .args(["security", "--offline=yes", "--threshold=20", "--no-pager"])
        .arg(&unit)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the unit's exposure is above 2:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_service_unit_keeps_the_promised_settings() {
    let settings: Vec<(&str, &str)> = UNIT
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .collect();
    let has = |key: &str, value: &str| settings.contains(&(key, value));
    for (key, value) in [
        ("User", "kumpul"),
        ("StateDirectory", "kumpul"),
        ("StateDirectoryMode", "0700"),
        ("WorkingDirectory", "/var/lib/kumpul"),
        ("UMask", "0077"),
        ("ProtectSystem", "strict"),
        ("NoNewPrivileges", "yes"),
        ("Restart", "on-failure"),
        ("KillSignal", "SIGTERM"),
    ] {
        assert!(has(key, value), "the unit lost {key}={value}");
    }
}
