//! The `kumpul` binary's storage, attacked: on the console with a SQLite file, a secret
//! poll gets twenty votes (some changed, one taken back and cast again) and is closed;
//! the storage is copied right after "Final results" while kumpul still runs, again after
//! kumpul is killed with SIGKILL, and again after it was started once more and stopped
//! cleanly. The attacker's linker (`kumpul_core::testing::linker`) must link no ballot to
//! its voter in any copy — or, with kumpul-core's `weak-secret-ballots` feature, every
//! ballot in the first one (`cargo test -p kumpul --test privacy --features
//! kumpul-core/weak-secret-ballots`).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use kumpul_core::testing::internals::Ballot;
use kumpul_core::testing::linker::{self, Method, SqliteCopy, Truth};

const VOTERS: [&str; 20] = [
    "ana", "budi", "citra", "dewi", "eko", "fajar", "gita", "hadi", "intan", "joko", "kartika",
    "lukman", "maya", "nanda", "oki", "putri", "rizal", "sari", "tono", "umi",
];
/// How long kumpul may take to answer one line.
const ANSWER_WITHIN: Duration = Duration::from_secs(30);

/// `kumpul console` with its keyboard and screen in the test's hands.
struct Console {
    child: Child,
    stdin: ChildStdin,
    output: mpsc::Receiver<Vec<u8>>,
    transcript: String,
}

impl Console {
    fn start(dir: &Path) -> Console {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kumpul"));
        for (name, _) in std::env::vars() {
            if name.starts_with("KUMPUL_") || name == "RUST_LOG" {
                command.env_remove(name);
            }
        }
        // The default settings: the database and the poll keys under `data/`.
        let mut child = command
            .arg("console")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let (send, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 || send.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Console {
            child,
            stdin,
            output,
            transcript: String::new(),
        }
    }

    /// Types `line`; with `expect`, waits until kumpul's answer holds it.
    fn type_line(&mut self, line: &str, expect: Option<&str>) {
        let from = self.transcript.len();
        writeln!(self.stdin, "{line}").unwrap();
        self.stdin.flush().unwrap();
        let Some(expect) = expect else {
            return;
        };
        let deadline = Instant::now() + ANSWER_WITHIN;
        while !self.transcript[from..].contains(expect) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.transcript.push_str(&String::from_utf8_lossy(&bytes)),
                Err(_) => panic!(
                    "no {expect:?} after {line:?}:\n{}",
                    &self.transcript[from..]
                ),
            }
        }
    }

    /// Stops kumpul with SIGKILL.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Leaves the console and waits for kumpul to stop on its own.
    fn quit(mut self) {
        self.type_line("/quit", None);
        let deadline = Instant::now() + ANSWER_WITHIN;
        while self.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "kumpul did not stop after /quit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// splitmix64: enough randomness to shuffle voters and ballots, replayable by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Every ranking of five options, shuffled: one fresh ballot per vote.
fn ballots(rng: &mut Rng) -> Vec<Vec<usize>> {
    let mut all: Vec<Vec<usize>> = vec![Vec::new()];
    for _ in 0..5 {
        let mut longer = Vec::new();
        for ranking in &all {
            for option in (0..5).filter(|o| !ranking.contains(o)) {
                let mut next = ranking.clone();
                next.push(option);
                longer.push(next);
            }
        }
        all = longer;
    }
    rng.shuffle(&mut all);
    all
}

/// One vote through the console, recorded in `truth`.
fn vote(console: &mut Console, truth: &mut Truth, unused: &mut Vec<Vec<usize>>, who: &str) {
    let ranking = unused.pop().expect("120 rankings are enough");
    let typed: Vec<String> = ranking.iter().map(|i| (i + 1).to_string()).collect();
    console.type_line(&format!("/as {who}"), None);
    let at = now_ms();
    console.type_line(
        &format!("poll vote 1 {}", typed.join(" ")),
        Some("is saved"),
    );
    let stored = serde_json::to_string(&Ballot::Ranking(ranking)).unwrap();
    truth.vote(&format!("console:{who}"), &stored, at);
}

#[tokio::test]
async fn nothing_kumpul_keeps_on_disk_links_a_closed_secret_ballot_to_its_voter() {
    let seed = std::env::var("KUMPUL_PRIVACY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| now_ms() as u64);
    eprintln!("privacy test seed: {seed} (KUMPUL_PRIVACY_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let mut unused = ballots(&mut rng);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("kumpul.db");
    let keys: PathBuf = dir.path().join("data").join("poll-keys");
    let keys = [keys.as_path()];
    let mut truth = Truth::new();

    let mut console = Console::start(dir.path());
    console.type_line("/as boss", None);
    console.type_line(
        "poll create Who leads the trip? | Ana | Budi | Citra | Dewi | Eko --kind ranked --voters secret",
        Some("#1 Who leads the trip?"),
    );
    let mut order = VOTERS.to_vec();
    rng.shuffle(&mut order);
    for who in &order {
        vote(&mut console, &mut truth, &mut unused, who);
    }
    let mut others = order.clone();
    rng.shuffle(&mut others);
    let (changers, retracter) = (&others[..3], others[3]);
    vote(&mut console, &mut truth, &mut unused, changers[0]);
    console.type_line(&format!("/as {retracter}"), None);
    let at = now_ms();
    console.type_line("poll retract 1", Some("taken back"));
    truth.retract(&format!("console:{retracter}"), at);
    vote(&mut console, &mut truth, &mut unused, changers[1]);
    vote(&mut console, &mut truth, &mut unused, retracter);
    vote(&mut console, &mut truth, &mut unused, changers[2]);

    let open = SqliteCopy::take("while the poll is open, with its key file", &db, &keys).unwrap();
    console.type_line("/as boss", None);
    console.type_line("poll close 1", Some("Final results"));
    let mut copies =
        vec![SqliteCopy::take("right after the results, kumpul running", &db, &keys).unwrap()];
    let commits = copies[0].wal_commits();
    assert!(
        commits > VOTERS.len(),
        "{commits} commits in the first copy's WAL"
    );
    console.kill();
    copies.push(SqliteCopy::take("after SIGKILL", &db, &keys).unwrap());
    Console::start(dir.path()).quit();
    copies.push(SqliteCopy::take("after a restart and a clean stop", &db, &keys).unwrap());

    // The proof that the linker reads what the binary writes: with the key file of the
    // open poll, every ballot links.
    let open = open.link(&truth).await.unwrap();
    eprintln!("{open}");
    assert!(
        open.finding(Method::Key).linked.len() >= VOTERS.len(),
        "with the key file, every ballot of the open poll must be linked:\n{open}"
    );
    let mut reports = Vec::new();
    for copy in &copies {
        reports.push(copy.link(&truth).await.unwrap());
    }
    linker::assert_verdict(&truth, &reports);
}
