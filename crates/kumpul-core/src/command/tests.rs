use super::*;

mod dashes;
mod messages;
mod values;

fn args(text: &str) -> Vec<(&'static str, Value)> {
    parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}")).args
}

fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

#[test]
fn a_subcommand_and_its_positional_options_are_recognised() {
    let call = parse("group join hiking").unwrap();
    assert_eq!(call.path, ["group", "join"]);
    assert_eq!(call.args, [("name", text("hiking"))]);
}

#[test]
fn command_words_are_case_insensitive() {
    assert_eq!(parse("Group JOIN hiking").unwrap().path, ["group", "join"]);
}

#[test]
fn quotes_keep_words_together_including_typographic_quotes() {
    assert_eq!(
        args("group create \"board games\" Dice and cards"),
        [
            ("name", text("board games")),
            ("description", text("Dice and cards"))
        ]
    );
    assert_eq!(
        args("group create “board games”")[0],
        ("name", text("board games"))
    );
}

#[test]
fn an_escaped_quote_inside_quotes_is_literal() {
    assert_eq!(
        args(r#"group ping hiking "say \"hi\"""#)[1],
        ("message", text("say \"hi\""))
    );
}

#[test]
fn apostrophes_are_ordinary_letters() {
    assert_eq!(
        args("group ping hiking don't forget")[1],
        ("message", text("don't forget"))
    );
}

#[test]
fn a_greedy_option_keeps_the_original_spacing() {
    assert_eq!(
        args("group ping hiking  meet   at 7")[1],
        ("message", text("meet   at 7"))
    );
}

#[test]
fn named_options_may_come_anywhere() {
    assert_eq!(
        args("group create --tags a,b hiking Walks"),
        [
            ("tags", Value::List(vec!["a".into(), "b".into()])),
            ("name", text("hiking")),
            ("description", text("Walks")),
        ]
    );
    assert_eq!(args("group list --tag=outdoor"), [("tag", text("outdoor"))]);
}

#[test]
fn an_unknown_option_before_free_text_is_an_error() {
    assert_eq!(
        parse("group list --colour red").unwrap_err(),
        ParseError::UnknownOption {
            path: vec!["group", "list"],
            flag: "--colour".into(),
        }
    );
}

#[test]
fn a_missing_required_option_names_it_and_shows_usage() {
    assert_eq!(
        parse("group ping hiking").unwrap_err(),
        ParseError::MissingArgument {
            path: vec!["group", "ping"],
            option: "message",
        }
    );
}

#[test]
fn an_option_without_a_value_is_an_error() {
    assert!(matches!(
        parse("group create hiking --tags").unwrap_err(),
        ParseError::MissingOptionValue { .. }
    ));
}

#[test]
fn a_repeated_option_is_an_error() {
    assert!(matches!(
        parse("group list --tag a --tag b").unwrap_err(),
        ParseError::RepeatedOption { .. }
    ));
}

#[test]
fn extra_words_are_reported() {
    assert_eq!(
        parse("group mine please").unwrap_err(),
        ParseError::TooManyArguments {
            path: vec!["group", "mine"],
            extra: "please".into(),
        }
    );
}

#[test]
fn an_unclosed_quote_is_reported() {
    assert_eq!(
        parse("group join \"board games").unwrap_err(),
        ParseError::UnclosedQuote
    );
}

#[test]
fn empty_input_is_reported() {
    assert_eq!(parse("   ").unwrap_err(), ParseError::Empty);
}

fn suggested(error: ParseError) -> Vec<(Vec<&'static str>, Wording)> {
    match error {
        ParseError::UnknownCommand { suggestions, .. }
        | ParseError::UnknownSubcommand { suggestions, .. } => suggestions
            .into_iter()
            .map(|s| (s.path, s.wording))
            .collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unknown_command_suggests_the_closest_ones() {
    assert_eq!(
        suggested(parse("gruop join hiking").unwrap_err())[0],
        (vec!["group"], Wording::Reader)
    );
    assert_eq!(
        suggested(parse("join hiking").unwrap_err()),
        [(vec!["group", "join"], Wording::Reader)]
    );
    assert!(suggested(parse("xyzzy").unwrap_err()).is_empty());
}

#[test]
fn a_suggestion_is_in_the_language_the_person_seems_to_be_typing() {
    // `grp` is closer to `grup` than to `group`; `gabung` is `group join` in Indonesian.
    assert_eq!(
        suggested(parse("grp").unwrap_err())[0],
        (vec!["group"], Wording::Indonesian)
    );
    assert_eq!(
        suggested(parse("gabung pendaki").unwrap_err()),
        [(vec!["group", "join"], Wording::Indonesian)]
    );
    assert_eq!(
        suggested(parse("grup gabng pendaki").unwrap_err()),
        [(vec!["group", "join"], Wording::Indonesian)]
    );
    assert_eq!(
        suggested(parse("group jion hiking").unwrap_err()),
        [(vec!["group", "join"], Wording::Reader)]
    );
}

#[test]
fn a_missing_subcommand_names_the_command() {
    assert_eq!(
        parse("settings").unwrap_err(),
        ParseError::MissingSubcommand {
            path: vec!["settings"]
        }
    );
}

#[test]
fn choices_are_checked_and_normalised() {
    assert_eq!(args("settings language ID"), [("language", text("id"))]);
    assert!(matches!(
        parse("settings language fr").unwrap_err(),
        ParseError::InvalidChoice { .. }
    ));
}

#[test]
fn over_long_values_are_rejected() {
    let long = "x".repeat(51);
    assert_eq!(
        parse(&format!("group join {long}")).unwrap_err(),
        ParseError::TooLong {
            path: vec!["group", "join"],
            option: "name",
            max: 50,
            length: 51,
        }
    );
}

#[test]
fn too_many_list_items_are_rejected() {
    let tags: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
    assert!(matches!(
        parse(&format!("group create x --tags {}", tags.join(","))).unwrap_err(),
        ParseError::TooManyItems { max: 10, .. }
    ));
}

#[test]
fn calls_from_separate_option_values_get_the_same_checks() {
    let call = Call::from_raw(&["group", "join"], vec![("name".into(), "hiking".into())]).unwrap();
    assert_eq!(call, parse("group join hiking").unwrap());
    assert!(matches!(
        Call::from_raw(&["group", "ping"], vec![("name".into(), "hiking".into())]).unwrap_err(),
        ParseError::MissingArgument { .. }
    ));
    assert!(matches!(
        Call::from_raw(&["group"], vec![]).unwrap_err(),
        ParseError::MissingSubcommand { .. }
    ));
}

#[test]
fn a_time_option_takes_the_words_that_read_as_a_time() {
    assert_eq!(
        args("remind me tomorrow 7pm call mom"),
        [("when", text("tomorrow 7pm")), ("text", text("call mom"))]
    );
    assert_eq!(
        args("remind me besok jam 7 malam rapat RT"),
        [
            ("when", text("besok jam 7 malam")),
            ("text", text("rapat RT"))
        ]
    );
    assert_eq!(
        args("remind group hiking \"next friday 18:00\" pack water"),
        [
            ("name", text("hiking")),
            ("when", text("next friday 18:00")),
            ("text", text("pack water"))
        ]
    );
    // Not a time at all: one word is taken and the handler explains.
    assert_eq!(
        args("remind me soonish stretch")[0],
        ("when", text("soonish"))
    );
}

#[test]
fn a_named_time_option_takes_the_words_that_read_as_a_time() {
    let call =
        parse("poll create Lunch? | soto | bakso --closes friday 18:00 --kind ranked").unwrap();
    assert_eq!(call.text("closes"), Some("friday 18:00"));
    assert_eq!(call.text("kind"), Some("ranked"));
    assert_eq!(call.text("poll"), Some("Lunch? | soto | bakso"));
}

#[test]
fn indonesian_command_and_option_names_work_too() {
    let call = parse("grup buat pendaki Jalan pagi --tag alam").unwrap();
    assert_eq!(call.path, ["group", "create"]);
    assert_eq!(call.list("tags"), Some(&["alam".to_owned()][..]));
    assert_eq!(
        parse("polling daftar --ditutup").unwrap().path,
        ["poll", "list"]
    );
    assert_eq!(
        parse("ingatkan saya besok jam 7 pagi olahraga")
            .unwrap()
            .text("when"),
        Some("besok jam 7 pagi")
    );
}
