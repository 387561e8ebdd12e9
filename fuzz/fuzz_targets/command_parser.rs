//! Anything typed as a command: the parser must answer with a call or a parse error
//! whose message renders in every language (its option names, usage line and choices
//! are written out only then), never panic.
#![no_main]

use std::sync::OnceLock;

use kumpul_core::i18n::{I18n, Locale};
use libfuzzer_sys::fuzz_target;

fn i18n() -> &'static I18n {
    static I18N: OnceLock<I18n> = OnceLock::new();
    I18N.get_or_init(|| I18n::load().expect("the bundles parse"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match kumpul_core::command::parse(text) {
        Ok(call) => {
            for locale in Locale::ALL {
                let _ = kumpul_core::catalogue::usage(locale, &call.path, call.spec);
            }
        }
        Err(error) => {
            let msg = error.msg();
            for locale in Locale::ALL {
                let _ = i18n().text(locale, &msg);
            }
        }
    }
});
