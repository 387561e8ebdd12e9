//! A small map whose entries expire: what one process may trust for a few seconds.
//!
//! Used for space settings (every command needs the space's language, and votes arrive in
//! bursts) and for channels seen not to be tracked threads. Bounded: when full it is
//! emptied, which costs a few database reads and never a wrong answer for longer than the
//! time to live.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub(crate) struct TtlCache<V> {
    entries: Mutex<HashMap<String, (Instant, V)>>,
    ttl: Duration,
    max: usize,
}

impl<V: Clone> TtlCache<V> {
    pub(crate) fn new(ttl: Duration, max: usize) -> TtlCache<V> {
        TtlCache {
            entries: Mutex::new(HashMap::new()),
            ttl,
            max,
        }
    }

    /// The value stored for `key` less than the time to live ago.
    pub(crate) fn get(&self, key: &str) -> Option<V> {
        let entries = self.entries.lock().ok()?;
        let (at, value) = entries.get(key)?;
        (at.elapsed() < self.ttl).then(|| value.clone())
    }

    pub(crate) fn insert(&self, key: String, value: V) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= self.max {
                entries.clear();
            }
            entries.insert(key, (Instant::now(), value));
        }
    }

    pub(crate) fn remove(&self, key: &str) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(key);
        }
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }
}

/// Items of any feature, each under a key its feature chooses (`poll:…`), kept for a few
/// seconds: the features below the bot hold their own types here without the bot knowing
/// them.
#[derive(Debug)]
pub(crate) struct RecentItems(TtlCache<Arc<dyn Any + Send + Sync>>);

/// How long a recent item is trusted, and how many are kept.
const RECENT_TTL: Duration = Duration::from_secs(10);
const RECENT_MAX: usize = 1_024;

impl Default for RecentItems {
    fn default() -> RecentItems {
        RecentItems(TtlCache::new(RECENT_TTL, RECENT_MAX))
    }
}

impl RecentItems {
    /// The item stored under `key` lately, if it is a `T`.
    pub(crate) fn get<T: Any + Send + Sync>(&self, key: &str) -> Option<Arc<T>> {
        self.0.get(key)?.downcast().ok()
    }

    pub(crate) fn insert<T: Any + Send + Sync>(&self, key: String, item: Arc<T>) {
        self.0.insert(key, item);
    }

    pub(crate) fn remove(&self, key: &str) {
        self.0.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_the_map_stays_bounded() {
        let cache = TtlCache::new(Duration::from_millis(50), 3);
        cache.insert("a".into(), 1);
        assert_eq!(cache.get("a"), Some(1));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cache.get("a"), None, "expired");
        for key in ["b", "c", "d", "e"] {
            cache.insert(key.into(), 2);
        }
        assert!(cache.len() <= 3);
        assert_eq!(cache.get("e"), Some(2), "the newest entry is kept");
        cache.remove("e");
        assert_eq!(cache.get("e"), None);
    }
}
