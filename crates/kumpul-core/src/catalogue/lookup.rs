//! Finding commands in the tree: by English or Indonesian name, every path in order; the
//! names of commands, options and choice words in a language, and the usage line of one.

use super::{COMMANDS, CommandSpec, INDONESIAN_CHOICES, INDONESIAN_NAMES, OptionKind};
use crate::i18n::Locale;

/// The Indonesian name of a command path (`["group", "create"]`) or, with `option`, of
/// one of its options.
pub fn indonesian_name(path: &[&str], option: Option<&str>) -> Option<&'static str> {
    let mut key = path.join(" ");
    if let Some(option) = option {
        key = format!("{key} --{option}");
    }
    INDONESIAN_NAMES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v)
}

/// Finds a top-level command by its English or Indonesian name (case-insensitive).
pub fn find(name: &str) -> Option<&'static CommandSpec> {
    find_in(&[], COMMANDS, name)
}

/// Finds a command among `specs`, the children of `parent`, by its English or Indonesian
/// name (case-insensitive).
pub fn find_in(
    parent: &[&str],
    specs: &'static [CommandSpec],
    name: &str,
) -> Option<&'static CommandSpec> {
    specs.iter().find(|s| {
        let mut path = parent.to_vec();
        path.push(s.name);
        s.name.eq_ignore_ascii_case(name)
            || indonesian_name(&path, None).is_some_and(|id| id.eq_ignore_ascii_case(name))
    })
}

/// Every command path with its spec, parents before children (for help and registration).
pub fn walk() -> Vec<(Vec<&'static str>, &'static CommandSpec)> {
    fn go(
        specs: &'static [CommandSpec],
        prefix: &[&'static str],
        out: &mut Vec<(Vec<&'static str>, &'static CommandSpec)>,
    ) {
        for spec in specs {
            let mut path = prefix.to_vec();
            path.push(spec.name);
            out.push((path.clone(), spec));
            go(spec.subcommands, &path, out);
        }
    }
    let mut out = Vec::new();
    go(COMMANDS, &[], &mut out);
    out
}

/// The command at `path` (`["group", "join"]`, English names), if the catalogue has it.
pub fn spec_at(path: &[&str]) -> Option<&'static CommandSpec> {
    let mut specs = COMMANDS;
    let mut found = None;
    for name in path {
        let spec = specs.iter().find(|s| s.name == *name)?;
        specs = spec.subcommands;
        found = Some(spec);
    }
    found
}

/// The name of the last command of `path` as `locale`'s reader types it (`join` → `gabung`).
pub fn command_name<'a>(path: &[&'a str], locale: Locale) -> &'a str {
    let english = path.last().copied().unwrap_or_default();
    match locale {
        Locale::En => english,
        Locale::Id => indonesian_name(path, None).unwrap_or(english),
    }
}

/// The name of `option` of the command at `path` as `locale`'s reader types it.
pub fn option_name<'a>(path: &[&str], option: &'a str, locale: Locale) -> &'a str {
    match locale {
        Locale::En => option,
        Locale::Id => indonesian_name(path, Some(option)).unwrap_or(option),
    }
}

/// The word of the choice `code` as `locale`'s reader types it (`going` → `hadir`).
pub fn choice_word(code: &'static str, locale: Locale) -> &'static str {
    match locale {
        Locale::En => code,
        Locale::Id => INDONESIAN_CHOICES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, id)| *id),
    }
}

/// The choice among `choices` that `word` names, in either language (case-insensitive):
/// `hadir` and `going` both give `going`.
pub fn choice_from_word(choices: &'static [&'static str], word: &str) -> Option<&'static str> {
    let word = word.trim();
    choices.iter().copied().find(|code| {
        code.eq_ignore_ascii_case(word)
            || Locale::ALL
                .iter()
                .any(|l| choice_word(code, *l).eq_ignore_ascii_case(word))
    })
}

/// The usage line of the command at `path` in `locale`:
/// `group create <name> [description] [--tags a,b]`, `grup buat <nama> [deskripsi] [--tag a,b]`.
pub fn usage(locale: Locale, path: &[&str], spec: &CommandSpec) -> String {
    let mut parts = vec![super::typed::command_words(path, locale)];
    if !spec.subcommands.is_empty() {
        let names: Vec<&str> = spec
            .subcommands
            .iter()
            .map(|s| {
                let mut sub = path.to_vec();
                sub.push(s.name);
                command_name(&sub, locale)
            })
            .collect();
        parts.push(format!("<{}>", names.join("|")));
    }
    for option in spec.options.iter().filter(|o| !o.named) {
        let placeholder = match option.kind {
            OptionKind::Choice(choices) => choices
                .iter()
                .map(|c| choice_word(c, locale))
                .collect::<Vec<_>>()
                .join("|"),
            _ => option_name(path, option.name, locale).to_owned(),
        };
        let ellipsis = if option.greedy { "…" } else { "" };
        parts.push(if option.required {
            format!("<{placeholder}{ellipsis}>")
        } else {
            format!("[{placeholder}{ellipsis}]")
        });
    }
    for option in spec.options.iter().filter(|o| o.named) {
        let name = option_name(path, option.name, locale);
        parts.push(match option.kind {
            OptionKind::Flag => format!("[--{name}]"),
            OptionKind::List { .. } => format!("[--{name} a,b]"),
            _ => format!("[--{name} \"…\"]"),
        });
    }
    parts.join(" ")
}
