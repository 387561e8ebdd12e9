//! Replies and deliveries as terminal text: a header saying who sees it, a marker for
//! its tone, then its lines, the commands its buttons stand for and whom it pings. Also
//! the notifier that prints what kumpul sends on its own.

use std::collections::HashMap;

use kumpul_core::port::{
    Audience, Block, Bot, BoxFuture, Delivery, DeliveryError, I18n, Inline, Line, Locale, Msg,
    Notifier, Reply, Tone, UserId, Visibility,
};

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
    let header = match &delivery.audience {
        Audience::Channel => "kumpul:".to_owned(),
        Audience::Moderators => format!(
            "kumpul → {}:",
            i18n.text(locale, &Msg::new("console-moderators"))
        ),
        // Marked like a private reply: the console has no direct messages of its own.
        Audience::Person(recipient) => format!(
            "kumpul → {} ({}):",
            recipient.name,
            i18n.text(locale, &Msg::new("console-only-you"))
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
        let shown = shown_names(reply);
        let names: Vec<String> = reply
            .mentions
            .users
            .iter()
            .map(|id| format!("@{}", shown.get(id).copied().unwrap_or(id.id.as_str())))
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

/// The display name the reply first uses for each person it shows, by id: built once per
/// reply, so naming every pinged person costs one look-up each. (Searching the reply per
/// mention made a 5,000-member ping cost 15 times a 500-member one.) A person the reply
/// pings without showing is named by their id.
fn shown_names(reply: &Reply) -> HashMap<&UserId, &str> {
    let mut names = HashMap::new();
    let lines = reply.blocks.iter().flat_map(|block| match block {
        Block::Paragraph(line) => std::slice::from_ref(line),
        Block::List(items) => items.as_slice(),
    });
    for inline in lines.flatten() {
        if let Inline::User { id, name } = inline {
            names.entry(id).or_insert(name.as_str());
        }
    }
    names
}

/// Prints what kumpul sends on its own. The console is its own platform: there is no
/// earlier copy to de-duplicate against, so a crash between printing and recording could
/// print a reminder twice here, which the chat platforms prevent with idempotency keys.
pub(super) struct ConsoleNotifier {
    pub(super) bot: Bot,
}

impl Notifier for ConsoleNotifier {
    fn deliver<'a>(&'a self, delivery: &'a Delivery) -> BoxFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let locale = delivery.reply.locale.unwrap_or(Locale::En);
            println!("{}", render_delivery(delivery, self.bot.i18n(), locale));
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kumpul_core::port::Platform;

    fn user(id: &str) -> UserId {
        UserId::new(Platform::Console, id)
    }

    fn mention(id: &str, name: &str) -> Inline {
        Inline::User {
            id: user(id),
            name: name.to_owned(),
        }
    }

    #[test]
    fn pinged_people_are_named_as_the_reply_first_shows_them_or_by_id() {
        let mut reply = Reply::new(Visibility::Public, Tone::Ping)
            .paragraph(vec![mention("ana", "Ana")])
            .list(vec![
                vec![mention("budi", "Budi"), mention("ana", "Ana again")],
                vec![mention("citra", "Citra")],
            ]);
        reply.mentions.users = vec![user("citra"), user("ana"), user("dewi"), user("budi")];
        let i18n = I18n::load().unwrap();
        let text = render(&reply, "ana", &i18n, Locale::En);
        let pings = text.lines().last().unwrap();
        assert!(pings.ends_with("@Citra, @Ana, @dewi, @Budi"), "{text}");
    }
}
