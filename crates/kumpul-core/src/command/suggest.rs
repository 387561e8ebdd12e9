//! Close names for what people mistype: commands, subcommands, and `--options` inside
//! free text, which must never silently become words to publish.

use super::ParseError;
use crate::catalogue::{self, CommandSpec};

/// A `--word` (or `—word`, as phones type it) close to a named option of `spec`, in either
/// language: the error that says so.
pub(super) fn mistyped(path: &[&str], spec: &CommandSpec, word: &str) -> Option<ParseError> {
    let name = word
        .strip_prefix("--")
        .or_else(|| word.strip_prefix(['—', '–']))?;
    let name = name.split_once('=').map_or(name, |(n, _)| n);
    if name.len() < 2 {
        return None;
    }
    let names = spec.options.iter().filter(|o| o.named).flat_map(|o| {
        std::iter::once(o.name).chain(catalogue::indonesian_name(path, Some(o.name)))
    });
    closest(name, names)
        .first()
        .map(|close| ParseError::MistypedOption {
            flag: word.to_owned(),
            suggestion: format!("--{close}"),
        })
}

/// Up to three names closest to `word` (edit distance ≤ 2, or a shared prefix).
pub(super) fn closest<'a>(word: &str, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let word = word.to_lowercase();
    let mut scored: Vec<(usize, &str)> = names
        .filter_map(|name| {
            let distance = strsim::damerau_levenshtein(&word, name);
            let prefix = word.len() >= 2 && (name.starts_with(&word) || word.starts_with(name));
            (distance <= 2 || prefix).then_some((distance, name))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, n)| n).collect()
}

/// Suggestions for an unknown first word: close top-level commands, and subcommands the
/// person may have typed without their parent (`join` → `group join`).
pub(super) fn suggest_commands(word: &str) -> Vec<String> {
    let mut out: Vec<String> = closest(word, catalogue::COMMANDS.iter().map(|c| c.name))
        .into_iter()
        .map(str::to_owned)
        .collect();
    for (path, spec) in catalogue::walk() {
        if path.len() == 2 && spec.name.eq_ignore_ascii_case(word) {
            out.push(path.join(" "));
        }
    }
    out.truncate(3);
    out
}
