//! One ping budget per group, shared by every path that pings the group's members:
//! `group ping`, a `remind group` reminder when it fires, `event create --group`,
//! `thread start --ping` and `poll nudge` of a group's poll. Each claims the group's
//! cooldown with one conditional update ([`repo::claim_ping`]), so two paths at the same
//! moment cannot both ping.
//!
//! What a path does when the budget is spent: `group ping` and `poll nudge` refuse with
//! the time to wait (a ping is all they do); every other path still does its job — the
//! event is planned, the thread opened, the reminder posted — without pinging, and says
//! so ([`skipped_note`]). Event reminders are not counted: they go only to the people who
//! answered the event.

use std::time::Duration;

use sqlx::AnyConnection;

use super::repo;
use crate::i18n::Msg;

/// The outcome of asking for a group's ping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Ping: the claim is recorded.
    Granted,
    /// The group was pinged within the cooldown; it can be pinged again in this many
    /// minutes (at least 1).
    Spent { minutes: i64 },
}

fn millis(cooldown: Duration) -> i64 {
    i64::try_from(cooldown.as_millis()).unwrap_or(i64::MAX)
}

/// Claims the ping of `group_id` at `now` (see [`repo::claim_ping`] for `key`).
pub async fn claim(
    conn: &mut AnyConnection,
    cooldown: Duration,
    group_id: i64,
    now: i64,
    key: Option<&str>,
) -> Result<Claim, sqlx::Error> {
    let cooldown_ms = millis(cooldown);
    if repo::claim_ping(conn, group_id, now, now.saturating_sub(cooldown_ms), key).await? {
        return Ok(Claim::Granted);
    }
    let last = repo::fetch_last_ping(conn, group_id).await?.unwrap_or(now);
    let wait_ms = last.saturating_add(cooldown_ms).saturating_sub(now).max(1);
    Ok(Claim::Spent {
        minutes: (wait_ms.saturating_add(59_999) / 60_000).max(1),
    })
}

/// "Members of hiking were not pinged: …", for a message that went out without its ping.
pub fn skipped_note(name: &str, cooldown: Duration, minutes: i64) -> Msg {
    let cooldown_minutes = (millis(cooldown).saturating_add(59_999) / 60_000).max(1);
    Msg::new("group-ping-skipped")
        .strong("name", name)
        .num("cooldown", cooldown_minutes)
        .num("minutes", minutes)
}
