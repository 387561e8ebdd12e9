//! kumpul's device as other Matrix users see it: signed by kumpul's own cross-signing
//! identity (read from `/keys/query` as another user, each signature checked with
//! ed25519), kept across restarts, recovered on a new device with the saved recovery key;
//! the data folder readable by kumpul's user alone; and the store passphrase.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use kumpul_core::bot::Bot;
use kumpul_core::store::{Location, Store};
use kumpul_matrix::{Matrix, MatrixSettings};
use matrix_sdk::encryption::vodozemac::{Ed25519PublicKey, Ed25519Signature};
use matrix_sdk::ruma::{CanonicalJsonValue, OwnedUserId, UserId};
use serde_json::Value;

use crate::people::{PASSWORD, Person, body, start_kumpul_as};
use crate::synapse::Synapse;

/// What another user reads about `user`'s keys: `/keys/query` with their token.
async fn keys_query(synapse: &Synapse, asker: &Person, user: &UserId) -> Value {
    let token = asker.client.access_token().expect("the asker is logged in");
    reqwest::Client::new()
        .post(format!("{}/_matrix/client/v3/keys/query", synapse.url))
        .bearer_auth(token)
        .json(&serde_json::json!({ "device_keys": { user.as_str(): [] } }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// The one ed25519 key of a cross-signing key object: (`ed25519:…` key id, public key).
fn single_key(key: &Value) -> (String, String) {
    let keys = key["keys"]
        .as_object()
        .expect("a cross-signing key has keys");
    assert_eq!(keys.len(), 1, "one key: {key}");
    let (id, public) = keys.iter().next().unwrap();
    (id.clone(), public.as_str().unwrap().to_owned())
}

/// Whether `object` carries a valid signature of `user`'s key `key_id` (whose public part
/// is `public`), checked over its canonical JSON without `signatures` and `unsigned`.
fn signed_by(object: &Value, user: &UserId, key_id: &str, public: &str) -> bool {
    let Some(signature) = object["signatures"][user.as_str()][key_id].as_str() else {
        return false;
    };
    let mut unsigned = object.clone();
    let fields = unsigned.as_object_mut().unwrap();
    fields.remove("signatures");
    fields.remove("unsigned");
    let canonical = CanonicalJsonValue::try_from(unsigned).unwrap().to_string();
    let key = Ed25519PublicKey::from_base64(public).unwrap();
    let signature = Ed25519Signature::from_base64(signature).unwrap();
    key.verify(canonical.as_bytes(), &signature).is_ok()
}

/// kumpul's keys as `asker` sees them: its master key, and which of its devices its
/// self-signing key (itself signed by the master key) has signed.
struct Seen {
    master: String,
    devices: Vec<(String, bool)>,
}

async fn seen_by(synapse: &Synapse, asker: &Person, bot: &UserId) -> Seen {
    let answer = keys_query(synapse, asker, bot).await;
    let master_key = &answer["master_keys"][bot.as_str()];
    let self_signing = &answer["self_signing_keys"][bot.as_str()];
    assert!(master_key.is_object(), "kumpul has a master key: {answer}");
    assert!(
        self_signing.is_object(),
        "kumpul has a self-signing key: {answer}"
    );
    let (master_id, master) = single_key(master_key);
    assert!(
        signed_by(self_signing, bot, &master_id, &master),
        "the self-signing key is signed by the master key: {answer}"
    );
    let (ssk_id, ssk) = single_key(self_signing);
    let devices = answer["device_keys"][bot.as_str()]
        .as_object()
        .expect("kumpul's devices")
        .iter()
        .map(|(id, keys)| (id.clone(), signed_by(keys, bot, &ssk_id, &ssk)))
        .collect();
    Seen { master, devices }
}

impl Seen {
    fn signed(&self, device: &str) -> bool {
        self.devices.iter().any(|(id, ok)| id == device && *ok)
    }
}

/// Every folder under `dir` is 0700 and every file 0600 (listing what is not).
fn assert_owner_only(dir: &Path) {
    fn walk(path: &Path, wrong: &mut Vec<String>) {
        let meta = std::fs::symlink_metadata(path).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        let want = if meta.is_dir() { 0o700 } else { 0o600 };
        if mode != want {
            wrong.push(format!("{} is {mode:o}", path.display()));
        }
        if meta.is_dir() {
            for entry in std::fs::read_dir(path).unwrap() {
                walk(&entry.unwrap().path(), wrong);
            }
        }
    }
    let mut wrong = Vec::new();
    walk(dir, &mut wrong);
    assert!(wrong.is_empty(), "not owner-only: {wrong:#?}");
}

/// The files under `dir`, by name (to see that SQLite's -wal/-shm files were there).
fn file_names(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_dir() {
            names.extend(file_names(&entry.path()));
        } else {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names
}

/// Stops a running kumpul and waits for its sync loop to end.
async fn stop(running: crate::people::Running) {
    let (_, cancel, task, _) = running;
    cancel.cancel();
    task.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kumpul_s_device_is_signed_by_its_own_identity_and_stays_so() {
    let synapse = Synapse::acquire();
    let bot = UserId::parse(synapse.register("verified", PASSWORD, false).await).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
        .await
        .unwrap();
    let data = dir.path().join("matrix");
    let key_file = data.join("recovery-key.txt");

    // First login: a new identity, the device signed by it, its recovery key saved.
    let running = start_kumpul_as(&synapse, &store, dir.path(), bot.as_str(), None).await;
    let first = running.0.clone().expect("a device");
    let mut vera = Person::login(&synapse, "vera").await;
    let seen = seen_by(&synapse, &vera, &bot).await;
    assert!(
        seen.signed(&first),
        "kumpul's device {first} is signed by its self-signing key: {:?}",
        seen.devices
    );
    let master = seen.master.clone();
    let recovery_key = std::fs::read_to_string(&key_file).expect("the recovery key is saved");
    assert!(!recovery_key.trim().is_empty());

    // What another client concludes: the device is cross-signed by its owner.
    vera.client
        .encryption()
        .request_user_identity(&bot)
        .await
        .unwrap()
        .expect("vera sees kumpul's identity");
    let from_vera = vera
        .client
        .encryption()
        .get_device(&bot, first.as_str().into())
        .await
        .unwrap()
        .expect("vera sees kumpul's device");
    assert!(from_vera.is_cross_signed_by_owner());

    // kumpul works in an encrypted room (its store written to), and afterwards every
    // file in the data folder — SQLite's -wal and -shm files too — is owner-only.
    let room = vera.create_room(&[&bot], true).await;
    vera.wait_joined(&room, &bot).await;
    let asked = vera.say(&room, "!group list").await;
    let answer = vera.replies_to(&asked, 1).await;
    assert!(body(&answer[0]).contains("no groups here yet"));
    let names = file_names(&data);
    assert!(
        names.iter().any(|n| n.ends_with("-wal")),
        "the check covers SQLite's -wal files: {names:?}"
    );
    assert_owner_only(&data);

    // A restart on the same store: the same device, still signed, the same identity,
    // and no new device on the account.
    stop(running).await;
    let running = start_kumpul_as(&synapse, &store, dir.path(), bot.as_str(), None).await;
    assert_eq!(running.0.as_deref(), Some(first.as_str()));
    let seen = seen_by(&synapse, &vera, &bot).await;
    assert_eq!(seen.master, master, "the identity is kept");
    assert_eq!(seen.devices.len(), 1, "no new device: {:?}", seen.devices);
    assert!(seen.signed(&first));
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap(),
        recovery_key,
        "the recovery key is kept"
    );
    assert_owner_only(&data);

    // The store and the session lost (the recovery key kept): a new device, signed by
    // the same identity through the recovery key.
    stop(running).await;
    std::fs::remove_dir_all(data.join("store")).unwrap();
    std::fs::remove_file(data.join("session.json")).unwrap();
    let running = start_kumpul_as(&synapse, &store, dir.path(), bot.as_str(), None).await;
    let second = running.0.clone().expect("a device");
    assert_ne!(second, first, "a new device");
    let seen = seen_by(&synapse, &vera, &bot).await;
    assert_eq!(seen.master, master, "the same identity, not a new one");
    assert!(
        seen.signed(&second),
        "the new device {second} is signed: {:?}",
        seen.devices
    );
    assert_owner_only(&data);
    // ... and it answers in the encrypted room.
    let asked = vera.say(&room, "!group list").await;
    vera.replies_to(&asked, 1).await;

    // Without the recovery key, a new device on an existing identity cannot be signed:
    // kumpul still starts (and says in its log what to do), unverified, and the identity
    // is left alone.
    stop(running).await;
    std::fs::remove_dir_all(data.join("store")).unwrap();
    std::fs::remove_file(data.join("session.json")).unwrap();
    std::fs::remove_file(&key_file).unwrap();
    let running = start_kumpul_as(&synapse, &store, dir.path(), bot.as_str(), None).await;
    let third = running.0.clone().expect("a device");
    let seen = seen_by(&synapse, &vera, &bot).await;
    assert_eq!(seen.master, master, "the identity is not replaced");
    assert!(!seen.signed(&third), "nothing could sign {third}");
    assert!(
        !key_file.exists(),
        "no recovery key is invented for an identity kumpul does not hold"
    );
    stop(running).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logged_in_with_an_access_token_kumpul_creates_its_identity_too() {
    let synapse = Synapse::acquire();
    let bot = UserId::parse(synapse.register("tokened", PASSWORD, false).await).unwrap();
    let token = synapse.log_in("tokened", PASSWORD).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
        .await
        .unwrap();
    let running = start_kumpul_as(
        &synapse,
        &store,
        dir.path(),
        bot.as_str(),
        Some(token.clone()),
    )
    .await;
    let tessa = Person::login(&synapse, "tessa").await;
    let seen = seen_by(&synapse, &tessa, &bot).await;
    assert!(
        seen.signed(&token.1),
        "the token's device is signed without a password (Synapse lets a first identity be uploaded without one): {:?}",
        seen.devices
    );
    assert!(dir.path().join("matrix/recovery-key.txt").exists());
    assert_owner_only(&dir.path().join("matrix"));
    assert_eq!(
        backup_version(&synapse, &token.0).await,
        None,
        "no server-side backup of room keys (it would hold the keys of secret votes by DM)"
    );
    stop(running).await;
}

/// The version of the account's newest server-side key backup, if it has one.
async fn backup_version(synapse: &Synapse, token: &str) -> Option<String> {
    let response = reqwest::Client::new()
        .get(format!(
            "{}/_matrix/client/v3/room_keys/version",
            synapse.url
        ))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    if response.status() == reqwest::StatusCode::NOT_FOUND {
        return None;
    }
    let body: Value = response.json().await.unwrap();
    Some(
        body["version"]
            .as_str()
            .expect("a backup version")
            .to_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_with_a_key_backup_but_no_identity_gets_one_and_answers() {
    let synapse = Synapse::acquire();
    let bot = UserId::parse(synapse.register("backedup", PASSWORD, false).await).unwrap();
    // Another client made a key backup for the account, but no cross-signing identity.
    let (other, _) = synapse.log_in("backedup", PASSWORD).await;
    let made = reqwest::Client::new()
        .post(format!(
            "{}/_matrix/client/v3/room_keys/version",
            synapse.url
        ))
        .bearer_auth(&other)
        .json(&serde_json::json!({
            "algorithm": "m.megolm_backup.v1.curve25519-aes-sha2",
            "auth_data": {"public_key": "hSDwCYkwp1R0i33ctD73Wg2/Og0mOBr066SpjqqbTmo"}
        }))
        .send()
        .await
        .unwrap();
    assert!(made.status().is_success(), "{:?}", made.text().await);
    let before = backup_version(&synapse, &other).await;
    assert!(before.is_some());

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
        .await
        .unwrap();
    let running = start_kumpul_as(&synapse, &store, dir.path(), bot.as_str(), None).await;
    let device = running.0.clone().expect("a device");
    let mut bea = Person::login(&synapse, "bea").await;
    let seen = seen_by(&synapse, &bea, &bot).await;
    assert!(seen.signed(&device), "{:?}", seen.devices);
    assert!(dir.path().join("matrix/recovery-key.txt").exists());
    assert_eq!(
        backup_version(&synapse, &other).await,
        before,
        "the account's backup is left alone"
    );
    let room = bea.create_room(&[&bot], true).await;
    bea.wait_joined(&room, &bot).await;
    let asked = bea.say(&room, "!group list").await;
    bea.replies_to(&asked, 1).await;
    stop(running).await;
}

fn settings(
    synapse: &Synapse,
    user: &OwnedUserId,
    data: &Path,
    passphrase: Option<&str>,
) -> MatrixSettings {
    MatrixSettings {
        homeserver: synapse.url.clone(),
        user: user.to_string(),
        password: Some(PASSWORD.into()),
        data_dir: data.to_owned(),
        store_passphrase: passphrase.map(str::to_owned),
        prefix: "!".into(),
        moderator_level: 50,
        invite_allowlist: Vec::new(),
        share_space: true,
        access_token: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_with_a_passphrase_opens_with_it_and_only_with_it() {
    let synapse = Synapse::acquire();
    let bot = UserId::parse(synapse.register("passphrased", PASSWORD, false).await).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
        .await
        .unwrap();
    let bot_core = Bot::new(store.clone(), kumpul_core::testing::config()).unwrap();
    let data = dir.path().join("matrix");
    let connect = |passphrase: Option<&'static str>| {
        Matrix::connect(
            bot_core.clone(),
            settings(&synapse, &bot, &data, passphrase),
        )
    };

    let first = connect(Some("kopi tubruk pagi hari"))
        .await
        .expect("a new encrypted store");
    let device = first.device_id();
    drop(first);
    // Let the first client's stores close before the next opens them.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_owner_only(&data);

    let again = connect(Some("kopi tubruk pagi hari"))
        .await
        .expect("the store opens again with its passphrase");
    assert_eq!(
        again.device_id(),
        device,
        "the same device, so the store was read"
    );
    drop(again);

    let wrong = connect(Some("teh manis"))
        .await
        .err()
        .expect("a wrong passphrase is refused");
    let wrong = format!("{wrong:#}");
    assert!(
        wrong.contains("matrix.store_passphrase is not the passphrase it was created with"),
        "{wrong}"
    );
    let missing = connect(None).await.err().expect("no passphrase is refused");
    let missing = format!("{missing:#}");
    assert!(
        missing.contains("is encrypted: set matrix.store_passphrase"),
        "{missing}"
    );

    // A store created without a passphrase is not silently reopened with one.
    let plain = tempfile::tempdir().unwrap();
    let plain_data = plain.path().join("matrix");
    let other = UserId::parse(synapse.register("plainstore", PASSWORD, false).await).unwrap();
    let made = Matrix::connect(
        bot_core.clone(),
        settings(&synapse, &other, &plain_data, None),
    )
    .await
    .expect("a plain store");
    drop(made);
    let refused = Matrix::connect(
        bot_core.clone(),
        settings(&synapse, &other, &plain_data, Some("kopi")),
    )
    .await
    .err()
    .expect("a passphrase for a plain store is refused");
    assert!(
        format!("{refused:#}").contains("was created without one"),
        "{refused:#}"
    );
}
