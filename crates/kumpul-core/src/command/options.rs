//! A leaf command's options from the words after its path: `--named` options first (with
//! their values), then the positional ones in catalogue order, each value checked against
//! its kind.
//!
//! A `--word` that is no option of the command is an error wherever it stands, inside free
//! text too: a mistyped option (`--anonymus`, `--close friday`) silently kept as text
//! would publish a name or lose a deadline. Text that really starts with `--` is quoted.

use super::suggest::{mistyped, unknown_option};
use super::tokenize::Token;
use super::{ParseError, Value};
use crate::catalogue::{self, CommandSpec, OptionKind, OptionSpec};
use crate::text::{has_invisible, strip_invisible};

/// One option as the parser read it: its name and its value.
type Arg = (&'static str, Value);

/// Reads the options of the leaf command `spec` (at `path`) from the words after its path.
pub(super) fn parse_options(
    input: &str,
    path: &[&'static str],
    spec: &'static CommandSpec,
    tokens: &[Token],
) -> Result<Vec<Arg>, ParseError> {
    // `--where Balai warga` at the end of a line means the whole place, not "Balai" with
    // "warga" added to the title: a text option takes the words up to the next option.
    // Only when that leaves a required part empty (`friday 19:00 --where Cafe Games
    // night`) is it read as one word, the rest going to the text as before.
    read_options(input, path, spec, tokens, Reach::ToNextOption)
        .or_else(|_| read_options(input, path, spec, tokens, Reach::OneWord))
}

/// How many words an unquoted text value of a `--named` option takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    ToNextOption,
    OneWord,
}

fn read_options(
    input: &str,
    path: &[&'static str],
    spec: &'static CommandSpec,
    tokens: &[Token],
    reach: Reach,
) -> Result<Vec<Arg>, ParseError> {
    let positional_specs: Vec<&OptionSpec> = spec.options.iter().filter(|o| !o.named).collect();
    let (mut args, positional) = named_options(input, path, spec, tokens, reach)?;
    positional_options(input, path, &positional_specs, &positional, &mut args)?;
    check_required(path, spec, &args)?;
    Ok(args)
}

/// Takes the `--named` options (with their values) out of `tokens`; returns them and the
/// words left for the positional options.
fn named_options<'t>(
    input: &str,
    path: &[&'static str],
    spec: &'static CommandSpec,
    tokens: &'t [Token],
    reach: Reach,
) -> Result<(Vec<Arg>, Vec<&'t Token>), ParseError> {
    let mut args: Vec<Arg> = Vec::new();
    let mut positional: Vec<&Token> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let Some((name, inline_value)) = token.flag() else {
            positional.push(token);
            i += 1;
            continue;
        };
        let typed = &input[token.start..token.end];
        let option = match find_named(path, spec, &name) {
            Some(option) => option,
            // `—Budi` under an idea is a signature, not a mistyped option.
            None if token.dashed && mistyped(path, spec, &name, typed).is_none() => {
                positional.push(token);
                i += 1;
                continue;
            }
            None => return Err(unknown_option(path, spec, &name, typed)),
        };
        if args.iter().any(|(n, _)| *n == option.name) {
            return Err(ParseError::RepeatedOption {
                path: path.to_vec(),
                option: option.name,
            });
        }
        let rest = &tokens[i + 1..];
        let (value, taken) = named_value(input, path, option, inline_value, rest, reach)?;
        args.push((option.name, value));
        i += 1 + taken;
    }
    Ok((args, positional))
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
    path: &[&'static str],
    option: &'static OptionSpec,
    inline_value: Option<&str>,
    rest: &[Token],
    reach: Reach,
) -> Result<(Value, usize), ParseError> {
    if option.kind == OptionKind::Flag {
        // A switch is on when it is given: `--anonymous=no` would be read as on.
        return match inline_value {
            None => Ok((Value::Flag, 0)),
            Some(value) => Err(ParseError::SwitchWithValue {
                path: path.to_vec(),
                option: option.name,
                value: value.to_owned(),
            }),
        };
    }
    let (text, taken) = match inline_value {
        Some(v) => (v.to_owned(), 0),
        None => option_value(input, path, option, rest, reach)?,
    };
    Ok((convert(path, option, &text)?, taken))
}

/// The value of `--option` from the words after it (`tokens`), and how many words it took.
fn option_value(
    input: &str,
    path: &[&'static str],
    option: &'static OptionSpec,
    tokens: &[Token],
    reach: Reach,
) -> Result<(String, usize), ParseError> {
    let missing = |before_option| ParseError::MissingOptionValue {
        path: path.to_vec(),
        option: option.name,
        before_option,
    };
    let first = tokens.first().ok_or_else(|| missing(false))?;
    // `--title --capacity 4`: the title was forgotten; a value that starts with `--` is
    // quoted.
    if first.flag().is_some() {
        return Err(missing(true));
    }
    // `--closes friday 18:00` needs no quotes: a time option
    // takes the words that read as a time.
    let count = if option.kind == OptionKind::Time && !first.quoted {
        let words: Vec<&Token> = tokens
            .iter()
            .take_while(|t| !t.quoted && t.flag().is_none())
            .collect();
        time_words(&words)
    } else if reach == Reach::ToNextOption
        && !first.quoted
        && matches!(
            option.kind,
            OptionKind::Text { .. } | OptionKind::GroupName { .. } | OptionKind::List { .. }
        )
    {
        tokens
            .iter()
            .take_while(|t| !t.quoted && t.flag().is_none())
            .count()
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
    path: &[&'static str],
    positional_specs: &[&'static OptionSpec],
    positional: &[&Token],
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
                let words: Vec<&Token> = remaining
                    .iter()
                    .copied()
                    .take_while(|t| !t.quoted)
                    .collect();
                time_words(&words)
            };
            let (taken, rest) = remaining.split_at(count.min(remaining.len()));
            remaining = rest;
            let time = greedy_text(input, taken);
            // `tomorrow 7pm: bring cake` read as "tomorrow", with "7pm: bring cake" as
            // the text, would be a silent misread: a clock time right after the time
            // means the time was not read to its end.
            if !first.quoted && clock_follows(rest) {
                return Err(ParseError::TimeCutShort {
                    path: path.to_vec(),
                    option: option.name,
                    time,
                    rest: rest
                        .iter()
                        .take(4)
                        .map(|t| t.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                });
            }
            time
        } else {
            remaining = &remaining[1..];
            first.text.clone()
        };
        args.push((option.name, convert(path, option, &text)?));
    }
    if let Some(extra) = remaining.first() {
        return Err(ParseError::TooManyArguments {
            path: path.to_vec(),
            extra: extra.text.clone(),
        });
    }
    Ok(())
}

/// Whether the first words after a time hold a clock time (`7pm`, `19.00`, `at 7`,
/// `jam 7`): then the time stopped too early.
fn clock_follows(rest: &[&Token]) -> bool {
    let words: Vec<String> = rest
        .iter()
        .take(4)
        .map(|t| strip_invisible(&t.text).into_owned())
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    crate::time::parse::starts_with_clock(&words)
}

/// How many of `words` read as a time (at least one: a handler explains a word that does
/// not), seen without invisible characters.
fn time_words(words: &[&Token]) -> usize {
    let visible: Vec<_> = words.iter().map(|t| strip_invisible(&t.text)).collect();
    let words: Vec<&str> = visible.iter().map(|w| w.as_ref()).collect();
    crate::time::parse::recognise(&words).max(1)
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

/// The first required option of `spec` that `args` lacks, as an error.
pub(super) fn check_required(
    path: &[&'static str],
    spec: &CommandSpec,
    args: &[(&'static str, Value)],
) -> Result<(), ParseError> {
    match spec
        .options
        .iter()
        .find(|o| o.required && !args.iter().any(|(n, _)| *n == o.name))
    {
        Some(option) => Err(ParseError::MissingArgument {
            path: path.to_vec(),
            option: option.name,
        }),
        None => Ok(()),
    }
}

/// Validates one option's text against its kind. Every value of every command passes
/// here, typed or sent by Discord, so this is where text is made unable to deceive
/// ([`crate::text`]): a new group name with invisible characters is refused (a name must
/// look like what it is, and a person would not notice them gone); everywhere else they
/// are removed (free text keeps what the person meant to say, and an existing group is
/// still found by a name pasted with a stray direction mark).
pub(super) fn convert(
    path: &[&'static str],
    option: &'static OptionSpec,
    text: &str,
) -> Result<Value, ParseError> {
    if option.kind == (OptionKind::GroupName { existing: false }) && has_invisible(text) {
        return Err(ParseError::InvisibleCharacters {
            path: path.to_vec(),
            option: option.name,
        });
    }
    let text = strip_invisible(text);
    let text = text.as_ref();
    let too_long = |max: usize| ParseError::TooLong {
        path: path.to_vec(),
        option: option.name,
        max,
        length: text.chars().count(),
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
                path: path.to_vec(),
                option: option.name,
                value: text.to_owned(),
                min,
                max,
            }),
        OptionKind::Choice(choices) => catalogue::choice_from_word(choices, text)
            .map(|c| Value::Text(c.to_owned()))
            .ok_or_else(|| ParseError::InvalidChoice {
                path: path.to_vec(),
                option: option.name,
                value: text.to_owned(),
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
                    path: path.to_vec(),
                    option: option.name,
                    max: max_items,
                    count: items.len(),
                });
            }
            Ok(Value::List(items))
        }
        // Switches never reach here with text: the parser and Discord's booleans set them.
        OptionKind::Flag => Err(ParseError::SwitchWithValue {
            path: path.to_vec(),
            option: option.name,
            value: text.to_owned(),
        }),
    }
}
