//! A leaf command's options from the words after its path: `--named` options first (with
//! their values), then the positional ones in catalogue order, each value checked against
//! its kind.

use super::suggest::mistyped;
use super::tokenize::Token;
use super::{ParseError, Value};
use crate::catalogue::{self, CommandSpec, OptionKind, OptionSpec};
use crate::i18n::Locale;

/// One option as the parser read it: its name and its value.
type Arg = (&'static str, Value);

/// Reads the options of the leaf command `spec` (at `path`) from the words after its path.
pub(super) fn parse_options(
    input: &str,
    path: &[&'static str],
    spec: &'static CommandSpec,
    tokens: &[Token],
) -> Result<Vec<Arg>, ParseError> {
    let usage = catalogue::usage(Locale::En, path, spec);
    let positional_specs: Vec<&OptionSpec> = spec.options.iter().filter(|o| !o.named).collect();
    let (mut args, positional) =
        named_options(input, path, spec, tokens, &positional_specs, &usage)?;
    positional_options(input, &positional_specs, &positional, &usage, &mut args)?;
    check_required(spec, &args, &usage)?;
    Ok(args)
}

/// Takes the `--named` options (with their values) out of `tokens`; returns them and the
/// words left for the positional options.
fn named_options<'t>(
    input: &str,
    path: &[&'static str],
    spec: &'static CommandSpec,
    tokens: &'t [Token],
    positional_specs: &[&OptionSpec],
    usage: &str,
) -> Result<(Vec<Arg>, Vec<&'t Token>), ParseError> {
    let mut args: Vec<Arg> = Vec::new();
    let mut positional: Vec<&Token> = Vec::new();
    // Once the greedy option (free text such as a ping message) would take the next word,
    // unknown `--words` belong to that text instead of being errors.
    let greedy_index = positional_specs.iter().position(|o| o.greedy);
    let in_free_text = |count: usize| greedy_index.is_some_and(|g| count >= g);

    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if let Some((name, inline_value)) = flag(token) {
            match find_named(path, spec, name) {
                Some(option) => {
                    if args.iter().any(|(n, _)| *n == option.name) {
                        return Err(ParseError::RepeatedOption {
                            flag: format!("--{}", option.name),
                            usage: usage.to_owned(),
                        });
                    }
                    let (value, taken) =
                        named_value(input, option, inline_value, &tokens[i + 1..], usage)?;
                    args.push((option.name, value));
                    i += 1 + taken;
                    continue;
                }
                None if !in_free_text(positional.len()) => {
                    return Err(ParseError::UnknownOption {
                        flag: token.text.clone(),
                        usage: usage.to_owned(),
                    });
                }
                // Inside free text (a ping message), `--words` are just words — unless
                // they look like a mistyped option of this command (in either language).
                None => {
                    if let Some(error) = mistyped(path, spec, &token.text) {
                        return Err(error);
                    }
                }
            }
        }
        positional.push(token);
        i += 1;
    }
    Ok((args, positional))
}

/// A `--name` or `--name=value` word, as its name and inline value; `None` for any other
/// word (a quoted `"--name"` is text).
fn flag(token: &Token) -> Option<(&str, Option<&str>)> {
    (!token.quoted && token.text.len() > 2 && token.text.starts_with("--")).then(|| {
        token.text[2..]
            .split_once('=')
            .map_or((&token.text[2..], None), |(n, v)| (n, Some(v)))
    })
}

/// The named option of `spec` called `name`, in English or Indonesian (case-insensitive).
fn find_named(
    path: &[&'static str],
    spec: &'static CommandSpec,
    name: &str,
) -> Option<&'static OptionSpec> {
    spec.options.iter().find(|o| {
        o.named
            && (o.name.eq_ignore_ascii_case(name)
                || catalogue::indonesian_name(path, Some(o.name))
                    .is_some_and(|id| id.eq_ignore_ascii_case(name)))
    })
}

/// The value of the named `option`: on for a switch, else its inline `=value` or the words
/// after it (`rest`); with how many of those words it took.
fn named_value(
    input: &str,
    option: &OptionSpec,
    inline_value: Option<&str>,
    rest: &[Token],
    usage: &str,
) -> Result<(Value, usize), ParseError> {
    if option.kind == OptionKind::Flag {
        return Ok((Value::Flag, 0));
    }
    let (text, taken) = match inline_value {
        Some(v) => (v.to_owned(), 0),
        None => option_value(input, option, rest, usage)?,
    };
    Ok((convert(option, &text, usage)?, taken))
}

/// The value of `--option` from the words after it (`tokens`), and how many words it took.
fn option_value(
    input: &str,
    option: &OptionSpec,
    tokens: &[Token],
    usage: &str,
) -> Result<(String, usize), ParseError> {
    let first = tokens
        .first()
        .ok_or_else(|| ParseError::MissingOptionValue {
            flag: format!("--{}", option.name),
            usage: usage.to_owned(),
        })?;
    // `--closes friday 18:00` needs no quotes: a time option
    // takes the words that read as a time.
    let count = if option.kind == OptionKind::Time && !first.quoted {
        let words: Vec<&str> = tokens
            .iter()
            .take_while(|t| !t.quoted && !t.text.starts_with("--"))
            .map(|t| t.text.as_str())
            .collect();
        crate::time::parse::recognise(&words).max(1)
    } else {
        1
    };
    let taken: Vec<&Token> = tokens[..count].iter().collect();
    Ok((greedy_text(input, &taken), count))
}

/// Gives the words left after the named options to the positional options, in catalogue
/// order; a word left over is an error.
fn positional_options(
    input: &str,
    positional_specs: &[&OptionSpec],
    positional: &[&Token],
    usage: &str,
    args: &mut Vec<Arg>,
) -> Result<(), ParseError> {
    let mut remaining = positional;
    for (index, option) in positional_specs.iter().enumerate() {
        let Some(first) = remaining.first() else {
            break;
        };
        let last = index + 1 == positional_specs.len();
        let text = if option.greedy || (last && option.kind == OptionKind::Time) {
            let taken = remaining;
            remaining = &[];
            greedy_text(input, taken)
        } else if option.kind == OptionKind::Time {
            // A time followed by more options (`remind me tomorrow 7pm call mom`) takes
            // as many words as read as a time; a quoted time is exactly one token.
            let count = if first.quoted {
                1
            } else {
                let words: Vec<&str> = remaining
                    .iter()
                    .take_while(|t| !t.quoted)
                    .map(|t| t.text.as_str())
                    .collect();
                crate::time::parse::recognise(&words).max(1)
            };
            let (taken, rest) = remaining.split_at(count.min(remaining.len()));
            remaining = rest;
            greedy_text(input, taken)
        } else {
            remaining = &remaining[1..];
            first.text.clone()
        };
        args.push((option.name, convert(option, &text, usage)?));
    }
    if let Some(extra) = remaining.first() {
        return Err(ParseError::TooManyArguments {
            extra: extra.text.clone(),
            usage: usage.to_owned(),
        });
    }
    Ok(())
}

/// The text of the tokens a greedy option took: one quoted token gives its inside; a run
/// of tokens keeps the original spacing when nothing else was interleaved.
fn greedy_text(input: &str, taken: &[&Token]) -> String {
    match taken {
        [only] => only.text.clone(),
        [first, .., last] => {
            let contiguous = taken
                .windows(2)
                .all(|w| input[w[0].end..w[1].start].chars().all(char::is_whitespace));
            if contiguous {
                input[first.start..last.end].to_owned()
            } else {
                taken
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }
        [] => String::new(),
    }
}

pub(super) fn check_required(
    spec: &CommandSpec,
    args: &[(&'static str, Value)],
    usage: &str,
) -> Result<(), ParseError> {
    for option in spec.options.iter().filter(|o| o.required) {
        if !args.iter().any(|(n, _)| *n == option.name) {
            return Err(ParseError::MissingArgument {
                option: option.name.to_owned(),
                usage: usage.to_owned(),
            });
        }
    }
    Ok(())
}

/// Validates one option's text against its kind.
pub(super) fn convert(option: &OptionSpec, text: &str, usage: &str) -> Result<Value, ParseError> {
    let too_long = |max: usize| ParseError::TooLong {
        option: option.name.to_owned(),
        max,
    };
    match option.kind {
        OptionKind::Text { max_chars } => {
            if text.chars().count() > max_chars {
                return Err(too_long(max_chars));
            }
            Ok(Value::Text(text.to_owned()))
        }
        OptionKind::GroupName { .. } => {
            if text.chars().count() > catalogue::GROUP_NAME_MAX {
                return Err(too_long(catalogue::GROUP_NAME_MAX));
            }
            Ok(Value::Text(text.to_owned()))
        }
        OptionKind::User | OptionKind::Role | OptionKind::Time | OptionKind::Duration => {
            Ok(Value::Text(text.to_owned()))
        }
        OptionKind::Integer { min, max } => text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .map(Value::Integer)
            .ok_or_else(|| ParseError::InvalidInteger {
                option: option.name.to_owned(),
                value: text.to_owned(),
                min,
                max,
            }),
        OptionKind::Choice(choices) => catalogue::choice_from_word(choices, text)
            .map(|c| Value::Text(c.to_owned()))
            .ok_or_else(|| ParseError::InvalidChoice {
                option: option.name.to_owned(),
                value: text.to_owned(),
                choices: choices.join(", "),
            }),
        OptionKind::List { max_items } => {
            let items: Vec<String> = text
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            if items.len() > max_items {
                return Err(ParseError::TooManyItems {
                    option: option.name.to_owned(),
                    max: max_items,
                });
            }
            Ok(Value::List(items))
        }
        OptionKind::Flag => Err(ParseError::UnknownOption {
            flag: format!("--{}={text}", option.name),
            usage: usage.to_owned(),
        }),
    }
}
