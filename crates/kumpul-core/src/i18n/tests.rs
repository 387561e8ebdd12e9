use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

mod ids;

/// Every message id of a bundle with the set of variables it uses.
fn messages(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source).expect("bundle parses");
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(message) = entry {
            let mut vars = BTreeSet::new();
            if let Some(pattern) = &message.value {
                pattern_vars(pattern, &mut vars);
            }
            for attribute in &message.attributes {
                pattern_vars(&attribute.value, &mut vars);
            }
            out.insert(message.id.name.to_owned(), vars);
        }
    }
    out
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline_vars(arg, vars);
            }
            for arg in &arguments.named {
                inline_vars(&arg.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_variables() {
    let en = messages(Locale::En.source());
    let id = messages(Locale::Id.source());
    let missing_in_id: Vec<_> = en.keys().filter(|k| !id.contains_key(*k)).collect();
    let missing_in_en: Vec<_> = id.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        missing_in_id.is_empty(),
        "missing in id.ftl: {missing_in_id:?}"
    );
    assert!(
        missing_in_en.is_empty(),
        "missing in en.ftl: {missing_in_en:?}"
    );
    for (key, vars) in &en {
        assert_eq!(
            vars, &id[key],
            "{key} uses different variables in en and id"
        );
    }
}

#[test]
fn both_bundles_load_without_errors() {
    for locale in Locale::ALL {
        let resource = fluent_syntax::parser::parse(locale.source());
        assert!(
            resource.is_ok(),
            "{locale} has syntax errors: {:?}",
            resource.err().map(|e| e.1)
        );
    }
    I18n::load().unwrap();
}

#[test]
fn text_arguments_become_their_own_segments() {
    let i18n = I18n::load().unwrap();
    let msg = Msg::new("group-exists")
        .strong("name", "hiking")
        .code("command", "group join hiking");
    assert_eq!(
        i18n.rich(Locale::En, &msg),
        vec![
            Inline::Text("A group called ".into()),
            Inline::Strong("hiking".into()),
            Inline::Text(" already exists. To join it, type ".into()),
            Inline::Code("group join hiking".into()),
            Inline::Text(".".into()),
        ]
    );
}

#[test]
fn user_text_cannot_forge_a_segment_marker() {
    let i18n = I18n::load().unwrap();
    let msg = Msg::new("group-left").strong("name", "a\u{E000}0\u{E001}b");
    assert_eq!(i18n.rich(Locale::En, &msg)[1], Inline::Strong("a0b".into()));
}

#[test]
fn numbers_choose_the_plural_form() {
    let i18n = I18n::load().unwrap();
    let one = Msg::new("group-list-title").num("count", 1);
    let many = Msg::new("group-list-title").num("count", 3);
    assert_eq!(i18n.text(Locale::En, &one), "1 group");
    assert_eq!(i18n.text(Locale::En, &many), "3 groups");
    assert_eq!(i18n.text(Locale::Id, &many), "3 grup");
}

#[test]
fn platform_locale_tags_map_to_our_languages() {
    assert_eq!(Locale::parse("en-US"), Some(Locale::En));
    assert_eq!(Locale::parse("en-GB"), Some(Locale::En));
    assert_eq!(Locale::parse("id"), Some(Locale::Id));
    assert_eq!(Locale::parse("id_ID"), Some(Locale::Id));
    assert_eq!(Locale::parse("in"), Some(Locale::Id));
    assert_eq!(Locale::parse("fr"), None);
    assert_eq!(Locale::parse(""), None);
}

#[test]
fn no_output_carries_unicode_isolation_marks() {
    let i18n = I18n::load().unwrap();
    let text = i18n.text(
        Locale::Id,
        &Msg::new("group-joined").strong("name", "x").num("count", 2),
    );
    assert!(
        !text.contains('\u{2068}') && !text.contains('\u{2069}'),
        "{text:?}"
    );
}
