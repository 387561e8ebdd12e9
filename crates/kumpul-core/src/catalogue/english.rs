//! English command words where an Indonesian reader should see Indonesian ones: the check
//! the test harness runs on every reply it is handed for an Indonesian reader, so a hint
//! that still says `group join` to someone who typed `grup buat` fails a test.
//!
//! It reads a shown command line the way the parser would: the command words first, then
//! the `--options` and choice words of that command. A word that is the same in both
//! languages (`info`, `status`) is never English-only, and free words (a group called
//! "hiking") are not command words at all.

use super::{COMMANDS, CommandSpec, OptionKind, choice_word, indonesian_name, walk};
use crate::i18n::Locale;

/// The English-only command, option and choice words in `shown` (a command line, a usage
/// line, or a list of them separated by commas), in order.
pub fn english_words(shown: &str) -> Vec<String> {
    shown
        .split([',', ';'])
        .flat_map(|line| english_in_line(line.trim()))
        .collect()
}

/// English-only command phrases in running text shown to an Indonesian reader (a help
/// text, a hint): a command with its subcommand in English (`poll create`) or an English
/// `--option`. A lone word such as "group" is not one: it is also just a word.
pub fn english_phrases(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| "<>[]()`\"'.,;:!?…".contains(c)))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if let Some(flag) = word.strip_prefix("--") {
            let flag = flag.split_once('=').map_or(flag, |(n, _)| n);
            if english_option(None, flag) {
                found.push((*word).to_owned());
            }
            continue;
        }
        let Some(next) = words.get(i + 1) else {
            continue;
        };
        if let Some((top, true)) = command_word(&[], COMMANDS, word)
            && let Some((_, true)) = command_word(&[top.name], top.subcommands, next)
        {
            found.push(format!("{word} {next}"));
        }
    }
    found
}

fn english_in_line(line: &str) -> Vec<String> {
    let words: Vec<String> = line
        .split_whitespace()
        .flat_map(|w| w.split(['|', '/']))
        .map(|w| {
            w.trim_matches(|c: char| "<>[]()`\"'.:!…".contains(c))
                .to_owned()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    let mut path: Vec<&'static str> = Vec::new();
    let mut specs = COMMANDS;
    let mut spec: Option<&'static CommandSpec> = None;
    let mut rest = words.as_slice();
    while let Some((word, after)) = rest.split_first() {
        let Some((next, english)) = command_word(&path, specs, word) else {
            break;
        };
        if english {
            found.push(word.clone());
        }
        path.push(next.name);
        specs = next.subcommands;
        spec = Some(next);
        rest = after;
    }
    for word in rest {
        if let Some(flag) = word.strip_prefix("--") {
            let flag = flag.split_once('=').map_or(flag, |(n, _)| n);
            if english_option(spec.map(|s| (path.as_slice(), s)), flag) {
                found.push(word.clone());
            }
        } else if let Some(spec) = spec
            && english_choice(spec, word)
        {
            found.push(word.clone());
        }
    }
    found
}

/// The command among `specs` that `word` names, and whether `word` is its English-only name.
fn command_word(
    parent: &[&'static str],
    specs: &'static [CommandSpec],
    word: &str,
) -> Option<(&'static CommandSpec, bool)> {
    let indonesian = |s: &CommandSpec| {
        let mut path = parent.to_vec();
        path.push(s.name);
        indonesian_name(&path, None).unwrap_or(s.name)
    };
    if let Some(spec) = specs
        .iter()
        .find(|s| indonesian(s).eq_ignore_ascii_case(word))
    {
        return Some((spec, false));
    }
    specs
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(word))
        .map(|s| (s, true))
}

/// Whether `--name` is an English-only option name: of `command` when it is known, else
/// of any command.
fn english_option(command: Option<(&[&'static str], &'static CommandSpec)>, name: &str) -> bool {
    let pairs: Vec<(&str, &str)> = match command {
        Some((path, spec)) => spec
            .options
            .iter()
            .map(|o| {
                (
                    o.name,
                    indonesian_name(path, Some(o.name)).unwrap_or(o.name),
                )
            })
            .collect(),
        None => walk()
            .into_iter()
            .flat_map(|(path, spec)| {
                spec.options.iter().map(move |o| {
                    (
                        o.name,
                        indonesian_name(&path, Some(o.name)).unwrap_or(o.name),
                    )
                })
            })
            .collect(),
    };
    let is_indonesian = pairs.iter().any(|(_, id)| id.eq_ignore_ascii_case(name));
    !is_indonesian
        && pairs
            .iter()
            .any(|(en, id)| en.eq_ignore_ascii_case(name) && !en.eq_ignore_ascii_case(id))
}

/// Whether `word` is the English-only word of one of `spec`'s choices.
fn english_choice(spec: &CommandSpec, word: &str) -> bool {
    spec.options.iter().any(|o| match o.kind {
        OptionKind::Choice(codes) => {
            let indonesian = codes
                .iter()
                .any(|c| choice_word(c, Locale::Id).eq_ignore_ascii_case(word));
            !indonesian
                && codes
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case(word) && *c != choice_word(c, Locale::Id))
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::english_words;

    #[test]
    fn english_command_option_and_choice_words_are_found() {
        assert_eq!(english_words("group join hiking"), ["group", "join"]);
        assert_eq!(english_words("rsvp 3 no"), ["rsvp", "no"]);
        assert_eq!(english_words("hadir 3 no"), ["no"]);
        assert_eq!(
            english_words("idea add A picnic --anonymous"),
            ["idea", "add", "--anonymous"]
        );
        assert_eq!(
            english_words("remind cancel 1, remind list"),
            ["remind", "cancel", "remind", "list"]
        );
        assert_eq!(
            english_words("rsvp <number> <going|maybe|no>"),
            ["rsvp", "going", "maybe", "no"]
        );
        assert_eq!(english_words("--duration 2h"), ["--duration"]);
    }

    #[test]
    fn english_command_phrases_are_found_in_running_text() {
        use super::english_phrases;
        assert_eq!(
            english_phrases("Mulai polling: poll create Makan apa? --kind ranked"),
            ["poll create", "--kind"]
        );
        assert_eq!(
            english_phrases("Ingatkan dirimu, mis. remind me besok jam 7"),
            ["remind me"]
        );
        for text in [
            "Gabung ke grup agar kamu di-ping",
            "Daftar polling yang ditutup dengan --ditutup",
            "Grup hiking: jalan kaki akhir pekan",
            "batas RSVP",
        ] {
            assert_eq!(english_phrases(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn indonesian_shared_and_free_words_are_not_english() {
        for shown in [
            "grup gabung hiking",
            "hadir 3 tidak",
            "ide tambah Piknik --anonim",
            "grup info hiking",
            "ide status 2 direncanakan",
            "Asia/Jakarta",
            "hiking",
            "bot keluar",
            "polling buat Makan? | nasi | bakso --tutup jumat",
            "hadir <nomor> <hadir|mungkin|tidak> [tamu]",
        ] {
            assert_eq!(english_words(shown), Vec::<String>::new(), "{shown}");
        }
    }
}
