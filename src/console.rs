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
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use kumpul_core::Bot;
use kumpul_core::i18n::{Locale, Msg};
use kumpul_core::identity::{Actor, ChannelId, Invocation, Platform, Role, SpaceId, UserId};
use kumpul_core::reply::{Block, Inline, Line, Reply, Tone, Visibility};
use tokio::io::{AsyncBufReadExt, BufReader};

/// One console session: the space and whoever is speaking now.
pub struct Session {
    bot: Bot,
    space: SpaceId,
    actor: Actor,
}

impl Session {
    /// Starts as the configured user, who is the local space's admin.
    pub fn new(bot: Bot, space: &str, user: &str, locale: Option<Locale>) -> Session {
        let actor = Actor {
            user: UserId::new(Platform::Console, user.to_lowercase()),
            display_name: user.to_owned(),
            role: Role::Admin,
            locale,
        };
        Session {
            bot,
            space: SpaceId::new(Platform::Console, space),
            actor,
        }
    }

    fn invocation(&self) -> Invocation {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or_default();
        Invocation {
            space: self.space.clone(),
            channel: Some(ChannelId::new(Platform::Console, "main")),
            actor: self.actor.clone(),
            now_ms,
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
        format!("{}> ", self.actor.display_name)
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
        let text = line.strip_prefix('!').unwrap_or(line);
        let reply = self.bot.handle_text(&self.invocation(), text).await;
        let locale = self.locale().await;
        Some(render(
            &reply,
            &self.actor.display_name,
            self.bot.i18n(),
            locale,
        ))
    }

    async fn meta(&mut self, meta: &str) -> Option<String> {
        let words: Vec<&str> = meta.split_whitespace().collect();
        match words.as_slice() {
            ["quit" | "exit" | "q"] => None,
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

    async fn meta_help(&self) -> String {
        self.bot
            .i18n()
            .text(self.locale().await, &Msg::new("console-unknown-meta"))
    }
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
pub fn render(
    reply: &Reply,
    actor: &str,
    i18n: &kumpul_core::i18n::I18n,
    locale: Locale,
) -> String {
    let marker = match reply.tone {
        Tone::Success => "✓ ",
        Tone::Error => "✗ ",
        Tone::Warning => "! ",
        Tone::Ping => "📣 ",
        Tone::Info => "",
    };
    let header = match reply.visibility {
        Visibility::Public => "kumpul:".to_owned(),
        Visibility::Private => format!(
            "kumpul → {actor} ({}):",
            i18n.text(locale, &Msg::new("console-only-you"))
        ),
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
    if !reply.actions.is_empty() {
        let commands: Vec<String> = reply
            .actions
            .iter()
            .map(|a| format!("`{}`", a.command))
            .collect();
        lines.push(format!(
            "→ {}: {}",
            i18n.text(locale, &Msg::new("console-actions")),
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
    let mut stdout = std::io::stdout().lock();
    for line in script.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') {
            writeln!(stdout, "{trimmed}")?;
            continue;
        }
        writeln!(stdout, "{}{trimmed}", session.prompt())?;
        match session.handle_line(trimmed).await {
            Some(output) => writeln!(stdout, "{output}")?,
            None => break,
        }
    }
    Ok(())
}

/// Reads the keyboard until `/quit`, end of input or Ctrl-C.
pub async fn run_interactive(mut session: Session) -> anyhow::Result<()> {
    println!("{}", session.welcome().await);
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
