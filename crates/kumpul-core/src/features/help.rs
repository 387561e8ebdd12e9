//! `help`, generated from the catalogue in the reader's language, in three sizes so it
//! can be read at a glance: `help` names the features and their commands, a line each;
//! `help group` lists one feature's commands with what each does and an example;
//! `help group create` shows one command whole: usage, options, notes and an example.
//!
//! The features are a grouping of the catalogue's top-level commands ([`FEATURES`]); the
//! examples are written once per command in [`examples`], from catalogue words and
//! bundle words, so they read right in either language.

mod examples;
#[cfg(test)]
mod tests;

use crate::bot::Ctx;
use crate::catalogue::{self, CommandSpec, OptionKind, OptionSpec};
use crate::command::{Call, ParseError};
use crate::i18n::{Locale, Msg};
use crate::identity::Role;
use crate::reply::{Inline, Line, Reply, Tone, Visibility};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpCommand {
    /// The command asked about (`group`, `group create`), if any.
    pub topic: Option<String>,
}

impl HelpCommand {
    pub fn from_call(call: &Call) -> HelpCommand {
        HelpCommand {
            topic: call
                .text("command")
                .map(|t| t.trim().trim_start_matches('!').to_owned()),
        }
    }
}

/// The features as `help` groups them: the message id of a short heading, and the
/// top-level commands under it. Every top-level command but `help` is in exactly one
/// (a test checks), so a new command shows up in the overview or fails the test.
const FEATURES: &[(&str, &[&str])] = &[
    ("help-feature-groups", &["group"]),
    ("help-feature-events", &["event", "rsvp"]),
    ("help-feature-polls", &["poll"]),
    ("help-feature-ideas", &["idea"]),
    ("help-feature-threads", &["thread"]),
    ("help-feature-reminders", &["remind"]),
    ("help-feature-timezone", &["timezone"]),
    ("help-feature-space", &["settings", "bot"]),
];

pub fn execute(ctx: &Ctx<'_>, command: &HelpCommand) -> crate::error::Result<Reply> {
    let Some(topic) = command.topic.as_deref().filter(|t| !t.is_empty()) else {
        return Ok(overview(ctx));
    };
    let words: Vec<&str> = topic.split_whitespace().collect();
    let mut path = Vec::new();
    let mut specs = catalogue::COMMANDS;
    let mut found: Option<&'static CommandSpec> = None;
    for word in &words {
        match catalogue::find_in(&path, specs, word) {
            Some(spec) => {
                path.push(spec.name);
                specs = spec.subcommands;
                found = Some(spec);
            }
            None => {
                let error = match crate::command::parse(topic) {
                    Err(
                        e @ (ParseError::UnknownCommand { .. }
                        | ParseError::UnknownSubcommand { .. }),
                    ) => e,
                    _ => ParseError::UnknownCommand {
                        word: (*word).to_owned(),
                        suggestions: Vec::new(),
                    },
                };
                return Err(error.msg().into());
            }
        }
    }
    let spec = found.ok_or_else(|| ParseError::Empty.msg())?;
    if spec.subcommands.is_empty() {
        return Ok(leaf_help(ctx, &path, spec));
    }
    Ok(match feature_of(path[0]) {
        Some(feature) => feature_help(ctx, feature),
        None => leaves_help(ctx, spec.name.to_owned(), &leaves(&path, spec)),
    })
}

fn locale(ctx: &Ctx<'_>) -> Locale {
    ctx.locale_for(Visibility::Private)
}

fn feature_of(top: &str) -> Option<&'static (&'static str, &'static [&'static str])> {
    FEATURES
        .iter()
        .find(|(_, commands)| commands.contains(&top))
}

/// The commands people run under `path` (itself, when it has no subcommands).
fn leaves(
    path: &[&'static str],
    spec: &'static CommandSpec,
) -> Vec<(Vec<&'static str>, &'static CommandSpec)> {
    if spec.subcommands.is_empty() {
        return vec![(path.to_vec(), spec)];
    }
    spec.subcommands
        .iter()
        .flat_map(|sub| {
            let mut sub_path = path.to_vec();
            sub_path.push(sub.name);
            leaves(&sub_path, sub)
        })
        .collect()
}

/// The leaves of a top-level command of the catalogue.
fn top_leaves(top: &str) -> Vec<(Vec<&'static str>, &'static CommandSpec)> {
    catalogue::COMMANDS
        .iter()
        .filter(|spec| spec.name == top)
        .flat_map(|spec| leaves(&[spec.name], spec))
        .collect()
}

/// `help group create` as the reader types it: `bantuan grup buat`.
fn help_for(locale: Locale, path: &[&str]) -> String {
    format!(
        "{} {}",
        catalogue::command_words(&["help"], locale),
        catalogue::command_words(path, locale)
    )
}

/// A usage line without its named options, which `help <command>` lists:
/// `poll create <poll…> [--…]`.
fn short_usage(locale: Locale, path: &[&str], spec: &CommandSpec) -> String {
    let full = catalogue::usage(locale, path, spec);
    match full.find(" [--") {
        Some(at) => format!("{} [--…]", &full[..at]),
        None => full,
    }
}

/// What a feature's line in the overview shows of a top-level command: its subcommands'
/// names (`group <create|edit|…>`), or the one command it stands for (`bot leave`).
fn overview_usage(locale: Locale, top: &'static CommandSpec) -> String {
    match top.subcommands {
        [] => short_usage(locale, &[top.name], top),
        [only] => short_usage(locale, &[top.name, only.name], only),
        _ => catalogue::usage(locale, &[top.name], top),
    }
}

fn overview(ctx: &Ctx<'_>) -> Reply {
    let private = Visibility::Private;
    let locale = locale(ctx);
    let items = FEATURES
        .iter()
        .map(|(heading, commands)| {
            let mut line = vec![Inline::Text(format!("{}: ", ctx.label(private, heading)))];
            for (i, top) in commands
                .iter()
                .filter_map(|c| catalogue::find(c))
                .enumerate()
            {
                if i > 0 {
                    line.push(Inline::Text(", ".to_owned()));
                }
                line.push(Inline::Code(overview_usage(locale, top)));
            }
            line
        })
        .collect();
    Reply::new(private, Tone::Info)
        .title(ctx.label(private, "help-title"))
        .paragraph(ctx.t(private, &Msg::new("help-intro")))
        .list(items)
        .paragraph(ctx.t(
            private,
            &Msg::new("help-more").code("command", help_for(locale, &["group"])),
        ))
        .paragraph(ctx.t(
            private,
            &Msg::new("help-more-command").code("command", help_for(locale, &["group", "create"])),
        ))
}

fn feature_help(ctx: &Ctx<'_>, (heading, commands): &(&'static str, &[&str])) -> Reply {
    let all: Vec<_> = commands.iter().flat_map(|top| top_leaves(top)).collect();
    leaves_help(ctx, ctx.label(Visibility::Private, heading), &all)
}

/// A feature's commands, a line each: the usage, what it does, and an example.
fn leaves_help(
    ctx: &Ctx<'_>,
    title: String,
    leaves: &[(Vec<&'static str>, &'static CommandSpec)],
) -> Reply {
    let private = Visibility::Private;
    let (i18n, locale) = (ctx.bot.i18n(), locale(ctx));
    let items = leaves
        .iter()
        .map(|(path, spec)| {
            let mut line = vec![
                Inline::Code(short_usage(locale, path, spec)),
                Inline::Text(format!(
                    " — {}",
                    i18n.lookup(locale, &catalogue::description_key(path))
                )),
            ];
            if let Some(only) = only_for(spec) {
                line.push(Inline::Text(format!(" ({})", ctx.label(private, only))));
            }
            // A command typed without anything after it is its own example.
            let example = examples::example(i18n, locale, path)
                .filter(|e| *e != catalogue::command_words(path, locale));
            if let Some(example) = example {
                line.push(Inline::Text("; ".to_owned()));
                line.extend(ctx.t(private, &Msg::new("help-example").code("example", example)));
            }
            line
        })
        .collect();
    let mut reply = Reply::new(private, Tone::Info).title(title).list(items);
    if let Some((path, _)) = leaves.first() {
        reply = reply.paragraph(ctx.t(
            private,
            &Msg::new("help-more-command").code("command", help_for(locale, path)),
        ));
    }
    reply
}

/// The note for a command only some may run, if it is one.
fn only_for(spec: &CommandSpec) -> Option<&'static str> {
    match spec.permission {
        Role::Admin => Some("help-admins-only"),
        Role::Moderator => Some("help-moderators-only"),
        Role::Member => None,
    }
}

fn leaf_help(ctx: &Ctx<'_>, path: &[&'static str], spec: &CommandSpec) -> Reply {
    let private = Visibility::Private;
    let (i18n, locale) = (ctx.bot.i18n(), locale(ctx));
    let mut reply = Reply::new(private, Tone::Info)
        .title(catalogue::command_words(path, locale))
        .paragraph(vec![Inline::Text(
            i18n.lookup(locale, &catalogue::description_key(path)),
        )])
        .paragraph(vec![Inline::Code(catalogue::usage(locale, path, spec))]);
    if spec.permission >= Role::Moderator {
        let role = if spec.permission == Role::Admin {
            "admin"
        } else {
            "moderator"
        };
        reply = reply.paragraph(ctx.t(private, &Msg::new("help-permission").select("role", role)));
    }
    if !spec.options.is_empty() {
        let items = spec
            .options
            .iter()
            .map(|option| option_line(ctx, path, option))
            .collect();
        reply = reply.list(items);
    }
    if let Some(notes) = notes(ctx, path) {
        reply = reply.list(notes);
    }
    if let Some(example) = examples::example(i18n, locale, path) {
        reply = reply.paragraph(ctx.t(
            private,
            &Msg::new("help-example-line").code("example", example),
        ));
    }
    reply
}

/// `--tag — Tags to find it by…`, with the choice words a choice option takes.
fn option_line(ctx: &Ctx<'_>, path: &[&str], option: &OptionSpec) -> Line {
    let (i18n, locale) = (ctx.bot.i18n(), locale(ctx));
    let name = catalogue::option_name(path, option.name, locale);
    let name = if option.named {
        format!("--{name}")
    } else {
        name.to_owned()
    };
    let required = if option.required {
        format!(" ({})", ctx.label(Visibility::Private, "help-required"))
    } else {
        String::new()
    };
    let mut line = vec![
        Inline::Code(name),
        Inline::Text(format!(
            " — {}{required}",
            i18n.lookup(locale, &catalogue::option_key(path, option.name))
        )),
    ];
    if let OptionKind::Choice(codes) = option.kind {
        let words: Vec<&str> = codes
            .iter()
            .map(|c| catalogue::choice_word(c, locale))
            .collect();
        line.push(Inline::Text(": ".to_owned()));
        line.push(Inline::Code(words.join("|")));
    }
    line
}

/// A command's longer notes, a line each, if it has any ([`catalogue::notes_key`]).
fn notes(ctx: &Ctx<'_>, path: &[&str]) -> Option<Vec<Line>> {
    let (i18n, locale) = (ctx.bot.i18n(), locale(ctx));
    let key = catalogue::notes_key(path);
    i18n.has(locale, &key).then(|| {
        i18n.lookup(locale, &key)
            .lines()
            .map(|line| vec![Inline::Text(line.trim().to_owned())])
            .collect()
    })
}
