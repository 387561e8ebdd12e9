//! What handlers answer with: a platform-neutral description of a message.
//!
//! Every `String` in a [`Reply`] is plain text, never markup: renderers escape it for their
//! platform. Emphasis, code and mentions are structure ([`Inline`]), not characters, so user
//! text can never smuggle formatting or a ping into a message.

use crate::i18n::Locale;
use crate::identity::{RoleId, UserId};
use crate::vocab::{AnchorKind, Intent};

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

/// How prominent a button is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionStyle {
    Primary,
    Secondary,
    Danger,
}

/// A durable reference to something a button does, encoded `k1:<feature>:<action>:<arg>`.
///
/// It carries ids, not names, so it keeps working when a name changes, and it is all the
/// state a click needs, so it keeps working across restarts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionId {
    intent: Intent,
}

impl ActionId {
    const VERSION: &'static str = "k1";

    pub fn new(intent: Intent) -> Self {
        ActionId { intent }
    }

    pub fn intent(&self) -> &Intent {
        &self.intent
    }

    /// The string a platform stores on the button (Discord `custom_id`, ≤ 100 chars).
    pub fn encode(&self) -> String {
        let (feature, action, arg) = self.intent.words();
        format!("{}:{feature}:{action}:{arg}", Self::VERSION)
    }

    /// Parses an encoded id; `None` for ids of other versions or other bots, and for
    /// actions this version no longer knows.
    pub fn decode(encoded: &str) -> Option<ActionId> {
        let mut parts = encoded.splitn(4, ':');
        if parts.next()? != Self::VERSION {
            return None;
        }
        let intent = Intent::from_words(parts.next()?, parts.next()?, parts.next()?)?;
        Some(ActionId { intent })
    }
}

impl From<Intent> for ActionId {
    fn from(intent: Intent) -> Self {
        ActionId::new(intent)
    }
}

/// Something the reader can do next. Platforms with buttons show one; the others show
/// `command`, the text to type for the same effect, so no information is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub label: String,
    pub style: ActionStyle,
    pub id: ActionId,
    pub command: String,
}

/// One choice of a [`Select`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    /// What the platform hands back when this choice is picked.
    pub value: String,
}

/// A menu of choices (Discord: a string select). Picking sends the chosen values with
/// `id`; platforms without menus show `command`, the text to type instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Select {
    pub id: ActionId,
    pub placeholder: String,
    pub choices: Vec<Choice>,
    pub min: usize,
    pub max: usize,
    pub command: String,
}

/// A one-field form to ask for (Discord: a modal). The reply that carries it also says in
/// text what to type, so platforms without forms lose nothing. The submitted text comes
/// back as the single value of an action with `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub id: ActionId,
    pub title: String,
    pub label: String,
    pub placeholder: String,
    /// Longest answer accepted.
    pub max_len: usize,
}

/// The thing a message shows, so the bot can keep that message current after it is
/// posted (live poll results, RSVP counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub id: i64,
}

/// A poll a platform can show natively (Matrix MSC3381). Answers are numbered from 0 in
/// the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NativePoll {
    pub question: String,
    pub answers: Vec<String>,
    pub max_selections: usize,
    /// Whether voters see the counts while the poll is open.
    pub disclosed: bool,
}

/// A dated happening a platform can mirror in its own calendar (Discord: a Guild
/// Scheduled Event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub location: Option<String>,
    pub cancelled: bool,
}

/// Exactly who a message may notify. Adapters derive Discord `allowed_mentions` and
/// Matrix `m.mentions` from this alone, never from the message text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions {
    pub users: Vec<UserId>,
    pub roles: Vec<RoleId>,
}

impl Mentions {
    pub fn is_empty(&self) -> bool {
        self.users.is_empty() && self.roles.is_empty()
    }
}

/// A file that goes with a reply (a CSV export). Discord and Matrix upload it; the console
/// saves it to its exports folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// What the reader can act on below a message: buttons and menus, or a form to open
/// instead of posting the message — never both, so no platform has to choose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Controls {
    #[default]
    None,
    /// Buttons, then menus below them.
    Inline {
        actions: Vec<Action>,
        selects: Vec<Select>,
    },
    /// A form to open, where the platform has forms; the message says in text what to
    /// type, so platforms without forms lose nothing.
    Form(Form),
}

/// Where a message is posted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Placement {
    /// Where the command was given, or the delivery's channel.
    #[default]
    Channel,
    /// Inside that platform thread (Discord thread channel id, Matrix thread root event id).
    Thread(String),
}

impl Placement {
    /// The platform thread, when the message goes in one.
    pub fn thread(&self) -> Option<&str> {
        match self {
            Placement::Channel => None,
            Placement::Thread(thread) => Some(thread),
        }
    }
}

/// The same message in a form a platform can show natively, where it has one. The reply's
/// text and controls stay complete, so platforms without it lose nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternate {
    /// A platform-native poll (Matrix MSC3381).
    NativePoll(NativePoll),
    /// An entry in the platform's calendar (Discord: a Guild Scheduled Event).
    Calendar(CalendarEntry),
}

/// Something the platform adapter should do after sending the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Record where the posted message went (`Bot::record_posted`), so the core keeps
    /// it current (live poll results, RSVP counts).
    Track(Anchor),
    /// Leave the space (Discord: the server; Matrix: the room).
    LeaveSpace,
    /// Open a discussion thread from the posted reply (Discord: a public thread on it;
    /// Matrix: the reply is the thread's root), named `name`, and tell the bot which
    /// platform thread kumpul thread `id` is (`Bot::record_thread`).
    OpenThread { id: i64, name: String },
    /// Archive the platform thread (Discord; Matrix threads cannot be archived).
    ArchiveThread { thread: String },
    /// Take the platform thread out of the archive (Discord).
    ReopenThread { thread: String },
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
mod tests {
    use super::*;
    use crate::vocab::{GroupIntent, PollIntent};

    fn button() -> Action {
        Action {
            label: "Join".into(),
            style: ActionStyle::Primary,
            id: ActionId::new(Intent::Group(GroupIntent::Join(1))),
            command: "group join hiking".into(),
        }
    }

    fn form() -> Form {
        Form {
            id: ActionId::new(Intent::Poll(PollIntent::Ballot(2))),
            title: "Ballot".into(),
            label: "Your ranking".into(),
            placeholder: "2 1 3".into(),
            max_len: 100,
        }
    }

    /// A reply has buttons and menus or a form, never both: each replaces the other.
    #[test]
    fn controls_are_inline_or_a_form_never_both() {
        let inline = Reply::new(Visibility::Public, Tone::Info).action(button());
        assert_eq!(inline.actions().len(), 1);
        assert!(inline.form().is_none());
        let asked = inline.form_to_open(form());
        assert!(asked.actions().is_empty() && asked.selects().is_empty());
        assert_eq!(asked.form(), Some(&form()));
        let again = asked.action(button());
        assert!(again.form().is_none());
        assert_eq!(again.commands(), ["group join hiking"]);
    }

    #[test]
    fn tracking_an_anchor_is_one_effect() {
        let poll = Anchor {
            kind: AnchorKind::Poll,
            id: 3,
        };
        let mut reply = Reply::new(Visibility::Public, Tone::Info)
            .track(poll)
            .track(poll);
        assert_eq!(reply.anchor(), Some(poll));
        assert_eq!(reply.effects.len(), 1);
        reply.untrack();
        assert_eq!(reply.anchor(), None);
    }
}
