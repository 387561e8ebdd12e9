//! Where due reminders go: a personal one to its person privately, in their language,
//! and to the channel (saying so) only when they cannot be reached privately; a group's
//! in the channel, pinging its members.

use crate::i18n::Locale;
use crate::identity::Role;
use crate::notify::{Audience, Recipient, deliver_privately};
use crate::reply::{Inline, Reply, Tone, Visibility};
use crate::testing::{Chat, FakePlatform, each_backend, scheduled, user};
use crate::time::clock::Clock;

const HOUR: i64 = 3_600_000;

/// Every user id a reply may ping.
fn pinged(reply: &Reply) -> Vec<String> {
    reply.mentions.users.iter().map(|u| u.id.clone()).collect()
}

#[tokio::test]
async fn a_personal_reminder_goes_to_its_person_privately_and_nothing_to_the_channel() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let (clock, platform, scheduler) = scheduled(&chat);
        let set = chat.say("alice", "remind me in 1 hour call mom").await;
        assert_eq!(set.tone, Tone::Success, "{}", set.plain_text());
        clock.advance(HOUR);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);

        let private = platform.private_to(&user("alice"));
        assert_eq!(private.len(), 1, "{:?}", platform.shown());
        let text = private[0].reply.plain_text();
        assert_eq!(text, "⏰ Reminder: call mom");
        assert_eq!(private[0].reply.visibility, Visibility::Private);
        assert_eq!(private[0].reply.locale, Some(Locale::En));
        assert!(
            platform.in_channels().is_empty(),
            "the channel sees nothing of it: {:?}",
            platform.in_channels()
        );
    })
    .await;
}

#[tokio::test]
async fn a_personal_reminder_is_written_in_the_language_its_person_last_used() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        let (clock, platform, scheduler) = scheduled(&chat);
        chat.say_as("mia", Role::Moderator, "settings language id")
            .await;
        // Bob's platform reports English (a Discord client language); budi's none.
        let bob = chat.invocation("bob", Role::Member, Some(Locale::En));
        let set = chat
            .bot
            .handle_text(&bob, "remind me in 1 hour stretch")
            .await;
        assert!(
            set.plain_text().contains("I'll remind you"),
            "{}",
            set.plain_text()
        );
        chat.say("budi", "remind me in 1 hour bayar iuran").await;
        clock.advance(HOUR);
        chat.now_ms = clock.now_ms();
        assert_eq!(scheduler.run_due().await.unwrap(), 2);

        let to_bob = platform.private_to(&user("bob"));
        assert_eq!(to_bob[0].reply.plain_text(), "⏰ Reminder: stretch");
        assert_eq!(to_bob[0].reply.locale, Some(Locale::En));
        let to_budi = platform.private_to(&user("budi"));
        assert_eq!(
            to_budi[0].reply.plain_text(),
            "⏰ Pengingat: bayar iuran",
            "no language reported: the space's, as his confirmation was"
        );
        assert_eq!(to_budi[0].reply.locale, Some(Locale::Id));
    })
    .await;
}

#[tokio::test]
async fn with_direct_messages_closed_the_reminder_comes_to_the_channel_saying_so() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let (clock, platform, scheduler) = scheduled(&chat);
        platform.close_dms(&user("alice"));
        chat.say("alice", "remind me in 1 hour call mom @everyone")
            .await;
        clock.advance(HOUR);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);

        assert!(platform.private_to(&user("alice")).is_empty());
        let channel = platform.in_channels();
        assert_eq!(channel.len(), 1, "{:?}", platform.shown());
        let text = channel[0].reply.plain_text();
        assert!(
            text.starts_with("@alice I could not send you a direct message"),
            "{text}"
        );
        assert!(text.contains("so here it is:"), "{text}");
        assert!(text.contains("⏰ Reminder: call mom @everyone"), "{text}");
        assert_eq!(pinged(&channel[0].reply), ["alice"], "pings only her");
        assert!(channel[0].reply.mentions.roles.is_empty());
        assert_eq!(channel[0].reply.visibility, Visibility::Public);
    })
    .await;
}

#[tokio::test]
async fn a_retried_fallback_is_shown_once() {
    let platform = FakePlatform::default();
    platform.close_dms(&user("alice"));
    let delivery = crate::notify::Delivery {
        key: "reminder:1:1800000000000".into(),
        space: crate::identity::SpaceId::new(crate::identity::Platform::Console, "test"),
        channel: None,
        audience: Audience::Person(Recipient {
            user: user("alice"),
            name: "alice".into(),
        }),
        reply: Reply::private(Tone::Ping, vec![Inline::Text("stretch".into())])
            .written_in(Locale::En),
    };
    let note = vec![Inline::Text("here:".into())];
    for _ in 0..2 {
        deliver_privately(&platform, &delivery, note.clone())
            .await
            .expect("posted in the channel instead");
    }
    assert_eq!(platform.calls().len(), 2, "handed over twice");
    let shown = platform.shown();
    assert_eq!(shown.len(), 1, "shown once: {shown:?}");
    assert_eq!(shown[0].key, "reminder:1:1800000000000:channel");
}

#[tokio::test]
async fn a_group_reminder_is_still_posted_in_the_channel_for_its_members() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let (clock, platform, scheduler) = scheduled(&chat);
        chat.say("alice", "group create walkers").await;
        chat.say("bob", "group join walkers").await;
        chat.say("alice", "remind group walkers in 1 hour pack water")
            .await;
        clock.advance(HOUR);
        assert_eq!(scheduler.run_due().await.unwrap(), 1);
        let channel = platform.in_channels();
        assert_eq!(channel.len(), 1, "{:?}", platform.shown());
        assert!(channel[0].reply.plain_text().contains("pack water"));
        let mut people = pinged(&channel[0].reply);
        people.sort();
        assert_eq!(people, ["alice", "bob"]);
    })
    .await;
}

/// Everything written to the logs (event and span fields, every level), as text.
#[derive(Default, Clone)]
struct Logged(std::sync::Arc<std::sync::Mutex<String>>);

impl tracing::field::Visit for Logged {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let line = format!("{}={value:?} ", field.name());
        self.0.lock().unwrap().push_str(&line);
    }
}

impl tracing::Subscriber for Logged {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        span.record(&mut self.clone());
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut self.clone());
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut self.clone());
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// alice's reminder goes privately, bob's falls back to the channel (his DMs are closed).
async fn deliver_one_private_and_one_fallback(chat: Chat) {
    let (clock, platform, scheduler) = scheduled(&chat);
    chat.say("alice", "remind me in 1 hour see doctor re rash")
        .await;
    chat.say("bob", "remind me in 1 hour call the bank about debt")
        .await;
    platform.close_dms(&user("bob"));
    clock.advance(HOUR);
    assert_eq!(scheduler.run_due().await.unwrap(), 2);
    assert_eq!(platform.private_to(&user("alice")).len(), 1);
    assert_eq!(platform.in_channels().len(), 1, "bob's fell back");
}

#[tokio::test]
async fn a_personal_reminders_text_never_reaches_the_logs_also_when_it_falls_back() {
    let logged = Logged::default();
    each_backend(|store| {
        let logged = logged.clone();
        async move {
            // Once before recording, so every callsite on the way is registered before the
            // recorder is: tracing caches each callsite's interest when it is first hit,
            // and one first hit by another test while the recorder registers could keep
            // "not interested" and never reach it (the fallback's log went missing so).
            deliver_one_private_and_one_fallback(Chat::new(store.clone())).await;
            let chat = Chat {
                space: crate::identity::SpaceId::new(crate::identity::Platform::Console, "logged"),
                ..Chat::new(store)
            };
            let guard = tracing::subscriber::set_default(logged);
            deliver_one_private_and_one_fallback(chat).await;
            drop(guard);
        }
    })
    .await;
    let logs = logged.0.lock().unwrap().clone();
    assert!(
        logs.contains("posting a private delivery in the channel instead"),
        "the fallback is logged: {logs}"
    );
    for secret in ["see doctor", "rash", "call the bank", "debt"] {
        assert!(!logs.contains(secret), "{secret:?} was logged: {logs}");
    }
}
