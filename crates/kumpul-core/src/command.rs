//! From text to a [`Call`]: the one parser for every text platform, driven by the catalogue.
//!
//! `group create hiking "Weekend walks" --tags outdoor` becomes the path `group create` and
//! the arguments `name`, `description`, `tags`. Discord builds the same [`Call`] from its
//! interaction options through [`Call::from_raw`], so validation is shared. The typed
//! command values each feature executes are built from a `Call` in the feature's module.

use crate::catalogue::{self, CommandSpec, OptionKind, OptionSpec};
use crate::i18n::Msg;

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

    pub fn usage(&self) -> String {
        catalogue::usage(&self.path, self.spec)
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
            option: name.to_owned(),
            usage: self.usage(),
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
    /// applying the same checks as the text parser.
    pub fn from_raw(path: &[&str], raw: Vec<(String, String)>) -> Result<Call, ParseError> {
        let (path, spec) = resolve_path(path)?;
        let usage = catalogue::usage(&path, spec);
        let mut args = Vec::new();
        for (name, text) in raw {
            let option = spec
                .options
                .iter()
                .find(|o| o.name == name)
                .ok_or_else(|| ParseError::UnknownOption {
                    flag: name.clone(),
                    usage: usage.clone(),
                })?;
            if option.kind == OptionKind::Flag {
                // Discord sends switches as booleans: only "true" sets them.
                if text == "true" {
                    args.push((option.name, Value::Flag));
                }
                continue;
            }
            // `--anonymous` typed into the text is a switch the person meant to set,
            // never words to publish.
            if option.greedy
                && let Some(error) = text
                    .split_whitespace()
                    .find_map(|word| mistyped(&path, spec, word))
            {
                return Err(error);
            }
            args.push((option.name, convert(option, &text, &usage)?));
        }
        check_required(spec, &args, &usage)?;
        Ok(Call { path, spec, args })
    }
}

/// Why a line could not be understood. Each variant names the problem and, where it
/// helps, the usage line or the closest commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    UnclosedQuote,
    UnknownCommand {
        word: String,
        suggestions: Vec<String>,
    },
    MissingSubcommand {
        usage: String,
    },
    UnknownSubcommand {
        word: String,
        usage: String,
        suggestions: Vec<String>,
    },
    MissingArgument {
        option: String,
        usage: String,
    },
    TooManyArguments {
        extra: String,
        usage: String,
    },
    UnknownOption {
        flag: String,
        usage: String,
    },
    /// A `--word` in free text that is close to one of the command's options: a typo
    /// (`--anonymus`) must never silently become text (and publish a name).
    MistypedOption {
        flag: String,
        suggestion: String,
    },
    MissingOptionValue {
        flag: String,
        usage: String,
    },
    RepeatedOption {
        flag: String,
        usage: String,
    },
    InvalidInteger {
        option: String,
        value: String,
        min: i64,
        max: i64,
    },
    InvalidChoice {
        option: String,
        value: String,
        choices: String,
    },
    TooLong {
        option: String,
        max: usize,
    },
    TooManyItems {
        option: String,
        max: usize,
    },
}

impl ParseError {
    /// The localised message for this error.
    pub fn msg(&self) -> Msg {
        match self {
            ParseError::Empty => Msg::new("parse-empty").code("help", "help"),
            ParseError::UnclosedQuote => Msg::new("parse-unclosed-quote"),
            ParseError::UnknownCommand { word, suggestions } if suggestions.is_empty() => {
                Msg::new("parse-unknown-command")
                    .strong("word", word)
                    .code("help", "help")
            }
            ParseError::UnknownCommand { word, suggestions } => {
                Msg::new("parse-unknown-command-suggest")
                    .strong("word", word)
                    .code("suggestions", suggestions.join(", "))
            }
            ParseError::MissingSubcommand { usage } => {
                Msg::new("parse-missing-subcommand").code("usage", usage)
            }
            ParseError::UnknownSubcommand {
                word,
                usage,
                suggestions,
            } => Msg::new("parse-unknown-subcommand")
                .strong("word", word)
                .code("usage", usage)
                .num("suggested", suggestions.len() as i64)
                .code("suggestions", suggestions.join(", ")),
            ParseError::MissingArgument { option, usage } => Msg::new("parse-missing-argument")
                .strong("option", option)
                .code("usage", usage),
            ParseError::TooManyArguments { extra, usage } => Msg::new("parse-too-many-arguments")
                .strong("extra", extra)
                .code("usage", usage),
            ParseError::UnknownOption { flag, usage } => Msg::new("parse-unknown-option")
                .strong("flag", flag)
                .code("usage", usage),
            ParseError::MistypedOption { flag, suggestion } => Msg::new("parse-mistyped-option")
                .strong("flag", flag)
                .code("suggestion", suggestion)
                .code("quoted", format!("\"{flag}\"")),
            ParseError::MissingOptionValue { flag, usage } => {
                Msg::new("parse-missing-option-value")
                    .strong("flag", flag)
                    .code("usage", usage)
            }
            ParseError::RepeatedOption { flag, usage } => Msg::new("parse-repeated-option")
                .strong("flag", flag)
                .code("usage", usage),
            ParseError::InvalidInteger {
                option,
                value,
                min,
                max,
            } => Msg::new("parse-invalid-integer")
                .strong("option", option)
                .strong("value", value)
                .num("min", *min)
                .num("max", *max),
            ParseError::InvalidChoice {
                option,
                value,
                choices,
            } => Msg::new("parse-invalid-choice")
                .strong("option", option)
                .strong("value", value)
                .code("choices", choices),
            ParseError::TooLong { option, max } => Msg::new("parse-too-long")
                .strong("option", option)
                .num("max", *max as i64),
            ParseError::TooManyItems { option, max } => Msg::new("parse-too-many-items")
                .strong("option", option)
                .num("max", *max as i64),
        }
    }
}

/// One word of input with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    text: String,
    start: usize,
    end: usize,
    quoted: bool,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '“')
}

/// A `--word` (or `—word`, as phones type it) close to a named option of `spec`, in either
/// language: the error that says so.
fn mistyped(path: &[&str], spec: &CommandSpec, word: &str) -> Option<ParseError> {
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

/// Splits input into words. `"two words"` (straight or typographic quotes) is one word;
/// `\"` inside quotes is a literal quote. Apostrophes are ordinary letters (`don't`).
fn tokenize(input: &str) -> Result<Vec<Token>, ParseError> {
    let mut tokens = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if is_open_quote(c) {
            chars.next();
            let mut text = String::new();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                if c == '\\' && matches!(chars.peek(), Some((_, '"'))) {
                    text.push('"');
                    chars.next();
                } else if is_close_quote(c) {
                    end = Some(i + c.len_utf8());
                    break;
                } else {
                    text.push(c);
                }
            }
            let end = end.ok_or(ParseError::UnclosedQuote)?;
            tokens.push(Token {
                text,
                start,
                end,
                quoted: true,
            });
        } else {
            let mut end = start;
            while let Some(&(i, c)) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                end = i + c.len_utf8();
                chars.next();
            }
            let mut text = input[start..end].to_owned();
            // Phones and word processors turn `--` into a dash: `—anonymous` is the option.
            if let Some(rest) = text.strip_prefix(['—', '–'])
                && rest.starts_with(|c: char| c.is_ascii_alphabetic())
            {
                text = format!("--{rest}");
            }
            tokens.push(Token {
                text,
                start,
                end,
                quoted: false,
            });
        }
    }
    Ok(tokens)
}

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
        let usage = catalogue::usage(&path, spec);
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

fn parse_options(
    input: &str,
    path: &[&'static str],
    spec: &'static CommandSpec,
    tokens: &[Token],
) -> Result<Vec<(&'static str, Value)>, ParseError> {
    let usage = catalogue::usage(path, spec);
    let mut args: Vec<(&'static str, Value)> = Vec::new();
    let mut positional: Vec<&Token> = Vec::new();
    let positional_specs: Vec<&OptionSpec> = spec.options.iter().filter(|o| !o.named).collect();
    // Once the greedy option (free text such as a ping message) would take the next word,
    // unknown `--words` belong to that text instead of being errors.
    let greedy_index = positional_specs.iter().position(|o| o.greedy);
    let in_free_text = |count: usize| greedy_index.is_some_and(|g| count >= g);

    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let flag =
            (!token.quoted && token.text.len() > 2 && token.text.starts_with("--")).then(|| {
                token.text[2..]
                    .split_once('=')
                    .map_or((&token.text[2..], None), |(n, v)| (n, Some(v)))
            });
        if let Some((name, inline_value)) = flag {
            match spec.options.iter().find(|o| {
                o.named
                    && (o.name.eq_ignore_ascii_case(name)
                        || catalogue::indonesian_name(path, Some(o.name))
                            .is_some_and(|id| id.eq_ignore_ascii_case(name)))
            }) {
                Some(option) => {
                    if args.iter().any(|(n, _)| *n == option.name) {
                        return Err(ParseError::RepeatedOption {
                            flag: format!("--{}", option.name),
                            usage,
                        });
                    }
                    let value = if option.kind == OptionKind::Flag {
                        Value::Flag
                    } else {
                        let text = match inline_value {
                            Some(v) => v.to_owned(),
                            None => {
                                i += 1;
                                let first = tokens.get(i).ok_or_else(|| {
                                    ParseError::MissingOptionValue {
                                        flag: format!("--{}", option.name),
                                        usage: usage.clone(),
                                    }
                                })?;
                                // `--closes friday 18:00` needs no quotes: a time option
                                // takes the words that read as a time.
                                let count = if option.kind == OptionKind::Time && !first.quoted {
                                    let words: Vec<&str> = tokens[i..]
                                        .iter()
                                        .take_while(|t| !t.quoted && !t.text.starts_with("--"))
                                        .map(|t| t.text.as_str())
                                        .collect();
                                    crate::time::parse::recognise(&words).max(1)
                                } else {
                                    1
                                };
                                let taken: Vec<&Token> = tokens[i..i + count].iter().collect();
                                i += count - 1;
                                greedy_text(input, &taken)
                            }
                        };
                        convert(option, &text, &usage)?
                    };
                    args.push((option.name, value));
                    i += 1;
                    continue;
                }
                None if !in_free_text(positional.len()) => {
                    return Err(ParseError::UnknownOption {
                        flag: token.text.clone(),
                        usage,
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

    let mut remaining = positional.as_slice();
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
        args.push((option.name, convert(option, &text, &usage)?));
    }
    if let Some(extra) = remaining.first() {
        return Err(ParseError::TooManyArguments {
            extra: extra.text.clone(),
            usage,
        });
    }
    check_required(spec, &args, &usage)?;
    Ok(args)
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

fn check_required(
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
fn convert(option: &OptionSpec, text: &str, usage: &str) -> Result<Value, ParseError> {
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
        OptionKind::Choice(choices) => choices
            .iter()
            .find(|c| c.eq_ignore_ascii_case(text.trim()))
            .map(|c| Value::Text((*c).to_owned()))
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

fn resolve_path(path: &[&str]) -> Result<(Vec<&'static str>, &'static CommandSpec), ParseError> {
    let (first, rest) = path.split_first().ok_or(ParseError::Empty)?;
    let mut spec = catalogue::find(first).ok_or_else(|| ParseError::UnknownCommand {
        word: (*first).to_owned(),
        suggestions: Vec::new(),
    })?;
    let mut resolved = vec![spec.name];
    for word in rest {
        let usage = catalogue::usage(&resolved, spec);
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
            usage: catalogue::usage(&resolved, spec),
        });
    }
    Ok((resolved, spec))
}

/// Up to three names closest to `word` (edit distance ≤ 2, or a shared prefix).
fn closest<'a>(word: &str, names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
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
fn suggest_commands(word: &str) -> Vec<String> {
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

#[cfg(test)]
mod tests;
