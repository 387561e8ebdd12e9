//! Messages kept current: a poll's public message shows live results, updated as votes
//! arrive — but at most once per item per `interval`, however fast votes come, and always
//! once more after the last change, so the final state shown is exact.
//!
//! Handlers [`Live::touch`] an [`Anchor`] after committing a change. [`run`] waits out each
//! anchor's interval, renders its current view once for all the messages that show it,
//! and hands it to the [`Notifier`] of the platform. Which messages show what is stored
//! ([`repo`]), so updates keep working after a restart; which anchors are waiting for an
//! update is not — a restart loses at most one pending refresh, and the next vote or the
//! closing of the poll shows the state again.
//!
//! A change can land between an adapter posting a card and recording where it went (a
//! vote on a poll whose message is still being recorded). A refresh that finds no posted
//! message therefore leaves a note ([`Live::await_post`]), and recording the message
//! re-shows the anchor if such a note is there ([`Bot::record_posted`]); the order of the
//! two checks makes sure one of them sees the other.

pub mod repo;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::Notify;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::bot::Bot;
use crate::identity::{ChannelId, SpaceId};
use crate::notify::{BoxFuture, DeliveryError, LiveView, Notifier, Posted};
use crate::reply::Anchor;
use crate::time::clock::{Clock, SystemClock};
use crate::vocab::AnchorKind;

/// Updates in flight at once.
const CONCURRENCY: usize = 8;
/// How long a shutdown waits for the last pending updates.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a note of a change to a not-yet-recorded message is kept (posting and
/// recording take seconds at most).
const UNPOSTED_TTL: Duration = Duration::from_secs(60);
/// Notes kept before old ones are dropped.
const UNPOSTED_MAX: usize = 4096;

/// Which anchors changed, and when each was last shown.
#[derive(Debug, Default)]
pub struct Live {
    slots: Mutex<HashMap<Anchor, Slot>>,
    wake: Notify,
    /// Anchors that changed while no message showing them was recorded yet.
    unposted: Mutex<HashMap<Anchor, Instant>>,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    dirty: bool,
    last_shown: Option<Instant>,
}

impl Live {
    /// Something `anchor` shows has changed (and is committed).
    pub fn touch(&self, anchor: Anchor) {
        let mut slots = self.slots.lock().expect("live slots poisoned");
        slots
            .entry(anchor)
            .or_insert(Slot {
                dirty: false,
                last_shown: None,
            })
            .dirty = true;
        drop(slots);
        self.wake.notify_one();
    }

    /// The anchors changed since they were last shown.
    pub fn dirty(&self) -> Vec<Anchor> {
        let slots = self.slots.lock().expect("live slots poisoned");
        slots
            .iter()
            .filter(|(_, slot)| slot.dirty)
            .map(|(anchor, _)| *anchor)
            .collect()
    }

    /// The anchors to show now, and how long until the next one may be shown. Anchors
    /// shown long ago and not changed since are forgotten, so memory stays bounded.
    fn take_ready(&self, now: Instant, interval: Duration) -> (Vec<Anchor>, Option<Duration>) {
        let mut slots = self.slots.lock().expect("live slots poisoned");
        let mut ready = Vec::new();
        let mut next: Option<Duration> = None;
        slots.retain(|anchor, slot| {
            let since = slot.last_shown.map(|t| now.saturating_duration_since(t));
            let due = since.is_none_or(|s| s >= interval);
            if slot.dirty && due {
                slot.dirty = false;
                slot.last_shown = Some(now);
                ready.push(*anchor);
                return true;
            }
            if slot.dirty {
                let wait = interval - since.unwrap_or_default();
                next = Some(next.map_or(wait, |n| n.min(wait)));
                return true;
            }
            !due
        });
        (ready, next)
    }

    /// Notes that `anchor` changed while no message showing it was recorded.
    fn await_post(&self, anchor: Anchor, now: Instant) {
        let mut unposted = self.unposted.lock().expect("live notes poisoned");
        if unposted.len() >= UNPOSTED_MAX {
            unposted.retain(|_, at| now.saturating_duration_since(*at) < UNPOSTED_TTL);
        }
        if unposted.len() >= UNPOSTED_MAX {
            // Still full of recent notes: the oldest goes, never the newest.
            let oldest = unposted.iter().min_by_key(|(_, at)| **at).map(|(a, _)| *a);
            if let Some(oldest) = oldest {
                unposted.remove(&oldest);
            }
        }
        unposted.insert(anchor, now);
    }

    /// A message showing `anchor` was recorded: if a change found no message to show it
    /// in, show it now.
    fn posted(&self, anchor: Anchor) {
        let noted = self
            .unposted
            .lock()
            .expect("live notes poisoned")
            .remove(&anchor)
            .is_some();
        if noted {
            self.touch(anchor);
        }
    }

    /// Forgets the note for `anchor` (its messages were found after all).
    fn found_posted(&self, anchor: Anchor) {
        self.unposted
            .lock()
            .expect("live notes poisoned")
            .remove(&anchor);
    }

    /// Everything changed, ignoring intervals (shutdown).
    fn take_all(&self) -> Vec<Anchor> {
        let mut slots = self.slots.lock().expect("live slots poisoned");
        let ready = slots
            .iter()
            .filter(|(_, s)| s.dirty)
            .map(|(a, _)| *a)
            .collect();
        slots.clear();
        ready
    }
}

impl Bot {
    /// Records that the message `message_id` in `space` shows `anchor`, so it is kept
    /// current. `native`: posted as a platform-native poll.
    pub async fn record_posted(
        &self,
        anchor: Anchor,
        space: &SpaceId,
        channel: Option<&ChannelId>,
        message_id: &str,
        native: bool,
    ) -> anyhow::Result<()> {
        let mut conn = self.store().pool().acquire().await?;
        let posted = repo::StoredPosted {
            space_id: space.key(),
            message_id: message_id.to_owned(),
            feature: anchor.kind.code().to_owned(),
            item_id: anchor.id,
            channel_id: channel.map(ChannelId::key),
            native,
            ended: false,
        };
        repo::insert_posted(&mut conn, &posted, SystemClock.now_ms()).await?;
        // After the row is committed: a refresh that looked before it left a note.
        self.live().posted(anchor);
        Ok(())
    }

    /// The anchor a posted message of `space` shows, if it is one of ours.
    pub async fn posted_anchor(
        &self,
        space: &SpaceId,
        message_id: &str,
    ) -> anyhow::Result<Option<Anchor>> {
        let mut conn = self.store().pool().acquire().await?;
        let found = repo::fetch_posted(&mut conn, &space.key(), message_id).await?;
        Ok(found.and_then(|p| anchor_of(&p.feature, p.item_id)))
    }
}

/// The anchor for a stored feature word; `None` for a word this version does not know.
fn anchor_of(feature: &str, id: i64) -> Option<Anchor> {
    AnchorKind::parse(feature).map(|kind| Anchor { kind, id })
}

/// What the features show on anchored messages. The bot is built with the features'
/// implementation, so this layer renders nothing itself and knows no feature.
pub trait Views: Send + Sync {
    /// The current view of `anchor`, or `None` when its item is gone.
    fn view<'a>(
        &'a self,
        bot: &'a Bot,
        anchor: Anchor,
    ) -> BoxFuture<'a, anyhow::Result<Option<LiveView>>>;
}

/// Shows the current state of `anchor` in every message that shows it.
pub async fn refresh(bot: &Bot, notifier: &dyn Notifier, anchor: Anchor) -> anyhow::Result<()> {
    let mut conn = bot.store().pool().acquire().await?;
    let mut posted = repo::list_posted_for(&mut conn, anchor.kind.code(), anchor.id).await?;
    if posted.is_empty() {
        // The note first, then a second look: a message recorded in between is either
        // seen here or finds the note and shows the anchor itself.
        bot.live().await_post(anchor, Instant::now());
        posted = repo::list_posted_for(&mut conn, anchor.kind.code(), anchor.id).await?;
        if posted.is_empty() {
            return Ok(());
        }
        bot.live().found_posted(anchor);
    }
    drop(conn);
    let Some(mut view) = bot.views().view(bot, anchor).await? else {
        return Ok(());
    };
    // Cards are written in their space's language (one anchor, one space).
    if let Some(space) = posted.first().and_then(|p| SpaceId::from_key(&p.space_id)) {
        view.reply = view.reply.written_in(bot.locale_of_space(&space).await);
    }
    for stored in posted {
        let Some(space) = SpaceId::from_key(&stored.space_id) else {
            continue;
        };
        let target = Posted {
            anchor,
            space,
            channel: stored.channel_id.as_deref().and_then(ChannelId::from_key),
            message_id: stored.message_id.clone(),
            native: stored.native,
        };
        let span = tracing::info_span!(
            "notifier.update",
            platform = target.space.platform.key(),
            space = %target.space.id,
            anchor = target.anchor.kind.code()
        );
        match notifier.update(&target, &view).instrument(span).await {
            Ok(()) if view.ended => {
                let mut conn = bot.store().pool().acquire().await?;
                repo::mark_ended(&mut conn, &stored.space_id, &stored.message_id).await?;
            }
            Ok(()) => {}
            // A deleted message or a removed bot: nothing more to show there.
            Err(DeliveryError::GiveUp(error) | DeliveryError::Unreachable(error)) => {
                tracing::info!(
                    error = format!("{error:#}"),
                    "a live message can no longer be updated"
                );
                let mut conn = bot.store().pool().acquire().await?;
                repo::mark_ended(&mut conn, &stored.space_id, &stored.message_id).await?;
            }
            // The next change retries; a closed poll's final view is retried at start-up.
            Err(DeliveryError::Retry(error)) => {
                tracing::warn!(error = format!("{error:#}"), "a live message update failed");
            }
        }
    }
    Ok(())
}

/// Keeps anchored messages current until cancelled, then shows what is still pending.
pub async fn run(
    bot: Bot,
    notifier: Arc<dyn Notifier>,
    interval: Duration,
    cancel: CancellationToken,
) -> anyhow::Result<()> {
    let live = bot.live();
    let mut running: JoinSet<()> = JoinSet::new();
    loop {
        let (ready, next) = live.take_ready(Instant::now(), interval);
        for anchor in ready {
            while running.len() >= CONCURRENCY {
                running.join_next().await;
            }
            let (bot, notifier) = (bot.clone(), notifier.clone());
            running.spawn(async move {
                if let Err(error) = refresh(&bot, notifier.as_ref(), anchor).await {
                    tracing::error!(
                        error = format!("{error:#}"),
                        "could not update a live message"
                    );
                }
            });
        }
        let sleep = next.unwrap_or(Duration::from_secs(3600));
        tokio::select! {
            () = cancel.cancelled() => break,
            () = live.wake.notified() => {}
            () = tokio::time::sleep(sleep) => {}
            Some(_) = running.join_next(), if !running.is_empty() => {}
        }
    }
    let flush = async {
        while running.join_next().await.is_some() {}
        for anchor in live.take_all() {
            if let Err(error) = refresh(&bot, notifier.as_ref(), anchor).await {
                tracing::error!(
                    error = format!("{error:#}"),
                    "could not update a live message"
                );
            }
        }
    };
    if tokio::time::timeout(FLUSH_TIMEOUT, flush).await.is_err() {
        tracing::warn!("live message updates did not finish before shutdown");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(id: i64) -> Anchor {
        Anchor {
            kind: AnchorKind::Poll,
            id,
        }
    }

    #[test]
    fn a_changed_anchor_is_shown_at_once_then_waits_out_its_interval() {
        let live = Live::default();
        let interval = Duration::from_secs(2);
        let start = Instant::now();
        live.touch(anchor(1));
        assert_eq!(live.take_ready(start, interval).0, [anchor(1)]);
        live.touch(anchor(1));
        live.touch(anchor(1));
        let (ready, next) = live.take_ready(start + Duration::from_millis(500), interval);
        assert!(ready.is_empty());
        assert_eq!(next, Some(Duration::from_millis(1500)));
        let (ready, _) = live.take_ready(start + interval, interval);
        assert_eq!(ready, [anchor(1)], "the last change is always shown");
        let (ready, next) = live.take_ready(start + interval * 2, interval);
        assert!(ready.is_empty() && next.is_none());
    }

    #[test]
    fn a_change_before_its_message_is_recorded_is_shown_once_it_is() {
        let live = Live::default();
        let interval = Duration::from_secs(2);
        let start = Instant::now();
        live.await_post(anchor(3), start);
        live.posted(anchor(4));
        assert!(
            live.take_ready(start, interval).0.is_empty(),
            "another anchor"
        );
        live.posted(anchor(3));
        assert_eq!(live.take_ready(start, interval).0, [anchor(3)]);
        live.posted(anchor(3));
        assert!(
            live.take_ready(start + interval, interval).0.is_empty(),
            "the note is used once"
        );
    }

    #[test]
    fn notes_of_unrecorded_messages_stay_bounded() {
        let live = Live::default();
        let start = Instant::now();
        for id in 0..(UNPOSTED_MAX as i64 + 10) {
            live.await_post(anchor(id), start);
        }
        assert!(live.unposted.lock().unwrap().len() <= UNPOSTED_MAX);
        live.await_post(anchor(-1), start);
        let notes = live.unposted.lock().unwrap();
        assert!(notes.contains_key(&anchor(-1)), "the newest note is kept");
        assert!(notes.len() <= UNPOSTED_MAX);
    }

    /// The interleaving behind a flaky Discord test: a vote lands after the card was posted
    /// but before the adapter recorded where; its refresh finds no message. Recording the
    /// message must then show the vote.
    #[tokio::test]
    async fn a_vote_between_posting_and_recording_a_card_is_shown() {
        use crate::testing::{Chat, FakePlatform, each_backend};
        each_backend(|store| async move {
            let chat = Chat::new(store);
            let created = chat.say("alice", "poll create Lunch? | Soup | Rice").await;
            let anchor = created.anchor().expect("a poll card is anchored");
            let platform = FakePlatform::default();
            chat.say("bob", "poll vote 1 Rice").await;
            let live = chat.bot.live();
            assert_eq!(live.take_ready(Instant::now(), Duration::ZERO).0, [anchor]);
            refresh(&chat.bot, &platform, anchor).await.unwrap();
            assert!(platform.updates().is_empty(), "nothing recorded yet");
            chat.bot
                .record_posted(anchor, &chat.space, None, "message-1", false)
                .await
                .unwrap();
            let ready = live.take_ready(Instant::now() + Duration::from_secs(1), Duration::ZERO);
            assert_eq!(ready.0, [anchor], "recording re-shows the card");
            refresh(&chat.bot, &platform, anchor).await.unwrap();
            let updates = platform.updates();
            assert_eq!(updates.len(), 1);
            assert_eq!(updates[0].0.message_id, "message-1");
        })
        .await;
    }

    #[test]
    fn quiet_anchors_are_forgotten() {
        let live = Live::default();
        let interval = Duration::from_secs(2);
        let start = Instant::now();
        live.touch(anchor(7));
        live.take_ready(start, interval);
        live.take_ready(start + interval * 3, interval);
        assert!(live.slots.lock().unwrap().is_empty());
    }
}
