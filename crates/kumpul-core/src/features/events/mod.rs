//! Events: `event create friday 19:00 Board games --capacity 8`, RSVPs with guests and a
//! waitlist, reminder pings through the scheduler, recurring series (each occurrence with
//! its own RSVPs), and calendar export (`.ics`).

mod card;
mod handlers;
pub mod ics;
pub mod jobs;
pub mod model;
pub mod repo;
pub mod roll;

pub use card::live_view;
pub use handlers::execute;
pub(crate) use handlers::{react, withdraw_reaction};

use crate::command::Call;
use crate::features::groups::GroupRef;
use crate::i18n::Msg;
use crate::vocab::EventIntent;

use model::Answer;

/// The scheduler's job kind of a reminder ping before an occurrence.
pub const REMINDER_JOB: crate::vocab::JobKind = crate::vocab::JobKind::EventReminder;
/// The scheduler's job kind of the ping to someone who got a place off the waitlist.
pub const PROMOTED_JOB: crate::vocab::JobKind = crate::vocab::JobKind::EventPromoted;

/// How a command names an event: its number in the space, or its id from a button.
pub type EventRef = crate::items::ItemRef;

/// Everything `event create` was told; times are read in the actor's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub when: String,
    pub title: String,
    pub duration: Option<String>,
    pub place: Option<String>,
    pub group: Option<GroupRef>,
    pub capacity: Option<i64>,
    pub repeat: Option<String>,
    pub rsvp_by: Option<String>,
    pub remind: Option<String>,
    pub remind_maybe: bool,
    /// Open a discussion thread on the event's message.
    pub thread: bool,
}

/// What `event edit` changes; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventChanges {
    pub event: EventRef,
    pub when: Option<String>,
    pub title: Option<String>,
    pub duration: Option<String>,
    pub place: Option<String>,
    /// `Some(None)`: no limit any more.
    pub capacity: Option<Option<i64>>,
    pub rsvp_by: Option<String>,
    pub remind: Option<String>,
    /// Only the next occurrence of a series.
    pub only_next: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventCommand {
    Create(Box<NewEvent>),
    Edit(Box<EventChanges>),
    Cancel {
        event: EventRef,
        only_next: bool,
    },
    List {
        group: Option<GroupRef>,
        /// Which page of the list (see `paging`); the first when `None`.
        page: Option<i64>,
    },
    Info(EventRef),
    Rsvp {
        event: EventRef,
        answer: Answer,
        guests: i64,
    },
    /// `event: None` with `all`: every event of the space.
    Mute {
        event: Option<EventRef>,
        all: bool,
        on: bool,
    },
    Ics {
        event: Option<EventRef>,
        group: Option<GroupRef>,
    },
}

impl EventCommand {
    pub fn from_call(call: &Call) -> Result<EventCommand, Msg> {
        let text = |name: &str| call.text(name).map(str::to_owned);
        let group = || call.text("group").map(|g| GroupRef::Name(g.to_owned()));
        let number = || call.integer("number").map(EventRef::Number);
        let required = |name: &'static str| call.required_text(name).map_err(|e| e.msg());
        if call.path[0] == "rsvp" {
            return Ok(EventCommand::Rsvp {
                event: number().unwrap_or(EventRef::Number(0)),
                answer: Answer::parse(required("answer")?).unwrap_or(Answer::Going),
                guests: call.integer("guests").unwrap_or(0),
            });
        }
        Ok(match call.path[1] {
            "create" => EventCommand::Create(Box::new(NewEvent {
                when: required("when")?.to_owned(),
                title: required("title")?.to_owned(),
                duration: text("duration"),
                place: text("where"),
                group: group(),
                capacity: call.integer("capacity"),
                repeat: text("repeat"),
                rsvp_by: text("rsvp-by"),
                remind: text("remind"),
                remind_maybe: call.flag("remind-maybe"),
                thread: call.flag("thread"),
            })),
            "edit" => EventCommand::Edit(Box::new(EventChanges {
                event: number().unwrap_or(EventRef::Number(0)),
                when: text("when"),
                title: text("title"),
                duration: text("duration"),
                place: text("where"),
                capacity: call.text("capacity").map(model::capacity).transpose()?,
                rsvp_by: text("rsvp-by"),
                remind: text("remind"),
                only_next: call.flag("only-next"),
            })),
            "cancel" => EventCommand::Cancel {
                event: number().unwrap_or(EventRef::Number(0)),
                only_next: call.flag("only-next"),
            },
            "info" => EventCommand::Info(number().unwrap_or(EventRef::Number(0))),
            "mute" | "unmute" => EventCommand::Mute {
                event: number(),
                all: call.flag("all"),
                on: call.path[1] == "mute",
            },
            "ics" => EventCommand::Ics {
                event: number(),
                group: group(),
            },
            _ => EventCommand::List {
                group: group(),
                page: call.integer("page"),
            },
        })
    }

    /// Buttons: `k1:event:rsvp:<id>/<answer>`, `k1:event:info:<id>`.
    pub fn from_intent(intent: EventIntent) -> EventCommand {
        match intent {
            EventIntent::Rsvp { event, answer } => EventCommand::Rsvp {
                event: EventRef::Id(event),
                answer,
                guests: 0,
            },
            EventIntent::Info(event) => EventCommand::Info(EventRef::Id(event)),
        }
    }
}

#[cfg(test)]
mod club;
#[cfg(test)]
mod flows;
#[cfg(test)]
mod indonesian;
#[cfg(test)]
mod notices;
#[cfg(test)]
mod races;
#[cfg(test)]
mod reactions;
#[cfg(test)]
mod reschedules;
#[cfg(test)]
mod rolls;
#[cfg(test)]
mod series_flows;
