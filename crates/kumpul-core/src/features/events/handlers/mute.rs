//! `event mute` / `event unmute`: one person's reminder pings, for one event or all.

use super::find;
use crate::bot::{Ctx, acquire};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::events::EventRef;
use crate::features::events::repo;
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::reply::{Reply, Tone, Visibility};

pub(super) async fn mute(
    ctx: &Ctx<'_>,
    event: Option<EventRef>,
    all: bool,
    on: bool,
) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let (event_id, msg) = match (event, all) {
        (_, true) => (
            0,
            Msg::new("event-muted-all").select("on", if on { "yes" } else { "no" }),
        ),
        (Some(event), false) => {
            let event = find(ctx, &mut conn, event).await?;
            (
                event.id,
                Msg::new("event-muted")
                    .num("number", event.number)
                    .strong("title", &event.title)
                    .select("on", if on { "yes" } else { "no" }),
            )
        }
        (None, false) => {
            // The example is the command that was typed: `unmute` for unmuting.
            let path: &[&'static str] = if on {
                &["event", "mute"]
            } else {
                &["event", "unmute"]
            };
            return Err(Msg::new("event-mute-what")
                .typed("one", Typed::new(path).value(3))
                .typed("all", Typed::new(path).flag("all"))
                .into());
        }
    };
    let space = ctx.space_key();
    let me = ctx.actor_key();
    if on {
        settings_repo::ensure_space(&mut conn, &space, ctx.inv.now_ms)
            .await
            .internal("recording the space")?;
        repo::insert_mute(&mut conn, &space, event_id, &me)
            .await
            .internal("muting reminders")?;
    } else {
        repo::delete_mute(&mut conn, &space, event_id, &me)
            .await
            .internal("unmuting reminders")?;
    }
    Ok(ctx.say(Visibility::Private, Tone::Success, &msg))
}
