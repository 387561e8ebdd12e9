#![recursion_limit = "256"]
//! `kumpul run` killed with SIGKILL in the middle of a vote burst, then started again on
//! the same database: every vote whose "saved" answer went out is in the tally, and
//! nobody's vote counts twice.

#[path = "../crates/kumpul-discord/tests/fake/mod.rs"]
mod fake;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fake::FakeDiscord;
use fake::payloads::{GUILD_ID, button, command, member};
use kumpul_core::store::{Location, Store};
use kumpul_core::testing::internals::polls_repo as polls;
use serde_json::json;

fn start(fake: &FakeDiscord, dir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kumpul"))
        .arg("run")
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("KUMPUL_DATABASE__URL", dir.join("k.db"))
        .env("KUMPUL_DISCORD__TOKEN", "fake-token")
        .env("KUMPUL_DISCORD__API_PROXY", fake.url())
        .env("KUMPUL_DISCORD__DEV_GUILD_IDS", format!("[{GUILD_ID}]"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn voter(i: usize) -> String {
    format!("72{i:017}")
}

#[tokio::test]
async fn votes_acknowledged_before_a_sigkill_are_all_counted_once_after_a_restart() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    let mut first = start(&fake, dir.path());
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

    // A burst of clicks; SIGKILL once a third of them have been answered.
    let clicks = 600;
    let mut voter_of: HashMap<String, String> = HashMap::new();
    for i in 0..clicks {
        let id = format!("6{i:018}");
        voter_of.insert(
            format!("/api/v10/interactions/{id}/token-{id}/callback"),
            voter(i),
        );
        fake.dispatch(
            "INTERACTION_CREATE",
            button(&id, &soto, member(&voter(i), "v", 0), "en-US"),
        );
    }
    let answered = |fake: &FakeDiscord| {
        fake.calls()
            .into_iter()
            .filter(|c| voter_of.contains_key(&c.path))
            .filter(|c| {
                c.body["data"]["embeds"][0]["description"]
                    .as_str()
                    .is_some_and(|d| d.contains("is saved"))
            })
            .map(|c| voter_of[&c.path].clone())
            .collect::<Vec<_>>()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while answered(&fake).len() < clicks / 3 {
        assert!(Instant::now() < deadline, "the burst was not answered");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let acknowledged = answered(&fake);
    assert!(acknowledged.len() < clicks, "killed mid-burst");

    // Restarted on the same database, it answers again (and loses nothing).
    let mut second = start(&fake, dir.path());
    let deadline = Instant::now() + Duration::from_secs(30);
    while fake.sessions().0 < 2 {
        assert!(
            Instant::now() < deadline,
            "the restarted bot did not connect"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    fake.dispatch(
        "INTERACTION_CREATE",
        command(
            "2",
            &["poll", "results"],
            json!([{ "name": "number", "type": 4, "value": 1 }]),
            member("7000000000000000001", "alice", 0),
            "en-US",
        ),
    );
    let results = fake
        .wait_for("results after the restart", |c| {
            c.path.contains("/interactions/2/")
        })
        .await;
    second.kill().unwrap();
    second.wait().unwrap();
    let shown = results.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 1)
        .await
        .unwrap();
    let mut conn = store.pool().acquire().await.unwrap();
    let poll = polls::fetch_poll_by_number(&mut conn, &format!("discord:{GUILD_ID}"), 1)
        .await
        .unwrap()
        .expect("the poll survived");
    let ballots = polls::list_ballots(&mut conn, poll.id).await.unwrap();
    let mut stored: Vec<String> = ballots.iter().map(|b| b.voter_ref.clone()).collect();
    let total = stored.len();
    stored.sort();
    stored.dedup();
    assert_eq!(stored.len(), total, "nobody's vote counts twice");
    for voter in &acknowledged {
        assert!(
            stored.contains(&format!("discord:{voter}")),
            "the acknowledged vote of {voter} was lost"
        );
    }
    assert!(shown.contains(&format!("{total} ballots")), "{shown}");
}

#[tokio::test]
async fn reminders_interrupted_by_a_sigkill_are_all_delivered_and_shown_once() {
    use kumpul_core::bot::Bot;

    use kumpul_core::identity::{Actor, ChannelId, Invocation, Platform, Role, SpaceId, UserId};

    use kumpul_core::time::clock::{Clock, SystemClock};

    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().unwrap();
    // Forty reminders, due one every 100 ms from two seconds from now: typed "a minute
    // ago" (the invocation's clock), each "in 1 minute".
    let reminders = 40;
    {
        let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 2)
            .await
            .unwrap();
        let bot = Bot::new(store.clone(), kumpul_core::testing::config()).unwrap();
        let now = SystemClock.now_ms();
        for i in 0..reminders {
            let inv = Invocation {
                space: SpaceId::new(Platform::Discord, GUILD_ID),
                channel: Some(ChannelId::new(
                    Platform::Discord,
                    fake::payloads::CHANNEL_ID,
                )),
                actor: Actor {
                    user: UserId::new(Platform::Discord, "7000000000000000001"),
                    display_name: "alice".into(),
                    role: Role::Member,
                    roles: Vec::new(),
                    locale: None,
                },
                now_ms: now - 60_000 + 2_000 + i * 100,
                space_locale: None,
            };
            let reply = bot
                .handle_text(&inv, &format!("remind me in 1 minute stretch n{i}x"))
                .await;
            assert!(
                reply.plain_text().contains("remind you"),
                "{}",
                reply.plain_text()
            );
        }
        store.close().await;
    }
    let posts = |fake: &FakeDiscord| {
        fake.calls()
            .into_iter()
            .filter(|c| c.method == "POST" && c.path.ends_with("/messages"))
            .collect::<Vec<_>>()
    };
    let mut first = start(&fake, dir.path());
    let deadline = Instant::now() + Duration::from_secs(60);
    while posts(&fake).len() < 10 {
        assert!(Instant::now() < deadline, "no reminders were sent");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    first.kill().unwrap();
    first.wait().unwrap();
    let before = posts(&fake).len();
    assert!(
        before < reminders as usize,
        "killed while reminders were firing"
    );

    let mut second = start(&fake, dir.path());
    let deadline = Instant::now() + Duration::from_secs(60);
    let nonces = loop {
        let sent = posts(&fake);
        let mut nonces: Vec<String> = sent
            .iter()
            .map(|c| c.body["nonce"].as_str().unwrap_or_default().to_owned())
            .collect();
        nonces.sort();
        nonces.dedup();
        if nonces.len() >= reminders as usize {
            break nonces;
        }
        assert!(
            Instant::now() < deadline,
            "only {} of {reminders} reminders arrived",
            nonces.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    second.kill().unwrap();
    second.wait().unwrap();
    let sent = posts(&fake);
    assert!(
        sent.iter().all(|c| c.body["enforce_nonce"] == true
            && !c.body["nonce"].as_str().unwrap_or_default().is_empty()),
        "every send carries its job's nonce, which Discord enforces"
    );
    // What people see: one message per nonce; none lost.
    assert_eq!(nonces.len(), reminders as usize);
    let texts: Vec<String> = sent
        .iter()
        .filter_map(|c| {
            c.body["embeds"][0]["description"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    for i in 0..reminders {
        assert!(
            texts.iter().any(|t| t.contains(&format!("n{i}x"))),
            "reminder {i} was lost"
        );
    }
}

#[path = "../crates/kumpul-matrix/tests/synapse/mod.rs"]
mod synapse;

/// A Matrix client reduced to what this test needs, over the client-server API.
struct MatrixUser {
    http: reqwest::Client,
    url: String,
    token: String,
}

impl MatrixUser {
    async fn login(homeserver: &synapse::Synapse, user: &str) -> MatrixUser {
        let http = reqwest::Client::new();
        let login: serde_json::Value = http
            .post(format!("{}/_matrix/client/v3/login", homeserver.url))
            .json(&json!({"type": "m.login.password", "identifier": {"type": "m.id.user", "user": user}, "password": MATRIX_PASSWORD}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        MatrixUser {
            http,
            url: homeserver.url.clone(),
            token: login["access_token"].as_str().unwrap().to_owned(),
        }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let mut request = self
            .http
            .request(method, format!("{}/_matrix/client/v3{path}", self.url))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap().json().await.unwrap()
    }

    /// The bodies of the latest messages `sender` sent in `room`.
    async fn bodies_from(&self, room: &str, sender: &str) -> Vec<String> {
        let page = self
            .call(
                reqwest::Method::GET,
                &format!("/rooms/{room}/messages?dir=b&limit=500"),
                None,
            )
            .await;
        page["chunk"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["type"] == "m.room.message" && e["sender"] == sender)
            .filter_map(|e| e["content"]["body"].as_str().map(str::to_owned))
            .collect()
    }
}

const MATRIX_PASSWORD: &str = "correct horse battery staple";

fn start_matrix(homeserver: &synapse::Synapse, dir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kumpul"))
        .arg("run")
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("KUMPUL_DATABASE__URL", dir.join("k.db"))
        .env("KUMPUL_MATRIX__HOMESERVER", &homeserver.url)
        .env("KUMPUL_MATRIX__USER", "@kumpul:localhost")
        .env("KUMPUL_MATRIX__PASSWORD", MATRIX_PASSWORD)
        .env("KUMPUL_MATRIX__DATA_DIR", dir.join("matrix"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matrix_reminders_interrupted_by_a_sigkill_are_shown_once_each() {
    use kumpul_core::bot::Bot;
    use kumpul_core::identity::{Actor, ChannelId, Invocation, Platform, Role, SpaceId, UserId};
    use kumpul_core::time::clock::{Clock, SystemClock};

    let homeserver = synapse::Synapse::start();
    let bot_id = homeserver.register("kumpul", MATRIX_PASSWORD, false).await;
    homeserver.register("alice", MATRIX_PASSWORD, false).await;
    let alice = MatrixUser::login(&homeserver, "alice").await;
    let room = alice
        .call(
            reqwest::Method::POST,
            "/createRoom",
            Some(json!({"invite": [bot_id], "preset": "private_chat"})),
        )
        .await["room_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let dir = tempfile::tempdir().unwrap();

    // First run: kumpul accepts the invite; then it stops.
    let mut first = start_matrix(&homeserver, dir.path());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let members = alice
            .call(
                reqwest::Method::GET,
                &format!("/rooms/{room}/joined_members"),
                None,
            )
            .await;
        if members["joined"].get(&bot_id).is_some() {
            break;
        }
        assert!(Instant::now() < deadline, "kumpul did not join the room");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    first.kill().unwrap();
    first.wait().unwrap();

    // Twenty reminders for a group, so posted in the room (a personal one would go to a
    // direct-message room), due one every 150 ms from two seconds from now.
    let reminders = 20;
    {
        let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 2)
            .await
            .unwrap();
        let bot = Bot::new(store.clone(), kumpul_core::testing::config()).unwrap();
        let now = SystemClock.now_ms();
        for i in -1..reminders {
            let inv = Invocation {
                space: SpaceId::new(Platform::Matrix, room.as_str()),
                channel: Some(ChannelId::new(Platform::Matrix, room.as_str())),
                actor: Actor {
                    user: UserId::new(Platform::Matrix, "@alice:localhost"),
                    display_name: "alice".into(),
                    role: Role::Member,
                    roles: Vec::new(),
                    locale: None,
                },
                now_ms: now - 60_000 + 2_000 + i * 150,
                space_locale: None,
            };
            let text = match i {
                -1 => "group create stretchers".to_owned(),
                i => format!("remind group stretchers in 1 minute stretch n{i}x"),
            };
            let reply = bot.handle_text(&inv, &text).await;
            assert!(
                !matches!(reply.tone, kumpul_core::reply::Tone::Error),
                "{}",
                reply.plain_text()
            );
        }
        store.close().await;
    }
    let seen = |bodies: &[String]| {
        (0..reminders)
            .filter(|i| bodies.iter().any(|b| b.contains(&format!("n{i}x"))))
            .count()
    };

    let mut second = start_matrix(&homeserver, dir.path());
    let deadline = Instant::now() + Duration::from_secs(60);
    while seen(&alice.bodies_from(&room, &bot_id).await) < 5 {
        assert!(Instant::now() < deadline, "no reminders arrived");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    second.kill().unwrap(); // SIGKILL, mid-way
    second.wait().unwrap();

    let mut third = start_matrix(&homeserver, dir.path());
    let deadline = Instant::now() + Duration::from_secs(90);
    while seen(&alice.bodies_from(&room, &bot_id).await) < reminders as usize {
        assert!(Instant::now() < deadline, "reminders were lost");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    third.kill().unwrap();
    third.wait().unwrap();
    let bodies = alice.bodies_from(&room, &bot_id).await;
    for i in 0..reminders {
        let shown = bodies
            .iter()
            .filter(|b| b.contains(&format!("n{i}x")))
            .count();
        assert_eq!(
            shown, 1,
            "reminder {i} shown {shown} times: the transaction id makes a resend a repeat"
        );
    }
}
