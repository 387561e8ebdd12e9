//! Reading a private command: whether a command is one that must not be given where a
//! room can read it, and the room a direct message names before it (`in #club:… …`).

use kumpul_core::port::catalogue;

/// The words that may start a message to name the room it is for (English, Indonesian).
const ROOM_WORDS: [&str; 2] = ["in", "di"];

/// A command that must not be given where a room can read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Private {
    /// `poll vote N …` or (`retract`) `poll retract N`: private if poll N is secret.
    Vote { number: i64, retract: bool },
    /// A call that hides its author (`idea add --anonymous`).
    AnonymousIdea,
}

/// What kind of private command `command` is, if any. Read leniently: a vote that the
/// parser would refuse (a stray option, say) still names its choice in the room.
pub(crate) fn classify(command: &str) -> Option<Private> {
    if let Ok(call) = kumpul_core::port::parse_command(command) {
        if call.hides_author() {
            return Some(Private::AnonymousIdea);
        }
        return match call.path.as_slice() {
            ["poll", action @ ("vote" | "retract")] => Some(Private::Vote {
                number: call.integer("number")?,
                retract: *action == "retract",
            }),
            _ => None,
        };
    }
    let words: Vec<&str> = command.split_whitespace().collect();
    let top = catalogue::find(words.first()?)?;
    let sub = catalogue::find_in(&[top.name], top.subcommands, words.get(1)?)?;
    match (top.name, sub.name) {
        ("poll", action @ ("vote" | "retract")) => Some(Private::Vote {
            number: words.get(2)?.trim_start_matches('#').parse().ok()?,
            retract: action == "retract",
        }),
        ("idea", "add") if words.iter().any(|w| is_anonymous_flag(w)) => {
            Some(Private::AnonymousIdea)
        }
        _ => None,
    }
}

fn is_anonymous_flag(word: &str) -> bool {
    let name = word.split_once('=').map_or(word, |(name, _)| name);
    let english = "--anonymous";
    let indonesian =
        catalogue::indonesian_name(&["idea", "add"], Some("anonymous")).map(|id| format!("--{id}"));
    name.eq_ignore_ascii_case(english)
        || indonesian.is_some_and(|id| name.eq_ignore_ascii_case(&id))
}

/// Splits a leading room reference off a command: `in #club:example.org poll vote 3 1`
/// → (`#club:example.org`, `poll vote 3 1`). Text without one is returned whole.
pub(crate) fn split_room(text: &str) -> (Option<&str>, &str) {
    let whole = (None, text);
    let Some((word, rest)) = text.trim_start().split_once(char::is_whitespace) else {
        return whole;
    };
    if !ROOM_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return whole;
    }
    let Some((reference, command)) = rest.trim_start().split_once(char::is_whitespace) else {
        return whole;
    };
    if !looks_like_room(reference) {
        return whole;
    }
    (Some(reference), command.trim())
}

fn looks_like_room(reference: &str) -> bool {
    reference.starts_with('#')
        || reference.starts_with('!')
        || reference.starts_with("https://matrix.to/#/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_named_first_is_split_off_the_command() {
        assert_eq!(
            split_room("in #club:example.org poll vote 3 1"),
            (Some("#club:example.org"), "poll vote 3 1")
        );
        assert_eq!(
            split_room("DI !abc:example.org idea add x --anonim"),
            (Some("!abc:example.org"), "idea add x --anonim")
        );
        assert_eq!(split_room("poll vote 3 1"), (None, "poll vote 3 1"));
        // "in" followed by no room reference is not a room prefix.
        assert_eq!(split_room("in the park"), (None, "in the park"));
    }

    #[test]
    fn votes_and_anonymous_ideas_are_private_even_when_malformed() {
        assert_eq!(
            classify("poll vote 3 2 1"),
            Some(Private::Vote {
                number: 3,
                retract: false
            })
        );
        assert_eq!(
            classify("polling tarik 4"),
            classify("poll retract 4"),
            "Indonesian names"
        );
        assert_eq!(
            classify("poll vote 3 1 --nonsense"),
            Some(Private::Vote {
                number: 3,
                retract: false
            })
        );
        assert_eq!(
            classify("idea add A quiet corner --anonymous"),
            Some(Private::AnonymousIdea)
        );
        assert_eq!(
            classify("ide tambah Pojok tenang --anonim"),
            Some(Private::AnonymousIdea)
        );
        assert_eq!(classify("idea add A quiet corner"), None);
        assert_eq!(classify("poll results 3"), None);
    }
}
