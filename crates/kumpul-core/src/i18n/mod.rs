//! Localised text: Fluent bundles for English and Bahasa Indonesia.
//!
//! Handlers never build user-facing sentences themselves; they name a message id and its
//! arguments ([`Msg`]) and the bundle for the reader's [`Locale`] turns it into text.
//! Arguments that carry user text are kept apart from the translated sentence
//! ([`I18n::rich`]) so each platform can escape them for its own markup.

use std::collections::HashMap;
use std::fmt;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::reply::Inline;

/// The languages every user-facing text exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    En,
    Id,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Id];

    /// The short code users type and we store: `en`, `id`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Id => "id",
        }
    }

    /// Parses our own codes (`en`, `id`) and platform locale tags such as Discord's
    /// `en-US`, `en-GB` or `id`, and the legacy Java tag `in` for Indonesian.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "id" | "in" => Some(Locale::Id),
            _ => None,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Locale::En => include_str!("en.ftl"),
            Locale::Id => include_str!("id.ftl"),
        }
    }

    fn langid(self) -> unic_langid::LanguageIdentifier {
        match self {
            Locale::En => unic_langid::langid!("en"),
            Locale::Id => unic_langid::langid!("id"),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// User-provided or data text shown as is (escaped by the renderer).
    Text(String),
    /// User-provided or data text shown emphasised (a group name, a person).
    Strong(String),
    /// Something to type, shown as code: a command, a usage line.
    Code(String),
    /// A number; Fluent uses it for plural selection.
    Num(i64),
    /// A fixed keyword used only to select a variant in the translation.
    Select(&'static str),
    /// A platform role, shown as the platform shows roles (never pinging by itself).
    Role(crate::identity::RoleId),
    /// Something to type, shown as code in the reader's language (`grup gabung pendaki`).
    Typed(crate::catalogue::Typed),
}

/// A message id plus its arguments, rendered later in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Self {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    pub fn strong(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Strong(value.into())));
        self
    }

    pub fn code(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, Arg::Code(value.into())));
        self
    }

    /// A command to type, written out in the reader's language when the message is.
    pub fn typed(mut self, name: &'static str, typed: crate::catalogue::Typed) -> Self {
        self.args.push((name, Arg::Typed(typed)));
        self
    }

    pub fn num(mut self, name: &'static str, value: i64) -> Self {
        self.args.push((name, Arg::Num(value)));
        self
    }

    pub fn role(mut self, name: &'static str, role: crate::identity::RoleId) -> Self {
        self.args.push((name, Arg::Role(role)));
        self
    }

    pub fn select(mut self, name: &'static str, value: &'static str) -> Self {
        self.args.push((name, Arg::Select(value)));
        self
    }
}

// Private-use characters delimit where a text argument goes in a formatted sentence, so
// the sentence can be split into segments without the argument ever being parsed as text
// of the translation. User text containing these characters is stripped of them first.
const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// The loaded bundles. Cheap to share (`Arc` it); formatting takes `&self`.
pub struct I18n {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
}

impl fmt::Debug for I18n {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("I18n").finish_non_exhaustive()
    }
}

impl I18n {
    /// Loads the bundles compiled into the binary. Fails only if a bundle does not parse,
    /// which the test suite rules out.
    pub fn load() -> anyhow::Result<I18n> {
        let mut bundles = HashMap::new();
        for locale in Locale::ALL {
            let resource =
                FluentResource::try_new(locale.source().to_owned()).map_err(|(_, errors)| {
                    anyhow::anyhow!("the {locale} bundle does not parse: {errors:?}")
                })?;
            let mut bundle = FluentBundle::new_concurrent(vec![locale.langid()]);
            // Unicode isolation marks show up as garbage in some chat clients and terminals.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|errors| {
                anyhow::anyhow!("the {locale} bundle has duplicates: {errors:?}")
            })?;
            bundles.insert(locale, bundle);
        }
        Ok(I18n { bundles })
    }

    /// Whether `id` exists in the English bundle (the catalogue test uses this).
    pub fn has(&self, locale: Locale, id: &str) -> bool {
        self.bundles[&locale].has_message(id)
    }

    /// Formats a message as plain text; text arguments are inserted verbatim.
    pub fn text(&self, locale: Locale, msg: &Msg) -> String {
        self.rich(locale, msg).iter().map(Inline::plain).collect()
    }

    /// Formats a message id without arguments as plain text.
    pub fn label(&self, locale: Locale, id: &'static str) -> String {
        self.text(locale, &Msg::new(id))
    }

    /// Formats a message into segments: translated text, with text arguments kept as their
    /// own segments so renderers can escape and style them.
    pub fn rich(&self, locale: Locale, msg: &Msg) -> Vec<Inline> {
        self.format(locale, msg.id, &msg.args)
    }

    /// Formats a message whose id is computed (help texts derived from the catalogue).
    pub fn lookup(&self, locale: Locale, id: &str) -> String {
        self.format(locale, id, &[])
            .iter()
            .map(Inline::plain)
            .collect()
    }

    fn format(&self, locale: Locale, id: &str, msg_args: &[(&'static str, Arg)]) -> Vec<Inline> {
        let bundle = &self.bundles[&locale];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::error!(id, %locale, "missing translation");
            debug_assert!(false, "missing translation {id} in {locale}");
            return vec![Inline::Text(id.to_owned())];
        };
        let mut args = FluentArgs::new();
        for (index, (name, arg)) in msg_args.iter().enumerate() {
            let value = match arg {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Select(s) => FluentValue::from(*s),
                Arg::Text(_) | Arg::Strong(_) | Arg::Code(_) | Arg::Role(_) | Arg::Typed(_) => {
                    FluentValue::from(format!("{MARK_OPEN}{index}{MARK_CLOSE}"))
                }
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let formatted = bundle.format_pattern(pattern, Some(&args), &mut errors);
        if !errors.is_empty() {
            tracing::error!(id, %locale, ?errors, "translation failed to format");
            debug_assert!(false, "translation {id} in {locale} failed: {errors:?}");
        }
        split_marks(&formatted, msg_args, |typed| typed.render(self, locale))
    }
}

fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c != MARK_OPEN && *c != MARK_CLOSE)
        .collect()
}

fn split_marks(
    formatted: &str,
    args: &[(&'static str, Arg)],
    typed: impl Fn(&crate::catalogue::Typed) -> String,
) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = formatted;
    while let Some(open) = rest.find(MARK_OPEN) {
        let after = &rest[open + MARK_OPEN.len_utf8()..];
        let Some(close) = after.find(MARK_CLOSE) else {
            break;
        };
        if open > 0 {
            out.push(Inline::Text(rest[..open].to_owned()));
        }
        let arg = after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| args.get(i));
        match arg {
            Some((_, Arg::Text(t))) => out.push(Inline::Text(clean(t))),
            Some((_, Arg::Strong(t))) => out.push(Inline::Strong(clean(t))),
            Some((_, Arg::Code(t))) => out.push(Inline::Code(clean(t))),
            Some((_, Arg::Role(role))) => out.push(Inline::Role { id: role.clone() }),
            Some((_, Arg::Typed(t))) => out.push(Inline::Code(clean(&typed(t)))),
            _ => {}
        }
        rest = &after[close + MARK_CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests;
