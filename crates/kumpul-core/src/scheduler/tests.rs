//! The scheduler against real databases, with a controllable clock and a fake platform.
//!
//! The shared setup is here; the tests are grouped by topic in the modules below.

mod claims;
mod crashes;
mod delivery;
mod missed;
mod queue;
mod retries;

use std::sync::Arc;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::repo::JobStatus;
use super::*;
use crate::identity::Role;
use crate::notify::Delivery;
use crate::store::Backend;
use crate::testing::{Behaviour, Chat, FakePlatform, each_backend, user};
use crate::time::clock::{Clock, ManualClock};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

/// A connection to the test space's job queue (the space row exists).
async fn queue_of(s: &Setup) -> sqlx::pool::PoolConnection<sqlx::Any> {
    let mut conn = s.chat.bot.store().pool().acquire().await.unwrap();
    crate::features::settings::repo::ensure_space(&mut conn, "console:test", 0)
        .await
        .unwrap();
    conn
}

struct Setup {
    chat: Chat,
    clock: Arc<ManualClock>,
    platform: Arc<FakePlatform>,
}

impl Setup {
    fn new(store: crate::store::Store) -> Setup {
        let chat = Chat::new(store);
        let clock = Arc::new(ManualClock::starting_at(chat.now_ms));
        Setup {
            chat,
            clock,
            platform: Arc::new(FakePlatform::default()),
        }
    }

    fn scheduler(&self) -> Scheduler {
        let config = SchedulerConfig {
            retry_base: Duration::from_secs(10),
            max_attempts: 3,
            ..SchedulerConfig::default()
        };
        Scheduler::new(
            self.chat.bot.clone(),
            self.platform.clone(),
            self.clock.clone(),
            config,
        )
    }

    fn advance(&mut self, ms: i64) {
        self.clock.advance(ms);
        self.chat.now_ms += ms;
    }

    async fn job_status(&self, key: &str) -> Option<(JobStatus, i64)> {
        let mut conn = self.chat.bot.store().pool().acquire().await.unwrap();
        repo::fetch_job_status(&mut conn, key).await.unwrap()
    }
}

#[test]
fn job_statuses_round_trip_through_their_codes() {
    assert_codes_round_trip!(JobStatus);
}

fn texts(deliveries: &[Delivery]) -> Vec<String> {
    deliveries.iter().map(|d| d.reply.plain_text()).collect()
}
