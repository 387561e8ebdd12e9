//! The bot's services: the store, the message bundles, the configuration and the state one
//! process keeps (live messages, the scheduler's wake-up, caches, the key files of secret
//! polls). Everything handlers share — and nothing that knows a feature, so the layers
//! below the features can hold a [`Bot`] without running back up.
//!
//! The rest of the old `bot.rs` lives by role: [`crate::dispatch`] turns commands and
//! clicks into replies, [`crate::ctx`] is what a handler knows about its request, and
//! [`crate::space`] resolves a space's settings. Adapters call the bot through
//! [`crate::port`].

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::error::{Internal, Result};
use crate::i18n::I18n;
use crate::i18n::Locale;
use crate::identity::Platform;
use crate::live::Views;
use crate::scheduler::Jobs;
use crate::store::Store;
use crate::surface::Surface;
use crate::time::Zone;

pub use crate::ctx::{Ctx, Reader};
pub use crate::space::ZoneSource;

/// Deployment-wide settings the core needs.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// The language of spaces that have not chosen one.
    pub default_locale: Locale,
    /// The time zone of spaces that have not chosen one.
    pub default_timezone: Zone,
    /// How long a group must wait between two pings.
    pub group_ping_cooldown: Duration,
    /// Store the authors of anonymous ideas (never shown) for moderation.
    pub keep_anonymous_authors: bool,
    /// The folder of the keys of open secret polls (see `polls::secret`).
    pub secret_keys_dir: std::path::PathBuf,
    /// Threads with no message for this long are archived.
    pub thread_archive_after: Duration,
    /// How much one person and one space may have pending (see [`crate::limits`]).
    pub limits: crate::limits::Limits,
}

/// Everything handlers share. Cheap to clone.
#[derive(Clone)]
pub struct Bot {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    i18n: I18n,
    config: CoreConfig,
    /// Rung when a handler schedules a job, so a sleeping scheduler looks again.
    scheduler_wakeup: Arc<Notify>,
    /// Space settings read in the last few seconds (see [`crate::space`]).
    spaces: crate::space::SpaceCache,
    /// People's languages recorded lately (see [`crate::person`]).
    recorded_locales: crate::person::Recorded,
    /// Anchored messages waiting for a refresh.
    live: crate::live::Live,
    /// Channels recently seen not to be tracked threads (every message of a server asks).
    untracked_threads: crate::inbound::Untracked,
    /// The keys of open secret polls.
    poll_keys: crate::keys::KeyStore,
    /// Items the features read lately and may trust for a few seconds (see
    /// [`Bot::recent_items`]).
    recent_items: crate::cache::RecentItems,
    /// What anchored messages show, by the features.
    views: &'static dyn Views,
    /// What each job kind does, by the features.
    jobs: &'static dyn Jobs,
    /// What each platform can show, as its adapter described it.
    surfaces: crate::surface::Surfaces,
}

impl std::fmt::Debug for Bot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bot")
            .field("store", &self.inner.store)
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl Bot {
    /// A bot whose anchored messages and jobs are served by `views` and `jobs` (the
    /// features'; see `Bot::new`).
    pub(crate) fn assemble(
        store: Store,
        config: CoreConfig,
        views: &'static dyn Views,
        jobs: &'static dyn Jobs,
    ) -> anyhow::Result<Bot> {
        Ok(Bot {
            inner: Arc::new(Inner {
                store,
                i18n: I18n::load()?,
                scheduler_wakeup: Arc::new(Notify::new()),
                spaces: crate::space::SpaceCache::default(),
                recorded_locales: Default::default(),
                live: crate::live::Live::default(),
                untracked_threads: Default::default(),
                poll_keys: crate::keys::KeyStore::new(config.secret_keys_dir.clone()),
                recent_items: crate::cache::RecentItems::default(),
                views,
                jobs,
                surfaces: Default::default(),
                config,
            }),
        })
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn i18n(&self) -> &I18n {
        &self.inner.i18n
    }

    pub fn config(&self) -> &CoreConfig {
        &self.inner.config
    }

    /// The keys of open secret polls.
    pub fn poll_keys(&self) -> &crate::keys::KeyStore {
        &self.inner.poll_keys
    }

    /// Wakes the scheduler: call after committing a new job.
    pub fn wake_scheduler(&self) {
        self.inner.scheduler_wakeup.notify_one();
    }

    /// What the scheduler waits on between jobs.
    pub fn scheduler_wakeup(&self) -> Arc<Notify> {
        self.inner.scheduler_wakeup.clone()
    }

    /// People's languages this process recorded lately.
    pub(crate) fn recorded_locales(&self) -> &crate::person::Recorded {
        &self.inner.recorded_locales
    }

    /// Items of any feature read lately, by a key the feature chooses: what one process may
    /// trust for a few seconds (an open poll's question and options while votes arrive).
    pub(crate) fn recent_items(&self) -> &crate::cache::RecentItems {
        &self.inner.recent_items
    }

    /// Channels recently seen not to be threads kumpul tracks.
    pub(crate) fn untracked_threads(&self) -> &crate::inbound::Untracked {
        &self.inner.untracked_threads
    }

    /// Anchored messages waiting for a refresh (see [`crate::live`]).
    pub fn live(&self) -> &crate::live::Live {
        &self.inner.live
    }

    pub(crate) fn spaces(&self) -> &crate::space::SpaceCache {
        &self.inner.spaces
    }

    /// Records what `platform` can show; adapters call it once when they start.
    pub fn describe_surface(&self, platform: Platform, surface: Surface) {
        self.inner.surfaces.set(platform, surface);
    }

    /// What `platform` can show (the plainest surface if its adapter said nothing).
    pub fn surface(&self, platform: Platform) -> Surface {
        self.inner.surfaces.get(platform)
    }

    pub(crate) fn views(&self) -> &'static dyn Views {
        self.inner.views
    }

    pub(crate) fn jobs(&self) -> &'static dyn Jobs {
        self.inner.jobs
    }
}

/// Starts a transaction, mapping the failure to an internal error.
pub async fn begin(store: &Store) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
    store
        .pool()
        .begin()
        .await
        .internal("starting a transaction")
}

/// Acquires a pooled connection, mapping the failure to an internal error.
pub async fn acquire(store: &Store) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
    store
        .pool()
        .acquire()
        .await
        .internal("acquiring a database connection")
}
