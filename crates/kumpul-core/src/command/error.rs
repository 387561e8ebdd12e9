//! Why a line could not be understood ([`ParseError`]), and the message each reason shows.

use crate::i18n::Msg;

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
