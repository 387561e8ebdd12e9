//! Every command kumpul understands, defined once.
//!
//! The text parser (console, Matrix), Discord's slash-command registration, `help`, and the
//! permission check are all generated from [`COMMANDS`]. Help texts live in the Fluent
//! bundles under keys derived from the command path: `cmd-group-create` describes
//! `group create`, `opt-group-create-name` its `name` option.
//!
//! This file is the data: the limits, the option kinds, the command tree itself, and the
//! Indonesian names of commands, options and choice words. The code around it lives by
//! role: `spec` defines the shapes and their builders, `lookup` finds commands and names
//! them in a language, `typed` writes a command line in the reader's language (messages
//! never spell one themselves), `english` finds English command words shown to an
//! Indonesian reader, `keys` derives the Fluent keys; the tests check the whole tree.

mod english;
mod keys;
mod lookup;
mod spec;
#[cfg(test)]
mod tests;
mod typed;

pub use english::{english_phrases, english_words};
pub use keys::{choice_key, description_key, notes_key, option_key};
pub use lookup::{
    choice_from_word, choice_word, command_name, find, find_in, indonesian_name, option_name,
    spec_at, usage, walk,
};
pub use spec::{CommandSpec, OptionKind, OptionSpec};
pub use typed::{Typed, command_words};

use crate::identity::Role;
use crate::vocab;
use spec::{greedy, leaf, named, parent, positional};

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
/// `event edit --capacity`: a number of places, or `none` / `tanpa` to remove the limit.
const EVENT_NEW_CAPACITY: OptionKind = OptionKind::Text { max_chars: 20 };
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
/// `--page N` of a list (see `paging`).
const PAGE: OptionKind = OptionKind::Integer {
    min: 1,
    max: 100_000,
};

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
                    // A new name: refused, not cleaned, when it holds invisible characters.
                    named("rename", NEW_GROUP_NAME),
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
                &[
                    named("tag", OptionKind::Text { max_chars: 30 }),
                    named("page", PAGE),
                ],
            ),
            leaf("info", Role::Member, &[greedy("name", GROUP_NAME, true)]),
            leaf(
                "members",
                Role::Member,
                &[greedy("name", GROUP_NAME, true), named("page", PAGE)],
            ),
            leaf("mine", Role::Member, &[named("page", PAGE)]),
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
            leaf(
                "list",
                Role::Member,
                &[named("closed", OptionKind::Flag), named("page", PAGE)],
            ),
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
                    named("capacity", EVENT_NEW_CAPACITY),
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
            leaf(
                "list",
                Role::Member,
                &[named("group", GROUP_NAME), named("page", PAGE)],
            ),
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
                    named("page", PAGE),
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
                    named("page", PAGE),
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
            leaf("list", Role::Member, &[named("page", PAGE)]),
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
    ("group list --page", "halaman"),
    ("group info", "info"),
    ("group info --name", "nama"),
    ("group members", "anggota"),
    ("group members --name", "nama"),
    ("group members --page", "halaman"),
    ("group mine --page", "halaman"),
    ("group mine", "saya"),
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
    ("poll list --page", "halaman"),
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
    ("event list --page", "halaman"),
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
    ("idea list --page", "halaman"),
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
    ("thread list --page", "halaman"),
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
    ("remind list --page", "halaman"),
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

/// The Bahasa Indonesia word of each choice (`going` → `hadir`). A word means the same
/// wherever it is offered, like its label (`choice-…`), so it is listed once. People may
/// type either word whatever their language; the parser stores the English code. A test
/// checks that every choice has one and that no two choices of an option share a word.
static INDONESIAN_CHOICES: &[(&str, &str)] = &[
    ("single", "tunggal"),
    ("multiple", "ganda"),
    ("approval", "persetujuan"),
    ("score", "skor"),
    ("ranked", "peringkat"),
    ("consent", "mufakat"),
    ("time", "waktu"),
    ("live", "langsung"),
    ("after-vote", "setelah-memilih"),
    ("after-close", "setelah-ditutup"),
    ("public", "publik"),
    ("private", "privat"),
    ("secret", "rahasia"),
    ("no-block", "tanpa-keberatan"),
    ("majority", "mayoritas"),
    ("going", "hadir"),
    ("maybe", "mungkin"),
    ("no", "tidak"),
    ("open", "terbuka"),
    ("planned", "direncanakan"),
    ("done", "selesai"),
    ("declined", "ditolak"),
    ("en", "en"),
    ("id", "id"),
];
