//! Wiring: from validated settings to a running bot.

use std::sync::Arc;
use std::time::Duration;

use anyhow::bail;
use kumpul_core::Bot;
use kumpul_core::identity::Platform;
use kumpul_core::notify::Router;
use kumpul_core::scheduler::Scheduler;
use kumpul_core::store::Store;
use kumpul_core::time::clock::SystemClock;
use kumpul_discord::{Discord, DiscordSettings};
use kumpul_matrix::{Matrix, MatrixSettings};
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::settings::{Settings, Validated};

/// Opens the database (applying migrations) and builds the bot.
pub async fn build_bot(validated: &Validated, settings: &Settings) -> anyhow::Result<Bot> {
    let store = Store::open(&validated.database, settings.database.max_connections).await?;
    Bot::new(store, validated.core.clone())
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
pub async fn run(settings: &Settings, validated: &Validated) -> anyhow::Result<()> {
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
    let bot = build_bot(validated, settings).await?;
    let cancel = CancellationToken::new();
    let mut tasks = JoinSet::new();
    let mut router = Router::default();
    if settings.discord.token.is_set() {
        let discord = Discord::connect(
            bot.clone(),
            DiscordSettings {
                token: settings.discord.token.expose().to_owned(),
                api_proxy: Some(settings.discord.api_proxy.trim().to_owned())
                    .filter(|p| !p.is_empty()),
                dev_guild_ids: settings.discord.dev_guild_ids.clone(),
                defer_after: Duration::from_millis(settings.discord.defer_after_ms),
                registration_retry: kumpul_discord::REGISTRATION_RETRY,
            },
        )
        .await?;
        router = router.with(Platform::Discord, discord.notifier.clone());
        tasks.spawn(discord.run(cancel.clone()));
    }
    if !settings.matrix.homeserver.trim().is_empty() {
        let matrix = Matrix::connect(
            bot.clone(),
            MatrixSettings {
                homeserver: settings.matrix.homeserver.trim().to_owned(),
                user: settings.matrix.user.trim().to_owned(),
                password: Some(settings.matrix.password.expose().to_owned())
                    .filter(|p| !p.is_empty()),
                data_dir: settings.matrix.data_dir.clone(),
                prefix: settings.matrix.prefix.trim().to_owned(),
                moderator_level: settings.matrix.moderator_level,
                invite_allowlist: settings.matrix.invite_allowlist.clone(),
                share_space: settings.matrix.share_space,
                access_token: Some((
                    settings.matrix.access_token.expose().to_owned(),
                    settings.matrix.device_id.trim().to_owned(),
                ))
                .filter(|(token, _)| !token.is_empty()),
            },
        )
        .await?;
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
    tasks.spawn(kumpul_core::live::run(
        bot.clone(),
        router,
        validated.live_interval,
        cancel.clone(),
    ));
    tracing::info!(platforms = %enabled.join(", "), "kumpul is running");

    // Until a shutdown signal, or until a part stops on its own (which is an error).
    let outcome = tokio::select! {
        _ = shutdown_signal() => Ok(()),
        Some(ended) = tasks.join_next() => match ended {
            Ok(Ok(())) => Err(anyhow::anyhow!("a part of kumpul stopped unexpectedly")),
            Ok(Err(error)) => Err(error),
            Err(error) => Err(anyhow::anyhow!("a part of kumpul crashed: {error}")),
        },
    };
    cancel.cancel();
    let drained = tokio::time::timeout(Duration::from_secs(10), async {
        while tasks.join_next().await.is_some() {}
    });
    if drained.await.is_err() {
        tracing::warn!("some tasks did not stop within 10 s");
    }
    bot.store().close().await;
    outcome
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
