//! Memory benchmark: how much the heaviest read commands raise the process's peak resident
//! memory, on a 50,000-ballot poll of each heavy kind, 10,000 groups and 10,000 reminders.
//!
//! Each case starts from a reset peak: freed memory is handed back to the system
//! (`malloc_trim`), the kernel's high-water mark is reset (`5` written to
//! `/proc/self/clear_refs`), and the case's growth is its `VmHWM` minus the `VmRSS` it
//! started from. Beside `poll results`, the same run measures the old way of reading a
//! poll — every row fetched at once, then every ballot decoded — as the reference: the
//! memory that holding each ballot costs on this machine.
//!
//! ```text
//! cargo bench -p kumpul-core --bench memory                      # SQLite
//! BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!   cargo bench -p kumpul-core --bench memory                    # PostgreSQL too
//! BENCH_BALLOTS=5000 BENCH_ITEMS=1000 cargo bench …              # smaller run
//! BENCH_SKIP_SQLITE=1 BENCH_POSTGRES_URL=… cargo bench …         # PostgreSQL only
//! ```

use std::future::Future;

use kumpul_core::bot::Bot;
use kumpul_core::identity::{Actor, Invocation, Platform, Role, SpaceId, UserId};
use kumpul_core::reply::{Reply, Tone};
use kumpul_core::store::{Location, Store};
use kumpul_core::testing::FreshPostgres;
use kumpul_core::testing::internals::{Ballot, polls_repo, reminders_repo};

/// Most a case may raise the peak, in MiB (issue #20).
const TARGET_MIB: f64 = 10.0;
const SPACE: &str = "console:bench";
const NOW_MS: i64 = 1_800_000_000_000;

unsafe extern "C" {
    /// glibc: returns freed heap memory to the system.
    fn malloc_trim(pad: usize) -> i32;
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A field of `/proc/self/status` in KiB (`VmRSS`, `VmHWM`).
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Starts a case: frees what can be freed and resets the peak to the current RSS; the RSS
/// it starts from, in KiB. Panics if the peak cannot be reset (the figures would be the
/// whole process's).
fn reset_peak() -> u64 {
    // SAFETY: malloc_trim only walks glibc's own arenas.
    unsafe { malloc_trim(0) };
    std::fs::write("/proc/self/clear_refs", "5").expect("resetting VmHWM");
    let rss = status_kib("VmRSS");
    assert!(status_kib("VmHWM") <= rss + 1024, "VmHWM was not reset");
    rss
}

/// Runs `case` and prints how much it raised the peak; what it returns is the reply's size
/// in bytes (0 when there is no reply).
async fn measure<Fut: Future<Output = usize>>(label: &str, target: bool, case: Fut) -> f64 {
    let start = reset_peak();
    let bytes = case.await;
    let growth = status_kib("VmHWM").saturating_sub(start) as f64 / 1024.0;
    let verdict = match target {
        true if growth <= TARGET_MIB => format!("target ≤ {TARGET_MIB} MiB: met"),
        true => format!("target ≤ {TARGET_MIB} MiB: NOT met"),
        false => "reference".to_owned(),
    };
    println!("  {label:<56} +{growth:>6.1} MiB peak   reply {bytes:>7} B   {verdict}");
    growth
}

fn invocation(user: &str) -> Invocation {
    Invocation {
        space: SpaceId::new(Platform::Console, "bench"),
        channel: None,
        actor: Actor {
            user: UserId::new(Platform::Console, user),
            display_name: user.to_owned(),
            role: Role::Member,
            roles: Vec::new(),
            locale: None,
        },
        now_ms: NOW_MS,
        space_locale: None,
    }
}

/// `text` as alice; the reply, which must not be an error.
async fn say(bot: &Bot, text: &str) -> Reply {
    let reply = bot.handle_text(&invocation("alice"), text).await;
    assert_ne!(reply.tone, Tone::Error, "{text}: {}", reply.plain_text());
    reply
}

/// One heavy poll: how it is created and what its ballots hold.
struct PollCase {
    label: &'static str,
    create: &'static str,
    ballot: fn(&mut fastrand::Rng) -> Ballot,
}

fn shuffled(rng: &mut fastrand::Rng, options: usize, keep_all: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..options).collect();
    rng.shuffle(&mut order);
    if !keep_all {
        order.truncate(rng.usize(1..=options));
    }
    order
}

fn cases() -> Vec<PollCase> {
    use kumpul_core::testing::internals::Ballot as B;
    vec![
        PollCase {
            label: "single, public (names kept)",
            create: "poll create Lunch? | soup | salad | noodles | rice --voters public",
            ballot: |rng| B::Choices(vec![rng.usize(0..4)]),
        },
        PollCase {
            label: "multiple",
            create: "poll create Snacks? | chips | nuts | fruit | cake --kind multiple --max 3",
            ballot: |rng| B::Choices(shuffled(rng, 4, false).into_iter().take(3).collect()),
        },
        PollCase {
            label: "score",
            create: "poll create Venue? | hall | park | cafe | roof --kind score",
            ballot: |rng| B::Scores((0..4).map(|_| rng.u8(0..=5)).collect()),
        },
        PollCase {
            label: "ranked, 5 options",
            create: "poll create Book? | a | b | c | d | e --kind ranked",
            ballot: |rng| B::Ranking(shuffled(rng, 5, false)),
        },
        PollCase {
            label: "ranked, 10 options (rankings all distinct)",
            create: "poll create Film? | a | b | c | d | e | f | g | h | i | j --kind ranked",
            ballot: |rng| B::Ranking(shuffled(rng, 10, true)),
        },
        PollCase {
            label: "time, 4 slots",
            create: "poll create Meet? | tomorrow 19:00 | in 2 days at 10am | in 3 days at 9am | in 4 days at 8pm --kind time",
            ballot: |rng| {
                use kumpul_core::testing::internals::Availability as A;
                B::Availability(
                    (0..4)
                        .map(|_| [A::Yes, A::IfNeedBe, A::No][rng.usize(0..3)])
                        .collect(),
                )
            },
        },
        PollCase {
            label: "consent, public, with reasons",
            create: "poll create Move? --kind consent --voters public",
            ballot: |rng| {
                use kumpul_core::testing::internals::Consent as C;
                B::Consent([C::Agree, C::Abstain, C::Disagree, C::Block][rng.usize(0..4)])
            },
        },
    ]
}

/// Creates poll `number` from `case` with `ballots` ballots written straight to the table.
async fn build_poll(
    bot: &Bot,
    store: &Store,
    number: usize,
    case: &PollCase,
    ballots: usize,
) -> anyhow::Result<()> {
    say(bot, &format!("{} --results live", case.create)).await;
    let mut conn = store.pool().acquire().await?;
    let id: i64 = sqlx::query_scalar("SELECT id FROM polls WHERE space_id = $1 AND number = $2")
        .bind(SPACE)
        .bind(number as i64)
        .fetch_one(&mut *conn)
        .await?;
    let mut rng = fastrand::Rng::with_seed(number as u64);
    let mut tx = store.pool().begin().await?;
    for voter in 0..ballots {
        let ballot = (case.ballot)(&mut rng);
        let reason = matches!(ballot, Ballot::Consent(_)).then(|| format!("because {voter}"));
        sqlx::query(
            "INSERT INTO ballots (poll_id, voter_ref, voter_name, choices, reason, cast_at, via) \
             VALUES ($1, $2, $3, $4, $5, $6, 'kumpul')",
        )
        .bind(id)
        .bind(format!("console:voter{voter:06}"))
        .bind(format!("voter{voter:06}"))
        .bind(serde_json::to_string(&ballot)?)
        .bind(reason)
        .bind(NOW_MS)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The old way of reading a poll for its results: every row at once, then every ballot
/// decoded, all held together. Returns how many were decoded.
async fn read_all_at_once(store: &Store, number: usize) -> usize {
    let mut conn = store.pool().acquire().await.expect("a connection");
    let id: i64 = sqlx::query_scalar("SELECT id FROM polls WHERE space_id = $1 AND number = $2")
        .bind(SPACE)
        .bind(number as i64)
        .fetch_one(&mut *conn)
        .await
        .expect("the poll");
    let rows = polls_repo::list_ballots(&mut conn, id)
        .await
        .expect("ballots");
    let decoded: Vec<Ballot> = rows
        .iter()
        .filter_map(|b| serde_json::from_str(&b.choices).ok())
        .collect();
    std::hint::black_box((&rows, &decoded));
    decoded.len()
}

/// 10,000 groups (the first with 50 members) and 10,000 reminders of alice's.
async fn build_lists(store: &Store, items: usize) -> anyhow::Result<()> {
    let mut tx = store.pool().begin().await?;
    for i in 0..items {
        let name = format!("group {i:05}");
        sqlx::query(
            "INSERT INTO groups (id, space_id, name, name_key, description, owner_id, owner_name, created_at) \
             VALUES ($1, $2, $3, $3, $4, 'console:alice', 'alice', $5)",
        )
        .bind(1_000_000 + i as i64)
        .bind(SPACE)
        .bind(&name)
        .bind("A group for people who like this kind of thing, with a description of a few dozen words.")
        .bind(NOW_MS)
        .execute(&mut *tx)
        .await?;
    }
    for m in 0..50 {
        sqlx::query(
            "INSERT INTO group_members (group_id, user_id, display_name, joined_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(1_000_000i64)
        .bind(format!("console:m{m}"))
        .bind(format!("m{m}"))
        .bind(NOW_MS)
        .execute(&mut *tx)
        .await?;
    }
    for i in 0..items {
        let text = format!("water the plants on the balcony, number {i}");
        let reminder = reminders_repo::NewReminder {
            id: 2_000_000 + i as i64,
            space_id: SPACE,
            channel_id: None,
            creator_id: "console:alice",
            creator_name: "alice",
            group_id: None,
            text: &text,
            zone: "Asia/Jakarta",
            rrule: None,
            anchor_date: None,
            next_at: NOW_MS + 60_000 + i as i64 * 1000,
            created_at: NOW_MS,
        };
        reminders_repo::insert_reminder(&mut tx, &reminder).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn run(label: &str, location: Location) -> anyhow::Result<()> {
    let ballots = env_number("BENCH_BALLOTS", 50_000);
    let items = env_number("BENCH_ITEMS", 10_000);
    let store = Store::open(&location, 8).await?;
    let bot = Bot::new(store.clone(), kumpul_core::testing::config())?;
    println!("{label}: {ballots} ballots a poll, {items} groups, {items} reminders");
    let cases = cases();
    for (i, case) in cases.iter().enumerate() {
        build_poll(&bot, &store, i + 1, case, ballots).await?;
    }
    build_lists(&store, items).await?;
    // Warm-up: caches (prepared statements, translations) are not what is measured.
    say(&bot, "poll results 1").await;
    say(&bot, "group list").await;
    say(&bot, "remind list").await;

    let mut worst: f64 = 0.0;
    for (i, case) in cases.iter().enumerate() {
        let command = format!("poll results {}", i + 1);
        let label = format!("poll results: {}", case.label);
        let growth = measure(&label, true, async {
            say(&bot, &command).await.plain_text().len()
        })
        .await;
        worst = worst.max(growth);
    }
    let old = measure(
        "old way (all rows, then all decoded): ranked 10",
        false,
        async {
            read_all_at_once(&store, 5).await;
            0
        },
    )
    .await;
    let export = measure(
        "poll export: ranked 10 (the CSV is the output)",
        false,
        async {
            let reply = say(&bot, "poll export 5").await;
            reply.attachments.iter().map(|a| a.data.len()).sum()
        },
    )
    .await;
    for command in [
        "group list".to_owned(),
        format!("group list --page {}", items.div_ceil(10)),
        "group members group 00000".to_owned(),
        "remind list".to_owned(),
        format!("remind list --page {}", items.div_ceil(10)),
    ] {
        let growth = measure(&command, true, async {
            say(&bot, &command).await.plain_text().len()
        })
        .await;
        worst = worst.max(growth);
    }
    let space = SpaceId::new(Platform::Console, "bench");
    for typed in ["group 0", "0999"] {
        let label = format!("autocomplete {typed:?} (25 at most)");
        let growth = measure(&label, true, async {
            let names = bot
                .group_names_like(&space, typed, 25)
                .await
                .expect("names");
            assert!(names.len() <= 25);
            names.iter().map(String::len).sum()
        })
        .await;
        worst = worst.max(growth);
    }
    println!(
        "  worst case +{worst:.1} MiB against the {TARGET_MIB} MiB target; the old way of \
         reading one poll took +{old:.1} MiB; an export +{export:.1} MiB"
    );
    store.close().await;
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    if std::env::var("BENCH_SKIP_SQLITE").is_err() {
        run("SQLite", Location::SqliteFile(dir.path().join("bench.db"))).await?;
    }
    if let Ok(server) = std::env::var("BENCH_POSTGRES_URL") {
        let db = FreshPostgres::create(&server).await;
        run("PostgreSQL", Location::Postgres(db.url.clone())).await?;
    }
    Ok(())
}
