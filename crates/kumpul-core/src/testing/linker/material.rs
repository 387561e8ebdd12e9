//! What the linker works on, whatever the backend: raw bytes, row versions ("chunks"),
//! the groups of them one commit wrote ("units"), and physical orders of rows.

use std::collections::HashMap;

/// One row version (a SQLite row in one committed state, a PostgreSQL tuple version, a
/// WAL record's data): its values' bytes, NUL-separated, and its integer values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Chunk {
    /// Table (or relation, or WAL record kind) it came from.
    pub table: String,
    pub bytes: Vec<u8>,
    pub ints: Vec<i64>,
}

/// Everything one transaction wrote.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Which kind of evidence it is (`"SQLite commit diff"`, `"PostgreSQL xmin"`, …).
    pub source: &'static str,
    pub what: String,
    pub chunks: Vec<usize>,
}

/// The rows of one table in their physical order.
#[derive(Debug, Clone)]
pub struct Order {
    pub what: String,
    pub chunks: Vec<usize>,
}

/// Everything taken from one copy of the storage.
#[derive(Debug, Default)]
pub struct Material {
    /// Whole files, pages and WAL records, for key candidates and byte proximity.
    pub raw: Vec<(String, Vec<u8>)>,
    pub chunks: Vec<Chunk>,
    index: HashMap<Chunk, usize>,
    pub units: Vec<Unit>,
    /// Per table, the rows of the latest state in physical order (rowid, ctid).
    pub latest_orders: Vec<Order>,
    /// Per table, every row version ever seen, in physical order of first appearance.
    pub history_orders: Vec<Order>,
    /// Raw 32-byte strings that could be keys (key files, 32-byte values).
    pub key_material: Vec<Vec<u8>>,
    /// What was read, for the report (frames, commits, tuples, records, errors).
    pub notes: Vec<String>,
}

impl Material {
    /// The id of `chunk`, adding it if it was not seen before.
    pub fn chunk(&mut self, chunk: Chunk) -> usize {
        if let Some(id) = self.index.get(&chunk) {
            return *id;
        }
        let id = self.chunks.len();
        self.index.insert(chunk.clone(), id);
        self.chunks.push(chunk);
        id
    }

    pub fn latest(&self) -> impl Iterator<Item = usize> + '_ {
        self.latest_orders
            .iter()
            .flat_map(|o| o.chunks.iter().copied())
    }
}

/// Files in a key folder bigger than this are not key files (nor read).
const KEY_FILE_MAX: u64 = 1 << 20;
/// Files whose every 32-byte window is tried as a raw key.
const KEY_WINDOWS_MAX: usize = 4096;
/// At most this many files are read from key folders, this deep.
const KEY_FILES_MAX: usize = 10_000;
const KEY_DEPTH_MAX: usize = 4;

/// Every file under `dirs` (bounded), read now: a copy of the key folders.
pub fn read_key_files(dirs: &[&std::path::Path]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending: Vec<(std::path::PathBuf, usize)> =
        dirs.iter().map(|d| (d.to_path_buf(), 0)).collect();
    while let Some((dir, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if files.len() >= KEY_FILES_MAX {
                return files;
            }
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() && depth < KEY_DEPTH_MAX {
                pending.push((path, depth + 1));
            } else if meta.is_file()
                && meta.len() <= KEY_FILE_MAX
                && let Ok(bytes) = std::fs::read(&path)
            {
                files.push((path.display().to_string(), bytes));
            }
        }
    }
    files
}

impl Material {
    /// Adds copied key files: as raw bytes, and every 32-byte window of small ones as a
    /// raw key candidate.
    pub fn add_key_files(&mut self, files: &[(String, Vec<u8>)]) {
        for (name, bytes) in files {
            if bytes.len() <= KEY_WINDOWS_MAX {
                for window in bytes.windows(32) {
                    self.key_material.push(window.to_vec());
                }
            }
            self.raw.push((format!("key file {name}"), bytes.clone()));
        }
        self.notes
            .push(format!("key folders: {} files", files.len()));
    }
}
