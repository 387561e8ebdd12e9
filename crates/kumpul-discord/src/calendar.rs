//! Events mirrored as Discord Guild Scheduled Events, so they show in the server's event
//! list and people can press "Interested". Mirroring needs the Manage Events permission;
//! without it the event simply is not mirrored (logged once per event).
//!
//! The scheduled event is recorded like a posted message of the event (its id prefixed
//! with [`PREFIX`]), so the live updates that keep the event's message current also keep
//! the scheduled event current, and cancel it with ours.

use kumpul_core::Bot;
use kumpul_core::i18n::Locale;
use kumpul_core::identity::{Platform, SpaceId};
use kumpul_core::reply::{Anchor, CalendarEntry};
use kumpul_core::time::clock::{Clock, SystemClock};
use serenity::all::{
    CreateScheduledEvent, EditScheduledEvent, GuildId, ScheduledEventId, ScheduledEventStatus,
    ScheduledEventType, Timestamp,
};
use serenity::http::Http;

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

/// Creates the scheduled event for a newly posted event message and records it.
pub async fn mirror(bot: &Bot, http: &Http, guild: GuildId, anchor: Anchor, entry: &CalendarEntry) {
    if entry.cancelled || entry.starts_at <= SystemClock.now_ms() {
        return;
    }
    let space = SpaceId::new(Platform::Discord, guild.get().to_string());
    let locale = bot.locale_of_space(&space).await;
    let created = async {
        let builder = CreateScheduledEvent::new(
            ScheduledEventType::External,
            cut(&entry.title, NAME_MAX),
            time(entry.starts_at).map_err(|e| *e)?,
        )
        .end_time(time(entry.ends_at).map_err(|e| *e)?)
        .location(location(bot, locale, entry));
        guild.create_scheduled_event(http, builder).await
    };
    match created.await {
        Ok(event) => {
            let id = format!("{PREFIX}{}", event.id.get());
            if let Err(error) = bot.record_posted(anchor, &space, None, &id, true).await {
                tracing::error!(
                    error = format!("{error:#}"),
                    "could not record a scheduled event"
                );
            }
        }
        // Most often: the bot lacks Manage Events here. The event works without a mirror.
        Err(error) => tracing::info!(%error, %guild, "event not mirrored as a scheduled event"),
    }
}

/// Brings a mirrored scheduled event up to date, or cancels it.
pub async fn update(
    bot: &Bot,
    http: &Http,
    guild: GuildId,
    id: ScheduledEventId,
    entry: &CalendarEntry,
    locale: Locale,
) -> serenity::Result<()> {
    let edit = if entry.cancelled {
        EditScheduledEvent::new().status(ScheduledEventStatus::Canceled)
    } else {
        EditScheduledEvent::new()
            .name(cut(&entry.title, NAME_MAX))
            .start_time(time(entry.starts_at).map_err(|e| *e)?)
            .end_time(time(entry.ends_at).map_err(|e| *e)?)
            .location(location(bot, locale, entry))
    };
    guild.edit_scheduled_event(http, id, edit).await.map(|_| ())
}
