//! Slash commands generated from the core catalogue: nothing is defined here by hand.

use kumpul_core::port::{CommandSpec, I18n, Locale, OptionKind, OptionSpec, catalogue};
use serenity::all::{CommandOptionType, CreateCommand, CreateCommandOption, InteractionContext};

/// The largest bound Discord accepts on an integer option: 2^53 − 1 (its `Int53Type`;
/// one more and the whole bulk registration is refused).
pub const MAX_OPTION_INTEGER: i64 = (1 << 53) - 1;

fn describe(i18n: &I18n, key: &str) -> (String, String) {
    (i18n.lookup(Locale::En, key), i18n.lookup(Locale::Id, key))
}

fn option(i18n: &I18n, path: &[&str], spec: &OptionSpec) -> CreateCommandOption {
    let (en, id) = describe(i18n, &catalogue::option_key(path, spec.name));
    let kind = match spec.kind {
        OptionKind::Integer { .. } => CommandOptionType::Integer,
        OptionKind::Flag => CommandOptionType::Boolean,
        OptionKind::Role => CommandOptionType::Role,
        _ => CommandOptionType::String,
    };
    let mut option = CreateCommandOption::new(kind, spec.name, en)
        .description_localized("id", id)
        .required(spec.required);
    if let Some(name) = catalogue::indonesian_name(path, Some(spec.name)) {
        option = option.name_localized("id", name);
    }
    match spec.kind {
        OptionKind::Text { max_chars } => {
            option = option.max_length(u16::try_from(max_chars.min(6000)).unwrap_or(6000));
        }
        OptionKind::Integer { min, max } => {
            option = option
                .min_int_value(min.clamp(0, MAX_OPTION_INTEGER) as u64)
                .max_int_value(max.clamp(0, MAX_OPTION_INTEGER) as u64);
        }
        OptionKind::Choice(choices) => {
            // The value sent back is always the word itself; people see a label.
            for choice in choices.iter().take(25) {
                let (en, id) = describe(i18n, &catalogue::choice_key(choice));
                option = option.add_string_choice_localized(en, *choice, [("id", id)]);
            }
        }
        OptionKind::GroupName { existing } => {
            // A new group's name is not suggested from the names already taken.
            option = option
                .set_autocomplete(existing)
                .max_length(catalogue::GROUP_NAME_MAX as u16);
        }
        OptionKind::User
        | OptionKind::Role
        | OptionKind::Time
        | OptionKind::Duration
        | OptionKind::List { .. }
        | OptionKind::Flag => {}
    }
    option
}

/// Discord lists required options first.
fn options(i18n: &I18n, path: &[&str], spec: &CommandSpec) -> Vec<CreateCommandOption> {
    let mut specs: Vec<&OptionSpec> = spec.options.iter().collect();
    specs.sort_by_key(|o| !o.required);
    specs.into_iter().map(|o| option(i18n, path, o)).collect()
}

/// Every top-level command of the catalogue as a guild-only slash command.
pub fn build(i18n: &I18n) -> Vec<CreateCommand> {
    catalogue::COMMANDS
        .iter()
        .map(|top| {
            let path = [top.name];
            let (en, id) = describe(i18n, &catalogue::description_key(&path));
            let mut command = CreateCommand::new(top.name)
                .description(en)
                .description_localized("id", id)
                .add_context(InteractionContext::Guild);
            if let Some(name) = catalogue::indonesian_name(&path, None) {
                command = command.name_localized("id", name);
            }
            if top.subcommands.is_empty() {
                command = command.set_options(options(i18n, &path, top));
            } else {
                for sub in top.subcommands {
                    let sub_path = [top.name, sub.name];
                    let (en, id) = describe(i18n, &catalogue::description_key(&sub_path));
                    let mut sub_option =
                        CreateCommandOption::new(CommandOptionType::SubCommand, sub.name, en)
                            .description_localized("id", id);
                    if let Some(name) = catalogue::indonesian_name(&sub_path, None) {
                        sub_option = sub_option.name_localized("id", name);
                    }
                    for option in options(i18n, &sub_path, sub) {
                        sub_option = sub_option.add_sub_option(option);
                    }
                    command = command.add_option(sub_option);
                }
            }
            command
        })
        .collect()
}

/// The route the registration is checked against offline (any application id will do).
pub const CHECK_ROUTE: &str = "/applications/1/commands";

/// The body of the bulk registration, exactly as serenity sends it.
pub fn payload(i18n: &I18n) -> serde_json::Value {
    serde_json::to_value(build(i18n)).expect("commands serialise to JSON")
}
