//! Interest groups: people join the groups they care about and get pinged about them.
//!
//! `model` validates values, `repo` holds the SQL, `handlers` turns commands into replies.

pub mod budget;
#[cfg(test)]
mod budget_tests;
#[cfg(test)]
mod flows;
#[cfg(test)]
mod flows_id;
mod handlers;
pub mod model;
#[cfg(test)]
mod races;
pub mod repo;

pub use handlers::{execute, find_group, find_group_for_member};

use crate::command::Call;
use crate::i18n::Msg;
use crate::vocab::GroupIntent;

use model::{Description, GroupName, PingMessage, Tag, Tags};

/// How a command names a group: typed by name, or by id from a button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupRef {
    Name(String),
    Id(i64),
}

/// Every groups command, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupCommand {
    Create {
        name: GroupName,
        description: Description,
        tags: Tags,
    },
    Edit {
        group: GroupRef,
        rename: Option<GroupName>,
        description: Option<Description>,
        tags: Option<Tags>,
    },
    Delete(GroupRef),
    Join(GroupRef),
    Leave(GroupRef),
    /// `page`: which page of the list (see `paging`); the first when `None`.
    List {
        tag: Option<Tag>,
        page: Option<i64>,
    },
    Info(GroupRef),
    Members {
        group: GroupRef,
        page: Option<i64>,
    },
    Mine {
        page: Option<i64>,
    },
    Ping {
        group: GroupRef,
        message: PingMessage,
    },
}

impl GroupCommand {
    /// Interprets a parsed `group …` call.
    pub fn from_call(call: &Call) -> Result<GroupCommand, Msg> {
        let group = || -> Result<GroupRef, Msg> {
            Ok(GroupRef::Name(
                call.required_text("name").map_err(|e| e.msg())?.to_owned(),
            ))
        };
        Ok(match call.path[1] {
            "create" => GroupCommand::Create {
                name: GroupName::parse(call.required_text("name").map_err(|e| e.msg())?)?,
                description: Description::parse(call.text("description").unwrap_or_default())?,
                tags: Tags::parse(call.list("tags").unwrap_or_default())?,
            },
            "edit" => {
                let command = GroupCommand::Edit {
                    group: group()?,
                    rename: call.text("rename").map(GroupName::parse).transpose()?,
                    description: call
                        .text("description")
                        .map(Description::parse)
                        .transpose()?,
                    tags: call.list("tags").map(Tags::parse).transpose()?,
                };
                if let GroupCommand::Edit {
                    rename: None,
                    description: None,
                    tags: None,
                    ..
                } = command
                {
                    return Err(Msg::new("group-edit-nothing")
                        .typed("usage", crate::catalogue::Typed::usage(&call.path)));
                }
                command
            }
            "delete" => GroupCommand::Delete(group()?),
            "join" => GroupCommand::Join(group()?),
            "leave" => GroupCommand::Leave(group()?),
            "list" => GroupCommand::List {
                tag: call.text("tag").map(Tag::parse).transpose()?,
                page: call.integer("page"),
            },
            "info" => GroupCommand::Info(group()?),
            "members" => GroupCommand::Members {
                group: group()?,
                page: call.integer("page"),
            },
            "mine" => GroupCommand::Mine {
                page: call.integer("page"),
            },
            "ping" => GroupCommand::Ping {
                group: group()?,
                message: PingMessage::parse(call.required_text("message").map_err(|e| e.msg())?)?,
            },
            other => unreachable_subcommand(other)?,
        })
    }

    /// What a button asks for (`k1:group:<action>:<group id>`).
    pub fn from_intent(intent: GroupIntent) -> GroupCommand {
        match intent {
            GroupIntent::Join(id) => GroupCommand::Join(GroupRef::Id(id)),
            GroupIntent::Leave(id) => GroupCommand::Leave(GroupRef::Id(id)),
            GroupIntent::Info(id) => GroupCommand::Info(GroupRef::Id(id)),
            GroupIntent::Members(id) => GroupCommand::Members {
                group: GroupRef::Id(id),
                page: None,
            },
        }
    }
}

/// The catalogue lists a subcommand this module does not know: a programming error, shown
/// to the user as the generic unknown-command message rather than a crash.
fn unreachable_subcommand(name: &str) -> Result<GroupCommand, Msg> {
    tracing::error!(name, "group subcommand in the catalogue but not handled");
    Err(Msg::new("parse-unknown-command")
        .strong("word", name)
        .typed(
            "help",
            crate::catalogue::Typed::new(&["help"]).command(&["group"]),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::parse;

    fn command(text: &str) -> Result<GroupCommand, Msg> {
        GroupCommand::from_call(&parse(text).unwrap())
    }

    #[test]
    fn create_takes_a_name_a_free_text_description_and_tags() {
        assert_eq!(
            command("group create hiking Weekend walks  in the hills --tags outdoor,Weekend")
                .unwrap(),
            GroupCommand::Create {
                name: GroupName::parse("hiking").unwrap(),
                description: Description::parse("Weekend walks  in the hills").unwrap(),
                tags: Tags::parse(&["outdoor".into(), "weekend".into()]).unwrap(),
            }
        );
    }

    #[test]
    fn join_takes_a_name_with_spaces_without_quotes() {
        assert_eq!(
            command("group join Board Games").unwrap(),
            GroupCommand::Join(GroupRef::Name("Board Games".into()))
        );
    }

    #[test]
    fn edit_without_changes_explains_what_to_add() {
        assert_eq!(
            command("group edit hiking").unwrap_err().id,
            "group-edit-nothing"
        );
    }

    #[test]
    fn an_invalid_name_is_rejected_before_anything_is_stored() {
        assert_eq!(
            command("group create @everyone").unwrap_err().id,
            "group-name-mention"
        );
    }

    #[test]
    fn buttons_map_to_commands_by_id() {
        let click = |id: &str| {
            crate::reply::ActionId::decode(id).map(|a| match *a.intent() {
                crate::vocab::Intent::Group(intent) => GroupCommand::from_intent(intent),
                _ => unreachable!("a group button"),
            })
        };
        assert_eq!(
            click("k1:group:join:7"),
            Some(GroupCommand::Join(GroupRef::Id(7)))
        );
        assert_eq!(click("k1:group:join:x"), None);
        assert_eq!(click("k1:group:explode:7"), None);
    }
}
