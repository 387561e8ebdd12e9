//! Keys for secret ballots.
//!
//! Each secret poll has a random 256-bit key. A ballot is stored under
//! HMAC-SHA256(key, voter), so the same voter always lands on the same row (they can
//! change or retract their vote) while the poll is open. When the poll closes the key is
//! deleted; from then on nobody — including whoever runs kumpul — can recompute which row
//! belongs to whom. While the poll is open, the operator, who can read the key, could.

use hmac::{KeyInit, Mac};
use sha2::Sha256;

/// A fresh random key, hex-encoded.
pub fn new_key() -> anyhow::Result<String> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("no randomness for a poll key: {e}"))?;
    Ok(hex::encode(key))
}

/// The ballot reference of `voter` under `key`.
pub fn ballot_ref(key: &str, voter: &str) -> String {
    let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(voter.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_voter_maps_to_the_same_reference_only_under_the_same_key() {
        let key = new_key().unwrap();
        let other = new_key().unwrap();
        assert_eq!(key.len(), 64);
        assert_ne!(key, other);
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
        assert!(!ballot_ref(&key, "console:alice").contains("alice"));
    }
}
