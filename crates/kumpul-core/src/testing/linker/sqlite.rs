//! SQLite: a copy of the database, its `-wal` and `-shm` files, and the database as it
//! was after every commit still in the WAL.
//!
//! The WAL holds a full copy of every page each commit changed, until the WAL is reset
//! after a checkpoint (and the bytes stay in the file until they are overwritten). The
//! linker applies the frames up to each commit onto the main file, as SQLite would, and
//! reads every table of every state it gets. Frames are checked as SQLite checks them
//! (salts and running checksums), so only states SQLite itself would have seen are
//! rebuilt; the rest of the WAL is still searched as raw bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::Context;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row};

use super::bytes::u32_be;
use super::material::{Chunk, Material, Order, Unit, read_key_files};
use super::{Report, Truth, analyse};

/// At most this many states are rebuilt from one WAL.
const STATES_MAX: usize = 5_000;

/// A copy of a SQLite database's files (and of key folders), taken at one moment.
pub struct SqliteCopy {
    label: String,
    dir: tempfile::TempDir,
    key_files: Vec<(String, Vec<u8>)>,
}

impl SqliteCopy {
    /// Copies `db`, `db-wal` and `db-shm` (those that exist) and every file under
    /// `key_dirs`, now, without opening the database (opening it could checkpoint).
    pub fn take(label: &str, db: &Path, key_dirs: &[&Path]) -> anyhow::Result<SqliteCopy> {
        let dir = tempfile::tempdir().context("creating a folder for a storage copy")?;
        // The WAL first: a checkpoint between the two copies then only makes the main
        // file newer, which the frames applied on top of it agree with.
        for suffix in ["-wal", "-shm", ""] {
            let from = PathBuf::from(format!("{}{suffix}", db.display()));
            if from.exists() {
                std::fs::copy(&from, dir.path().join(format!("copy.db{suffix}")))
                    .with_context(|| format!("copying {}", from.display()))?;
            }
        }
        Ok(SqliteCopy {
            label: label.to_owned(),
            dir,
            key_files: read_key_files(key_dirs),
        })
    }

    fn file(&self, suffix: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(format!("copy.db{suffix}"))).unwrap_or_default()
    }

    /// The commits in the copy's `-wal` file that SQLite would replay.
    pub fn wal_commits(&self) -> usize {
        valid_frames(&self.file("-wal"))
            .iter()
            .filter(|f| f.commit_pages > 0)
            .count()
    }

    /// Runs the linker on this copy.
    pub async fn link(&self, truth: &Truth) -> anyhow::Result<Report> {
        let material = self.read().await?;
        Ok(analyse(
            &format!("SQLite, {}", self.label),
            truth,
            &material,
        ))
    }

    async fn read(&self) -> anyhow::Result<Material> {
        let mut material = Material::default();
        let (db, wal) = (self.file(""), self.file("-wal"));
        material.raw.push(("database file".into(), db.clone()));
        material.raw.push(("-wal file".into(), wal.clone()));
        material.raw.push(("-shm file".into(), self.file("-shm")));
        material.add_key_files(&self.key_files);
        let frames = valid_frames(&wal);
        let commits = frames.iter().filter(|f| f.commit_pages > 0).count();
        material.notes.push(format!(
            "SQLite WAL: {} bytes, {} valid frames, {commits} commits",
            wal.len(),
            frames.len()
        ));
        let page_size = page_size(&db).or(frames.first().map(|f| f.page_size));
        let mut states = Vec::new();
        let mut image = db;
        states.push(("main file".to_owned(), image.clone()));
        if let Some(page_size) = page_size {
            for (i, frame) in frames.iter().enumerate() {
                let at = (frame.page as usize - 1) * page_size;
                if image.len() < at + page_size {
                    image.resize(at + page_size, 0);
                }
                image[at..at + page_size].copy_from_slice(&wal[frame.data..frame.data + page_size]);
                if frame.commit_pages > 0 && states.len() < STATES_MAX {
                    image.resize(frame.commit_pages as usize * page_size, 0);
                    states.push((
                        format!("after the commit at WAL frame {}", i + 1),
                        image.clone(),
                    ));
                }
            }
        }
        self.decode_states(&mut material, states).await;
        Ok(material)
    }

    /// Reads every table of every state; the rows that changed between consecutive
    /// states are what a commit wrote.
    async fn decode_states(&self, material: &mut Material, states: Vec<(String, Vec<u8>)>) {
        let mut decoded: Vec<Vec<(String, Vec<usize>)>> = Vec::new();
        let mut previous: Option<BTreeSet<usize>> = None;
        let mut failed = 0;
        for (what, image) in states {
            let tables = match self.decode(material, &image).await {
                Ok(tables) => tables,
                Err(error) => {
                    failed += 1;
                    if image.len() >= 100 {
                        material
                            .notes
                            .push(format!("SQLite state {what}: {error:#}"));
                    }
                    continue;
                }
            };
            let rows: BTreeSet<usize> =
                tables.iter().flat_map(|(_, r)| r.iter().copied()).collect();
            if let Some(before) = &previous {
                let written: Vec<usize> = rows.difference(before).copied().collect();
                if !written.is_empty() {
                    material.units.push(Unit {
                        source: "SQLite commit diff",
                        what,
                        chunks: written,
                    });
                }
            }
            previous = Some(rows);
            decoded.push(tables);
        }
        material.notes.push(format!(
            "SQLite: {} states read ({failed} could not be)",
            decoded.len()
        ));
        // First appearance: the WAL's states in order, then the main file, which after a
        // checkpoint is newer than every frame (and otherwise adds nothing they lack).
        let mut history: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let main_last = decoded.iter().skip(1).chain(decoded.first());
        for tables in main_last {
            for (table, rows) in tables {
                let seen = history.entry(table.clone()).or_default();
                for row in rows {
                    if !seen.contains(row) {
                        seen.push(*row);
                    }
                }
            }
        }
        material.latest_orders = decoded
            .pop()
            .unwrap_or_default()
            .into_iter()
            .map(|(what, chunks)| Order { what, chunks })
            .collect();
        material.history_orders = history
            .into_iter()
            .map(|(what, chunks)| Order { what, chunks })
            .collect();
    }

    /// Every table of one database image, rows in rowid order.
    async fn decode(
        &self,
        material: &mut Material,
        image: &[u8],
    ) -> anyhow::Result<Vec<(String, Vec<usize>)>> {
        anyhow::ensure!(image.len() >= 100, "no database");
        let path = self.dir.path().join("state.db");
        let mut image = image.to_vec();
        // A rollback-journal header: the image is complete, there is no WAL to read.
        image[18] = 1;
        image[19] = 1;
        std::fs::write(&path, &image)?;
        let mut conn = SqliteConnectOptions::new()
            .filename(&path)
            .read_only(true)
            .immutable(true)
            .connect()
            .await?;
        let result = read_tables(&mut conn, material).await;
        conn.close().await.ok();
        result
    }
}

async fn read_tables(
    conn: &mut sqlx::SqliteConnection,
    material: &mut Material,
) -> anyhow::Result<Vec<(String, Vec<usize>)>> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut tables = Vec::new();
    for name in names {
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        let columns: Vec<String> =
            sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA table_info({quoted})")))
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|r| r.try_get::<String, _>(1))
                .collect::<Result<_, _>>()?;
        let values: Vec<String> = columns
            .iter()
            .map(|c| {
                let c = format!("\"{}\"", c.replace('"', "\"\""));
                format!("typeof({c}), CASE typeof({c}) WHEN 'blob' THEN hex({c}) ELSE CAST({c} AS TEXT) END")
            })
            .collect();
        let select = |rowid: &str| {
            format!(
                "SELECT {rowid}, {} FROM {quoted} ORDER BY 1",
                values.join(", ")
            )
        };
        let rows = match sqlx::query(sqlx::AssertSqlSafe(select("rowid")))
            .fetch_all(&mut *conn)
            .await
        {
            Ok(rows) => rows,
            // WITHOUT ROWID tables: in key order.
            Err(_) => {
                sqlx::query(sqlx::AssertSqlSafe(select("NULL")))
                    .fetch_all(&mut *conn)
                    .await?
            }
        };
        let mut ids = Vec::new();
        for row in rows {
            let rowid: Option<i64> = row.try_get(0)?;
            let mut chunk = Chunk {
                table: name.clone(),
                bytes: Vec::new(),
                ints: rowid.into_iter().collect(),
            };
            for i in 0..columns.len() {
                let kind: String = row.try_get(1 + 2 * i)?;
                let value: Option<String> = row.try_get(2 + 2 * i)?;
                let Some(value) = value else { continue };
                match kind.as_str() {
                    "integer" => chunk.ints.extend(value.parse::<i64>().ok()),
                    "blob" => {
                        let blob = hex::decode(&value).unwrap_or_default();
                        if blob.len() == 32 {
                            material.key_material.push(blob.clone());
                        }
                        chunk.bytes.extend(blob);
                    }
                    _ => chunk.bytes.extend(value.as_bytes()),
                }
                chunk.bytes.push(0);
            }
            ids.push(material.chunk(chunk));
        }
        tables.push((name, ids));
    }
    Ok(tables)
}

/// The page size in a database header.
fn page_size(db: &[u8]) -> Option<usize> {
    if db.len() < 100 || !db.starts_with(b"SQLite format 3\0") {
        return None;
    }
    let raw = u16::from_be_bytes([db[16], db[17]]);
    Some(if raw == 1 { 65_536 } else { usize::from(raw) })
}

/// One WAL frame: which page, where its bytes are, and for a commit frame the database
/// size in pages after the commit.
struct Frame {
    page: u32,
    commit_pages: u32,
    data: usize,
    page_size: usize,
}

/// The frames SQLite would replay: from the start, while the salts match the header and
/// the running checksum holds, up to the last commit frame.
fn valid_frames(wal: &[u8]) -> Vec<Frame> {
    let mut frames = Vec::new();
    let Some(magic) = u32_be(wal, 0) else {
        return frames;
    };
    if wal.len() < 32 || (magic != 0x377f_0682 && magic != 0x377f_0683) {
        return frames;
    }
    let big_endian = magic & 1 == 1;
    let page_size = u32_be(wal, 8).unwrap_or(0) as usize;
    let salts = (u32_be(wal, 16), u32_be(wal, 20));
    let mut sum = checksum(big_endian, &wal[..24], (0, 0));
    if Some(sum) != u32_be(wal, 24).zip(u32_be(wal, 28)) || page_size < 512 {
        return frames;
    }
    let mut at = 32;
    let mut last_commit = 0;
    while at + 24 + page_size <= wal.len() {
        let header = &wal[at..at + 24];
        if (u32_be(header, 8), u32_be(header, 12)) != salts {
            break;
        }
        sum = checksum(big_endian, &header[..8], sum);
        sum = checksum(big_endian, &wal[at + 24..at + 24 + page_size], sum);
        if Some(sum) != u32_be(header, 16).zip(u32_be(header, 20)) {
            break;
        }
        let commit_pages = u32_be(header, 4).unwrap_or(0);
        frames.push(Frame {
            page: u32_be(header, 0).unwrap_or(0).max(1),
            commit_pages,
            data: at + 24,
            page_size,
        });
        if commit_pages > 0 {
            last_commit = frames.len();
        }
        at += 24 + page_size;
    }
    frames.truncate(last_commit);
    frames
}

/// SQLite's WAL checksum over `data` (a multiple of 8 bytes), continuing from `sum`.
fn checksum(big_endian: bool, data: &[u8], (mut s0, mut s1): (u32, u32)) -> (u32, u32) {
    for pair in data.chunks_exact(8) {
        let word = |at: usize| {
            let bytes = [pair[at], pair[at + 1], pair[at + 2], pair[at + 3]];
            if big_endian {
                u32::from_be_bytes(bytes)
            } else {
                u32::from_le_bytes(bytes)
            }
        };
        s0 = s0.wrapping_add(word(0)).wrapping_add(s1);
        s1 = s1.wrapping_add(word(4)).wrapping_add(s0);
    }
    (s0, s1)
}
