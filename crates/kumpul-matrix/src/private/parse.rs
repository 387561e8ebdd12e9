//! Reading a private command: whether a command is one that must not be given where a
//! room can read it, and the room a direct message names before it (`in #club:… …`).

use kumpul_core::port::{CommandSpec, Locale, OptionKind, catalogue};

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

/// `command` as a reader of `locale` types it: its command words, option names and choice
/// words in that language, everything else (numbers, text, quoted parts) as the sender
/// typed it. A room told to send `poll vote 3 1` instead is told `polling pilih 3 1` when
/// it reads Indonesian, whichever language the sender typed in.
pub(crate) fn written_in(command: &str, locale: Locale) -> String {
    let mut path: Vec<&'static str> = Vec::new();
    let mut spec: Option<&'static CommandSpec> = None;
    let mut in_path = true;
    let mut quoted = false;
    let mut out = Vec::new();
    for word in command.split_whitespace() {
        let mut shown = word.to_owned();
        if in_path && !quoted {
            let found = match spec {
                None => catalogue::find(word),
                Some(parent) => catalogue::find_in(&path, parent.subcommands, word),
            };
            match found {
                Some(found) => {
                    path.push(found.name);
                    spec = Some(found);
                    shown = catalogue::command_name(&path, locale).to_owned();
                }
                None => in_path = false,
            }
        } else if let (Some(spec), false) = (spec, quoted) {
            shown = option_or_choice(&path, spec, word, locale).unwrap_or(shown);
        }
        // Words inside quotes are the sender's text, never command words.
        if word.matches('"').count() % 2 == 1 {
            quoted = !quoted;
        }
        out.push(shown);
    }
    out.join(" ")
}

/// `word` as an option (`--anonim` → `--anonymous`) or a choice word (`tidak` → `no`) of
/// `spec` in `locale`; `None` when it is neither.
fn option_or_choice(
    path: &[&'static str],
    spec: &'static CommandSpec,
    word: &str,
    locale: Locale,
) -> Option<String> {
    if let Some(flag) = word.strip_prefix("--") {
        let (name, value) = match flag.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (flag, None),
        };
        let option = spec.options.iter().find(|o| {
            o.name.eq_ignore_ascii_case(name)
                || catalogue::indonesian_name(path, Some(o.name))
                    .is_some_and(|id| id.eq_ignore_ascii_case(name))
        })?;
        let name = catalogue::option_name(path, option.name, locale);
        return Some(match value {
            Some(value) => format!("--{name}={value}"),
            None => format!("--{name}"),
        });
    }
    spec.options.iter().find_map(|o| match o.kind {
        OptionKind::Choice(choices) => catalogue::choice_from_word(choices, word)
            .map(|code| catalogue::choice_word(code, locale).to_owned()),
        _ => None,
    })
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

    /// What a room is told to send instead is in the room's language, whichever language
    /// the sender typed; their numbers and text stay as they typed them.
    #[test]
    fn the_command_to_send_is_written_in_the_readers_language() {
        assert_eq!(
            written_in("poll vote 3 2 1", Locale::Id),
            "polling pilih 3 2 1"
        );
        assert_eq!(written_in("polling tarik 4", Locale::En), "poll retract 4");
        assert_eq!(written_in("POLL vote 3 1", Locale::En), "poll vote 3 1");
        assert_eq!(
            written_in(
                "idea add A quiet corner --anonymous --group=hiking",
                Locale::Id
            ),
            "ide tambah A quiet corner --anonim --grup=hiking"
        );
        assert_eq!(
            written_in("ide tambah \"jangan --anonim\" tidak --anonim", Locale::En),
            "idea add \"jangan --anonim\" tidak --anonymous",
            "quoted text and free words are the sender's"
        );
        assert_eq!(written_in("rsvp 3 no", Locale::Id), "hadir 3 tidak");
        for typed in [
            "poll vote 3 2 1",
            "poll retract 4",
            "idea add A quiet corner --anonymous",
        ] {
            let shown = written_in(typed, Locale::Id);
            assert!(catalogue::english_words(&shown).is_empty(), "{shown}");
        }
    }
}
