//! A space's settings as every command needs them: its language, time zone, moderator
//! role and default event reminders, read once per few seconds per space.
//!
//! The settings table is infrastructure every feature writes to (`ensure_space`), so its
//! SQL lives here, below the features; the `settings` feature owns only the commands.

pub mod repo;

use std::time::Duration;

use crate::bot::Bot;
use crate::cache::TtlCache;
use crate::i18n::Locale;
use crate::identity::{Invocation, SpaceId};
use crate::time::Zone;

pub use repo::SpaceSettings;

/// How long a cached space setting is trusted. Changes made through this process are
/// seen at once; another process (PostgreSQL deployments) sees them within this time.
const SPACE_CACHE_TTL: Duration = Duration::from_secs(10);
/// Spaces cached at most, so the cache cannot grow without bound.
const SPACE_CACHE_MAX: usize = 10_000;

/// Space settings read in the last few seconds.
pub(crate) type SpaceCache = TtlCache<SpaceSettings>;

impl Default for SpaceCache {
    fn default() -> Self {
        TtlCache::new(SPACE_CACHE_TTL, SPACE_CACHE_MAX)
    }
}

/// Where a person's time zone comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneSource {
    Person,
    Space,
    Default,
}

impl Bot {
    /// Forgets cached settings of a space: call after changing them.
    pub fn forget_space(&self, space: &SpaceId) {
        self.spaces().remove(&space.key());
    }

    /// The space's settings, from the cache when they were read in the last seconds.
    pub(crate) async fn space_settings(&self, space: &SpaceId) -> SpaceSettings {
        let key = space.key();
        if let Some(settings) = self.spaces().get(&key) {
            return settings;
        }
        let settings = self.read_space_settings(space).await;
        self.spaces().insert(key, settings.clone());
        settings
    }

    async fn read_space_settings(&self, space: &SpaceId) -> SpaceSettings {
        let settings = async {
            let mut conn = self.store().pool().acquire().await?;
            repo::fetch_space_settings(&mut conn, &space.key()).await
        };
        settings.await.unwrap_or_else(|error| {
            // Answering in the default language and zone beats not answering.
            tracing::warn!(%error, "could not read the space's settings");
            repo::SpaceSettings::default()
        })
    }

    /// The space's language, or the deployment default.
    pub async fn locale_of_space(&self, space: &SpaceId) -> Locale {
        self.space_settings(space)
            .await
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or(self.config().default_locale)
    }

    /// The space's language, or the deployment default.
    pub async fn space_locale(&self, inv: &Invocation) -> Locale {
        self.locale_of_space(&inv.space).await
    }

    /// The space's time zone, or the deployment default.
    pub async fn zone_of_space(&self, space: &SpaceId) -> Zone {
        self.space_settings(space)
            .await
            .timezone
            .as_deref()
            .and_then(|name| Zone::parse(name).ok())
            .unwrap_or_else(|| self.config().default_timezone.clone())
    }

    /// The zone a person reads and types times in: their own, else the space's, else the
    /// deployment default; with where it came from.
    pub async fn zone_of_user(&self, inv: &Invocation) -> (Zone, ZoneSource) {
        match self.own_zone(&inv.actor.user.key()).await {
            Ok(Some(name)) => {
                if let Ok(zone) = Zone::parse(&name) {
                    return (zone, ZoneSource::Person);
                }
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "could not read a person's time zone"),
        }
        let space = self.space_settings(&inv.space).await;
        match space
            .timezone
            .as_deref()
            .and_then(|name| Zone::parse(name).ok())
        {
            Some(zone) => (zone, ZoneSource::Space),
            None => (self.config().default_timezone.clone(), ZoneSource::Default),
        }
    }

    /// The zone a person chose (`timezone set`), read once per few seconds like a space's
    /// settings: a burst of votes by one person asks once. Changed through this process,
    /// it is seen at once ([`Bot::forget_own_zone`]); through another, within the time a
    /// recent item is trusted.
    async fn own_zone(&self, user: &str) -> Result<Option<String>, sqlx::Error> {
        let key = format!("zone:{user}");
        if let Some(zone) = self.recent_items().get::<Option<String>>(&key) {
            return Ok(Option::clone(&zone));
        }
        let mut conn = self.store().pool().acquire().await?;
        let zone = repo::fetch_user_timezone(&mut conn, user).await?;
        self.recent_items()
            .insert(key, std::sync::Arc::new(zone.clone()));
        Ok(zone)
    }

    /// Forgets the recent copy of a person's own zone: call after changing it.
    pub(crate) fn forget_own_zone(&self, user: &str) {
        self.recent_items().remove(&format!("zone:{user}"));
    }
}
