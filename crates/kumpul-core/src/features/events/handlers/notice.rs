//! What an `event edit` notice says: each change, old → new, for the people who answered.
//! Times are shown as the platform shows them to each reader (Discord: in each reader's
//! own zone) and otherwise in the space's zone, with the zone named.

use crate::bot::Reader;
use crate::features::events::card;
use crate::features::events::model::{self, Occurrence};
use crate::features::events::repo::Event;
use crate::i18n::Msg;
use crate::reply::{Inline, Line};
use crate::time::recur::Rule;
use crate::time::{duration, format};

/// The changes from `before` to `after` (each with the date its card shows next), one line
/// each; empty when the edit changed nothing.
pub(super) fn changes(
    reader: &Reader<'_>,
    before: (&Event, Option<Occurrence>),
    after: (&Event, Option<Occurrence>),
) -> Vec<Line> {
    let ((old, old_next), (new, new_next)) = (before, after);
    let mut lines = Vec::new();
    let mut push = |label: &'static str, from: Inline, to: Inline| {
        if from != to {
            lines.push(line(reader, label, from, to));
        }
    };
    let rule = |event: &Event| {
        let words = event
            .rrule
            .as_deref()
            .and_then(Rule::from_rrule)
            .map(|rule| format::rule(reader.i18n, reader.locale, &rule));
        Inline::Text(words.unwrap_or_else(|| value(reader, Msg::new("event-value-once"))))
    };
    push("event-field-repeats", rule(old), rule(new));
    let when = if new.rrule.is_some() {
        "event-field-next"
    } else {
        "event-field-when"
    };
    push(when, start(reader, old_next), start(reader, new_next));
    push(
        "event-field-title",
        Inline::Text(old.title.clone()),
        Inline::Text(new.title.clone()),
    );
    push("event-field-where", place(reader, old), place(reader, new));
    push(
        "event-field-duration",
        length(reader, old.duration_ms),
        length(reader, new.duration_ms),
    );
    push(
        "event-field-capacity",
        places(reader, old),
        places(reader, new),
    );
    push(
        "event-field-rsvp-by",
        deadline(reader, old),
        deadline(reader, new),
    );
    push(
        "event-field-reminders",
        reminders(reader, old),
        reminders(reader, new),
    );
    lines
}

/// `Label: old → new`.
fn line(reader: &Reader<'_>, label: &'static str, from: Inline, to: Inline) -> Line {
    let mut line = vec![Inline::Text(format!(
        "{}: ",
        reader.i18n.label(reader.locale, label)
    ))];
    line.push(from);
    line.push(Inline::Text(" → ".into()));
    line.push(to);
    line
}

fn value(reader: &Reader<'_>, msg: Msg) -> String {
    reader.text(&msg)
}

fn start(reader: &Reader<'_>, next: Option<Occurrence>) -> Inline {
    match next {
        // Relative to the edit, as the card shows it.
        Some(o) => format::inline(
            reader.i18n,
            reader.locale,
            o.starts_at,
            reader.now_ms,
            &reader.zone,
        ),
        None => Inline::Text(value(reader, Msg::new("event-value-no-date"))),
    }
}

fn place(reader: &Reader<'_>, event: &Event) -> Inline {
    Inline::Text(match &event.location {
        Some(place) => place.clone(),
        None => value(reader, Msg::new("event-value-no-place")),
    })
}

fn length(reader: &Reader<'_>, ms: i64) -> Inline {
    Inline::Text(duration::words(reader.i18n, reader.locale, ms / 60_000))
}

fn places(reader: &Reader<'_>, event: &Event) -> Inline {
    Inline::Text(match event.capacity {
        Some(n) => value(reader, Msg::new("event-value-places").num("count", n)),
        None => value(reader, Msg::new("event-value-no-limit")),
    })
}

fn deadline(reader: &Reader<'_>, event: &Event) -> Inline {
    Inline::Text(match event.rsvp_close_ms {
        Some(ms) => value(
            reader,
            Msg::new("event-value-before").text(
                "time",
                duration::words(reader.i18n, reader.locale, ms / 60_000),
            ),
        ),
        None => value(reader, Msg::new("event-value-no-deadline")),
    })
}

fn reminders(reader: &Reader<'_>, event: &Event) -> Inline {
    Inline::Text(card::reminder_words(
        reader,
        &model::stored_reminders(&event.reminders),
    ))
}
