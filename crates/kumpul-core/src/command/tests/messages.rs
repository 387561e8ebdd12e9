//! Every parse error as people read it, in both languages: option names, usage lines,
//! suggestions and choices in the reader's words, limits as people write them.

use std::sync::OnceLock;

use super::super::*;
use crate::i18n::{I18n, Locale};

fn i18n() -> &'static I18n {
    static I18N: OnceLock<I18n> = OnceLock::new();
    I18N.get_or_init(|| I18n::load().unwrap())
}

/// The error `input` gives, as an English and an Indonesian reader read it.
fn read(input: &str) -> (String, String) {
    let error = match input {
        "" => ParseError::Empty,
        _ => parse(input).unwrap_err(),
    };
    let msg = error.msg();
    let en = i18n().text(Locale::En, &msg);
    let id = i18n().text(Locale::Id, &msg);
    for text in [&en, &id] {
        assert!(
            !text.is_empty() && !text.contains("parse-") && !text.contains('{'),
            "{input}: {text}"
        );
    }
    let id_code: Vec<&str> = id.split('`').skip(1).step_by(2).collect();
    for code in id_code {
        let english = crate::catalogue::english_words(code);
        assert!(english.is_empty(), "{input}: {english:?} in `{code}`: {id}");
    }
    (en, id)
}

fn has(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} not in: {text}");
    }
}

fn lacks(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(!text.contains(part), "{part:?} in: {text}");
    }
}

#[test]
fn a_missing_option_is_named_by_its_label_with_the_usage_line() {
    let (en, id) = read("remind me");
    has(&en, &["`when` is missing", "`remind me <when> <text…>`"]);
    has(
        &id,
        &[
            "Bagian `kapan` belum diisi",
            "`ingatkan saya <kapan> <teks…>`",
        ],
    );
}

#[test]
fn a_number_without_an_upper_bound_is_one_or_more() {
    let (en, id) = read("event info abc");
    has(
        &en,
        &["`number` must be a whole number of 1 or more, not abc"],
    );
    has(
        &id,
        &[
            "`nomor` harus bilangan bulat 1 atau lebih, bukan abc",
            "`acara info <nomor>`",
        ],
    );
    for text in [&en, &id] {
        lacks(text, &["9223372036854776000", "9223372036854775807"]);
    }
}

#[test]
fn a_bounded_number_names_both_bounds_and_a_named_option_its_dashes() {
    let (en, id) = read("event create friday 19:00 Games --capacity lots");
    has(
        &en,
        &["`--capacity` must be a whole number from 1 to 100000, not lots"],
    );
    has(
        &id,
        &["`--kapasitas` harus bilangan bulat dari 1 sampai 100000, bukan lots"],
    );
    let (en, id) = read("rsvp 3 going 99");
    has(&en, &["`guests` must be a whole number from 0 to 20"]);
    has(&id, &["`tamu` harus bilangan bulat dari 0 sampai 20"]);
}

#[test]
fn a_wrong_choice_lists_the_choices_in_the_readers_words() {
    let (en, id) = read("rsvp 3 yes");
    has(
        &en,
        &[
            "yes is not one of the choices for `answer`",
            "`going, maybe, no`",
        ],
    );
    has(
        &id,
        &[
            "yes bukan salah satu pilihan untuk `jawaban`",
            "`hadir, mungkin, tidak`",
        ],
    );
    let (en, id) = read("poll create Lunch? | a | b --kind best");
    has(
        &en,
        &[
            "`--kind`",
            "`single, multiple, approval, score, ranked, consent, time`",
        ],
    );
    has(
        &id,
        &[
            "`--jenis`",
            "`tunggal, ganda, persetujuan, skor, peringkat, mufakat, waktu`",
        ],
    );
}

#[test]
fn a_mistyped_option_is_suggested_in_the_readers_language_or_the_one_typed() {
    let (en, id) = read("idea add A repair café --anonymus");
    has(
        &en,
        &[
            "--anonymus is not an option of `idea add`",
            "did you mean `--anonymous`?",
            "Nothing was saved",
            "`\"--anonymus\"`",
        ],
    );
    has(
        &id,
        &[
            "--anonymus bukan opsi `ide tambah`",
            "maksudmu `--anonim`?",
            "Belum ada yang disimpan",
            "`\"--anonymus\"`",
        ],
    );
    // Typed close to the Indonesian name: suggested in Indonesian to every reader.
    let (en, _) = read("ide tambah Perbaiki sepeda --anonm");
    has(&en, &["did you mean `--anonim`?"]);
    let (en, id) = read("poll create Lunch? | soto | bakso --close friday");
    has(&en, &["`--closes`"]);
    has(&id, &["`--tutup`"]);
}

#[test]
fn an_unknown_option_lists_the_options_and_how_to_quote_it() {
    let (en, id) = read("idea add Use the --verbose switch");
    has(
        &en,
        &[
            "`idea add` has no option --verbose; its options are `--group, --anonymous`",
            "`\"--verbose\"`",
        ],
    );
    has(
        &id,
        &[
            "`ide tambah` tidak punya opsi --verbose; opsi yang ada: `--grup, --anonim`",
            "`\"--verbose\"`",
        ],
    );
    let (en, id) = read("remind me tomorrow 7pm call --mom");
    has(
        &en,
        &["`remind me` has no options starting with --", "`\"--mom\"`"],
    );
    has(
        &id,
        &[
            "`ingatkan saya` tidak punya opsi yang diawali --",
            "`\"--mom\"`",
        ],
    );
}

#[test]
fn an_unknown_command_suggests_in_the_readers_words() {
    let (en, id) = read("gruop join hiking");
    has(
        &en,
        &["I don't know the command gruop. Did you mean `group`"],
    );
    has(
        &id,
        &["Saya tidak mengenal perintah gruop. Maksudmu `grup`"],
    );
    let (en, id) = read("xyzzy");
    has(&en, &["Type `help`"]);
    has(&id, &["Ketik `bantuan`"]);
    let (en, id) = read("");
    has(&en, &["`help`"]);
    has(&id, &["`bantuan`"]);
    // Several suggestions read as a list with "or" / "atau".
    let (en, id) = read("list");
    has(
        &en,
        &["Did you mean `group list`, `poll list` or `event list`?"],
    );
    has(
        &id,
        &["Maksudmu `grup daftar`, `polling daftar`, atau `acara daftar`?"],
    );
}

#[test]
fn an_unknown_subcommand_suggests_and_shows_the_usage_in_the_readers_words() {
    let (en, id) = read("group jion hiking");
    has(
        &en,
        &[
            "jion after `group`",
            "Did you mean `group join`?",
            "`group <create|edit|",
        ],
    );
    has(
        &id,
        &[
            "jion sesudah `grup`",
            "Maksudmu `grup gabung`?",
            "`grup <buat|ubah|",
        ],
    );
    let (en, id) = read("settings");
    has(
        &en,
        &[
            "`settings` needs one more word",
            "`settings <show|language|",
        ],
    );
    has(
        &id,
        &[
            "`pengaturan` perlu satu kata lagi",
            "`pengaturan <lihat|bahasa|",
        ],
    );
}

#[test]
fn every_other_error_reads_in_both_languages() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "group join \"board games",
            &["quote is not closed"],
            &["tanda kutip"],
        ),
        (
            "group mine please",
            &["what to do with please", "`group mine [--page"],
            &["diapakan please", "`grup saya [--halaman"],
        ),
        (
            "group list --tag a --tag b",
            &["`--tag` is given twice"],
            &["`--tag` tertulis dua kali"],
        ),
        (
            "group create x --tags",
            &["`--tags` needs a value after it"],
            &["`--tag` perlu diikuti isiannya"],
        ),
        (
            "event edit 3 --title --capacity 4",
            &["`--title` needs a value", "in quotes"],
            &["`--judul` perlu diisi", "tanda kutip"],
        ),
        (
            "idea add Seed swap --anonymous=no",
            &["`--anonymous` takes no value (not no)"],
            &["`--anonim` tidak memakai isian (bukan no)"],
        ),
        (
            "settings language fr",
            &["fr is not one of the choices for `language`", "`en, id`"],
            &["pilihan untuk `bahasa`"],
        ),
        (
            "group create hi\u{202E}king",
            &["`name` cannot contain invisible characters"],
            &["`nama` tidak boleh berisi karakter tak terlihat"],
        ),
    ];
    for (input, en_parts, id_parts) in cases {
        let (en, id) = read(input);
        has(&en, en_parts);
        has(&id, id_parts);
    }
    let long = format!("group join {}", "x".repeat(51));
    let (en, id) = read(&long);
    has(
        &en,
        &["`name` is too long: 51 characters, and at most 50 fit"],
    );
    has(
        &id,
        &["`nama` terlalu panjang: 51 karakter, padahal paling banyak 50"],
    );
    let tags: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();
    let (en, id) = read(&format!("group create x --tags {}", tags.join(",")));
    has(&en, &["`--tags` has 11 items, and at most 10 fit"]);
    has(&id, &["`--tag` berisi 11 butir, padahal paling banyak 10"]);
}

#[test]
fn an_echoed_word_cannot_reverse_the_error() {
    let (en, id) = read("xy\u{202E}zzy");
    for text in [en, id] {
        assert!(!text.chars().any(crate::text::is_invisible), "{text:?}");
        has(&text, &["xyzzy"]);
    }
}
