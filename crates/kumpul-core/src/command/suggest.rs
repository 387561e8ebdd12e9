//! Close names for what people mistype: commands, subcommands and `--options`, each
//! suggested in the language the person seems to be typing.

use super::error::{Suggestion, Wording};
use super::{ParseError, Path};
use crate::catalogue::{self, CommandSpec};

/// The error for `--name` (typed as `flag`), which is no option of the command at `path`:
/// "did you mean `--anonymous`?" when one is close, else the list of its options.
pub(super) fn unknown_option(
    path: &[&'static str],
    spec: &CommandSpec,
    name: &str,
    flag: &str,
) -> ParseError {
    mistyped(path, spec, name, flag).unwrap_or_else(|| ParseError::UnknownOption {
        path: path.to_vec(),
        flag: flag.to_owned(),
    })
}

/// The error for `--name` (typed as `flag`) when it is close to a named option of `spec`
/// in either language, or is one: a `--word` inside Discord's text that names an option
/// was meant as that option, never as words to publish.
pub(super) fn mistyped(
    path: &[&'static str],
    spec: &CommandSpec,
    name: &str,
    flag: &str,
) -> Option<ParseError> {
    let options = spec.options.iter().filter(|o| o.named).map(|o| {
        let indonesian = catalogue::indonesian_name(path, Some(o.name));
        (o.name, o.name, indonesian)
    });
    let (option, wording) = *closest(name, options).first()?;
    Some(ParseError::MistypedOption {
        path: path.to_vec(),
        flag: flag.to_owned(),
        suggestion: option,
        wording,
    })
}

/// Up to three of `candidates` (a value, its English name, its Indonesian name) closest
/// to `word` by either name: edit distance ≤ 2, or one a prefix of the other. Each comes
/// with the language to name it in: Indonesian when its Indonesian name was strictly the
/// closer one, else the reader's.
pub(super) fn closest<'a, T: Copy>(
    word: &str,
    candidates: impl Iterator<Item = (T, &'a str, Option<&'a str>)>,
) -> Vec<(T, Wording)> {
    let word = word.to_lowercase();
    let mut scored: Vec<(usize, usize, T, Wording)> = candidates
        .enumerate()
        .filter_map(|(order, (value, english, indonesian))| {
            let by_english = distance(&word, english);
            let by_indonesian = indonesian.and_then(|id| distance(&word, id));
            match (by_english, by_indonesian) {
                (Some(en), Some(id)) if id < en => Some((id, order, value, Wording::Indonesian)),
                (None, Some(id)) => Some((id, order, value, Wording::Indonesian)),
                (Some(en), _) => Some((en, order, value, Wording::Reader)),
                (None, None) => None,
            }
        })
        .collect();
    scored.sort_by_key(|(distance, order, ..)| (*distance, *order));
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, value, wording)| (value, wording))
        .collect()
}

/// How far `word` is from `name`, when it is close enough to suggest.
fn distance(word: &str, name: &str) -> Option<usize> {
    let distance = strsim::damerau_levenshtein(word, name);
    let prefix = word.chars().count() >= 2 && (name.starts_with(word) || word.starts_with(name));
    (distance <= 2 || prefix).then_some(distance)
}

/// Suggestions for an unknown first word: close top-level commands, and subcommands the
/// person may have typed without their parent (`join` → `group join`, `gabung` → `grup
/// gabung`).
pub(super) fn suggest_commands(word: &str) -> Vec<Suggestion> {
    let top = catalogue::COMMANDS
        .iter()
        .map(|c| (c.name, c.name, catalogue::indonesian_name(&[c.name], None)));
    let mut out: Vec<Suggestion> = closest(word, top)
        .into_iter()
        .map(|(name, wording)| Suggestion {
            path: vec![name],
            wording,
        })
        .collect();
    for (path, spec) in catalogue::walk() {
        if path.len() != 2 {
            continue;
        }
        let indonesian = catalogue::indonesian_name(&path, None);
        let wording = if spec.name.eq_ignore_ascii_case(word) {
            Wording::Reader
        } else if indonesian.is_some_and(|id| id.eq_ignore_ascii_case(word)) {
            Wording::Indonesian
        } else {
            continue;
        };
        out.push(Suggestion { path, wording });
    }
    out.truncate(3);
    out
}

/// Suggestions for an unknown subcommand of the command at `path`.
pub(super) fn suggest_subcommands(path: &Path, spec: &CommandSpec, word: &str) -> Vec<Suggestion> {
    let subcommands = spec.subcommands.iter().map(|s| {
        let mut sub = path.clone();
        sub.push(s.name);
        let indonesian = catalogue::indonesian_name(&sub, None);
        (s.name, s.name, indonesian)
    });
    closest(word, subcommands)
        .into_iter()
        .map(|(name, wording)| {
            let mut path = path.clone();
            path.push(name);
            Suggestion { path, wording }
        })
        .collect()
}
