//! Anything typed as a time, a zone, a length or a list of reminder times (and any text
//! read as a stored RRULE): each reader must accept or refuse it, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let now: jiff::ZonedDateTime = "2026-11-30T10:00:00+07:00[Asia/Jakarta]".parse().unwrap();
    let _ = kumpul_core::time::parse::parse_when(text, &now);
    let _ = kumpul_core::time::parse::gives_time(text);
    if let Some(rule) = kumpul_core::time::recur::Rule::from_rrule(text) {
        // A rule read back writes the same text it reads.
        assert_eq!(
            kumpul_core::time::recur::Rule::from_rrule(&rule.to_rrule()),
            Some(rule.clone())
        );
        let _ = rule.next_after(now.date(), now.time_zone(), now.timestamp());
        let _ = rule.to_ics_rrule(now.time_zone());
    }
    let _ = kumpul_core::time::Zone::parse(text);
    let _ = kumpul_core::time::duration::parse_minutes(text);
    let _ = kumpul_core::testing::internals::event_reminders(text);
});
