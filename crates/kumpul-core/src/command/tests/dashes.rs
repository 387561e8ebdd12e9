//! `--words` anywhere in a command: options, mistyped options, and text that only looks
//! like one.

use super::super::*;

fn mistyped(input: &str) -> (&'static str, Wording) {
    match parse(input).unwrap_err() {
        ParseError::MistypedOption {
            suggestion,
            wording,
            ..
        } => (suggestion, wording),
        other => panic!("{input}: {other:?}"),
    }
}

#[test]
fn a_mistyped_switch_inside_an_idea_is_an_error_not_text() {
    assert_eq!(
        parse("idea add A repair café --anonymus").unwrap_err(),
        ParseError::MistypedOption {
            path: vec!["idea", "add"],
            flag: "--anonymus".into(),
            suggestion: "anonymous",
            wording: Wording::Reader,
        }
    );
}

#[test]
fn a_mistyped_deadline_inside_a_poll_option_is_an_error() {
    assert_eq!(
        mistyped("poll create Lunch? | soto | bakso --close friday"),
        ("closes", Wording::Reader)
    );
}

#[test]
fn a_mistyped_capacity_inside_an_event_title_is_an_error() {
    assert_eq!(
        mistyped("event create friday 19:00 Games --capacty 4"),
        ("capacity", Wording::Reader)
    );
}

#[test]
fn a_mistyped_indonesian_name_is_suggested_in_indonesian() {
    assert_eq!(
        mistyped("ide tambah Perbaiki sepeda --anonm"),
        ("anonymous", Wording::Indonesian)
    );
    assert_eq!(
        mistyped("acara buat jumat 19:00 Main kartu --kapasita 4"),
        ("capacity", Wording::Indonesian)
    );
    // Close to the English name: the reader's own language.
    assert_eq!(
        mistyped("ide tambah Perbaiki sepeda --anonimous"),
        ("anonymous", Wording::Reader)
    );
}

#[test]
fn a_dash_typed_by_a_phone_is_an_option_too() {
    assert_eq!(
        mistyped("idea add Quiet idea —anonymus"),
        ("anonymous", Wording::Reader)
    );
    assert_eq!(
        mistyped("event create friday 19:00 Games –capacty 4"),
        ("capacity", Wording::Reader)
    );
    let call = parse("idea add Quiet idea —anonymous").unwrap();
    assert!(call.flag("anonymous"));
    assert_eq!(call.text("text"), Some("Quiet idea"));
}

#[test]
fn an_unknown_option_in_free_text_is_an_error_with_the_commands_options() {
    assert_eq!(
        parse("group ping hiking bring water --and snacks").unwrap_err(),
        ParseError::UnknownOption {
            path: vec!["group", "ping"],
            flag: "--and".into(),
        }
    );
    // A command without named options says so the same way.
    assert_eq!(
        parse("remind me tomorrow 7pm call --mom").unwrap_err(),
        ParseError::UnknownOption {
            path: vec!["remind", "me"],
            flag: "--mom".into(),
        }
    );
}

#[test]
fn dashes_that_start_no_name_are_words() {
    // A name starts with a letter: `--`, `-->`, `---`, `--5` and a lone dash are text.
    let call = parse("idea add Fix the -- dashes --> here --- and --5 — ok").unwrap();
    assert_eq!(
        call.text("text"),
        Some("Fix the -- dashes --> here --- and --5 — ok")
    );
    let call = parse("idea add Score 3--2 and a-b--c").unwrap();
    assert_eq!(call.text("text"), Some("Score 3--2 and a-b--c"));
}

#[test]
fn a_quoted_double_dash_is_text() {
    let call = parse(r#"idea add Document the "--verbose" switch"#).unwrap();
    assert_eq!(
        call.text("text"),
        Some(r#"Document the "--verbose" switch"#)
    );
    assert!(!call.flag("anonymous"));
    let call = parse(r#"event create friday 19:00 Games --where "--basement""#).unwrap();
    assert_eq!(call.text("where"), Some("--basement"));
}

#[test]
fn known_options_inside_free_text_are_taken_as_options() {
    let call = parse("poll create Lunch? | soto --kind ranked | bakso").unwrap();
    assert_eq!(call.text("kind"), Some("ranked"));
    assert_eq!(call.text("poll"), Some("Lunch? | soto | bakso"));
    let call = parse("idea add Seed swap --ANONIM").unwrap();
    assert!(call.flag("anonymous"));
}

#[test]
fn a_switch_with_a_value_is_refused_rather_than_read_as_on() {
    assert_eq!(
        parse("idea add Seed swap --anonymous=no").unwrap_err(),
        ParseError::SwitchWithValue {
            path: vec!["idea", "add"],
            option: "anonymous",
            value: "no".into(),
        }
    );
}

#[test]
fn an_option_followed_by_another_option_has_no_value() {
    assert_eq!(
        parse("event edit 3 --title --capacity 4").unwrap_err(),
        ParseError::MissingOptionValue {
            path: vec!["event", "edit"],
            option: "title",
            before_option: true,
        }
    );
    assert_eq!(
        parse("event edit 3 --title").unwrap_err(),
        ParseError::MissingOptionValue {
            path: vec!["event", "edit"],
            option: "title",
            before_option: false,
        }
    );
}

#[test]
fn an_invisible_character_does_not_hide_an_option() {
    let error = parse("idea add Seed swap --anony\u{200B}mus").unwrap_err();
    assert!(
        matches!(
            error,
            ParseError::MistypedOption {
                suggestion: "anonymous",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        parse("idea add Seed swap \u{200E}--anonymous")
            .unwrap()
            .flag("anonymous")
    );
}

#[test]
fn discord_text_refuses_words_that_name_an_option_and_keeps_other_dashes() {
    let from_raw =
        |text: &str| Call::from_raw(&["idea", "add"], vec![("text".into(), text.into())]);
    for meant in [
        "Quiet idea --anonymous",
        "Quiet —anonymus",
        "Idea --grup kebun",
    ] {
        assert!(
            matches!(from_raw(meant), Err(ParseError::MistypedOption { .. })),
            "{meant}"
        );
    }
    // A Discord field has no options inside it: other dashes, and a quoted option, are text.
    for text in [
        "Fix the -- dashes --verbose",
        r#"Explain "--anonymous" ideas"#,
    ] {
        assert_eq!(from_raw(text).unwrap().text("text"), Some(text));
    }
    let poll = Call::from_raw(
        &["poll", "create"],
        vec![("poll".into(), "Lunch? | a | b --close friday".into())],
    );
    assert!(
        matches!(
            poll,
            Err(ParseError::MistypedOption {
                suggestion: "closes",
                ..
            })
        ),
        "{poll:?}"
    );
}

/// A dash before a word that names no option, nor nearly one, is a word: `—Budi` signs
/// an idea. Only what names or nearly names an option is read as one.
#[test]
fn a_dashed_word_that_is_no_option_is_text() {
    let signed = parse("idea add A picnic in the park —Budi").unwrap();
    assert_eq!(signed.text("text"), Some("A picnic in the park —Budi"));
    assert!(!signed.flag("anonymous"));
    let alone = parse("idea add —Budi").unwrap();
    assert_eq!(alone.text("text"), Some("—Budi"));
    let meant = parse("ide tambah Piknik —anonim").unwrap();
    assert!(meant.flag("anonymous"));
    assert_eq!(meant.text("text"), Some("Piknik"));
}
