//! From words to a command path: the first word names a command, the next ones its
//! subcommands, in English or Indonesian; what is left goes to the options.

use super::options::parse_options;
use super::suggest::{suggest_commands, suggest_subcommands};
use super::tokenize::tokenize;
use super::{Call, ParseError};
use crate::catalogue::{self, CommandSpec};
use crate::text::strip_invisible;

/// Parses a line of text (without any platform prefix such as `!`) into a call.
pub fn parse(input: &str) -> Result<Call, ParseError> {
    let tokens = tokenize(input)?;
    let first = tokens.first().ok_or(ParseError::Empty)?;
    // A stray invisible character (pasted with the line) does not hide a command word.
    let word = strip_invisible(&first.text);
    let mut spec = catalogue::find(&word).ok_or_else(|| ParseError::UnknownCommand {
        word: first.text.clone(),
        suggestions: suggest_commands(&word),
    })?;
    let mut path = vec![spec.name];
    let mut rest = &tokens[1..];
    while !spec.subcommands.is_empty() {
        let token = rest
            .first()
            .ok_or_else(|| ParseError::MissingSubcommand { path: path.clone() })?;
        let word = strip_invisible(&token.text);
        spec = catalogue::find_in(&path, spec.subcommands, &word).ok_or_else(|| {
            ParseError::UnknownSubcommand {
                path: path.clone(),
                word: token.text.clone(),
                suggestions: suggest_subcommands(&path, spec, &word),
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

/// The command named by Discord's path of names (English, as registered).
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
        spec = catalogue::find_in(&resolved, spec.subcommands, word).ok_or_else(|| {
            ParseError::UnknownSubcommand {
                path: resolved.clone(),
                word: (*word).to_owned(),
                suggestions: Vec::new(),
            }
        })?;
        resolved.push(spec.name);
    }
    if !spec.subcommands.is_empty() {
        return Err(ParseError::MissingSubcommand { path: resolved });
    }
    Ok((resolved, spec))
}
