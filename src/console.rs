//! The console adapter: one simulated space in the terminal.
//!
//! Lines are commands as typed on Matrix (`group join hiking`, an optional leading `!`).
//! Lines starting with `/` control the console itself: `/as NAME [--mod|--admin]
//! [--locale en|id]` switches who is speaking, `/quit` leaves. Replies are printed as text;
//! buttons appear as the commands that do the same; pings are listed explicitly, and
//! private replies are marked as seen only by the speaker. Like errbot's test backend, a
//! script run is "push a line, print the reply", which makes it the end-to-end harness.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use kumpul_core::port::{
    Audience, Bot, BoxFuture, Clock as TimeSource, Delivery, DeliveryError, I18n, Locale,
    ManualClock, Msg, Notifier, Scheduler, SystemClock, time_format as format,
};
use tokio_util::sync::CancellationToken;

use crate::settings::{Settings, Validated};
use kumpul_core::port::{
    Actor, Attachment, Block, ChannelId, Effect, Inline, Invocation, Line, Platform, Reply, Role,
    SpaceId, ThreadMessage, Tone, UserId, Visibility,
};
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::io::{AsyncBufReadExt, BufReader};

/// One console session: the space, whoever is speaking now, and the clock.
pub struct Session {
    bot: Bot,
    exports_dir: std::path::PathBuf,
    space: SpaceId,
    actor: Actor,
    clock: Clock,
    scheduler: Scheduler,
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
        self.bot
            .i18n()
            .text(self.locale().await, &Msg::new("console-welcome"))
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

    /// `/thread 3` enters thread #3, `/thread` leaves it.
    async fn enter_thread(&mut self, number: Option<&str>) -> String {
        let locale = self.locale().await;
        let Some(number) = number else {
            self.thread = None;
            return format!(
                "({})",
                self.bot
                    .i18n()
                    .text(locale, &Msg::new("console-thread-left"))
            );
        };
        let found = async {
            let number: i64 = number.trim_start_matches('#').parse().ok()?;
            let platform = self.bot.platform_thread(&self.space, number).await.ok()??;
            Some((number, platform))
        };
        match found.await {
            Some((number, platform)) => {
                self.thread = Some((number, platform));
                let msg = Msg::new("console-thread-entered").num("number", number);
                format!("({})", self.bot.i18n().text(locale, &msg))
            }
            None => {
                let msg = Msg::new("thread-not-found")
                    .num("number", number.parse().unwrap_or(0))
                    .code("command", "thread list");
                self.bot.i18n().text(locale, &msg)
            }
        }
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

    async fn meta(&mut self, meta: &str) -> Option<String> {
        let words: Vec<&str> = meta.split_whitespace().collect();
        match words.as_slice() {
            ["quit" | "exit" | "q"] => None,
            ["wait", duration] => Some(self.wait(duration).await),
            ["thread"] => Some(self.enter_thread(None).await),
            ["thread", number] => Some(self.enter_thread(Some(number)).await),
            ["as", name, flags @ ..] if valid_name(name) => {
                let mut role = Role::Member;
                let mut locale = None;
                let mut flags = flags.iter();
                while let Some(flag) = flags.next() {
                    match *flag {
                        "--mod" | "--moderator" => role = Role::Moderator,
                        "--admin" => role = Role::Admin,
                        "--locale" => match flags.next().and_then(|l| Locale::parse(l)) {
                            Some(chosen) => locale = Some(chosen),
                            None => return Some(self.meta_help().await),
                        },
                        _ => return Some(self.meta_help().await),
                    }
                }
                self.actor = Actor {
                    user: UserId::new(Platform::Console, name.to_lowercase()),
                    display_name: (*name).to_owned(),
                    role,
                    roles: Vec::new(),
                    locale,
                };
                let role = match role {
                    Role::Admin => "admin",
                    Role::Moderator => "moderator",
                    Role::Member => "member",
                };
                let msg = Msg::new("console-acting-as")
                    .text("name", *name)
                    .select("role", role);
                Some(format!(
                    "({})",
                    self.bot.i18n().text(self.locale().await, &msg)
                ))
            }
            _ => Some(self.meta_help().await),
        }
    }

    /// `/wait 2h`: moves the simulated clock forward, delivering what falls due.
    async fn wait(&self, duration: &str) -> String {
        let locale = self.locale().await;
        let Clock::Simulated(clock) = &self.clock else {
            return self.bot.i18n().text(locale, &Msg::new("console-wait-real"));
        };
        let Some(total) = parse_wait(duration) else {
            return self.meta_help().await;
        };
        // Step through the wait so each job runs at its own time, as it would live.
        let step = 60_000;
        let mut waited = 0;
        while waited < total {
            let chunk = step.min(total - waited);
            clock.advance(chunk);
            waited += chunk;
            self.run_due().await;
        }
        let now = format::datetime(
            self.bot.i18n(),
            locale,
            clock.now_ms(),
            &self.bot.zone_of_user(&self.invocation()).await.0,
        );
        format!(
            "({})",
            self.bot
                .i18n()
                .text(locale, &Msg::new("console-waited").text("now", now))
        )
    }

    async fn meta_help(&self) -> String {
        self.bot
            .i18n()
            .text(self.locale().await, &Msg::new("console-unknown-meta"))
    }
}

/// `90s`, `30m`, `2h`, `1d`, `1h30m` → milliseconds (at most 400 days).
fn parse_wait(text: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let n: i64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit = rest.chars().next()?;
        rest = &rest[unit.len_utf8()..];
        let ms = match unit {
            's' => 1_000,
            'm' => 60_000,
            'h' => 3_600_000,
            'd' => 86_400_000,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(ms)?)?;
    }
    (total > 0 && total <= 400 * 86_400_000).then_some(total)
}

/// Console names are one word of letters, digits, `-`, `_` or `.`.
fn valid_name(name: &str) -> bool {
    (1..=32).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn line_text(line: &Line) -> String {
    line.iter().map(Inline::plain).collect()
}

/// Renders a reply as terminal text.
pub fn render(reply: &Reply, actor: &str, i18n: &I18n, locale: Locale) -> String {
    let header = match reply.visibility {
        Visibility::Public => "kumpul:".to_owned(),
        Visibility::Private => format!(
            "kumpul → {actor} ({}):",
            i18n.text(locale, &Msg::new("console-only-you"))
        ),
    };
    render_with_header(&header, reply, i18n, locale)
}

/// Renders a message kumpul sends on its own (a reminder, a summary).
pub fn render_delivery(delivery: &Delivery, i18n: &I18n, locale: Locale) -> String {
    let header = match delivery.audience {
        Audience::Channel => "kumpul:".to_owned(),
        Audience::Moderators => format!(
            "kumpul → {}:",
            i18n.text(locale, &Msg::new("console-moderators"))
        ),
    };
    render_with_header(&header, &delivery.reply, i18n, locale)
}

fn render_with_header(header: &str, reply: &Reply, i18n: &I18n, locale: Locale) -> String {
    let marker = match reply.tone {
        Tone::Success => "✓ ",
        Tone::Error => "✗ ",
        Tone::Warning => "! ",
        Tone::Ping => "📣 ",
        Tone::Info => "",
    };
    let mut lines: Vec<String> = Vec::new();
    if let Some(title) = &reply.title {
        lines.push(title.clone());
    }
    for block in &reply.blocks {
        match block {
            Block::Paragraph(line) => lines.push(line_text(line)),
            Block::List(items) => lines.extend(items.iter().map(|i| format!("• {}", line_text(i)))),
        }
    }
    for field in &reply.fields {
        lines.push(format!("{}: {}", field.name, line_text(&field.value)));
    }
    let commands = reply.commands();
    if !commands.is_empty() {
        let commands: Vec<String> = commands.iter().map(|c| format!("`{c}`")).collect();
        lines.push(format!(
            "→ {}: {}",
            i18n.text(locale, &Msg::new("label-next")),
            commands.join(" · ")
        ));
    }
    if !reply.mentions.users.is_empty() {
        let names: Vec<String> = reply
            .mentions
            .users
            .iter()
            .map(|id| format!("@{}", mention_name(reply, id)))
            .collect();
        lines.push(format!(
            "→ {}: {}",
            i18n.text(locale, &Msg::new("console-pings")),
            names.join(", ")
        ));
    }
    let mut out = format!(
        "{header} {marker}{}",
        lines.first().map(String::as_str).unwrap_or("")
    );
    for line in lines.iter().skip(1) {
        out.push_str("\n  ");
        out.push_str(line);
    }
    out
}

/// The display name the reply uses for a mentioned person, or their id.
fn mention_name(reply: &Reply, id: &UserId) -> String {
    let in_line = |line: &Line| {
        line.iter().find_map(|inline| match inline {
            Inline::User { id: user, name } if user == id => Some(name.clone()),
            _ => None,
        })
    };
    reply
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Paragraph(line) => in_line(line),
            Block::List(items) => items.iter().find_map(in_line),
        })
        .unwrap_or_else(|| id.id.clone())
}

/// Runs a script and prints the transcript: each line as typed, then the reply.
pub async fn run_script(mut session: Session, path: &Path) -> anyhow::Result<()> {
    let script = std::fs::read_to_string(path)
        .with_context(|| format!("reading the script {}", path.display()))?;
    session.start_scheduler().await?;
    for line in script.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') {
            println!("{trimmed}");
            continue;
        }
        println!("{}{trimmed}", session.prompt());
        match session.handle_line(trimmed).await {
            Some(output) if output.is_empty() => {}
            Some(output) => println!("{output}"),
            None => break,
        }
    }
    Ok(())
}

/// Reads the keyboard until `/quit`, end of input or Ctrl-C.
pub async fn run_interactive(mut session: Session) -> anyhow::Result<()> {
    println!("{}", session.welcome().await);
    session.start_scheduler().await?;
    // Due reminders are printed while you type.
    let cancel = CancellationToken::new();
    let scheduler = tokio::spawn(session.scheduler.clone().run(cancel.clone()));
    let result = read_keyboard(&mut session).await;
    cancel.cancel();
    match scheduler.await {
        Ok(Err(error)) => tracing::error!(error = format!("{error:#}"), "the scheduler stopped"),
        Err(error) => tracing::error!(%error, "the scheduler task failed"),
        Ok(Ok(())) => {}
    }
    result
}

async fn read_keyboard(session: &mut Session) -> anyhow::Result<()> {
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    loop {
        print!("{}", session.prompt());
        std::io::stdout().flush()?;
        let line = tokio::select! {
            line = lines.next_line() => line.context("reading the keyboard")?,
            _ = tokio::signal::ctrl_c() => None,
        };
        let Some(line) = line else {
            println!();
            return Ok(());
        };
        match session.handle_line(&line).await {
            Some(output) if output.is_empty() => {}
            Some(output) => println!("{output}"),
            None => return Ok(()),
        }
    }
}

/// Prints what kumpul sends on its own. The console is its own platform: there is no
/// earlier copy to de-duplicate against, so a crash between printing and recording could
/// print a reminder twice here, which the chat platforms prevent with idempotency keys.
struct ConsoleNotifier {
    bot: Bot,
}

impl Notifier for ConsoleNotifier {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let locale = self.bot.locale_of_space(&delivery.space).await;
            println!("{}", render_delivery(delivery, self.bot.i18n(), locale));
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::parse_wait;

    #[test]
    fn waits_are_read_in_seconds_minutes_hours_and_days() {
        assert_eq!(parse_wait("90s"), Some(90_000));
        assert_eq!(parse_wait("2h"), Some(7_200_000));
        assert_eq!(parse_wait("1h30m"), Some(5_400_000));
        assert_eq!(parse_wait("1d"), Some(86_400_000));
        for bad in ["", "2", "h", "2x", "0m", "999d"] {
            assert_eq!(parse_wait(bad), None, "{bad}");
        }
    }
}
