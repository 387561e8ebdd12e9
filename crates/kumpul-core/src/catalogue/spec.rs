//! The shapes of the catalogue: what a command and an option are ([`CommandSpec`],
//! [`OptionSpec`], [`OptionKind`]), and the `const` builders the command tree is written
//! with.

use crate::identity::Role;

/// What an option's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// Free text, at most this many characters.
    Text { max_chars: usize },
    /// A whole number within bounds.
    Integer { min: i64, max: i64 },
    /// A person (a mention on Discord/Matrix, a name on the console).
    User,
    /// A platform role (Discord), or a word such as `none`.
    Role,
    /// The name of an interest group of the space. `existing`: it names a group that
    /// exists (autocompleted on Discord), rather than a new one (`group create`).
    GroupName { existing: bool },
    /// A point in time, in words (`tomorrow 7pm`, `besok jam 7 malam`).
    Time,
    /// A length of time (`2h`, `90m`).
    Duration,
    /// One of a fixed set of words.
    Choice(&'static [&'static str]),
    /// A comma-separated list (`outdoor,weekend`).
    List { max_items: usize },
    /// An on/off switch (`--confirm`); present means on.
    Flag,
}

/// One option of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    pub name: &'static str,
    pub kind: OptionKind,
    pub required: bool,
    /// Given as `--name value` in text; otherwise positional, in catalogue order.
    pub named: bool,
    /// A positional option that takes the rest of the line, so `group join board games`
    /// needs no quotes. Only the last positional option may be greedy.
    pub greedy: bool,
}

/// One command or subcommand. A command either has subcommands or options, not both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandSpec {
    pub name: &'static str,
    /// The least role that may run it; features add ownership rules on top.
    pub permission: Role,
    pub options: &'static [OptionSpec],
    pub subcommands: &'static [CommandSpec],
}

pub(super) const fn positional(name: &'static str, kind: OptionKind, required: bool) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required,
        named: false,
        greedy: false,
    }
}

pub(super) const fn greedy(name: &'static str, kind: OptionKind, required: bool) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required,
        named: false,
        greedy: true,
    }
}

pub(super) const fn named(name: &'static str, kind: OptionKind) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required: false,
        named: true,
        greedy: false,
    }
}

pub(super) const fn leaf(
    name: &'static str,
    permission: Role,
    options: &'static [OptionSpec],
) -> CommandSpec {
    CommandSpec {
        name,
        permission,
        options,
        subcommands: &[],
    }
}

pub(super) const fn parent(name: &'static str, subcommands: &'static [CommandSpec]) -> CommandSpec {
    CommandSpec {
        name,
        permission: Role::Member,
        options: &[],
        subcommands,
    }
}
