//! From a core `Reply` to Matrix messages: an HTML formatted body with a plain-text
//! fallback, pills for people, and the exact `m.mentions` list. Actions become the
//! commands to type, since Matrix messages have no buttons.
//!
//! A homeserver refuses an event over 64 KiB (its whole JSON), and Element slows down on
//! far smaller ones, so a reply becomes as many messages as it takes to keep each one's
//! body, formatted body and mentions within [`PART_MAX`] bytes of JSON. It is split
//! between blocks where it can, else between the items of a list, else between the
//! pieces of a paragraph, and a text too long for one message at a character boundary.
//! Each part mentions exactly the people whose pills it shows (a big ping is several
//! messages that together mention everyone once); people the reply may ping but shows no
//! pill of go with the first part.

use std::collections::HashSet;

use kumpul_core::port::{Block, Inline, Line, Platform, Reply, UserId};

/// Most bytes of one message's body, formatted body and `m.mentions`, as JSON. With the
/// relations and the event's envelope it stays near 20 KiB, a third of Matrix's 64 KiB.
pub const PART_MAX: usize = 20_000;

/// [`PART_MAX`] for an edit: `m.replace` carries the new text twice (`m.new_content` and
/// the fallback body), so an edit's part is half as big.
pub const EDIT_MAX: usize = PART_MAX / 2;

/// Most bytes of one piece of text (its plain and HTML JSON together); a longer one is cut
/// at character boundaries, so one piece never fills a message alone.
const PIECE_MAX: usize = PART_MAX / 2;

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

/// Renders a reply; `prefix` is the command prefix (`!`) to show in commands to type.
pub fn render(reply: &Reply, prefix: &str, next_label: &str) -> Vec<Rendered> {
    render_within(reply, prefix, next_label, PART_MAX)
}

/// [`render`] with parts of at most `max` bytes of JSON ([`EDIT_MAX`] for an edit).
pub fn render_within(reply: &Reply, prefix: &str, next_label: &str, max: usize) -> Vec<Rendered> {
    let sections = sections(reply, prefix, next_label);
    let mut mentions: Vec<String> = Vec::new();
    for id in reply.mentions.users.iter().filter_map(matrix_id) {
        if !mentions.iter().any(|m| m == id) {
            mentions.push(id.to_owned());
        }
    }
    Packer::new(mentions, &sections, max).pack(&sections)
}

/// The smallest unit kept whole in one message: a piece of a line (a pill, a strong
/// word, a run of text no longer than [`PIECE_MAX`]).
struct Atom {
    plain: String,
    html: String,
    /// The Matrix id this atom is a pill of.
    pill: Option<String>,
}

impl Atom {
    fn new(plain: String, html: String) -> Atom {
        Atom {
            plain,
            html,
            pill: None,
        }
    }

    fn cost(&self) -> usize {
        json_len(&self.plain) + json_len(&self.html)
    }
}

/// A paragraph or a list item: its atoms, between `open` and `close` HTML tags, after
/// `lead` in plain text (`• ` for a list item).
struct Item {
    open: &'static str,
    close: &'static str,
    lead: &'static str,
    atoms: Vec<Atom>,
}

/// A block of the reply: its items between `open` and `close` HTML tags, separated by a
/// line break in plain text. Blocks are separated by an empty line.
struct Section {
    open: &'static str,
    close: &'static str,
    items: Vec<Item>,
}

impl Section {
    /// A paragraph (`<p>`) of `atoms`.
    fn paragraph(atoms: Vec<Atom>) -> Section {
        Section {
            open: "<p>",
            close: "</p>",
            items: vec![Item {
                open: "",
                close: "",
                lead: "",
                atoms,
            }],
        }
    }
}

/// The reply as sections: its title, blocks and fields, then the commands to type for its
/// actions.
fn sections(reply: &Reply, prefix: &str, next_label: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    if let Some(title) = &reply.title {
        sections.push(Section {
            open: "",
            close: "",
            items: vec![Item {
                open: "<strong>",
                close: "</strong>",
                lead: "",
                atoms: text_atoms(title, escape, str::to_owned),
            }],
        });
    }
    for block in &reply.blocks {
        match block {
            Block::Paragraph(line) => sections.push(Section::paragraph(line_atoms(line, prefix))),
            Block::List(items) => sections.push(Section {
                open: "<ul>",
                close: "</ul>",
                items: items
                    .iter()
                    .map(|line| Item {
                        open: "<li>",
                        close: "</li>",
                        lead: "• ",
                        atoms: line_atoms(line, prefix),
                    })
                    .collect(),
            }),
        }
    }
    for field in &reply.fields {
        let mut atoms = vec![Atom::new(
            format!("{}: ", field.name),
            format!("<strong>{}:</strong> ", escape(&field.name)),
        )];
        atoms.extend(line_atoms(&field.value, prefix));
        sections.push(Section::paragraph(atoms));
    }
    let commands = reply.commands();
    if !commands.is_empty() {
        let mut atoms = vec![Atom::new(
            format!("{next_label}: "),
            format!("{}: ", escape(next_label)),
        )];
        for (i, command) in commands.iter().enumerate() {
            if i > 0 {
                atoms.push(Atom::new(" · ".into(), " · ".into()));
            }
            atoms.push(Atom::new(
                format!("`{prefix}{command}`"),
                format!("<code>{}{}</code>", escape(prefix), escape(command)),
            ));
        }
        sections.push(Section::paragraph(atoms));
    }
    sections
}

/// The atoms of a line: one per piece, long texts cut into several.
fn line_atoms(line: &Line, prefix: &str) -> Vec<Atom> {
    let mut atoms = Vec::new();
    for piece in line {
        match piece {
            Inline::Text(t) => atoms.extend(text_atoms(t, escape, str::to_owned)),
            Inline::Strong(t) => atoms.extend(text_atoms(
                t,
                |t| format!("<strong>{}</strong>", escape(t)),
                str::to_owned,
            )),
            Inline::Code(t) if !looks_like_command(t) => atoms.extend(text_atoms(
                t,
                |t| format!("<code>{}</code>", escape(t)),
                |t| format!("`{t}`"),
            )),
            other => atoms.push(Atom {
                plain: inline_plain(other, prefix),
                html: match other {
                    Inline::Code(t) => format!("<code>{}{}</code>", escape(prefix), escape(t)),
                    _ => inline_html(other),
                },
                pill: match other {
                    Inline::User { id, .. } => matrix_id(id).map(str::to_owned),
                    _ => None,
                },
            }),
        }
    }
    atoms
}

/// `text` as atoms of at most [`PIECE_MAX`] bytes of JSON each, cut at character
/// boundaries, each wrapped by `html` and `plain`.
fn text_atoms(
    text: &str,
    html: impl Fn(&str) -> String,
    plain: impl Fn(&str) -> String,
) -> Vec<Atom> {
    let mut atoms = Vec::new();
    let mut start = 0;
    let mut cost = 0;
    for (at, c) in text.char_indices() {
        let mut buf = [0u8; 4];
        let one: &str = c.encode_utf8(&mut buf);
        // The character's bytes in the plain body and in the escaped HTML, as JSON.
        let add = json_len(one) + json_len(&escape(one));
        if cost + add > PIECE_MAX && at > start {
            atoms.push(Atom::new(plain(&text[start..at]), html(&text[start..at])));
            start = at;
            cost = 0;
        }
        cost += add;
    }
    if start < text.len() || atoms.is_empty() {
        atoms.push(Atom::new(plain(&text[start..]), html(&text[start..])));
    }
    atoms
}

/// Bytes of `text` as a JSON string's contents (serde_json's escapes).
fn json_len(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
            c if (c as u32) < 0x20 => 6,
            c => c.len_utf8(),
        })
        .sum()
}

/// The cost in a message's JSON of mentioning `id` (`"@id",`).
fn mention_cost(id: &str) -> usize {
    json_len(id) + 3
}

/// Room kept in every part for the tags that close it (`</li></ul>`).
const CLOSE_RESERVE: usize = 16;

/// Fills messages with the sections' atoms in order, each within `max` bytes.
struct Packer {
    max: usize,
    parts: Vec<Rendered>,
    current: Rendered,
    cost: usize,
    /// The closing tags of the section and the item open in `current`.
    open_section: Option<&'static str>,
    open_item: Option<&'static str>,
    /// Who may be pinged, and who already is (in an earlier part or this one).
    allowed: HashSet<String>,
    mentioned: HashSet<String>,
}

impl Packer {
    /// A packer whose first part mentions the people of `mentions` with no pill in
    /// `sections`.
    fn new(mentions: Vec<String>, sections: &[Section], max: usize) -> Packer {
        let pilled: HashSet<&str> = sections
            .iter()
            .flat_map(|s| &s.items)
            .flat_map(|i| &i.atoms)
            .filter_map(|a| a.pill.as_deref())
            .collect();
        let unpilled: Vec<String> = mentions
            .iter()
            .filter(|m| !pilled.contains(m.as_str()))
            .cloned()
            .collect();
        Packer {
            max,
            parts: Vec::new(),
            cost: unpilled.iter().map(|m| mention_cost(m)).sum(),
            mentioned: unpilled.iter().cloned().collect(),
            current: Rendered {
                plain: String::new(),
                html: String::new(),
                mentions: unpilled,
            },
            open_section: None,
            open_item: None,
            allowed: mentions.into_iter().collect(),
        }
    }

    fn pack(mut self, sections: &[Section]) -> Vec<Rendered> {
        for section in sections {
            let cost = section.open.len()
                + section
                    .items
                    .iter()
                    .map(|i| self.estimate(i))
                    .sum::<usize>();
            self.keep_together(cost);
            for item in &section.items {
                self.keep_together(self.estimate(item));
                let empty = Atom::new(String::new(), String::new());
                let atoms = match item.atoms.is_empty() {
                    true => std::slice::from_ref(&empty),
                    false => item.atoms.as_slice(),
                };
                for (index, atom) in atoms.iter().enumerate() {
                    self.place(section, item, index == 0, atom);
                }
                if let Some(close) = self.open_item.take() {
                    self.current.html.push_str(close);
                }
            }
            if let Some(close) = self.open_section.take() {
                self.current.html.push_str(close);
            }
        }
        self.parts.push(self.current);
        self.parts
    }

    /// About what `item` adds to a part (its atoms, tags and mentions).
    fn estimate(&self, item: &Item) -> usize {
        let mentions: usize = item
            .atoms
            .iter()
            .filter_map(|a| a.pill.as_ref())
            .filter(|id| self.allowed.contains(*id))
            .map(|id| mention_cost(id))
            .sum();
        let atoms: usize = item.atoms.iter().map(Atom::cost).sum();
        atoms + mentions + item.open.len() + item.close.len() + item.lead.len() + 2
    }

    /// Starts a new part if something of `cost` would fit in one but not in the rest of
    /// the current one: a block or a list item is cut only when it is longer than a part.
    fn keep_together(&mut self, cost: usize) {
        let fits_alone = cost + CLOSE_RESERVE <= self.max;
        let fits_here = self.cost + cost + CLOSE_RESERVE <= self.max;
        if fits_alone && !fits_here && !self.current.plain.is_empty() {
            self.flush();
        }
    }

    /// Puts `atom` (the first of its item if `first`) in the current part, after starting
    /// a new part if it does not fit.
    fn place(&mut self, section: &Section, item: &Item, first: bool, atom: &Atom) {
        let mention = atom
            .pill
            .as_ref()
            .filter(|id| self.allowed.contains(*id) && !self.mentioned.contains(*id));
        let needed = |packer: &Packer| {
            let mut cost = atom.cost() + mention.map_or(0, |id| mention_cost(id));
            if packer.open_section.is_none() {
                cost += section.open.len() + 2;
            }
            if packer.open_item.is_none() {
                cost += item.open.len() + json_len(item.lead) + 1;
            }
            cost
        };
        if !self.current.plain.is_empty() && self.cost + needed(self) + CLOSE_RESERVE > self.max {
            self.flush();
        }
        self.cost += needed(self);
        // An empty line before a block, a line break between the items of one.
        let opens_section = self.open_section.is_none();
        if opens_section {
            if !self.current.plain.is_empty() {
                self.current.plain.push_str("\n\n");
            }
            self.current.html.push_str(section.open);
            self.open_section = Some(section.close);
        }
        if self.open_item.is_none() {
            if first {
                if !opens_section && !self.current.plain.is_empty() {
                    self.current.plain.push('\n');
                }
                self.current.plain.push_str(item.lead);
            }
            self.current.html.push_str(item.open);
            self.open_item = Some(item.close);
        }
        self.current.plain.push_str(&atom.plain);
        self.current.html.push_str(&atom.html);
        if let Some(id) = mention {
            self.mentioned.insert(id.clone());
            self.current.mentions.push(id.clone());
        }
    }

    /// Closes the current part's open tags and starts the next part.
    fn flush(&mut self) {
        for close in [self.open_item.take(), self.open_section.take()]
            .into_iter()
            .flatten()
        {
            self.current.html.push_str(close);
        }
        let next = Rendered {
            plain: String::new(),
            html: String::new(),
            mentions: Vec::new(),
        };
        self.parts.push(std::mem::replace(&mut self.current, next));
        self.cost = 0;
    }
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

    /// The whole JSON of a part sent as a reply to an event, as a homeserver sees its
    /// content.
    fn sent_size(part: &Rendered) -> usize {
        use matrix_sdk::ruma::events::room::message::{AddMentions, ForwardThread, ReplyMetadata};
        use matrix_sdk::ruma::{event_id, user_id};
        let metadata = ReplyMetadata::new(
            event_id!("$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
            user_id!("@somebody:example.org"),
            None,
        );
        let content =
            crate::send::message(part).make_reply_to(metadata, ForwardThread::No, AddMentions::No);
        serde_json::to_string(&content).unwrap().len()
    }

    /// Every part fits comfortably (≤ 24 KiB as sent), and their texts, in order, are the
    /// whole reply's: only line breaks at the cuts are dropped.
    fn assert_fits_and_keeps(parts: &[Rendered], reply: &Reply) {
        for part in parts {
            let size = sent_size(part);
            assert!(size <= 24 * 1024, "a part of {size} bytes");
        }
        let whole = render_within(reply, "!", "next", usize::MAX);
        assert_eq!(whole.len(), 1);
        let whole = &whole[0].plain;
        let mut rest = whole.as_str();
        for (i, part) in parts.iter().enumerate() {
            rest = rest.trim_start_matches('\n');
            assert!(
                rest.starts_with(&part.plain),
                "part {i} is not where the whole continues"
            );
            rest = &rest[part.plain.len()..];
        }
        assert_eq!(rest, "", "text lost after the last part");
    }

    fn member(i: usize) -> UserId {
        UserId::new(Platform::Matrix, format!("@member{i:04}:example.org"))
    }

    #[test]
    fn long_replies_are_split_between_blocks() {
        let mut reply = Reply::new(Visibility::Public, Tone::Info);
        for _ in 0..20 {
            reply = reply.paragraph(vec![Inline::Text("x".repeat(3000))]);
        }
        let parts = render(&reply, "!", "next");
        assert!(parts.len() > 1);
        assert_fits_and_keeps(&parts, &reply);
        for part in &parts {
            assert_eq!(
                part.html.matches("<p>").count(),
                part.html.matches("</p>").count()
            );
            assert!(part.html.starts_with("<p>") && part.html.ends_with("</p>"));
        }
        // Blocks that fit are whole: 3,000 x's are one paragraph, never cut.
        assert!(
            parts
                .iter()
                .all(|p| p.plain.split("\n\n").all(|t| t.len() == 3000)),
            "{:?}",
            parts
                .iter()
                .map(|p| p.plain.split("\n\n").map(str::len).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_big_ping_is_several_messages_that_mention_everyone_once() {
        let people: Vec<(UserId, String)> = (0..600)
            .map(|i| (member(i), format!("Member {i}")))
            .collect();
        let reply = Reply::new(Visibility::Public, Tone::Ping)
            .paragraph(vec![Inline::Text("Hiking at 7".into())])
            .ping(people);
        let parts = render(&reply, "!", "next");
        assert!(parts.len() >= 3, "{} parts", parts.len());
        assert_fits_and_keeps(&parts, &reply);
        let mut all: Vec<String> = Vec::new();
        for part in &parts {
            // Each part mentions exactly the people whose pills it shows.
            let pilled: Vec<String> = part
                .html
                .match_indices("https://matrix.to/#/")
                .map(|(at, _)| {
                    let rest = &part.html[at + 20..];
                    rest[..rest.find('"').unwrap()].to_owned()
                })
                .collect();
            assert_eq!(part.mentions, pilled);
            assert!(part.html.starts_with("<p>") && part.html.ends_with("</p>"));
            all.extend(part.mentions.iter().cloned());
        }
        let expected: Vec<String> = (0..600).map(|i| member(i).id).collect();
        assert_eq!(all, expected, "everyone mentioned once, in order");
    }

    #[test]
    fn people_mentioned_without_a_pill_go_with_the_first_part() {
        let mut reply = Reply::new(Visibility::Public, Tone::Ping);
        for _ in 0..10 {
            reply = reply.paragraph(vec![Inline::Text("y".repeat(4000))]);
        }
        reply = reply.paragraph(vec![Inline::User {
            id: member(1),
            name: "One".into(),
        }]);
        reply.mentions.users = vec![member(1), member(2), member(2)];
        let parts = render(&reply, "!", "next");
        assert!(parts.len() > 1);
        assert_eq!(parts[0].mentions, [member(2).id]);
        assert_eq!(parts.last().unwrap().mentions, [member(1).id]);
        let count: usize = parts.iter().map(|p| p.mentions.len()).sum();
        assert_eq!(count, 2);
        // A pill of someone the reply may not ping pings nobody.
        let shown = Reply::public(
            Tone::Info,
            vec![Inline::User {
                id: member(3),
                name: "Three".into(),
            }],
        );
        assert!(render(&shown, "!", "next")[0].mentions.is_empty());
    }

    #[test]
    fn a_long_list_is_split_between_its_items() {
        let items: Vec<Line> = (0..5000)
            .map(|i| {
                vec![
                    Inline::Strong(format!("#{i}")),
                    Inline::Text(" water the plants — every Monday at 07:00 WIB".into()),
                ]
            })
            .collect();
        let reply = Reply::new(Visibility::Private, Tone::Info)
            .title("Your reminders")
            .list(items)
            .paragraph(vec![Inline::Text("Page 1 of 1".into())]);
        let parts = render(&reply, "!", "next");
        assert!(parts.len() > 5, "{} parts", parts.len());
        assert_fits_and_keeps(&parts, &reply);
        let mut items = 0;
        for part in &parts {
            assert_eq!(
                part.html.matches("<li>").count(),
                part.html.matches("</li>").count()
            );
            assert_eq!(
                part.html.matches("<ul>").count(),
                part.html.matches("</ul>").count()
            );
            items += part.html.matches("<li>").count();
        }
        assert_eq!(items, 5000, "no item is cut in two");
        assert!(
            parts[0].plain.starts_with("Your reminders\n\n• #0 water"),
            "{:?}",
            &parts[0].plain[..60]
        );
        assert!(
            parts[1].plain.starts_with("• #"),
            "{}",
            &parts[1].plain[..40]
        );
    }

    #[test]
    fn one_huge_text_is_cut_at_character_boundaries() {
        // Quotes and ampersands grow when escaped; multi-byte characters must not be cut.
        let text = "Budi said \"ayo\" & 🎉 éé — ".repeat(8000);
        let reply = Reply::public(
            Tone::Info,
            vec![
                Inline::Text("Before ".into()),
                Inline::Strong(text.clone()),
                Inline::Code("group list".into()),
            ],
        );
        let parts = render(&reply, "!", "next");
        assert!(parts.len() > 10, "{} parts", parts.len());
        assert_fits_and_keeps(&parts, &reply);
        for part in &parts {
            assert_eq!(
                part.html.matches("<strong>").count(),
                part.html.matches("</strong>").count()
            );
        }
        assert!(parts.last().unwrap().plain.ends_with("`!group list`"));
    }

    #[test]
    fn an_edit_part_is_half_a_message() {
        let mut reply = Reply::new(Visibility::Public, Tone::Info);
        for _ in 0..10 {
            reply = reply.paragraph(vec![Inline::Text("z".repeat(3000))]);
        }
        let parts = render_within(&reply, "!", "next", EDIT_MAX);
        assert!(parts.len() > 2);
        assert!(parts.iter().all(|p| sent_size(p) <= EDIT_MAX + 512));
    }
}
