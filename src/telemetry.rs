//! Logging, set up in one place.
//!
//! Logs go to stderr (stdout belongs to the console's transcript). `RUST_LOG` overrides the
//! configured filter, which is how tests enable or silence logs. Message contents of
//! members are never logged at info or above; secrets are never logged at any level.

use tracing_subscriber::EnvFilter;

use crate::settings::{LogFormat, LogSettings};

/// Which configured filter applies.
#[derive(Debug, Clone, Copy)]
pub enum Mode {
    /// The interactive console: quiet by default.
    Console,
    /// Everything else.
    Service,
}

pub fn init(settings: &LogSettings, mode: Mode) -> anyhow::Result<()> {
    let configured = match mode {
        Mode::Console => &settings.console_filter,
        Mode::Service => &settings.filter,
    };
    let filter = match std::env::var("RUST_LOG") {
        Ok(value) if !value.trim().is_empty() => EnvFilter::try_new(value)?,
        _ => EnvFilter::try_new(configured)
            .map_err(|e| anyhow::anyhow!("log filter {configured:?} is not valid: {e}"))?,
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let result = match settings.format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    result.map_err(|e| anyhow::anyhow!("setting up logging: {e}"))
}
