//! From text to a [`Call`]: the one parser for every text platform, driven by the catalogue.
//!
//! `group create hiking "Weekend walks" --tags outdoor` becomes the path `group create` and
//! the arguments `name`, `description`, `tags`. Discord builds the same [`Call`] from its
//! interaction options through [`Call::from_raw`], so validation is shared: every value
//! of every command is converted in one place, which also cleans text of the invisible
//! characters that could make it deceive ([`crate::text`]). The typed
//! command values each feature executes are built from a `Call` in the feature's module.
//!
//! The steps, each in its own module: `tokenize` splits the line into words, `parse` finds
//! the command path, `options` reads and checks the options, `suggest` finds what a
//! mistyped word was meant to be. `call` is the result and `error` the ways it can fail.

mod call;
mod error;
mod options;
mod parse;
mod suggest;
mod tokenize;

pub use call::{Call, Value};
pub use error::{ParseError, Path, Suggestion, Wording};
pub use parse::{is_command, parse};

#[cfg(test)]
mod flows;
#[cfg(test)]
mod tests;
