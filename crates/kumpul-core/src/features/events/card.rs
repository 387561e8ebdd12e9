//! An event's message: when and where, who is going (counting guests) of how many
//! places, the waitlist, and Going / Maybe / Not going buttons. The same card is posted
//! at creation and kept current as people answer.

use super::model::{self, Occurrence, Standing};
use super::repo::{self, Event, Rsvp};
use crate::bot::Bot;
use crate::catalogue::{self, Typed};
use crate::features::groups;
use crate::i18n::Msg;
use crate::identity::SpaceId;
use crate::notify::LiveView;
use crate::reply::{
    Action, ActionId, ActionStyle, Alternate, Anchor, CalendarEntry, CalendarSeries, Inline, Reply,
    Tone, Visibility,
};
use crate::time::clock::{Clock, SystemClock};
use crate::time::recur::Rule;
use crate::time::{duration, format};
use crate::vocab::{Answer, EventIntent, Intent};

pub use crate::bot::Reader;

/// Places taken: everyone going and their guests.
pub fn taken(rsvps: &[Rsvp]) -> i64 {
    rsvps
        .iter()
        .filter(|r| r.answer == Standing::Going)
        .map(|r| 1 + r.guests)
        .sum()
}

/// Names a card shows for each answer (going, maybe, waitlist); the rest are counted, so
/// a big event's card stays one message.
const NAMES_SHOWN: usize = 50;

/// The first [`NAMES_SHOWN`] names of those who gave `standing` (with their guests), and
/// how many more there are.
fn names(rsvps: &[Rsvp], standing: Standing) -> (Vec<String>, usize) {
    let mut answered = rsvps.iter().filter(|r| r.answer == standing);
    let shown = answered
        .by_ref()
        .take(NAMES_SHOWN)
        .map(|r| {
            if r.guests > 0 {
                format!("{} (+{})", r.display_name, r.guests)
            } else {
                r.display_name.clone()
            }
        })
        .collect();
    (shown, answered.count())
}

/// The card for one occurrence (`None`: the event has no occurrence left).
/// `public`: the space's message (with buttons); otherwise an answer to one person.
pub fn card(
    reader: &Reader<'_>,
    event: &Event,
    group: Option<&str>,
    occurrence: Option<Occurrence>,
    rsvps: &[Rsvp],
    visibility: Visibility,
) -> Reply {
    let mut reply =
        Reply::new(visibility, Tone::Info).title(format!("#{} {}", event.number, event.title));
    reply = reply.track(Anchor {
        kind: crate::vocab::AnchorKind::Event,
        id: event.id,
    });
    let cancelled = event.is_cancelled() || occurrence.is_some_and(|o| o.cancelled);
    if let Some(o) = occurrence {
        reply.alternates.push(Alternate::Calendar(CalendarEntry {
            title: event.title.clone(),
            starts_at: o.starts_at,
            ends_at: o.starts_at + event.duration_ms,
            location: event.location.clone(),
            cancelled,
            series: model::series(event).map(|(rule, zone, _)| CalendarSeries {
                rule,
                zone: zone.name().to_owned(),
            }),
        }));
    }
    reply = timing(reply, reader, event, occurrence, cancelled);
    reply = details(reply, reader, event, group);
    if occurrence.is_some() && !cancelled {
        let minutes = model::stored_reminders(&event.reminders);
        let when = Inline::Text(reminder_words(reader, &minutes));
        reply = field(reply, reader, "event-field-reminders", when, true);
    }
    reply = answers(reply, reader, event, rsvps);
    if let (Some(o), Some(close)) = (occurrence, event.rsvp_close_ms)
        && !cancelled
    {
        let mut line = reader.t(&Msg::new("event-rsvp-by"));
        line.push(format::inline(
            reader.i18n,
            reader.locale,
            o.starts_at - close,
            reader.now_ms,
            &reader.zone,
        ));
        reply = reply.paragraph(line);
    }
    if cancelled || occurrence.is_none() {
        return reply;
    }
    how_to_answer(reply, reader, event)
}

/// When the occurrence starts and how long it lasts; or that it was cancelled.
fn timing(
    mut reply: Reply,
    reader: &Reader<'_>,
    event: &Event,
    occurrence: Option<Occurrence>,
    cancelled: bool,
) -> Reply {
    match occurrence {
        Some(o) if !cancelled => {
            reply = field(
                reply,
                reader,
                "event-field-when",
                format::inline(
                    reader.i18n,
                    reader.locale,
                    o.starts_at,
                    reader.now_ms,
                    &reader.zone,
                ),
                false,
            );
            reply = field(
                reply,
                reader,
                "event-field-duration",
                Inline::Text(duration::words(
                    reader.i18n,
                    reader.locale,
                    event.duration_ms / 60_000,
                )),
                true,
            );
        }
        _ => {
            reply = reply.paragraph(reader.t(&Msg::new("event-card-cancelled")));
            reply.tone = Tone::Warning;
        }
    }
    reply
}

/// How the event repeats, where, and for which group, when it has them.
fn details(mut reply: Reply, reader: &Reader<'_>, event: &Event, group: Option<&str>) -> Reply {
    if let Some(words) = repeats(reader, event) {
        reply = field(
            reply,
            reader,
            "event-field-repeats",
            Inline::Text(words),
            true,
        );
    }
    if let Some(place) = &event.location {
        let place = Inline::Text(place.clone());
        reply = field(reply, reader, "event-field-where", place, true);
    }
    if let Some(name) = group {
        let name = Inline::Text(name.to_owned());
        reply = field(reply, reader, "event-field-group", name, true);
    }
    reply
}

/// When reminders go out, "1 day, 1 hour before", or that there are none.
pub fn reminder_words(reader: &Reader<'_>, minutes: &[i64]) -> String {
    if minutes.is_empty() {
        return reader.text(&Msg::new("event-value-no-reminders"));
    }
    let words: Vec<String> = minutes
        .iter()
        .map(|m| duration::words(reader.i18n, reader.locale, *m))
        .collect();
    reader.text(&Msg::new("event-value-before").text("time", words.join(", ")))
}

/// How a series repeats, in words in the reader's language. The rule is local time of
/// the series' zone, so that zone is named when the reader reads another one.
pub fn repeats(reader: &Reader<'_>, event: &Event) -> Option<String> {
    let rule = Rule::from_rrule(event.rrule.as_deref()?)?;
    let words = format::rule(reader.i18n, reader.locale, &rule);
    Some(if reader.zone.name() == event.zone {
        words
    } else {
        format!("{words} ({})", event.zone)
    })
}

/// One field of the card: its label in the reader's language, and its value.
fn field(
    reply: Reply,
    reader: &Reader<'_>,
    label: &'static str,
    value: Inline,
    inline: bool,
) -> Reply {
    reply.field(reader.i18n.label(reader.locale, label), vec![value], inline)
}

/// How many are going of how many places, maybe and waiting, and who they are.
fn answers(mut reply: Reply, reader: &Reader<'_>, event: &Event, rsvps: &[Rsvp]) -> Reply {
    let going = taken(rsvps);
    let counts = Msg::new("event-counts")
        .num("going", going)
        .num("capacity", event.capacity.unwrap_or(0))
        .num(
            "maybe",
            rsvps.iter().filter(|r| r.answer == Standing::Maybe).count() as i64,
        )
        .num(
            "waitlist",
            rsvps
                .iter()
                .filter(|r| r.answer == Standing::Waitlist)
                .count() as i64,
        );
    reply = reply.paragraph(reader.t(&counts));
    for (standing, label) in [
        (Standing::Going, "event-going-names"),
        (Standing::Maybe, "event-maybe-names"),
        (Standing::Waitlist, "event-waitlist-names"),
    ] {
        let (listed, more) = names(rsvps, standing);
        if !listed.is_empty() {
            let mut names = listed.join(", ");
            if more > 0 {
                let more = reader.text(&Msg::new("names-more").num("count", more as i64));
                names = format!("{names} {more}");
            }
            reply = reply.paragraph(reader.t(&Msg::new(label).text("names", names)));
        }
    }
    reply
}

/// How to answer — the command, and reactions where they answer (Matrix) — and the Going / Maybe / Not
/// going buttons.
fn how_to_answer(mut reply: Reply, reader: &Reader<'_>, event: &Event) -> Reply {
    let reactions = reader.surface.reaction_shortcuts;
    let rsvp = |answer: Answer| {
        Typed::new(&["rsvp"])
            .value(event.number)
            .choice("answer", answer.code())
    };
    // The other answers are the last word changed, so they are shown as just that word.
    let word = |answer: Answer| catalogue::choice_word(answer.code(), reader.locale);
    let how = Msg::new("event-how-to-answer")
        .typed("command", rsvp(Answer::Going))
        .code("maybe", word(Answer::Maybe))
        .code("no", word(Answer::No))
        .select("reactions", if reactions { "yes" } else { "no" });
    reply = reply.paragraph(reader.t(&how));
    for (answer, label, style) in [
        (Answer::Going, "action-going", ActionStyle::Primary),
        (Answer::Maybe, "action-maybe", ActionStyle::Secondary),
        (Answer::No, "action-not-going", ActionStyle::Secondary),
    ] {
        reply = reply.action(Action {
            label: reader.i18n.label(reader.locale, label),
            style,
            id: ActionId::new(Intent::Event(EventIntent::Rsvp {
                event: event.id,
                answer,
            })),
            command: rsvp(answer).render(reader.i18n, reader.locale),
        });
    }
    reply
}

/// The group name and the answers for an event's upcoming occurrence.
pub async fn load(
    conn: &mut sqlx::AnyConnection,
    event: &Event,
    now: i64,
) -> anyhow::Result<(Option<String>, Option<Occurrence>, Vec<Rsvp>)> {
    let group = match event.group_id {
        Some(id) => groups::repo::fetch_group(conn, &event.space_id, id)
            .await?
            .map(|g| g.name),
        None => None,
    };
    let exceptions = repo::list_exceptions(conn, event.id).await?;
    let occurrence = if event.is_cancelled() {
        model::occurrences_from(event, &exceptions, i64::MIN / 2, 1)
            .into_iter()
            .next()
    } else {
        model::upcoming(event, &exceptions, now)
    };
    let rsvps = match occurrence {
        Some(o) => repo::list_rsvps(conn, event.id, o.key).await?,
        None => Vec::new(),
    };
    Ok((group, occurrence, rsvps))
}

/// The event's card as it should look now, in its space's language and zone.
pub async fn live_view(bot: &Bot, id: i64) -> anyhow::Result<Option<LiveView>> {
    let now = SystemClock.now_ms();
    let mut conn = bot.store().pool().acquire().await?;
    let Some(event) = repo::fetch_event(&mut conn, id).await? else {
        return Ok(None);
    };
    let Some(space) = SpaceId::from_key(&event.space_id) else {
        return Ok(None);
    };
    let (group, occurrence, rsvps) = load(&mut conn, &event, now).await?;
    drop(conn);
    let reader = Reader::of_space(bot, &space, now).await;
    let ended = event.is_cancelled() || occurrence.is_none();
    Ok(Some(LiveView {
        reply: card(
            &reader,
            &event,
            group.as_deref(),
            occurrence,
            &rsvps,
            Visibility::Public,
        ),
        ended,
    }))
}
