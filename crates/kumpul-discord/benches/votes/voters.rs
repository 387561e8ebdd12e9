//! The people voting: button clicks sent as `INTERACTION_CREATE` dispatches through the
//! fake's gateway, each matched to the interaction response kumpul sent for it, and timed
//! from the dispatch to the fake receiving that response.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use crate::fake::payloads::{button, member};
use crate::fake::{FakeDiscord, Recorded};

/// How long one click may wait for its answer before the bench gives up (Discord itself
/// gives an interaction 3 s; far beyond that something is broken, not slow).
const ANSWER_WITHIN: Duration = Duration::from_secs(30);

/// Clicks waiting for their interaction response, by interaction id.
type Waiting = Arc<Mutex<HashMap<String, oneshot::Sender<Recorded>>>>;

/// Sends clicks and hands each its answer.
pub struct Voters {
    pub fake: Arc<FakeDiscord>,
    waiting: Waiting,
    next_interaction: AtomicU64,
}

/// The Discord user id of voter `n` (a snowflake, distinct for every `n`).
pub fn voter_id(n: u64) -> String {
    format!("71{n:017}")
}

/// The interaction id in a callback route `/api/v10/interactions/{id}/{token}/callback`.
fn interaction_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/api/v10/interactions/")?;
    rest.ends_with("/callback")
        .then(|| rest.split('/').next())
        .flatten()
}

impl Voters {
    /// Starts routing the fake's calls: each interaction response goes to the click that
    /// waits for it; every other call (live edits of the poll message) is only recorded.
    pub fn new(fake: Arc<FakeDiscord>) -> Arc<Voters> {
        let waiting: Waiting = Arc::default();
        let mut calls = fake.observe();
        let routes = waiting.clone();
        tokio::spawn(async move {
            while let Some(call) = calls.recv().await {
                let Some(id) = interaction_of(&call.path) else {
                    continue;
                };
                let waiter = routes.lock().unwrap().remove(id);
                if let Some(waiter) = waiter {
                    let _ = waiter.send(call);
                }
            }
        });
        Arc::new(Voters {
            fake,
            waiting,
            next_interaction: AtomicU64::new(0),
        })
    }

    /// Voter `voter` clicks the button `custom_id`; returns the time from the dispatch to
    /// kumpul's answer arriving, after checking the answer confirms the vote.
    pub async fn click(&self, voter: u64, custom_id: &str) -> Duration {
        let n = self.next_interaction.fetch_add(1, Ordering::Relaxed);
        let id = format!("5{n:018}");
        let who = member(&voter_id(voter), &format!("voter{voter}"), 0);
        let payload = button(&id, custom_id, who, "en-US");
        let (answered, answer) = oneshot::channel();
        self.waiting.lock().unwrap().insert(id.clone(), answered);
        let sent = Instant::now();
        self.fake.dispatch("INTERACTION_CREATE", payload);
        let answer = tokio::time::timeout(ANSWER_WITHIN, answer)
            .await
            .unwrap_or_else(|_| panic!("no answer to click {id} within {ANSWER_WITHIN:?}"))
            .expect("the router of answers stopped");
        let text = answer.body["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap_or_default();
        assert!(
            text.contains("is saved"),
            "click {id} by voter {voter} was not confirmed: {:#}",
            answer.body
        );
        answer.at.saturating_duration_since(sent)
    }
}

/// What one round of clicks gave: each click's latency and the round's duration.
pub struct Round {
    pub latencies: Vec<Duration>,
    pub wall: Duration,
}

/// Voters `first .. first + count` each vote once with `vote` (which returns that vote's
/// latency), `at_once` of them in flight at every moment (each worker votes as the next
/// voter as soon as its previous vote was answered), so `at_once` is the number of votes
/// kumpul has to handle together.
pub async fn round<F, Fut>(first: u64, count: u64, at_once: u64, vote: F) -> Round
where
    F: Fn(u64) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = Duration> + Send + 'static,
{
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..at_once.min(count) {
        let vote = vote.clone();
        workers.spawn(async move {
            let mut latencies = Vec::new();
            let mut voter = first + worker;
            while voter < first + count {
                latencies.push(vote(voter).await);
                voter += at_once;
            }
            latencies
        });
    }
    let mut latencies = Vec::with_capacity(count as usize);
    while let Some(done) = workers.join_next().await {
        latencies.extend(done.expect("a voter panicked"));
    }
    Round {
        latencies,
        wall: started.elapsed(),
    }
}

/// Voter `voter` clicking `custom_id` through Discord, as a vote for [`round`].
pub fn clicking(
    voters: &Arc<Voters>,
    custom_id: &str,
) -> impl Fn(u64) -> std::pin::Pin<Box<dyn std::future::Future<Output = Duration> + Send>>
+ Clone
+ Send
+ 'static {
    let voters = voters.clone();
    let custom_id: Arc<str> = custom_id.into();
    move |voter| {
        let voters = voters.clone();
        let custom_id = custom_id.clone();
        Box::pin(async move { voters.click(voter, &custom_id).await })
    }
}
