//! SQLite on a real disk that fills up or becomes immutable in the middle of a vote burst.

use super::burst::{self, Fault, Plan};
use super::root::{self, Immutable, Tmpfs};
use crate::store::{Location, Store};
use crate::testing::Chat;

/// Connections of the store under test: several, so a broken one could go back to the pool
/// and be handed to the next vote.
const CONNECTIONS: u32 = 4;

struct FillUp<'a>(&'a Tmpfs);

impl Fault for FillUp<'_> {
    async fn inject(&mut self) {
        self.0.fill("filler");
    }
    async fn clear(&mut self) {
        self.0.free("filler");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disk_that_fills_up_mid_burst_loses_no_acknowledged_vote_and_recovers() {
    if !root::can_run("a_disk_that_fills_up_mid_burst_loses_no_acknowledged_vote_and_recovers") {
        return;
    }
    let tmpfs = Tmpfs::mount(4);
    let location = Location::SqliteFile(tmpfs.path.join("kumpul.db"));
    let store = Store::open(&location, CONNECTIONS).await.unwrap();
    let chat = Chat::new(store.clone());
    let polls = burst::create_polls(&chat).await;
    let ledger = burst::run(&chat, &Plan::default(), &mut FillUp(&tmpfs)).await;
    store.close().await;
    burst::verify(&location, &polls, &ledger).await;
}

struct MadeImmutable {
    files: Vec<std::path::PathBuf>,
    guard: Immutable,
}

impl Fault for MadeImmutable {
    async fn inject(&mut self) {
        self.guard.set(&self.files);
    }
    async fn clear(&mut self) {
        self.guard.clear();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_made_immutable_mid_burst_loses_no_acknowledged_vote_and_recovers() {
    if !root::can_run("a_database_made_immutable_mid_burst_loses_no_acknowledged_vote_and_recovers")
    {
        return;
    }
    // On ext4: a tmpfs lets already open files be written even when immutable.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kumpul.db");
    let location = Location::SqliteFile(path.clone());
    let store = Store::open(&location, CONNECTIONS).await.unwrap();
    let chat = Chat::new(store.clone());
    let polls = burst::create_polls(&chat).await;
    let mut fault = MadeImmutable {
        // The database and its log, not the `-shm` index: SQLite maps that into memory, and
        // on ext4 a write fault on a mapped page of an immutable file kills the process with
        // SIGBUS (the kernel cannot update the file's times) — any SQLite program, here the
        // test itself. No program can answer that with a message.
        files: root::sqlite_files(&path)[..2].to_vec(),
        guard: Immutable::default(),
    };
    let ledger = burst::run(&chat, &Plan::default(), &mut fault).await;
    store.close().await;
    burst::verify(&location, &polls, &ledger).await;
}
