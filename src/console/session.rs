//! One console session: the space, who is speaking, the clock, and each line typed —
//! a command for kumpul, a message in a thread, or (in [`meta`]) one for the console.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use kumpul_core::port::{
    Actor, Attachment, Bot, ChannelId, Clock as TimeSource, Effect, Invocation, Locale,
    ManualClock, Msg, Platform, Reply, Role, Scheduler, SpaceId, SystemClock, ThreadMessage,
    UserId,
};

use super::render::{ConsoleNotifier, render};
use crate::settings::{Settings, Validated};
use kumpul_core::port::catalogue::Typed;

mod meta;

/// One console session: the space, whoever is speaking now, and the clock.
pub struct Session {
    bot: Bot,
    exports_dir: std::path::PathBuf,
    space: SpaceId,
    actor: Actor,
    /// Everyone spoken as so far, with the role and language they keep when switched
    /// back to (`/as`); the console's own user is the space's admin from the start.
    people: HashMap<UserId, Actor>,
    clock: Clock,
    pub(super) scheduler: Scheduler,
    /// The thread being written in (`/thread 3`): its number and platform id.
    thread: Option<(i64, String)>,
}

/// Numbers console thread messages, which have no platform id of their own.
static NEXT_MESSAGE: AtomicU64 = AtomicU64::new(1);

/// Real time interactively; a clock that only `/wait` moves in scripts, so scripts can
/// test reminders without waiting.
pub enum Clock {
    Real,
    Simulated(Arc<ManualClock>),
}

impl Session {
    /// Starts as the configured user, who is the local space's admin.
    pub fn new(bot: Bot, settings: &Settings, validated: &Validated, clock: Clock) -> Session {
        let user = &settings.console.user;
        let actor = Actor {
            user: UserId::new(Platform::Console, user.to_lowercase()),
            display_name: user.to_owned(),
            role: Role::Admin,
            roles: Vec::new(),
            locale: validated.console_locale,
        };
        let source: Arc<dyn TimeSource> = match &clock {
            Clock::Real => Arc::new(SystemClock),
            Clock::Simulated(manual) => manual.clone(),
        };
        let notifier = Arc::new(ConsoleNotifier { bot: bot.clone() });
        let scheduler = Scheduler::new(bot.clone(), notifier, source, validated.scheduler.clone());
        Session {
            bot,
            exports_dir: settings.console.exports_dir.clone(),
            space: SpaceId::new(Platform::Console, settings.console.space.as_str()),
            people: HashMap::from([(actor.user.clone(), actor.clone())]),
            actor,
            clock,
            scheduler,
            thread: None,
        }
    }

    fn now_ms(&self) -> i64 {
        match &self.clock {
            Clock::Real => SystemClock.now_ms(),
            Clock::Simulated(manual) => manual.now_ms(),
        }
    }

    fn invocation(&self) -> Invocation {
        let now_ms = self.now_ms();
        Invocation {
            space: self.space.clone(),
            channel: Some(ChannelId::new(Platform::Console, "main")),
            actor: self.actor.clone(),
            now_ms,
            space_locale: None,
        }
    }

    /// The language the current speaker reads.
    async fn locale(&self) -> Locale {
        let inv = self.invocation();
        match inv.actor.locale {
            Some(locale) => locale,
            None => self.bot.space_locale(&inv).await,
        }
    }

    pub fn prompt(&self) -> String {
        match &self.thread {
            Some((number, _)) => format!("{} (#{number})> ", self.actor.display_name),
            None => format!("{}> ", self.actor.display_name),
        }
    }

    pub async fn welcome(&self) -> String {
        self.bot.i18n().text(
            self.locale().await,
            &Msg::new("console-welcome").typed("help", Typed::new(&["help"])),
        )
    }

    /// Handles one line; `None` means the session should end.
    pub async fn handle_line(&mut self, line: &str) -> Option<String> {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Some(String::new());
        }
        if let Some(meta) = line.strip_prefix('/') {
            return self.meta(meta).await;
        }
        if let Some((_, thread)) = &self.thread {
            let first = line.split_whitespace().next().unwrap_or_default();
            if !line.starts_with('!') && !kumpul_core::port::is_command(first) {
                return Some(self.write_in_thread(thread.clone(), line).await);
            }
        }
        let text = line.strip_prefix('!').unwrap_or(line);
        let reply = self.bot.handle_text(&self.invocation(), text).await;
        let locale = self.locale().await;
        let mut output = self.show(&reply, locale).await;
        // Messages kumpul posts as its own (an anonymous idea's card) come after the
        // answer, which on the console is the speaker's acknowledgement.
        for message in &reply.standalone {
            output.push('\n');
            output.push_str(&self.show(message, locale).await);
        }
        if reply.effects.contains(&Effect::LeaveSpace) {
            output.push_str(&format!(
                "\n  {}",
                self.bot
                    .i18n()
                    .text(locale, &Msg::new("console-cannot-leave"))
            ));
        }
        if matches!(self.clock, Clock::Simulated(_)) {
            // Something set for "now" is due at once; scripts see it right away.
            println!("{output}");
            self.run_due().await;
            return Some(String::new());
        }
        Some(output)
    }

    /// One reply as printed: its text, the files it hands over and the threads it opens.
    async fn show(&self, reply: &Reply, locale: Locale) -> String {
        // Written in the reply's own language (the core marks every reply).
        let locale = reply.locale.unwrap_or(locale);
        let mut output = render(reply, &self.actor.display_name, self.bot.i18n(), locale);
        for attachment in &reply.attachments {
            output.push_str(&self.save(attachment, locale));
        }
        for effect in &reply.effects {
            if let Effect::OpenThread { id, .. } = effect {
                output.push_str(&self.open_thread(*id, locale).await);
            }
        }
        output
    }

    /// The console's thread: an indented conversation entered with `/thread N`.
    async fn open_thread(&self, id: i64, locale: Locale) -> String {
        if let Err(error) = self.bot.record_thread(id, &format!("console-{id}")).await {
            tracing::error!(error = format!("{error:#}"), "could not record a thread");
        }
        format!(
            "\n  ({})",
            self.bot
                .i18n()
                .text(locale, &Msg::new("console-thread-hint"))
        )
    }

    /// A line written inside a thread: shown indented, counted (not stored) for digests.
    async fn write_in_thread(&self, thread: String, line: &str) -> String {
        let now = self.now_ms();
        let record = ThreadMessage {
            message_id: format!(
                "console-{now}-{}",
                NEXT_MESSAGE.fetch_add(1, Ordering::Relaxed)
            ),
            author_id: self.actor.user.key(),
            author_name: self.actor.display_name.clone(),
            sent_at: now,
            reactions: 0,
            link: None,
        };
        if let Err(error) = self
            .bot
            .record_thread_message(&self.space, &thread, &record)
            .await
        {
            tracing::error!(
                error = format!("{error:#}"),
                "could not record a thread message"
            );
        }
        format!("    │ {}: {line}", self.actor.display_name)
    }

    /// Saves a file kumpul handed over and says where it went.
    fn save(&self, attachment: &Attachment, locale: Locale) -> String {
        // The name comes from kumpul, but never let it leave the folder.
        let name = Path::new(&attachment.name)
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        let path = self.exports_dir.join(name);
        let written = std::fs::create_dir_all(&self.exports_dir)
            .and_then(|()| std::fs::write(&path, &attachment.data));
        let msg = match written {
            Ok(()) => Msg::new("console-saved").text("path", path.display().to_string()),
            Err(error) => {
                tracing::error!(%error, path = %path.display(), "could not save a file");
                Msg::new("console-save-failed").text("path", path.display().to_string())
            }
        };
        format!("\n  → {}", self.bot.i18n().text(locale, &msg))
    }

    async fn run_due(&self) {
        if let Err(error) = self.scheduler.run_due().await {
            tracing::error!(error = format!("{error:#}"), "running due jobs");
        }
    }

    /// Start-up of the scheduler: missed-job handling and summaries.
    pub async fn start_scheduler(&self) -> anyhow::Result<()> {
        self.scheduler.start().await.map(|_| ())
    }
}
