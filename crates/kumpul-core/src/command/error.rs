//! Why a line could not be understood ([`ParseError`]), and the message each reason shows.
//!
//! An error keeps the command path and the catalogue names of the options involved, not
//! text: the message names them when it is rendered, in the reader's language (`nomor`,
//! `--kapasitas`, `hadir, mungkin, tidak`, the usage line `grup gabung <nama>`), through
//! [`Typed`]. What the person typed is echoed as they typed it, cleaned of invisible
//! characters so an error cannot be made to read backwards.

use crate::catalogue::{Typed, command_words, option_name};
use crate::i18n::{Locale, Msg};
use crate::text::strip_invisible;

/// A command path, in English catalogue names.
pub type Path = Vec<&'static str>;

/// Why a line could not be understood. Each variant names the problem and, where it
/// helps, the command it was about or the closest commands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    UnclosedQuote,
    UnknownCommand {
        word: String,
        suggestions: Vec<Suggestion>,
    },
    MissingSubcommand {
        path: Path,
    },
    UnknownSubcommand {
        path: Path,
        word: String,
        suggestions: Vec<Suggestion>,
    },
    MissingArgument {
        path: Path,
        option: &'static str,
    },
    /// The time was read only up to where a clock time follows (`tomorrow 7pm: cake`).
    TimeCutShort {
        path: Path,
        option: &'static str,
        time: String,
        rest: String,
    },
    TooManyArguments {
        path: Path,
        extra: String,
    },
    /// A `--word` that is no option of the command, and none is close to it. Anywhere in
    /// a command, free text included: a `--word` is never silently kept as text.
    UnknownOption {
        path: Path,
        flag: String,
    },
    /// A `--word` close to one of the command's options: a typo (`--anonymus`) must never
    /// silently become text (and publish a name).
    MistypedOption {
        path: Path,
        flag: String,
        /// The option meant, and the language to name it in.
        suggestion: &'static str,
        wording: Wording,
    },
    MissingOptionValue {
        path: Path,
        option: &'static str,
        /// The next word was an option itself, rather than the line ending.
        before_option: bool,
    },
    RepeatedOption {
        path: Path,
        option: &'static str,
    },
    /// `--anonymous=no`: a switch is on when given, so a value would be misread.
    SwitchWithValue {
        path: Path,
        option: &'static str,
        value: String,
    },
    InvalidInteger {
        path: Path,
        option: &'static str,
        value: String,
        min: i64,
        max: i64,
    },
    InvalidChoice {
        path: Path,
        option: &'static str,
        value: String,
    },
    TooLong {
        path: Path,
        option: &'static str,
        max: usize,
        length: usize,
    },
    TooManyItems {
        path: Path,
        option: &'static str,
        max: usize,
        count: usize,
    },
    /// A name holding invisible characters (see [`crate::text`]), which would make it
    /// look like another.
    InvisibleCharacters {
        path: Path,
        option: &'static str,
    },
}

/// A command the person may have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub path: Path,
    pub wording: Wording,
}

/// The language a suggestion is written in: the one the person seems to be typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// The reader's language (what they typed was closest to a name in it, or to a name
    /// both languages share).
    Reader,
    /// Indonesian, whatever the reader's language: what they typed was closest to an
    /// Indonesian name (`--anonm` → `--anonim`).
    Indonesian,
}

/// Bounds at or past this are "no bound" to a person: Discord's largest integer, far
/// beyond any count kumpul keeps. Printing `i64::MAX` helps nobody.
const UNBOUNDED: i64 = (1 << 53) - 1;

impl ParseError {
    /// The localised message for this error.
    pub fn msg(&self) -> Msg {
        match self {
            ParseError::Empty => Msg::new("parse-empty").typed("help", Typed::new(&["help"])),
            ParseError::UnclosedQuote => Msg::new("parse-unclosed-quote"),
            ParseError::UnknownCommand { word, suggestions } if suggestions.is_empty() => {
                Msg::new("parse-unknown-command")
                    .strong("word", visible(word))
                    .typed("help", Typed::new(&["help"]))
            }
            ParseError::UnknownCommand { word, suggestions } => suggest(
                Msg::new("parse-unknown-command-suggest").strong("word", visible(word)),
                suggestions,
            ),
            ParseError::MissingSubcommand { path } => Msg::new("parse-missing-subcommand")
                .typed("command", Typed::new(path))
                .typed("usage", Typed::usage(path)),
            ParseError::UnknownSubcommand {
                path,
                word,
                suggestions,
            } => suggest(
                Msg::new("parse-unknown-subcommand")
                    .strong("word", visible(word))
                    .typed("command", Typed::new(path))
                    .typed("usage", Typed::usage(path)),
                suggestions,
            ),
            ParseError::MissingArgument { path, option } => Msg::new("parse-missing-argument")
                .typed("option", Typed::option_label(path, option))
                .typed("usage", Typed::usage(path)),
            ParseError::TimeCutShort {
                path,
                option,
                time,
                rest,
            } => Msg::new("parse-time-cut-short")
                .typed("option", Typed::option_label(path, option))
                .strong("time", visible(time))
                .strong("rest", visible(rest))
                .typed(
                    "example",
                    Typed::new(path).value(format!("{time} {rest}")).etc(),
                ),
            ParseError::TooManyArguments { path, extra } => Msg::new("parse-too-many-arguments")
                .strong("extra", visible(extra))
                .typed("usage", Typed::usage(path)),
            ParseError::UnknownOption { path, flag } => {
                let named = crate::catalogue::spec_at(path)
                    .map_or(0, |s| s.options.iter().filter(|o| o.named).count());
                Msg::new("parse-unknown-option")
                    .typed("command", Typed::new(path))
                    .strong("flag", visible(flag))
                    .num("count", named as i64)
                    .typed("options", Typed::option_list(path))
                    .code("quoted", quoted(flag))
            }
            ParseError::MistypedOption {
                path,
                flag,
                suggestion,
                wording,
            } => {
                let msg = Msg::new("parse-mistyped-option")
                    .strong("flag", visible(flag))
                    .typed("command", Typed::new(path));
                let msg = match wording {
                    Wording::Reader => {
                        msg.typed("suggestion", Typed::option_label(path, suggestion))
                    }
                    Wording::Indonesian => msg.code(
                        "suggestion",
                        format!("--{}", option_name(path, suggestion, Locale::Id)),
                    ),
                };
                msg.code("quoted", quoted(flag))
            }
            ParseError::MissingOptionValue {
                path,
                option,
                before_option,
            } => Msg::new("parse-missing-option-value")
                .typed("option", Typed::option_label(path, option))
                .select("reason", if *before_option { "option" } else { "end" })
                .typed("usage", Typed::usage(path)),
            ParseError::RepeatedOption { path, option } => Msg::new("parse-repeated-option")
                .typed("option", Typed::option_label(path, option))
                .typed("usage", Typed::usage(path)),
            ParseError::SwitchWithValue {
                path,
                option,
                value,
            } => Msg::new("parse-switch-value")
                .typed("option", Typed::option_label(path, option))
                .strong("value", visible(value))
                .typed("usage", Typed::usage(path)),
            ParseError::InvalidInteger {
                path,
                option,
                value,
                min,
                max,
            } => Msg::new("parse-invalid-integer")
                .typed("option", Typed::option_label(path, option))
                .strong("value", visible(value))
                .select(
                    "range",
                    if *max >= UNBOUNDED {
                        "at-least"
                    } else {
                        "between"
                    },
                )
                .num("min", *min)
                .num("max", (*max).min(UNBOUNDED))
                .typed("usage", Typed::usage(path)),
            ParseError::InvalidChoice {
                path,
                option,
                value,
            } => Msg::new("parse-invalid-choice")
                .strong("value", visible(value))
                .typed("option", Typed::option_label(path, option))
                .typed("choices", Typed::choices(path, option)),
            ParseError::TooLong {
                path,
                option,
                max,
                length,
            } => Msg::new("parse-too-long")
                .typed("option", Typed::option_label(path, option))
                .num("max", *max as i64)
                .num("length", *length as i64),
            ParseError::TooManyItems {
                path,
                option,
                max,
                count,
            } => Msg::new("parse-too-many-items")
                .typed("option", Typed::option_label(path, option))
                .num("max", *max as i64)
                .num("count", *count as i64),
            ParseError::InvisibleCharacters { path, option } => {
                Msg::new("parse-invisible-characters")
                    .typed("option", Typed::option_label(path, option))
            }
        }
    }
}

/// Up to three suggestions as `first`, `second` and `third`, with their `count`.
fn suggest(msg: Msg, suggestions: &[Suggestion]) -> Msg {
    let names = ["first", "second", "third"];
    let shown = suggestions.iter().take(names.len());
    let mut msg = msg.num("count", shown.len() as i64);
    for (name, suggestion) in names.into_iter().zip(shown) {
        msg = match suggestion.wording {
            Wording::Reader => msg.typed(name, Typed::new(&suggestion.path)),
            Wording::Indonesian => msg.code(name, command_words(&suggestion.path, Locale::Id)),
        };
    }
    msg
}

/// What the person typed, without the invisible characters that could reverse the line.
fn visible(typed: &str) -> String {
    strip_invisible(typed).into_owned()
}

/// How to write `flag` so that it is text: `"--foo"`.
fn quoted(flag: &str) -> String {
    format!("\"{}\"", visible(flag))
}
