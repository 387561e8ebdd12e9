//! `help`, generated from the catalogue in the reader's language.

use crate::bot::Ctx;
use crate::catalogue::{self, CommandSpec};
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
    Ok(if spec.subcommands.is_empty() {
        leaf_help(ctx, &path, spec)
    } else {
        parent_help(ctx, &path, spec)
    })
}

fn locale(ctx: &Ctx<'_>) -> Locale {
    ctx.locale_for(Visibility::Private)
}

/// `usage — description`, with a note when the command needs a moderator.
fn usage_line(ctx: &Ctx<'_>, path: &[&str], spec: &CommandSpec) -> Line {
    let i18n = ctx.bot.i18n();
    let mut line = vec![
        Inline::Code(catalogue::usage(locale(ctx), path, spec)),
        Inline::Text(format!(
            " — {}",
            i18n.lookup(locale(ctx), &catalogue::description_key(path))
        )),
    ];
    if spec.permission >= Role::Moderator {
        line.push(Inline::Text(format!(
            " ({})",
            ctx.label(Visibility::Private, "help-moderators-only")
        )));
    }
    line
}

fn overview(ctx: &Ctx<'_>) -> Reply {
    let private = Visibility::Private;
    let items = catalogue::walk()
        .into_iter()
        .filter(|(_, spec)| spec.subcommands.is_empty())
        .map(|(path, spec)| usage_line(ctx, &path, spec))
        .collect();
    Reply::new(private, Tone::Info)
        .title(ctx.label(private, "help-title"))
        .paragraph(ctx.t(private, &Msg::new("help-intro")))
        .list(items)
        .paragraph(ctx.t(
            private,
            &Msg::new("help-more").code("command", "help group create"),
        ))
}

fn parent_help(ctx: &Ctx<'_>, path: &[&'static str], spec: &CommandSpec) -> Reply {
    let private = Visibility::Private;
    let i18n = ctx.bot.i18n();
    let items = spec
        .subcommands
        .iter()
        .map(|sub| {
            let mut sub_path = path.to_vec();
            sub_path.push(sub.name);
            usage_line(ctx, &sub_path, sub)
        })
        .collect();
    Reply::new(private, Tone::Info)
        .title(path.join(" "))
        .paragraph(vec![Inline::Text(
            i18n.lookup(locale(ctx), &catalogue::description_key(path)),
        )])
        .list(items)
}

fn leaf_help(ctx: &Ctx<'_>, path: &[&'static str], spec: &CommandSpec) -> Reply {
    let private = Visibility::Private;
    let i18n = ctx.bot.i18n();
    let mut reply = Reply::new(private, Tone::Info)
        .title(path.join(" "))
        .paragraph(vec![Inline::Text(
            i18n.lookup(locale(ctx), &catalogue::description_key(path)),
        )])
        .paragraph(vec![Inline::Code(catalogue::usage(
            locale(ctx),
            path,
            spec,
        ))]);
    if spec.permission >= Role::Moderator {
        reply = reply.paragraph(vec![Inline::Text(
            ctx.label(private, "help-moderators-only"),
        )]);
    }
    if !spec.options.is_empty() {
        let items = spec
            .options
            .iter()
            .map(|option| {
                let name = if option.named {
                    format!("--{}", option.name)
                } else {
                    option.name.to_owned()
                };
                let required = if option.required {
                    format!(" ({})", ctx.label(private, "help-required"))
                } else {
                    String::new()
                };
                vec![
                    Inline::Code(name),
                    Inline::Text(format!(
                        " — {}{required}",
                        i18n.lookup(locale(ctx), &catalogue::option_key(path, option.name))
                    )),
                ]
            })
            .collect();
        reply = reply.list(items);
    }
    if let Some(notes) = notes(ctx, path) {
        reply = reply.list(notes);
    }
    reply
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
