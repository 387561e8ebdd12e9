//! From an invocation and a command to a [`Reply`].
//!
//! Adapters call [`Bot::handle_text`] (console, Matrix), [`Bot::handle_call`] (Discord slash
//! commands) or [`Bot::handle_input`] (buttons, menus, forms). Each resolves the reader's
//! language, checks the catalogue's permission, runs the feature's handler, and turns
//! errors into replies: user errors localised, internal errors logged with a reference.
//! This is the layer above the features: the one place that names them all.

use tracing::Instrument;

use crate::bot::{Bot, CoreConfig, Ctx};
use crate::command::{self, Call};
use crate::error::{Error, Result};
use crate::features::{events, groups, help, ideas, polls, reminders, settings, threads, timezone};
use crate::i18n::{Locale, Msg};
use crate::identity::{Actor, Invocation, Role, RoleId};
use crate::reply::{ActionId, Reply, Tone, Visibility};
use crate::store::Store;
use crate::vocab::Intent;

/// A typed command of any feature.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Help(help::HelpCommand),
    Group(groups::GroupCommand),
    Poll(polls::PollCommand),
    Event(events::EventCommand),
    Idea(ideas::IdeaCommand),
    Thread(threads::ThreadCommand),
    Remind(reminders::RemindCommand),
    Settings(settings::SettingsCommand),
    Timezone(timezone::TimezoneCommand),
    /// `bot leave`: kumpul leaves the space (moderators).
    Leave,
}

impl Command {
    /// What a click asks for; `None` when its values do not fit (a menu's picks that are
    /// not option numbers), which is answered like a stale button.
    fn from_intent(intent: &Intent, values: &[String]) -> Option<Command> {
        Some(match *intent {
            Intent::Group(intent) => Command::Group(groups::GroupCommand::from_intent(intent)),
            Intent::Poll(intent) => Command::Poll(polls::PollCommand::from_intent(intent, values)?),
            Intent::Event(intent) => Command::Event(events::EventCommand::from_intent(intent)),
            Intent::Idea(intent) => Command::Idea(ideas::IdeaCommand::from_intent(intent)),
            Intent::Remind(intent) => {
                Command::Remind(reminders::RemindCommand::from_intent(intent))
            }
        })
    }

    fn from_call(call: &Call) -> Result<Command> {
        Ok(match call.path[0] {
            "help" => Command::Help(help::HelpCommand::from_call(call)),
            "group" => Command::Group(groups::GroupCommand::from_call(call)?),
            "poll" => Command::Poll(polls::PollCommand::from_call(call)?),
            "event" | "rsvp" => Command::Event(events::EventCommand::from_call(call)?),
            "idea" => Command::Idea(ideas::IdeaCommand::from_call(call)?),
            "thread" => Command::Thread(threads::ThreadCommand::from_call(call)?),
            "remind" => Command::Remind(reminders::RemindCommand::from_call(call)?),
            "settings" => Command::Settings(settings::SettingsCommand::from_call(call)?),
            "timezone" => Command::Timezone(timezone::TimezoneCommand::from_call(call)?),
            "bot" => Command::Leave,
            other => {
                return Err(anyhow::anyhow!(
                    "command {other} is in the catalogue but not dispatched"
                )
                .into());
            }
        })
    }
}

impl Bot {
    /// A bot serving every feature.
    pub fn new(store: Store, config: CoreConfig) -> anyhow::Result<Bot> {
        static FEATURES: crate::features::Hooks = crate::features::Hooks;
        Bot::assemble(store, config, &FEATURES, &FEATURES)
    }

    /// Runs a line of text typed by a person (without a platform prefix such as `!`).
    pub async fn handle_text(&self, inv: &Invocation, text: &str) -> Reply {
        match command::parse(text) {
            Ok(call) => self.handle_call(inv, &call).await,
            Err(error) => {
                let ctx = self.ctx(inv).await;
                self.finish(&ctx, Err(error.msg().into()))
            }
        }
    }

    /// A user error as a reply (for adapters that validate before calling the core).
    pub async fn user_error(&self, inv: &Invocation, msg: &Msg) -> Reply {
        let ctx = self.ctx(inv).await;
        self.finish(&ctx, Err(msg.clone().into()))
    }

    /// Runs a parsed call.
    pub async fn handle_call(&self, inv: &Invocation, call: &Call) -> Reply {
        let span = tracing::info_span!(
            "command",
            platform = inv.space.platform.key(),
            space = %inv.space.id,
            command = %call.name()
        );
        async {
            let ctx = self.ctx(inv).await;
            let result = match check_permission(ctx.role, call.spec.permission) {
                Ok(()) => match Command::from_call(call) {
                    Ok(command) => self.execute(&ctx, command).await,
                    Err(error) => Err(error),
                },
                Err(error) => Err(error),
            };
            self.finish(&ctx, result)
        }
        .instrument(span)
        .await
    }

    /// Runs a button click. Clicks on buttons of removed features or other bots get a
    /// polite "this button no longer works".
    pub async fn handle_action(&self, inv: &Invocation, action: &ActionId) -> Reply {
        self.handle_input(inv, action, &[]).await
    }

    /// Runs a click as the platform stored it (a Discord `custom_id`): an id this version
    /// cannot read is answered with "this button no longer works".
    pub async fn handle_encoded(
        &self,
        inv: &Invocation,
        encoded: &str,
        values: &[String],
    ) -> Reply {
        match ActionId::decode(encoded) {
            Some(action) => self.handle_input(inv, &action, values).await,
            None => self.user_error(inv, &Msg::new("error-stale-action")).await,
        }
    }

    /// Runs an action with the values a person chose or typed: a menu's picks, a form's
    /// text. A button click is an action without values.
    pub async fn handle_input(
        &self,
        inv: &Invocation,
        action: &ActionId,
        values: &[String],
    ) -> Reply {
        let span = tracing::info_span!(
            "action",
            platform = inv.space.platform.key(),
            space = %inv.space.id,
            // Not the argument: a vote button's says which option was chosen.
            action = %action.intent().name()
        );
        // A form's text arrives here, not through the parser: it is cleaned the same way.
        let values: Vec<String> = values
            .iter()
            .map(|v| crate::text::strip_invisible(v).into_owned())
            .collect();
        let command = Command::from_intent(action.intent(), &values);
        self.run_input(inv, command).instrument(span).await
    }

    /// Runs a command the core read from a platform event itself (a native poll
    /// response: see `port`), like a click; `None` when the event's values do not fit,
    /// answered like a stale button.
    pub(crate) async fn handle_event(
        &self,
        inv: &Invocation,
        action: &'static str,
        command: Option<Command>,
    ) -> Reply {
        let span = tracing::info_span!(
            "action",
            platform = inv.space.platform.key(),
            space = %inv.space.id,
            action
        );
        self.run_input(inv, command).instrument(span).await
    }

    async fn run_input(&self, inv: &Invocation, command: Option<Command>) -> Reply {
        let ctx = self.ctx(inv).await;
        let result = match command {
            Some(command) => self.execute(&ctx, command).await,
            None => Err(Msg::new("error-stale-action").into()),
        };
        self.finish(&ctx, result)
    }

    /// The request's context, from one read of the space's settings: the languages and
    /// the actor's role.
    pub(crate) async fn ctx<'a>(&'a self, inv: &'a Invocation) -> Ctx<'a> {
        // What kumpul later sends this person privately is written in it.
        self.remember_locale(inv).await;
        let settings = self.space_settings(&inv.space).await;
        let space_locale = settings
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .or(inv.space_locale)
            .unwrap_or(self.config().default_locale);
        Ctx {
            bot: self,
            inv,
            locale: inv.actor.locale.unwrap_or(space_locale),
            space_locale,
            role: role_of(&inv.actor, settings.moderator_role.as_deref()),
        }
    }

    async fn execute(&self, ctx: &Ctx<'_>, command: Command) -> Result<Reply> {
        // The span names the command; its arguments are never logged (a vote's choice,
        // an anonymous idea's text, a private request).
        tracing::debug!("executing");
        match command {
            Command::Help(c) => help::execute(ctx, &c),
            Command::Group(c) => groups::execute(ctx, c).await,
            Command::Poll(c) => polls::execute(ctx, c).await,
            Command::Event(c) => events::execute(ctx, c).await,
            Command::Idea(c) => ideas::execute(ctx, c).await,
            Command::Thread(c) => threads::execute(ctx, c).await,
            Command::Remind(c) => reminders::execute(ctx, c).await,
            Command::Settings(c) => settings::execute(ctx, c).await,
            Command::Timezone(c) => timezone::execute(ctx, c).await,
            Command::Leave => {
                let msg = Msg::new("bot-leaving").strong("actor", &ctx.inv.actor.display_name);
                let mut reply = ctx.say(Visibility::Public, Tone::Info, &msg);
                reply.effects.push(crate::reply::Effect::LeaveSpace);
                Ok(reply)
            }
        }
    }

    /// The reply to hand out: the handler's, or its error as a reply; marked with the
    /// language it is written in (the actor's when private, the space's when public —
    /// standalone messages are public).
    pub(crate) fn finish(&self, ctx: &Ctx<'_>, result: Result<Reply>) -> Reply {
        let reply = self.answer(ctx, result);
        let locale = ctx.locale_for(reply.visibility);
        let space = ctx.space_locale;
        let mut reply = reply.written_in(locale);
        for message in &mut reply.standalone {
            message.locale = Some(space);
        }
        reply
    }

    fn answer(&self, ctx: &Ctx<'_>, result: Result<Reply>) -> Reply {
        match result {
            Ok(reply) => reply,
            Err(Error::User(msg)) => ctx.say(Visibility::Private, Tone::Error, &msg),
            Err(Error::Internal(error)) => {
                let reference = format!("{:08x}", fastrand::u32(..));
                tracing::error!(reference, error = format!("{error:#}"), "command failed");
                ctx.say(
                    Visibility::Private,
                    Tone::Error,
                    &Msg::new(self.internal_message(&error)).text("reference", reference),
                )
            }
        }
    }

    /// The message for an internal error: a storage fault is not a bug to retry, so it
    /// says what it is (and the store replaces connections that lived through it).
    fn internal_message(&self, error: &anyhow::Error) -> &'static str {
        let fault = crate::store::classify_chain(error);
        if let Some(fault) = fault {
            self.store().note_fault(fault);
        }
        let database = error
            .chain()
            .any(|cause| cause.downcast_ref::<sqlx::Error>().is_some());
        if database && self.store().gone().is_some() {
            return "error-storage-gone";
        }
        match fault {
            Some(fault) if fault.nothing_changed() => "error-storage",
            Some(_) => "error-storage-unavailable",
            None => "error-internal",
        }
    }
}

/// The platform's grant, raised to moderator for a holder of the space's moderator role
/// (stored as a role key).
fn role_of(actor: &Actor, moderator_role: Option<&str>) -> Role {
    let holds = moderator_role
        .and_then(RoleId::from_key)
        .is_some_and(|role| actor.roles.contains(&role));
    match holds {
        true => actor.role.max(Role::Moderator),
        false => actor.role,
    }
}

fn check_permission(role: Role, needed: Role) -> Result<()> {
    if role >= needed {
        return Ok(());
    }
    let role = match needed {
        Role::Admin => "admin",
        _ => "moderator",
    };
    Err(Msg::new("error-permission").select("role", role).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::{Platform, UserId};

    fn actor(role: Role, roles: &[&str]) -> Actor {
        Actor {
            user: UserId::new(Platform::Discord, "1"),
            display_name: "someone".into(),
            role,
            roles: roles
                .iter()
                .map(|id| RoleId::new(Platform::Discord, *id))
                .collect(),
            locale: None,
        }
    }

    /// Holding the space's moderator role makes a member a moderator; it never lowers
    /// an admin, and a role of another space or none changes nothing.
    #[test]
    fn the_core_raises_holders_of_the_moderator_role_and_nobody_else() {
        let chosen = Some("discord:42");
        assert_eq!(
            role_of(&actor(Role::Member, &["42"]), chosen),
            Role::Moderator
        );
        assert_eq!(role_of(&actor(Role::Member, &["7"]), chosen), Role::Member);
        assert_eq!(role_of(&actor(Role::Member, &["42"]), None), Role::Member);
        assert_eq!(role_of(&actor(Role::Admin, &["42"]), chosen), Role::Admin);
        assert_eq!(
            role_of(&actor(Role::Member, &[]), Some("nonsense")),
            Role::Member
        );
    }
}
