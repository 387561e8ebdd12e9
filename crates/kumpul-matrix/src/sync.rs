//! kumpul's own sync loop. matrix-sdk's `Client::sync` sleeps a second whenever the last
//! sync returned within one, to spare servers that ignore the long-poll timeout; but the
//! echo of kumpul's own reply always makes a sync return at once, so every command that
//! follows another within a second waited a second more for nothing. This loop starts the
//! next long poll as soon as the last one brought something, and pauses only after one
//! that brought nothing and came back well before its timeout (that server is not
//! waiting: asking again at once would hammer it).
//!
//! A sync that fails is tried again, after 1, 2, 4 … up to 10 s: a homeserver that restarts
//! or a network that drops for a minute is waited out, not the end of kumpul. Only a
//! token the homeserver no longer accepts (a soft logout too), a deactivated or locked
//! account, or a failure of kumpul's own stores ends the loop, and kumpul with it: no
//! retry can mend those.

use std::time::Duration;

use matrix_sdk::Client;
use matrix_sdk::config::SyncSettings;
use matrix_sdk::ruma::UInt;
use matrix_sdk::ruma::api::client::filter::FilterDefinition;
use matrix_sdk::ruma::api::client::sync::sync_events::v3::Filter;
use matrix_sdk::ruma::api::error::ErrorKind;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

/// How long the homeserver may hold a sync open when nothing happens.
pub const LONG_POLL: Duration = Duration::from_secs(30);

/// The most events of one room a sync may bring. Synapse brings 10 unless told, and a
/// sync that has more to bring skips the older ones ("limited"): a burst of commands
/// typed while kumpul answered the last would be lost. 100 is the most Synapse gives
/// by default (`filter_timeline_limit`).
pub const TIMELINE_LIMIT: u32 = 100;

/// The filter of every sync: up to [`TIMELINE_LIMIT`] events per room.
fn filter() -> Filter {
    let mut definition = FilterDefinition::empty();
    definition.room.timeline.limit = Some(UInt::from(TIMELINE_LIMIT));
    Filter::FilterDefinition(definition)
}

/// The pause after a sync that brought nothing and returned early.
const IDLE_PAUSE: Duration = Duration::from_secs(1);

/// The longest wait between two failed syncs.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// What to do after one sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Sync again at once.
    Now,
    /// Wait this long first.
    After(Duration),
}

/// After a successful sync: at once, unless it brought nothing (the token did not move)
/// and came back in less than half the long poll.
fn after_success(moved: bool, took: Duration, long_poll: Duration) -> Next {
    if moved || took >= long_poll / 2 {
        Next::Now
    } else {
        Next::After(IDLE_PAUSE)
    }
}

/// After the `failures`-th failed sync in a row (1, 2, …): 1 s, 2 s, 4 s … at most 10 s.
fn after_failure(failures: u32) -> Next {
    let seconds = 1u64 << failures.saturating_sub(1).min(5);
    Next::After(Duration::from_secs(seconds).min(MAX_BACKOFF))
}

/// Whether no later sync can succeed: the session is gone for good, or the failure is
/// kumpul's own (its state or crypto store: a full disk, a corrupt file), which waiting
/// will not mend — kumpul stops with it rather than look alive while reading nothing.
fn is_fatal(error: &matrix_sdk::Error) -> bool {
    if !matches!(error, matrix_sdk::Error::Http(_)) {
        return true;
    }
    matches!(
        error.client_api_error_kind(),
        Some(ErrorKind::UnknownToken(_) | ErrorKind::UserDeactivated | ErrorKind::UserLocked)
    )
}

/// Syncs `client` until `cancel` fires; event handlers run as each sync is processed.
/// Returns an error only for what no retry mends ([`is_fatal`]).
pub async fn run(client: &Client, cancel: &CancellationToken) -> anyhow::Result<()> {
    // The first sync goes on from the position in the store (`SyncSettings`' default).
    let mut token: Option<String> = None;
    let mut failures = 0u32;
    loop {
        let mut settings = SyncSettings::default().timeout(LONG_POLL).filter(filter());
        if let Some(token) = &token {
            settings = settings.token(token.clone());
        }
        let started = Instant::now();
        let next = tokio::select! {
            () = cancel.cancelled() => return Ok(()),
            result = client.sync_once(settings) => match result {
                Ok(response) => {
                    failures = 0;
                    warn_of_skipped(&response);
                    let moved = token.as_deref() != Some(response.next_batch.as_str());
                    token = Some(response.next_batch);
                    after_success(moved, started.elapsed(), LONG_POLL)
                }
                Err(error) if is_fatal(&error) => {
                    return Err(anyhow::Error::new(error).context(
                        "Matrix sync failed for good (the session ended, or kumpul's Matrix store failed)",
                    ));
                }
                Err(error) => {
                    failures += 1;
                    let next = after_failure(failures);
                    tracing::warn!(%error, failures, ?next, "a Matrix sync failed; trying again");
                    next
                }
            },
        };
        if let Next::After(pause) = next {
            tokio::select! {
                () = cancel.cancelled() => return Ok(()),
                () = tokio::time::sleep(pause) => {}
            }
        }
    }
}

/// Says so when a room brought more than [`TIMELINE_LIMIT`] events since the last sync:
/// the homeserver skipped the oldest, and commands among them go unanswered.
fn warn_of_skipped(response: &matrix_sdk::sync::SyncResponse) {
    for (room, update) in &response.rooms.joined {
        if update.timeline.limited {
            tracing::warn!(
                %room,
                limit = TIMELINE_LIMIT,
                "more messages came in a room than one sync brings; the oldest were skipped"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sync_that_brought_something_is_followed_at_once() {
        let quick = Duration::from_millis(40);
        assert_eq!(after_success(true, quick, LONG_POLL), Next::Now);
        // A long poll that ran its course: the server waited, so ask again.
        assert_eq!(after_success(false, LONG_POLL, LONG_POLL), Next::Now);
    }

    #[test]
    fn an_empty_sync_that_came_back_early_pauses() {
        let quick = Duration::from_millis(40);
        assert_eq!(
            after_success(false, quick, LONG_POLL),
            Next::After(IDLE_PAUSE)
        );
    }

    #[test]
    fn failures_back_off_up_to_ten_seconds() {
        let waits: Vec<Next> = (1..=8).map(after_failure).collect();
        let seconds: Vec<u64> = waits
            .iter()
            .map(|w| match w {
                Next::After(d) => d.as_secs(),
                Next::Now => 0,
            })
            .collect();
        assert_eq!(seconds, [1, 2, 4, 8, 10, 10, 10, 10]);
    }
}
