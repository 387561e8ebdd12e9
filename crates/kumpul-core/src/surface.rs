//! What each platform can show and do, as its adapter describes it.
//!
//! Cards and messages differ a little by platform — reactions that answer an event on
//! Matrix, a warning that a vote typed in a Matrix room is seen by the whole room. The
//! core asks the [`Surface`] its adapter described instead of testing platform names, so
//! a new adapter describes itself and the features follow.

use std::collections::HashMap;
use std::sync::RwLock;

use crate::identity::Platform;

/// What a platform can do. The default is the plainest surface (the console): nothing
/// shown that the platform might not have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Surface {
    /// Reactions on a card stand for its buttons (Matrix: ✅ ❓ ❌ on an event card, 👍 on
    /// an idea), so cards say so.
    pub reaction_shortcuts: bool,
    /// A command typed in a shared room is seen by everyone there (Matrix), so secret
    /// ballots are asked for in private.
    pub public_typed_commands: bool,
    /// People hold roles that can be chosen as the space's moderators and mentioned
    /// (Discord).
    pub roles: bool,
}

/// The surfaces adapters described, by platform.
#[derive(Debug, Default)]
pub(crate) struct Surfaces(RwLock<HashMap<Platform, Surface>>);

impl Surfaces {
    pub(crate) fn set(&self, platform: Platform, surface: Surface) {
        if let Ok(mut map) = self.0.write() {
            map.insert(platform, surface);
        }
    }

    pub(crate) fn get(&self, platform: Platform) -> Surface {
        self.0
            .read()
            .ok()
            .and_then(|map| map.get(&platform).copied())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{Chat, each_backend};

    /// Cards follow what the platform's adapter described, not its name: the same event
    /// and secret poll read differently once the surface has reaction shortcuts and rooms
    /// that read typed commands.
    #[tokio::test]
    async fn cards_follow_the_described_surface() {
        each_backend(|store| async move {
            let chat = Chat::new(store);
            let event = chat
                .say("alice", "event create tomorrow 19:00 Picnic")
                .await;
            let poll = chat
                .say("alice", "poll create Lead? | Ann | Ben --voters secret")
                .await;
            assert!(
                !event.plain_text().contains("react"),
                "{}",
                event.plain_text()
            );
            assert!(!poll.plain_text().contains("direct message"));
            chat.bot.describe_surface(
                chat.space.platform,
                Surface {
                    reaction_shortcuts: true,
                    public_typed_commands: true,
                    roles: false,
                },
            );
            let event = chat
                .say("alice", "event create tomorrow 20:00 Dinner")
                .await;
            let poll = chat
                .say("alice", "poll create Host? | Cy | Di --voters secret")
                .await;
            assert!(
                event.plain_text().contains("react ✅"),
                "{}",
                event.plain_text()
            );
            assert!(
                poll.plain_text().contains("direct message"),
                "{}",
                poll.plain_text()
            );
        })
        .await;
    }
}
