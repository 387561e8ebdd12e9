//! Places off the waitlist: who moves up when places free (an answer changes, the
//! capacity grows), stored with a ping to each. Shared by `rsvp` and `event edit`.

use sqlx::AnyConnection;

use crate::features::events::card;
use crate::features::events::jobs;
use crate::features::events::model::Standing;
use crate::features::events::repo::{self, Event, Rsvp};

/// Fills places from the waitlist, first in line first, while they fit. Returns who got
/// a place.
pub(super) fn promote(rsvps: &mut [Rsvp], capacity: Option<i64>) -> Vec<String> {
    let Some(capacity) = capacity else {
        // No limit (any more): everyone waiting goes.
        let mut promoted = Vec::new();
        for r in rsvps.iter_mut().filter(|r| r.answer == Standing::Waitlist) {
            r.answer = Standing::Going;
            promoted.push(r.user_id.clone());
        }
        return promoted;
    };
    let mut promoted = Vec::new();
    loop {
        let taken = card::taken(rsvps);
        let first = rsvps
            .iter_mut()
            .filter(|r| r.answer == Standing::Waitlist)
            .min_by_key(|r| (r.queued_at, r.user_id.clone()));
        match first {
            Some(r) if taken + 1 + r.guests <= capacity => {
                r.answer = Standing::Going;
                promoted.push(r.user_id.clone());
            }
            _ => return promoted,
        }
    }
}

/// Writes the promoted answers and schedules their pings.
pub(super) async fn store_promoted(
    conn: &mut AnyConnection,
    event: &Event,
    occurrence: i64,
    rsvps: &[Rsvp],
    promoted: &[String],
    now: i64,
) -> anyhow::Result<()> {
    for user in promoted {
        if let Some(rsvp) = rsvps.iter().find(|r| &r.user_id == user) {
            repo::upsert_rsvp(conn, event.id, occurrence, rsvp, now).await?;
            jobs::schedule_promoted(conn, event, occurrence, user, now).await?;
        }
    }
    Ok(())
}
