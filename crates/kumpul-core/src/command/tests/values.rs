//! What values become: cleaned of invisible characters or refused, choice words in either
//! language stored as their code, numbers within their bounds — typed or from Discord.

use super::super::*;
use crate::catalogue::{self, OptionKind};
use crate::i18n::Locale;

#[test]
fn free_text_loses_its_invisible_characters_wherever_it_comes_from() {
    let hostile = "Soto\u{202E} 99 :setov\u{2066}\u{200F}\u{0007}";
    let typed = parse(&format!("idea add {hostile}")).unwrap();
    assert_eq!(typed.text("text"), Some("Soto 99 :setov"));
    let discord = Call::from_raw(&["idea", "add"], vec![("text".into(), hostile.into())]).unwrap();
    assert_eq!(discord.text("text"), Some("Soto 99 :setov"));
    let poll = parse("poll create Lunch? | so\u{202E}to | bakso --closes \u{200B}friday").unwrap();
    assert_eq!(poll.text("poll"), Some("Lunch? | soto | bakso"));
    assert_eq!(poll.text("closes"), Some("friday"));
    let event = parse("event create friday 19:00 Ga\u{061C}mes --where Hall\u{202D} B").unwrap();
    assert_eq!(event.text("title"), Some("Games"));
    assert_eq!(event.text("where"), Some("Hall B"));
}

#[test]
fn newlines_and_emoji_stay_in_free_text() {
    let text = "Picnic 👩\u{200D}👩\u{200D}👧 ❤\u{FE0F}\nbring\tfood";
    let call = Call::from_raw(&["idea", "add"], vec![("text".into(), text.into())]).unwrap();
    assert_eq!(call.text("text"), Some(text));
}

#[test]
fn a_new_group_name_with_invisible_characters_is_refused() {
    for input in [
        "group create hi\u{202E}king",
        "group create \u{200B}hiking Walks",
        "group edit hiking --rename hi\u{2066}king",
    ] {
        assert!(
            matches!(
                parse(input).unwrap_err(),
                ParseError::InvisibleCharacters { .. }
            ),
            "{input}"
        );
    }
    let discord = Call::from_raw(
        &["group", "create"],
        vec![("name".into(), "hiking\u{200F}".into())],
    );
    assert_eq!(
        discord.unwrap_err(),
        ParseError::InvisibleCharacters {
            path: vec!["group", "create"],
            option: "name"
        }
    );
}

#[test]
fn an_existing_group_is_found_by_a_name_pasted_with_a_direction_mark() {
    assert_eq!(
        parse("group join hiking\u{200E}").unwrap().text("name"),
        Some("hiking")
    );
}

#[test]
fn numbers_and_choices_read_through_invisible_characters() {
    assert_eq!(
        parse("rsvp 3\u{200E} mungkin\u{200B}").unwrap().args,
        [
            ("number", Value::Integer(3)),
            ("answer", Value::Text("maybe".into())),
        ]
    );
}

/// Every choice option of the catalogue, with its command path.
fn choice_options() -> Vec<(Vec<&'static str>, &'static str, &'static [&'static str])> {
    catalogue::walk()
        .into_iter()
        .flat_map(|(path, spec)| {
            spec.options.iter().filter_map(move |o| match o.kind {
                OptionKind::Choice(codes) => Some((path.clone(), o.name, codes)),
                _ => None,
            })
        })
        .collect()
}

#[test]
fn every_choice_is_accepted_in_both_languages_and_stored_as_its_code() {
    let options = choice_options();
    assert!(options.len() >= 8, "{options:?}");
    for (path, option, codes) in options {
        for code in codes {
            for locale in Locale::ALL {
                for word in [
                    catalogue::choice_word(code, locale).to_owned(),
                    catalogue::choice_word(code, locale).to_uppercase(),
                ] {
                    let discord = Call::from_raw(&path, vec![(option.into(), word.clone())]);
                    let error = format!("{path:?} {option} {word}: {discord:?}");
                    // Other required options may be missing; the choice itself must pass.
                    match discord {
                        Ok(call) => assert_eq!(call.text(option), Some(*code), "{error}"),
                        Err(ParseError::MissingArgument {
                            option: missing, ..
                        }) => {
                            assert_ne!(missing, option, "{error}")
                        }
                        Err(_) => panic!("{error}"),
                    }
                }
            }
        }
    }
}

#[test]
fn indonesian_answer_and_status_words_are_typed_as_the_issue_lists() {
    let text = |input: &str, option: &str| parse(input).unwrap().text(option).map(str::to_owned);
    assert_eq!(text("hadir 1 hadir", "answer").as_deref(), Some("going"));
    assert_eq!(text("hadir 1 mungkin", "answer").as_deref(), Some("maybe"));
    assert_eq!(text("rsvp 1 tidak", "answer").as_deref(), Some("no"));
    assert_eq!(
        text("ide status 1 direncanakan", "status").as_deref(),
        Some("planned")
    );
    let poll =
        parse("polling buat Makan? | soto | bakso --jenis tunggal --pemilih rahasia").unwrap();
    assert_eq!(poll.text("kind"), Some("single"));
    assert_eq!(poll.text("voters"), Some("secret"));
}

#[test]
fn a_number_without_an_upper_bound_is_checked_against_its_lower_one() {
    assert_eq!(
        parse("event info 0").unwrap_err(),
        ParseError::InvalidInteger {
            path: vec!["event", "info"],
            option: "number",
            value: "0".into(),
            min: 1,
            max: i64::MAX,
        }
    );
    assert_eq!(
        parse("event info 9223372036854775807")
            .unwrap()
            .integer("number"),
        Some(i64::MAX)
    );
}

/// `--tempat Balai warga` at the end is the whole place; the title keeps only its words.
/// Where that would leave the title empty, the option takes one word as before.
#[test]
fn a_text_option_takes_the_words_up_to_the_next_option() {
    let event =
        parse("acara buat jumat jam 19.00 Main papan --tempat Balai warga --kapasitas 4").unwrap();
    assert_eq!(event.text("title"), Some("Main papan"));
    assert_eq!(event.text("where"), Some("Balai warga"));
    let before = parse("event create friday 19:00 --where Cafe Board games night").unwrap();
    assert_eq!(before.text("where"), Some("Cafe"));
    assert_eq!(before.text("title"), Some("Board games night"));
    let quoted = parse("event create friday 19:00 Games --where \"Hall\" B").unwrap();
    assert_eq!(quoted.text("where"), Some("Hall"));
    assert_eq!(quoted.text("title"), Some("Games B"));
    let thread = parse("thread start Trip plans --group board games --ping").unwrap();
    assert_eq!(thread.text("group"), Some("board games"));
    assert_eq!(thread.text("topic"), Some("Trip plans"));
    let tags = parse("group create hiking Weekend walks --tags outdoor, weekend").unwrap();
    assert_eq!(
        tags.list("tags"),
        Some(&["outdoor".to_owned(), "weekend".to_owned()][..])
    );
}

/// A time not read to its end (`7pm:` with a colon) is refused, never stored at another
/// hour with the time's words in the text.
#[test]
fn a_clock_time_right_after_the_time_is_refused_not_kept_as_text() {
    for input in [
        "remind me friday the 4th at 7pm bring cake",
        "remind me Friday, December 4 at 7pm bring cake",
        "ingatkan saya jumat tanggal 4 jam 19.00 rapat",
    ] {
        assert!(
            matches!(parse(input), Err(ParseError::TimeCutShort { .. })),
            "{input}: {:?}",
            parse(input)
        );
    }
    let colon = parse("remind me tomorrow 7pm: bring cake").unwrap();
    assert_eq!(colon.text("when"), Some("tomorrow 7pm:"));
    assert_eq!(colon.text("text"), Some("bring cake"));
    let fine = parse("remind me tomorrow 7pm call mom at home").unwrap();
    assert_eq!(fine.text("text"), Some("call mom at home"));
}
