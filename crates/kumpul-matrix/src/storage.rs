//! The Matrix data folder, readable by kumpul's user alone.
//!
//! The folder holds the access token (`session.json`), the recovery key of kumpul's
//! identity ([`crate::crypto`]) and matrix-sdk's SQLite stores with the device's private
//! keys and the room keys of encrypted rooms. Whoever reads them can read kumpul's encrypted
//! rooms and speak as kumpul, so every folder is 0700 and every file 0600.
//!
//! Files kumpul writes itself are created 0600 ([`write_private`]). SQLite creates its
//! files (the databases, and their `-wal`, `-shm` and `-journal` files, also later while
//! kumpul runs) with the default mode; [`tighten`] sets 0600 on every file after the
//! stores are opened and again at the end of start-up. SQLite gives a `-wal`, `-shm` or
//! `-journal` file it creates later the permissions of its database file, so once the
//! databases are 0600 so is everything SQLite adds beside them. In the moment between
//! SQLite creating a file and [`tighten`] nobody else can open it either: the folder
//! around it is already 0700 ([`prepare_dir`]).

use std::path::Path;

use anyhow::Context as _;

/// Creates `dir` (and its parents) if missing, and makes `dir` itself 0700 — also when it
/// was there before, from a kumpul that did not yet care.
pub(crate) fn prepare_dir(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("creating the Matrix data folder {}", dir.display()))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("making {} readable by kumpul alone", dir.display()))?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
        .with_context(|| format!("creating the Matrix data folder {}", dir.display()))?;
    Ok(())
}

/// Makes every folder under `dir` (and `dir`) 0700 and every file 0600. Symbolic links
/// are left alone (changing one would change what it points to, somewhere else).
pub(crate) fn tighten(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::symlink_metadata(dir)
            .with_context(|| format!("reading the permissions of {}", dir.display()))?;
        if meta.file_type().is_symlink() {
            return Ok(());
        }
        let mode = if meta.is_dir() { 0o700 } else { 0o600 };
        if meta.permissions().mode() & 0o777 != mode {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode))
                .with_context(|| format!("making {} readable by kumpul alone", dir.display()))?;
        }
        if meta.is_dir() {
            let entries =
                std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?;
            for entry in entries {
                let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
                match tighten(&entry.path()) {
                    Ok(()) => {}
                    // SQLite removes its -wal and -shm files when a connection closes;
                    // one gone in between needs no permissions.
                    Err(e) if !entry.path().exists() => {
                        tracing::debug!(error = %e, "a file vanished while tightening")
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Writes `text` to `path`, readable by kumpul's user alone from the first byte on.
pub(crate) fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    // An older file keeps its mode when opened: set it anyway.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("making {} readable by kumpul alone", path.display()))?;
    }
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn an_open_folder_from_before_is_closed_with_everything_in_it() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("matrix");
        std::fs::create_dir_all(dir.join("store/deeper")).unwrap();
        std::fs::write(dir.join("store/deeper/db.sqlite3"), "x").unwrap();
        for path in [&dir, &dir.join("store"), &dir.join("store/deeper")] {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::set_permissions(
            dir.join("store/deeper/db.sqlite3"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
        prepare_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        tighten(&dir).unwrap();
        assert_eq!(mode(&dir.join("store")), 0o700);
        assert_eq!(mode(&dir.join("store/deeper")), 0o700);
        assert_eq!(mode(&dir.join("store/deeper/db.sqlite3")), 0o600);
    }

    #[test]
    fn a_private_file_is_owner_only_even_when_it_was_open_before() {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("session.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&path, "new").unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let fresh = root.path().join("recovery-key.txt");
        write_private(&fresh, "key").unwrap();
        assert_eq!(mode(&fresh), 0o600);
    }
}
