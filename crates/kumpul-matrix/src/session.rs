//! The Matrix session: logging in (or restoring the saved device and token), the first
//! sync that skips history, the event handlers that feed [`crate::inbound`] and
//! [`crate::invites`], and the start of [`crate::sync`]'s loop. Apart from the
//! handlers themselves because it runs once, at start-up.

use std::sync::Arc;

use anyhow::Context as _;
use kumpul_core::port::{Bot, Platform, Surface};
use matrix_sdk::Client;
use matrix_sdk::SessionMeta;
use matrix_sdk::authentication::SessionTokens;
use matrix_sdk::authentication::matrix::MatrixSession;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::room::Room;
use matrix_sdk::ruma::UserId;
use matrix_sdk::ruma::events::poll::response::OriginalSyncPollResponseEvent;
use matrix_sdk::ruma::events::poll::unstable_response::OriginalSyncUnstablePollResponseEvent;
use matrix_sdk::ruma::events::reaction::OriginalSyncReactionEvent;
use matrix_sdk::ruma::events::room::member::StrippedRoomMemberEvent;
use matrix_sdk::ruma::events::room::message::OriginalSyncRoomMessageEvent;
use tokio_util::sync::CancellationToken;

use crate::{Context, Matrix, MatrixNotifier, MatrixSettings, crypto, polls, storage};

impl Matrix {
    /// Logs in (or restores the saved session) and skips history on a first login.
    pub async fn connect(bot: Bot, settings: MatrixSettings) -> anyhow::Result<Matrix> {
        // Reactions answer events and upvote ideas here, and whatever is typed in a room
        // is read by the whole room.
        bot.describe_surface(
            Platform::Matrix,
            Surface {
                reaction_shortcuts: true,
                public_typed_commands: true,
                roles: false,
            },
        );
        storage::prepare_dir(&settings.data_dir)?;
        let client = open_store(&settings).await?;
        storage::tighten(&settings.data_dir)?;
        let restored = log_in(&client, &settings).await?;
        if !restored {
            // Skip history: what was said before kumpul first logged in is not for us.
            // This also uploads the new device's keys, which its signature needs.
            client
                .sync_once(SyncSettings::default())
                .await
                .context("first sync with the homeserver")?;
        }
        tracing::info!(device = ?client.device_id(), restored, "logged in to Matrix");
        crypto::ensure_identity(&client, &settings).await;
        storage::tighten(&settings.data_dir)?;
        let context = Arc::new(Context {
            bot: bot.clone(),
            settings,
            direct_rooms: Default::default(),
        });
        add_handlers(&client, &context);
        let notifier = Arc::new(MatrixNotifier {
            client: client.clone(),
            bot,
            prefix: context.settings.prefix.clone(),
            direct_rooms: context.direct_rooms.clone(),
        });
        Ok(Matrix {
            client,
            context,
            notifier,
        })
    }

    /// This device's id (kept across restarts).
    pub fn device_id(&self) -> Option<String> {
        self.client.device_id().map(|d| d.to_string())
    }

    /// Syncs until cancelled ([`crate::sync`]).
    pub async fn run(self, cancel: CancellationToken) -> anyhow::Result<()> {
        let (context, client) = (self.context.clone(), self.client.clone());
        tokio::spawn(async move { context.answer_pending_invites(&client).await });
        crate::sync::run(&self.client, &cancel)
            .await
            .context("syncing with the homeserver")
    }
}

/// Restores the saved session, or logs in for the first time and saves the session
/// (readable by kumpul alone). Whether the session was restored.
async fn log_in(client: &Client, settings: &MatrixSettings) -> anyhow::Result<bool> {
    let session_file = settings.data_dir.join("session.json");
    let restored = match std::fs::read_to_string(&session_file) {
        Ok(saved) => {
            let session: MatrixSession =
                serde_json::from_str(&saved).context("reading the saved Matrix session")?;
            client
                .restore_session(session)
                .await
                .context("restoring the Matrix session")?;
            true
        }
        Err(_) => {
            first_login(client, settings).await?;
            let session = client
                .matrix_auth()
                .session()
                .context("no session after logging in")?;
            storage::write_private(&session_file, &serde_json::to_string(&session)?)?;
            false
        }
    };
    Ok(restored)
}

/// The first login: with the configured access token and its device, else with the
/// password.
async fn first_login(client: &Client, settings: &MatrixSettings) -> anyhow::Result<()> {
    match (&settings.access_token, settings.password.as_deref()) {
        (Some((token, device)), _) => {
            let user_id = UserId::parse(settings.user.as_str())
                .context("matrix.user must be a full id like @kumpul:example.org")?;
            let session = MatrixSession {
                meta: SessionMeta {
                    user_id,
                    device_id: device.as_str().into(),
                },
                tokens: SessionTokens {
                    access_token: token.clone(),
                    refresh_token: None,
                },
            };
            client
                .restore_session(session)
                .await
                .context("logging in with the access token")?;
        }
        (None, Some(password)) => {
            client
                .matrix_auth()
                .login_username(&settings.user, password)
                .initial_device_display_name("kumpul")
                .send()
                .await
                .context("logging in to Matrix")?;
        }
        (None, None) => {
            anyhow::bail!(
                "set matrix.password, or matrix.access_token with matrix.device_id, for the first login"
            )
        }
    }
    Ok(())
}

/// Hands the events kumpul reads to `context`: messages, poll responses (of both the
/// unstable and the stable event type), reactions and invites.
fn add_handlers(client: &Client, context: &Arc<Context>) {
    let on_message = context.clone();
    client.add_event_handler(
        move |event: OriginalSyncRoomMessageEvent, room: Room, client: Client| {
            let context = on_message.clone();
            async move { context.on_message(event, room, client).await }
        },
    );
    let on_response = context.clone();
    client.add_event_handler(
        move |event: OriginalSyncUnstablePollResponseEvent, room: Room, client: Client| {
            let context = on_response.clone();
            async move {
                let response = polls::Response::from(&event);
                context.on_poll_response(response, room, client).await
            }
        },
    );
    let on_stable_response = context.clone();
    client.add_event_handler(
        move |event: OriginalSyncPollResponseEvent, room: Room, client: Client| {
            let context = on_stable_response.clone();
            async move {
                let response = polls::Response::from(&event);
                context.on_poll_response(response, room, client).await
            }
        },
    );
    let on_reaction = context.clone();
    client.add_event_handler(
        move |event: OriginalSyncReactionEvent, room: Room, client: Client| {
            let context = on_reaction.clone();
            async move { context.on_reaction(event, room, client).await }
        },
    );
    let on_invite = context.clone();
    client.add_event_handler(
        move |event: StrippedRoomMemberEvent, room: Room, client: Client| {
            let context = on_invite.clone();
            async move { context.on_invite(event, room, client).await }
        },
    );
    // Redactions: a reaction taken back withdraws what it did.
    let on_redaction = context.clone();
    client.add_event_handler(
        move |event: matrix_sdk::ruma::events::room::redaction::OriginalSyncRoomRedactionEvent,
              room: Room| {
            let context = on_redaction.clone();
            async move { context.on_redaction(event, room).await }
        },
    );
}

/// The marker beside the store saying it was created with `matrix.store_passphrase`.
const ENCRYPTED_MARKER: &str = "store-encrypted";

/// Opens matrix-sdk's SQLite stores (sync position, room state, the device's keys) in
/// `data_dir/store`, encrypted with `matrix.store_passphrase` when one is set.
///
/// A store is encrypted or not from its creation on: matrix-sdk would open a plain store
/// with a passphrase as if it were empty, and an encrypted one without it as if it were
/// broken. A marker file next to the store records which it is, so either mistake stops
/// kumpul with a message saying what to do instead.
async fn open_store(settings: &MatrixSettings) -> anyhow::Result<Client> {
    let store = settings.data_dir.join("store");
    let marker = settings.data_dir.join(ENCRYPTED_MARKER);
    let passphrase = settings.store_passphrase.as_deref();
    let existing = store.join("matrix-sdk-crypto.sqlite3").exists();
    match (existing, marker.exists(), passphrase.is_some()) {
        (true, false, true) => anyhow::bail!(
            "matrix.store_passphrase is set, but the Matrix store in {} was created without one; \
             to encrypt it, stop kumpul, delete that folder and {}, and start again (kumpul \
             logs in as a new device and recovers its identity with {})",
            store.display(),
            settings.data_dir.join("session.json").display(),
            settings.data_dir.join(crypto::RECOVERY_KEY_FILE).display(),
        ),
        (true, true, false) => anyhow::bail!(
            "the Matrix store in {} is encrypted: set matrix.store_passphrase \
             (KUMPUL_MATRIX__STORE_PASSPHRASE) to the passphrase it was created with",
            store.display()
        ),
        (false, _, true) => storage::write_private(&marker, "")?,
        (false, true, false) => std::fs::remove_file(&marker)
            .with_context(|| format!("removing {}", marker.display()))?,
        _ => {}
    }
    let built = Client::builder()
        .homeserver_url(&settings.homeserver)
        .sqlite_store(&store, passphrase)
        .build()
        .await;
    match built {
        Ok(client) => Ok(client),
        Err(matrix_sdk::ClientBuildError::SqliteStore(
            matrix_sdk_sqlite::OpenStoreError::InitCipher(_),
        )) => anyhow::bail!(
            "could not open the Matrix store in {}: matrix.store_passphrase is not the \
             passphrase it was created with",
            store.display()
        ),
        Err(error) => Err(error).context("building the Matrix client (opening its store)"),
    }
}
