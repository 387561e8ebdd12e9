#![recursion_limit = "256"]
//! Footprint: resident memory of an idle kumpul with 10,000 spaces of data — the console;
//! `kumpul run` with Discord (the fake Discord); and with Discord and Matrix (a local
//! Synapse) — sampled every 500 ms for 10 s once it has settled.
//!
//! ```text
//! cargo bench -p kumpul --bench footprint                 # 10,000 spaces
//! FOOTPRINT_SPACES=1000 cargo bench -p kumpul --bench footprint
//! ```

#[path = "../crates/kumpul-discord/tests/fake/mod.rs"]
mod fake;
#[path = "../crates/kumpul-matrix/tests/synapse/mod.rs"]
mod synapse;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fake::FakeDiscord;
use fake::payloads::GUILD_ID;
use kumpul_core::bot::Bot;
use kumpul_core::port::{
    Actor, ChannelId, Clock, Invocation, Location, Platform, Role, SpaceId, Store, SystemClock,
    UserId,
};

const PASSWORD: &str = "correct horse battery staple";

fn invocation(space: &str, who: usize, now: i64) -> Invocation {
    Invocation {
        space: SpaceId::new(Platform::Discord, space),
        channel: Some(ChannelId::new(Platform::Discord, "3000000000000000003")),
        actor: Actor {
            user: UserId::new(Platform::Discord, format!("73{who:017}")),
            display_name: format!("person{who}"),
            role: Role::Member,
            roles: Vec::new(),
            locale: None,
        },
        now_ms: now,
        space_locale: None,
    }
}

/// A space as a small group uses it: a group of five, a poll with votes, an event with
/// answers, a reminder and an idea.
async fn seed(bot: &Bot, space: usize) {
    let id = format!("9{space:018}");
    let now = SystemClock.now_ms();
    let say = |who: usize, text: String| {
        let inv = invocation(&id, space * 10 + who, now);
        let bot = bot.clone();
        async move {
            let reply = bot.handle_text(&inv, &text).await;
            assert_ne!(
                reply.tone,
                kumpul_core::port::Tone::Error,
                "{text}: {}",
                reply.plain_text()
            );
        }
    };
    say(0, "group create hiking Weekend walks --tags outdoor".into()).await;
    for who in 1..5 {
        say(who, "group join hiking".into()).await;
    }
    say(
        0,
        "poll create Where next? | Merapi | Bromo | Rinjani --closes in 3 days".into(),
    )
    .await;
    for who in 0..4 {
        say(who, format!("poll vote 1 {}", who % 3 + 1)).await;
    }
    say(
        0,
        "event create in 5 days Sunrise walk --capacity 10 --where \"Pos 1\"".into(),
    )
    .await;
    for who in 1..4 {
        say(who, "rsvp 1 going".into()).await;
    }
    say(2, "remind me in 4 days pack the headlamp".into()).await;
    say(3, "idea add A night walk".into()).await;
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Median and largest resident size over 10 s, in MiB.
async fn sample(child: &Child) -> (f64, f64) {
    let mut samples = Vec::new();
    for _ in 0..20 {
        if let Some(kib) = rss_kib(child.id()) {
            samples.push(kib);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    samples.sort_unstable();
    let mib = |kib: u64| kib as f64 / 1024.0;
    (
        mib(samples[samples.len() / 2]),
        mib(*samples.last().unwrap()),
    )
}

fn kumpul(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kumpul"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("KUMPUL_DATABASE__URL", dir.join("k.db"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (key, value) in env {
        command.env(key, value);
    }
    command.spawn().unwrap()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let spaces: usize = std::env::var("FOOTPRINT_SPACES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    {
        let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 8)
            .await
            .unwrap();
        let bot = Bot::new(store.clone(), kumpul_core::testing::config()).unwrap();
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let (bot, next) = (bot.clone(), next.clone());
            workers.spawn(async move {
                loop {
                    let space = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if space >= spaces {
                        break;
                    }
                    seed(&bot, space).await;
                }
            });
        }
        while workers.join_next().await.is_some() {}
        store.close().await;
    }
    let size = std::fs::metadata(dir.path().join("k.db"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "seeded {spaces} spaces (groups, polls, events, reminders, ideas) in {:.0} s; database {:.1} MiB",
        started.elapsed().as_secs_f64(),
        size as f64 / 1_048_576.0
    );

    let mut console = kumpul(dir.path(), &["console"], &[]);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let (median, max) = sample(&console).await;
    println!("console, idle: RSS median {median:.1} MiB, max {max:.1} MiB");
    drop(console.stdin.take());
    let _ = console.kill();
    let _ = console.wait();

    let fake = FakeDiscord::start().await;
    let discord = [
        ("KUMPUL_DISCORD__TOKEN", "fake-token".to_owned()),
        ("KUMPUL_DISCORD__API_PROXY", fake.url()),
        ("KUMPUL_DISCORD__DEV_GUILD_IDS", format!("[{GUILD_ID}]")),
    ];
    let mut run = kumpul(dir.path(), &["run"], &discord);
    fake.wait_for("registration", |c| c.method == "PUT").await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (median, max) = sample(&run).await;
    println!("kumpul run, Discord (fake), idle: RSS median {median:.1} MiB, max {max:.1} MiB");
    let _ = run.kill();
    let _ = run.wait();

    let homeserver = synapse::Synapse::start();
    homeserver.register("kumpul", PASSWORD, false).await;
    let mut both: Vec<(&str, String)> = discord.to_vec();
    both.extend([
        ("KUMPUL_MATRIX__HOMESERVER", homeserver.url.clone()),
        ("KUMPUL_MATRIX__USER", "@kumpul:localhost".to_owned()),
        ("KUMPUL_MATRIX__PASSWORD", PASSWORD.to_owned()),
        (
            "KUMPUL_MATRIX__DATA_DIR",
            dir.path().join("matrix").display().to_string(),
        ),
    ]);
    let puts = fake.calls().iter().filter(|c| c.method == "PUT").count();
    let mut run = kumpul(dir.path(), &["run"], &both);
    let deadline = Instant::now() + Duration::from_secs(60);
    while fake.calls().iter().filter(|c| c.method == "PUT").count() <= puts
        || !dir.path().join("matrix/session.json").exists()
    {
        assert!(
            Instant::now() < deadline,
            "kumpul did not connect to both platforms"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(10)).await;
    let (median, max) = sample(&run).await;
    println!(
        "kumpul run, Discord (fake) + Matrix (Synapse), idle: RSS median {median:.1} MiB, max {max:.1} MiB (target < 64 MiB: {})",
        if max < 64.0 { "met" } else { "missed" }
    );
    let _ = run.kill();
    let _ = run.wait();
}
