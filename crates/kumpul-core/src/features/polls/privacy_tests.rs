//! The attacker's linker ([`crate::testing::linker`]) against everything kumpul keeps of a
//! closed secret poll, on both backends and at several moments: right after the results
//! (the SQLite WAL not yet checkpointed), after checkpoints, and after the store closed.
//!
//! Twenty voters rank five options, each ballot distinct; some change their vote, one
//! takes theirs back and votes again, and one more votes while the poll is being closed.
//! The voting order and the ballots are random (the seed is printed; set
//! `KUMPUL_PRIVACY_SEED` to replay a run), so no property of the ballots can line up with
//! the voting order except through a leak.
//!
//! A copy taken while the poll is still open, key file included, must link everyone (the
//! documented limit of secret ballots): it shows the linker finds keys and opens sealed
//! ballots, so that finding nothing after the close means something.
//!
//! On a good build no evidence method links anyone and no order attack succeeds; the
//! order attacks' chance of succeeding anyway is below 1e-6 per test (see
//! [`linker::order`]). The `weak-secret-ballots` feature builds kumpul with a leak on
//! purpose: then the linker must link every voter.

use std::path::{Path, PathBuf};

use super::tally::Ballot;
use crate::reply::Tone;
use crate::store::{Location, Store};
use crate::testing::linker::{self, Method, PostgresCopy, Report, SqliteCopy, Truth};
use crate::testing::{Chat, FreshPostgres, postgres_server_url};

/// Voters, none a prefix of another (the linker finds their keys as text).
const VOTERS: [&str; 20] = [
    "ana", "budi", "citra", "dewi", "eko", "fajar", "gita", "hadi", "intan", "joko", "kartika",
    "lukman", "maya", "nanda", "oki", "putri", "rizal", "sari", "tono", "umi",
];
/// Votes while the poll is being closed: counted or refused, never half.
const RACER: &str = "wulan";
/// Creates and closes the poll; never votes.
const ORGANISER: &str = "boss";
const OPTIONS: usize = 5;

fn key(name: &str) -> String {
    crate::testing::user(name).key()
}

/// One poll's story, told through the bot.
struct Story {
    chat: Chat,
    rng: fastrand::Rng,
    /// Rankings not cast yet: every ballot is distinct.
    unused: Vec<Vec<usize>>,
    truth: Truth,
}

impl Story {
    fn new(store: Store) -> Story {
        let seed = std::env::var("KUMPUL_PRIVACY_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| fastrand::u64(..));
        eprintln!("privacy test seed: {seed} (KUMPUL_PRIVACY_SEED={seed} replays it)");
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut unused = rankings(OPTIONS);
        rng.shuffle(&mut unused);
        Story {
            chat: Chat::new(store),
            rng,
            unused,
            truth: Truth::new(),
        }
    }

    fn tick(&mut self) {
        self.chat.now_ms += self.rng.i64(3_000..90_000);
    }

    /// The command for a fresh ranking, and the ballot as kumpul stores it.
    fn next_ballot(&mut self) -> (String, String) {
        let ranking = self.unused.pop().expect("120 rankings are enough");
        let typed: Vec<String> = ranking.iter().map(|i| (i + 1).to_string()).collect();
        let stored = serde_json::to_string(&Ballot::Ranking(ranking)).expect("a ballot encodes");
        (format!("poll vote 1 {}", typed.join(" ")), stored)
    }

    async fn vote(&mut self, who: &str) {
        self.tick();
        let (command, stored) = self.next_ballot();
        let reply = self.chat.say(who, &command).await;
        assert_eq!(reply.tone, Tone::Success, "{}", reply.plain_text());
        self.truth.vote(&key(who), &stored, self.chat.now_ms);
    }

    async fn retract(&mut self, who: &str) {
        self.tick();
        let reply = self.chat.say(who, "poll retract 1").await;
        assert_eq!(reply.tone, Tone::Success, "{}", reply.plain_text());
        self.truth.retract(&key(who), self.chat.now_ms);
    }

    /// Everything up to the close.
    async fn vote_all(&mut self) {
        let created = self
            .chat
            .say(
                ORGANISER,
                "poll create Who leads the trip? | Ana | Budi | Citra | Dewi | Eko \
                 --kind ranked --voters secret",
            )
            .await;
        let card = created.plain_text();
        assert!(card.contains("#1 Who leads the trip?"), "{card}");
        let mut order = VOTERS.to_vec();
        self.rng.shuffle(&mut order);
        for (i, who) in order.iter().enumerate() {
            if i == order.len() / 2 {
                self.checkpoint_midway().await;
            }
            self.vote(who).await;
        }
        // Three change their minds; one takes the vote back, and votes again later.
        let mut others = order.clone();
        self.rng.shuffle(&mut others);
        let (changers, retracter) = (&others[..3], others[3]);
        self.vote(changers[0]).await;
        self.retract(retracter).await;
        self.vote(changers[1]).await;
        self.vote(retracter).await;
        self.vote(changers[2]).await;
    }

    /// PostgreSQL: a checkpoint, as happens every few minutes, so the votes after it
    /// write full-page images (holding every row version of the page) into the WAL.
    async fn checkpoint_midway(&self) {
        let store = self.chat.bot.store();
        if store.backend() == crate::store::Backend::Postgres {
            sqlx::query("CHECKPOINT")
                .execute(store.pool())
                .await
                .unwrap();
        }
    }

    /// The close and one more vote at the same moment.
    async fn race_the_close(&mut self) -> String {
        self.tick();
        let (command, stored) = self.next_ballot();
        let (closed, late) = tokio::join!(
            self.chat.say(ORGANISER, "poll close 1"),
            self.chat.say(RACER, &command)
        );
        if late.tone == Tone::Success {
            self.truth.vote(&key(RACER), &stored, self.chat.now_ms);
        }
        let results = closed.plain_text();
        assert!(results.contains("Final results"), "{results}");
        eprintln!(
            "the racing vote was {}",
            if late.tone == Tone::Success {
                "counted"
            } else {
                "refused"
            }
        );
        results
    }

    /// Where kumpul keeps the keys of open secret polls.
    fn key_dirs(&self) -> Vec<PathBuf> {
        vec![self.chat.bot.poll_keys().dir().to_path_buf()]
    }
}

/// Every ordering of `n` options.
fn rankings(n: usize) -> Vec<Vec<usize>> {
    let mut all: Vec<Vec<usize>> = vec![Vec::new()];
    for _ in 0..n {
        let mut longer = Vec::new();
        for ranking in &all {
            for option in (0..n).filter(|o| !ranking.contains(o)) {
                let mut next = ranking.clone();
                next.push(option);
                longer.push(next);
            }
        }
        all = longer;
    }
    all
}

/// While a poll is open, its key file and the database together link every ballot (the
/// documented limit of secret ballots): the proof that the linker finds keys and opens
/// sealed ballots, so that finding nothing after the close means something.
fn assert_an_open_poll_is_linkable(report: &Report) {
    eprintln!("{report}");
    let keys = report.finding(Method::Key);
    assert!(
        keys.linked.len() >= VOTERS.len() && keys.wrong.is_empty(),
        "with the key file, every ballot of the open poll must be linked:\n{report}"
    );
}

async fn checkpoint(store: &Store, mode: &str) {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "PRAGMA wal_checkpoint({mode})"
    )))
    .execute(store.pool())
    .await
    .expect("checkpointing");
}

fn refs(dirs: &[PathBuf]) -> Vec<&Path> {
    dirs.iter().map(PathBuf::as_path).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_sqlite_keeps_links_a_closed_secret_ballot_to_its_voter() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kumpul.db");
    let store = Store::open(&Location::SqliteFile(db.clone()), 4)
        .await
        .unwrap();
    let mut story = Story::new(store.clone());
    story.vote_all().await;
    let keys = story.key_dirs();
    let keys = refs(&keys);
    let open = SqliteCopy::take("while the poll is open, with its key file", &db, &keys).unwrap();
    story.race_the_close().await;
    let mut copies = vec![SqliteCopy::take("right after the results", &db, &keys).unwrap()];
    assert_an_open_poll_is_linkable(&open.link(&story.truth).await.unwrap());
    // Every vote is still in the WAL: nothing was checkpointed before the copy.
    let commits = copies[0].wal_commits();
    assert!(
        commits > VOTERS.len(),
        "{commits} commits in the first copy's WAL"
    );
    checkpoint(&store, "FULL").await;
    copies.push(SqliteCopy::take("after a full checkpoint (WAL file kept)", &db, &keys).unwrap());
    checkpoint(&store, "TRUNCATE").await;
    copies.push(SqliteCopy::take("after a truncating checkpoint", &db, &keys).unwrap());
    let truth = story.truth.clone();
    drop(story);
    store.close().await;
    copies.push(SqliteCopy::take("after the store closed", &db, &keys).unwrap());
    let mut reports = Vec::new();
    for copy in &copies {
        reports.push(copy.link(&truth).await.unwrap());
    }
    linker::assert_verdict(&truth, &reports);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_postgres_keeps_links_a_closed_secret_ballot_to_its_voter() {
    let Some(server) = postgres_server_url() else {
        return;
    };
    let db = FreshPostgres::create(&server).await;
    let store = Store::open(&Location::Postgres(db.url.clone()), 4)
        .await
        .unwrap();
    let since = linker::wal_position(&db.url).await.unwrap();
    let mut story = Story::new(store.clone());
    story.vote_all().await;
    let keys = story.key_dirs();
    let keys = refs(&keys);
    let take = |label: &'static str| PostgresCopy::take(label, &db.url, &since, &keys);
    let open = take("while the poll is open, with its key file")
        .await
        .unwrap();
    assert_an_open_poll_is_linkable(&open.link(&story.truth).await.unwrap());
    story.race_the_close().await;
    let mut copies = vec![take("right after the results").await.unwrap()];
    sqlx::query("CHECKPOINT")
        .execute(store.pool())
        .await
        .unwrap();
    copies.push(take("after a checkpoint").await.unwrap());
    let truth = story.truth.clone();
    drop(story);
    store.close().await;
    copies.push(take("after the store closed").await.unwrap());
    let mut reports = Vec::new();
    for copy in &copies {
        reports.push(copy.link(&truth).await.unwrap());
    }
    linker::assert_verdict(&truth, &reports);
}
