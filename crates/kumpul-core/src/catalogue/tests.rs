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
fn usage_lines_show_required_optional_and_named_options_in_each_language() {
    let group = find("group").unwrap();
    let create = find_in(&["group"], group.subcommands, "create").unwrap();
    assert_eq!(
        usage(Locale::En, &["group", "create"], create),
        "group create <name> [description…] [--tags a,b]"
    );
    assert_eq!(
        usage(Locale::Id, &["group", "create"], create),
        "grup buat <nama> [deskripsi…] [--tag a,b]"
    );
    let settings = find("settings").unwrap();
    assert_eq!(
        usage(Locale::En, &["settings"], settings),
        "settings <show|language|timezone|moderators|reminders>"
    );
    assert_eq!(
        usage(Locale::Id, &["settings"], settings),
        "pengaturan <lihat|bahasa|zonawaktu|moderator|pengingat>"
    );
    let rsvp = find("rsvp").unwrap();
    assert_eq!(
        usage(Locale::Id, &["rsvp"], rsvp),
        "hadir <nomor> <hadir|mungkin|tidak> [tamu]"
    );
}

#[test]
fn every_choice_word_has_an_indonesian_form_and_no_word_names_two_choices() {
    for (path, spec) in walk() {
        for option in spec.options {
            let OptionKind::Choice(codes) = option.kind else {
                continue;
            };
            let mut words: Vec<String> = Vec::new();
            for code in codes {
                assert!(
                    INDONESIAN_CHOICES.iter().any(|(c, _)| c == code),
                    "{path:?} --{}: no Indonesian word for {code}",
                    option.name
                );
                for locale in Locale::ALL {
                    let word = choice_word(code, locale);
                    assert_eq!(choice_from_word(codes, word), Some(*code), "{word}");
                    assert_eq!(
                        choice_from_word(codes, &word.to_uppercase()),
                        Some(*code),
                        "{word} in capitals"
                    );
                    if !words.contains(&word.to_owned()) {
                        words.push(word.to_owned());
                    }
                }
            }
            let mut all = words.clone();
            all.sort();
            all.dedup();
            assert_eq!(all.len(), words.len(), "{path:?} --{}", option.name);
        }
    }
    let used: Vec<&str> = walk()
        .iter()
        .flat_map(|(_, s)| s.options.iter())
        .filter_map(|o| match o.kind {
            OptionKind::Choice(codes) => Some(codes.iter().copied()),
            _ => None,
        })
        .flatten()
        .collect();
    for (code, _) in INDONESIAN_CHOICES {
        assert!(used.contains(code), "stale Indonesian word for {code}");
    }
}

/// The parser looks a word up among siblings in both languages at once, so no word may
/// name one command in English and another in Indonesian (nor options, nor choices).
#[test]
fn no_word_names_two_siblings_across_the_two_languages() {
    let mut siblings: std::collections::HashMap<String, Vec<(&str, &str)>> =
        std::collections::HashMap::new();
    for (path, spec) in walk() {
        let id = indonesian_name(&path, None).unwrap();
        siblings
            .entry(path[..path.len() - 1].join(" "))
            .or_default()
            .push((spec.name, id));
        let options: Vec<(&str, &str)> = spec
            .options
            .iter()
            .map(|o| (o.name, indonesian_name(&path, Some(o.name)).unwrap()))
            .collect();
        assert_distinct_across_languages(&format!("{path:?} options"), &options);
        for option in spec.options {
            if let OptionKind::Choice(codes) = option.kind {
                let words: Vec<(&str, &str)> = codes
                    .iter()
                    .map(|c| (*c, choice_word(c, Locale::Id)))
                    .collect();
                assert_distinct_across_languages(&format!("{path:?} --{}", option.name), &words);
            }
        }
    }
    for (parent, names) in siblings {
        assert_distinct_across_languages(&format!("under {parent:?}"), &names);
    }
}

fn assert_distinct_across_languages(what: &str, names: &[(&str, &str)]) {
    for (i, (en, id)) in names.iter().enumerate() {
        for (j, (other_en, other_id)) in names.iter().enumerate() {
            if i != j {
                assert!(
                    !en.eq_ignore_ascii_case(other_id) && !id.eq_ignore_ascii_case(other_en),
                    "{what}: {en}/{id} and {other_en}/{other_id} share a word"
                );
            }
        }
    }
}

#[test]
fn a_typed_command_is_written_in_the_readers_language() {
    let i18n = I18n::load().unwrap();
    let join = Typed::new(&["group", "join"]).value("board games");
    assert_eq!(join.render(&i18n, Locale::En), "group join board games");
    assert_eq!(join.render(&i18n, Locale::Id), "grup gabung board games");
    let rsvp = Typed::new(&["rsvp"]).value(3).choice("answer", "no");
    assert_eq!(rsvp.render(&i18n, Locale::En), "rsvp 3 no");
    assert_eq!(rsvp.render(&i18n, Locale::Id), "hadir 3 tidak");
    let idea = Typed::new(&["idea", "add"])
        .placeholder("text")
        .named("group", "board games")
        .flag("anonymous");
    assert_eq!(
        idea.render(&i18n, Locale::En),
        "idea add <text> --group \"board games\" --anonymous"
    );
    assert_eq!(
        idea.render(&i18n, Locale::Id),
        "ide tambah <teks> --grup \"board games\" --anonim"
    );
    assert_eq!(
        Typed::usage(&["poll", "retract"]).render(&i18n, Locale::Id),
        "polling tarik <nomor>"
    );
    assert_eq!(
        Typed::new(&["poll", "vote"])
            .value(2)
            .etc()
            .render(&i18n, Locale::Id),
        "polling pilih 2 …"
    );
    // What the harness checks: the Indonesian rendering has no English command word.
    for typed in [join, rsvp, idea] {
        assert!(english_words(&typed.render(&i18n, Locale::Id)).is_empty());
        assert!(!english_words(&typed.render(&i18n, Locale::En)).is_empty());
    }
}
