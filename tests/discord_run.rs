#![recursion_limit = "256"]
//! `kumpul run` with Discord enabled, against the fake Discord: it registers its commands,
//! answers a slash command, and stops cleanly on SIGTERM.

#[path = "../crates/kumpul-discord/tests/fake/mod.rs"]
mod fake;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fake::FakeDiscord;
use fake::payloads::{GUILD_ID, command, member};
use serde_json::json;

#[tokio::test]
async fn kumpul_run_serves_discord_and_stops_on_sigterm() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kumpul"))
        .arg("run")
        .current_dir(dir.path())
        .env_remove("RUST_LOG")
        .env("KUMPUL_DATABASE__URL", dir.path().join("k.db"))
        .env("KUMPUL_DISCORD__TOKEN", "fake-token")
        .env("KUMPUL_DISCORD__API_PROXY", fake.url())
        .env("KUMPUL_DISCORD__DEV_GUILD_IDS", format!("[{GUILD_ID}]"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    fake.wait_for("command registration", |c| {
        c.method == "PUT" && c.path.contains("/commands")
    })
    .await;
    let interaction = command(
        "901",
        &["group", "create"],
        json!([{ "name": "name", "type": 3, "value": "hiking" }]),
        member("7000000000000000001", "alice", 0),
        "en-US",
    );
    fake.dispatch("INTERACTION_CREATE", interaction);
    let callback = fake
        .wait_for("the callback", |c| c.path.contains("/interactions/901/"))
        .await;
    let description = callback.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        description.contains("created the group **hiking**"),
        "{:#}",
        callback.body
    );

    let status = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "kumpul did not stop after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(exit.success(), "exit {exit:?}; stderr:\n{stderr}");
    assert!(
        !stderr.contains("fake-token"),
        "the token was logged:\n{stderr}"
    );
}
