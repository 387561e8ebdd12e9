//! Telemetry in depth: a command's span holds the spans of the repository calls it makes,
//! by name, so a slow query shows which one it is.

use std::sync::{Arc, Mutex};

use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use crate::testing::{Chat, each_backend};

/// Records the name of every span opened, at every level.
#[derive(Clone, Default)]
struct Names(Arc<Mutex<Vec<&'static str>>>);

impl Subscriber for Names {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut names = self.0.lock().unwrap();
        names.push(span.metadata().name());
        Id::from_u64(names.len() as u64)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn repository_calls_show_by_name_inside_the_command() {
    each_backend(|store| async move {
        // Once before recording, so every span's callsite is registered before the
        // recorder is: tracing caches each callsite's interest when it is first hit, and a
        // callsite first hit by another test at the moment the recorder registers could
        // keep "not interested" and never reach it.
        Chat::new(store.clone())
            .say("alice", "group create warmup")
            .await;
        let chat = Chat {
            space: crate::identity::SpaceId::new(crate::identity::Platform::Console, "spans"),
            ..Chat::new(store)
        };
        let names = Names::default();
        let guard = tracing::dispatcher::set_default(&tracing::Dispatch::new(names.clone()));
        chat.say("alice", "group create hiking").await;
        drop(guard);
        let seen = names.0.lock().unwrap().clone();
        assert!(seen.contains(&"command"), "{seen:?}");
        for repo in ["ensure_space", "insert_group", "fetch_space_settings"] {
            assert!(seen.contains(&repo), "no span for {repo}: {seen:?}");
        }
    })
    .await;
}
