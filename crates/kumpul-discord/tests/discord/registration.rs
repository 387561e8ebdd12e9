//! Command registration: what is registered matches the catalogue, Indonesian texts
//! included, and a refused registration is retried with its state reported.

use std::time::Duration;

use crate::harness::Harness;
use kumpul_core::catalogue;
use kumpul_core::i18n::{I18n, Locale};
use serde_json::{Value, json};

#[tokio::test]
async fn registered_commands_match_the_catalogue_with_indonesian_texts() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let registered = harness.registration().await.body;
    let i18n = I18n::load().unwrap();
    let commands = registered.as_array().unwrap();
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = catalogue::COMMANDS.iter().map(|c| c.name).collect();
    assert_eq!(names, expected);
    for command in commands {
        let name = command["name"].as_str().unwrap();
        let spec = catalogue::find(name).unwrap();
        let key = catalogue::description_key(&[name]);
        assert_eq!(command["description"], json!(i18n.lookup(Locale::En, &key)));
        assert_eq!(
            command["description_localizations"]["id"],
            json!(i18n.lookup(Locale::Id, &key))
        );
        for sub in spec.subcommands {
            let registered_sub = command["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["name"] == sub.name)
                .unwrap();
            assert_subcommand(&i18n, name, sub, registered_sub);
        }
    }
    let settings = commands.iter().find(|c| c["name"] == "settings").unwrap();
    let language = settings["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "language")
        .unwrap();
    let choices: Vec<&str> = language["options"][0]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(choices, ["en", "id"]);
}

/// A registered subcommand of `/name`: its type, its Indonesian name and description, and
/// each of its options as the catalogue declares it.
fn assert_subcommand(
    i18n: &I18n,
    name: &str,
    sub: &catalogue::CommandSpec,
    registered_sub: &Value,
) {
    assert_eq!(registered_sub["type"], 1);
    assert_eq!(
        registered_sub["name_localizations"]["id"],
        json!(catalogue::indonesian_name(&[name, sub.name], None).unwrap()),
        "an Indonesian user sees /{name} in Indonesian, subcommands included"
    );
    let key = catalogue::description_key(&[name, sub.name]);
    assert_eq!(
        registered_sub["description_localizations"]["id"],
        json!(i18n.lookup(Locale::Id, &key))
    );
    let options = registered_sub["options"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(options.len(), sub.options.len(), "{name} {}", sub.name);
    for spec_option in sub.options {
        let registered = options
            .iter()
            .find(|o| o["name"] == spec_option.name)
            .unwrap();
        assert_option(i18n, name, sub, spec_option, registered);
    }
}

/// A registered option of `/name sub`: required as declared, its Indonesian description
/// and name, autocompleted where a group must exist, and its choices in Indonesian.
fn assert_option(
    i18n: &I18n,
    name: &str,
    sub: &catalogue::CommandSpec,
    spec_option: &catalogue::OptionSpec,
    registered: &Value,
) {
    assert_eq!(
        registered["required"],
        json!(spec_option.required),
        "{name} {} {}",
        sub.name,
        spec_option.name
    );
    let key = catalogue::option_key(&[name, sub.name], spec_option.name);
    assert_eq!(
        registered["description_localizations"]["id"],
        json!(i18n.lookup(Locale::Id, &key))
    );
    assert_eq!(
        registered["name_localizations"]["id"],
        json!(catalogue::indonesian_name(&[name, sub.name], Some(spec_option.name)).unwrap())
    );
    if let catalogue::OptionKind::GroupName { existing } = spec_option.kind {
        // Suggestions only where the group must exist (not `group create`).
        assert_eq!(
            registered["autocomplete"],
            json!(existing),
            "{name} {} {}",
            sub.name,
            spec_option.name
        );
    }
    if let catalogue::OptionKind::Choice(codes) = spec_option.kind {
        let choices = registered["choices"].as_array().unwrap();
        assert_eq!(choices.len(), codes.len());
        for (choice, code) in choices.iter().zip(codes) {
            assert_eq!(choice["value"], json!(code));
            assert_eq!(
                choice["name_localizations"]["id"],
                json!(i18n.lookup(Locale::Id, &catalogue::choice_key(code)))
            );
        }
    }
}

#[tokio::test]
async fn a_refused_registration_is_logged_retried_and_its_state_reported() {
    use kumpul_discord::registration::Registration;
    let harness = Harness::start_refusing(Duration::from_secs(2), 2).await;
    let mut states = harness.registration.subscribe();
    let mut seen_failure = None;
    let outcome = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let state = states.borrow_and_update().clone();
            match state {
                Registration::Failed {
                    attempts, error, ..
                } => seen_failure = Some((attempts, error)),
                Registration::Registered { commands, .. } => return commands,
                Registration::Pending => {}
            }
            states
                .changed()
                .await
                .expect("the registration task is alive");
        }
    })
    .await
    .expect("registered after the refusals");
    assert_eq!(outcome, catalogue::COMMANDS.len());
    let (attempts, error) = seen_failure.expect("the failure was reported");
    assert!((1..=2).contains(&attempts), "{attempts}");
    assert!(
        error.contains("50035") && error.contains("0.name"),
        "Discord's field errors are kept: {error}"
    );
    let puts = harness
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "PUT")
        .count();
    assert_eq!(puts, 3, "two refused, one accepted");
    assert_eq!(harness.fake.injected_refusals(), 2);
}
