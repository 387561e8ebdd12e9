//! The message ids written in code, checked against the bundles: every id the code names
//! exists in both languages, and every message of the bundles is named by some code.
//!
//! At run time a missing id only trips a `debug_assert` when that path happens to run;
//! this reads the source of every crate instead. An id is a string literal that either
//! sits where an id goes (`Msg::new("…")`, `label(locale, "…")`, `lookup(…, "…")`,
//! `has(…, "…")`) or, wherever it is (a constant, a field, a tuple, a macro argument),
//! starts with the first word of some bundle id (`poll-…`, `event-…`) and is not a
//! catalogue name such as the option `remind-maybe`. Ids computed from the catalogue
//! (`cmd-…`, `opt-…`, `choice-…`, `help-notes-…`) are derived, not written, and are
//! checked by the catalogue's own tests.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::messages;
use crate::catalogue::{self, OptionKind};
use crate::i18n::Locale;

/// A string literal in a source file, with the code just before it.
struct Literal {
    file: PathBuf,
    line: usize,
    text: String,
    before: String,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `crates/*/src/**/*.rs` and `src/**/*.rs`.
fn source_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = workspace();
    let mut out = Vec::new();
    walk(&root.join("src"), &mut out);
    for krate in std::fs::read_dir(root.join("crates")).expect("crates/ exists") {
        walk(&krate.expect("a crate folder").path().join("src"), &mut out);
    }
    out.sort();
    out
}

/// The string literals of Rust source, outside comments, each with the code before it
/// (comments blanked). Enough of Rust's lexical rules to stay in step: escapes, raw
/// strings, and char literals such as `'"'` (lifetimes are left alone).
fn literals(file: &Path, source: &str) -> Vec<Literal> {
    let chars: Vec<char> = source.chars().collect();
    let mut code = String::new();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let count_lines =
        |from: usize, to: usize| chars[from..to].iter().filter(|c| **c == '\n').count();
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let start = i;
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i = (i + 2).min(chars.len());
            line += count_lines(start, i);
            code.push(' ');
        } else if c == '\'' {
            // A char literal is 'x' or '\…'; anything else is a lifetime.
            let end = if next == Some('\\') {
                (i + 3..chars.len()).find(|&j| chars[j] == '\'')
            } else {
                (chars.get(i + 2) == Some(&'\'')).then_some(i + 2)
            };
            match end {
                Some(end) => {
                    code.push_str("' '");
                    i = end + 1;
                }
                None => {
                    code.push(c);
                    i += 1;
                }
            }
        } else if c == '"' || (c == 'r' && raw_start(&chars, i).is_some()) {
            let start = i;
            let (body_start, closing) = match raw_start(&chars, i).filter(|_| c == 'r') {
                Some((hashes, quote)) => (quote + 1, format!("\"{}", "#".repeat(hashes))),
                None => (i + 1, "\"".to_owned()),
            };
            let closing: Vec<char> = closing.chars().collect();
            let raw = c == 'r';
            let mut j = body_start;
            while j < chars.len() && !chars[j..].starts_with(&closing) {
                j += if !raw && chars[j] == '\\' { 2 } else { 1 };
            }
            let text: String = chars[body_start..j.min(chars.len())].iter().collect();
            out.push(Literal {
                file: file.to_owned(),
                line,
                text,
                before: code.split_whitespace().collect::<Vec<_>>().join(" "),
            });
            i = (j + closing.len()).min(chars.len());
            line += count_lines(start, i);
            code.push_str("\"\"");
        } else {
            if c == '\n' {
                line += 1;
            }
            // Keep only the recent code: the context of the next literal.
            if code.len() > 400 {
                let cut = code.char_indices().map(|(at, _)| at).find(|at| *at >= 200);
                code.drain(..cut.unwrap_or(0));
            }
            code.push(c);
            i += 1;
        }
    }
    out
}

/// At `chars[i] == 'r'`: whether a raw string starts there (`r"`, `r#"`, not `for"`),
/// with its number of `#` and the position of its opening quote.
fn raw_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let before = i.checked_sub(1).map(|b| chars[b]);
    let joined = before.is_some_and(|b| (b.is_alphanumeric() || b == '_') && b != 'b');
    if joined {
        return None;
    }
    let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
    (chars.get(i + 1 + hashes) == Some(&'"')).then_some((hashes, i + 1 + hashes))
}

/// Whether a literal has the shape of a message id: lowercase words joined by `-`.
fn id_shaped(text: &str) -> bool {
    !text.is_empty()
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Whether the code before a literal makes it an id: `Msg::new(`, or the second
/// argument of `label(`, `lookup(` or `has(`.
fn in_id_position(before: &str) -> bool {
    if before.ends_with("Msg::new(") {
        return true;
    }
    let Some(open) = before.rfind('(') else {
        return false;
    };
    let (callee, args) = (&before[..open], &before[open + 1..]);
    let first_argument =
        args.ends_with(',') && !args[..args.len() - 1].contains([',', '"', '(', ')']);
    first_argument
        && [".label", ".lookup", ".has"]
            .iter()
            .any(|f| callee.ends_with(f))
}

/// Every command, option and choice name of the catalogue: words that look like ids but
/// are typed by people (`remind-maybe`, `after-vote`).
fn catalogue_names() -> BTreeSet<&'static str> {
    let mut names = BTreeSet::new();
    for (path, spec) in catalogue::walk() {
        names.extend(path);
        for option in spec.options {
            names.insert(option.name);
            if let OptionKind::Choice(codes) = option.kind {
                names.extend(codes.iter().copied());
            }
        }
    }
    names
}

/// The literals of the whole workspace that name a message, by the rules above.
fn ids_in_code(bundle: &BTreeSet<String>) -> Vec<Literal> {
    let families: BTreeSet<&str> = bundle
        .iter()
        .filter_map(|id| id.split_once('-').map(|(first, _)| first))
        .collect();
    let names = catalogue_names();
    let mut ids = Vec::new();
    for file in source_files() {
        let source = std::fs::read_to_string(&file).expect("a readable source file");
        for literal in literals(&file, &source) {
            let text = literal.text.as_str();
            // `thread-1` and the like are data (platform ids in tests), not message ids.
            let family = text
                .split_once('-')
                .is_some_and(|(first, _)| families.contains(first))
                && !text
                    .split('-')
                    .any(|w| w.chars().all(|c| c.is_ascii_digit()));
            if id_shaped(text)
                && (in_id_position(&literal.before) || (family && !names.contains(text)))
            {
                ids.push(literal);
            }
        }
    }
    ids
}

/// The ids the catalogue derives (descriptions, options, choice labels, notes).
fn derived_ids() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (path, spec) in catalogue::walk() {
        ids.insert(catalogue::description_key(&path));
        ids.insert(catalogue::notes_key(&path));
        for option in spec.options {
            ids.insert(catalogue::option_key(&path, option.name));
            if let OptionKind::Choice(codes) = option.kind {
                ids.extend(codes.iter().map(|c| catalogue::choice_key(c)));
            }
        }
    }
    ids
}

#[test]
fn every_message_id_used_in_code_exists_in_both_bundles() {
    let mut missing = Vec::new();
    let mut found = 0;
    for locale in Locale::ALL {
        let bundle: BTreeSet<String> = messages(locale.source()).into_keys().collect();
        for literal in ids_in_code(&bundle) {
            found += 1;
            if !bundle.contains(&literal.text) {
                let file = literal
                    .file
                    .strip_prefix(workspace())
                    .unwrap_or(&literal.file);
                missing.push(format!(
                    "{}:{}: {} (missing in {locale}.ftl)",
                    file.display(),
                    literal.line,
                    literal.text
                ));
            }
        }
    }
    // The scan must see the ids it is there to check, or it proves nothing.
    assert!(
        found > 2 * 300,
        "only {found} ids found: is the scan still reading the source?"
    );
    assert!(
        missing.is_empty(),
        "message ids not in the bundles (add them to both, or fix the spelling; a word \
         that only looks like an id, such as an option name, belongs in the catalogue):\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_message_of_the_bundles_is_used_by_some_code() {
    let bundle: BTreeSet<String> = messages(Locale::En.source()).into_keys().collect();
    let mut used: BTreeSet<String> = ids_in_code(&bundle).into_iter().map(|l| l.text).collect();
    used.extend(derived_ids());
    let unused: Vec<&String> = bundle.iter().filter(|id| !used.contains(*id)).collect();
    assert!(
        unused.is_empty(),
        "messages no code uses (delete them, or use them): {unused:?}"
    );
}

#[test]
fn the_scan_reads_literals_as_rust_does() {
    let source = r####"
        // Msg::new("in-a-comment")
        let c = '"'; let s: &'static str = "a \" quote"; /* "block" */
        call(Msg::new("poll-closed"), r#"raw "poll-raw" text"#, b'x');
        ctx.label(private, "help-title");
    "####;
    let found: Vec<(usize, String)> = literals(Path::new("x.rs"), source)
        .into_iter()
        .map(|l| (l.line, l.text))
        .collect();
    assert_eq!(
        found,
        [
            (3, "a \\\" quote".to_owned()),
            (4, "poll-closed".to_owned()),
            (4, "raw \"poll-raw\" text".to_owned()),
            (5, "help-title".to_owned()),
        ]
    );
    assert!(in_id_position("call(Msg::new("));
    assert!(in_id_position("x = ctx.label(private,"));
    assert!(in_id_position("i18n.lookup(locale,"));
    assert!(!in_id_position(".select(\"status\","));
    assert!(!in_id_position("foo(bar(x),"));
}
