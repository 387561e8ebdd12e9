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

/// Dependency targets kumpul quiets by default, each unless the configured filter names
/// it itself (`matrix_sdk::http_client=debug`); `RUST_LOG` is taken as it is.
/// - `matrix_sdk::http_client` logs every unsuccessful HTTP response at ERROR — also the
///   404s it expects and handles (account data not set yet), several per start-up. The
///   caller of each request gets the error and decides; kumpul logs its own failures with
///   context.
/// - `matrix_sdk_crypto::backups` warns after every sync that brought new room keys that
///   there is no key backup to put them in: kumpul keeps none on purpose (its direct
///   messages carry secret votes; see the README's privacy section).
const QUIET_TARGETS: &[(&str, &str)] = &[
    ("matrix_sdk::http_client", "off"),
    ("matrix_sdk_crypto::backups", "error"),
];

/// The configured filter with kumpul's defaults for noisy dependency targets added.
fn with_quiet_defaults(configured: &str) -> String {
    let mut filter = configured.trim().to_owned();
    for (target, level) in QUIET_TARGETS {
        if configured.contains(target) {
            continue;
        }
        if !filter.is_empty() {
            filter.push(',');
        }
        filter.push_str(&format!("{target}={level}"));
    }
    filter
}

pub fn init(settings: &LogSettings, mode: Mode) -> anyhow::Result<()> {
    let configured = match mode {
        Mode::Console => &settings.console_filter,
        Mode::Service => &settings.filter,
    };
    let filter = match std::env::var("RUST_LOG") {
        Ok(value) if !value.trim().is_empty() => EnvFilter::try_new(value)?,
        _ => EnvFilter::try_new(with_quiet_defaults(configured))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sdk_request_log_is_quiet_unless_the_filter_asks_for_it() {
        assert_eq!(
            with_quiet_defaults("info"),
            "info,matrix_sdk::http_client=off,matrix_sdk_crypto::backups=error"
        );
        assert_eq!(
            with_quiet_defaults("kumpul=debug,matrix_sdk::http_client=debug"),
            "kumpul=debug,matrix_sdk::http_client=debug,matrix_sdk_crypto::backups=error"
        );
        assert_eq!(
            with_quiet_defaults(""),
            "matrix_sdk::http_client=off,matrix_sdk_crypto::backups=error"
        );
        for filter in ["info", "warn", "", "kumpul=debug,sqlx=warn"] {
            EnvFilter::try_new(with_quiet_defaults(filter)).unwrap();
        }
    }
}
