//! Layered, typed configuration: built-in defaults → `--config` file → `KUMPUL_…` env vars.
//!
//! [`Settings`] mirrors `config/default.toml` key for key (unknown keys are errors, so a
//! typo is caught instead of silently ignored). [`Settings::validate`] turns it into the
//! values the rest of the program uses. Secrets are [`Secret`]s: neither `Debug` nor
//! serialisation (used by `kumpul config check`) ever prints them.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use kumpul_core::port::{
    CoreConfig, Limits, Locale, Location, SchedulerConfig, StoreOptions, Synchronous, Zone,
    redact_url,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize, Serializer};

/// The built-in defaults: the same file a reader finds in the repository.
pub const DEFAULTS: &str = include_str!("../config/default.toml");

/// The prefix of environment variables that override settings.
pub const ENV_PREFIX: &str = "KUMPUL_";

/// A secret value: a token or a password.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub struct Secret(SecretString);

impl Secret {
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    pub fn is_set(&self) -> bool {
        !self.expose().trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.is_set() {
            "<redacted>"
        } else {
            "<empty>"
        })
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(if self.is_set() { "<redacted>" } else { "" })
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub database: DatabaseSettings,
    pub defaults: DefaultsSettings,
    pub log: LogSettings,
    pub groups: GroupSettings,
    pub limits: LimitSettings,
    pub ideas: IdeaSettings,
    pub polls: PollSettings,
    pub threads: ThreadSettings,
    pub live: LiveSettings,
    pub scheduler: SchedulerSettings,
    pub console: ConsoleSettings,
    pub discord: DiscordSettings,
    pub matrix: MatrixSettings,
}

#[derive(Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// May be a PostgreSQL URL with a password, so it is printed redacted.
    #[serde(serialize_with = "serialize_database_url")]
    pub url: String,
    pub max_connections: u32,
    /// How SQLite makes commits durable: `full` or `normal` (see config/default.toml).
    pub synchronous: SynchronousSetting,
}

/// `database.synchronous`: SQLite's `PRAGMA synchronous`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SynchronousSetting {
    Full,
    Normal,
}

impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &redact_url(&self.url))
            .field("max_connections", &self.max_connections)
            .field("synchronous", &self.synchronous)
            .finish()
    }
}

fn serialize_database_url<S: Serializer>(url: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&redact_url(url))
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultsSettings {
    pub locale: String,
    pub timezone: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub filter: String,
    pub console_filter: String,
    pub format: LogFormat,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSettings {
    pub ping_cooldown_secs: u64,
}

/// `[limits]`: how much one person and one space may have pending.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    pub reminders_per_person: u32,
    pub reminders_per_space: u32,
    pub events_per_person: u32,
    pub events_per_space: u32,
    pub repeat_min_interval_secs: u64,
}

impl LimitSettings {
    fn validate(&self) -> anyhow::Result<Limits> {
        let counts = [
            self.reminders_per_person,
            self.reminders_per_space,
            self.events_per_person,
            self.events_per_space,
        ];
        if counts.contains(&0) {
            bail!(
                "limits.reminders_per_person, reminders_per_space, events_per_person and events_per_space must be at least 1"
            );
        }
        if self.reminders_per_person > self.reminders_per_space
            || self.events_per_person > self.events_per_space
        {
            bail!("a limits.*_per_person value must not be above its *_per_space value");
        }
        Ok(Limits {
            reminders_per_person: i64::from(self.reminders_per_person),
            reminders_per_space: i64::from(self.reminders_per_space),
            events_per_person: i64::from(self.events_per_person),
            events_per_space: i64::from(self.events_per_space),
            repeat_min_interval: Duration::from_secs(self.repeat_min_interval_secs),
        })
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IdeaSettings {
    pub keep_anonymous_authors: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PollSettings {
    /// The folder of the keys of open secret polls (never in the database).
    pub secret_keys_dir: std::path::PathBuf,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThreadSettings {
    pub archive_after_days: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LiveSettings {
    pub update_interval_ms: u64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerSettings {
    pub grace_secs: u64,
    pub late_after_secs: u64,
    pub lease_secs: u64,
    pub max_attempts: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleSettings {
    pub space: String,
    pub user: String,
    pub locale: String,
    pub exports_dir: std::path::PathBuf,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordSettings {
    pub token: Secret,
    pub dev_guild_ids: Vec<u64>,
    pub defer_after_ms: u64,
    pub api_proxy: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixSettings {
    pub homeserver: String,
    pub user: String,
    pub password: Secret,
    pub data_dir: std::path::PathBuf,
    pub prefix: String,
    pub moderator_level: i64,
    pub invite_allowlist: Vec<String>,
    pub share_space: bool,
    pub access_token: Secret,
    pub device_id: String,
    /// Encrypts matrix-sdk's store; empty: not encrypted (the folder is owner-only either way).
    pub store_passphrase: Secret,
}

impl Settings {
    /// Loads the layers. `config` is the `--config` file, which must exist when given.
    pub fn load(config: Option<&Path>) -> anyhow::Result<Settings> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        if let Some(path) = config {
            if !path.is_file() {
                bail!("the configuration file {} does not exist", path.display());
            }
            figment = figment.merge(Toml::file_exact(path));
        }
        figment = figment.merge(Env::prefixed(ENV_PREFIX).split("__"));
        figment
            .extract()
            .context("reading the configuration (defaults, --config file, KUMPUL_ variables)")
    }

    /// Checks every value and derives what the program needs.
    pub fn validate(&self) -> anyhow::Result<Validated> {
        let default_locale = Locale::parse(&self.defaults.locale)
            .filter(|l| l.code() == self.defaults.locale.trim().to_ascii_lowercase())
            .with_context(|| {
                format!(
                    "defaults.locale must be \"en\" or \"id\", not {:?}",
                    self.defaults.locale
                )
            })?;
        let default_timezone = Zone::parse(&self.defaults.timezone).map_err(|_| {
            anyhow::anyhow!(
                "defaults.timezone must be a time zone such as \"Asia/Jakarta\", \"WIB\" or \"UTC+7\", not {:?}",
                self.defaults.timezone
            )
        })?;
        let scheduler = &self.scheduler;
        if scheduler.lease_secs == 0 || scheduler.max_attempts == 0 {
            bail!("scheduler.lease_secs and scheduler.max_attempts must be at least 1");
        }
        if self.database.url.trim().is_empty() {
            bail!("database.url is empty: give a SQLite file path or a postgres:// URL");
        }
        let console_locale = match self.console.locale.trim() {
            "" => None,
            code => Some(Locale::parse(code).with_context(|| {
                format!("console.locale must be \"en\", \"id\" or empty, not {code:?}")
            })?),
        };
        if self.console.space.trim().is_empty() || self.console.user.trim().is_empty() {
            bail!("console.space and console.user must not be empty");
        }
        if self.discord.defer_after_ms > 2500 {
            bail!(
                "discord.defer_after_ms must be at most 2500: Discord drops interactions not answered within 3 s"
            );
        }
        if self.matrix.access_token.is_set() && self.matrix.device_id.trim().is_empty() {
            bail!("matrix.access_token needs matrix.device_id, the device the token belongs to");
        }
        if !(1..=365).contains(&self.threads.archive_after_days) {
            bail!("threads.archive_after_days must be between 1 and 365");
        }
        if self.live.update_interval_ms < 200 {
            bail!("live.update_interval_ms must be at least 200 (Discord limits message edits)");
        }
        if self.matrix.prefix.trim().is_empty() {
            bail!("matrix.prefix must not be empty (the default is \"!\")");
        }
        if self.matrix.homeserver.trim().is_empty() != self.matrix.user.trim().is_empty() {
            bail!("matrix.homeserver and matrix.user must be set together");
        }
        let limits = self.limits.validate()?;
        Ok(Validated {
            database: Location::parse(self.database.url.trim()),
            store: StoreOptions {
                max_connections: self.database.max_connections,
                synchronous: match self.database.synchronous {
                    SynchronousSetting::Full => Synchronous::Full,
                    SynchronousSetting::Normal => Synchronous::Normal,
                },
            },
            core: CoreConfig {
                default_locale,
                default_timezone,
                group_ping_cooldown: Duration::from_secs(self.groups.ping_cooldown_secs),
                keep_anonymous_authors: self.ideas.keep_anonymous_authors,
                secret_keys_dir: self.polls.secret_keys_dir.clone(),
                thread_archive_after: Duration::from_secs(self.threads.archive_after_days * 86_400),
                limits,
            },
            console_locale,
            live_interval: Duration::from_millis(self.live.update_interval_ms),
            scheduler: SchedulerConfig {
                grace: Duration::from_secs(scheduler.grace_secs),
                late_after: Duration::from_secs(scheduler.late_after_secs),
                lease: Duration::from_secs(scheduler.lease_secs),
                max_attempts: scheduler.max_attempts,
                ..SchedulerConfig::default()
            },
        })
    }

    /// The effective configuration as TOML, secrets redacted.
    pub fn to_redacted_toml(&self) -> anyhow::Result<String> {
        toml::to_string(self).context("printing the configuration")
    }
}

/// Values derived from [`Settings`] once they are known to be valid.
#[derive(Debug, Clone)]
pub struct Validated {
    pub database: Location,
    /// How to open the database.
    pub store: StoreOptions,
    pub core: CoreConfig,
    pub console_locale: Option<Locale>,
    /// Least time between two edits of one live message.
    pub live_interval: Duration,
    pub scheduler: SchedulerConfig,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_defaults_are_complete_and_valid() {
        let settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
        settings.validate().unwrap();
        assert!(!settings.discord.token.is_set());
    }

    #[test]
    fn secrets_are_redacted_in_debug_and_printed_config() {
        let mut settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
        settings.discord.token = Secret(SecretString::from("very-secret-token"));
        settings.matrix.store_passphrase = Secret(SecretString::from("very-secret-token"));
        settings.database.url = "postgres://kumpul:hunter2@db/kumpul".into();
        let debug = format!("{settings:?}");
        let printed = settings.to_redacted_toml().unwrap();
        for shown in [debug, printed] {
            assert!(!shown.contains("very-secret-token"), "{shown}");
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("<redacted>"), "{shown}");
        }
    }

    #[test]
    fn passwords_in_urls_are_hidden_and_other_urls_kept() {
        assert_eq!(
            redact_url("postgres://u:p@h:5432/db"),
            "postgres://u:<redacted>@h:5432/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("data/kumpul.db"), "data/kumpul.db");
    }

    #[test]
    fn every_form_of_database_password_is_redacted_in_debug_and_printed_config() {
        for url in [
            "postgres://kumpul:hunter2@db/kumpul",
            "POSTGRES://kumpul:hunter2@db/kumpul",
            "postgres://kumpul:hun@ter2@db/kumpul",
            "postgresql://db/kumpul?user=kumpul&password=hunter2",
            "postgres://kumpul:hun/ter2@db/kumpul",
        ] {
            let mut settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
            settings.database.url = url.into();
            let validated = settings.validate().unwrap();
            for shown in [
                format!("{settings:?}"),
                settings.to_redacted_toml().unwrap(),
                format!("{validated:?}"),
            ] {
                assert!(
                    !shown.contains("hunter2") && !shown.contains("ter2"),
                    "{url}: {shown}"
                );
            }
            assert!(
                matches!(validated.database, Location::Postgres(_)),
                "{url} is a PostgreSQL URL, not a SQLite path"
            );
        }
    }

    #[test]
    fn the_limits_are_read_from_the_configuration_and_a_zero_limit_is_refused() {
        let settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
        let limits = settings.validate().unwrap().core.limits;
        assert_eq!(limits, Limits::default(), "default.toml and the core agree");
        assert!(
            settings
                .to_redacted_toml()
                .unwrap()
                .contains("reminders_per_person = 50"),
            "config check shows the limits"
        );
        let zero: Settings = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string("[limits]\nevents_per_person = 0"))
            .extract()
            .unwrap();
        let error = zero.validate().unwrap_err().to_string();
        assert!(error.contains("events_per_person"), "{error}");
    }

    #[test]
    fn commits_are_durable_by_default_and_normal_can_be_chosen() {
        let settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
        assert_eq!(settings.database.synchronous, SynchronousSetting::Full);
        assert_eq!(
            settings.validate().unwrap().store.synchronous,
            Synchronous::Full
        );
        let normal: Settings = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string("[database]\nsynchronous = \"normal\""))
            .extract()
            .unwrap();
        assert_eq!(
            normal.validate().unwrap().store.synchronous,
            Synchronous::Normal
        );
        let wrong = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string("[database]\nsynchronous = \"off\""))
            .extract::<Settings>();
        assert!(wrong.is_err(), "only full and normal are accepted");
    }
}
