//! The `kumpul` binary under test, with only the settings a test gives it.

use std::path::Path;
use std::process::{Command, Stdio};

/// `kumpul` in `dir` on the SQLite file (or URL) `database`, with no `KUMPUL_` setting
/// or `RUST_LOG` inherited from the environment the tests run in.
pub fn kumpul(dir: &Path, database: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kumpul"));
    for (name, _) in std::env::vars() {
        if name.starts_with("KUMPUL_") || name == "RUST_LOG" {
            command.env_remove(name);
        }
    }
    command
        .current_dir(dir)
        .env("KUMPUL_DATABASE__URL", database)
        .stdin(Stdio::null());
    command
}
