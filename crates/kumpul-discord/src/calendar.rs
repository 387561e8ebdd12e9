//! Events mirrored as Discord Guild Scheduled Events, so they show in the server's event
//! list and people can press "Interested". Mirroring needs the Create Events permission
//! (since 2026-02-23 Manage Events alone no longer lets a bot create events); without it
//! the event is not mirrored and the server's moderators are told once what to grant.
//!
//! A mirrored event is edited only when what it shows (name, times, place, status)
//! changed, not on every refresh of the event's card (an RSVP changes the card only).
//!
//! The scheduled event is recorded like a posted message of the event (its id prefixed
//! with [`PREFIX`]), so the live updates that keep the event's message current also keep
//! the scheduled event current, and cancel it with ours.
//!
//! A series is mirrored with Discord's `recurrence_rule` where Discord can show its rule
//! ([`recurrence`] lists which); otherwise, as before, as a one-off scheduled event for
//! the next occurrence. serenity 0.12's builders have no `recurrence_rule`, so the
//! builder's JSON is sent with the rule added, through serenity's own HTTP client.

mod recurrence;

use std::collections::HashMap;
use std::sync::Mutex;

use kumpul_core::port::{
    Anchor, Bot, CalendarEntry, Clock, DeliveryError, Locale, Platform, SpaceId, SystemClock,
};
use serde_json::Value;
use serenity::all::{
    CreateScheduledEvent, EditScheduledEvent, GuildId, ScheduledEventId, ScheduledEventStatus,
    ScheduledEventType, Timestamp,
};

use crate::DiscordNotifier;
use crate::permissions::CREATE_EVENTS;

/// Marks a recorded "message" that is a scheduled event.
pub const PREFIX: &str = "scheduled-event:";

const NAME_MAX: usize = 100;
const LOCATION_MAX: usize = 100;

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A time for Discord; an instant outside Discord's range is an error.
fn time(ms: i64) -> Result<Timestamp, Box<serenity::Error>> {
    Timestamp::from_millis(ms)
        .map_err(|_| Box::new(serenity::Error::Other("a time Discord cannot show")))
}

fn location(bot: &Bot, locale: Locale, entry: &CalendarEntry) -> String {
    let text = entry
        .location
        .clone()
        .unwrap_or_else(|| bot.i18n().label(locale, "calendar-no-location"));
    cut(&text, LOCATION_MAX)
}

/// What a scheduled event shows; an edit is sent only when it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shown {
    name: String,
    starts_at: i64,
    ends_at: i64,
    location: String,
    cancelled: bool,
    /// Discord's `recurrence_rule`, for a series Discord can show.
    recurrence: Option<Value>,
}

impl Shown {
    fn of(bot: &Bot, locale: Locale, entry: &CalendarEntry) -> Shown {
        Shown {
            name: cut(&entry.title, NAME_MAX),
            starts_at: entry.starts_at,
            ends_at: entry.ends_at,
            location: location(bot, locale, entry),
            cancelled: entry.cancelled,
            recurrence: entry
                .series
                .as_ref()
                .and_then(|series| recurrence::recurrence_rule(series, entry.starts_at)),
        }
    }
}

/// A builder's JSON with `recurrence_rule` set (`null` removes a rule Discord has).
fn with_recurrence(
    builder: &impl serde::Serialize,
    rule: Option<&Value>,
) -> Result<Value, serde_json::Error> {
    let mut body = serde_json::to_value(builder)?;
    if let Value::Object(map) = &mut body {
        map.insert(
            "recurrence_rule".into(),
            rule.cloned().unwrap_or(Value::Null),
        );
    }
    Ok(body)
}

/// What each mirrored scheduled event (by id) was last sent. Kept in memory: after a
/// restart the first refresh of an event edits it once more, which is harmless.
#[derive(Debug, Default)]
pub struct Mirrored(Mutex<HashMap<u64, Shown>>);

impl Mirrored {
    fn last(&self, id: u64) -> Option<Shown> {
        self.0.lock().expect("mirrored poisoned").get(&id).cloned()
    }

    /// The event's card ended (its event is over or gone): nothing more to compare.
    pub fn forget(&self, id: u64) {
        self.0.lock().expect("mirrored poisoned").remove(&id);
    }

    fn remember(&self, id: u64, shown: Shown) {
        let mut map = self.0.lock().expect("mirrored poisoned");
        if shown.cancelled {
            map.remove(&id);
        } else {
            map.insert(id, shown);
        }
    }
}

/// Creates the scheduled event for a newly posted event message and records it.
/// `channel`: where the event was posted (a note about a missing permission goes there).
pub async fn mirror(
    notifier: &DiscordNotifier,
    guild: GuildId,
    channel: Option<u64>,
    anchor: Anchor,
    entry: &CalendarEntry,
) {
    let (bot, http) = (&notifier.bot, &notifier.http);
    if entry.cancelled || entry.starts_at <= SystemClock.now_ms() {
        return;
    }
    let space = SpaceId::new(Platform::Discord, guild.get().to_string());
    let locale = bot.locale_of_space(&space).await;
    let shown = Shown::of(bot, locale, entry);
    let created = async {
        let builder = CreateScheduledEvent::new(
            ScheduledEventType::External,
            shown.name.clone(),
            time(entry.starts_at).map_err(|e| *e)?,
        )
        .end_time(time(entry.ends_at).map_err(|e| *e)?)
        .location(shown.location.clone());
        match &shown.recurrence {
            Some(rule) => {
                let body = with_recurrence(&builder, Some(rule))?;
                http.create_scheduled_event(guild, &body, None).await
            }
            None => guild.create_scheduled_event(http, builder).await,
        }
    };
    match created.await {
        Ok(event) => {
            notifier.mirrored.remember(event.id.get(), shown);
            let id = format!("{PREFIX}{}", event.id.get());
            if let Err(error) = bot.record_posted(anchor, &space, None, &id, true).await {
                tracing::error!(
                    error = format!("{error:#}"),
                    "could not record a scheduled event"
                );
            }
        }
        // The event works without a mirror; the moderators learn what to grant.
        Err(error) if crate::permissions::is_missing_permission(&error) => {
            notifier
                .told
                .missing(bot, notifier, guild.get(), channel, CREATE_EVENTS)
                .await;
        }
        Err(error) => tracing::warn!(%error, %guild, "event not mirrored as a scheduled event"),
    }
}

/// Brings a mirrored scheduled event up to date, or cancels it — only when what it shows
/// changed, and sending only the fields that changed. Discord refuses a start time in the
/// past and cancelling an event that has begun, so a begun event is deleted instead of
/// cancelled and a start already past is not sent.
///
/// Discord ends an external scheduled event by itself at its end time and then refuses
/// every edit ("Cannot update a finished event", 180000); someone may also have deleted
/// it (10070). On exactly those answers, when the event still has a date ahead (a series
/// that rolled on to its next date, or a date moved after the old one ended), the next
/// date is mirrored as a new scheduled event, and this one is given up.
pub async fn update(
    notifier: &DiscordNotifier,
    guild: GuildId,
    id: ScheduledEventId,
    anchor: Anchor,
    entry: &CalendarEntry,
    locale: Locale,
) -> Result<(), DeliveryError> {
    let updated = edit(notifier, guild, id, entry, locale).await;
    if let Err(DeliveryError::GiveUp(error)) = &updated
        && error
            .downcast_ref::<serenity::Error>()
            .is_some_and(ended_or_gone)
        && !entry.cancelled
        && entry.starts_at > SystemClock.now_ms()
    {
        tracing::info!(
            error = format!("{error:#}"),
            %guild,
            "a scheduled event can no longer be edited; mirroring the next date anew"
        );
        notifier.mirrored.forget(id.get());
        mirror(notifier, guild, None, anchor, entry).await;
    }
    updated
}

/// Discord's answer for a scheduled event that ended ("Cannot update a finished event",
/// 180000) or no longer exists ("Unknown Guild Scheduled Event", 10070). Any other refusal
/// leaves the event where it is: mirroring anew then would show it twice.
fn ended_or_gone(error: &serenity::Error) -> bool {
    matches!(
        error,
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))
            if matches!(response.error.code, 180_000 | 10_070)
    )
}

/// The edit itself (see [`update`]).
async fn edit(
    notifier: &DiscordNotifier,
    guild: GuildId,
    id: ScheduledEventId,
    entry: &CalendarEntry,
    locale: Locale,
) -> Result<(), DeliveryError> {
    let shown = Shown::of(&notifier.bot, locale, entry);
    let before = notifier.mirrored.last(id.get());
    if before.as_ref() == Some(&shown) {
        return Ok(());
    }
    let now = SystemClock.now_ms();
    let bad_time = |e: Box<serenity::Error>| DeliveryError::GiveUp((*e).into());
    let result = if entry.cancelled && entry.starts_at <= now {
        guild.delete_scheduled_event(&notifier.http, id).await
    } else {
        let mut edit = EditScheduledEvent::new();
        if entry.cancelled {
            edit = edit.status(ScheduledEventStatus::Canceled);
        } else {
            // Compared with what was last sent (everything, when nothing was).
            let changed = |same: &dyn Fn(&Shown) -> bool| !before.as_ref().is_some_and(same);
            if changed(&|b| b.name == shown.name) {
                edit = edit.name(shown.name.clone());
            }
            if entry.starts_at > now && changed(&|b| b.starts_at == shown.starts_at) {
                edit = edit.start_time(time(entry.starts_at).map_err(bad_time)?);
            }
            if changed(&|b| b.ends_at == shown.ends_at) {
                edit = edit.end_time(time(entry.ends_at).map_err(bad_time)?);
            }
            if changed(&|b| b.location == shown.location) {
                edit = edit.location(shown.location.clone());
            }
        }
        // A series whose rule changed (or stopped being one Discord can show).
        let recurrence_changed = !entry.cancelled
            && before
                .as_ref()
                .is_none_or(|b| b.recurrence != shown.recurrence)
            && (before.is_some() || shown.recurrence.is_some());
        if recurrence_changed {
            match with_recurrence(&edit, shown.recurrence.as_ref()) {
                Ok(body) => notifier
                    .http
                    .edit_scheduled_event(guild, id, &body, None)
                    .await
                    .map(|_| ()),
                Err(error) => Err(error.into()),
            }
        } else {
            guild
                .edit_scheduled_event(&notifier.http, id, edit)
                .await
                .map(|_| ())
        }
    };
    match result {
        Ok(()) => {
            notifier.mirrored.remember(id.get(), shown);
            Ok(())
        }
        Err(error) if crate::permissions::is_missing_permission(&error) => {
            notifier
                .told
                .missing(&notifier.bot, notifier, guild.get(), None, CREATE_EVENTS)
                .await;
            Err(DeliveryError::GiveUp(error.into()))
        }
        Err(error) => Err(crate::classify(error)),
    }
}
