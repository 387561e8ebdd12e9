//! The evidence methods: keys and HMACs, same transaction, timestamps.

use std::collections::{BTreeSet, HashMap, HashSet};

use hmac::{KeyInit, Mac};
use sha2::Sha256;

use super::bytes::{find_all, hex_runs, long_hex_runs};
use super::material::Material;
use super::scan::{Scanner, only};
use super::{Finding, Method, open_sealed};

/// How far apart (bytes) a ballot reference and a ballot may be in raw storage and still
/// count as one row: a SQLite record or PostgreSQL tuple keeps its values side by side
/// (a length header, a name or two between them at most). Farther, unrelated bytes can
/// come between: a PostgreSQL WAL record of an update leaves out the unchanged start of
/// the row, reference included, so a reference can be followed by another voter's
/// ballot.
const NEAR: usize = 48;
/// Sealed ballots are hex text at least this long (a nonce and a tag alone are 40 bytes).
const SEALED_MIN_HEX: usize = 80;
/// Times closer than this (ms) count as the same moment.
const SAME_MOMENT_MS: i64 = 1_000;

/// HMAC-SHA256(key, voter), hex: how kumpul derives a ballot reference.
pub fn ballot_ref(key: &[u8], voter: &str) -> String {
    let mut mac =
        hmac::Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(voter.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The chunks holding each 64-hex-digit string.
type Holders = HashMap<Vec<u8>, Vec<usize>>;

/// Every 64-hex-digit string in the material (lower case), with the chunks holding it.
fn tokens(material: &Material) -> (HashSet<Vec<u8>>, Holders) {
    let mut all = HashSet::new();
    let mut in_chunks = Holders::new();
    for (_, raw) in &material.raw {
        for (_, run) in hex_runs(raw, 64) {
            all.insert(run.to_ascii_lowercase());
        }
    }
    for (id, chunk) in material.chunks.iter().enumerate() {
        for (_, run) in hex_runs(&chunk.bytes, 64) {
            let run = run.to_ascii_lowercase();
            all.insert(run.clone());
            let holders = in_chunks.entry(run).or_default();
            if holders.last() != Some(&id) {
                holders.push(id);
            }
        }
    }
    (all, in_chunks)
}

/// Keys and HMACs: every 64-hex string and every 32 raw bytes of a key file is tried as a
/// poll key — as the HMAC key directly, and decoded from or encoded to hex — to recompute
/// every voter's ballot reference; a reference found on (or right next to) a readable or
/// openable ballot links them.
pub fn keys(scan: &Scanner<'_>, material: &Material) -> Finding {
    let mut finding = Finding::new(Method::Key);
    let (tokens, in_chunks) = tokens(material);
    let mut candidates: BTreeSet<Vec<u8>> = BTreeSet::new();
    for token in &tokens {
        candidates.insert(token.clone());
        candidates.insert(hex::decode(token).expect("hex digits decode"));
    }
    for raw in &material.key_material {
        candidates.insert(raw.clone());
        candidates.insert(hex::encode(raw).into_bytes());
    }
    let poll_ids = poll_ids(material);
    let mut found = Vec::new();
    for voter in 0..scan.voter_count() {
        for key in &candidates {
            let reference = ballot_ref(key, scan.voter(voter));
            if tokens.contains(reference.as_bytes()) {
                found.push((voter, reference, key));
            }
        }
    }
    scan.note(format!(
        "keys: {} candidates tried, {} voters' ballot references recomputed and found",
        candidates.len(),
        found.iter().map(|f| f.0).collect::<BTreeSet<_>>().len()
    ));
    for (voter, reference, key) in &found {
        for &chunk in in_chunks.get(reference.as_bytes()).into_iter().flatten() {
            if let Some(ballot) = only(scan.ballots_of(chunk)) {
                scan.claim(&mut finding, "ref on a readable row", *voter, ballot);
            }
            for (_, sealed) in long_hex_runs(&material.chunks[chunk].bytes, SEALED_MIN_HEX) {
                let sealed = String::from_utf8_lossy(sealed);
                for poll_id in material.chunks[chunk].ints.iter().chain(&poll_ids) {
                    if let Some(opened) = open_sealed(key, *poll_id, reference, &sealed)
                        && let Some(ballot) = scan.ballot_by_text(&opened)
                    {
                        scan.claim(&mut finding, "opened with a found key", *voter, ballot);
                    }
                }
            }
        }
        for (_, raw) in &material.raw {
            for at in find_all(raw, reference.as_bytes()) {
                if let Some(ballot) = nearest_ballot(scan, raw, at, reference.len()) {
                    scan.claim(&mut finding, "raw bytes next to a ref", *voter, ballot);
                }
            }
        }
    }
    finding
}

/// Integers that may be poll ids: those on rows that hold a sealed ballot.
fn poll_ids(material: &Material) -> Vec<i64> {
    let mut ids = BTreeSet::new();
    for chunk in &material.chunks {
        if !long_hex_runs(&chunk.bytes, SEALED_MIN_HEX).is_empty() {
            ids.extend(chunk.ints.iter().copied());
        }
        if ids.len() > 16 {
            break;
        }
    }
    ids.into_iter().collect()
}

/// The ballot stored nearest to a reference at `at` in raw bytes, within [`NEAR`] and with
/// no other reference in between (after the reference first: columns are stored in order
/// and the ballot column follows the reference).
fn nearest_ballot(scan: &Scanner<'_>, raw: &[u8], at: usize, len: usize) -> Option<usize> {
    let end = (at + len + NEAR).min(raw.len());
    let start = at.saturating_sub(NEAR);
    let after = &raw[at + len..end];
    let before = &raw[start..at];
    let first_in = |window: &[u8], from_end: bool| -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for ballot in scan.ballots_in(window) {
            for form in scan.forms(ballot) {
                for pos in find_all(window, form) {
                    let distance = if from_end {
                        window.len() - (pos + form.len())
                    } else {
                        pos
                    };
                    if best.is_none_or(|(d, _)| distance < d) {
                        best = Some((distance, ballot));
                    }
                }
            }
        }
        let (distance, ballot) = best?;
        let between = if from_end {
            &window[window.len() - distance..]
        } else {
            &window[..distance]
        };
        hex_runs(between, 64).is_empty().then_some(ballot)
    };
    first_in(after, false).or_else(|| first_in(before, true))
}

/// Same transaction: what one commit wrote (SQLite: the rows that changed from the state
/// before; PostgreSQL: the row versions with its xid as `xmin`, and its WAL records).
/// One voter's participation and one readable ballot in one commit link them; a ballot
/// reference written with one voter's participation and found later on a readable
/// ballot links them too; and so does one row that holds both a voter and a ballot.
pub fn transactions(scan: &Scanner<'_>, material: &Material) -> Finding {
    let mut finding = Finding::new(Method::Transaction);
    let (_, in_chunks) = tokens(material);
    for unit in &material.units {
        let voters: BTreeSet<usize> = unit
            .chunks
            .iter()
            .flat_map(|c| scan.voters_of(*c).iter().copied())
            .collect();
        let ballots: BTreeSet<usize> = unit
            .chunks
            .iter()
            .flat_map(|c| scan.ballots_of(*c).iter().copied())
            .collect();
        let Some(voter) = only(&voters) else {
            continue;
        };
        if ballots.len() > 1 {
            continue;
        }
        if let Some(ballot) = ballots.first() {
            scan.claim(&mut finding, unit.source, voter, *ballot);
        }
        // Follow the ballot row written with the voter: its reference, found again.
        let written: BTreeSet<Vec<u8>> = unit
            .chunks
            .iter()
            .filter(|c| scan.voters_of(**c).is_empty())
            .flat_map(|c| hex_runs(&material.chunks[*c].bytes, 64))
            .map(|(_, run)| run.to_ascii_lowercase())
            .collect();
        for token in &written {
            for &chunk in in_chunks.get(token).into_iter().flatten() {
                if let Some(ballot) = only(scan.ballots_of(chunk)) {
                    scan.claim(
                        &mut finding,
                        "ref written with a voter, traced",
                        voter,
                        ballot,
                    );
                }
            }
        }
    }
    for chunk in 0..material.chunks.len() {
        if let (Some(voter), Some(ballot)) =
            (only(scan.voters_of(chunk)), only(scan.ballots_of(chunk)))
        {
            scan.claim(&mut finding, "voter and ballot on one row", voter, ballot);
        }
    }
    scan.note(format!(
        "transactions: {} commits/transactions compared",
        material.units.len()
    ));
    finding
}

/// The moments (unix ms) an integer could stand for, between 2001 and 2100: unix
/// milliseconds, seconds or microseconds, or PostgreSQL microseconds since 2000.
fn moments(value: i64) -> Vec<i64> {
    const FROM: i64 = 978_307_200_000; // 2001-01-01
    const UNTIL: i64 = 4_102_444_800_000; // 2100-01-01
    const PG_EPOCH_US: i64 = 946_684_800_000_000;
    let candidates = [
        Some(value),
        value.checked_mul(1_000),
        Some(value / 1_000),
        value.checked_add(PG_EPOCH_US).map(|us| us / 1_000),
    ];
    let mut moments: Vec<i64> = candidates
        .into_iter()
        .flatten()
        .filter(|ms| (FROM..UNTIL).contains(ms))
        .collect();
    moments.dedup();
    moments
}

/// Timestamps: a time on a row holding one ballot that is within a second of one voter's
/// time — on a row of theirs, or when they were seen voting in the chat — and of no other
/// ballot's (a time every ballot shares, such as the close, tells nothing).
pub fn timestamps(scan: &Scanner<'_>, material: &Material) -> Finding {
    let mut finding = Finding::new(Method::Timestamp);
    let mut ballot_times = Vec::new();
    let mut voter_times = Vec::new();
    for (id, chunk) in material.chunks.iter().enumerate() {
        let times: Vec<i64> = chunk.ints.iter().flat_map(|v| moments(*v)).collect();
        if let Some(ballot) = only(scan.ballots_of(id)) {
            ballot_times.extend(times.iter().map(|t| (ballot, *t)));
        }
        if let Some(voter) = only(scan.voters_of(id)) {
            voter_times.extend(times.iter().map(|t| (voter, *t)));
        }
    }
    for voter in 0..scan.voter_count() {
        for at in scan.truth().times(scan.voter(voter)) {
            voter_times.push((voter, at));
        }
    }
    let near = |a: i64, b: i64| (a - b).abs() <= SAME_MOMENT_MS;
    for &(ballot, at) in &ballot_times {
        let shared = ballot_times
            .iter()
            .any(|&(other, t)| other != ballot && near(t, at));
        if shared {
            continue;
        }
        let voters: BTreeSet<usize> = voter_times
            .iter()
            .filter(|(_, t)| near(*t, at))
            .map(|(v, _)| *v)
            .collect();
        if let Some(voter) = only(&voters) {
            scan.claim(&mut finding, "time on a ballot row", voter, ballot);
        }
    }
    scan.note(format!(
        "timestamps: {} times on ballot rows, {} times of voters",
        ballot_times.len(),
        voter_times.len()
    ));
    finding
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::polls::secret;

    #[test]
    fn ballot_references_are_recomputed_as_kumpul_computes_them() {
        let key = [7u8; 32];
        assert_eq!(
            ballot_ref(&key, "console:ana"),
            secret::ballot_ref(&secret::Key::from_bytes(key), "console:ana"),
            "the linker tries raw keys as kumpul uses them; update `keys` if this changes"
        );
        assert_eq!(moments(1_800_000_000_000), vec![1_800_000_000_000]);
        assert_eq!(moments(1_800_000_000), vec![1_800_000_000_000]);
        assert!(moments(42).is_empty());
    }
}
