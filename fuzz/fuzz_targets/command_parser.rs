//! Anything typed as a command: the parser must answer with a call or a parse error
//! (which must have a message), never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match kumpul_core::command::parse(text) {
        Ok(call) => {
            let _ = call.usage();
        }
        Err(error) => {
            let _ = error.msg();
        }
    }
});
