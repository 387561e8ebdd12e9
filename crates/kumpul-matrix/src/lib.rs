//! kumpul on Matrix: a thin adapter on matrix-sdk.
//!
//! Text commands (`!group join hiking`) are parsed by the core; replies are sent as HTML
//! replies with a plain-text fallback and an exact `m.mentions` list ([`render`]). The
//! session (device and token) is kept in the data folder and the sync position and crypto
//! keys in matrix-sdk's SQLite store beside it, so a restart keeps the same device, reads
//! encrypted rooms, and never answers an old message again. The device is signed by
//! kumpul's own cross-signing identity (`crypto`), and the folder is readable by kumpul's
//! user alone (`storage`). Secret votes and anonymous ideas are taken only by direct
//! message ([`private`]).
//!
//! This file holds the public types and the wiring; the work is done in `session`
//! (logging in), [`sync`] (the sync loop), `inbound` (messages, reactions and poll
//! responses become core calls), `send` (replies become Matrix messages), `invites`
//! (which rooms kumpul joins) and `notifier` ([`MatrixNotifier`], scheduled messages and
//! live updates).

mod crypto;
mod direct;
mod inbound;
mod invites;
mod notifier;
pub mod polls;
mod private;
pub mod render;
mod send;
mod session;
mod storage;
pub mod sync;

use std::path::PathBuf;
use std::sync::Arc;

use kumpul_core::port::Bot;
use matrix_sdk::Client;

pub use notifier::MatrixNotifier;

/// What the adapter needs from the configuration.
#[derive(Clone)]
pub struct MatrixSettings {
    pub homeserver: String,
    pub user: String,
    pub password: Option<String>,
    /// Where the session, sync position and encryption keys are kept (owner-only: folders
    /// 0700, files 0600), with the recovery key of kumpul's cross-signing identity.
    pub data_dir: PathBuf,
    /// Encrypts the secrets in matrix-sdk's store (keys, tokens, room state) with this
    /// passphrase; it must stay the same for the life of the store.
    pub store_passphrase: Option<String>,
    /// What starts a command: `!` by default.
    pub prefix: String,
    /// Power level from which someone is a moderator (admins: 100 and room creators).
    pub moderator_level: i64,
    /// Accept invites only from these users (`@ana:example.org`) or servers
    /// (`example.org`); empty: from anyone.
    pub invite_allowlist: Vec<String>,
    /// Rooms of a Matrix space share one kumpul space (the Matrix space's groups, polls
    /// and settings) instead of each room being its own.
    pub share_space: bool,
    /// Log in with an existing access token and its device id instead of a password.
    pub access_token: Option<(String, String)>,
}

impl std::fmt::Debug for MatrixSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatrixSettings")
            .field("homeserver", &self.homeserver)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field(
                "access_token",
                &self.access_token.as_ref().map(|_| "<redacted>"),
            )
            .field("data_dir", &self.data_dir)
            .field(
                "store_passphrase",
                &self.store_passphrase.as_ref().map(|_| "<redacted>"),
            )
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// A logged-in client, ready to sync.
pub struct Matrix {
    client: Client,
    context: Arc<Context>,
    pub notifier: Arc<MatrixNotifier>,
}

struct Context {
    bot: Bot,
    settings: MatrixSettings,
    /// Held while finding or opening someone's direct message room ([`direct`]); shared
    /// with the notifier.
    direct_rooms: direct::DirectLock,
}
