//! The key files of secret polls: one file per open poll, outside the database.
//!
//! This is storage, like [`crate::store`]: it creates, reads and destroys 32 random bytes
//! per poll, durably and readable by kumpul's user only. What the keys seal is the polls
//! feature's business (`features::polls::secret`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// A poll's key.
#[derive(Clone)]
pub struct Key([u8; 32]);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

impl Key {
    pub(crate) fn random() -> anyhow::Result<Key> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)
            .map_err(|e| anyhow::anyhow!("no randomness for a poll key: {e}"))?;
        Ok(Key(key))
    }

    /// The bytes as stored in the key file (for the attack tests' linker).
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }
}

/// The folder of the keys of open secret polls: one file per poll, `poll-<id>.key`,
/// 32 random bytes, readable by kumpul's user only.
#[derive(Debug, Clone)]
pub struct KeyStore {
    dir: PathBuf,
}

impl KeyStore {
    pub fn new(dir: impl Into<PathBuf>) -> KeyStore {
        KeyStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn path(&self, poll_id: i64) -> PathBuf {
        self.dir.join(format!("poll-{poll_id}.key"))
    }

    /// Creates the key of a new poll, on disk (file and folder synced) before it returns:
    /// a vote confirmed later must still be countable after a power cut.
    pub async fn create(&self, poll_id: i64) -> anyhow::Result<Key> {
        let key = Key::random()?;
        let path = self.path(poll_id);
        let dir = self.dir.clone();
        let bytes = key.0;
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            create_private_dir(&dir)?;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options
                .open(&path)
                .with_context(|| format!("creating {}", path.display()))?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            sync_dir(&dir)
        })
        .await??;
        Ok(key)
    }

    /// The key of poll `poll_id`; `None` if it has none (closed, or the file was lost).
    pub async fn read(&self, poll_id: i64) -> anyhow::Result<Option<Key>> {
        let path = self.path(poll_id);
        match tokio::fs::read(&path).await {
            Ok(bytes) => {
                let bytes: [u8; 32] = bytes.try_into().map_err(|b: Vec<u8>| {
                    anyhow::anyhow!("{} holds {} bytes, not a key", path.display(), b.len())
                })?;
                Ok(Some(Key(bytes)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// Destroys the key of poll `poll_id`: overwrites the file with zeros and syncs it
    /// (on file systems that write in place, the key's blocks are then gone), removes it
    /// and syncs the folder. Nothing to do if there is none.
    pub async fn destroy(&self, poll_id: i64) -> anyhow::Result<()> {
        let path = self.path(poll_id);
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || destroy_file(&dir, &path)).await?
    }

    /// Destroys the keys of polls that no longer need one — closed or deleted polls
    /// (say kumpul stopped between a close and its key's removal) — leaving keys younger
    /// than a minute alone (a poll being created right now). `open(id)` tells whether
    /// poll `id` is still an open secret poll. Returns how many were destroyed.
    pub async fn sweep<F, Fut>(&self, open: F) -> anyhow::Result<usize>
    where
        F: Fn(i64) -> Fut,
        Fut: std::future::Future<Output = anyhow::Result<bool>>,
    {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(anyhow::anyhow!("reading {}: {e}", self.dir.display())),
        };
        let mut destroyed = 0;
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let Some(id) = name
                .to_str()
                .and_then(|n| n.strip_prefix("poll-"))
                .and_then(|n| n.strip_suffix(".key"))
                .and_then(|n| n.parse::<i64>().ok())
            else {
                continue;
            };
            let young = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_none_or(|age| age < std::time::Duration::from_secs(60));
            if young || open(id).await? {
                continue;
            }
            self.destroy(id).await?;
            destroyed += 1;
        }
        Ok(destroyed)
    }
}

fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))
}

fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}

fn destroy_file(dir: &Path, path: &Path) -> anyhow::Result<()> {
    let mut file = match std::fs::OpenOptions::new().write(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("opening {}", path.display())),
    };
    file.write_all(&[0u8; 32])?;
    file.sync_all()?;
    drop(file);
    std::fs::remove_file(path)?;
    sync_dir(dir)
}
