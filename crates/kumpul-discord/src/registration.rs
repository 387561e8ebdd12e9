//! Registering the slash commands, loudly and until it works.
//!
//! Registration is one bulk request, so one field Discord dislikes rejects every command
//! and kumpul would look healthy with no command to run. A failure is therefore logged at
//! ERROR with Discord's own field errors, retried with doubling back-off, and kept in a
//! [`RegistrationState`] that operators (and the health endpoint) can read.

use std::sync::Arc;
use std::time::Duration;

use kumpul_core::port::{Clock, SystemClock};
use serenity::all::{Command, CreateCommand, GuildId};
use serenity::http::Http;
use tokio::sync::watch;

/// The longest wait between two attempts.
const MAX_DELAY: Duration = Duration::from_secs(15 * 60);

/// Where the command registration stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registration {
    /// Not tried yet (no gateway session so far).
    Pending,
    /// Discord accepted every command.
    Registered { commands: usize, at_ms: i64 },
    /// The last attempt failed; another follows after `retry_in`.
    Failed {
        attempts: u32,
        error: String,
        retry_in: Duration,
    },
}

/// The shared, observable registration state.
#[derive(Debug, Clone)]
pub struct RegistrationState(Arc<watch::Sender<Registration>>);

impl Default for RegistrationState {
    fn default() -> Self {
        RegistrationState(Arc::new(watch::channel(Registration::Pending).0))
    }
}

impl RegistrationState {
    /// The state now.
    pub fn get(&self) -> Registration {
        self.0.borrow().clone()
    }

    /// Follows changes (tests wait on it; a health endpoint may too).
    pub fn subscribe(&self) -> watch::Receiver<Registration> {
        self.0.subscribe()
    }

    fn set(&self, state: Registration) {
        self.0.send_replace(state);
    }
}

/// Discord's answer, with every field error it listed (`0.options.2.max_value: …`).
pub fn describe_error(error: &serenity::Error) -> String {
    match error {
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response)) => {
            let mut text = format!(
                "HTTP {} code {}: {}",
                response.status_code.as_u16(),
                response.error.code,
                response.error.message
            );
            for field in &response.error.errors {
                text.push_str(&format!(
                    "; {}: {} ({})",
                    field.path, field.message, field.code
                ));
            }
            text
        }
        other => other.to_string(),
    }
}

/// Registers `commands` (in `guilds` only, or globally when empty), retrying with
/// doubling back-off from `first_delay` until Discord accepts them.
pub async fn register(
    http: Arc<Http>,
    commands: Vec<CreateCommand>,
    guilds: Vec<u64>,
    state: RegistrationState,
    first_delay: Duration,
) {
    let mut delay = first_delay;
    let mut attempts = 0;
    loop {
        attempts += 1;
        match register_once(&http, &commands, &guilds).await {
            Ok(count) => {
                tracing::info!(count, attempts, "slash commands registered");
                state.set(Registration::Registered {
                    commands: count,
                    at_ms: SystemClock.now_ms(),
                });
                return;
            }
            Err(error) => {
                let error = describe_error(&error);
                tracing::error!(
                    %error,
                    attempts,
                    retry_in_secs = delay.as_secs_f64(),
                    "Discord refused the slash command registration: no command can be used until it succeeds"
                );
                state.set(Registration::Failed {
                    attempts,
                    error,
                    retry_in: delay,
                });
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(MAX_DELAY);
            }
        }
    }
}

async fn register_once(
    http: &Http,
    commands: &[CreateCommand],
    guilds: &[u64],
) -> serenity::Result<usize> {
    if guilds.is_empty() {
        return Command::set_global_commands(http, commands.to_vec())
            .await
            .map(|c| c.len());
    }
    let mut registered = 0;
    for guild in guilds {
        registered += GuildId::new(*guild)
            .set_commands(http, commands.to_vec())
            .await?
            .len();
    }
    Ok(registered)
}
