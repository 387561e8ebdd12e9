//! Reading the options `event create` and `event edit` share: a time, a duration, a
//! place and an RSVP deadline, each with the user error that shows what to type.

use crate::bot::Ctx;
use crate::catalogue::Typed;
use crate::error::Result;
use crate::features::events::model;
use crate::i18n::Msg;
use crate::time::{Zone, duration};

pub(super) fn read_instant(ctx: &Ctx<'_>, zone: &Zone, text: &str) -> Result<i64> {
    ctx.read_instant(zone, text, "event-time-not-repeating")
}

pub(super) fn read_duration(text: &str) -> Result<i64> {
    duration::parse_minutes(text)
        .map(|m| m * 60_000)
        .ok_or_else(|| {
            Msg::new("event-duration-invalid")
                .strong("input", text)
                .typed("example", Typed::sample(Msg::new("sample-duration")))
                .into()
        })
}

/// `--where` text, or `None` for `none`/empty (clears the place).
pub(super) fn read_place(text: &str) -> Result<Option<String>> {
    if matches!(
        text.trim().to_lowercase().as_str(),
        "" | "none" | "-" | "tidak ada"
    ) {
        return Ok(None);
    }
    Ok(Some(model::place(text)?))
}

/// The RSVP deadline as "this long before each start".
pub(super) fn read_rsvp_by(ctx: &Ctx<'_>, zone: &Zone, text: &str, starts_at: i64) -> Result<i64> {
    let at = read_instant(ctx, zone, text)?;
    if at >= starts_at {
        return Err(Msg::new("event-rsvp-by-after-start")
            .strong("input", text)
            .into());
    }
    Ok(starts_at - at)
}
