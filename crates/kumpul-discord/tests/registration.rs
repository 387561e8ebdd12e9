#![recursion_limit = "256"]
//! The real registration payload, built from the catalogue, against Discord's own rules.

mod fake;

use kumpul_core::i18n::I18n;
use kumpul_discord::{commands, validate};
use serde_json::{Value, json};

fn problems(payload: &Value) -> Vec<validate::Problem> {
    validate::check(Some(fake::spec()), "PUT", commands::CHECK_ROUTE, payload)
}

#[test]
fn the_catalogues_registration_is_one_discord_accepts() {
    let payload = commands::payload(&I18n::load().unwrap());
    assert_eq!(
        payload.as_array().unwrap().len(),
        kumpul_core::catalogue::COMMANDS.len()
    );
    let found = problems(&payload);
    assert!(found.is_empty(), "{found:#?}");
}

/// The defect we shipped once: one bound of 2^53 rejects the whole bulk registration.
#[test]
fn one_bound_past_discords_integer_range_is_refused() {
    let mut payload = commands::payload(&I18n::load().unwrap());
    let bound = payload
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .flat_map(|c| c["options"].as_array_mut().into_iter().flatten())
        .flat_map(|sub| sub["options"].as_array_mut().into_iter().flatten())
        .find(|o| o["max_value"] == json!(commands::MAX_OPTION_INTEGER))
        .expect("an integer option");
    assert_eq!(bound["max_value"], json!(commands::MAX_OPTION_INTEGER));
    bound["max_value"] = json!(1_u64 << 53);
    let found = problems(&payload);
    assert!(
        found
            .iter()
            .any(|p| p.path.last().is_some_and(|k| k == "max_value")),
        "{found:#?}"
    );
}
