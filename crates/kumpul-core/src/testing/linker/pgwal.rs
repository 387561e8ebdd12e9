//! PostgreSQL's write-ahead log: where this database's records are (pg_walinspect), their
//! bytes (the segment files, through `pg_read_binary_file`), and what they wrote: each
//! record's block data and main data, and the row versions in its full-page images.
//!
//! Record layout as of PostgreSQL 15 (`access/xlogrecord.h`): a 24-byte `XLogRecord`
//! (`xl_tot_len`, `xl_xid`, …), block headers (id, fork flags, data length, optional image
//! header, optional relation, block number), a main-data header, then for each block its
//! image and data in order, then the main data. Pages of the log start with a 24-byte
//! header, or a 40-byte one at the start of a segment.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use sqlx::{PgConnection, Row};

use super::bytes::{u16_le, u32_le};
use super::material::{Chunk, Material, Unit};

/// Records longer than this are not read (none of kumpul's come near).
const RECORD_MAX: usize = 4 << 20;
/// At most this many WAL segments are read for one copy.
const SEGMENTS_MAX: usize = 64;

/// Reads the records of database `database` (an oid) from `since` to the flushed end.
pub async fn read(
    conn: &mut PgConnection,
    material: &mut Material,
    since: &str,
    database: i64,
) -> anyhow::Result<()> {
    let settings = sqlx::query(
        "SELECT (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size'), \
         (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_block_size'), \
         substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)",
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut log = Log {
        segment: settings.try_get::<i64, _>(0)? as u64,
        page: settings.try_get::<i64, _>(1)? as u64,
        timeline: settings.try_get(2)?,
        segments: HashMap::new(),
    };
    let since = oldest_available(conn, &log, since).await?;
    let records = sqlx::query(
        "SELECT start_lsn::text, xid::text FROM pg_get_wal_records_info($1::pg_lsn, \
         pg_current_wal_flush_lsn()) WHERE block_ref LIKE $2 ORDER BY start_lsn",
    )
    .bind(&since)
    .bind(format!("%/{database}/%"))
    .fetch_all(&mut *conn)
    .await
    .context("listing WAL records")?;
    let mut raw = Vec::new();
    let mut by_xid: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    let (mut read, mut images, mut missing) = (0, 0, 0);
    for record in &records {
        let start = parse_lsn(&record.try_get::<String, _>(0)?)?;
        let xid: i64 = record.try_get::<String, _>(1)?.parse().unwrap_or(0);
        let Some(bytes) = log.record(conn, start).await? else {
            missing += 1;
            continue;
        };
        read += 1;
        let Some(parsed) = parse(&bytes, log.page as usize) else {
            continue;
        };
        let data_chunk = material.chunk(Chunk {
            table: "WAL record data".into(),
            bytes: parsed.data,
            ints: Vec::new(),
        });
        if xid > 2 {
            by_xid.entry(xid).or_default().push(data_chunk);
        }
        for (block_database, page) in parsed.images {
            if i64::from(block_database) != database {
                continue;
            }
            images += 1;
            for (xmin, tuple) in heap_tuples(&page) {
                let id = material.chunk(Chunk {
                    table: "WAL page image".into(),
                    bytes: tuple,
                    ints: Vec::new(),
                });
                if xmin > 2 {
                    by_xid.entry(i64::from(xmin)).or_default().push(id);
                }
            }
        }
        raw.extend_from_slice(&bytes);
    }
    for (xid, mut chunks) in by_xid {
        chunks.sort_unstable();
        chunks.dedup();
        material.units.push(Unit {
            source: "PostgreSQL WAL by xid",
            what: format!("xid {xid}"),
            chunks,
        });
    }
    material
        .raw
        .push(("WAL records of the database".into(), raw));
    material.notes.push(format!(
        "PostgreSQL WAL from {since}: {} records of this database, {read} read \
         ({missing} in segments no longer there), {images} full-page images",
        records.len()
    ));
    Ok(())
}

/// `since`, or the start of the oldest segment still in `pg_wal` if that is later (a
/// checkpoint removes or recycles the segments before it).
async fn oldest_available(
    conn: &mut PgConnection,
    log: &Log,
    since: &str,
) -> anyhow::Result<String> {
    let oldest: Option<String> = sqlx::query_scalar(
        "SELECT min(name) FROM pg_ls_waldir() WHERE name ~ '^[0-9A-F]{24}$' \
         AND name <= pg_walfile_name(pg_current_wal_lsn())",
    )
    .fetch_one(&mut *conn)
    .await?;
    let since_lsn = parse_lsn(since)?;
    let Some(oldest) = oldest else {
        return Ok(since.to_owned());
    };
    let per_id = 0x1_0000_0000 / log.segment;
    let high = u64::from_str_radix(&oldest[8..16], 16)?;
    let low = u64::from_str_radix(&oldest[16..24], 16)?;
    let first = (high * per_id + low) * log.segment;
    Ok(if first > since_lsn {
        format!("{:X}/{:X}", first >> 32, first & 0xffff_ffff)
    } else {
        since.to_owned()
    })
}

fn parse_lsn(text: &str) -> anyhow::Result<u64> {
    let (high, low) = text
        .split_once('/')
        .with_context(|| format!("not a WAL position: {text}"))?;
    Ok((u64::from_str_radix(high, 16)? << 32) | u64::from_str_radix(low, 16)?)
}

/// The log's geometry and the segments read so far.
struct Log {
    segment: u64,
    page: u64,
    timeline: String,
    segments: HashMap<u64, Option<Vec<u8>>>,
}

impl Log {
    async fn segment_bytes(&mut self, conn: &mut PgConnection, number: u64) -> Option<&[u8]> {
        if !self.segments.contains_key(&number) && self.segments.len() < SEGMENTS_MAX {
            let per_id = 0x1_0000_0000 / self.segment;
            let name = format!(
                "pg_wal/{}{:08X}{:08X}",
                self.timeline,
                number / per_id,
                number % per_id
            );
            let bytes = sqlx::query_scalar("SELECT pg_read_binary_file($1)")
                .bind(&name)
                .fetch_one(&mut *conn)
                .await
                .ok();
            self.segments.insert(number, bytes);
        }
        self.segments.get(&number)?.as_deref()
    }

    /// The bytes of the record at `start`, page headers left out.
    async fn record(
        &mut self,
        conn: &mut PgConnection,
        start: u64,
    ) -> anyhow::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        let mut need = 4;
        let mut at = start;
        while out.len() < need {
            let in_segment = at % self.segment;
            if in_segment.is_multiple_of(self.page) {
                at += if in_segment == 0 { 40 } else { 24 };
                continue;
            }
            let page_end = (at / self.page + 1) * self.page;
            let take = (page_end - at).min((need - out.len()) as u64) as usize;
            let Some(segment) = self.segment_bytes(conn, at / self.segment).await else {
                return Ok(None);
            };
            let from = in_segment as usize;
            let Some(bytes) = segment.get(from..from + take) else {
                return Ok(None);
            };
            out.extend_from_slice(bytes);
            at += take as u64;
            if out.len() >= 4 && need == 4 {
                need = u32_le(&out, 0).unwrap_or(0) as usize;
                if !(24..=RECORD_MAX).contains(&need) {
                    return Ok(None);
                }
            }
        }
        Ok(Some(out))
    }
}

/// What a record wrote: its block data and main data (together), and its full-page
/// images with their database.
struct Parsed {
    data: Vec<u8>,
    images: Vec<(u32, Vec<u8>)>,
}

struct BlockHeader {
    image: Option<Image>,
    data_len: usize,
    database: u32,
}

struct Image {
    len: usize,
    hole_offset: usize,
    hole_len: usize,
    compressed: bool,
}

fn parse(record: &[u8], page: usize) -> Option<Parsed> {
    let total = (u32_le(record, 0)? as usize).min(record.len());
    let mut at = 24;
    let mut data_total = 0;
    let mut main_len = 0;
    let mut blocks = Vec::new();
    let mut database = 0;
    while at < total.saturating_sub(data_total) {
        let id = *record.get(at)?;
        at += 1;
        match id {
            255 => {
                main_len = usize::from(*record.get(at)?);
                at += 1;
                break;
            }
            254 => {
                main_len = u32_le(record, at)? as usize;
                at += 4;
                break;
            }
            253 => at += 2,
            252 => at += 4,
            0..=32 => {
                let flags = *record.get(at)?;
                let data_len = usize::from(u16_le(record, at + 1)?);
                at += 3;
                let image = if flags & 0x10 != 0 {
                    let len = usize::from(u16_le(record, at)?);
                    let hole_offset = usize::from(u16_le(record, at + 2)?);
                    let info = *record.get(at + 4)?;
                    at += 5;
                    let has_hole = info & 0x01 != 0;
                    let compressed = info & (0x04 | 0x08 | 0x10) != 0;
                    let hole_len = if has_hole && compressed {
                        at += 2;
                        usize::from(u16_le(record, at - 2)?)
                    } else if has_hole {
                        page.checked_sub(len)?
                    } else {
                        0
                    };
                    data_total += len;
                    Some(Image {
                        len,
                        hole_offset,
                        hole_len,
                        compressed,
                    })
                } else {
                    None
                };
                data_total += data_len;
                if flags & 0x80 == 0 {
                    database = u32_le(record, at + 4)?;
                    at += 12;
                }
                at += 4;
                blocks.push(BlockHeader {
                    image,
                    data_len,
                    database,
                });
            }
            _ => return None,
        }
    }
    let mut parsed = Parsed {
        data: Vec::new(),
        images: Vec::new(),
    };
    for block in blocks {
        if let Some(image) = block.image {
            let bytes = record.get(at..at + image.len)?;
            at += image.len;
            if !image.compressed && image.hole_offset <= bytes.len() {
                let mut full = bytes[..image.hole_offset].to_vec();
                full.resize(image.hole_offset + image.hole_len, 0);
                full.extend_from_slice(&bytes[image.hole_offset..]);
                parsed.images.push((block.database, full));
            }
        }
        parsed
            .data
            .extend_from_slice(record.get(at..at + block.data_len)?);
        parsed.data.push(0);
        at += block.data_len;
    }
    parsed
        .data
        .extend_from_slice(record.get(at..at + main_len)?);
    Some(parsed)
}

/// The row versions on a heap page: `(xmin, data)` of every normal line pointer. Pages
/// with special space (indexes) have none.
fn heap_tuples(page: &[u8]) -> Vec<(u32, Vec<u8>)> {
    let mut tuples = Vec::new();
    let (Some(lower), Some(upper), Some(special)) =
        (u16_le(page, 12), u16_le(page, 14), u16_le(page, 16))
    else {
        return tuples;
    };
    let (lower, upper, special) = (usize::from(lower), usize::from(upper), usize::from(special));
    if special != page.len() || lower < 24 || lower > upper || upper > page.len() {
        return tuples;
    }
    for pointer in (24..lower).step_by(4) {
        let Some(item) = u32_le(page, pointer) else {
            break;
        };
        let (offset, flags, len) = (
            (item & 0x7fff) as usize,
            (item >> 15) & 0x3,
            (item >> 17) as usize,
        );
        if flags != 1 || len < 24 || offset + len > page.len() {
            continue;
        }
        let tuple = &page[offset..offset + len];
        let xmin = u32_le(tuple, 0).unwrap_or(0);
        let header = usize::from(tuple[22]);
        if header <= len {
            tuples.push((xmin, tuple[header..].to_vec()));
        }
    }
    tuples
}
