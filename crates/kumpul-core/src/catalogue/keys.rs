//! The Fluent keys of help texts and labels, derived from command paths: a command's texts
//! are found from its path alone, and a test checks that each one exists in both languages.

/// The Fluent key of a command's description: `cmd-group-create`.
pub fn description_key(path: &[&str]) -> String {
    format!("cmd-{}", path.join("-"))
}

/// The Fluent key of a command's longer notes in `help` (rules too long for a one-line
/// description, such as how each kind of poll breaks ties): `help-notes-poll-create`.
/// Optional; a command that has them has them in both languages.
pub fn notes_key(path: &[&str]) -> String {
    format!("help-notes-{}", path.join("-"))
}

/// The Fluent key of the label of a choice word (`choice-secret`): a word means the same
/// wherever it is offered, so it is labelled once.
pub fn choice_key(code: &str) -> String {
    format!("choice-{code}")
}

/// The Fluent key of an option's description: `opt-group-create-name`.
pub fn option_key(path: &[&str], option: &str) -> String {
    format!("opt-{}-{}", path.join("-"), option)
}
