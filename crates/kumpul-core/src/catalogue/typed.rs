//! What a person types, kept as catalogue words until it is shown, so every reader sees
//! it in their own language: `group join hiking` for an English reader is `grup gabung
//! hiking` for an Indonesian one, `rsvp 3 no` is `hadir 3 tidak`. Messages never spell a
//! command themselves; they carry a [`Typed`] and the renderer writes it out.

use super::{OptionKind, OptionSpec, lookup};
use crate::i18n::{I18n, Locale, Msg};

/// A command line to show: a command path, then its parts in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    path: Vec<&'static str>,
    parts: Vec<Part>,
    /// Whether the command words are written: not for options shown on their own
    /// (`--results after-close`, see [`Typed::options`]).
    words: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// Data shown as it is (a number, a group name); quoted when it would otherwise be
    /// read as more than one word or as an option.
    Value(String),
    /// The choice word `code` of the option `option` (`going` → `hadir`).
    Choice {
        option: &'static str,
        code: &'static str,
    },
    /// `--option`, and its value if it takes one.
    Named {
        option: &'static str,
        value: Option<String>,
    },
    /// `--option` with the choice word `code` as its value (`--hasil setelah-ditutup`).
    NamedChoice {
        option: &'static str,
        code: &'static str,
    },
    /// `--option` with example words from the bundles as its value (`--grup pendaki`).
    NamedExample { option: &'static str, example: Msg },
    /// `<option>`: where the reader puts a value of their own.
    Placeholder(&'static str),
    /// The words of another command, as `help` takes them (`bantuan polling buat`).
    Command(Vec<&'static str>),
    /// Example words in the reader's language, from the bundles (the text of a sample
    /// reminder); never command words.
    Example(Msg),
    /// `…`: whatever the reader wants here.
    Etc,
    /// The whole usage line of the command.
    Usage,
    /// Only the name of one option, as the reader types it: `nomor`, `--kapasitas`.
    Label(&'static str),
    /// Only the choice words of one option: `hadir, mungkin, tidak`.
    Choices(&'static str),
    /// Only the named options of the command: `--grup, --anonim`.
    Options,
}

impl Typed {
    /// The command at `path` (`&["group", "join"]`), in English catalogue names.
    pub fn new(path: &[&'static str]) -> Typed {
        debug_assert!(
            lookup::spec_at(path).is_some(),
            "no command {path:?} in the catalogue"
        );
        Typed {
            path: path.to_vec(),
            parts: Vec::new(),
            words: true,
        }
    }

    /// Options of the command at `path` shown on their own, without its command words:
    /// `--results after-close` in an error about one option.
    pub fn options(path: &[&'static str]) -> Typed {
        Typed {
            words: false,
            ..Typed::new(path)
        }
    }

    /// The usage line of the command at `path`, in the reader's language.
    pub fn usage(path: &[&'static str]) -> Typed {
        Typed::options(path).part(Part::Usage)
    }

    /// The name of `option` of the command at `path`, alone: `nomor` for a positional
    /// option, `--kapasitas` for a named one (how an error names what was typed wrong).
    pub fn option_label(path: &[&'static str], option: &'static str) -> Typed {
        let typed = Typed::options(path);
        debug_assert!(typed.option(option).is_some(), "no option {option}");
        typed.part(Part::Label(option))
    }

    /// The choice words of `option` of the command at `path`, alone and in order:
    /// `going, maybe, no` / `hadir, mungkin, tidak`.
    pub fn choices(path: &[&'static str], option: &'static str) -> Typed {
        let typed = Typed::options(path);
        debug_assert!(
            typed
                .option(option)
                .is_some_and(|o| matches!(o.kind, OptionKind::Choice(_))),
            "{option} has no choices"
        );
        typed.part(Part::Choices(option))
    }

    /// The named options of the command at `path`, alone: `--group, --anonymous`.
    pub fn option_list(path: &[&'static str]) -> Typed {
        Typed::options(path).part(Part::Options)
    }

    /// A value: a number or a name the reader types as it is.
    pub fn value(self, value: impl ToString) -> Typed {
        self.part(Part::Value(value.to_string()))
    }

    /// The choice word `code` of `option`, in the reader's language.
    pub fn choice(self, option: &'static str, code: &'static str) -> Typed {
        debug_assert!(
            self.option(option).is_some_and(
                |o| matches!(o.kind, OptionKind::Choice(codes) if codes.contains(&code))
            ),
            "{code} is not a choice of {:?} --{option}",
            self.path
        );
        self.part(Part::Choice { option, code })
    }

    /// The switch `--option`.
    pub fn flag(self, option: &'static str) -> Typed {
        self.checked_named(option, None)
    }

    /// `--option value`.
    pub fn named(self, option: &'static str, value: impl ToString) -> Typed {
        self.checked_named(option, Some(value.to_string()))
    }

    /// `--option` with the choice word `code`, both in the reader's language.
    pub fn named_choice(self, option: &'static str, code: &'static str) -> Typed {
        debug_assert!(
            self.option(option)
                .is_some_and(|o| o.named
                    && matches!(o.kind, OptionKind::Choice(codes) if codes.contains(&code))),
            "{code} is not a choice of {:?} --{option}",
            self.path
        );
        self.part(Part::NamedChoice { option, code })
    }

    /// `--option` with example words from the bundles as its value, in the reader's
    /// language (a sample group name).
    pub fn named_example(self, option: &'static str, example: Msg) -> Typed {
        debug_assert!(
            self.option(option)
                .is_some_and(|o| o.named && o.kind != OptionKind::Flag),
            "{:?} has no option --{option}",
            self.path
        );
        self.part(Part::NamedExample { option, example })
    }

    /// Only example words from the bundles, no command: a value to type where a command
    /// already asked for one (`1d, 1h` for reminder times, `tanpa` for no limit).
    pub fn sample(example: Msg) -> Typed {
        Typed {
            path: Vec::new(),
            words: false,
            parts: vec![Part::Example(example)],
        }
    }

    /// The words of the command at `command`, in the reader's language: what `help`
    /// takes (`help poll create`, `bantuan polling buat`).
    pub fn command(self, command: &[&'static str]) -> Typed {
        debug_assert!(
            lookup::spec_at(command).is_some(),
            "no command {command:?} in the catalogue"
        );
        self.part(Part::Command(command.to_vec()))
    }

    /// `<option>`, in the reader's language.
    pub fn placeholder(self, option: &'static str) -> Typed {
        debug_assert!(self.option(option).is_some(), "no option {option}");
        self.part(Part::Placeholder(option))
    }

    /// Example words from the bundles, in the reader's language.
    pub fn example(self, msg: Msg) -> Typed {
        self.part(Part::Example(msg))
    }

    /// `…`.
    pub fn etc(self) -> Typed {
        self.part(Part::Etc)
    }

    /// The command path, in English catalogue names.
    pub fn path(&self) -> &[&'static str] {
        &self.path
    }

    /// The line as `locale`'s reader types it.
    pub fn render(&self, i18n: &I18n, locale: Locale) -> String {
        let mut words = match self.words {
            true => vec![command_words(&self.path, locale)],
            false => Vec::new(),
        };
        let last = self.parts.len().saturating_sub(1);
        for (index, part) in self.parts.iter().enumerate() {
            let word = match part {
                Part::Value(value) => quoted(value, index == last),
                Part::Choice { code, .. } => super::choice_word(code, locale).to_owned(),
                Part::Named { option, value } => {
                    let flag = format!("--{}", super::option_name(&self.path, option, locale));
                    match value {
                        Some(value) => format!("{flag} {}", quoted(value, false)),
                        None => flag,
                    }
                }
                Part::NamedChoice { option, code } => format!(
                    "--{} {}",
                    super::option_name(&self.path, option, locale),
                    super::choice_word(code, locale)
                ),
                Part::NamedExample { option, example } => format!(
                    "--{} {}",
                    super::option_name(&self.path, option, locale),
                    quoted(&i18n.text(locale, example), false)
                ),
                Part::Placeholder(option) => {
                    format!("<{}>", super::option_name(&self.path, option, locale))
                }
                Part::Command(command) => command_words(command, locale),
                Part::Example(msg) => i18n.text(locale, msg),
                Part::Etc => "…".to_owned(),
                // These stand alone, without the command words (a usage line starts
                // with them itself).
                Part::Usage => match lookup::spec_at(&self.path) {
                    Some(spec) => lookup::usage(locale, &self.path, spec),
                    None => continue,
                },
                Part::Label(option) => self.label(option, locale),
                Part::Choices(option) => {
                    let codes = match self.option(option).map(|o| o.kind) {
                        Some(OptionKind::Choice(codes)) => codes,
                        _ => &[],
                    };
                    let words: Vec<&str> = codes
                        .iter()
                        .map(|code| super::choice_word(code, locale))
                        .collect();
                    words.join(", ")
                }
                Part::Options => {
                    let options = lookup::spec_at(&self.path).map_or(&[][..], |s| s.options);
                    let named: Vec<String> = options
                        .iter()
                        .filter(|o| o.named)
                        .map(|o| self.label(o.name, locale))
                        .collect();
                    named.join(", ")
                }
            };
            words.push(word);
        }
        words.retain(|w| !w.is_empty());
        words.join(" ")
    }

    /// `nomor` or `--kapasitas`: an option's name in `locale`, with `--` when it is named.
    fn label(&self, option: &str, locale: Locale) -> String {
        let name = super::option_name(&self.path, option, locale);
        match self.option(option) {
            Some(o) if o.named => format!("--{name}"),
            _ => name.to_owned(),
        }
    }

    fn part(mut self, part: Part) -> Typed {
        self.parts.push(part);
        self
    }

    fn option(&self, name: &str) -> Option<&'static OptionSpec> {
        lookup::spec_at(&self.path)?
            .options
            .iter()
            .find(|o| o.name == name)
    }

    fn checked_named(self, option: &'static str, value: Option<String>) -> Typed {
        debug_assert!(
            self.option(option)
                .is_some_and(|o| o.named && (o.kind == OptionKind::Flag) == value.is_none()),
            "{:?} has no {} --{option}",
            self.path,
            if value.is_none() { "switch" } else { "option" }
        );
        self.part(Part::Named { option, value })
    }
}

/// The command words of `path` in `locale`: `grup gabung`.
pub fn command_words(path: &[&str], locale: Locale) -> String {
    (1..=path.len())
        .map(|n| super::command_name(&path[..n], locale))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A value as typed: quoted when it has spaces and is not the rest of the line, or when
/// it would read as an option.
fn quoted(value: &str, last: bool) -> String {
    let needs = value.starts_with("--") || (!last && value.chars().any(char::is_whitespace));
    if needs && !value.contains('"') {
        format!("\"{value}\"")
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::Typed;
    use crate::catalogue::english_words;
    use crate::i18n::{I18n, Locale, Msg};

    #[test]
    fn options_on_their_own_named_choices_examples_and_other_commands_are_written_out() {
        let i18n = I18n::load().unwrap();
        let option = Typed::options(&["poll", "create"]).named_choice("results", "after-close");
        assert_eq!(option.render(&i18n, Locale::En), "--results after-close");
        assert_eq!(option.render(&i18n, Locale::Id), "--hasil setelah-ditutup");
        let help = Typed::new(&["help"]).command(&["poll", "create"]);
        assert_eq!(help.render(&i18n, Locale::En), "help poll create");
        assert_eq!(help.render(&i18n, Locale::Id), "bantuan polling buat");
        let nudge = Typed::new(&["poll", "create"])
            .etc()
            .named_example("group", Msg::new("sample-group"));
        assert_eq!(
            nudge.render(&i18n, Locale::Id),
            format!(
                "polling buat … --grup {}",
                i18n.text(Locale::Id, &Msg::new("sample-group"))
            )
        );
        for typed in [option, help, nudge] {
            assert!(english_words(&typed.render(&i18n, Locale::Id)).is_empty());
            assert!(!english_words(&typed.render(&i18n, Locale::En)).is_empty());
        }
    }

    /// Example words come from the bundles in the reader's language, quoted as an
    /// option's value when they are more than one word, and alone as a value to type.
    #[test]
    fn examples_are_the_readers_words_quoted_where_an_option_needs_it() {
        let i18n = I18n::load().unwrap();
        let moved = Typed::new(&["event", "edit"])
            .value(2)
            .named_example("when", Msg::new("sample-event-when"))
            .flag("only-next");
        assert_eq!(
            moved.render(&i18n, Locale::En),
            "event edit 2 --when \"saturday 19:00\" --only-next"
        );
        assert_eq!(
            moved.render(&i18n, Locale::Id),
            "acara ubah 2 --kapan \"sabtu 19.00\" --hanya-berikutnya"
        );
        let none = Typed::new(&["event", "edit"])
            .value(2)
            .named_example("capacity", Msg::new("sample-capacity-none"));
        assert_eq!(
            none.render(&i18n, Locale::Id),
            "acara ubah 2 --kapasitas tanpa"
        );
        let times = Typed::sample(Msg::new("sample-reminders"));
        assert_eq!(times.render(&i18n, Locale::En), "1d, 1h");
        assert_eq!(times.render(&i18n, Locale::Id), "1 hari, 1 jam");
    }
}
