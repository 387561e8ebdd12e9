//! Validated values of the groups feature: once parsed, a name is a valid name.

use crate::catalogue::{GROUP_DESCRIPTION_MAX, GROUP_NAME_MAX, GROUP_TAGS_MAX, PING_MESSAGE_MAX};
use crate::i18n::Msg;

/// Shortest group name, in characters.
pub const GROUP_NAME_MIN: usize = 2;
/// Longest tag, in characters.
pub const TAG_MAX: usize = 30;

/// Text that platforms would turn into a mass ping or a mention if echoed carelessly.
/// Names are shown in many places, so they may not contain any of it at all.
const MENTION_SYNTAX: &[&str] = &["@everyone", "@here", "@room", "<@", "<#", "<!"];

/// A group's name: 2–50 characters, no control characters, no mention syntax, not
/// starting with `-` (it would read as an option) or `@`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupName(String);

impl GroupName {
    pub fn parse(raw: &str) -> Result<GroupName, Msg> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let chars = name.chars().count();
        if !(GROUP_NAME_MIN..=GROUP_NAME_MAX).contains(&chars) {
            return Err(Msg::new("group-name-length")
                .strong("name", name)
                .num("min", GROUP_NAME_MIN as i64)
                .num("max", GROUP_NAME_MAX as i64));
        }
        if name.chars().any(|c| c.is_control() || is_invisible(c)) {
            return Err(Msg::new("group-name-control"));
        }
        let lower = name.to_lowercase();
        if name.starts_with(['@', '-', '!', '/'])
            || MENTION_SYNTAX.iter().any(|m| lower.contains(m))
        {
            return Err(Msg::new("group-name-mention").strong("name", name));
        }
        Ok(GroupName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive key that must be unique within a space.
    pub fn key(&self) -> String {
        name_key(&self.0)
    }
}

/// The uniqueness key of any name as typed, for lookups.
pub fn name_key(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Zero-width and direction-control characters: invisible, so they make look-alike names.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// A group's description: up to 300 characters, may be empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Description(String);

impl Description {
    pub fn parse(raw: &str) -> Result<Description, Msg> {
        let text = raw.trim();
        if text.chars().count() > GROUP_DESCRIPTION_MAX {
            return Err(
                Msg::new("group-description-length").num("max", GROUP_DESCRIPTION_MAX as i64)
            );
        }
        if text.chars().any(|c| c.is_control() && c != '\n') {
            return Err(Msg::new("group-description-control"));
        }
        Ok(Description(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A group's tags: at most 10, each 1–30 lowercase letters, digits or hyphens, no
/// duplicates, in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tags(Vec<String>);

impl Tags {
    pub fn parse(items: &[String]) -> Result<Tags, Msg> {
        let mut tags: Vec<String> = Vec::new();
        for item in items {
            let tag = Tag::parse(item)?;
            if !tags.contains(&tag.0) {
                tags.push(tag.0);
            }
        }
        if tags.len() > GROUP_TAGS_MAX {
            return Err(Msg::new("group-tags-count").num("max", GROUP_TAGS_MAX as i64));
        }
        Ok(Tags(tags))
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

/// One tag, as used in `group list --tag`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag(String);

impl Tag {
    pub fn parse(raw: &str) -> Result<Tag, Msg> {
        let tag = raw.trim().trim_start_matches('#').to_lowercase();
        let valid = (1..=TAG_MAX).contains(&tag.chars().count())
            && tag.chars().all(|c| c.is_alphanumeric() || c == '-');
        if valid {
            Ok(Tag(tag))
        } else {
            Err(Msg::new("group-tag-invalid")
                .strong("tag", raw.trim())
                .num("max", TAG_MAX as i64))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The text of a group ping: 1–1500 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PingMessage(String);

impl PingMessage {
    pub fn parse(raw: &str) -> Result<PingMessage, Msg> {
        let text = raw.trim();
        let chars = text.chars().count();
        if chars == 0 || chars > PING_MESSAGE_MAX {
            return Err(Msg::new("group-ping-length").num("max", PING_MESSAGE_MAX as i64));
        }
        Ok(PingMessage(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A stored group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub owner_id: String,
    pub owner_name: String,
    pub created_at: i64,
    pub last_ping_at: Option<i64>,
    pub member_count: i64,
    pub tags: Vec<String>,
}

/// A member of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: String,
    pub display_name: String,
    pub joined_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_name_keeps_its_case_and_collapses_spaces() {
        let name = GroupName::parse("  Board   Games ").unwrap();
        assert_eq!(name.as_str(), "Board Games");
        assert_eq!(name.key(), "board games");
    }

    #[test]
    fn names_of_wrong_length_are_rejected() {
        assert_eq!(GroupName::parse("a").unwrap_err().id, "group-name-length");
        assert_eq!(
            GroupName::parse(&"x".repeat(51)).unwrap_err().id,
            "group-name-length"
        );
        assert!(
            GroupName::parse(&"é".repeat(50)).is_ok(),
            "length counts characters"
        );
    }

    #[test]
    fn names_with_mention_syntax_are_rejected() {
        for bad in [
            "@everyone",
            "hi @here",
            "<@123>",
            "<@&42>",
            "x@room",
            "@alice",
            "--tags",
        ] {
            assert_eq!(
                GroupName::parse(bad).unwrap_err().id,
                "group-name-mention",
                "{bad}"
            );
        }
    }

    #[test]
    fn names_with_control_or_invisible_characters_are_rejected() {
        for bad in [
            "hik\u{0}ing",
            "hik\u{7}ing",
            "hi\u{200B}king",
            "hik\u{202E}ing",
        ] {
            assert_eq!(
                GroupName::parse(bad).unwrap_err().id,
                "group-name-control",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn indonesian_and_other_scripts_are_fine_names() {
        for good in ["Pecinta Alam", "ibu-ibu PKK", "読書会", "café"] {
            assert!(GroupName::parse(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn tags_are_normalised_deduplicated_and_limited() {
        let tags = Tags::parse(&["Outdoor".into(), "#weekend".into(), "outdoor".into()]).unwrap();
        assert_eq!(tags.as_slice(), ["outdoor", "weekend"]);
        assert_eq!(
            Tags::parse(&["two words".into()]).unwrap_err().id,
            "group-tag-invalid"
        );
        let many: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
        assert_eq!(Tags::parse(&many).unwrap_err().id, "group-tags-count");
    }

    #[test]
    fn an_empty_ping_message_is_rejected() {
        assert_eq!(
            PingMessage::parse("   ").unwrap_err().id,
            "group-ping-length"
        );
        assert!(PingMessage::parse("see you at 7").is_ok());
    }
}
