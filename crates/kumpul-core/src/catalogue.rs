//! Every command kumpul understands, defined once.
//!
//! The text parser (console, Matrix), Discord's slash-command registration, `help`, and the
//! permission check are all generated from [`COMMANDS`]. Help texts live in the Fluent
//! bundles under keys derived from the command path: `cmd-group-create` describes
//! `group create`, `opt-group-create-name` its `name` option.

use crate::identity::Role;
use crate::vocab;

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

const fn positional(name: &'static str, kind: OptionKind, required: bool) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required,
        named: false,
        greedy: false,
    }
}

const fn greedy(name: &'static str, kind: OptionKind, required: bool) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required,
        named: false,
        greedy: true,
    }
}

const fn named(name: &'static str, kind: OptionKind) -> OptionSpec {
    OptionSpec {
        name,
        kind,
        required: false,
        named: true,
        greedy: false,
    }
}

const fn leaf(name: &'static str, permission: Role, options: &'static [OptionSpec]) -> CommandSpec {
    CommandSpec {
        name,
        permission,
        options,
        subcommands: &[],
    }
}

const fn parent(name: &'static str, subcommands: &'static [CommandSpec]) -> CommandSpec {
    CommandSpec {
        name,
        permission: Role::Member,
        options: &[],
        subcommands,
    }
}

/// Longest group name, in characters.
pub const GROUP_NAME_MAX: usize = 50;
/// Longest group description, in characters.
pub const GROUP_DESCRIPTION_MAX: usize = 300;
/// Longest group ping message, in characters.
pub const PING_MESSAGE_MAX: usize = 1500;
/// Most tags per group.
pub const GROUP_TAGS_MAX: usize = 10;

const GROUP_NAME: OptionKind = OptionKind::GroupName { existing: true };
const NEW_GROUP_NAME: OptionKind = OptionKind::GroupName { existing: false };
const DESCRIPTION: OptionKind = OptionKind::Text {
    max_chars: GROUP_DESCRIPTION_MAX,
};
const TAGS: OptionKind = OptionKind::List {
    max_items: GROUP_TAGS_MAX,
};
const LANGUAGES: &[&str] = &["en", "id"];
const POLL_NUMBER: OptionKind = OptionKind::Integer {
    min: 1,
    max: i64::MAX,
};
const EVENT_NUMBER: OptionKind = OptionKind::Integer {
    min: 1,
    max: i64::MAX,
};
const EVENT_TITLE: OptionKind = OptionKind::Text { max_chars: 200 };
const EVENT_PLACE: OptionKind = OptionKind::Text { max_chars: 200 };
const EVENT_REMINDERS: OptionKind = OptionKind::Text { max_chars: 100 };
const EVENT_CAPACITY: OptionKind = OptionKind::Integer {
    min: 1,
    max: 100_000,
};
const IDEA_NUMBER: OptionKind = OptionKind::Integer {
    min: 1,
    max: i64::MAX,
};
const IDEA_TEXT: OptionKind = OptionKind::Text { max_chars: 500 };
const THREAD_NUMBER: OptionKind = OptionKind::Integer {
    min: 1,
    max: i64::MAX,
};
const REMINDER_TEXT: OptionKind = OptionKind::Text { max_chars: 500 };
const ZONE: OptionKind = OptionKind::Text { max_chars: 64 };

/// The command tree.
pub static COMMANDS: &[CommandSpec] = &[
    leaf(
        "help",
        Role::Member,
        &[greedy(
            "command",
            OptionKind::Text { max_chars: 100 },
            false,
        )],
    ),
    parent(
        "group",
        &[
            leaf(
                "create",
                Role::Member,
                &[
                    positional("name", NEW_GROUP_NAME, true),
                    greedy("description", DESCRIPTION, false),
                    named("tags", TAGS),
                ],
            ),
            leaf(
                "edit",
                Role::Member,
                &[
                    greedy("name", GROUP_NAME, true),
                    named(
                        "rename",
                        OptionKind::Text {
                            max_chars: GROUP_NAME_MAX,
                        },
                    ),
                    named("description", DESCRIPTION),
                    named("tags", TAGS),
                ],
            ),
            leaf("delete", Role::Member, &[greedy("name", GROUP_NAME, true)]),
            leaf("join", Role::Member, &[greedy("name", GROUP_NAME, true)]),
            leaf("leave", Role::Member, &[greedy("name", GROUP_NAME, true)]),
            leaf(
                "list",
                Role::Member,
                &[named("tag", OptionKind::Text { max_chars: 30 })],
            ),
            leaf("info", Role::Member, &[greedy("name", GROUP_NAME, true)]),
            leaf("members", Role::Member, &[greedy("name", GROUP_NAME, true)]),
            leaf("mine", Role::Member, &[]),
            leaf(
                "ping",
                Role::Member,
                &[
                    positional("name", GROUP_NAME, true),
                    greedy(
                        "message",
                        OptionKind::Text {
                            max_chars: PING_MESSAGE_MAX,
                        },
                        true,
                    ),
                ],
            ),
        ],
    ),
    parent(
        "poll",
        &[
            leaf(
                "create",
                Role::Member,
                &[
                    greedy("poll", OptionKind::Text { max_chars: 3000 }, true),
                    named("kind", OptionKind::Choice(vocab::PollKind::CODES)),
                    named("closes", OptionKind::Time),
                    named(
                        "results",
                        OptionKind::Choice(vocab::ResultsVisibility::CODES),
                    ),
                    named("voters", OptionKind::Choice(vocab::VoterVisibility::CODES)),
                    named("group", GROUP_NAME),
                    named("min", OptionKind::Integer { min: 1, max: 25 }),
                    named("max", OptionKind::Integer { min: 1, max: 25 }),
                    named(
                        "quorum",
                        OptionKind::Integer {
                            min: 1,
                            max: 1_000_000,
                        },
                    ),
                    named("rule", OptionKind::Choice(vocab::ConsentRule::CODES)),
                ],
            ),
            leaf(
                "vote",
                Role::Member,
                &[
                    positional("number", POLL_NUMBER, true),
                    greedy("choice", OptionKind::Text { max_chars: 600 }, true),
                ],
            ),
            leaf(
                "retract",
                Role::Member,
                &[positional("number", POLL_NUMBER, true)],
            ),
            leaf(
                "results",
                Role::Member,
                &[positional("number", POLL_NUMBER, true)],
            ),
            leaf(
                "close",
                Role::Member,
                &[positional("number", POLL_NUMBER, true)],
            ),
            leaf("list", Role::Member, &[named("closed", OptionKind::Flag)]),
            leaf(
                "nudge",
                Role::Member,
                &[positional("number", POLL_NUMBER, true)],
            ),
            leaf(
                "export",
                Role::Member,
                &[positional("number", POLL_NUMBER, true)],
            ),
        ],
    ),
    parent(
        "event",
        &[
            leaf(
                "create",
                Role::Member,
                &[
                    positional("when", OptionKind::Time, true),
                    greedy("title", EVENT_TITLE, true),
                    named("duration", OptionKind::Duration),
                    named("where", EVENT_PLACE),
                    named("group", GROUP_NAME),
                    named("capacity", EVENT_CAPACITY),
                    named("repeat", OptionKind::Time),
                    named("rsvp-by", OptionKind::Time),
                    named("remind", EVENT_REMINDERS),
                    named("remind-maybe", OptionKind::Flag),
                    named("thread", OptionKind::Flag),
                ],
            ),
            leaf(
                "edit",
                Role::Member,
                &[
                    positional("number", EVENT_NUMBER, true),
                    named("when", OptionKind::Time),
                    named("title", EVENT_TITLE),
                    named("duration", OptionKind::Duration),
                    named("where", EVENT_PLACE),
                    named("capacity", EVENT_CAPACITY),
                    named("rsvp-by", OptionKind::Time),
                    named("remind", EVENT_REMINDERS),
                    named("only-next", OptionKind::Flag),
                ],
            ),
            leaf(
                "cancel",
                Role::Member,
                &[
                    positional("number", EVENT_NUMBER, true),
                    named("only-next", OptionKind::Flag),
                ],
            ),
            leaf("list", Role::Member, &[named("group", GROUP_NAME)]),
            leaf(
                "info",
                Role::Member,
                &[positional("number", EVENT_NUMBER, true)],
            ),
            leaf(
                "mute",
                Role::Member,
                &[
                    positional("number", EVENT_NUMBER, false),
                    named("all", OptionKind::Flag),
                ],
            ),
            leaf(
                "unmute",
                Role::Member,
                &[
                    positional("number", EVENT_NUMBER, false),
                    named("all", OptionKind::Flag),
                ],
            ),
            leaf(
                "ics",
                Role::Member,
                &[
                    positional("number", EVENT_NUMBER, false),
                    named("group", GROUP_NAME),
                ],
            ),
        ],
    ),
    leaf(
        "rsvp",
        Role::Member,
        &[
            positional("number", EVENT_NUMBER, true),
            positional("answer", OptionKind::Choice(vocab::Answer::CODES), true),
            positional("guests", OptionKind::Integer { min: 0, max: 20 }, false),
        ],
    ),
    parent(
        "idea",
        &[
            leaf(
                "add",
                Role::Member,
                &[
                    greedy("text", IDEA_TEXT, true),
                    named("group", GROUP_NAME),
                    named("anonymous", OptionKind::Flag),
                ],
            ),
            leaf(
                "list",
                Role::Member,
                &[
                    named("group", GROUP_NAME),
                    named("top", OptionKind::Flag),
                    named("new", OptionKind::Flag),
                ],
            ),
            leaf(
                "vote",
                Role::Member,
                &[positional("number", IDEA_NUMBER, true)],
            ),
            leaf(
                "discuss",
                Role::Member,
                &[positional("number", IDEA_NUMBER, true)],
            ),
            leaf(
                "status",
                Role::Moderator,
                &[
                    positional("number", IDEA_NUMBER, true),
                    positional("status", OptionKind::Choice(vocab::IdeaStatus::CODES), true),
                    greedy("reason", IDEA_TEXT, false),
                ],
            ),
            leaf(
                "poll",
                Role::Member,
                &[
                    greedy("numbers", OptionKind::Text { max_chars: 200 }, true),
                    named("kind", OptionKind::Choice(vocab::PollKind::CODES)),
                ],
            ),
        ],
    ),
    parent(
        "thread",
        &[
            leaf(
                "start",
                Role::Member,
                &[
                    greedy("topic", OptionKind::Text { max_chars: 100 }, true),
                    named("group", GROUP_NAME),
                    named("ping", OptionKind::Flag),
                ],
            ),
            leaf(
                "list",
                Role::Member,
                &[
                    named("group", GROUP_NAME),
                    named("open", OptionKind::Flag),
                    named("archived", OptionKind::Flag),
                ],
            ),
            leaf(
                "close",
                Role::Member,
                &[positional("number", THREAD_NUMBER, true)],
            ),
            leaf(
                "reopen",
                Role::Member,
                &[positional("number", THREAD_NUMBER, true)],
            ),
            leaf(
                "digest",
                Role::Member,
                &[positional("number", THREAD_NUMBER, true)],
            ),
        ],
    ),
    parent(
        "remind",
        &[
            leaf(
                "me",
                Role::Member,
                &[
                    positional("when", OptionKind::Time, true),
                    greedy("text", REMINDER_TEXT, true),
                ],
            ),
            leaf(
                "group",
                Role::Member,
                &[
                    positional("name", GROUP_NAME, true),
                    positional("when", OptionKind::Time, true),
                    greedy("text", REMINDER_TEXT, true),
                ],
            ),
            leaf("list", Role::Member, &[]),
            leaf(
                "cancel",
                Role::Member,
                &[positional(
                    "number",
                    OptionKind::Integer {
                        min: 1,
                        max: i64::MAX,
                    },
                    true,
                )],
            ),
        ],
    ),
    parent(
        "timezone",
        &[
            leaf("set", Role::Member, &[greedy("zone", ZONE, true)]),
            leaf("clear", Role::Member, &[]),
            leaf("show", Role::Member, &[]),
        ],
    ),
    parent("bot", &[leaf("leave", Role::Moderator, &[])]),
    parent(
        "settings",
        &[
            leaf("show", Role::Member, &[]),
            leaf(
                "language",
                Role::Moderator,
                &[positional("language", OptionKind::Choice(LANGUAGES), true)],
            ),
            leaf("timezone", Role::Moderator, &[greedy("zone", ZONE, true)]),
            leaf(
                "moderators",
                Role::Admin,
                &[positional("role", OptionKind::Role, false)],
            ),
            leaf(
                "reminders",
                Role::Moderator,
                &[greedy("offsets", EVENT_REMINDERS, true)],
            ),
        ],
    ),
];

/// The Bahasa Indonesia names of commands (`group create` → `buat`) and options
/// (`group create --name` → `nama`). People may type either name; Discord shows the
/// Indonesian one to Indonesian users. A test checks that every command and option has one.
static INDONESIAN_NAMES: &[(&str, &str)] = &[
    ("help", "bantuan"),
    ("help --command", "perintah"),
    ("group", "grup"),
    ("group create", "buat"),
    ("group create --name", "nama"),
    ("group create --description", "deskripsi"),
    ("group create --tags", "tag"),
    ("group edit", "ubah"),
    ("group edit --name", "nama"),
    ("group edit --rename", "namabaru"),
    ("group edit --description", "deskripsi"),
    ("group edit --tags", "tag"),
    ("group delete", "hapus"),
    ("group delete --name", "nama"),
    ("group join", "gabung"),
    ("group join --name", "nama"),
    ("group leave", "keluar"),
    ("group leave --name", "nama"),
    ("group list", "daftar"),
    ("group list --tag", "tag"),
    ("group info", "info"),
    ("group info --name", "nama"),
    ("group members", "anggota"),
    ("group members --name", "nama"),
    ("group mine", "milikku"),
    ("group ping", "panggil"),
    ("group ping --name", "nama"),
    ("group ping --message", "pesan"),
    ("poll", "polling"),
    ("poll create", "buat"),
    ("poll create --poll", "polling"),
    ("poll create --kind", "jenis"),
    ("poll create --closes", "tutup"),
    ("poll create --results", "hasil"),
    ("poll create --voters", "pemilih"),
    ("poll create --group", "grup"),
    ("poll create --min", "min"),
    ("poll create --max", "maks"),
    ("poll create --quorum", "kuorum"),
    ("poll create --rule", "aturan"),
    ("poll vote", "pilih"),
    ("poll vote --number", "nomor"),
    ("poll vote --choice", "pilihan"),
    ("poll retract", "tarik"),
    ("poll retract --number", "nomor"),
    ("poll results", "hasil"),
    ("poll results --number", "nomor"),
    ("poll close", "tutup"),
    ("poll close --number", "nomor"),
    ("poll list", "daftar"),
    ("poll list --closed", "ditutup"),
    ("poll nudge", "ingatkan"),
    ("poll nudge --number", "nomor"),
    ("poll export", "ekspor"),
    ("poll export --number", "nomor"),
    ("event", "acara"),
    ("event create", "buat"),
    ("event create --when", "kapan"),
    ("event create --title", "judul"),
    ("event create --duration", "durasi"),
    ("event create --where", "tempat"),
    ("event create --group", "grup"),
    ("event create --capacity", "kapasitas"),
    ("event create --repeat", "ulang"),
    ("event create --rsvp-by", "batas-rsvp"),
    ("event create --remind", "pengingat"),
    ("event create --remind-maybe", "ingatkan-mungkin"),
    ("event create --thread", "utas"),
    ("event edit", "ubah"),
    ("event edit --number", "nomor"),
    ("event edit --when", "kapan"),
    ("event edit --title", "judul"),
    ("event edit --duration", "durasi"),
    ("event edit --where", "tempat"),
    ("event edit --capacity", "kapasitas"),
    ("event edit --rsvp-by", "batas-rsvp"),
    ("event edit --remind", "pengingat"),
    ("event edit --only-next", "hanya-berikutnya"),
    ("event cancel", "batal"),
    ("event cancel --number", "nomor"),
    ("event cancel --only-next", "hanya-berikutnya"),
    ("event list", "daftar"),
    ("event list --group", "grup"),
    ("event info", "info"),
    ("event info --number", "nomor"),
    ("event mute", "bisukan"),
    ("event mute --number", "nomor"),
    ("event mute --all", "semua"),
    ("event unmute", "bunyikan"),
    ("event unmute --number", "nomor"),
    ("event unmute --all", "semua"),
    ("event ics", "kalender"),
    ("event ics --number", "nomor"),
    ("event ics --group", "grup"),
    ("rsvp", "hadir"),
    ("rsvp --number", "nomor"),
    ("rsvp --answer", "jawaban"),
    ("rsvp --guests", "tamu"),
    ("idea", "ide"),
    ("idea add", "tambah"),
    ("idea add --text", "teks"),
    ("idea add --group", "grup"),
    ("idea add --anonymous", "anonim"),
    ("idea list", "daftar"),
    ("idea list --group", "grup"),
    ("idea list --top", "teratas"),
    ("idea list --new", "terbaru"),
    ("idea vote", "dukung"),
    ("idea vote --number", "nomor"),
    ("idea discuss", "diskusi"),
    ("idea discuss --number", "nomor"),
    ("idea status", "status"),
    ("idea status --number", "nomor"),
    ("idea status --status", "status"),
    ("idea status --reason", "alasan"),
    ("idea poll", "polling"),
    ("idea poll --numbers", "nomor"),
    ("idea poll --kind", "jenis"),
    ("thread", "utas"),
    ("thread start", "mulai"),
    ("thread start --topic", "topik"),
    ("thread start --group", "grup"),
    ("thread start --ping", "ping"),
    ("thread list", "daftar"),
    ("thread list --group", "grup"),
    ("thread list --open", "terbuka"),
    ("thread list --archived", "diarsipkan"),
    ("thread close", "tutup"),
    ("thread close --number", "nomor"),
    ("thread reopen", "buka"),
    ("thread reopen --number", "nomor"),
    ("thread digest", "ringkasan"),
    ("thread digest --number", "nomor"),
    ("remind", "ingatkan"),
    ("remind me", "saya"),
    ("remind me --when", "kapan"),
    ("remind me --text", "teks"),
    ("remind group", "grup"),
    ("remind group --name", "nama"),
    ("remind group --when", "kapan"),
    ("remind group --text", "teks"),
    ("remind list", "daftar"),
    ("remind cancel", "batal"),
    ("remind cancel --number", "nomor"),
    ("timezone", "zonawaktu"),
    ("timezone set", "atur"),
    ("timezone set --zone", "zona"),
    ("timezone clear", "hapus"),
    ("timezone show", "lihat"),
    ("bot", "bot"),
    ("bot leave", "keluar"),
    ("settings", "pengaturan"),
    ("settings show", "lihat"),
    ("settings language", "bahasa"),
    ("settings language --language", "bahasa"),
    ("settings timezone", "zonawaktu"),
    ("settings timezone --zone", "zona"),
    ("settings moderators", "moderator"),
    ("settings reminders", "pengingat"),
    ("settings reminders --offsets", "waktu"),
    ("settings moderators --role", "peran"),
];

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

/// The Fluent key of a command's description: `cmd-group-create`.
pub fn description_key(path: &[&str]) -> String {
    format!("cmd-{}", path.join("-"))
}

/// The Fluent key of the label of a choice word (`choice-secret`): a word means the same
/// wherever it is offered, so it is labelled once.
pub fn choice_key(code: &str) -> String {
    format!("choice-{code}")
}

/// The Fluent key of an option's description: `opt-group-create-name`.
pub fn option_key(path: &[&str], option: &str) -> String {
    format!("opt-{}-{}", path.join("-"), option)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{I18n, Locale};

    #[test]
    fn every_command_and_option_has_a_help_text_in_both_languages() {
        let i18n = I18n::load().unwrap();
        for (path, spec) in walk() {
            for locale in Locale::ALL {
                let key = description_key(&path);
                assert!(i18n.has(locale, &key), "{key} missing in {locale}");
                for option in spec.options {
                    let key = option_key(&path, option.name);
                    assert!(i18n.has(locale, &key), "{key} missing in {locale}");
                }
            }
        }
    }

    #[test]
    fn every_choice_word_has_a_label_in_both_languages_that_discord_accepts() {
        let i18n = I18n::load().unwrap();
        for (path, spec) in walk() {
            for option in spec.options {
                let OptionKind::Choice(codes) = option.kind else {
                    continue;
                };
                for code in codes {
                    for locale in Locale::ALL {
                        let key = choice_key(code);
                        assert!(
                            i18n.has(locale, &key),
                            "{path:?}: {key} missing in {locale}"
                        );
                        let label = i18n.lookup(locale, &key);
                        assert!((1..=100).contains(&label.chars().count()), "{key}: {label}");
                    }
                }
            }
        }
    }

    #[test]
    fn help_texts_fit_discord_description_limits() {
        // Discord rejects command and option descriptions over 100 characters.
        let i18n = I18n::load().unwrap();
        for (path, spec) in walk() {
            for locale in Locale::ALL {
                let mut keys = vec![description_key(&path)];
                keys.extend(spec.options.iter().map(|o| option_key(&path, o.name)));
                for key in keys {
                    let text = i18n.lookup(locale, &key);
                    assert!(
                        (1..=100).contains(&text.chars().count()),
                        "{key} in {locale} is {} characters",
                        text.chars().count()
                    );
                }
            }
        }
    }

    #[test]
    fn only_the_last_positional_option_is_greedy_and_required_ones_come_first() {
        for (path, spec) in walk() {
            let positionals: Vec<_> = spec.options.iter().filter(|o| !o.named).collect();
            for (i, option) in positionals.iter().enumerate() {
                assert!(
                    !option.greedy || i + 1 == positionals.len(),
                    "{path:?}: only the last positional may be greedy"
                );
                if option.required && i > 0 {
                    assert!(
                        positionals[i - 1].required,
                        "{path:?}: optional before required"
                    );
                }
            }
            assert!(
                spec.options.is_empty() || spec.subcommands.is_empty(),
                "{path:?} has both options and subcommands"
            );
        }
    }

    #[test]
    fn names_fit_discord_rules() {
        // Discord: lowercase, 1–32 characters, at most 25 subcommands and 25 options.
        for (path, spec) in walk() {
            let valid = |n: &str| {
                !n.is_empty()
                    && n.len() <= 32
                    && n.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
            };
            assert!(valid(spec.name), "{path:?}");
            assert!(spec.options.len() <= 25 && spec.subcommands.len() <= 25);
            for option in spec.options {
                assert!(valid(option.name), "{path:?} {}", option.name);
            }
        }
    }

    #[test]
    fn every_command_and_option_has_a_valid_distinct_indonesian_name() {
        let valid = |n: &str| {
            !n.is_empty()
                && n.chars().count() <= 32
                && n.chars()
                    .all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        };
        let mut siblings: std::collections::HashMap<String, Vec<&str>> =
            std::collections::HashMap::new();
        for (path, spec) in walk() {
            let id = indonesian_name(&path, None)
                .unwrap_or_else(|| panic!("no Indonesian name for {path:?}"));
            assert!(valid(id), "{id}");
            siblings
                .entry(path[..path.len() - 1].join(" "))
                .or_default()
                .push(id);
            let mut options = Vec::new();
            for option in spec.options {
                let id = indonesian_name(&path, Some(option.name))
                    .unwrap_or_else(|| panic!("no Indonesian name for {path:?} --{}", option.name));
                assert!(valid(id), "{id}");
                options.push(id);
            }
            let count = options.len();
            options.sort();
            options.dedup();
            assert_eq!(
                options.len(),
                count,
                "{path:?} has two options with one Indonesian name"
            );
        }
        for (parent, mut names) in siblings {
            let count = names.len();
            names.sort();
            names.dedup();
            assert_eq!(
                names.len(),
                count,
                "two commands under {parent:?} share an Indonesian name"
            );
        }
        assert_eq!(
            INDONESIAN_NAMES.len(),
            walk()
                .iter()
                .map(|(_, s)| 1 + s.options.len())
                .sum::<usize>(),
            "no stale names"
        );
    }

    #[test]
    fn usage_lines_show_required_optional_and_named_options() {
        let group = find("group").unwrap();
        let create = find_in(&["group"], group.subcommands, "create").unwrap();
        assert_eq!(
            usage(&["group", "create"], create),
            "group create <name> [description…] [--tags a,b]"
        );
        let settings = find("settings").unwrap();
        assert_eq!(
            usage(&["settings"], settings),
            "settings <show|language|timezone|moderators|reminders>"
        );
    }
}
