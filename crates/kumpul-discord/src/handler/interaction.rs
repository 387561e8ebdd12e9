//! Slash commands, component clicks and picks, and submitted forms become core calls: who
//! acts and where ([`Origin`]), the command path and options as text ([`flatten`]), and
//! the work that runs while [`super::answer`] keeps to Discord's 3 seconds; what the reply
//! asks afterwards is done by [`super::effects`].

use kumpul_core::port::{
    Actor, Bot, Call, ChannelId, Clock, Invocation, Locale, Msg, Platform, Reply, Role, RoleId,
    SpaceId, SystemClock, UserId,
};
use serenity::all::{
    ActionRowComponent, CommandDataOption, CommandDataOptionValue, CommandInteraction,
    ComponentInteraction, ComponentInteractionDataKind, Context, Member, ModalInteraction,
    Permissions, User,
};

use super::Handler;
use super::answer::Pending;

/// Who is acting and where, from an interaction's fields.
struct Origin<'a> {
    guild_id: Option<u64>,
    channel_id: u64,
    user: &'a User,
    member: Option<&'a Member>,
    locale: &'a str,
    guild_locale: Option<&'a str>,
}

impl Origin<'_> {
    /// The core's view of this interaction; `None` outside a guild. Moderators are members
    /// with Manage Server, or with the role set by `settings moderators`.
    fn invocation(&self) -> Option<Invocation> {
        let guild = self.guild_id?;
        let space = SpaceId::new(Platform::Discord, guild.to_string());
        let permissions = self
            .member
            .and_then(|m| m.permissions)
            .unwrap_or_else(Permissions::empty);
        // The platform's grant only: the core adds the space's moderator role itself.
        let role = if permissions.administrator() {
            Role::Admin
        } else if permissions.manage_guild() {
            Role::Moderator
        } else {
            Role::Member
        };
        let roles = self
            .member
            .map(|m| {
                m.roles
                    .iter()
                    .map(|r| RoleId::new(Platform::Discord, r.get().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let name = self
            .member
            .and_then(|m| m.nick.clone())
            .or_else(|| self.user.global_name.clone())
            .unwrap_or_else(|| self.user.name.clone());
        Some(Invocation {
            space,
            channel: Some(ChannelId::new(
                Platform::Discord,
                self.channel_id.to_string(),
            )),
            actor: Actor {
                user: UserId::new(Platform::Discord, self.user.id.get().to_string()),
                display_name: name,
                role,
                roles,
                locale: Locale::parse(self.locale),
            },
            now_ms: SystemClock.now_ms(),
            space_locale: self.guild_locale.and_then(Locale::parse),
        })
    }
}

/// Who acts and where, from any of serenity's interaction types (they share these
/// fields but no trait); `$member` is the interaction's member as `Option<&Member>`.
macro_rules! origin {
    ($i:expr, $member:expr) => {
        Origin {
            guild_id: $i.guild_id.map(|g| g.get()),
            channel_id: $i.channel_id.get(),
            user: &$i.user,
            member: $member,
            locale: &$i.locale,
            guild_locale: $i.guild_locale.as_deref(),
        }
    };
}

fn command_origin(i: &CommandInteraction) -> Origin<'_> {
    origin!(i, i.member.as_deref())
}

fn modal_origin(i: &ModalInteraction) -> Origin<'_> {
    origin!(i, i.member.as_ref())
}

fn component_origin(i: &ComponentInteraction) -> Origin<'_> {
    origin!(i, i.member.as_ref())
}

/// The command path and its options as text, the way the core's `Call::from_raw` wants.
pub(super) fn flatten(
    name: &str,
    options: &[CommandDataOption],
) -> (Vec<String>, Vec<(String, String)>) {
    let mut path = vec![name.to_owned()];
    let mut options: Vec<CommandDataOption> = options.to_vec();
    while let Some((
        sub,
        CommandDataOptionValue::SubCommand(inner) | CommandDataOptionValue::SubCommandGroup(inner),
    )) = options.first().map(|o| (o.name.clone(), o.value.clone()))
    {
        path.push(sub);
        options = inner;
    }
    let raw = options
        .iter()
        .filter_map(|o| {
            let value = match &o.value {
                CommandDataOptionValue::String(s) => s.clone(),
                CommandDataOptionValue::Integer(n) => n.to_string(),
                CommandDataOptionValue::Boolean(b) => b.to_string(),
                CommandDataOptionValue::Number(n) => n.to_string(),
                CommandDataOptionValue::User(id) => id.get().to_string(),
                // The core reads roles by key, so it needs no Discord syntax.
                CommandDataOptionValue::Role(id) => {
                    RoleId::new(Platform::Discord, id.get().to_string()).key()
                }
                CommandDataOptionValue::Autocomplete { value, .. } => value.clone(),
                _ => return None,
            };
            Some((o.name.clone(), value))
        })
        .collect();
    (path, raw)
}

/// The answer to an interaction outside a server.
fn guild_only(bot: &Bot, locale: Locale) -> Reply {
    Reply::private(
        kumpul_core::port::Tone::Error,
        bot.i18n().rich(locale, &Msg::new("discord-guild-only")),
    )
}

impl Handler {
    pub(super) async fn on_command(&self, ctx: &Context, interaction: &CommandInteraction) {
        let locale = Locale::parse(&interaction.locale).unwrap_or(self.bot.config().default_locale);
        let (path, raw) = flatten(&interaction.data.name, &interaction.data.options);
        let bot = self.bot.clone();
        let origin = command_origin(interaction);
        // Parsed before anything is answered: whether the call may show its author decides
        // the very first response.
        let call = Call::from_raw(&path.iter().map(String::as_str).collect::<Vec<_>>(), raw);
        let private_first = call.as_ref().is_ok_and(Call::hides_author);
        // Everything that may wait (even reading the moderator role) runs inside `work`,
        // so the 3-second timer of `answer` starts when the interaction arrived.
        let work = async move {
            let Some(inv) = origin.invocation() else {
                return guild_only(&bot, locale);
            };
            match call {
                Ok(call) => bot.handle_call(&inv, &call).await,
                Err(error) => bot.user_error(&inv, &error.msg()).await,
            }
        };
        let reply = self
            .answer(
                ctx,
                Pending::Command(interaction),
                locale,
                private_first,
                work,
            )
            .await;
        self.apply_effects(ctx, interaction.guild_id, reply).await;
    }

    pub(super) async fn on_component(&self, ctx: &Context, interaction: &ComponentInteraction) {
        let locale = Locale::parse(&interaction.locale).unwrap_or(self.bot.config().default_locale);
        let values = match &interaction.data.kind {
            ComponentInteractionDataKind::StringSelect { values } => values.clone(),
            _ => Vec::new(),
        };
        let work = self.act(
            component_origin(interaction),
            locale,
            interaction.data.custom_id.clone(),
            values,
        );
        let reply = self
            .answer(ctx, Pending::Component(interaction), locale, false, work)
            .await;
        self.apply_effects(ctx, interaction.guild_id, reply).await;
    }

    /// A submitted form: its text inputs become the action's values.
    pub(super) async fn on_modal(&self, ctx: &Context, interaction: &ModalInteraction) {
        let locale = Locale::parse(&interaction.locale).unwrap_or(self.bot.config().default_locale);
        let values: Vec<String> = interaction
            .data
            .components
            .iter()
            .flat_map(|row| &row.components)
            .filter_map(|c| match c {
                ActionRowComponent::InputText(input) => input.value.clone(),
                _ => None,
            })
            .collect();
        let work = self.act(
            modal_origin(interaction),
            locale,
            interaction.data.custom_id.clone(),
            values,
        );
        let reply = self
            .answer(ctx, Pending::Modal(interaction), locale, false, work)
            .await;
        self.apply_effects(ctx, interaction.guild_id, reply).await;
    }

    /// Runs the action a component or form stands for (who acts is read inside, so the
    /// defer timer is already running).
    fn act<'a>(
        &self,
        origin: Origin<'a>,
        locale: Locale,
        custom_id: String,
        values: Vec<String>,
    ) -> impl std::future::Future<Output = Reply> + use<'a> {
        let bot = self.bot.clone();
        async move {
            let Some(inv) = origin.invocation() else {
                return guild_only(&bot, locale);
            };
            bot.handle_encoded(&inv, &custom_id, &values).await
        }
    }
}
