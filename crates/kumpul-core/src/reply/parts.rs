//! What a reply carries besides its text: controls and the durable ids they send back,
//! the anchor a message tracks, the native forms a platform may show instead, who it may
//! mention, files, where it goes, and what the adapter does after posting it.

use crate::identity::{RoleId, UserId};
use crate::vocab::{AnchorKind, Intent};

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
    /// For a series: its rule and the zone the rule is local time of, so a platform
    /// that can show repetitions shows them (`starts_at` is the next occurrence).
    pub series: Option<CalendarSeries>,
}

/// A series' rule as a platform calendar needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarSeries {
    pub rule: crate::time::recur::Rule,
    /// An IANA name or fixed offset, as [`crate::time::Zone::parse`] reads it.
    pub zone: String,
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
