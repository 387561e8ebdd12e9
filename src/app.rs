//! Wiring: from validated settings to a running bot.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::bail;
use kumpul_core::port::{Bot, Location, Platform, Router, Scheduler, Store, SystemClock};
use kumpul_discord::{Discord, DiscordSettings};
use kumpul_matrix::{Matrix, MatrixSettings};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::settings::{Settings, Validated};

/// How often `kumpul run` checks that its SQLite file is still the one it opened.
const DATABASE_WATCH_INTERVAL: Duration = Duration::from_secs(2);

/// Opens the database (applying migrations) and builds the bot. `new_database` allows
/// starting on a new SQLite file where kumpul state of an earlier run exists.
pub async fn build_bot(
    validated: &Validated,
    settings: &Settings,
    new_database: bool,
) -> anyhow::Result<Bot> {
    let store = open_store(validated, settings, new_database, true).await?;
    let bot = Bot::new(store, validated.core.clone())?;
    bot.prepare_secret_keys().await?;
    Ok(bot)
}

/// Opens the database (applying migrations when `migrate`), refusing to create a new
/// SQLite file silently where one existed before (see [`check_not_replaced`]).
pub async fn open_store(
    validated: &Validated,
    settings: &Settings,
    new_database: bool,
    migrate: bool,
) -> anyhow::Result<Store> {
    if !new_database {
        check_not_replaced(&validated.database, settings)?;
    }
    if migrate {
        Store::open_with(&validated.database, &validated.store).await
    } else {
        Store::connect_with(&validated.database, &validated.store).await
    }
}

/// A SQLite database that does not exist is created — but not where kumpul has run
/// before: its log or index files, the Matrix session or exported files left next to it
/// mean the database was moved or deleted, and a new empty one would silently lose every
/// group, poll and reminder.
fn check_not_replaced(location: &Location, settings: &Settings) -> anyhow::Result<()> {
    let Location::SqliteFile(path) = location else {
        return Ok(());
    };
    if path.exists() {
        return Ok(());
    }
    let traces = earlier_state(path, settings);
    if traces.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = traces.iter().map(|p| p.display().to_string()).collect();
    bail!(
        "the database {} does not exist, but kumpul has run here before ({} still there): \
         the database was probably moved or deleted. Point database.url at it, or, to start \
         on a new empty database on purpose, run again with --new-database",
        path.display(),
        listed.join(", ")
    );
}

/// What an earlier run of kumpul leaves behind next to its database.
fn earlier_state(database: &Path, settings: &Settings) -> Vec<PathBuf> {
    let name = database
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let companions = ["-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| database.with_file_name(format!("{name}{suffix}")))
        .filter(|p| p.exists());
    let folders = [
        &settings.matrix.data_dir,
        &settings.console.exports_dir,
        &settings.polls.secret_keys_dir,
    ]
    .into_iter()
    .filter(|dir| std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()))
    .cloned();
    companions.chain(folders).collect()
}

/// The chat platforms the configuration enables.
fn enabled_platforms(settings: &Settings) -> Vec<&'static str> {
    let mut enabled = Vec::new();
    if settings.discord.token.is_set() {
        enabled.push("Discord");
    }
    if !settings.matrix.homeserver.trim().is_empty() {
        enabled.push("Matrix");
    }
    enabled
}

/// `kumpul run`: serve every enabled platform until shut down.
pub async fn run(
    settings: &Settings,
    validated: &Validated,
    new_database: bool,
) -> anyhow::Result<()> {
    let enabled = enabled_platforms(settings);
    if enabled.is_empty() {
        bail!(
            "no chat platform is enabled, so there is nothing to run.\n\
             Enable one in your configuration file (--config) or the environment:\n  \
             Discord: set discord.token (KUMPUL_DISCORD__TOKEN)\n  \
             Matrix:  set matrix.homeserver, matrix.user and matrix.password\n\
             To try kumpul without any platform, run `kumpul console`."
        );
    }
    let bot = build_bot(validated, settings, new_database).await?;
    let cancel = CancellationToken::new();
    let mut tasks = JoinSet::new();
    // A SQLite file removed or replaced under kumpul ends the run with an error.
    tasks.spawn({
        let store = bot.store().clone();
        let cancel = cancel.clone();
        async move { store.watch(DATABASE_WATCH_INTERVAL, cancel).await }
    });
    let mut router = Router::default();
    if settings.discord.token.is_set() {
        let discord = Discord::connect(bot.clone(), discord_settings(settings)).await?;
        router = router.with(Platform::Discord, discord.notifier.clone());
        tasks.spawn(discord.run(cancel.clone()));
    }
    if !settings.matrix.homeserver.trim().is_empty() {
        let matrix = Matrix::connect(bot.clone(), matrix_settings(settings)).await?;
        router = router.with(Platform::Matrix, matrix.notifier.clone());
        tasks.spawn(matrix.run(cancel.clone()));
    }
    let router = Arc::new(router);
    let scheduler = Scheduler::new(
        bot.clone(),
        router.clone(),
        Arc::new(SystemClock),
        validated.scheduler.clone(),
    );
    tasks.spawn(scheduler.run(cancel.clone()));
    tasks.spawn(kumpul_core::port::run_live(
        bot.clone(),
        router,
        validated.live_interval,
        cancel.clone(),
    ));
    tracing::info!(platforms = %enabled.join(", "), "kumpul is running");

    let outcome = serve(&mut tasks).await;
    cancel.cancel();
    drain(&mut tasks).await;
    bot.store().close().await;
    outcome
}

/// The Discord adapter's settings from the configuration.
fn discord_settings(settings: &Settings) -> DiscordSettings {
    DiscordSettings {
        token: settings.discord.token.expose().to_owned(),
        api_proxy: Some(settings.discord.api_proxy.trim().to_owned()).filter(|p| !p.is_empty()),
        dev_guild_ids: settings.discord.dev_guild_ids.clone(),
        defer_after: Duration::from_millis(settings.discord.defer_after_ms),
        registration_retry: kumpul_discord::REGISTRATION_RETRY,
    }
}

/// The Matrix adapter's settings from the configuration.
fn matrix_settings(settings: &Settings) -> MatrixSettings {
    MatrixSettings {
        homeserver: settings.matrix.homeserver.trim().to_owned(),
        user: settings.matrix.user.trim().to_owned(),
        password: Some(settings.matrix.password.expose().to_owned()).filter(|p| !p.is_empty()),
        data_dir: settings.matrix.data_dir.clone(),
        store_passphrase: Some(settings.matrix.store_passphrase.expose().to_owned())
            .filter(|p| !p.is_empty()),
        prefix: settings.matrix.prefix.trim().to_owned(),
        moderator_level: settings.matrix.moderator_level,
        invite_allowlist: settings.matrix.invite_allowlist.clone(),
        share_space: settings.matrix.share_space,
        access_token: Some((
            settings.matrix.access_token.expose().to_owned(),
            settings.matrix.device_id.trim().to_owned(),
        ))
        .filter(|(token, _)| !token.is_empty()),
    }
}

/// Until a shutdown signal, or until a part stops on its own (which is an error).
async fn serve(tasks: &mut JoinSet<anyhow::Result<()>>) -> anyhow::Result<()> {
    tokio::select! {
        _ = shutdown_signal() => Ok(()),
        Some(ended) = tasks.join_next() => match ended {
            Ok(Ok(())) => Err(anyhow::anyhow!("a part of kumpul stopped unexpectedly")),
            Ok(Err(error)) => Err(error),
            Err(error) => Err(anyhow::anyhow!("a part of kumpul crashed: {error}")),
        },
    }
}

/// Waits for the cancelled parts to stop, for at most 10 s.
async fn drain(tasks: &mut JoinSet<anyhow::Result<()>>) {
    let drained = tokio::time::timeout(Duration::from_secs(10), async {
        while tasks.join_next().await.is_some() {}
    });
    if drained.await.is_err() {
        tracing::warn!("some tasks did not stop within 10 s");
    }
}

/// Ctrl-C, or SIGTERM from a service manager.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(error) => {
                    tracing::warn!(%error, "cannot listen for SIGTERM");
                    let _ = tokio::signal::ctrl_c().await;
                    return;
                }
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
