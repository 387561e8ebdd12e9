//! From words to a command path: the first word names a command, the next ones its
//! subcommands, in English or Indonesian; what is left goes to the options.

use super::options::parse_options;
use super::suggest::{closest, suggest_commands};
use super::tokenize::tokenize;
use super::{Call, ParseError};
use crate::catalogue::{self, CommandSpec};
use crate::i18n::Locale;

/// Parses a line of text (without any platform prefix such as `!`) into a call.
pub fn parse(input: &str) -> Result<Call, ParseError> {
    let tokens = tokenize(input)?;
    let first = tokens.first().ok_or(ParseError::Empty)?;
    let mut spec = catalogue::find(&first.text).ok_or_else(|| ParseError::UnknownCommand {
        word: first.text.clone(),
        suggestions: suggest_commands(&first.text),
    })?;
    let mut path = vec![spec.name];
    let mut rest = &tokens[1..];
    while !spec.subcommands.is_empty() {
        let usage = catalogue::usage(Locale::En, &path, spec);
        let word = rest.first().ok_or_else(|| ParseError::MissingSubcommand {
            usage: usage.clone(),
        })?;
        spec = catalogue::find_in(&path, spec.subcommands, &word.text).ok_or_else(|| {
            let names = spec.subcommands.iter().map(|s| s.name);
            ParseError::UnknownSubcommand {
                word: word.text.clone(),
                usage,
                suggestions: closest(&word.text, names)
                    .into_iter()
                    .map(|n| format!("{} {n}", path.join(" ")))
                    .collect(),
            }
        })?;
        path.push(spec.name);
        rest = &rest[1..];
    }
    let args = parse_options(input, &path, spec, rest)?;
    Ok(Call { path, spec, args })
}

/// Whether `word` is the name of one of our top-level commands. Matrix uses it to stay
/// silent about `!words` meant for other bots.
pub fn is_command(word: &str) -> bool {
    catalogue::find(word).is_some()
}

pub(super) fn resolve_path(
    path: &[&str],
) -> Result<(Vec<&'static str>, &'static CommandSpec), ParseError> {
    let (first, rest) = path.split_first().ok_or(ParseError::Empty)?;
    let mut spec = catalogue::find(first).ok_or_else(|| ParseError::UnknownCommand {
        word: (*first).to_owned(),
        suggestions: Vec::new(),
    })?;
    let mut resolved = vec![spec.name];
    for word in rest {
        let usage = catalogue::usage(Locale::En, &resolved, spec);
        spec = catalogue::find_in(&resolved, spec.subcommands, word).ok_or_else(|| {
            ParseError::UnknownSubcommand {
                word: (*word).to_owned(),
                usage,
                suggestions: Vec::new(),
            }
        })?;
        resolved.push(spec.name);
    }
    if !spec.subcommands.is_empty() {
        return Err(ParseError::MissingSubcommand {
            usage: catalogue::usage(Locale::En, &resolved, spec),
        });
    }
    Ok((resolved, spec))
}
