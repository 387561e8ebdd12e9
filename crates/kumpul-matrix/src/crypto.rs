//! kumpul's own Matrix identity, so that Element shows its device as verified.
//!
//! Element trusts a device that its owner's *self-signing key* has signed, and is moving to
//! leave every other device out of encrypted rooms. So at start-up [`ensure_identity`]
//! makes sure kumpul's account has a cross-signing identity and kumpul's device is signed
//! by it:
//!
//! - **A fresh account** (no identity on the homeserver): kumpul creates one (master,
//!   self-signing and user-signing keys), signs its device, and enables *recovery*: the
//!   private keys go into the account's secret storage, with a key backup for room keys,
//!   locked by a new recovery key that is written to `recovery-key.txt` in the data
//!   folder (0600).
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

use std::path::Path;

use anyhow::Context as _;
use matrix_sdk::Client;
use matrix_sdk::encryption::CrossSigningStatus;
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
pub(crate) async fn ensure_identity(
    client: &Client,
    settings: &MatrixSettings,
) -> anyhow::Result<Identity> {
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
            create(client, settings).await?;
            save_recovery_key(client, &key_file).await?;
            Identity::Created
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
        (Some(_), false) => recover(client, &key_file).await?,
    };
    // Read this device back as every other user sees it (the signatures the steps above
    // uploaded), and check.
    encryption
        .request_user_identity(&user_id)
        .await
        .context("reading kumpul's identity back from the homeserver")?;
    if identity != Identity::Unverified && !own_device_signed(client).await? {
        anyhow::bail!(
            "kumpul's device is still not signed by its cross-signing identity after setting it up"
        );
    }
    tracing::info!(?identity, "kumpul's Matrix identity");
    Ok(identity)
}

/// Creates and uploads a new cross-signing identity, which also signs this device.
async fn create(client: &Client, settings: &MatrixSettings) -> anyhow::Result<()> {
    let encryption = client.encryption();
    let Err(error) = encryption.bootstrap_cross_signing(None).await else {
        return Ok(());
    };
    let Some(uiaa) = error.as_uiaa_response() else {
        return Err(error).context("creating kumpul's cross-signing identity");
    };
    let Some(password) = settings.password.as_deref() else {
        anyhow::bail!(
            "the homeserver asks for the account password to create kumpul's cross-signing \
             identity, and kumpul logged in with an access token: set matrix.password \
             (KUMPUL_MATRIX__PASSWORD) once, or set up cross-signing for the account in Element \
             and put its security key into {}",
            settings.data_dir.join(RECOVERY_KEY_FILE).display()
        );
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
        .context("creating kumpul's cross-signing identity (with the account password)")
}

/// Enables recovery (secret storage and a key backup) and writes the new recovery key.
async fn save_recovery_key(client: &Client, key_file: &Path) -> anyhow::Result<()> {
    let key = client
        .encryption()
        .recovery()
        .enable()
        .await
        .context("storing kumpul's identity in secret storage (enabling recovery)")?;
    storage::write_private(key_file, &key)?;
    tracing::info!(
        file = %key_file.display(),
        "created kumpul's cross-signing identity; its recovery key is in this file: keep a copy somewhere safe"
    );
    Ok(())
}

/// The recovery key file is gone but the store has every private key: a new recovery key
/// replaces the lost one (the old one stops working), so the identity can be recovered
/// again if the store is lost too.
async fn replace_recovery_key(client: &Client, key_file: &Path) -> anyhow::Result<()> {
    let recovery = client.encryption().recovery();
    let secret_storage = client
        .encryption()
        .secret_storage()
        .is_enabled()
        .await
        .context("asking the homeserver whether secret storage is set up")?;
    let key = if secret_storage {
        recovery.reset_key().await
    } else {
        recovery.enable().await
    }
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
async fn recover(client: &Client, key_file: &Path) -> anyhow::Result<Identity> {
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
            return Ok(Identity::Unverified);
        }
    };
    match client.encryption().recovery().recover(key.trim()).await {
        Ok(()) => {
            if status(client).await.is_some_and(|s| s.has_self_signing) {
                tracing::info!("recovered kumpul's identity with the saved recovery key");
                Ok(Identity::Recovered)
            } else {
                tracing::error!(
                    file = %key_file.display(),
                    "the account's secret storage holds no usable cross-signing keys, so this device \
                     stays unverified; reset the account's identity in Element and put its new \
                     security key into this file"
                );
                Ok(Identity::Unverified)
            }
        }
        Err(error) => {
            tracing::error!(
                file = %key_file.display(),
                error = %error,
                "the recovery key in this file does not unlock kumpul's identity, so this device \
                 stays unverified; put the right recovery key (Element: security key) there and restart"
            );
            Ok(Identity::Unverified)
        }
    }
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
