//! Anything typed as a time, a zone, a length or a list of reminder times: each reader
//! must accept or refuse it, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let now: jiff::ZonedDateTime = "2026-11-30T10:00:00+07:00[Asia/Jakarta]".parse().unwrap();
    let _ = kumpul_core::time::parse::parse_when(text, &now);
    let _ = kumpul_core::time::Zone::parse(text);
    let _ = kumpul_core::time::duration::parse_minutes(text);
    let _ = kumpul_core::testing::internals::event_reminders(text);
});
