//! Space settings: the space's language (and, later, its time zone).

pub use crate::space::repo;

use crate::bot::{Ctx, acquire};
use crate::catalogue::Typed;
use crate::command::Call;
use crate::error::{Internal, Result};
use crate::i18n::{Locale, Msg};
use crate::identity::RoleId;
use crate::reply::{Reply, Tone, Visibility};
use crate::space::repo::SpaceSetting;
use crate::time::Zone;

#[derive(Debug, Clone, PartialEq)]
pub enum SettingsCommand {
    Show,
    Language(Locale),
    Timezone(Zone),
    /// `Some(role)`: members of this role moderate the space; `None`: only the platform's
    /// own moderator permission counts.
    ModeratorRole(Option<RoleId>),
    /// A moderator role given as something that is not a role (typed text): refused, as
    /// invalid where the platform has roles and as unsupported where it has none.
    UnreadableRole(String),
    /// Minutes before an event at which new events remind people (empty: none).
    EventReminders(Vec<i64>),
}

impl SettingsCommand {
    pub fn from_call(call: &Call) -> Result<SettingsCommand, Msg> {
        match call.path[1] {
            "language" => {
                let code = call.required_text("language").map_err(|e| e.msg())?;
                // The catalogue's choices are exactly the locales we have.
                let locale = Locale::parse(code).ok_or_else(|| {
                    Msg::new("parse-invalid-choice")
                        .strong("option", "language")
                        .strong("value", code)
                        .code("choices", "en, id")
                })?;
                Ok(SettingsCommand::Language(locale))
            }
            "timezone" => {
                let zone = call.required_text("zone").map_err(|e| e.msg())?;
                Ok(SettingsCommand::Timezone(Zone::parse(zone)?))
            }
            "moderators" => {
                let text = call.text("role").unwrap_or_default().trim();
                if matches!(text.to_lowercase().as_str(), "" | "none" | "tidak" | "-") {
                    return Ok(SettingsCommand::ModeratorRole(None));
                }
                // A role option arrives as the role's key (`discord:123`), which the adapter
                // of a platform with roles makes from the role people picked.
                Ok(match RoleId::from_key(text) {
                    Some(role) => SettingsCommand::ModeratorRole(Some(role)),
                    None => SettingsCommand::UnreadableRole(text.to_owned()),
                })
            }
            "reminders" => {
                let text = call.required_text("offsets").map_err(|e| e.msg())?;
                Ok(SettingsCommand::EventReminders(
                    crate::features::events::model::reminders(text)?,
                ))
            }
            _ => Ok(SettingsCommand::Show),
        }
    }
}

/// Stores one setting of the actor's space and forgets the cached settings, so the next
/// command already sees it.
async fn save(ctx: &Ctx<'_>, setting: SpaceSetting<'_>) -> Result<()> {
    let mut conn = acquire(ctx.store()).await?;
    repo::upsert_space_setting(&mut conn, &ctx.space_key(), setting, ctx.inv.now_ms)
        .await
        .internal("storing a space setting")?;
    ctx.bot.forget_space(&ctx.inv.space);
    Ok(())
}

pub async fn execute(ctx: &Ctx<'_>, command: SettingsCommand) -> Result<Reply> {
    match command {
        SettingsCommand::Show => show(ctx).await,
        SettingsCommand::EventReminders(minutes) => {
            let stored = crate::features::events::model::store_reminders(&minutes);
            save(ctx, SpaceSetting::EventReminders(&stored)).await?;
            let words: Vec<String> = minutes
                .iter()
                .map(|m| crate::time::duration::words(ctx.bot.i18n(), ctx.space_locale, *m))
                .collect();
            let msg = Msg::new("settings-reminders-set")
                .strong("actor", &ctx.inv.actor.display_name)
                .text("times", words.join(", "))
                .num("count", minutes.len() as i64);
            Ok(ctx.say(Visibility::Public, Tone::Success, &msg))
        }
        SettingsCommand::UnreadableRole(text) => {
            if !ctx.bot.surface(ctx.inv.space.platform).roles {
                return Err(Msg::new("settings-moderators-discord-only").into());
            }
            Err(Msg::new("settings-moderators-invalid")
                .strong("value", text)
                .typed(
                    "example",
                    Typed::new(&["settings", "moderators"])
                        .example(Msg::new("sample-moderator-role")),
                )
                .into())
        }
        SettingsCommand::ModeratorRole(role) => {
            let platform = ctx.inv.space.platform;
            let foreign = role.as_ref().is_some_and(|r| r.platform != platform);
            if !ctx.bot.surface(platform).roles || foreign {
                return Err(Msg::new("settings-moderators-discord-only").into());
            }
            let key = role.as_ref().map(RoleId::key);
            save(ctx, SpaceSetting::ModeratorRole(key.as_deref())).await?;
            let msg = match role {
                Some(role) => Msg::new("settings-moderators-set").role("role", role),
                None => Msg::new("settings-moderators-cleared"),
            };
            Ok(ctx.say(Visibility::Public, Tone::Success, &msg))
        }
        SettingsCommand::Timezone(zone) => {
            save(ctx, SpaceSetting::Timezone(zone.name())).await?;
            let msg = Msg::new("settings-timezone-set")
                .strong("actor", &ctx.inv.actor.display_name)
                .strong("zone", zone.name());
            Ok(ctx.say(Visibility::Public, Tone::Success, &msg))
        }
        SettingsCommand::Language(locale) => {
            save(ctx, SpaceSetting::Locale(locale.code())).await?;
            // Announced in the new language: that is the language everyone will see now.
            let line = ctx.bot.i18n().rich(
                locale,
                &Msg::new("settings-language-set").strong("actor", &ctx.inv.actor.display_name),
            );
            Ok(Reply::public(Tone::Success, line).written_in(locale))
        }
    }
}

async fn show(ctx: &Ctx<'_>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let settings = repo::fetch_space_settings(&mut conn, &ctx.space_key())
        .await
        .internal("reading space settings")?;
    let config = ctx.bot.config();
    let language = match settings.locale.as_deref().and_then(Locale::parse) {
        Some(locale) => ctx.t(
            private,
            &Msg::new("settings-value-set").text("value", language_name(locale)),
        ),
        None => ctx.t(
            private,
            &Msg::new("settings-value-default").text("value", language_name(config.default_locale)),
        ),
    };
    let default_zone = config.default_timezone.name().to_owned();
    let timezone = match settings.timezone {
        Some(zone) => ctx.t(private, &Msg::new("settings-value-set").text("value", zone)),
        None => ctx.t(
            private,
            &Msg::new("settings-value-default").text("value", default_zone),
        ),
    };
    let reminders = {
        let minutes = match &settings.event_reminders {
            Some(stored) => crate::features::events::model::stored_reminders(stored),
            None => crate::features::events::model::DEFAULT_REMINDERS.to_vec(),
        };
        let words: Vec<String> = minutes
            .iter()
            .map(|m| crate::time::duration::words(ctx.bot.i18n(), ctx.locale, *m))
            .collect();
        let value = if words.is_empty() {
            ctx.label(private, "settings-reminders-none")
        } else {
            words.join(", ")
        };
        let id = if settings.event_reminders.is_some() {
            "settings-value-set"
        } else {
            "settings-value-default"
        };
        ctx.t(private, &Msg::new(id).text("value", value))
    };
    let title = ctx.label(private, "settings-title");
    Ok(Reply::new(private, Tone::Info)
        .title(title)
        .field(ctx.label(private, "field-language"), language, true)
        .field(ctx.label(private, "field-timezone"), timezone, true)
        .field(ctx.label(private, "field-event-reminders"), reminders, true)
        .paragraph(
            ctx.t(
                private,
                &Msg::new("settings-hint")
                    .typed(
                        "language",
                        Typed::new(&["settings", "language"]).choice("language", "id"),
                    )
                    .typed(
                        "timezone",
                        Typed::new(&["settings", "timezone"]).value("WIB"),
                    ),
            ),
        ))
}

fn language_name(locale: Locale) -> &'static str {
    // Each language is named in itself, so a reader always recognises their own.
    match locale {
        Locale::En => "English (en)",
        Locale::Id => "Bahasa Indonesia (id)",
    }
}

#[cfg(test)]
mod flows;

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::identity::Role;
    use crate::reply::Tone;
    use crate::testing::{Chat, each_backend};

    /// The announcement of a new language is written in it, and says so, so an adapter
    /// dresses it in that language too.
    #[tokio::test]
    async fn a_new_language_is_announced_in_that_language() {
        each_backend(|store| async move {
            let chat = Chat::new(store);
            let reply = chat
                .say_as("admin", Role::Admin, "settings language id")
                .await;
            assert_eq!(reply.tone, Tone::Success, "{}", reply.plain_text());
            assert_eq!(reply.locale, Some(Locale::Id));
        })
        .await;
    }

    /// Where the platform has no roles, a moderator role is unsupported whatever is typed;
    /// where it has, typed text that is no role is invalid.
    #[tokio::test]
    async fn a_typed_moderator_role_is_refused_for_the_right_reason() {
        each_backend(|store| async move {
            let chat = Chat::new(store);
            let reply = chat
                .say_as("admin", Role::Admin, "settings moderators <@&42>")
                .await;
            assert!(
                reply.plain_text().contains("Discord only"),
                "{}",
                reply.plain_text()
            );
            chat.bot.describe_surface(
                chat.space.platform,
                crate::surface::Surface {
                    roles: true,
                    ..Default::default()
                },
            );
            let reply = chat
                .say_as("admin", Role::Admin, "settings moderators <@&42>")
                .await;
            assert_eq!(reply.tone, Tone::Error);
            assert!(
                reply.plain_text().contains("is not a role"),
                "{}",
                reply.plain_text()
            );
        })
        .await;
    }
}
