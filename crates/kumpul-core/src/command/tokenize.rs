//! The tokenizer: a line of text as words, with quotes honoured and where each word was,
//! so free text can be given back with its original spacing.

use super::ParseError;
use crate::text::strip_invisible;

/// One word of input with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub(super) text: String,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) quoted: bool,
    /// Written with a dash (`—anonymous`, as phones turn `--` into one): an option if it
    /// names or nearly names one, else a word (`—Budi` signing an idea).
    pub(super) dashed: bool,
}

impl Token {
    /// This word as a `--name` or `--name=value`: the name (without invisible characters)
    /// and the inline value as typed. `None` for any other word: a quoted `"--name"` is
    /// text, and a name starts with a letter, so `--`, `-->`, `---` and `--5` are words.
    pub(super) fn flag(&self) -> Option<(String, Option<&str>)> {
        if self.quoted {
            return None;
        }
        let (name, inline) = match self.text.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (self.text.as_str(), None),
        };
        let name = strip_invisible(name);
        let name = if self.dashed {
            name.strip_prefix(['—', '–'])?
        } else {
            name.strip_prefix("--")?
        };
        name.starts_with(char::is_alphabetic)
            .then(|| (name.to_owned(), inline))
    }
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '„')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '“')
}

/// Splits input into words. `"two words"` (straight or typographic quotes) is one word;
/// `\"` inside quotes is a literal quote. Apostrophes are ordinary letters (`don't`).
pub(super) fn tokenize(input: &str) -> Result<Vec<Token>, ParseError> {
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
                dashed: false,
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
            let text = input[start..end].to_owned();
            // Phones and word processors turn `--` into a dash: `—anonymous` may be the
            // option (the parser decides, knowing the command's options).
            let dashed = strip_invisible(&text)
                .strip_prefix(['—', '–'])
                .is_some_and(|rest| rest.starts_with(char::is_alphabetic));
            tokens.push(Token {
                text,
                start,
                end,
                quoted: false,
                dashed,
            });
        }
    }
    Ok(tokens)
}
