//! kumpul as `kumpul run` wires it for Discord — the store with the default options (8
//! connections, SQLite `synchronous = FULL`), the serenity client, the live-update task at
//! the default interval — on its own runtime, connected to the fake Discord.

use std::time::{Duration, Instant};

use kumpul_core::port::{
    Actor, Bot, ChannelId, Invocation, Locale, Location, Platform, Role, SpaceId, Store,
    StoreOptions, UserId, run_live,
};
use kumpul_discord::{Discord, DiscordSettings};
use serde_json::{Value, json};
use tokio::runtime::Handle;
use tokio_util::sync::CancellationToken;

use crate::fake::FakeDiscord;
use crate::fake::payloads::{self, command, member};
use crate::voters::voter_id;

/// The default `database.max_connections`.
pub const POOL: u32 = 8;

/// The default `live.update_interval_ms`.
const LIVE_INTERVAL: Duration = Duration::from_millis(3_000);

/// The default `discord.defer_after_ms`.
const DEFER_AFTER: Duration = Duration::from_millis(2_000);

/// Who creates the poll and asks for its results.
const ALICE: &str = "7000000000000000001";

/// kumpul running on `runtime`, and what stops it.
pub struct Kumpul {
    pub bot: Bot,
    cancel: CancellationToken,
    runtime: Handle,
}

impl Kumpul {
    /// Opens the store at `location` and connects kumpul to `fake`; returns once the
    /// commands are registered.
    pub async fn start(runtime: Handle, fake: &FakeDiscord, location: Location) -> Kumpul {
        let url = fake.url();
        let cancel = CancellationToken::new();
        let stop = cancel.clone();
        // Opened on kumpul's runtime (its connections live there) from a blocking thread:
        // the opening future is not `Send`, so it cannot be spawned.
        let opener = runtime.clone();
        let store = tokio::task::spawn_blocking(move || {
            opener.block_on(Store::open_with(&location, &StoreOptions::new(POOL)))
        })
        .await
        .expect("opening kumpul's store")
        .expect("opening kumpul's store");
        let bot = runtime
            .spawn(async move {
                let bot = Bot::new(store, kumpul_core::testing::config()).expect("kumpul's bot");
                let settings = DiscordSettings {
                    token: "fake-token".into(),
                    api_proxy: Some(url),
                    dev_guild_ids: vec![payloads::GUILD_ID.parse().unwrap()],
                    defer_after: DEFER_AFTER,
                    registration_retry: kumpul_discord::REGISTRATION_RETRY,
                };
                let discord = Discord::connect(bot.clone(), settings)
                    .await
                    .expect("connecting to the fake Discord");
                let notifier = discord.notifier.clone();
                tokio::spawn(discord.run(stop.clone()));
                tokio::spawn(run_live(bot.clone(), notifier, LIVE_INTERVAL, stop));
                bot
            })
            .await
            .expect("starting kumpul");
        fake.wait_for("the command registration", |c| c.method == "PUT")
            .await;
        Kumpul {
            bot,
            cancel,
            runtime,
        }
    }

    /// Stops the client and the live task and closes the store.
    pub async fn stop(self) {
        self.cancel.cancel();
        let bot = self.bot.clone();
        self.runtime
            .spawn(async move { bot.store().close().await })
            .await
            .expect("closing kumpul's store");
    }
}

/// The custom ids of a public single-choice poll's two option buttons, created by alice
/// with `/poll create` (interaction `id`).
pub async fn create_poll(fake: &FakeDiscord, id: &str) -> (String, String) {
    let options = json!([
        { "name": "poll", "type": 3, "value": "Lunch? | soto | bakso" },
        { "name": "kind", "type": 3, "value": "single" },
        { "name": "voters", "type": 3, "value": "public" }
    ]);
    let created = slash(fake, id, &["poll", "create"], options).await;
    let button = |i: usize| {
        created["data"]["components"][0]["components"][i]["custom_id"]
            .as_str()
            .unwrap_or_else(|| panic!("the poll has no button {i}: {created:#}"))
            .to_owned()
    };
    let (soto, bakso) = (button(0), button(1));
    // kumpul reads back the posted card (to keep it current) before it is ready.
    fake.wait_for("the poll card's id", |c| {
        c.method == "GET" && c.path.ends_with("/messages/@original")
    })
    .await;
    (soto, bakso)
}

/// The results of poll 1 as alice sees them with `/poll results` (interaction `id`).
pub async fn results(fake: &FakeDiscord, id: &str) -> String {
    let options = json!([{ "name": "number", "type": 4, "value": 1 }]);
    let answer = slash(fake, id, &["poll", "results"], options).await;
    answer["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Alice runs a slash command; returns kumpul's interaction response.
async fn slash(fake: &FakeDiscord, id: &str, path: &[&str], options: Value) -> Value {
    let alice = member(ALICE, "alice", 0);
    fake.dispatch(
        "INTERACTION_CREATE",
        command(id, path, options, alice, "en-US"),
    );
    let callback = format!("/interactions/{id}/");
    fake.wait_for("a slash command's answer", |c| c.path.contains(&callback))
        .await
        .body
}

/// Who acts in a Discord interaction in the guild, as the adapter builds it.
fn member_invocation(user: &str, name: &str) -> Invocation {
    Invocation {
        space: SpaceId::new(Platform::Discord, payloads::GUILD_ID),
        channel: Some(ChannelId::new(Platform::Discord, payloads::CHANNEL_ID)),
        actor: Actor {
            user: UserId::new(Platform::Discord, user),
            display_name: name.into(),
            role: Role::Member,
            roles: Vec::new(),
            locale: Some(Locale::En),
        },
        now_ms: jiff::Timestamp::now().as_millisecond(),
        space_locale: Some(Locale::En),
    }
}

/// The results of poll 1 in full, as the core words them for alice (without Discord's
/// shortening of long messages).
pub async fn results_text(bot: &Bot) -> String {
    let alice = member_invocation(ALICE, "alice");
    bot.handle_text(&alice, "poll results 1").await.plain_text()
}

impl Kumpul {
    /// Voter `voter` pressing `custom_id` in kumpul's core directly, on kumpul's runtime,
    /// with the invocation the adapter would build: the same vote without Discord (no
    /// gateway, serenity, rendering or REST), as a vote for [`crate::voters::round`].
    pub fn pressing(
        &self,
        custom_id: &str,
    ) -> impl Fn(u64) -> std::pin::Pin<Box<dyn std::future::Future<Output = Duration> + Send>>
    + Clone
    + Send
    + 'static {
        let bot = self.bot.clone();
        let runtime = self.runtime.clone();
        let custom_id: std::sync::Arc<str> = custom_id.into();
        move |voter| {
            let bot = bot.clone();
            let custom_id = custom_id.clone();
            let voting = runtime.spawn(async move {
                let who = member_invocation(&voter_id(voter), &format!("voter{voter}"));
                let started = Instant::now();
                let reply = bot.handle_encoded(&who, &custom_id, &[]).await;
                let latency = started.elapsed();
                let text = reply.plain_text();
                assert!(text.contains("is saved"), "voter {voter}: {text}");
                latency
            });
            Box::pin(async move { voting.await.expect("a vote in the core panicked") })
        }
    }
}
