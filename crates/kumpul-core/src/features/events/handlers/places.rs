//! Fewer places than people going: `event edit --capacity` refuses to go below the places
//! already taken (guests counted) on any date ahead, checked under the event's lock so no
//! answer can slip in between. Nobody loses a confirmed place to an edit; the organiser is
//! told how many are going and what to type instead.

use sqlx::AnyConnection;

use super::ahead;
use crate::bot::Ctx;
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::events::card;
use crate::features::events::repo::{self, Event, Exception};
use crate::i18n::Msg;

/// Refuses a capacity of `after` (as edited) below the places taken on a date ahead of
/// `before` (with its `exceptions`, where the answers still are).
pub(super) async fn ensure_fit(
    ctx: &Ctx<'_>,
    conn: &mut AnyConnection,
    before: &Event,
    exceptions: &[Exception],
    after: &Event,
) -> Result<()> {
    let Some(capacity) = after.capacity else {
        return Ok(());
    };
    if before.capacity.is_some_and(|c| c <= capacity) {
        return Ok(());
    }
    let mut taken = 0;
    for occurrence in ahead(ctx, before, exceptions) {
        let rsvps = repo::list_rsvps(conn, before.id, occurrence)
            .await
            .internal("reading answers")?;
        taken = taken.max(card::taken(&rsvps));
    }
    if taken <= capacity {
        return Ok(());
    }
    let edit = Typed::new(&["event", "edit"]).value(after.number);
    Err(Msg::new("event-capacity-below-going")
        .num("number", after.number)
        .num("going", taken)
        .num("capacity", capacity)
        .typed("enough", edit.clone().named("capacity", taken))
        .typed(
            "none",
            edit.named_example("capacity", Msg::new("sample-capacity-none")),
        )
        .into())
}
