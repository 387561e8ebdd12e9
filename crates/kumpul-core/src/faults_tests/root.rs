//! Real faults that need root: a small tmpfs that fills up, a file made immutable.
//!
//! Tests using them call [`can_run`] first. Where they cannot run (not root, or no right
//! to mount) they print a visible skip notice, except in CI (`CI` set), where they fail: a
//! fault test that cannot run must not pass.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Whether this process can mount a tmpfs and make a file immutable (root with the
/// capabilities for it). If not: fails in CI, prints a skip notice elsewhere.
pub fn can_run(test: &str) -> bool {
    static ABLE: OnceLock<Result<(), String>> = OnceLock::new();
    let able = ABLE.get_or_init(probe);
    match able {
        Ok(()) => true,
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("{test} needs root ({why}) and may not be skipped in CI")
        }
        Err(why) => {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: {test} (needs root to mount a tmpfs and use chattr: {why})"
            );
            false
        }
    }
}

/// Tries what the tests do, on a throw-away folder.
fn probe() -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mnt = dir.path().join("probe");
    std::fs::create_dir(&mnt).map_err(|e| e.to_string())?;
    let quiet = |program: &str, args: &[&std::ffi::OsStr]| {
        Command::new(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !quiet(
        "mount",
        &[
            "-t".as_ref(),
            "tmpfs".as_ref(),
            "-o".as_ref(),
            "size=1m".as_ref(),
            "tmpfs".as_ref(),
            mnt.as_os_str(),
        ],
    ) {
        return Err("mount -t tmpfs failed".into());
    }
    quiet("umount", &[mnt.as_os_str()]);
    let file = dir.path().join("probe.txt");
    std::fs::write(&file, "x").map_err(|e| e.to_string())?;
    if !quiet("chattr", &["+i".as_ref(), file.as_os_str()]) {
        return Err("chattr +i failed".into());
    }
    quiet("chattr", &["-i".as_ref(), file.as_os_str()]);
    Ok(())
}

fn run(program: &str, args: &[&std::ffi::OsStr]) {
    let status = Command::new(program)
        .args(args)
        .status()
        .unwrap_or_else(|e| panic!("running {program}: {e}"));
    assert!(status.success(), "{program} {args:?} failed: {status}");
}

/// A tmpfs of a few MiB mounted in a temporary folder; unmounted when dropped.
pub struct Tmpfs {
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    pub fn mount(mebibytes: u32) -> Tmpfs {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mnt");
        std::fs::create_dir(&path).unwrap();
        let size = format!("size={mebibytes}m");
        run(
            "mount",
            &[
                "-t".as_ref(),
                "tmpfs".as_ref(),
                "-o".as_ref(),
                size.as_ref(),
                "tmpfs".as_ref(),
                path.as_os_str(),
            ],
        );
        Tmpfs { path, _dir: dir }
    }

    /// Fills the free space with `file`, until the file system says it is full.
    pub fn fill(&self, file: &str) {
        let mut filler = std::fs::File::create(self.path.join(file)).unwrap();
        // Big writes until one fails, then ever smaller ones for the last bytes.
        for size in [64 * 1024, 4096, 512, 1] {
            let chunk = vec![0x5a_u8; size];
            loop {
                match filler.write(&chunk) {
                    Ok(n) if n == size => {}
                    Ok(_) => break,
                    Err(e) if e.raw_os_error() == Some(28) => break, // ENOSPC
                    Err(e) => panic!("filling the tmpfs: {e}"),
                }
            }
        }
    }

    /// Frees what [`Tmpfs::fill`] took.
    pub fn free(&self, file: &str) {
        std::fs::remove_file(self.path.join(file)).unwrap();
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// Files made immutable (`chattr +i`); made mutable again when dropped, so a failing test
/// never leaves a folder nobody can delete.
#[derive(Default)]
pub struct Immutable {
    files: Vec<PathBuf>,
}

impl Immutable {
    /// Makes each existing file of `paths` immutable.
    pub fn set(&mut self, paths: &[PathBuf]) {
        for path in paths.iter().filter(|p| p.exists()) {
            run("chattr", &["+i".as_ref(), path.as_os_str()]);
            self.files.push(path.clone());
        }
    }

    pub fn clear(&mut self) {
        for path in self.files.drain(..) {
            let _ = Command::new("chattr").arg("-i").arg(&path).status();
        }
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        self.clear();
    }
}

/// A SQLite database file and its `-wal` and `-shm` companions.
pub fn sqlite_files(db: &Path) -> Vec<PathBuf> {
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| db.with_file_name(format!("{name}{suffix}")))
        .collect()
}
