#![recursion_limit = "256"]
//! Burst benchmark: button clicks on one poll through the fake Discord gateway, answered
//! by the real serenity client and kumpul's core on SQLite, with live poll edits on.
//!
//! Prints the time from each INTERACTION_CREATE to its callback (p50 / p99 / max), how
//! many edits the poll message got (coalesced: at most one per `BURST_INTERVAL_MS`), and
//! checks that the last edit shows exactly the clicks sent.
//!
//! ```text
//! cargo bench -p kumpul-discord --bench burst                          # 10,000 clicks at 2,000/s
//! BURST_CLICKS=2000 BURST_RATE=1000 cargo bench -p kumpul-discord --bench burst
//! ```

#[path = "../tests/fake/mod.rs"]
mod fake;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use fake::FakeDiscord;
use fake::payloads::{self, button, command, member};
use kumpul_core::bot::Bot;
use kumpul_core::store::{Location, Store};
use kumpul_discord::{Discord, DiscordSettings};
use serde_json::json;
use tokio_util::sync::CancellationToken;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let clicks = env("BURST_CLICKS", 10_000) as usize;
    let rate = env("BURST_RATE", 2_000);
    let interval = Duration::from_millis(env("BURST_INTERVAL_MS", 2_000));
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&Location::SqliteFile(dir.path().join("burst.db")), 8)
        .await
        .unwrap();
    let bot = Bot::new(store, kumpul_core::testing::config()).unwrap();
    let discord = Discord::connect(
        bot.clone(),
        DiscordSettings {
            token: "fake-token".into(),
            api_proxy: Some(fake.url()),
            dev_guild_ids: vec![payloads::GUILD_ID.parse().unwrap()],
            defer_after: Duration::from_millis(2_000),
            registration_retry: kumpul_discord::REGISTRATION_RETRY,
        },
    )
    .await
    .unwrap();
    let cancel = CancellationToken::new();
    let notifier = discord.notifier.clone();
    tokio::spawn(discord.run(cancel.clone()));
    tokio::spawn(kumpul_core::live::run(
        bot,
        notifier,
        interval,
        cancel.clone(),
    ));
    fake.wait_for("registration", |c| c.method == "PUT").await;

    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            "1",
            &["poll", "create"],
            json!([{ "name": "poll", "type": 3, "value": "Lunch? | soto | bakso" }]),
            member("7000000000000000001", "alice", 0),
            "en-US",
        ),
    );
    let created = fake
        .wait_for("the poll", |c| c.path.contains("/interactions/1/"))
        .await;
    let soto = created.body["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let bakso = created.body["data"]["components"][0]["components"][1]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    fake.wait_for("the card's id", |c| c.method == "GET").await;

    // Clicks at the requested rate, from distinct people, alternating options.
    let started = Instant::now();
    let mut sent: HashMap<String, Instant> = HashMap::with_capacity(clicks);
    let per_tick = (rate / 1000).max(1) as usize;
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    let mut i = 0;
    while i < clicks {
        tick.tick().await;
        for _ in 0..per_tick.min(clicks - i) {
            let id = format!("5{i:018}");
            let member = member(&format!("71{i:017}"), &format!("v{i}"), 0);
            let custom = if i % 2 == 0 { &soto } else { &bakso };
            sent.insert(
                format!("/api/v10/interactions/{id}/token-{id}/callback"),
                Instant::now(),
            );
            fake.dispatch("INTERACTION_CREATE", button(&id, custom, member, "en-US"));
            i += 1;
        }
    }
    let sending = started.elapsed();
    let deadline = Instant::now() + Duration::from_secs(120);
    let answered = loop {
        let calls = fake.calls();
        let answered: Vec<_> = calls
            .iter()
            .filter(|c| sent.contains_key(&c.path))
            .cloned()
            .collect();
        if answered.len() >= clicks || Instant::now() > deadline {
            break answered;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut latencies: Vec<Duration> = answered
        .iter()
        .map(|c| c.at.saturating_duration_since(sent[&c.path]))
        .collect();
    latencies.sort();
    // Let the last coalesced edit land, then look at the edits.
    tokio::time::sleep(interval * 2).await;
    let edits: Vec<_> = fake
        .calls()
        .into_iter()
        .filter(|c| {
            c.method == "PATCH"
                && c.path
                    .ends_with(&format!("/messages/{}", fake::ORIGINAL_ID))
        })
        .collect();
    let window = edits.last().map_or(Duration::ZERO, |last| {
        last.at.saturating_duration_since(started)
    });
    let final_text = edits
        .last()
        .map(|e| {
            e.body["embeds"][0]["description"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .unwrap_or_default();
    let half = clicks / 2;
    let exact = final_text.contains(&format!("{clicks} ballots"))
        && final_text.contains(&format!("({half})"));
    println!(
        "burst: {clicks} clicks at {rate}/s (sent in {:.2} s), SQLite, live edits every {} ms",
        sending.as_secs_f64(),
        interval.as_millis()
    );
    println!("answered: {} of {clicks}", answered.len());
    if !latencies.is_empty() {
        println!(
            "INTERACTION_CREATE → callback: p50 {} ms, p99 {} ms, max {} ms, over 3 s: {}",
            percentile(&latencies, 0.50).as_millis(),
            percentile(&latencies, 0.99).as_millis(),
            latencies.last().unwrap().as_millis(),
            latencies
                .iter()
                .filter(|l| **l > Duration::from_secs(3))
                .count()
        );
    }
    println!(
        "poll message edits: {} in {:.1} s (at most {} allowed by the interval)",
        edits.len(),
        window.as_secs_f64(),
        (window.as_millis() / interval.as_millis().max(1)) + 1
    );
    println!("final edit exact ({clicks} ballots, {half} each): {exact}");
    cancel.cancel();
    assert_eq!(answered.len(), clicks, "every click answered");
    assert!(exact, "the final edit shows the exact tally: {final_text}");
}
