//! From a core `Reply` to a Matrix message: an HTML formatted body with a plain-text
//! fallback, pills for people, and the exact `m.mentions` list. Actions become the
//! commands to type, since Matrix messages have no buttons.

use kumpul_core::port::{Block, Inline, Line, Platform, Reply, UserId};

/// Longest body we send in one event; longer replies are split between blocks.
const BODY_MAX: usize = 16_000;

/// One message to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub plain: String,
    pub html: String,
    /// Matrix user ids this message may notify (`m.mentions.user_ids`).
    pub mentions: Vec<String>,
}

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn matrix_id(user: &UserId) -> Option<&str> {
    (user.platform == Platform::Matrix).then_some(user.id.as_str())
}

fn inline_html(piece: &Inline) -> String {
    match piece {
        Inline::Text(t) => escape(t),
        Inline::Strong(t) => format!("<strong>{}</strong>", escape(t)),
        Inline::Code(t) => format!("<code>{}</code>", escape(t)),
        Inline::User { id, name } => match matrix_id(id) {
            Some(mxid) => format!(
                "<a href=\"https://matrix.to/#/{}\">{}</a>",
                escape(mxid),
                escape(name)
            ),
            None => format!("<strong>{}</strong>", escape(name)),
        },
        Inline::Role { id } => escape(&format!("@{}", id.id)),
        Inline::Time { text, .. } => escape(text),
    }
}

fn inline_plain(piece: &Inline, prefix: &str) -> String {
    match piece {
        Inline::Code(t) if looks_like_command(t) => format!("`{prefix}{t}`"),
        Inline::User { id, name } => match matrix_id(id) {
            Some(mxid) => format!("{name} ({mxid})"),
            None => name.clone(),
        },
        other => other.plain(),
    }
}

/// Command suggestions in replies are written without a prefix; on Matrix they need one.
fn looks_like_command(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or_default();
    kumpul_core::port::is_command(first)
}

fn line_html(line: &Line, prefix: &str) -> String {
    line.iter()
        .map(|piece| match piece {
            Inline::Code(t) if looks_like_command(t) => {
                format!("<code>{}{}</code>", escape(prefix), escape(t))
            }
            other => inline_html(other),
        })
        .collect()
}

fn line_plain(line: &Line, prefix: &str) -> String {
    line.iter().map(|p| inline_plain(p, prefix)).collect()
}

/// Renders a reply; `prefix` is the command prefix (`!`) to show in commands to type.
pub fn render(reply: &Reply, prefix: &str, next_label: &str) -> Vec<Rendered> {
    let sections = sections(reply, prefix, next_label);
    let mentions: Vec<String> = reply
        .mentions
        .users
        .iter()
        .filter_map(matrix_id)
        .map(str::to_owned)
        .collect();
    split(sections, mentions)
}

/// The reply as (plain, HTML) sections: its title, blocks and fields, then the commands
/// to type for its actions.
fn sections(reply: &Reply, prefix: &str, next_label: &str) -> Vec<(String, String)> {
    let mut sections: Vec<(String, String)> = Vec::new();
    if let Some(title) = &reply.title {
        sections.push((title.clone(), format!("<strong>{}</strong>", escape(title))));
    }
    for block in &reply.blocks {
        match block {
            Block::Paragraph(line) => sections.push((
                line_plain(line, prefix),
                format!("<p>{}</p>", line_html(line, prefix)),
            )),
            Block::List(items) => {
                let plain = items
                    .iter()
                    .map(|i| format!("• {}", line_plain(i, prefix)))
                    .collect::<Vec<_>>()
                    .join("\n");
                let html = items
                    .iter()
                    .map(|i| format!("<li>{}</li>", line_html(i, prefix)))
                    .collect::<String>();
                sections.push((plain, format!("<ul>{html}</ul>")));
            }
        }
    }
    for field in &reply.fields {
        sections.push((
            format!("{}: {}", field.name, line_plain(&field.value, prefix)),
            format!(
                "<p><strong>{}:</strong> {}</p>",
                escape(&field.name),
                line_html(&field.value, prefix)
            ),
        ));
    }
    let commands = reply.commands();
    if !commands.is_empty() {
        let plain: Vec<String> = commands.iter().map(|c| format!("`{prefix}{c}`")).collect();
        let html: Vec<String> = commands
            .iter()
            .map(|c| format!("<code>{}{}</code>", escape(prefix), escape(c)))
            .collect();
        sections.push((
            format!("{next_label}: {}", plain.join(" · ")),
            format!("<p>{}: {}</p>", escape(next_label), html.join(" · ")),
        ));
    }
    sections
}

/// The sections as messages of at most [`BODY_MAX`] bytes of HTML each.
fn split(sections: Vec<(String, String)>, mentions: Vec<String>) -> Vec<Rendered> {
    // Split between sections so no event grows past the limit; mentions go with the
    // first part (the pills live in the paragraphs that name people).
    let mut parts: Vec<Rendered> = Vec::new();
    let mut current = Rendered {
        plain: String::new(),
        html: String::new(),
        mentions: mentions.clone(),
    };
    for (plain, html) in sections {
        if !current.plain.is_empty() && current.html.len() + html.len() > BODY_MAX {
            parts.push(std::mem::replace(
                &mut current,
                Rendered {
                    plain: String::new(),
                    html: String::new(),
                    mentions: Vec::new(),
                },
            ));
        }
        if !current.plain.is_empty() {
            current.plain.push_str("\n\n");
        }
        current.plain.push_str(&plain);
        current.html.push_str(&html);
    }
    parts.push(current);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use kumpul_core::port::{Tone, Visibility};

    #[test]
    fn user_text_cannot_inject_html_or_ping_the_room() {
        let mut reply = Reply::new(Visibility::Public, Tone::Ping)
            .paragraph(vec![Inline::Text("<b>@room</b> & more".into())])
            .paragraph(vec![Inline::User {
                id: UserId::new(Platform::Matrix, "@bob:localhost"),
                name: "Bob <3".into(),
            }]);
        reply.mentions.users = vec![
            UserId::new(Platform::Matrix, "@bob:localhost"),
            UserId::new(Platform::Discord, "1"),
        ];
        let parts = render(&reply, "!", "next");
        assert_eq!(parts.len(), 1);
        assert!(
            parts[0]
                .html
                .contains("&lt;b&gt;@room&lt;/b&gt; &amp; more"),
            "{}",
            parts[0].html
        );
        assert!(
            parts[0]
                .html
                .contains("<a href=\"https://matrix.to/#/@bob:localhost\">Bob &lt;3</a>")
        );
        assert_eq!(parts[0].mentions, ["@bob:localhost"]);
    }

    #[test]
    fn commands_to_type_get_the_prefix() {
        let reply = Reply::new(Visibility::Private, Tone::Error).paragraph(vec![
            Inline::Text("Type ".into()),
            Inline::Code("group list".into()),
        ]);
        let parts = render(&reply, "!", "next");
        assert_eq!(parts[0].plain, "Type `!group list`");
        assert!(parts[0].html.contains("<code>!group list</code>"));
    }

    #[test]
    fn long_replies_are_split_between_blocks() {
        let mut reply = Reply::new(Visibility::Public, Tone::Info);
        for _ in 0..10 {
            reply = reply.paragraph(vec![Inline::Text("x".repeat(3000))]);
        }
        let parts = render(&reply, "!", "next");
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.html.len() <= BODY_MAX));
    }
}
