//! Gateway events to core calls: slash commands, button clicks and autocomplete.

mod standalone;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use kumpul_core::Bot;
use kumpul_core::catalogue::{self, OptionKind};
use kumpul_core::command::Call;
use kumpul_core::features::groups;
use kumpul_core::features::threads::repo::ThreadMessage;
use kumpul_core::i18n::{Locale, Msg};
use kumpul_core::identity::{Actor, ChannelId, Invocation, Platform, Role, SpaceId, UserId};
use kumpul_core::reply::{ActionId, Effect, Reply, Visibility};
use kumpul_core::time::clock::{Clock, SystemClock};
use serenity::all::{
    ActionRowComponent, AutoArchiveDuration, ChannelType, CommandDataOption,
    CommandDataOptionValue, CommandInteraction, ComponentInteraction, ComponentInteractionDataKind,
    Context, CreateAutocompleteResponse, CreateInteractionResponse, CreateThread, EditThread,
    EventHandler, Interaction, Member, Message, ModalInteraction, Permissions, Reaction, Ready,
    User,
};

use crate::permissions::Told;
use crate::registration::{self, RegistrationState};
use crate::render;

/// Most autocomplete choices Discord shows.
const AUTOCOMPLETE_MAX: usize = 25;

pub struct Handler {
    pub bot: Bot,
    /// Commands are registered in these guilds only (instant, for development), or
    /// globally when empty.
    pub dev_guild_ids: Vec<u64>,
    /// How long a command may run before its interaction is deferred. Discord allows 3 s.
    pub defer_after: Duration,
    /// Where the slash-command registration stands.
    pub registration: RegistrationState,
    /// The first wait before registering again after Discord refused.
    pub registration_retry: Duration,
    /// Set while a registration (with its retries) is under way.
    pub registering: Arc<AtomicBool>,
    /// Servers whose moderators were told about a missing permission.
    pub told: Arc<Told>,
    /// What mirrored scheduled events last showed (shared with the notifier).
    pub mirrored: Arc<crate::calendar::Mirrored>,
}

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
    async fn invocation(&self, bot: &Bot) -> Option<Invocation> {
        let guild = self.guild_id?;
        let space = SpaceId::new(Platform::Discord, guild.to_string());
        let permissions = self
            .member
            .and_then(|m| m.permissions)
            .unwrap_or_else(Permissions::empty);
        let moderator_role = bot.moderator_role(&space).await;
        let has_role = moderator_role.is_some_and(|role| {
            self.member
                .is_some_and(|m| m.roles.iter().any(|r| r.get().to_string() == role.id))
        });
        let role = if permissions.administrator() {
            Role::Admin
        } else if permissions.manage_guild() || has_role {
            Role::Moderator
        } else {
            Role::Member
        };
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

/// Whether the posted message of a reply is needed afterwards: to keep it current, or to
/// open a thread on it.
fn needs_message(reply: &Reply) -> bool {
    reply.visibility == Visibility::Public
        && (reply.anchor.is_some()
            || reply
                .effects
                .iter()
                .any(|e| matches!(e, Effect::OpenThread { .. })))
}

/// Archives or reopens a thread (the effects that need no posted message).
pub async fn thread_effect(http: &serenity::http::Http, effect: &Effect) {
    let (thread, archived) = match effect {
        Effect::ArchiveThread { thread } => (thread, true),
        Effect::ReopenThread { thread } => (thread, false),
        _ => return,
    };
    let Ok(id) = thread.parse::<u64>() else {
        return;
    };
    if let Err(error) = serenity::all::ChannelId::new(id)
        .edit_thread(http, EditThread::new().archived(archived))
        .await
    {
        tracing::warn!(%error, "could not archive or reopen a thread");
    }
}

/// The command path and its options as text, the way the core's `Call::from_raw` wants.
fn flatten(name: &str, options: &[CommandDataOption]) -> (Vec<String>, Vec<(String, String)>) {
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
                CommandDataOptionValue::Role(id) => id.get().to_string(),
                CommandDataOptionValue::Autocomplete { value, .. } => value.clone(),
                _ => return None,
            };
            Some((o.name.clone(), value))
        })
        .collect();
    (path, raw)
}

/// One interaction being answered: a command, a click or pick, or a submitted form.
enum Pending<'a> {
    Command(&'a CommandInteraction),
    Component(&'a ComponentInteraction),
    Modal(&'a ModalInteraction),
}

/// Calls the same method on whichever interaction is pending (serenity's interaction
/// types share no trait).
macro_rules! on_pending {
    ($pending:expr, $i:ident => $call:expr) => {
        match $pending {
            Pending::Command($i) => $call,
            Pending::Component($i) => $call,
            Pending::Modal($i) => $call,
        }
    };
}

impl Pending<'_> {
    async fn respond(
        &self,
        ctx: &Context,
        response: CreateInteractionResponse,
    ) -> serenity::Result<()> {
        on_pending!(self, i => i.create_response(&ctx.http, response).await)
    }

    async fn edit(&self, ctx: &Context, part: &render::Part) -> serenity::Result<Message> {
        on_pending!(self, i => i.edit_response(&ctx.http, part.edit()).await)
    }

    async fn delete(&self, ctx: &Context) -> serenity::Result<()> {
        on_pending!(self, i => i.delete_response(&ctx.http).await)
    }

    async fn followup(&self, ctx: &Context, part: &render::Part) -> serenity::Result<Message> {
        on_pending!(self, i => i.create_followup(&ctx.http, part.followup()).await)
    }

    fn guild(&self) -> Option<serenity::all::GuildId> {
        on_pending!(self, i => i.guild_id)
    }

    fn channel(&self) -> serenity::all::ChannelId {
        on_pending!(self, i => i.channel_id)
    }

    /// The message the first response became.
    async fn original(&self, ctx: &Context) -> serenity::Result<Message> {
        on_pending!(self, i => i.get_response(&ctx.http).await)
    }
}

/// What answering an interaction gave: the reply and, when it was needed, the message it
/// became; then each standalone message that was posted, with that message.
struct Answered {
    reply: Reply,
    posted: Option<Message>,
    standalone: Vec<(Reply, Message)>,
}

/// Defers an interaction ephemerally: Discord shows "thinking…" to its author alone.
async fn defer(ctx: &Context, pending: &Pending<'_>) {
    let private = serenity::all::CreateInteractionResponseMessage::new().ephemeral(true);
    if let Err(error) = pending
        .respond(ctx, CreateInteractionResponse::Defer(private))
        .await
    {
        tracing::warn!(%error, "could not defer an interaction");
    }
}

/// The answer to an interaction outside a server.
fn guild_only(bot: &Bot, locale: Locale) -> Reply {
    Reply::private(
        kumpul_core::reply::Tone::Error,
        bot.i18n().rich(locale, &Msg::new("discord-guild-only")),
    )
}

impl Handler {
    /// Answers within Discord's 3 seconds: directly if the core is quick, otherwise by
    /// deferring (ephemerally, so nothing private can leak) and following up.
    ///
    /// `private_first`: the call must not show who gave it (an anonymous idea), so it is
    /// deferred ephemerally at once — any public first response, even a deferred
    /// "thinking…", shows "<user> used /command" above it. A reply with standalone
    /// messages is deferred too, so they are posted before the answer is given.
    async fn answer<F>(
        &self,
        ctx: &Context,
        pending: Pending<'_>,
        locale: Locale,
        private_first: bool,
        work: F,
    ) -> Answered
    where
        F: std::future::Future<Output = Reply>,
    {
        tokio::pin!(work);
        // A zero delay means "always defer" (useful to exercise the slow path).
        let quick = if private_first || self.defer_after.is_zero() {
            None
        } else {
            tokio::select! {
                reply = &mut work => Some(reply),
                () = tokio::time::sleep(self.defer_after) => None,
            }
        };
        let (result, reply, standalone) = match quick {
            Some(reply) if reply.form.is_some() => {
                (self.ask(ctx, &pending, &reply).await, reply, Vec::new())
            }
            Some(reply) if reply.standalone.is_empty() => (
                self.send_direct(ctx, &pending, &reply, locale).await,
                reply,
                Vec::new(),
            ),
            quick => {
                defer(ctx, &pending).await;
                let reply = match quick {
                    Some(reply) => reply,
                    None => work.await,
                };
                let (reply, standalone) = self.post_standalone(ctx, &pending, reply, locale).await;
                let result = self.send_deferred(ctx, &pending, &reply, locale).await;
                (result, reply, standalone)
            }
        };
        let posted = match result {
            Ok(Some(message)) => {
                self.record(ctx, &reply, &message, pending.guild()).await;
                Some(message)
            }
            Ok(None) => None,
            Err(error) => {
                tracing::error!(%error, "could not answer an interaction");
                None
            }
        };
        Answered {
            reply,
            posted,
            standalone,
        }
    }

    /// Opens the reply's form as a modal.
    async fn ask(
        &self,
        ctx: &Context,
        pending: &Pending<'_>,
        reply: &Reply,
    ) -> serenity::Result<Option<Message>> {
        if let Some(form) = &reply.form {
            pending
                .respond(ctx, CreateInteractionResponse::Modal(render::modal(form)))
                .await?;
        }
        Ok(None)
    }

    /// Remembers where an anchored reply (a poll card) was posted, so it is kept current.
    async fn record(
        &self,
        ctx: &Context,
        reply: &Reply,
        message: &Message,
        guild: Option<serenity::all::GuildId>,
    ) {
        let (Some(anchor), Some(guild)) = (reply.anchor, guild) else {
            return;
        };
        let space = SpaceId::new(Platform::Discord, guild.get().to_string());
        let channel = ChannelId::new(Platform::Discord, message.channel_id.get().to_string());
        if let Err(error) = self
            .bot
            .record_posted(
                anchor,
                &space,
                Some(&channel),
                &message.id.get().to_string(),
                false,
            )
            .await
        {
            tracing::error!(
                error = format!("{error:#}"),
                "could not record a posted message"
            );
        }
        if let Some(entry) = &reply.calendar {
            let notifier = crate::DiscordNotifier::on(self, ctx.http.clone());
            let channel = Some(message.channel_id.get());
            crate::calendar::mirror(&notifier, guild, channel, anchor, entry).await;
        }
    }

    /// Carries out what the answer and its standalone messages ask of the platform, in
    /// that order.
    async fn apply_effects(
        &self,
        ctx: &Context,
        guild: Option<serenity::all::GuildId>,
        answered: Answered,
    ) {
        let Answered {
            reply,
            posted,
            standalone,
        } = answered;
        let standalone = standalone
            .into_iter()
            .map(|(reply, message)| (reply, Some(message)));
        for (reply, posted) in std::iter::once((reply, posted)).chain(standalone) {
            self.apply_effects_of(ctx, guild, &reply, posted.as_ref())
                .await;
        }
    }

    /// Carries out what one reply asks of the platform. `posted`: the message the reply
    /// became, when the reply needed it (a thread is opened on it).
    async fn apply_effects_of(
        &self,
        ctx: &Context,
        guild: Option<serenity::all::GuildId>,
        reply: &Reply,
        posted: Option<&Message>,
    ) {
        for effect in &reply.effects {
            match effect {
                Effect::LeaveSpace => {
                    if let Some(guild) = guild {
                        tracing::info!(%guild, "leaving a server at a moderator's request");
                        if let Err(error) = guild.leave(&ctx.http).await {
                            tracing::error!(%error, "could not leave a server");
                        }
                    }
                }
                Effect::OpenThread { id, name } => {
                    let Some(message) = posted else { continue };
                    let builder = CreateThread::new(name.chars().take(100).collect::<String>())
                        .kind(ChannelType::PublicThread)
                        .auto_archive_duration(AutoArchiveDuration::OneWeek);
                    match message
                        .channel_id
                        .create_thread_from_message(&ctx.http, message.id, builder)
                        .await
                    {
                        Ok(thread) => {
                            if let Err(error) = self
                                .bot
                                .record_thread(*id, &thread.id.get().to_string())
                                .await
                            {
                                tracing::error!(
                                    error = format!("{error:#}"),
                                    "could not record a thread"
                                );
                            }
                        }
                        Err(error) if crate::permissions::is_missing_permission(&error) => {
                            let notifier = crate::DiscordNotifier::on(self, ctx.http.clone());
                            if let Some(guild) = guild {
                                self.told
                                    .missing(
                                        &self.bot,
                                        &notifier,
                                        guild.get(),
                                        Some(message.channel_id.get()),
                                        crate::permissions::CREATE_PUBLIC_THREADS,
                                    )
                                    .await;
                            }
                        }
                        Err(error) => tracing::error!(%error, "could not open a thread"),
                    }
                }
                other => thread_effect(&ctx.http, other).await,
            }
        }
    }

    /// Answers in the interaction response itself. Returns the posted message when the
    /// reply is anchored (its id is needed to keep it current).
    async fn send_direct(
        &self,
        ctx: &Context,
        pending: &Pending<'_>,
        reply: &Reply,
        locale: Locale,
    ) -> serenity::Result<Option<Message>> {
        let parts = render::render(reply, self.bot.i18n(), locale);
        let mut parts = parts.iter();
        if let Some(first) = parts.next() {
            pending
                .respond(ctx, CreateInteractionResponse::Message(first.response()))
                .await?;
        }
        for part in parts {
            pending.followup(ctx, part).await?;
        }
        if needs_message(reply) {
            return pending.original(ctx).await.map(Some);
        }
        Ok(None)
    }

    /// Completes a deferred answer. The deferral was ephemeral (nothing private can leak
    /// while the work runs), and Discord fixes a deferred response's visibility when it is
    /// deferred: a private reply edits the original response (the documented route), a
    /// public one replaces the placeholder with kumpul's own channel messages.
    async fn send_deferred(
        &self,
        ctx: &Context,
        pending: &Pending<'_>,
        reply: &Reply,
        locale: Locale,
    ) -> serenity::Result<Option<Message>> {
        let parts = render::render(reply, self.bot.i18n(), locale);
        if reply.visibility == Visibility::Private {
            let mut parts = parts.iter();
            if let Some(first) = parts.next() {
                pending.edit(ctx, first).await?;
            }
            for part in parts {
                pending.followup(ctx, part).await?;
            }
            return Ok(None);
        }
        // Sent first: if kumpul may not post in this channel, the placeholder is edited
        // into the answer instead (only its author sees it, but nobody is left with nothing).
        let mut first_public = None;
        for part in &parts {
            match pending
                .channel()
                .send_message(&ctx.http, part.message())
                .await
            {
                Ok(message) => {
                    first_public.get_or_insert(message);
                }
                Err(error) if first_public.is_none() => {
                    tracing::warn!(%error, "could not post a public answer; shown to its author");
                    if let Some(first) = parts.first() {
                        pending.edit(ctx, first).await?;
                    }
                    return Ok(None);
                }
                Err(error) => return Err(error),
            }
        }
        if let Err(error) = pending.delete(ctx).await {
            tracing::warn!(%error, "could not remove the deferred placeholder");
        }
        Ok(first_public.filter(|_| needs_message(reply)))
    }

    async fn on_command(&self, ctx: &Context, interaction: &CommandInteraction) {
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
            let Some(inv) = origin.invocation(&bot).await else {
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

    async fn on_component(&self, ctx: &Context, interaction: &ComponentInteraction) {
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
    async fn on_modal(&self, ctx: &Context, interaction: &ModalInteraction) {
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
            let Some(inv) = origin.invocation(&bot).await else {
                return guild_only(&bot, locale);
            };
            match ActionId::decode(&custom_id) {
                Some(action) => bot.handle_input(&inv, &action, &values).await,
                None => bot.user_error(&inv, &Msg::new("error-stale-action")).await,
            }
        }
    }

    async fn count_reaction(&self, reaction: &Reaction, delta: i64) {
        let Some(guild) = reaction.guild_id else {
            return;
        };
        let space = SpaceId::new(Platform::Discord, guild.get().to_string());
        let message = reaction.message_id.get().to_string();
        if let Err(error) = self
            .bot
            .record_thread_reaction(
                &space,
                Some(&reaction.channel_id.get().to_string()),
                &message,
                delta,
            )
            .await
        {
            tracing::warn!(error = format!("{error:#}"), "could not count a reaction");
        }
    }

    /// Group names of this guild that match what is being typed.
    async fn on_autocomplete(&self, ctx: &Context, interaction: &CommandInteraction) {
        let (path, raw) = flatten(&interaction.data.name, &interaction.data.options);
        let Some(focused) = interaction.data.autocomplete() else {
            return;
        };
        let is_group = catalogue::walk().into_iter().any(|(p, spec)| {
            p == path.iter().map(String::as_str).collect::<Vec<_>>()
                && spec.options.iter().any(|o| {
                    o.name == focused.name && o.kind == OptionKind::GroupName { existing: true }
                })
        });
        let _ = raw;
        let mut response = CreateAutocompleteResponse::new();
        if let (true, Some(guild)) = (is_group, interaction.guild_id) {
            let space = SpaceId::new(Platform::Discord, guild.get().to_string()).key();
            let names = async {
                let mut conn = self.bot.store().pool().acquire().await?;
                groups::repo::suggest_group_names(
                    &mut conn,
                    &space,
                    focused.value,
                    AUTOCOMPLETE_MAX,
                )
                .await
            };
            match names.await {
                Ok(names) => {
                    for name in names {
                        response = response.add_string_choice(name.clone(), name);
                    }
                }
                Err(error) => tracing::warn!(%error, "could not suggest group names"),
            }
        }
        if let Err(error) = interaction
            .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(response))
            .await
        {
            tracing::warn!(%error, "could not answer autocomplete");
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
        // One registration (with its retries) at a time, however often sessions start.
        if self.registering.swap(true, Ordering::SeqCst) {
            return;
        }
        let commands = crate::commands::build(self.bot.i18n());
        let (http, guilds) = (ctx.http.clone(), self.dev_guild_ids.clone());
        let (state, retry, registering) = (
            self.registration.clone(),
            self.registration_retry,
            self.registering.clone(),
        );
        tokio::spawn(async move {
            registration::register(http, commands, guilds, state, retry).await;
            registering.store(false, Ordering::SeqCst);
        });
    }

    /// Messages in threads kumpul opened are counted: author, time and a link, never text.
    async fn message(&self, _ctx: Context, message: Message) {
        let Some(guild) = message.guild_id else {
            return;
        };
        if message.author.bot {
            return;
        }
        let space = SpaceId::new(Platform::Discord, guild.get().to_string());
        let record = ThreadMessage {
            message_id: message.id.get().to_string(),
            author_id: UserId::new(Platform::Discord, message.author.id.get().to_string()).key(),
            author_name: message
                .member
                .as_ref()
                .and_then(|m| m.nick.clone())
                .or_else(|| message.author.global_name.clone())
                .unwrap_or_else(|| message.author.name.clone()),
            sent_at: message.timestamp.unix_timestamp() * 1000,
            reactions: 0,
            link: Some(message.link()),
        };
        let thread = message.channel_id.get().to_string();
        if let Err(error) = self
            .bot
            .record_thread_message(&space, &thread, &record)
            .await
        {
            tracing::warn!(
                error = format!("{error:#}"),
                "could not record thread activity"
            );
        }
    }

    async fn reaction_add(&self, _ctx: Context, reaction: Reaction) {
        self.count_reaction(&reaction, 1).await;
    }

    async fn reaction_remove(&self, _ctx: Context, reaction: Reaction) {
        self.count_reaction(&reaction, -1).await;
    }

    async fn resume(&self, _ctx: Context, _event: serenity::all::ResumedEvent) {
        tracing::info!("Discord gateway connection resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match &interaction {
            Interaction::Command(command) => self.on_command(&ctx, command).await,
            Interaction::Component(component) => self.on_component(&ctx, component).await,
            Interaction::Autocomplete(command) => self.on_autocomplete(&ctx, command).await,
            Interaction::Modal(modal) => self.on_modal(&ctx, modal).await,
            _ => {}
        }
    }
}
