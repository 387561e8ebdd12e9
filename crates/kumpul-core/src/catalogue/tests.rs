//! Checks of the whole command tree: help texts in both languages, Discord's limits, option
//! order and the Indonesian names.

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
