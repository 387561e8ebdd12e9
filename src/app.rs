//! Wiring: from validated settings to a running bot.

use anyhow::bail;
use kumpul_core::Bot;
use kumpul_core::store::Store;

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
    // The platform adapters are separate crates that this build does not include yet;
    // say so plainly rather than pretending to connect.
    let _bot = build_bot(validated, settings).await?;
    bail!(
        "{} is enabled in the configuration, but this build of kumpul does not include that \
         adapter yet. Use `kumpul console` for now.",
        enabled.join(" and ")
    )
}
