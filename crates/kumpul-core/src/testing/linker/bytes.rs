//! Byte searches: the linker reads storage as an attacker would, without trusting any
//! schema, so it looks for voter keys, ballots and keys as bytes.

/// Every start offset of `needle` in `hay`.
pub fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut found = Vec::new();
    if needle.is_empty() || hay.len() < needle.len() {
        return found;
    }
    let last_start = hay.len() - needle.len();
    let mut from = 0;
    while from <= last_start {
        let Some(skip) = hay[from..=last_start].iter().position(|&b| b == needle[0]) else {
            break;
        };
        let at = from + skip;
        if &hay[at..at + needle.len()] == needle {
            found.push(at);
        }
        from = at + 1;
    }
    found
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether `hay` holds the voter key `key` as a whole key, not as the start of a longer
/// one (`console:ana` in `console:anakin`). Only the end is checked: in PostgreSQL the
/// byte before a value is its length header, which can be any character.
pub fn holds_key(hay: &[u8], key: &[u8]) -> bool {
    find_all(hay, key).into_iter().any(|at| {
        hay.get(at + key.len())
            .is_none_or(|b| !(b.is_ascii_alphanumeric() || b"_.-:@".contains(b)))
    })
}

/// Strings of `len` hex digits, with their offsets: runs exactly that long, and every
/// `len`-digit window of runs up to two digits longer (a PostgreSQL length header or a
/// SQLite serial type next to a value can happen to be a hex digit too).
pub fn hex_runs(hay: &[u8], len: usize) -> Vec<(usize, &[u8])> {
    runs(hay)
        .filter(|(_, run)| (len..=len + 2).contains(&run.len()))
        .flat_map(|(at, run)| (0..=run.len() - len).map(move |i| (at + i, &run[i..i + len])))
        .collect()
}

/// Runs of hex digits at least `min` long, with their offsets.
pub fn long_hex_runs(hay: &[u8], min: usize) -> Vec<(usize, &[u8])> {
    runs(hay).filter(|(_, run)| run.len() >= min).collect()
}

fn runs(hay: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < hay.len() {
            if !hay[at].is_ascii_hexdigit() {
                at += 1;
                continue;
            }
            let start = at;
            while at < hay.len() && hay[at].is_ascii_hexdigit() {
                at += 1;
            }
            return Some((start, &hay[start..at]));
        }
        None
    })
}

/// The payload of a PostgreSQL varlena value as pageinspect returns it (with its 1- or
/// 4-byte length header), or `None` if the bytes are not shaped like one.
pub fn varlena(attr: &[u8]) -> Option<&[u8]> {
    let first = *attr.first()?;
    if first == 0x01 {
        return None; // a TOAST pointer: the value lives elsewhere
    }
    if first & 0x01 == 0x01 {
        let len = usize::from(first >> 1);
        return (len == attr.len() && len >= 1).then(|| &attr[1..]);
    }
    let header = u32::from_le_bytes(attr.get(..4)?.try_into().ok()?);
    let len = (header >> 2) as usize;
    (len == attr.len() && header & 0x03 == 0).then(|| &attr[4..])
}

pub fn u16_le(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

pub fn u32_le(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

pub fn u32_be(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_whole_and_hex_runs_by_length() {
        assert!(holds_key(b"\x1dconsole:ana\0", b"console:ana"));
        assert!(!holds_key(b"console:anakin", b"console:ana"));
        assert_eq!(find_all(b"abcabc", b"bc"), vec![1, 4]);
        let text = format!("x{}y{}z", "a".repeat(64), "b".repeat(65));
        assert_eq!(hex_runs(text.as_bytes(), 64).len(), 3);
        assert_eq!(hex_runs("a".repeat(67).as_bytes(), 64).len(), 0);
        assert_eq!(long_hex_runs(text.as_bytes(), 64).len(), 2);
        // A 1-byte header counts itself: 4 bytes in all is (4 << 1) | 1.
        assert_eq!(varlena(b"\x09abc"), Some(&b"abc"[..]));
        assert_eq!(varlena(b"\x07abc"), None);
    }
}
