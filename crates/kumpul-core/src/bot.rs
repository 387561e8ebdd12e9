//! The platform-neutral bot: from an invocation and a command to a [`Reply`].
//!
//! Adapters call [`Bot::handle_text`] (console, Matrix), [`Bot::handle_call`] (Discord slash
//! commands) or [`Bot::handle_action`] (buttons). Each resolves the reader's language,
//! checks the catalogue's permission, runs the feature's handler, and turns errors into
//! replies: user errors localised, internal errors logged with a reference.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Notify;
use tracing::Instrument;

use crate::command::{self, Call};
use crate::error::{Error, Internal, Result};
use crate::features::settings::repo as settings_repo;
use crate::features::{events, groups, help, ideas, polls, reminders, settings, threads, timezone};
use crate::i18n::{I18n, Locale, Msg};
use crate::identity::{Invocation, Role, SpaceId};
use crate::reply::{ActionId, Line, Reply, Tone, Visibility};
use crate::store::Store;
use crate::time::Zone;
use crate::time::parse::{When, parse_when};

/// Deployment-wide settings the core needs.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// The language of spaces that have not chosen one.
    pub default_locale: Locale,
    /// The time zone of spaces that have not chosen one.
    pub default_timezone: Zone,
    /// How long a group must wait between two pings.
    pub group_ping_cooldown: Duration,
    /// Store the authors of anonymous ideas (never shown) for moderation.
    pub keep_anonymous_authors: bool,
    /// The folder of the keys of open secret polls (see `polls::secret`).
    pub secret_keys_dir: std::path::PathBuf,
    /// Threads with no message for this long are archived.
    pub thread_archive_after: Duration,
}

/// Everything handlers share. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Bot {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    i18n: I18n,
    config: CoreConfig,
    /// Rung when a handler schedules a job, so a sleeping scheduler looks again.
    scheduler_wakeup: Arc<Notify>,
    /// Space settings read in the last few seconds: every command needs the space's
    /// language, and votes arrive in bursts.
    space_cache: std::sync::Mutex<HashMap<String, (Instant, settings_repo::SpaceSettings)>>,
    /// Anchored messages waiting for a refresh.
    live: crate::live::Live,
    /// Channels recently seen not to be tracked threads (every message of a server asks).
    untracked_threads: crate::features::threads::Untracked,
    /// The keys of open secret polls.
    poll_keys: crate::features::polls::secret::KeyStore,
}

/// How long a cached space setting is trusted. Changes made through this process are
/// seen at once; another process (PostgreSQL deployments) sees them within this time.
const SPACE_CACHE_TTL: Duration = Duration::from_secs(10);
/// Spaces cached at most, so the cache cannot grow without bound.
const SPACE_CACHE_MAX: usize = 10_000;

/// Where a person's time zone comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneSource {
    Person,
    Space,
    Default,
}

/// A typed command of any feature.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help(help::HelpCommand),
    Group(groups::GroupCommand),
    Poll(polls::PollCommand),
    Event(events::EventCommand),
    Idea(ideas::IdeaCommand),
    Thread(threads::ThreadCommand),
    Remind(reminders::RemindCommand),
    Settings(settings::SettingsCommand),
    Timezone(timezone::TimezoneCommand),
    /// `bot leave`: kumpul leaves the space (moderators).
    Leave,
}

impl Command {
    fn from_call(call: &Call) -> Result<Command> {
        Ok(match call.path[0] {
            "help" => Command::Help(help::HelpCommand::from_call(call)),
            "group" => Command::Group(groups::GroupCommand::from_call(call)?),
            "poll" => Command::Poll(polls::PollCommand::from_call(call)?),
            "event" | "rsvp" => Command::Event(events::EventCommand::from_call(call)?),
            "idea" => Command::Idea(ideas::IdeaCommand::from_call(call)?),
            "thread" => Command::Thread(threads::ThreadCommand::from_call(call)?),
            "remind" => Command::Remind(reminders::RemindCommand::from_call(call)?),
            "settings" => Command::Settings(settings::SettingsCommand::from_call(call)?),
            "timezone" => Command::Timezone(timezone::TimezoneCommand::from_call(call)?),
            "bot" => Command::Leave,
            other => {
                return Err(anyhow::anyhow!(
                    "command {other} is in the catalogue but not dispatched"
                )
                .into());
            }
        })
    }
}

/// What a handler knows about the request it serves.
pub struct Ctx<'a> {
    pub bot: &'a Bot,
    pub inv: &'a Invocation,
    /// The language of replies only the actor sees.
    pub locale: Locale,
    /// The language of public replies: the space's.
    pub space_locale: Locale,
}

impl Ctx<'_> {
    /// The language for a reply of this visibility.
    pub fn locale_for(&self, visibility: Visibility) -> Locale {
        match visibility {
            Visibility::Private => self.locale,
            Visibility::Public => self.space_locale,
        }
    }

    /// A message in the language of a reply of this visibility.
    pub fn t(&self, visibility: Visibility, msg: &Msg) -> Line {
        self.bot.i18n().rich(self.locale_for(visibility), msg)
    }

    /// A plain label (field name, button) in the language of a reply of this visibility.
    pub fn label(&self, visibility: Visibility, id: &'static str) -> String {
        self.bot.i18n().label(self.locale_for(visibility), id)
    }

    /// A one-paragraph reply.
    pub fn say(&self, visibility: Visibility, tone: Tone, msg: &Msg) -> Reply {
        Reply::new(visibility, tone).paragraph(self.t(visibility, msg))
    }

    pub fn is_moderator(&self) -> bool {
        self.inv.actor.role >= Role::Moderator
    }

    pub fn store(&self) -> &Store {
        self.bot.store()
    }

    /// The space's key in the database.
    pub fn space_key(&self) -> String {
        self.inv.space.key()
    }

    /// The actor's key in the database.
    pub fn actor_key(&self) -> String {
        self.inv.actor.user.key()
    }

    /// The zone the actor types and reads times in.
    pub async fn zone(&self) -> Zone {
        self.bot.zone_of_user(self.inv).await.0
    }

    /// A time as the actor typed it, read in `zone` at the moment of the command; when it
    /// cannot be read, a user error that shows how it was read and what to type.
    pub fn read_when(&self, zone: &Zone, text: &str) -> Result<When> {
        let now = jiff::Timestamp::from_millisecond(self.inv.now_ms)
            .internal("reading the clock")?
            .to_zoned_datetime(zone.tz().clone());
        parse_when(text, &now).map_err(|error| {
            Error::User(crate::time::format::time_error(
                self.bot.i18n(),
                self.locale,
                zone,
                text,
                &error,
            ))
        })
    }

    /// A time that must be one instant; `repeating` is the message for a repetition.
    pub fn read_instant(&self, zone: &Zone, text: &str, repeating: &'static str) -> Result<i64> {
        match self.read_when(zone, text)? {
            When::Once(at) => Ok(at.timestamp().as_millisecond()),
            When::Repeat { .. } => Err(Msg::new(repeating).strong("input", text).into()),
        }
    }
}

/// What a message is rendered for when it is not an answer to one person: a language, a
/// zone and the moment (live cards, scheduled messages).
pub struct Reader<'a> {
    pub i18n: &'a I18n,
    pub locale: Locale,
    pub zone: &'a Zone,
    pub now_ms: i64,
}

impl Reader<'_> {
    /// A message as a line.
    pub fn t(&self, msg: &Msg) -> Line {
        self.i18n.rich(self.locale, msg)
    }

    /// A message as plain text.
    pub fn text(&self, msg: &Msg) -> String {
        self.i18n.text(self.locale, msg)
    }
}

impl Bot {
    pub fn new(store: Store, config: CoreConfig) -> anyhow::Result<Bot> {
        Ok(Bot {
            inner: Arc::new(Inner {
                store,
                i18n: I18n::load()?,
                scheduler_wakeup: Arc::new(Notify::new()),
                space_cache: std::sync::Mutex::new(HashMap::new()),
                live: crate::live::Live::default(),
                untracked_threads: Default::default(),
                poll_keys: crate::features::polls::secret::KeyStore::new(
                    config.secret_keys_dir.clone(),
                ),
                config,
            }),
        })
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn i18n(&self) -> &I18n {
        &self.inner.i18n
    }

    pub fn config(&self) -> &CoreConfig {
        &self.inner.config
    }

    /// The keys of open secret polls.
    pub fn poll_keys(&self) -> &crate::features::polls::secret::KeyStore {
        &self.inner.poll_keys
    }

    /// Wakes the scheduler: call after committing a new job.
    pub fn wake_scheduler(&self) {
        self.inner.scheduler_wakeup.notify_one();
    }

    /// What the scheduler waits on between jobs.
    pub fn scheduler_wakeup(&self) -> Arc<Notify> {
        self.inner.scheduler_wakeup.clone()
    }

    /// Channels recently seen not to be threads kumpul tracks.
    pub(crate) fn untracked_threads(&self) -> &crate::features::threads::Untracked {
        &self.inner.untracked_threads
    }

    /// Anchored messages waiting for a refresh (see [`crate::live`]).
    pub fn live(&self) -> &crate::live::Live {
        &self.inner.live
    }

    /// Forgets cached settings of a space: call after changing them.
    pub fn forget_space(&self, space: &SpaceId) {
        if let Ok(mut cache) = self.inner.space_cache.lock() {
            cache.remove(&space.key());
        }
    }

    async fn space_settings(&self, space: &SpaceId) -> settings_repo::SpaceSettings {
        let key = space.key();
        if let Ok(cache) = self.inner.space_cache.lock()
            && let Some((at, settings)) = cache.get(&key)
            && at.elapsed() < SPACE_CACHE_TTL
        {
            return settings.clone();
        }
        let settings = self.read_space_settings(space).await;
        if let Ok(mut cache) = self.inner.space_cache.lock() {
            if cache.len() >= SPACE_CACHE_MAX {
                cache.clear();
            }
            cache.insert(key, (Instant::now(), settings.clone()));
        }
        settings
    }

    async fn read_space_settings(&self, space: &SpaceId) -> settings_repo::SpaceSettings {
        let settings = async {
            let mut conn = self.store().pool().acquire().await?;
            settings_repo::fetch_space_settings(&mut conn, &space.key()).await
        };
        settings.await.unwrap_or_else(|error| {
            // Answering in the default language and zone beats not answering.
            tracing::warn!(%error, "could not read the space's settings");
            settings_repo::SpaceSettings::default()
        })
    }

    /// Minutes before an event at which new events of the space remind people going:
    /// the space's choice (`settings reminders`), or a day and an hour.
    pub async fn event_reminders_of(&self, space: &SpaceId) -> Vec<i64> {
        match self.space_settings(space).await.event_reminders {
            Some(stored) => crate::features::events::model::stored_reminders(&stored),
            None => crate::features::events::model::DEFAULT_REMINDERS.to_vec(),
        }
    }

    /// The space's language, or the deployment default.
    pub async fn locale_of_space(&self, space: &SpaceId) -> Locale {
        self.space_settings(space)
            .await
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or(self.config().default_locale)
    }

    /// The space's language, or the deployment default.
    pub async fn space_locale(&self, inv: &Invocation) -> Locale {
        self.locale_of_space(&inv.space).await
    }

    /// The role whose members moderate the space, if one was chosen.
    pub async fn moderator_role(&self, space: &SpaceId) -> Option<crate::identity::RoleId> {
        let key = self.space_settings(space).await.moderator_role?;
        crate::identity::RoleId::from_key(&key)
    }

    /// The space's time zone, or the deployment default.
    pub async fn zone_of_space(&self, space: &SpaceId) -> Zone {
        self.space_settings(space)
            .await
            .timezone
            .as_deref()
            .and_then(|name| Zone::parse(name).ok())
            .unwrap_or_else(|| self.config().default_timezone.clone())
    }

    /// The zone a person reads and types times in: their own, else the space's, else the
    /// deployment default; with where it came from.
    pub async fn zone_of_user(&self, inv: &Invocation) -> (Zone, ZoneSource) {
        let own = async {
            let mut conn = self.store().pool().acquire().await?;
            settings_repo::fetch_user_timezone(&mut conn, &inv.actor.user.key()).await
        };
        match own.await {
            Ok(Some(name)) => {
                if let Ok(zone) = Zone::parse(&name) {
                    return (zone, ZoneSource::Person);
                }
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "could not read a person's time zone"),
        }
        let space = self.space_settings(&inv.space).await;
        match space
            .timezone
            .as_deref()
            .and_then(|name| Zone::parse(name).ok())
        {
            Some(zone) => (zone, ZoneSource::Space),
            None => (self.config().default_timezone.clone(), ZoneSource::Default),
        }
    }

    /// Runs a line of text typed by a person (without a platform prefix such as `!`).
    pub async fn handle_text(&self, inv: &Invocation, text: &str) -> Reply {
        match command::parse(text) {
            Ok(call) => self.handle_call(inv, &call).await,
            Err(error) => {
                let ctx = self.ctx(inv).await;
                ctx.say(Visibility::Private, Tone::Error, &error.msg())
            }
        }
    }

    /// A user error as a reply (for adapters that validate before calling the core).
    pub async fn user_error(&self, inv: &Invocation, msg: &Msg) -> Reply {
        self.ctx(inv)
            .await
            .say(Visibility::Private, Tone::Error, msg)
    }

    /// Runs a parsed call.
    pub async fn handle_call(&self, inv: &Invocation, call: &Call) -> Reply {
        let span = tracing::info_span!(
            "command",
            platform = inv.space.platform.key(),
            space = %inv.space.id,
            command = %call.name()
        );
        async {
            let ctx = self.ctx(inv).await;
            let result = match check_permission(inv, call.spec.permission) {
                Ok(()) => match Command::from_call(call) {
                    Ok(command) => self.execute(&ctx, command).await,
                    Err(error) => Err(error),
                },
                Err(error) => Err(error),
            };
            self.finish(&ctx, result)
        }
        .instrument(span)
        .await
    }

    /// Runs a button click. Clicks on buttons of removed features or other bots get a
    /// polite "this button no longer works".
    pub async fn handle_action(&self, inv: &Invocation, action: &ActionId) -> Reply {
        self.handle_input(inv, action, &[]).await
    }

    /// Runs an action with the values a person chose or typed: a menu's picks, a form's
    /// text. A button click is an action without values.
    pub async fn handle_input(
        &self,
        inv: &Invocation,
        action: &ActionId,
        values: &[String],
    ) -> Reply {
        let span = tracing::info_span!(
            "action",
            platform = inv.space.platform.key(),
            space = %inv.space.id,
            // Not the argument: a vote button's says which option was chosen.
            action = %format!("{}:{}", action.feature, action.action)
        );
        async {
            let ctx = self.ctx(inv).await;
            let command = match action.feature.as_str() {
                "group" => groups::GroupCommand::from_action(action).map(Command::Group),
                "remind" => reminders::RemindCommand::from_action(action).map(Command::Remind),
                "poll" => polls::PollCommand::from_action(action, values).map(Command::Poll),
                "event" => events::EventCommand::from_action(action).map(Command::Event),
                "idea" => ideas::IdeaCommand::from_action(action).map(Command::Idea),
                _ => None,
            };
            let result = match command {
                Some(command) => self.execute(&ctx, command).await,
                None => Err(Msg::new("error-stale-action").into()),
            };
            self.finish(&ctx, result)
        }
        .instrument(span)
        .await
    }

    async fn ctx<'a>(&'a self, inv: &'a Invocation) -> Ctx<'a> {
        let chosen = self
            .space_settings(&inv.space)
            .await
            .locale
            .as_deref()
            .and_then(Locale::parse);
        let space_locale = chosen
            .or(inv.space_locale)
            .unwrap_or(self.config().default_locale);
        Ctx {
            bot: self,
            inv,
            locale: inv.actor.locale.unwrap_or(space_locale),
            space_locale,
        }
    }

    async fn execute(&self, ctx: &Ctx<'_>, command: Command) -> Result<Reply> {
        // The span names the command; its arguments are never logged (a vote's choice,
        // an anonymous idea's text, a private request).
        tracing::debug!("executing");
        match command {
            Command::Help(c) => help::execute(ctx, &c),
            Command::Group(c) => groups::execute(ctx, c).await,
            Command::Poll(c) => polls::execute(ctx, c).await,
            Command::Event(c) => events::execute(ctx, c).await,
            Command::Idea(c) => ideas::execute(ctx, c).await,
            Command::Thread(c) => threads::execute(ctx, c).await,
            Command::Remind(c) => reminders::execute(ctx, c).await,
            Command::Settings(c) => settings::execute(ctx, c).await,
            Command::Timezone(c) => timezone::execute(ctx, c).await,
            Command::Leave => {
                let msg = Msg::new("bot-leaving").strong("actor", &ctx.inv.actor.display_name);
                let mut reply = ctx.say(Visibility::Public, Tone::Info, &msg);
                reply.effects.push(crate::reply::Effect::LeaveSpace);
                Ok(reply)
            }
        }
    }

    fn finish(&self, ctx: &Ctx<'_>, result: Result<Reply>) -> Reply {
        match result {
            Ok(reply) => reply,
            Err(Error::User(msg)) => ctx.say(Visibility::Private, Tone::Error, &msg),
            Err(Error::Internal(error)) => {
                let reference = format!("{:08x}", fastrand::u32(..));
                tracing::error!(reference, error = format!("{error:#}"), "command failed");
                ctx.say(
                    Visibility::Private,
                    Tone::Error,
                    &Msg::new(self.internal_message(&error)).text("reference", reference),
                )
            }
        }
    }

    /// The message for an internal error: a storage fault is not a bug to retry, so it
    /// says what it is (and the store replaces connections that lived through it).
    fn internal_message(&self, error: &anyhow::Error) -> &'static str {
        let fault = crate::store::classify_chain(error);
        if let Some(fault) = fault {
            self.store().note_fault(fault);
        }
        let database = error
            .chain()
            .any(|cause| cause.downcast_ref::<sqlx::Error>().is_some());
        if database && self.store().gone().is_some() {
            return "error-storage-gone";
        }
        match fault {
            Some(fault) if fault.nothing_changed() => "error-storage",
            Some(_) => "error-storage-unavailable",
            None => "error-internal",
        }
    }
}

fn check_permission(inv: &Invocation, needed: Role) -> Result<()> {
    if inv.actor.role >= needed {
        return Ok(());
    }
    let role = match needed {
        Role::Admin => "admin",
        _ => "moderator",
    };
    Err(Msg::new("error-permission").select("role", role).into())
}

/// Starts a transaction, mapping the failure to an internal error.
pub async fn begin(store: &Store) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
    store
        .pool()
        .begin()
        .await
        .internal("starting a transaction")
}

/// Acquires a pooled connection, mapping the failure to an internal error.
pub async fn acquire(store: &Store) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
    store
        .pool()
        .acquire()
        .await
        .internal("acquiring a database connection")
}
