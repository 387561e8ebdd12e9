//! What kumpul knows of one person apart from any space: the language to write to them in
//! when it speaks to them on its own (a private reminder, "you got a place").
//!
//! Platforms report a person's language only with what they send (Discord: the client
//! language of each interaction; Matrix and the console: none), and a scheduled message
//! answers nothing. So the language reported last is recorded (`user_settings.locale`)
//! whenever it changes, and private messages are written in it; for a person no platform
//! ever reported one for, in the space's language — the one their private replies there
//! are written in too, so a reminder reads like its confirmation did.

use std::time::Duration;

use crate::bot::Bot;
use crate::cache::TtlCache;
use crate::i18n::Locale;
use crate::identity::{Invocation, SpaceId, UserId};
use crate::space::repo;
use crate::store::Statements;
use crate::time::Zone;

/// How long this process trusts that it recorded a person's language already. Another
/// process (PostgreSQL deployments) recording a different one for the same person is
/// corrected by this process at most this long after.
const RECORDED_TTL: Duration = Duration::from_secs(600);
/// People remembered at most, so the cache cannot grow without bound.
const RECORDED_MAX: usize = 10_000;

/// The languages this process recorded (or found recorded) lately, by person key.
pub(crate) type Recorded = TtlCache<Locale>;

impl Default for Recorded {
    fn default() -> Self {
        TtlCache::new(RECORDED_TTL, RECORDED_MAX)
    }
}

impl Bot {
    /// The language to write to `user` in privately: the one their platform last
    /// reported, else `space`'s.
    pub async fn locale_of_person(&self, user: &UserId, space: &SpaceId) -> Locale {
        let recorded = async {
            let mut conn = self.store().pool().acquire().await?;
            repo::fetch_user_locale(&mut conn, &user.key()).await
        };
        match recorded.await {
            Ok(Some(code)) => {
                if let Some(locale) = Locale::parse(&code) {
                    return locale;
                }
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "could not read a person's language"),
        }
        self.locale_of_space(space).await
    }

    /// The zone `user` reads times in when kumpul writes to them privately: their own,
    /// else `space`'s.
    pub async fn zone_of_person(&self, user: &UserId, space: &SpaceId) -> Zone {
        let own = async {
            let mut conn = self.store().pool().acquire().await?;
            repo::fetch_user_timezone(&mut conn, &user.key()).await
        };
        match own.await {
            Ok(Some(name)) => {
                if let Ok(zone) = Zone::parse(&name) {
                    return zone;
                }
            }
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "could not read a person's time zone"),
        }
        self.zone_of_space(space).await
    }

    /// Records the language the platform reports for the actor, if it reports one that
    /// is not recorded yet. Never fails the command: a failure is logged, and the next
    /// command tries again.
    pub(crate) async fn remember_locale(&self, inv: &Invocation) {
        let Some(locale) = inv.actor.locale else {
            return;
        };
        let key = inv.actor.user.key();
        if self.recorded_locales().get(&key) == Some(locale) {
            return;
        }
        // One statement, so a burst of newcomers' first votes shares its commits with the
        // votes themselves (`Store::write`).
        let (user, now) = (key.clone(), inv.now_ms);
        let written = self.store().write(Statements::One, move |conn| {
            let user = user.clone();
            Box::pin(async move { repo::upsert_user_locale(conn, &user, locale.code(), now).await })
        });
        match written.await {
            Ok(()) => self.recorded_locales().insert(key, locale),
            Err(error) => tracing::warn!(%error, "could not record a person's language"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;
    use crate::identity::Role;
    use crate::testing::{Chat, each_backend, user};

    #[tokio::test]
    async fn a_person_is_written_to_in_the_language_their_platform_last_reported() {
        each_backend(|store| async move {
            let chat = Chat::new(store);
            chat.say_as("mia", Role::Moderator, "settings language id")
                .await;
            let bob = user("bob");
            assert_eq!(
                chat.bot.locale_of_person(&bob, &chat.space).await,
                Locale::Id,
                "never reported: the space's language"
            );
            let english = chat.invocation("bob", Role::Member, Some(Locale::En));
            chat.bot.handle_text(&english, "help").await;
            assert_eq!(
                chat.bot.locale_of_person(&bob, &chat.space).await,
                Locale::En
            );
            let silent = chat.invocation("bob", Role::Member, None);
            chat.bot.handle_text(&silent, "help").await;
            assert_eq!(
                chat.bot.locale_of_person(&bob, &chat.space).await,
                Locale::En,
                "a command that reports no language keeps the recorded one"
            );
            let indonesian = chat.invocation("bob", Role::Member, Some(Locale::Id));
            chat.bot.handle_text(&indonesian, "help").await;
            assert_eq!(
                chat.bot.locale_of_person(&bob, &chat.space).await,
                Locale::Id
            );
        })
        .await;
    }
}
