//! The whole Discord side of kumpul on a fresh SQLite database, connected to the fake
//! Discord ([`crate::fake`]): the real serenity client, the handler, the notifier and the
//! live-update task, as `kumpul run` wires them. Tests push interactions and read what
//! kumpul sent back from the fake's record.

#![allow(dead_code)]

use std::sync::Mutex;
use std::time::Duration;

use kumpul_core::bot::Bot;
use kumpul_discord::{Discord, DiscordSettings};
use serde_json::{Value, json};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::fake::payloads::{GUILD_ID, button, command, member, modal_submit};
use crate::fake::{FakeDiscord, ORIGINAL_ID, Recorded};

pub const ALICE: &str = "7000000000000000001";
pub const BOB: &str = "7000000000000000002";
pub const CAROL: &str = "7000000000000000003";
/// Discord's "Manage Server" permission bit.
pub const MANAGE_GUILD: u64 = 1 << 5;
/// The ephemeral message flag.
pub const EPHEMERAL: u64 = 1 << 6;

/// How often a live poll message may be edited in these tests.
pub const LIVE_INTERVAL: Duration = Duration::from_millis(500);

/// The live-update task and what stops it.
type LiveTask = (CancellationToken, JoinHandle<anyhow::Result<()>>);

pub struct Harness {
    pub fake: FakeDiscord,
    pub bot: Bot,
    pub notifier: std::sync::Arc<kumpul_discord::DiscordNotifier>,
    pub registration: kumpul_discord::registration::RegistrationState,
    cancel: CancellationToken,
    live: Mutex<Option<LiveTask>>,
    _dir: tempfile::TempDir,
}

impl Harness {
    pub async fn start(defer_after: Duration) -> Harness {
        Harness::start_refusing(defer_after, 0).await
    }

    /// Starts with a fake that refuses the first `refusals` command registrations.
    pub async fn start_refusing(defer_after: Duration, refusals: u64) -> Harness {
        let fake = FakeDiscord::start().await;
        if refusals > 0 {
            fake.refuse_registrations(refusals);
        }
        let dir = tempfile::tempdir().unwrap();
        let store = kumpul_core::store::Store::open(
            &kumpul_core::store::Location::SqliteFile(dir.path().join("k.db")),
            4,
        )
        .await
        .unwrap();
        let config = kumpul_core::testing::config();
        let bot = Bot::new(store, config).unwrap();
        let settings = DiscordSettings {
            token: "fake-token".into(),
            api_proxy: Some(fake.url()),
            dev_guild_ids: vec![GUILD_ID.parse().unwrap()],
            defer_after,
            registration_retry: Duration::from_millis(50),
        };
        let discord = Discord::connect(bot.clone(), settings)
            .await
            .expect("connecting to the fake Discord");
        let notifier = discord.notifier.clone();
        let registration = discord.registration();
        let cancel = CancellationToken::new();
        tokio::spawn(discord.run(cancel.clone()));
        let live = spawn_live(&bot, &notifier, &cancel);
        let harness = Harness {
            fake,
            bot,
            notifier,
            registration,
            cancel,
            live: Mutex::new(Some(live)),
            _dir: dir,
        };
        harness.registration().await;
        harness
    }

    pub async fn registration(&self) -> Recorded {
        self.fake
            .wait_for("command registration", |c| {
                c.method == "PUT" && c.path.ends_with(&format!("/guilds/{GUILD_ID}/commands"))
            })
            .await
    }

    /// Returns once every live update due to a change made so far has reached the fake:
    /// the live task is stopped — it shows everything still pending before it ends (at
    /// most 5 s) — and a new one started. A barrier, not a sleep: after it, an edit that
    /// has not arrived will not arrive for the changes made before.
    pub async fn settle_live(&self) {
        let (stop, task) = self
            .live
            .lock()
            .unwrap()
            .take()
            .expect("the live task is running");
        stop.cancel();
        task.await
            .expect("the live task did not panic")
            .expect("the live task ended cleanly");
        let live = spawn_live(&self.bot, &self.notifier, &self.cancel);
        *self.live.lock().unwrap() = Some(live);
    }

    /// Sends an interaction and returns the body of its callback.
    pub async fn interact(&self, interaction: Value) -> Value {
        let id = interaction["id"].as_str().unwrap().to_owned();
        self.fake.dispatch("INTERACTION_CREATE", interaction);
        let path = callback_path(&id);
        self.fake
            .wait_for(&format!("callback of {id}"), |c| c.path == path)
            .await
            .body
    }

    pub async fn slash(
        &self,
        id: &str,
        path: &[&str],
        options: Value,
        user: (&str, &str),
        locale: &str,
    ) -> Value {
        self.interact(command(
            id,
            path,
            options,
            member(user.0, user.1, 0),
            locale,
        ))
        .await
    }

    /// A click on the button `custom_id` by a member without permissions.
    pub async fn click(
        &self,
        id: &str,
        custom_id: &str,
        user: (&str, &str),
        locale: &str,
    ) -> Value {
        self.interact(button(id, custom_id, member(user.0, user.1, 0), locale))
            .await
    }

    /// A form `custom_id` submitted with `value` by a member without permissions.
    pub async fn submit(
        &self,
        id: &str,
        custom_id: &str,
        value: &str,
        user: (&str, &str),
        locale: &str,
    ) -> Value {
        self.interact(modal_submit(
            id,
            custom_id,
            value,
            member(user.0, user.1, 0),
            locale,
        ))
        .await
    }

    /// Waits for an edit of an interaction's original message (a card kept current) that
    /// shows `text`.
    pub async fn card_edited(&self, what: &str, text: &str) -> Recorded {
        let edit_path = format!("/messages/{ORIGINAL_ID}");
        self.fake
            .wait_for(what, |c| {
                c.method == "PATCH"
                    && c.path.ends_with(&edit_path)
                    && sent_description(&c.body).contains(text)
            })
            .await
    }
}

/// A live-update task stopped by its own token, or by the harness's.
fn spawn_live(
    bot: &Bot,
    notifier: &std::sync::Arc<kumpul_discord::DiscordNotifier>,
    harness: &CancellationToken,
) -> LiveTask {
    let stop = harness.child_token();
    let task = tokio::spawn(kumpul_core::live::run(
        bot.clone(),
        notifier.clone(),
        LIVE_INTERVAL,
        stop.clone(),
    ));
    (stop, task)
}

impl Drop for Harness {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

/// Where kumpul answers interaction `id` (the fake's tokens are `token-<id>`).
pub fn callback_path(id: &str) -> String {
    format!("/api/v10/interactions/{id}/token-{id}/callback")
}

pub fn description(callback: &Value) -> String {
    callback["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The embed description of a message kumpul sent or edited by REST (the call's body;
/// a callback has it under `data`).
pub fn sent_description(body: &Value) -> String {
    description(&json!({ "data": body }))
}

pub fn option(name: &str, value: &str) -> Value {
    json!({ "name": name, "type": 3, "value": value })
}

/// An integer option, such as the number of a poll or an event.
pub fn integer(name: &str, value: i64) -> Value {
    json!({ "name": name, "type": 4, "value": value })
}

pub fn flags(callback: &Value) -> u64 {
    callback["data"]["flags"].as_u64().unwrap_or(0)
}

/// The custom ids of a callback's components, row by row.
pub fn component_ids(callback: &Value) -> Vec<String> {
    callback["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_owned))
        .collect()
}

pub fn voter(i: usize) -> Value {
    member(&format!("71000000000000{i:05}"), &format!("voter{i}"), 0)
}
