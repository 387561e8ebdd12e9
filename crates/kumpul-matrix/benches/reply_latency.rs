//! How fast kumpul answers on Matrix: 20 commands typed back to back (each sent as soon as
//! the answer to the previous one arrived) against a local Synapse, timed from the send to
//! the answer arriving at the person who typed it, as a ratio against the floor measured
//! in the same run: the same person's message reaching another person's client and that
//! person's answer coming back (two trips through the homeserver, no kumpul in between).
//!
//! `cargo bench -p kumpul-matrix --bench reply_latency`
//! (`REPLY_LATENCY_ROUNDS=50` for more rounds.)

#![recursion_limit = "256"]

#[path = "../tests/people/mod.rs"]
mod people;
#[path = "../tests/synapse/mod.rs"]
mod synapse;

use std::time::{Duration, Instant};

use kumpul_core::store::{Location, Store};
use people::{PASSWORD, Person, body, replies};

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(bench());
}

async fn bench() {
    let rounds: usize = std::env::var("REPLY_LATENCY_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let synapse = synapse::Synapse::start();
    let bot = synapse.register("kumpul", PASSWORD, false).await;
    let bot = matrix_sdk::ruma::UserId::parse(bot).expect("kumpul's id");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&Location::SqliteFile(dir.path().join("k.db")), 4)
        .await
        .expect("the store opens");
    let (_device, cancel, _task, _notifier) =
        people::start_kumpul(&synapse, &store, dir.path()).await;
    let mut alice = Person::login(&synapse, "alice").await;
    let mut bob = Person::login(&synapse, "bob").await;
    let room = alice.create_room(&[&bob.id, &bot], false).await;
    bob.client
        .join_room_by_id(room.room_id())
        .await
        .expect("bob joins");
    alice.wait_joined(&room, &bot).await;
    alice.wait_joined(&room, &bob.id).await;
    let bob_room = bob.client.get_room(room.room_id()).expect("bob's room");
    // Something to list, and the first (slower) answers out of the way.
    let created = alice.say(&room, "!group create hiking Weekend walks").await;
    alice.replies_to(&created, 1).await;
    for _ in 0..3 {
        let warm = alice.say(&room, "!group list").await;
        alice.replies_to(&warm, 1).await;
    }

    // The floor: alice → bob → alice through the homeserver, nothing else in between.
    let mut floor = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let ask = format!("ping {round}");
        let answer = format!("pong {round}");
        let started = Instant::now();
        alice.say(&room, &ask).await;
        bob.until("alice's ping", |seen| {
            seen.iter().find(|m| body(m) == ask).map(|_| ())
        })
        .await;
        bob.say(&bob_room, &answer).await;
        alice
            .until("bob's pong", |seen| {
                seen.iter().find(|m| body(m) == answer).map(|_| ())
            })
            .await;
        floor.push(started.elapsed());
    }

    // kumpul: each command typed as soon as the previous answer arrived.
    let mut answered = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        let command = alice.say(&room, "!group list").await;
        let reply = alice
            .until("kumpul's answer", |seen| {
                seen.iter().find(|m| replies(m, &command)).cloned()
            })
            .await;
        answered.push(started.elapsed());
        assert!(body(&reply).contains("hiking"), "{}", body(&reply));
    }
    cancel.cancel();

    let (floor_median, floor_p95) = (percentile(&floor, 50), percentile(&floor, 95));
    let (median, p95) = (percentile(&answered, 50), percentile(&answered, 95));
    println!("{rounds} commands back to back (`!group list`), local Synapse");
    println!(
        "floor (a message and its answer between two people): median {} ms, p95 {} ms",
        floor_median.as_millis(),
        floor_p95.as_millis()
    );
    println!(
        "kumpul (a command and its answer):                  median {} ms, p95 {} ms",
        median.as_millis(),
        p95.as_millis()
    );
    println!(
        "ratio to the floor: median {:.2}, p95 {:.2}",
        median.as_secs_f64() / floor_median.as_secs_f64(),
        p95.as_secs_f64() / floor_p95.as_secs_f64()
    );
}

/// The `p`-th percentile (nearest rank) of `samples`.
fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}
