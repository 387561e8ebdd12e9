//! PostgreSQL values too long for their row: TOAST, read from the pages themselves.
//!
//! A long value (a sealed ballot is several kilobytes of hex) is compressed and, if still
//! long, cut into chunks stored in the table's TOAST relation; the row keeps an 18-byte
//! pointer. When the row version dies, its chunks die with it, so PostgreSQL's own
//! detoasting no longer finds them — but until a vacuum the chunks are still on the
//! TOAST pages, and an attacker can put them back together. So does this module
//! (`access/detoast.c`, `common/pg_lzcompress.c` as of PostgreSQL 15).

use std::collections::{BTreeMap, HashMap};

use super::bytes::u32_le;

/// Longest value put back together (larger ones are not kumpul's).
const VALUE_MAX: usize = 16 << 20;

/// The chunks of every TOAST value seen, by value id, in chunk order.
#[derive(Debug, Default)]
pub struct Toast {
    chunks: HashMap<u32, BTreeMap<i32, Vec<u8>>>,
}

impl Toast {
    /// Adds one row version of a TOAST relation: its attributes as pageinspect returns
    /// them without detoasting (`chunk_id`, `chunk_seq`, `chunk_data`).
    pub fn add(&mut self, attrs: &[Option<Vec<u8>>]) {
        let [Some(id), Some(seq), Some(data)] = attrs else {
            return;
        };
        let (Some(id), Some(seq)) = (u32_le(id, 0), u32_le(seq, 0)) else {
            return;
        };
        if let Some(payload) = plain(data) {
            self.chunks
                .entry(id)
                .or_default()
                .insert(seq as i32, payload.to_vec());
        }
    }

    /// The bytes of a value as stored in a row (with its header), decompressed and
    /// fetched from TOAST as needed; `None` if it is not a varlena value or its chunks
    /// are gone.
    pub fn value(&self, attr: &[u8]) -> Option<Vec<u8>> {
        let first = *attr.first()?;
        if first == 0x01 {
            return self.external(attr);
        }
        if first & 0x01 == 0x01 {
            return plain(attr).map(<[u8]>::to_vec);
        }
        let header = u32_le(attr, 0)?;
        if (header >> 2) as usize != attr.len() {
            return None;
        }
        match header & 0x03 {
            0 => Some(attr[4..].to_vec()),
            // Compressed in the row: the raw size (30 bits) and method, then the data.
            2 => decompress(attr.get(4..)?),
            _ => None,
        }
    }

    /// A TOAST pointer: `0x01`, tag 18, raw size, stored size and method, value id,
    /// TOAST relation.
    fn external(&self, attr: &[u8]) -> Option<Vec<u8>> {
        if attr.len() != 18 || attr[1] != 18 {
            return None;
        }
        let raw_size = u32_le(attr, 2)? as usize;
        let stored = u32_le(attr, 6)?;
        let id = u32_le(attr, 10)?;
        let data: Vec<u8> = self.chunks.get(&id)?.values().flatten().copied().collect();
        if data.len() > VALUE_MAX {
            return None;
        }
        let stored_size = (stored & 0x3fff_ffff) as usize;
        if stored_size < raw_size.saturating_sub(4) {
            decompress(&data)
        } else {
            Some(data)
        }
    }
}

/// The payload of an uncompressed inline varlena value.
fn plain(attr: &[u8]) -> Option<&[u8]> {
    super::bytes::varlena(attr)
}

/// `tcinfo` (raw size, 30 bits; method, 2 bits) followed by compressed data: pglz only.
fn decompress(data: &[u8]) -> Option<Vec<u8>> {
    let info = u32_le(data, 0)?;
    let raw_size = (info & 0x3fff_ffff) as usize;
    if info >> 30 != 0 || raw_size > VALUE_MAX {
        return None; // lz4, or not a compressed value
    }
    pglz(&data[4..], raw_size)
}

/// pglz decompression: each control byte says, for the next eight items, whether it is
/// a literal byte or a back-reference (offset, length) into what was written so far.
fn pglz(source: &[u8], raw_size: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw_size);
    let mut at = 0;
    while at < source.len() && out.len() < raw_size {
        let control = source[at];
        at += 1;
        for bit in 0..8 {
            if at >= source.len() || out.len() >= raw_size {
                break;
            }
            if control & (1 << bit) == 0 {
                out.push(source[at]);
                at += 1;
                continue;
            }
            let (a, b) = (*source.get(at)?, *source.get(at + 1)?);
            at += 2;
            let mut len = usize::from(a & 0x0f) + 3;
            let offset = (usize::from(a & 0xf0) << 4) | usize::from(b);
            if len == 18 {
                len += usize::from(*source.get(at)?);
                at += 1;
            }
            if offset == 0 || offset > out.len() {
                return None;
            }
            for _ in 0..len {
                out.push(out[out.len() - offset]);
            }
        }
    }
    (out.len() == raw_size).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pglz_back_references_repeat_what_was_written() {
        // "abc" literally, then a reference 3 back, 6 long: "abcabcabc".
        let source = [0b0000_1000, b'a', b'b', b'c', 0x03, 0x03];
        assert_eq!(pglz(&source, 9).as_deref(), Some(&b"abcabcabc"[..]));
        assert_eq!(pglz(&source, 10), None);
    }
}
