//! Test helpers: fresh databases on every backend, and a bot to talk to.
//!
//! [`each_backend`] runs a test body against a new SQLite file and, when
//! `TEST_POSTGRES_URL` is set, against a new PostgreSQL database that is dropped afterwards
//! (even when the test panics). In CI (`CI` set) a missing PostgreSQL URL fails the test
//! instead of skipping it, so a broken CI setup can never pass silently.

pub mod linker;

/// Internals that integration tests, benchmarks and fuzzers set up or inspect directly: a
/// crash test reads the polls table, the scheduler benchmark inserts reminders in bulk, a
/// fuzzer reads reminder times. Never
/// for adapters, which see only [`crate::port`].
pub mod internals {
    pub use crate::features::events::model::reminders as event_reminders;
    pub use crate::features::polls::repo as polls_repo;
    pub use crate::features::polls::tally::{Availability, Ballot, Consent};
    pub use crate::features::reminders::repo as reminders_repo;
    pub use crate::features::reminders::{JOB_KIND as REMINDER_JOB, occurrence_key};
    pub use crate::scheduler::{NewJob, repo as jobs_repo};
    pub use crate::space::repo as space_repo;
}

use std::future::Future;
use std::io::Write;
use std::sync::Once;

use sqlx::{Connection, Executor};

use crate::bot::{Bot, CoreConfig};
use crate::i18n::Locale;
use crate::identity::{Actor, Invocation, Platform, Role, SpaceId, UserId};
use crate::notify::{Audience, BoxFuture, Delivery, DeliveryError, LiveView, Notifier, Posted};
use crate::reply::Reply;
use crate::store::{Location, Store};

/// The environment variable holding the PostgreSQL server URL for tests.
pub const POSTGRES_ENV: &str = "TEST_POSTGRES_URL";

/// Runs `test` on a fresh SQLite database, then on a fresh PostgreSQL database if one is
/// configured.
pub async fn each_backend<F, Fut>(test: F)
where
    F: Fn(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().expect("creating a temporary folder");
    let sqlite = Store::open(&Location::SqliteFile(dir.path().join("test.db")), 4)
        .await
        .expect("opening a fresh SQLite database");
    test(sqlite.clone()).await;
    sqlite.close().await;

    if let Some(server) = postgres_server_url() {
        let db = FreshPostgres::create(&server).await;
        let store = Store::open(&Location::Postgres(db.url.clone()), 4)
            .await
            .expect("opening the fresh PostgreSQL database");
        test(store.clone()).await;
        store.close().await;
        drop(db);
    }
}

/// The core settings tests and benchmarks run with: English, UTC, a 5-minute group ping
/// cooldown, no authors kept for anonymous ideas, threads archived after 14 quiet days.
pub fn config() -> CoreConfig {
    CoreConfig {
        default_locale: Locale::En,
        default_timezone: crate::time::Zone::utc(),
        group_ping_cooldown: std::time::Duration::from_secs(300),
        keep_anonymous_authors: false,
        // Poll ids are random, so the tests of one process can share a folder.
        secret_keys_dir: std::env::temp_dir()
            .join(format!("kumpul-test-poll-keys-{}", std::process::id())),
        thread_archive_after: std::time::Duration::from_secs(14 * 86_400),
        limits: crate::limits::Limits::default(),
    }
}

/// A bot on `store` with the test settings ([`config`]).
pub fn bot(store: Store) -> Bot {
    Bot::new(store, config()).expect("building a test bot")
}

/// One console-like space where tests speak as anyone, at a clock they control.
pub struct Chat {
    pub bot: Bot,
    pub space: SpaceId,
    pub now_ms: i64,
}

impl Chat {
    pub fn new(store: Store) -> Chat {
        Chat {
            bot: bot(store),
            space: SpaceId::new(Platform::Console, "test"),
            now_ms: 1_800_000_000_000,
        }
    }

    pub fn invocation(&self, name: &str, role: Role, locale: Option<Locale>) -> Invocation {
        Invocation {
            space: self.space.clone(),
            channel: None,
            actor: Actor {
                user: user(name),
                display_name: name.to_owned(),
                role,
                roles: Vec::new(),
                locale,
            },
            now_ms: self.now_ms,
            space_locale: None,
        }
    }

    /// `name` (a member) types `text`.
    pub async fn say(&self, name: &str, text: &str) -> Reply {
        self.say_as(name, Role::Member, text).await
    }

    pub async fn say_as(&self, name: &str, role: Role, text: &str) -> Reply {
        let reply = self
            .bot
            .handle_text(&self.invocation(name, role, None), text)
            .await;
        checked(reply)
    }

    /// `name` (`role`), whose platform reports their language as `locale` (as Discord
    /// does for each person), types `text`. The reply is checked like any other: one
    /// written in Indonesian fails the test if it shows an English command word.
    pub async fn say_in(&self, name: &str, role: Role, locale: Locale, text: &str) -> Reply {
        let reply = self
            .bot
            .handle_text(&self.invocation(name, role, Some(locale)), text)
            .await;
        checked(reply)
    }

    /// [`Chat::say_in`] for a click on a button or menu.
    pub async fn press_in(
        &self,
        name: &str,
        role: Role,
        locale: Locale,
        action: &crate::reply::ActionId,
    ) -> Reply {
        let reply = self
            .bot
            .handle_action(&self.invocation(name, role, Some(locale)), action)
            .await;
        checked(reply)
    }
}

/// `reply`, after checking that it says which language it is in and keeps to it.
fn checked(reply: Reply) -> Reply {
    assert!(
        reply.locale.is_some() && reply.standalone.iter().all(|s| s.locale.is_some()),
        "the core hands out every reply with its language"
    );
    assert_in_its_language(&reply);
    reply
}

/// What `reply`'s text shows in code (the commands it tells people to type), in order.
pub fn shown_code(reply: &Reply) -> Vec<String> {
    reply
        .plain_text()
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Fails when a reply written for an Indonesian reader shows an English command, option
/// or choice word (in code, or in what a button or menu says to type instead): every flow
/// test that speaks Indonesian checks this for every message it is handed.
pub fn assert_in_its_language(reply: &Reply) {
    for standalone in &reply.standalone {
        assert_in_its_language(standalone);
    }
    if reply.locale != Some(Locale::Id) {
        return;
    }
    let code = |line: &crate::reply::Line| {
        line.iter()
            .filter_map(|inline| match inline {
                crate::reply::Inline::Code(code) => Some(code.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let mut shown: Vec<String> = reply.commands().into_iter().map(str::to_owned).collect();
    for block in &reply.blocks {
        match block {
            crate::reply::Block::Paragraph(line) => shown.extend(code(line)),
            crate::reply::Block::List(items) => shown.extend(items.iter().flat_map(code)),
        }
    }
    shown.extend(reply.fields.iter().flat_map(|f| code(&f.value)));
    for text in shown {
        let english = crate::catalogue::english_words(&text);
        assert!(
            english.is_empty(),
            "English command word(s) {english:?} in `{text}`, shown to an Indonesian reader:\n{}",
            reply.plain_text()
        );
    }
    // Running text too: "mis. poll create …" in a sentence teaches English just the same.
    let english = crate::catalogue::english_phrases(&reply.plain_text());
    assert!(
        english.is_empty(),
        "English command phrase(s) {english:?} shown to an Indonesian reader:\n{}",
        reply.plain_text()
    );
}

/// A fake platform: records every delivery it is handed and, like Matrix transaction ids
/// and Discord nonces, shows a message only once per idempotency key. Private deliveries
/// ([`Audience::Person`]) are recorded with their person, as a DM would be; people whose
/// DMs are closed ([`FakePlatform::close_dms`]) are unreachable, like Discord's 50007.
#[derive(Default)]
pub struct FakePlatform {
    calls: std::sync::Mutex<Vec<Delivery>>,
    updates: std::sync::Mutex<Vec<(Posted, LiveView)>>,
    behaviour: std::sync::Mutex<Behaviour>,
    closed_dms: std::sync::Mutex<std::collections::HashSet<UserId>>,
    /// Notified whenever a delivery arrives (before any hang).
    pub arrived: tokio::sync::Notify,
}

/// How the fake platform answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Behaviour {
    #[default]
    Accept,
    /// A temporary failure, every time.
    FailTemporarily,
    /// A permanent failure.
    Refuse,
    /// Never answers and never shows the message: the process "dies" before sending.
    HangBeforeSend,
    /// Shows the message, then never answers: the process "dies" after sending.
    HangAfterSend,
}

impl FakePlatform {
    pub fn set(&self, behaviour: Behaviour) {
        *self.behaviour.lock().unwrap() = behaviour;
    }

    /// From now on `user` accepts no direct messages: private deliveries to them fail as
    /// unreachable, showing nothing.
    pub fn close_dms(&self, user: &UserId) {
        self.closed_dms.lock().unwrap().insert(user.clone());
    }

    /// What `user` was shown privately (one per idempotency key).
    pub fn private_to(&self, user: &UserId) -> Vec<Delivery> {
        self.shown()
            .into_iter()
            .filter(|d| d.recipient().is_some_and(|r| &r.user == user))
            .collect()
    }

    /// What was shown in channels, for everyone (one per idempotency key).
    pub fn in_channels(&self) -> Vec<Delivery> {
        self.shown()
            .into_iter()
            .filter(|d| d.audience == Audience::Channel)
            .collect()
    }

    /// Every delivery handed over, repeats included.
    pub fn calls(&self) -> Vec<Delivery> {
        self.calls.lock().unwrap().clone()
    }

    /// Every update of a posted message, in order.
    pub fn updates(&self) -> Vec<(Posted, LiveView)> {
        self.updates.lock().unwrap().clone()
    }

    /// What people see: one message per idempotency key.
    pub fn shown(&self) -> Vec<Delivery> {
        let mut seen = std::collections::HashSet::new();
        self.calls()
            .into_iter()
            .filter(|d| seen.insert(d.key.clone()))
            .collect()
    }
}

impl Notifier for FakePlatform {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            assert!(
                delivery.reply.locale.is_some(),
                "the core hands out every delivery with its language"
            );
            assert_in_its_language(&delivery.reply);
            let behaviour = *self.behaviour.lock().unwrap();
            if let Some(recipient) = delivery.recipient()
                && behaviour == Behaviour::Accept
                && self.closed_dms.lock().unwrap().contains(&recipient.user)
            {
                return Err(DeliveryError::Unreachable(anyhow::anyhow!(
                    "cannot send messages to this user"
                )));
            }
            let shows = matches!(behaviour, Behaviour::Accept | Behaviour::HangAfterSend);
            if shows {
                self.calls.lock().unwrap().push(delivery.clone());
            }
            self.arrived.notify_one();
            match behaviour {
                Behaviour::Accept => Ok(()),
                Behaviour::FailTemporarily => Err(DeliveryError::Retry(anyhow::anyhow!(
                    "platform unavailable"
                ))),
                Behaviour::Refuse => Err(DeliveryError::GiveUp(anyhow::anyhow!("channel deleted"))),
                Behaviour::HangBeforeSend | Behaviour::HangAfterSend => {
                    std::future::pending().await
                }
            }
        })
    }

    fn update<'a>(
        &'a self,
        posted: &'a Posted,
        view: &'a LiveView,
    ) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            assert!(
                view.reply.locale.is_some(),
                "the core hands out every live view with its language"
            );
            assert_in_its_language(&view.reply);
            self.updates
                .lock()
                .unwrap()
                .push((posted.clone(), view.clone()));
            self.arrived.notify_one();
            Ok(())
        })
    }
}

/// A scheduler for `chat`'s bot with default settings, on a clock the test moves and a
/// platform that records what it is handed.
pub fn scheduled(
    chat: &Chat,
) -> (
    std::sync::Arc<crate::time::clock::ManualClock>,
    std::sync::Arc<FakePlatform>,
    crate::scheduler::Scheduler,
) {
    let clock = std::sync::Arc::new(crate::time::clock::ManualClock::starting_at(chat.now_ms));
    let platform = std::sync::Arc::new(FakePlatform::default());
    let scheduler = crate::scheduler::Scheduler::new(
        chat.bot.clone(),
        platform.clone(),
        clock.clone(),
        crate::scheduler::SchedulerConfig::default(),
    );
    (clock, platform, scheduler)
}

/// The console user id of `name`.
pub fn user(name: &str) -> UserId {
    UserId::new(Platform::Console, name)
}

/// The server URL, or `None` after printing a visible skip notice (outside CI only).
pub fn postgres_server_url() -> Option<String> {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if std::env::var_os("CI").is_some() => {
            panic!("{POSTGRES_ENV} must be set in CI: PostgreSQL tests may not be skipped there")
        }
        _ => {
            static NOTICE: Once = Once::new();
            NOTICE.call_once(|| {
                // Written to the real stderr, not through the test harness's capture, so the
                // skip is visible in a normal `cargo test` run.
                let _ = writeln!(
                    std::io::stderr(),
                    "skipped: PostgreSQL repository tests (set {POSTGRES_ENV}=postgres://postgres@127.0.0.1:5432/test to run them)"
                );
            });
            None
        }
    }
}

/// Every test database holds this shared while it exists; a test that restarts the
/// PostgreSQL server takes it exclusively, so no other test of the process sees the
/// outage.
static SERVER_GATE: std::sync::LazyLock<std::sync::Arc<tokio::sync::RwLock<()>>> =
    std::sync::LazyLock::new(Default::default);

/// Holds the PostgreSQL server for a test that stops and starts it: waits for every other
/// test database of this process to be dropped, and keeps new ones from being made.
pub async fn exclusive_postgres_server() -> tokio::sync::OwnedRwLockWriteGuard<()> {
    SERVER_GATE.clone().write_owned().await
}

/// A database created for one test and dropped when this value is dropped.
pub struct FreshPostgres {
    pub url: String,
    server: String,
    name: String,
    /// Shared hold on the server (none for the test that holds it exclusively).
    _gate: Option<tokio::sync::OwnedRwLockReadGuard<()>>,
}

impl FreshPostgres {
    pub async fn create(server: &str) -> FreshPostgres {
        let gate = SERVER_GATE.clone().read_owned().await;
        let mut db = FreshPostgres::create_ungated(server).await;
        db._gate = Some(gate);
        db
    }

    /// For the test that holds [`exclusive_postgres_server`].
    pub async fn create_ungated(server: &str) -> FreshPostgres {
        sqlx::any::install_default_drivers();
        let name = format!("kumpul_test_{:016x}", fastrand::u64(..));
        let mut admin = sqlx::AnyConnection::connect(server)
            .await
            .unwrap_or_else(|e| panic!("connecting to PostgreSQL at {POSTGRES_ENV}: {e}"));
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .expect("creating a test database");
        admin.close().await.ok();
        FreshPostgres {
            url: with_database(server, &name),
            server: server.to_owned(),
            name,
            _gate: None,
        }
    }
}

impl Drop for FreshPostgres {
    fn drop(&mut self) {
        let server = self.server.clone();
        let statement = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        // Drop may run inside a runtime (or during a panic); a separate thread with its own
        // runtime can always block until the database is gone.
        let handle = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("building a cleanup runtime");
            runtime.block_on(async {
                if let Ok(mut admin) = sqlx::AnyConnection::connect(&server).await {
                    let _ = admin.execute(sqlx::AssertSqlSafe(statement)).await;
                    let _ = admin.close().await;
                }
            });
        });
        let _ = handle.join();
    }
}

/// Replaces the database name in a PostgreSQL URL, keeping any query parameters.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// Text people might type to ping everyone, ping a role, impersonate a mention, break
/// a message's formatting, or make it read as something else. Adapters' tests run it through every command that echoes text.
pub const HOSTILE: &[&str] = &[
    "@everyone hi",
    "@here hi",
    "<@&123456789012345678> role ping",
    "<@!123456789012345678> user ping",
    "<@123456789012345678>",
    "@\u{200b}everyone zero width",
    "＠everyone fullwidth",
    "@еveryone cyrillic e",
    "@room matrix room ping",
    "<b>bold</b> <a href=\"https://evil.example\">link</a>",
    "<img src=x onerror=alert(1)>",
    "[click](https://evil.example) **bold** ||spoiler|| `code`",
    "</code></strong><script>alert(1)</script>",
    // Invisible characters that reverse, reorder or hide text (see `crate::text`): the
    // right-to-left override would make a results line read backwards.
    "\u{202E}9 setov :otsaB reversed",
    "\u{2066}isolated\u{2069} \u{200F}rtl\u{200E} \u{061C}mark \u{202B}embedding\u{202C}",
    "zero\u{200B}width\u{FEFF} soft\u{00AD}hyphen \u{2060}joiner hidden\u{E0068}\u{E0069}",
    "bell\u{0007} escape\u{001B}[31m red\u{009B} c1",
];

/// Commands that echo what people type; `{}` is where the text goes.
pub const ECHOING: &[&str] = &[
    "group create walkers {}",
    "group ping walkers {}",
    "remind me in 1 hour {}",
    "poll create {} | yes | no",
    "poll create Which? | {} | other",
    "event create tomorrow 19:00 {}",
    "idea add {}",
    "thread start {}",
    "poll vote 1 block {}",
];

/// Every reply kumpul gives to every hostile text in every echoing command, from a fresh
/// space each time (after creating the group `walkers` with two members and a consent
/// poll, so pings and votes have something to work on).
pub async fn hostile_replies(store: Store) -> Vec<(String, Reply)> {
    let mut replies = Vec::new();
    for (i, text) in HOSTILE.iter().enumerate() {
        for command in ECHOING {
            let chat = Chat {
                space: SpaceId::new(
                    Platform::Console,
                    format!("hostile-{i}-{}", fastrand::u64(..)),
                ),
                ..Chat::new(store.clone())
            };
            chat.say("alice", "group create walkers").await;
            chat.say("bob", "group join walkers").await;
            chat.say("alice", "poll create Paint it green --kind consent")
                .await;
            let line = command.replace("{}", text);
            let reply = chat.say("bob", &line).await;
            replies.push((line, reply));
        }
    }
    replies
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced_and_parameters_kept() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/test?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "x"),
            "postgres://h:5432/x"
        );
    }
}
