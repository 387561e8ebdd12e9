//! Reminders: `remind me tomorrow 7pm call mom`, `remind group hiking friday 18:00 pack
//! water`, recurring ones (`remind me every monday 19:00 choir`), `remind list`,
//! `remind cancel 3`. Each occurrence is a job of the durable scheduler.

mod handlers;
pub mod jobs;
pub mod model;
pub mod repo;

pub use handlers::execute;

use crate::command::Call;
use crate::features::groups::GroupRef;
use crate::i18n::Msg;
use crate::vocab::RemindIntent;

use model::ReminderText;

/// The scheduler's job kind for reminder occurrences.
pub const JOB_KIND: crate::vocab::JobKind = crate::vocab::JobKind::Reminder;

/// Whom a reminder pings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Me,
    Group(GroupRef),
}

/// How a command names a reminder: its number in the space, or its id from a button.
pub type ReminderRef = crate::items::ItemRef;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemindCommand {
    /// `when` is read in the actor's zone when the command runs.
    Create {
        target: Target,
        when: String,
        text: ReminderText,
    },
    /// `page`: which page of the list (see `paging`); the first when `None`.
    List {
        page: Option<i64>,
    },
    Cancel(ReminderRef),
}

impl RemindCommand {
    pub fn from_call(call: &Call) -> Result<RemindCommand, Msg> {
        let required = |name| call.required_text(name).map_err(|e| e.msg());
        Ok(match call.path[1] {
            "me" | "group" => RemindCommand::Create {
                target: match call.path[1] {
                    "group" => Target::Group(GroupRef::Name(required("name")?.to_owned())),
                    _ => Target::Me,
                },
                when: required("when")?.to_owned(),
                text: ReminderText::parse(required("text")?)?,
            },
            "cancel" => RemindCommand::Cancel(ReminderRef::Number(
                call.integer("number").unwrap_or_default(),
            )),
            _ => RemindCommand::List {
                page: call.integer("page"),
            },
        })
    }

    /// Buttons: `k1:remind:cancel:<id>`, `k1:remind:list:mine`.
    pub fn from_intent(intent: RemindIntent) -> RemindCommand {
        match intent {
            RemindIntent::Cancel(id) => RemindCommand::Cancel(ReminderRef::Id(id)),
            RemindIntent::List => RemindCommand::List { page: None },
        }
    }
}

/// The idempotency key of one occurrence: the same occurrence is never scheduled or
/// delivered twice.
pub fn occurrence_key(reminder_id: i64, due_at: i64) -> String {
    format!("{JOB_KIND}:{reminder_id}:{due_at}")
}

#[cfg(test)]
mod deliveries;
#[cfg(test)]
mod flows;
#[cfg(test)]
mod races;
