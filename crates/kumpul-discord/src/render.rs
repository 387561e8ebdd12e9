//! From a core `Reply` to Discord messages: an embed for the body, buttons for actions,
//! the pings in the content (embeds never notify anyone), and `allowed_mentions` set from
//! the reply's mention list alone — user text can never ping anyone.
//!
//! Discord's limits are respected by truncating with a visible note or by splitting, never
//! by failing: 2000 characters of content, 4096 of embed description, 256 of title, 25
//! fields of 256/1024, 5 rows of 5 buttons.

use kumpul_core::port::{
    Action, ActionStyle, Block, I18n, Inline, Line, Locale, Msg, Platform, Reply, Tone, UserId,
    Visibility,
};
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAttachment, CreateButton, CreateEmbed, CreateInputText,
    CreateModal, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, InputTextStyle,
};

mod builders;

const CONTENT_MAX: usize = 2000;
const DESCRIPTION_MAX: usize = 4096;
const TITLE_MAX: usize = 256;
const FIELDS_MAX: usize = 25;
const FIELD_NAME_MAX: usize = 256;
const FIELD_VALUE_MAX: usize = 1024;
const BUTTONS_PER_ROW: usize = 5;
const ROWS_MAX: usize = 5;
const LABEL_MAX: usize = 80;
const PLACEHOLDER_MAX: usize = 150;
const SELECT_OPTIONS_MAX: usize = 25;
const MODAL_TITLE_MAX: usize = 45;
const INPUT_LABEL_MAX: usize = 45;

/// One Discord message to send, independent of how it is sent.
#[derive(Debug, Clone, Default)]
pub struct Part {
    pub content: String,
    pub embed: Option<CreateEmbed>,
    pub buttons: Vec<CreateButton>,
    /// Menus, one row each, above the buttons.
    pub selects: Vec<CreateSelectMenu>,
    /// Exactly the users this message may ping.
    pub ping_users: Vec<u64>,
    pub ephemeral: bool,
    pub files: Vec<CreateAttachment>,
}

/// Escapes Discord markdown and mention syntax in user text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '<' | '@' | ':' | '-'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn discord_id(user: &UserId) -> Option<u64> {
    (user.platform == Platform::Discord)
        .then(|| user.id.parse().ok())
        .flatten()
}

fn inline(piece: &Inline) -> String {
    match piece {
        Inline::Text(t) => escape(t),
        Inline::Strong(t) => format!("**{}**", escape(t)),
        Inline::Code(t) => format!("`{}`", t.replace('`', "ˋ")),
        Inline::User { id, name } => match discord_id(id) {
            Some(id) => format!("<@{id}>"),
            None => format!("**{}**", escape(name)),
        },
        Inline::Role { id } if id.platform == Platform::Discord => {
            format!("<@&{}>", escape(&id.id))
        }
        Inline::Role { id } => format!("@{}", escape(&id.id)),
        Inline::Time { at_ms, .. } => {
            let secs = at_ms.div_euclid(1000);
            format!("<t:{secs}:F> (<t:{secs}:R>)")
        }
    }
}

fn line(pieces: &Line) -> String {
    pieces.iter().map(inline).collect()
}

/// Cuts `text` to at most `max` characters, ending with `…` when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn colour(tone: Tone) -> u32 {
    match tone {
        Tone::Success => 0x2e_cc_71,
        Tone::Error => 0xe7_4c_3c,
        Tone::Warning => 0xf3_9c_12,
        Tone::Ping => 0x34_98_db,
        Tone::Info => 0x95_a5_a6,
    }
}

/// Renders a reply into one or more messages. The first carries the embed and buttons;
/// further ones carry the rest of a long list of pings.
pub fn render(reply: &Reply, i18n: &I18n, locale: Locale) -> Vec<Part> {
    let ephemeral = reply.visibility == Visibility::Private;
    let selects: Vec<CreateSelectMenu> =
        reply.selects().iter().take(ROWS_MAX).map(select).collect();
    let button_room = BUTTONS_PER_ROW * (ROWS_MAX - selects.len());
    let description = description(reply, button_room, i18n, locale);
    let embed = embed(reply, description);
    let buttons: Vec<CreateButton> = reply
        .actions()
        .iter()
        .take(button_room)
        .map(button)
        .collect();
    let files: Vec<CreateAttachment> = reply
        .attachments
        .iter()
        .map(|f| CreateAttachment::bytes(f.data.clone(), f.name.clone()))
        .collect();
    let mut chunks = ping_chunks(&reply.mentions.users).into_iter();
    let (content, ping_users) = chunks.next().unwrap_or_default();
    let mut parts = vec![Part {
        content,
        embed: Some(embed),
        buttons,
        selects,
        ping_users,
        ephemeral,
        files,
    }];
    parts.extend(chunks.map(|(content, ping_users)| Part {
        content,
        ping_users,
        ephemeral,
        ..Part::default()
    }));
    parts
}

/// The embed description: the blocks, then as commands the actions that found no room
/// among the buttons, cut with a note at Discord's limit.
fn description(reply: &Reply, button_room: usize, i18n: &I18n, locale: Locale) -> String {
    let mut description: Vec<String> = Vec::new();
    for block in &reply.blocks {
        match block {
            Block::Paragraph(l) => description.push(line(l)),
            Block::List(items) => description.push(
                items
                    .iter()
                    .map(|i| format!("• {}", line(i)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        }
    }
    let mut description = description.join("\n\n");
    let too_many_buttons = reply.actions().len() > button_room;
    if too_many_buttons {
        let rest: Vec<String> = reply.actions()[button_room..]
            .iter()
            .map(|a| format!("`{}`", a.command))
            .collect();
        description.push_str(&format!(
            "\n\n{}",
            i18n.text(
                locale,
                &Msg::new("discord-more-actions").text("commands", rest.join(" · "))
            )
        ));
    }
    if description.chars().count() > DESCRIPTION_MAX {
        let note = i18n.text(locale, &Msg::new("discord-truncated"));
        description = format!(
            "{}\n{note}",
            truncate(&description, DESCRIPTION_MAX - note.chars().count() - 1)
        );
    }
    description
}

/// The embed: the reply's colour, title, description and fields, within Discord's limits.
fn embed(reply: &Reply, description: String) -> CreateEmbed {
    let mut embed = CreateEmbed::new().colour(colour(reply.tone));
    if let Some(title) = &reply.title {
        // Titles render markdown too: user text in them (a poll question) is escaped.
        embed = embed.title(truncate(&escape(title), TITLE_MAX));
    }
    if !description.is_empty() {
        embed = embed.description(description);
    }
    for field in reply.fields.iter().take(FIELDS_MAX) {
        embed = embed.field(
            truncate(&field.name, FIELD_NAME_MAX),
            truncate(&line(&field.value), FIELD_VALUE_MAX),
            field.inline,
        );
    }
    embed
}

/// A core action as a Discord button.
fn button(a: &Action) -> CreateButton {
    let style = match a.style {
        ActionStyle::Primary => ButtonStyle::Primary,
        ActionStyle::Secondary => ButtonStyle::Secondary,
        ActionStyle::Danger => ButtonStyle::Danger,
    };
    CreateButton::new(a.id.encode())
        .label(truncate(&a.label, LABEL_MAX))
        .style(style)
}

/// The pings of the mentioned Discord users, as contents of at most [`CONTENT_MAX`]
/// characters, each with the users it names.
fn ping_chunks(users: &[UserId]) -> Vec<(String, Vec<u64>)> {
    // Pings go in the content, split so no message exceeds the limit.
    let pinged: Vec<u64> = users.iter().filter_map(discord_id).collect();
    let mut chunks: Vec<(String, Vec<u64>)> = Vec::new();
    let mut current = (String::new(), Vec::new());
    for id in &pinged {
        let mention = format!("<@{id}>");
        if current.0.chars().count() + mention.len() + 1 > CONTENT_MAX {
            chunks.push(std::mem::take(&mut current));
        }
        if !current.0.is_empty() {
            current.0.push(' ');
        }
        current.0.push_str(&mention);
        current.1.push(*id);
    }
    if !current.0.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// A core menu as a Discord string select.
fn select(menu: &kumpul_core::port::Select) -> CreateSelectMenu {
    let options: Vec<CreateSelectMenuOption> = menu
        .choices
        .iter()
        .take(SELECT_OPTIONS_MAX)
        .map(|c| CreateSelectMenuOption::new(truncate(&c.label, LABEL_MAX), c.value.clone()))
        .collect();
    let count = options.len().max(1);
    CreateSelectMenu::new(menu.id.encode(), CreateSelectMenuKind::String { options })
        .placeholder(truncate(&menu.placeholder, PLACEHOLDER_MAX))
        .min_values(menu.min.clamp(1, count) as u8)
        .max_values(menu.max.clamp(1, count) as u8)
}

/// The custom id of the one text input of a form.
pub const FORM_INPUT_ID: &str = "value";

/// A core form as a Discord modal with one text input.
pub fn modal(form: &kumpul_core::port::Form) -> CreateModal {
    let input = CreateInputText::new(
        InputTextStyle::Short,
        truncate(&form.label, INPUT_LABEL_MAX),
        FORM_INPUT_ID,
    )
    .placeholder(truncate(&form.placeholder, 100))
    .max_length(form.max_len.min(4000) as u16)
    .required(true);
    CreateModal::new(form.id.encode(), truncate(&form.title, MODAL_TITLE_MAX))
        .components(vec![CreateActionRow::InputText(input)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use kumpul_core::port::{Action, ActionId};

    fn i18n() -> I18n {
        I18n::load().unwrap()
    }

    #[test]
    fn user_text_is_escaped_so_it_cannot_format_or_mention() {
        assert_eq!(
            escape("@everyone <@&1> **x**"),
            "\\@everyone \\<\\@&1\\> \\*\\*x\\*\\*"
        );
    }

    #[test]
    fn only_listed_discord_users_are_pinged() {
        let mut reply = Reply::public(Tone::Ping, vec![Inline::Text("hi @everyone".into())]);
        reply.mentions.users = vec![
            UserId::new(Platform::Discord, "42"),
            UserId::new(Platform::Console, "bob"),
        ];
        let parts = render(&reply, &i18n(), Locale::En);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].content, "<@42>");
        assert_eq!(parts[0].ping_users, [42]);
        let json = serde_json::to_value(parts[0].allowed_mentions()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"parse": [], "users": ["42"], "roles": []})
        );
    }

    #[test]
    fn many_pings_are_split_within_the_content_limit() {
        let mut reply = Reply::public(Tone::Ping, vec![Inline::Text("x".into())]);
        reply.mentions.users = (0..300u64)
            .map(|i| UserId::new(Platform::Discord, (100_000_000_000_000_000 + i).to_string()))
            .collect();
        let parts = render(&reply, &i18n(), Locale::En);
        assert!(parts.len() > 1);
        assert!(
            parts
                .iter()
                .all(|p| p.content.chars().count() <= CONTENT_MAX)
        );
        let total: usize = parts.iter().map(|p| p.ping_users.len()).sum();
        assert_eq!(total, 300);
    }

    #[tokio::test]
    async fn a_page_of_the_longest_reminders_fits_one_embed_without_shortening() {
        kumpul_core::testing::each_backend(|store| async move {
            let chat = kumpul_core::testing::Chat::new(store);
            chat.say("alice", "group create walkers").await;
            for i in 0..10 {
                // 500 characters, every one of which Discord needs escaped.
                let text = "*".repeat(497);
                let when = (i + 1) * 10;
                chat.say(
                    "alice",
                    &format!("remind group walkers in {when} minutes w{i:02}{text}"),
                )
                .await;
            }
            let page = chat.say("alice", "remind list").await;
            assert!(page.plain_text().contains("w09"), "{}", page.plain_text());
            let parts = render(&page, &i18n(), Locale::En);
            let embed = serde_json::to_value(parts[0].embed.clone().unwrap()).unwrap();
            let description = embed["description"].as_str().unwrap();
            assert!(description.chars().count() <= DESCRIPTION_MAX);
            assert!(!description.contains("shortened"), "{description}");
        })
        .await;
    }

    #[test]
    fn long_bodies_are_truncated_with_a_note_and_extra_buttons_become_commands() {
        let mut reply = Reply::public(Tone::Info, vec![Inline::Text("y".repeat(5000))]);
        for i in 0..30 {
            reply = reply.action(Action {
                label: format!("b{i}"),
                style: ActionStyle::Secondary,
                id: ActionId::decode(&format!("k1:group:join:{i}")).unwrap(),
                command: format!("group join g{i}"),
            });
        }
        let parts = render(&reply, &i18n(), Locale::En);
        let embed = serde_json::to_value(parts[0].embed.clone().unwrap()).unwrap();
        let description = embed["description"].as_str().unwrap();
        assert!(description.chars().count() <= DESCRIPTION_MAX);
        assert!(
            description.ends_with("(shortened: the full text was too long for Discord)"),
            "{}",
            &description[description.len() - 80..]
        );
        assert_eq!(parts[0].rows().len(), 5);
    }
}
