//! kumpul's own Matrix identity, so that Element shows its device as verified.
//!
//! Element trusts a device that its owner's *self-signing key* has signed, and is moving to
//! leave every other device out of encrypted rooms. So at start-up [`ensure_identity`]
//! makes sure kumpul's account has a cross-signing identity and kumpul's device is signed
//! by it:
//!
//! - **A fresh account** (no identity on the homeserver): kumpul creates one (master,
//!   self-signing and user-signing keys), signs its device, and puts the private keys
//!   into the account's secret storage, locked by a new recovery key that is written to
//!   `recovery-key.txt` in the data folder (0600). No server-side backup of room keys is
//!   made: it would put the keys of kumpul's direct messages (secret votes) on the
//!   homeserver, readable by whoever has the recovery key.
//! - **A restart** with the same store: the private keys are in the store; nothing to do
//!   but check the device is still signed.
//! - **An account that already has an identity**, on a new device (the store was lost, or
//!   the account was set up in Element): kumpul unlocks secret storage with the recovery
//!   key from `recovery-key.txt` (Element calls it the *security key*), which imports the
//!   private keys and signs the new device. Without that file kumpul keeps running,
//!   unverified, and says in the log what to do.
//!
//! Uploading a new identity may need the account password (user-interactive auth).
//! Homeservers that follow Matrix 1.11 (MSC3967, Synapse among them) let an account
//! without an identity upload its first one without it; otherwise kumpul answers with
//! `matrix.password`, and with only an access token it says so in the log.
//!
//! None of this stops start-up: whatever fails is logged as an error with what to do, and
//! kumpul runs with an unverified device until a later start succeeds.

use std::path::Path;

use anyhow::Context as _;
use matrix_sdk::Client;
use matrix_sdk::encryption::CrossSigningStatus;
use matrix_sdk::encryption::recovery::RecoveryError;
use matrix_sdk::encryption::secret_storage::SecretStorageError;
use matrix_sdk::ruma::api::client::uiaa;

use crate::{MatrixSettings, storage};

/// The file in the data folder holding the recovery key of kumpul's identity.
pub(crate) const RECOVERY_KEY_FILE: &str = "recovery-key.txt";

/// What start-up found or did about kumpul's identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Identity {
    /// A new identity was created, and its recovery key saved.
    Created,
    /// The store already held the identity's keys.
    Kept,
    /// The identity's keys were recovered with the saved recovery key (a new device on
    /// an account that had an identity).
    Recovered,
    /// The account has an identity kumpul cannot use (no recovery key, or a wrong one):
    /// kumpul runs with an unverified device. Logged as an error with what to do.
    Unverified,
}

/// Makes sure kumpul's device is signed by the account's own cross-signing identity,
/// creating or recovering that identity as needed (see the module documentation). Needs
/// the device keys on the homeserver, so it runs after the first sync of a new device.
///
/// Never stops start-up: a bot that answers unverified is better than one that exits on
/// every start (a crash loop, say while the homeserver is unreachable). Every failure is
/// logged as an error with what to do, and the next start tries again.
pub(crate) async fn ensure_identity(client: &Client, settings: &MatrixSettings) -> Identity {
    match set_up_identity(client, settings).await {
        Ok(identity) => {
            tracing::info!(?identity, "kumpul's Matrix identity");
            identity
        }
        Err(error) => {
            tracing::error!(
                error = format!("{error:#}"),
                "could not set up kumpul's cross-signing identity, so its device stays \
                 unverified for now (Element may keep it out of encrypted rooms); kumpul runs \
                 anyway and tries again at its next start. If the homeserver was unreachable, \
                 restart kumpul once it is back; otherwise see the README, \"Running on \
                 Matrix\" → \"Identity and data\""
            );
            Identity::Unverified
        }
    }
}

async fn set_up_identity(client: &Client, settings: &MatrixSettings) -> anyhow::Result<Identity> {
    let encryption = client.encryption();
    let user_id = client
        .user_id()
        .context("no user id after logging in")?
        .to_owned();
    let key_file = settings.data_dir.join(RECOVERY_KEY_FILE);
    // The homeserver's word, not the store's: a store can hold keys an upload never
    // reached, and the identity may have been reset elsewhere.
    let published = encryption
        .request_user_identity(&user_id)
        .await
        .context("asking the homeserver for kumpul's cross-signing identity")?;
    let ours = encryption
        .cross_signing_status()
        .await
        .is_some_and(|s| s.is_complete());
    let identity = match (published, ours) {
        (None, _) => {
            let identity = create(client, settings).await?;
            if identity == Identity::Created {
                save_recovery_key(client, &key_file).await?;
            }
            identity
        }
        (Some(_), true) => {
            if !own_device_signed(client).await? {
                sign_own_device(client).await?;
            }
            if !key_file.exists() {
                replace_recovery_key(client, &key_file).await?;
            }
            Identity::Kept
        }
        (Some(_), false) => recover(client, &key_file).await,
    };
    if identity == Identity::Unverified {
        return Ok(identity);
    }
    // Read this device back as every other user sees it (the signatures the steps above
    // uploaded), and check.
    encryption
        .request_user_identity(&user_id)
        .await
        .context("reading kumpul's identity back from the homeserver")?;
    if !own_device_signed(client).await? {
        tracing::error!(
            "kumpul's device is still not signed by its cross-signing identity after setting \
             it up, so it stays unverified for now; kumpul tries again at its next start. If \
             this repeats, reset the account's identity in Element (Settings → Encryption) and \
             put its new security key into {}",
            key_file.display()
        );
        return Ok(Identity::Unverified);
    }
    Ok(identity)
}

/// Creates and uploads a new cross-signing identity, which also signs this device. When the
/// homeserver wants the password and kumpul has none, logs what to do and stays unverified.
async fn create(client: &Client, settings: &MatrixSettings) -> anyhow::Result<Identity> {
    let encryption = client.encryption();
    let Err(error) = encryption.bootstrap_cross_signing(None).await else {
        return Ok(Identity::Created);
    };
    let Some(uiaa) = error.as_uiaa_response() else {
        return Err(error).context("creating kumpul's cross-signing identity");
    };
    let Some(password) = settings.password.as_deref() else {
        tracing::error!(
            "the homeserver asks for the account password to create kumpul's cross-signing \
             identity, and kumpul logged in with an access token, so its device stays \
             unverified: set matrix.password (KUMPUL_MATRIX__PASSWORD) once, or set up \
             cross-signing for the account in Element and put its security key into {}; then \
             restart",
            settings.data_dir.join(RECOVERY_KEY_FILE).display()
        );
        return Ok(Identity::Unverified);
    };
    let user = client.user_id().context("no user id after logging in")?;
    let mut auth = uiaa::Password::new(
        uiaa::UserIdentifier::Matrix(uiaa::MatrixUserIdentifier::new(user.to_string())),
        password.to_owned(),
    );
    auth.session = uiaa.session.clone();
    encryption
        .bootstrap_cross_signing(Some(uiaa::AuthData::Password(auth)))
        .await
        .context("creating kumpul's cross-signing identity (with the account password)")?;
    Ok(Identity::Created)
}

/// Puts the identity's private keys into a new secret store on the homeserver and returns
/// its key (the recovery key). Deliberately *not* `Recovery::enable()`: that also turns on
/// a server-side backup of room keys, which would upload the keys of kumpul's direct
/// messages (secret votes, anonymous ideas) for anyone with the recovery key to read. It
/// also works when the account already has a key backup, which `enable()` refuses.
async fn new_secret_store(client: &Client) -> anyhow::Result<String> {
    let store = client
        .encryption()
        .secret_storage()
        .create_secret_store()
        .await
        .context("storing kumpul's identity in the account's secret storage")?;
    Ok(store.secret_storage_key())
}

/// Stores the new identity in secret storage and writes its recovery key.
async fn save_recovery_key(client: &Client, key_file: &Path) -> anyhow::Result<()> {
    let key = new_secret_store(client).await?;
    storage::write_private(key_file, &key)?;
    tracing::info!(
        file = %key_file.display(),
        "created kumpul's cross-signing identity; its recovery key is in this file: keep a copy somewhere safe"
    );
    Ok(())
}

/// The recovery key file is gone but the store has every private key: a new secret store,
/// with a new recovery key, replaces the lost one (the old key stops working), so the
/// identity can be recovered again if the store is lost too.
async fn replace_recovery_key(client: &Client, key_file: &Path) -> anyhow::Result<()> {
    let key = new_secret_store(client)
        .await
        .context("creating a new recovery key for kumpul's identity")?;
    storage::write_private(key_file, &key)?;
    tracing::warn!(
        file = %key_file.display(),
        "the recovery key file was missing; a new recovery key was written to it (an older copy no longer works): keep a copy somewhere safe"
    );
    Ok(())
}

/// A new device on an account with an identity: unlock secret storage with the saved
/// recovery key, which imports the private keys and signs this device.
async fn recover(client: &Client, key_file: &Path) -> Identity {
    let key = match std::fs::read_to_string(key_file) {
        Ok(key) if !key.trim().is_empty() => key,
        Ok(_) | Err(_) => {
            tracing::error!(
                file = %key_file.display(),
                "kumpul's account already has a cross-signing identity, but there is no recovery key \
                 to unlock it, so this new device stays unverified (Element may keep it out of \
                 encrypted rooms). Put the recovery key (Element: security key) into this file \
                 and restart; if it is lost, reset the account's identity in Element \
                 (Settings → Encryption) and put the new key there"
            );
            return Identity::Unverified;
        }
    };
    match client.encryption().recovery().recover(key.trim()).await {
        Ok(()) => {
            if status(client).await.is_some_and(|s| s.has_self_signing) {
                tracing::info!("recovered kumpul's identity with the saved recovery key");
                Identity::Recovered
            } else {
                tracing::error!(
                    file = %key_file.display(),
                    "the account's secret storage holds no usable cross-signing keys, so this device \
                     stays unverified; reset the account's identity in Element and put its new \
                     security key into this file"
                );
                Identity::Unverified
            }
        }
        Err(error) if is_wrong_key(&error) => {
            tracing::error!(
                file = %key_file.display(),
                error = %error,
                "the recovery key in this file does not unlock kumpul's identity, so this device \
                 stays unverified; put the right recovery key (Element: security key) there and restart"
            );
            Identity::Unverified
        }
        Err(error) => {
            tracing::error!(
                file = %key_file.display(),
                error = %error,
                "could not recover kumpul's identity with the recovery key in this file (the key \
                 itself was not found wrong), so this device stays unverified for now; if the \
                 homeserver was unreachable, restart kumpul once it is back"
            );
            Identity::Unverified
        }
    }
}

/// Whether `recover` failed because of the key itself (it does not decode, or does not
/// match the account's secret storage), rather than the homeserver or the store.
fn is_wrong_key(error: &RecoveryError) -> bool {
    matches!(
        error,
        RecoveryError::SecretStorage(
            SecretStorageError::SecretStorageKey(_) | SecretStorageError::Decryption(_)
        )
    )
}

async fn status(client: &Client) -> Option<CrossSigningStatus> {
    client.encryption().cross_signing_status().await
}

/// Whether this device, as last read from the homeserver, carries the signature of the
/// account's self-signing key.
async fn own_device_signed(client: &Client) -> anyhow::Result<bool> {
    let device = client
        .encryption()
        .get_own_device()
        .await
        .context("reading kumpul's own device")?;
    Ok(device.is_some_and(|d| d.is_cross_signed_by_owner()))
}

async fn sign_own_device(client: &Client) -> anyhow::Result<()> {
    let device = client
        .encryption()
        .get_own_device()
        .await
        .context("reading kumpul's own device")?
        .context("kumpul's own device is not in the store")?;
    device
        .verify()
        .await
        .context("signing kumpul's device with its self-signing key")
}
