//! Who and where: platform-neutral identities.
//!
//! Every identity is data — a platform plus that platform's own id as text — so Discord
//! snowflakes, Matrix ids and console names are stored the same way (`platform:id`).

use std::fmt;

use crate::i18n::Locale;

/// A chat platform kumpul speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    /// The local terminal console (`kumpul console`).
    Console,
    Discord,
    Matrix,
}

impl Platform {
    /// The stable prefix used in stored keys.
    pub fn key(self) -> &'static str {
        match self {
            Platform::Console => "console",
            Platform::Discord => "discord",
            Platform::Matrix => "matrix",
        }
    }

    pub fn from_key(key: &str) -> Option<Platform> {
        match key {
            "console" => Some(Platform::Console),
            "discord" => Some(Platform::Discord),
            "matrix" => Some(Platform::Matrix),
            _ => None,
        }
    }
}

macro_rules! platform_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name {
            pub platform: Platform,
            /// The platform's own identifier (snowflake, Matrix id, console name).
            pub id: String,
        }

        impl $name {
            pub fn new(platform: Platform, id: impl Into<String>) -> Self {
                Self { platform, id: id.into() }
            }

            /// The key under which this identity is stored: `platform:id`.
            pub fn key(&self) -> String {
                format!("{}:{}", self.platform.key(), self.id)
            }

            /// Reads a stored key back; `None` if its platform is unknown.
            pub fn from_key(key: &str) -> Option<Self> {
                let (platform, id) = key.split_once(':')?;
                Some(Self::new(Platform::from_key(platform)?, id))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}:{}", self.platform.key(), self.id)
            }
        }
    };
}

platform_id!(
    /// A person on a platform.
    UserId
);
platform_id!(
    /// A kumpul space: a Discord guild, a Matrix room (or space), the console's one room.
    SpaceId
);
platform_id!(
    /// A place messages are posted: a Discord channel or thread, a Matrix room.
    ChannelId
);
platform_id!(
    /// A platform role that can be mentioned (Discord roles).
    RoleId
);

/// What the acting person may do in a space, as the platform reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Member,
    /// Discord: Manage Server or the role chosen with `settings moderators`; Matrix:
    /// power level ≥ 50 (or as configured).
    Moderator,
    /// Discord: Administrator or owner; Matrix: power level 100 or room creator.
    Admin,
}

/// The person who sent a command.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: UserId,
    /// The name to show for them; never used to mention them.
    pub display_name: String,
    /// What the platform itself grants them (Discord: Administrator, Manage Server;
    /// Matrix: power levels). The core raises it to moderator for holders of the space's
    /// moderator role (`settings moderators`): see `Ctx::role`.
    pub role: Role,
    /// The platform roles they hold (Discord), so the core can tell whether one of them
    /// is the space's moderator role; empty where platforms have none.
    pub roles: Vec<RoleId>,
    /// The language the platform says this person uses, when it says one.
    pub locale: Option<Locale>,
}

/// Everything the core knows about one incoming command besides the command itself.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub space: SpaceId,
    pub channel: Option<ChannelId>,
    pub actor: Actor,
    /// When the command arrived, UTC unix milliseconds (from the adapter's clock).
    pub now_ms: i64,
    /// The language the platform says the space prefers (Discord's guild locale), used
    /// for public replies when the space has not chosen one with `settings language`.
    pub space_locale: Option<Locale>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_including_matrix_ids_with_colons() {
        let user = UserId::new(Platform::Matrix, "@alice:example.org");
        assert_eq!(user.key(), "matrix:@alice:example.org");
        assert_eq!(UserId::from_key(&user.key()), Some(user));
        assert_eq!(UserId::from_key("irc:bob"), None);
    }
}
