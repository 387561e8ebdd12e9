//! A person's own time zone: `timezone set Asia/Jakarta`, `timezone show`.

use crate::bot::{Ctx, ZoneSource, acquire};
use crate::catalogue::Typed;
use crate::command::Call;
use crate::error::{Internal, Result};
use crate::features::settings::repo;
use crate::i18n::Msg;
use crate::reply::{Reply, Tone, Visibility};
use crate::time::{Zone, format};

#[derive(Debug, Clone, PartialEq)]
pub enum TimezoneCommand {
    Set(Zone),
    /// Forget the person's own zone and follow the space's again.
    Clear,
    Show,
}

impl TimezoneCommand {
    pub fn from_call(call: &Call) -> Result<TimezoneCommand, Msg> {
        match call.path[1] {
            "set" => {
                let zone = call.required_text("zone").map_err(|e| e.msg())?;
                Ok(TimezoneCommand::Set(Zone::parse(zone)?))
            }
            "clear" => Ok(TimezoneCommand::Clear),
            _ => Ok(TimezoneCommand::Show),
        }
    }
}

pub async fn execute(ctx: &Ctx<'_>, command: TimezoneCommand) -> Result<Reply> {
    let private = Visibility::Private;
    match command {
        TimezoneCommand::Set(zone) => {
            let mut conn = acquire(ctx.store()).await?;
            repo::upsert_user_timezone(
                &mut conn,
                &ctx.actor_key(),
                Some(zone.name()),
                ctx.inv.now_ms,
            )
            .await
            .internal("storing a person's time zone")?;
            ctx.bot.forget_own_zone(&ctx.actor_key());
            let msg = Msg::new("timezone-set")
                .strong("zone", zone.name())
                .text("now", now_in(ctx, &zone));
            Ok(ctx.say(private, Tone::Success, &msg))
        }
        TimezoneCommand::Clear => {
            let mut conn = acquire(ctx.store()).await?;
            repo::upsert_user_timezone(&mut conn, &ctx.actor_key(), None, ctx.inv.now_ms)
                .await
                .internal("clearing a person's time zone")?;
            drop(conn);
            ctx.bot.forget_own_zone(&ctx.actor_key());
            let (zone, _) = ctx.bot.zone_of_user(ctx.inv).await;
            let msg = Msg::new("timezone-cleared").strong("zone", zone.name());
            Ok(ctx.say(private, Tone::Success, &msg))
        }
        TimezoneCommand::Show => {
            let (zone, source) = ctx.bot.zone_of_user(ctx.inv).await;
            let source = match source {
                ZoneSource::Person => "person",
                ZoneSource::Space => "space",
                ZoneSource::Default => "default",
            };
            let msg = Msg::new("timezone-show")
                .strong("zone", zone.name())
                .select("source", source)
                .text("now", now_in(ctx, &zone))
                .typed(
                    "command",
                    Typed::new(&["timezone", "set"]).value("Asia/Jakarta"),
                );
            Ok(ctx.say(private, Tone::Info, &msg))
        }
    }
}

/// The current time in `zone`, as the actor reads it.
fn now_in(ctx: &Ctx<'_>, zone: &Zone) -> String {
    format::datetime(ctx.bot.i18n(), ctx.locale, ctx.inv.now_ms, zone)
}
