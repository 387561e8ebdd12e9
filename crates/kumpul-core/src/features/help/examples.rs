//! One example per command, as `help` shows it in the reader's language.
//!
//! The command, option and choice words come from the catalogue through [`Typed`], so an
//! Indonesian reader sees `grup buat pendaki … --tag alam,akhir-pekan` and an English one
//! `group create hiking … --tags outdoor,weekend`; the free words (a group's name, a
//! reminder's text, a time) come from the bundles (`example-…`), because they are
//! written differently in each language. A test checks that every command has an
//! example and that each one reads back, in both languages, as the command it shows.

use crate::catalogue::{self, Typed};
use crate::i18n::{I18n, Locale, Msg};

/// The example for the command at `path`, as the reader of `locale` would type it;
/// `None` for a command without one (which the test does not allow).
pub fn example(i18n: &I18n, locale: Locale, path: &[&'static str]) -> Option<String> {
    let words = |id: &'static str| i18n.text(locale, &Msg::new(id));
    let group = || words("example-group-name");
    let example = |id: &'static str| Msg::new(id);
    let command = Typed::new(path);
    let typed = match path {
        // The topic of `help` is itself command words, in the reader's language.
        ["help"] => {
            return Some(format!(
                "{} {}",
                catalogue::command_words(path, locale),
                catalogue::command_words(&["group", "create"], locale)
            ));
        }
        ["group", "create"] => command
            .value(group())
            .example(example("example-group-create"))
            .named("tags", words("example-group-tags")),
        ["group", "edit"] => command
            .value(group())
            .named("description", words("example-group-edit")),
        ["group", "delete" | "join" | "leave" | "info" | "members"] => command.value(group()),
        ["group", "list"] => command.named("tag", words("example-group-tag")),
        ["group", "ping"] => command
            .value(group())
            .example(example("example-group-ping")),
        ["poll", "create"] => command
            .example(example("example-poll-create"))
            .named("kind", catalogue::choice_word("ranked", locale))
            .named("closes", words("example-poll-closes")),
        ["poll", "vote"] => command.value(3).value(2),
        ["poll", "list"] => command.flag("closed"),
        ["poll", "retract" | "results" | "close" | "nudge" | "export"] => command.value(3),
        ["event", "create"] => command
            .example(example("example-event-create"))
            .named("where", words("example-event-place"))
            .named("capacity", 8),
        ["event", "edit"] => command
            .value(4)
            .named("when", words("example-event-edit-when")),
        ["event", "cancel"] => command.value(4).flag("only-next"),
        ["event", "list"] => command.named("group", group()),
        ["event", "unmute"] => command.flag("all"),
        ["event", "info" | "mute" | "ics"] => command.value(4),
        ["rsvp"] => command.value(4).choice("answer", "going").value(1),
        ["idea", "add"] => command
            .example(example("example-idea-add"))
            .flag("anonymous"),
        ["idea", "list"] => command.flag("new"),
        ["idea", "status"] => command
            .value(2)
            .choice("status", "planned")
            .example(example("example-idea-status")),
        ["idea", "poll"] => command.value(3).value(5).value(7),
        ["idea", "vote" | "discuss"] => command.value(2),
        ["thread", "start"] => command
            .example(example("example-thread-start"))
            .named("group", group())
            .flag("ping"),
        ["thread", "list"] => command.flag("archived"),
        ["thread", "close" | "reopen" | "digest"] => command.value(5),
        ["remind", "me"] => command.example(example("example-remind-me")),
        ["remind", "group"] => command
            .value(group())
            .example(example("example-remind-group")),
        ["remind", "cancel"] => command.value(2),
        ["timezone", "set"] | ["settings", "timezone"] => command.value("Asia/Jakarta"),
        ["settings", "language"] => command.choice("language", "id"),
        ["settings", "moderators"] => command.example(example("example-settings-moderators")),
        ["settings", "reminders"] => command.example(example("example-settings-reminders")),
        ["group", "mine"]
        | ["remind", "list"]
        | ["timezone", "clear" | "show"]
        | ["settings", "show"]
        | ["bot", "leave"] => command,
        _ => return None,
    };
    Some(typed.render(i18n, locale))
}

#[cfg(test)]
mod tests {
    use super::example;
    use crate::catalogue::{english_words, walk};
    use crate::i18n::{I18n, Locale};

    #[test]
    fn every_command_has_an_example_that_reads_back_as_that_command_in_both_languages() {
        let i18n = I18n::load().unwrap();
        for (path, spec) in walk() {
            if !spec.subcommands.is_empty() {
                continue;
            }
            for locale in Locale::ALL {
                let shown = example(&i18n, locale, &path)
                    .unwrap_or_else(|| panic!("{path:?} has no example"));
                let call = crate::command::parse(&shown)
                    .unwrap_or_else(|e| panic!("{locale} example `{shown}` does not parse: {e:?}"));
                assert_eq!(call.path, path, "`{shown}`");
                if locale == Locale::Id {
                    assert_eq!(english_words(&shown), Vec::<String>::new(), "`{shown}`");
                }
            }
        }
    }

    #[test]
    fn an_example_is_written_in_the_readers_words() {
        let i18n = I18n::load().unwrap();
        let create = |locale| example(&i18n, locale, &["group", "create"]).unwrap();
        assert_eq!(
            create(Locale::En),
            "group create hiking Weekend walks in the hills --tags outdoor,weekend"
        );
        assert_eq!(
            create(Locale::Id),
            "grup buat pendaki Jalan kaki akhir pekan di perbukitan --tag alam,akhir-pekan"
        );
        assert_eq!(
            example(&i18n, Locale::Id, &["rsvp"]).unwrap(),
            "hadir 4 hadir 1"
        );
    }
}
