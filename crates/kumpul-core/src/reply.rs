//! What handlers answer with: a platform-neutral description of a message.
//!
//! Every `String` in a [`Reply`] is plain text, never markup: renderers escape it for their
//! platform. Emphasis, code and mentions are structure ([`Inline`]), not characters, so user
//! text can never smuggle formatting or a ping into a message.

use crate::i18n::Locale;
use crate::identity::{RoleId, UserId};

mod parts;

pub use parts::*;

/// Who sees a reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Posted for everyone in the channel.
    Public,
    /// Only the person who invoked the command (Discord: ephemeral).
    Private,
}

/// What kind of answer this is; platforms may use it for colour or an icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Error,
    /// A message whose purpose is to notify people (a group ping, a reminder).
    Ping,
}

/// A piece of a line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    /// Something to type: a command or a usage line.
    Code(String),
    /// A person. Rendered as a mention on platforms that have them; it only *pings* the
    /// person if they are also in the reply's [`Mentions`].
    User {
        id: UserId,
        name: String,
    },
    /// A platform role. Shown as a role mention where the platform has them; it only pings
    /// if it is also in the reply's [`Mentions`].
    Role {
        id: RoleId,
    },
    /// A point in time. Platforms with native timestamps (Discord `<t:…>`) use `at_ms`;
    /// the others show `text`, already formatted in the reader's zone and language.
    Time {
        at_ms: i64,
        text: String,
    },
}

impl Inline {
    /// The text of this piece without any styling (console, plain-text fallbacks).
    pub fn plain(&self) -> String {
        match self {
            Inline::Text(t) | Inline::Strong(t) => t.clone(),
            Inline::Code(t) => format!("`{t}`"),
            Inline::User { name, .. } => format!("@{name}"),
            Inline::Time { text, .. } => text.clone(),
            Inline::Role { id } => format!("@role:{}", id.id),
        }
    }
}

/// A run of text: one paragraph or one list item.
pub type Line = Vec<Inline>;

/// A block of the message body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Line),
    /// A bulleted list.
    List(Vec<Line>),
}

/// A labelled value (Discord: embed field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub value: Line,
    /// Whether it may sit beside other short fields.
    pub inline: bool,
}

/// A handler's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The language it is written in, for what an adapter adds around it (labels, "only
    /// you can see this"): set by the core on every reply and delivery it hands out, so
    /// no renderer asks the core again. `None` only on a reply an adapter built itself.
    pub locale: Option<Locale>,
    pub visibility: Visibility,
    pub tone: Tone,
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    pub fields: Vec<Field>,
    pub mentions: Mentions,
    pub attachments: Vec<Attachment>,
    pub effects: Vec<Effect>,
    /// What the reader can act on: buttons and menus, or a form.
    pub controls: Controls,
    /// The same message as platforms can show it natively (a native poll, a calendar
    /// entry).
    pub alternates: Vec<Alternate>,
    /// Where the message goes: the channel, or a thread of it.
    pub placement: Placement,
    /// Public messages kumpul posts as its own, apart from this answer and with no reply
    /// relation to the command, so nothing on the platform ties them to whoever asked (an
    /// anonymous idea's card). Adapters post them where the command was given (Discord:
    /// the interaction's channel; Matrix: the invocation's room, also when the command
    /// came by direct message) and send this reply, the acknowledgement, to the actor
    /// alone. Their anchors are recorded like any posted reply's.
    pub standalone: Vec<Reply>,
}

impl Reply {
    pub fn new(visibility: Visibility, tone: Tone) -> Self {
        Reply {
            locale: None,
            visibility,
            tone,
            title: None,
            blocks: Vec::new(),
            fields: Vec::new(),
            mentions: Mentions::default(),
            attachments: Vec::new(),
            effects: Vec::new(),
            controls: Controls::None,
            alternates: Vec::new(),
            placement: Placement::Channel,
            standalone: Vec::new(),
        }
    }

    /// This reply, and the standalone messages it carries, marked as written in `locale`
    /// where no language was set yet.
    pub fn written_in(mut self, locale: Locale) -> Self {
        self.locale.get_or_insert(locale);
        for message in &mut self.standalone {
            message.locale.get_or_insert(locale);
        }
        self
    }

    /// Keeps the posted message current as `anchor` changes (an [`Effect::Track`]).
    pub fn track(mut self, anchor: Anchor) -> Self {
        self.untrack();
        self.effects.push(Effect::Track(anchor));
        self
    }

    /// No longer asks for the posted message to be kept current (an answer that shows
    /// a card once).
    pub fn untrack(&mut self) {
        self.effects.retain(|e| !matches!(e, Effect::Track(_)));
    }

    /// What the posted message shows and is kept current with, if anything.
    pub fn anchor(&self) -> Option<Anchor> {
        self.effects.iter().find_map(|e| match e {
            Effect::Track(anchor) => Some(*anchor),
            _ => None,
        })
    }

    /// The reply as a platform-native poll, if it has that form.
    pub fn native_poll(&self) -> Option<&NativePoll> {
        self.alternates.iter().find_map(|a| match a {
            Alternate::NativePoll(poll) => Some(poll),
            Alternate::Calendar(_) => None,
        })
    }

    /// The happening the reply announces, for platform calendars.
    pub fn calendar(&self) -> Option<&CalendarEntry> {
        self.alternates.iter().find_map(|a| match a {
            Alternate::Calendar(entry) => Some(entry),
            Alternate::NativePoll(_) => None,
        })
    }

    /// A private one-paragraph answer.
    pub fn private(tone: Tone, line: Line) -> Self {
        Reply::new(Visibility::Private, tone).paragraph(line)
    }

    /// A public one-paragraph answer.
    pub fn public(tone: Tone, line: Line) -> Self {
        Reply::new(Visibility::Public, tone).paragraph(line)
    }

    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    pub fn paragraph(mut self, line: Line) -> Self {
        self.blocks.push(Block::Paragraph(line));
        self
    }

    pub fn list(mut self, items: Vec<Line>) -> Self {
        self.blocks.push(Block::List(items));
        self
    }

    pub fn field(mut self, name: impl Into<String>, value: Line, inline: bool) -> Self {
        self.fields.push(Field {
            name: name.into(),
            value,
            inline,
        });
        self
    }

    /// Adds a paragraph naming `people` and lets this reply ping exactly them.
    pub fn ping(mut self, people: Vec<(UserId, String)>) -> Self {
        if people.is_empty() {
            return self;
        }
        let mut line: Line = Vec::new();
        for (i, (id, name)) in people.into_iter().enumerate() {
            if i > 0 {
                line.push(Inline::Text(", ".into()));
            }
            self.mentions.users.push(id.clone());
            line.push(Inline::User { id, name });
        }
        self.paragraph(line)
    }

    /// Adds a button (after the others).
    pub fn action(mut self, action: Action) -> Self {
        self.inline().0.push(action);
        self
    }

    /// Adds a menu (below the buttons).
    pub fn select(mut self, select: Select) -> Self {
        self.inline().1.push(select);
        self
    }

    /// Asks for a form instead of buttons and menus.
    pub fn form_to_open(mut self, form: Form) -> Self {
        self.controls = Controls::Form(form);
        self
    }

    /// The inline controls, made inline if there were none. A form is replaced: a reply
    /// that gains buttons is no longer a form.
    fn inline(&mut self) -> (&mut Vec<Action>, &mut Vec<Select>) {
        if !matches!(self.controls, Controls::Inline { .. }) {
            self.controls = Controls::Inline {
                actions: Vec::new(),
                selects: Vec::new(),
            };
        }
        match &mut self.controls {
            Controls::Inline { actions, selects } => (actions, selects),
            _ => unreachable!("made inline just above"),
        }
    }

    /// The buttons.
    pub fn actions(&self) -> &[Action] {
        match &self.controls {
            Controls::Inline { actions, .. } => actions,
            _ => &[],
        }
    }

    /// The menus.
    pub fn selects(&self) -> &[Select] {
        match &self.controls {
            Controls::Inline { selects, .. } => selects,
            _ => &[],
        }
    }

    /// The form to open, if the reply is one.
    pub fn form(&self) -> Option<&Form> {
        match &self.controls {
            Controls::Form(form) => Some(form),
            _ => None,
        }
    }

    /// What to type for each menu and action, for platforms that show neither.
    pub fn commands(&self) -> Vec<&str> {
        self.selects()
            .iter()
            .map(|s| s.command.as_str())
            .chain(self.actions().iter().map(|a| a.command.as_str()))
            .collect()
    }

    /// The whole reply as plain text, for logs-free tests and plain-text fallbacks.
    pub fn plain_text(&self) -> String {
        let line = |l: &Line| l.iter().map(Inline::plain).collect::<String>();
        let mut out = Vec::new();
        if let Some(title) = &self.title {
            out.push(title.clone());
        }
        for block in &self.blocks {
            match block {
                Block::Paragraph(l) => out.push(line(l)),
                Block::List(items) => out.extend(items.iter().map(|i| format!("• {}", line(i)))),
            }
        }
        for field in &self.fields {
            out.push(format!("{}: {}", field.name, line(&field.value)));
        }
        out.join("\n")
    }
}

#[cfg(test)]
mod tests;
