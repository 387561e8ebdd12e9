//! A parsed command: the [`Call`] a feature reads its arguments from, and how Discord's
//! already-separated option values become one ([`Call::from_raw`]).

use super::ParseError;
use super::options::{check_required, convert};
use super::parse::resolve_path;
use super::suggest::mistyped;
use super::tokenize::tokenize;
use crate::catalogue::{CommandSpec, OptionKind};

/// A parsed value of one option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Integer(i64),
    List(Vec<String>),
    Flag,
}

/// A command with its validated arguments, not yet interpreted by a feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub path: Vec<&'static str>,
    pub spec: &'static CommandSpec,
    pub args: Vec<(&'static str, Value)>,
}

impl Call {
    /// The path as typed: `group create`.
    pub fn name(&self) -> String {
        self.path.join(" ")
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The text of an option, if given.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The text of a required option. The parser guarantees required options are present,
    /// so a missing one is reported as the generic missing-argument error, not a panic.
    pub fn required_text(&self, name: &'static str) -> Result<&str, ParseError> {
        self.text(name).ok_or_else(|| ParseError::MissingArgument {
            path: self.path.clone(),
            option: name,
        })
    }

    pub fn list(&self, name: &str) -> Option<&[String]> {
        match self.get(name) {
            Some(Value::List(items)) => Some(items),
            _ => None,
        }
    }

    pub fn integer(&self, name: &str) -> Option<i64> {
        match self.get(name) {
            Some(Value::Integer(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> bool {
        matches!(self.get(name), Some(Value::Flag))
    }

    /// Whether answering this call where it was given would show who gave it, which it
    /// must not: an anonymous idea. Adapters acknowledge such a call privately (Discord:
    /// an ephemeral answer from the start, never a public "used /idea add"), post its
    /// [`crate::reply::Reply::standalone`] messages as kumpul's own, and refuse it where
    /// the command itself is public (a Matrix room message is readable by the room).
    pub fn hides_author(&self) -> bool {
        self.path.as_slice() == ["idea", "add"] && self.flag("anonymous")
    }

    /// Builds a call from already-separated option values (Discord slash commands),
    /// applying the same checks as the text parser: the same conversion (choice words in
    /// either language become their code, invisible characters are removed or refused),
    /// and a `--word` in free text that names or nearly names an option is refused.
    pub fn from_raw(path: &[&str], raw: Vec<(String, String)>) -> Result<Call, ParseError> {
        let (path, spec) = resolve_path(path)?;
        let mut args = Vec::new();
        for (name, text) in raw {
            let option = spec
                .options
                .iter()
                .find(|o| o.name == name)
                .ok_or_else(|| ParseError::UnknownOption {
                    path: path.clone(),
                    flag: format!("--{name}"),
                })?;
            if option.kind == OptionKind::Flag {
                // Discord sends switches as booleans: only "true" sets them.
                if text == "true" {
                    args.push((option.name, Value::Flag));
                }
                continue;
            }
            if matches!(option.kind, OptionKind::Text { .. })
                && let Some(error) = option_in_text(&path, spec, &text)
            {
                return Err(error);
            }
            args.push((option.name, convert(&path, option, &text)?));
        }
        check_required(&path, spec, &args)?;
        Ok(Call { path, spec, args })
    }
}

/// A `--word` in the text of a Discord field that names or nearly names an option of the
/// command (`--anonymous` typed into an idea): the person meant the option, and the text
/// must not be published as if they had not. Unlike typed commands, other `--words` are
/// text here: a Discord field has no options inside it, so nothing else can be misread.
fn option_in_text(path: &[&'static str], spec: &CommandSpec, text: &str) -> Option<ParseError> {
    text.split_whitespace().find_map(|word| {
        let token = tokenize(word).ok()?.into_iter().next()?;
        let (name, _) = token.flag()?;
        mistyped(path, spec, &name, word)
    })
}
