//! Finding commands in the tree: by English or Indonesian name, every path in order, and
//! the usage line of one.

use super::{COMMANDS, CommandSpec, INDONESIAN_NAMES, OptionKind};

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

/// The usage line of a leaf command: `group create <name> [description] [--tags a,b]`.
pub fn usage(path: &[&str], spec: &CommandSpec) -> String {
    let mut parts: Vec<String> = path.iter().map(|p| (*p).to_owned()).collect();
    if !spec.subcommands.is_empty() {
        let names: Vec<&str> = spec.subcommands.iter().map(|s| s.name).collect();
        parts.push(format!("<{}>", names.join("|")));
    }
    for option in spec.options.iter().filter(|o| !o.named) {
        let placeholder = match option.kind {
            OptionKind::Choice(choices) => choices.join("|"),
            _ => option.name.to_owned(),
        };
        let ellipsis = if option.greedy { "…" } else { "" };
        parts.push(if option.required {
            format!("<{placeholder}{ellipsis}>")
        } else {
            format!("[{placeholder}{ellipsis}]")
        });
    }
    for option in spec.options.iter().filter(|o| o.named) {
        parts.push(match option.kind {
            OptionKind::Flag => format!("[--{}]", option.name),
            OptionKind::List { .. } => format!("[--{} a,b]", option.name),
            _ => format!("[--{} \"…\"]", option.name),
        });
    }
    parts.join(" ")
}
