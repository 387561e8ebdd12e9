//! Secret ballots: a key that never reaches the database, and ballots sealed under it.
//!
//! Each secret poll has a random 256-bit key, kept in a file of its own outside the
//! database ([`crate::keys::KeyStore`]). While the poll is open, a ballot is stored under
//! HMAC-SHA256(key, voter) — so the same voter always lands on the same row and can
//! change or retract their vote — and its content is sealed with XChaCha20-Poly1305
//! under the same key, padded to one length whatever it says. The database therefore
//! never holds a readable link between a voter and a choice: not in a row, not in a
//! transaction that also records who took part, not in a dead row version or the
//! write-ahead log. When the poll closes, one transaction opens every ballot, deletes
//! the sealed rows and writes the plain ballots under fresh random references in a
//! random order; then the key file is overwritten and removed. From then on nothing
//! kumpul keeps can be joined to tell whose ballot is whose. While the poll is open,
//! whoever can read both the key file and the database could link them.
// The weakened build of the attack tests does not seal.
#![cfg_attr(feature = "weak-secret-ballots", allow(unused_imports, dead_code))]

use chacha20poly1305::aead::{Aead, KeyInit as _, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{KeyInit, Mac};
use sha2::Sha256;

use super::model::{OPTIONS_MAX, REASON_MAX};
pub use crate::keys::Key;

/// Every sealed ballot is this many bytes before encryption, more than the longest a
/// ballot can be (25 answers of up to 12 bytes, escaped once more inside the content;
/// a 500-character reason escaped at up to 6 bytes a character), so the length of a
/// sealed ballot says nothing about what it holds.
const SEALED_LEN: usize = 4 + 64 + OPTIONS_MAX * 12 * 2 + REASON_MAX * 6;
/// XChaCha20-Poly1305 nonce length.
const NONCE_LEN: usize = 24;

/// The ballot reference of `voter` under `key`.
pub fn ballot_ref(key: &Key, voter: &str) -> String {
    let mut mac =
        hmac::Hmac::<Sha256>::new_from_slice(key.bytes()).expect("HMAC accepts keys of any length");
    mac.update(voter.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The ballot reference of `voter` under a key kept in the database by kumpul before
/// migration 0009 (its hex text was the HMAC key), to move such polls to a key file.
pub fn legacy_ballot_ref(hex_key: &str, voter: &str) -> String {
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(hex_key.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(voter.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A fresh random ballot reference for a sealed-and-opened ballot: unrelated to anyone.
pub fn random_ref() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("no randomness for a ballot reference: {e}"))?;
    Ok(hex::encode(bytes))
}

/// A random permutation of `items` (Fisher–Yates from the operating system's random
/// source: the order of sealed ballots must not be predictable from anything).
pub fn shuffle<T>(items: &mut [T]) -> anyhow::Result<()> {
    for i in (1..items.len()).rev() {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
        // Modulo bias is at most 2^-40 for any realistic number of ballots.
        let j = (u64::from_le_bytes(bytes) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    Ok(())
}

/// What a ballot holds: its choices (JSON, as stored for other polls) and a reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Content {
    pub choices: String,
    pub reason: Option<String>,
}

#[cfg(not(feature = "weak-secret-ballots"))]
fn nonce_of(bytes: &[u8]) -> anyhow::Result<XNonce> {
    let bytes: [u8; NONCE_LEN] = bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("a sealed ballot's nonce is damaged"))?;
    Ok(XNonce::from(bytes))
}

fn associated(poll_id: i64, voter_ref: &str) -> Vec<u8> {
    format!("kumpul ballot v1\n{poll_id}\n{voter_ref}").into_bytes()
}

/// Seals a ballot of poll `poll_id` stored under `voter_ref`: hex of nonce ‖ ciphertext.
#[cfg(not(feature = "weak-secret-ballots"))]
pub fn seal(key: &Key, poll_id: i64, voter_ref: &str, content: &Content) -> anyhow::Result<String> {
    let json = serde_json::to_vec(content)?;
    anyhow::ensure!(
        json.len() + 4 <= SEALED_LEN,
        "a ballot of {} bytes does not fit a sealed ballot",
        json.len()
    );
    let mut padded = Vec::with_capacity(SEALED_LEN);
    padded.extend_from_slice(&(json.len() as u32).to_le_bytes());
    padded.extend_from_slice(&json);
    padded.resize(SEALED_LEN, 0);
    let mut nonce = [0u8; NONCE_LEN];
    getrandom::fill(&mut nonce).map_err(|e| anyhow::anyhow!("no randomness for a nonce: {e}"))?;
    let cipher = XChaCha20Poly1305::new((key.bytes()).into());
    let aad = associated(poll_id, voter_ref);
    let sealed = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: &padded,
                aad: &aad,
            },
        )
        .map_err(|_| anyhow::anyhow!("sealing a ballot failed"))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(hex::encode(out))
}

/// Opens a ballot sealed by [`seal`] under the same poll, reference and key.
#[cfg(not(feature = "weak-secret-ballots"))]
pub fn open(key: &Key, poll_id: i64, voter_ref: &str, sealed: &str) -> anyhow::Result<Content> {
    let bytes = hex::decode(sealed)?;
    anyhow::ensure!(bytes.len() > NONCE_LEN, "a sealed ballot is too short");
    let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
    let cipher = XChaCha20Poly1305::new((key.bytes()).into());
    let aad = associated(poll_id, voter_ref);
    let padded = cipher
        .decrypt(
            &nonce_of(nonce)?,
            Payload {
                msg: ciphertext,
                aad: &aad,
            },
        )
        .map_err(|_| anyhow::anyhow!("a sealed ballot does not open under this poll's key"))?;
    anyhow::ensure!(padded.len() >= 4, "a sealed ballot has no length");
    let len = u32::from_le_bytes([padded[0], padded[1], padded[2], padded[3]]) as usize;
    let json = padded
        .get(4..4 + len)
        .ok_or_else(|| anyhow::anyhow!("a sealed ballot's length is wrong"))?;
    Ok(serde_json::from_slice(json)?)
}

/// The weakened build of the attack tests: the "sealed" ballot is readable JSON.
#[cfg(feature = "weak-secret-ballots")]
pub fn seal(_: &Key, _: i64, _: &str, content: &Content) -> anyhow::Result<String> {
    Ok(serde_json::to_string(content)?)
}

#[cfg(feature = "weak-secret-ballots")]
pub fn open(_: &Key, _: i64, _: &str, sealed: &str) -> anyhow::Result<Content> {
    Ok(serde_json::from_str(sealed)?)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_voter_maps_to_the_same_reference_only_under_the_same_key() {
        let key = Key::random().unwrap();
        let other = Key::random().unwrap();
        assert_ne!(key.bytes(), other.bytes());
        assert_eq!(
            ballot_ref(&key, "console:alice"),
            ballot_ref(&key, "console:alice")
        );
        assert_ne!(
            ballot_ref(&key, "console:alice"),
            ballot_ref(&key, "console:bob")
        );
        assert_ne!(
            ballot_ref(&key, "console:alice"),
            ballot_ref(&other, "console:alice")
        );
    }

    #[cfg(not(feature = "weak-secret-ballots"))]
    #[test]
    fn sealed_ballots_open_only_under_their_key_poll_and_reference_and_all_look_alike() {
        let key = Key::random().unwrap();
        let short = Content {
            choices: "[0]".into(),
            reason: None,
        };
        let long = Content {
            choices: format!("[{}]", vec!["10"; OPTIONS_MAX].join(",")),
            reason: Some("𝄞".repeat(REASON_MAX)),
        };
        let a = seal(&key, 7, "r1", &short).unwrap();
        let b = seal(&key, 7, "r1", &long).unwrap();
        assert_eq!(a.len(), b.len(), "a sealed ballot's length says nothing");
        assert_ne!(
            a,
            seal(&key, 7, "r1", &short).unwrap(),
            "fresh nonce each time"
        );
        assert_eq!(open(&key, 7, "r1", &a).unwrap(), short);
        assert_eq!(open(&key, 7, "r1", &b).unwrap(), long);
        assert!(open(&Key::random().unwrap(), 7, "r1", &a).is_err());
        assert!(open(&key, 8, "r1", &a).is_err(), "bound to its poll");
        assert!(open(&key, 7, "r2", &a).is_err(), "bound to its reference");
        assert!(!a.contains(&hex::encode("[0]")));
    }

    #[tokio::test]
    async fn keys_are_created_read_and_destroyed_on_disk_and_swept_when_unneeded() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::keys::KeyStore::new(dir.path().join("keys"));
        assert!(store.read(1).await.unwrap().is_none());
        let key = store.create(1).await.unwrap();
        assert_eq!(store.read(1).await.unwrap().unwrap().bytes(), key.bytes());
        assert!(store.create(1).await.is_err(), "never replaces a key");
        store.destroy(1).await.unwrap();
        assert!(store.read(1).await.unwrap().is_none());
        store.destroy(1).await.unwrap();
        // Young keys are left alone; an old one of a closed poll is destroyed.
        store.create(2).await.unwrap();
        store.create(3).await.unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for id in [2, 3] {
            std::fs::File::options()
                .write(true)
                .open(store.path(id))
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        }
        store.create(4).await.unwrap();
        let swept = store.sweep(|id| async move { Ok(id == 3) }).await.unwrap();
        assert_eq!(swept, 1);
        assert!(store.read(2).await.unwrap().is_none());
        assert!(store.read(3).await.unwrap().is_some());
        assert!(store.read(4).await.unwrap().is_some());
    }
}
