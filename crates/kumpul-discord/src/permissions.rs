//! The Discord permissions kumpul asks for, each with the reason, and the note that tells
//! a server's moderators — once — what to grant when one is missing.

use std::collections::HashSet;
use std::sync::Mutex;

use kumpul_core::port::{
    Audience, Bot, ChannelId, Delivery, Msg, Notifier, Platform, Reply, SpaceId, Tone, Visibility,
};

/// One permission of the invite, and what kumpul uses it for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needed {
    pub bit: u64,
    /// Discord's name for it, as server settings show it.
    pub name: &'static str,
    pub why: &'static str,
}

/// Create Events: since 2026-02-23 needed to create scheduled events (Manage Events alone
/// no longer is); it also lets kumpul edit and cancel the events it created.
pub const CREATE_EVENTS: u64 = 1 << 44;

/// Create Public Threads: `thread start` and `event create --thread`.
pub const CREATE_PUBLIC_THREADS: u64 = 1 << 35;

/// Exactly what kumpul needs, nothing more (no Mention Everyone, no Manage Events).
pub const NEEDED: &[Needed] = &[
    Needed {
        bit: 1 << 10,
        name: "View Channels",
        why: "to see the channels it answers and posts in",
    },
    Needed {
        bit: 1 << 11,
        name: "Send Messages",
        why: "reminders, poll results, group pings and summaries",
    },
    Needed {
        bit: 1 << 14,
        name: "Embed Links",
        why: "replies and cards are embeds",
    },
    Needed {
        bit: 1 << 15,
        name: "Attach Files",
        why: "poll exports (CSV) and calendar files (.ics)",
    },
    Needed {
        bit: CREATE_PUBLIC_THREADS,
        name: "Create Public Threads",
        why: "`thread start` and `event create --thread`",
    },
    Needed {
        bit: 1 << 38,
        name: "Send Messages in Threads",
        why: "the first message and the notes in discussion threads",
    },
    Needed {
        bit: CREATE_EVENTS,
        name: "Create Events",
        why: "events mirrored in the server's event list (optional: events work without it)",
    },
];

/// The permissions integer of the invite.
pub fn invite_permissions() -> u64 {
    NEEDED.iter().fold(0, |all, p| all | p.bit)
}

/// The invite link for application `app_id` (scopes: `bot` to post on its own,
/// `applications.commands` for the slash commands).
pub fn invite_url(app_id: &str) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={app_id}&scope=bot%20applications.commands&permissions={}",
        invite_permissions()
    )
}

/// Whether a Discord error is "Missing Permissions" (HTTP 403, JSON code 50013).
pub fn is_missing_permission(error: &serenity::Error) -> bool {
    matches!(
        error,
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))
            if response.status_code.as_u16() == 403 || response.error.code == 50013
    )
}

/// Servers already told about a missing permission, since kumpul started. The note is a
/// public message in the channel where it was needed (or the system channel), addressed
/// to the moderators; Discord role pings are not rendered by kumpul yet.
#[derive(Debug, Default)]
pub struct Told(Mutex<HashSet<(u64, u64)>>);

impl Told {
    /// Tells the moderators of `guild`, in `channel`, that kumpul lacks `bit` — the first
    /// time only (per start of kumpul: once granted, the note never comes back; if it is
    /// still missing after a restart, one more note is fair).
    pub async fn missing(
        &self,
        bot: &Bot,
        notifier: &dyn Notifier,
        guild: u64,
        channel: Option<u64>,
        bit: u64,
    ) {
        let Some(needed) = NEEDED.iter().find(|p| p.bit == bit) else {
            return;
        };
        // Two notes racing each other share one nonce, so Discord shows one.
        if self
            .0
            .lock()
            .expect("told set poisoned")
            .contains(&(guild, bit))
        {
            return;
        }
        let space = SpaceId::new(Platform::Discord, guild.to_string());
        let locale = bot.locale_of_space(&space).await;
        let what = if bit == CREATE_EVENTS {
            "discord-permission-events"
        } else {
            "discord-permission-threads"
        };
        let msg = Msg::new("discord-missing-permission")
            .strong("permission", needed.name)
            .text("purpose", bot.i18n().label(locale, what));
        let reply =
            Reply::new(Visibility::Public, Tone::Warning).paragraph(bot.i18n().rich(locale, &msg));
        let delivery = Delivery {
            key: format!("missing-permission:{guild}:{bit}"),
            space,
            channel: channel.map(|c| ChannelId::new(Platform::Discord, c.to_string())),
            audience: Audience::Moderators,
            reply,
        };
        tracing::warn!(%guild, permission = needed.name, "kumpul lacks a permission");
        // Marked only once delivered: a note that could not be posted is tried next time.
        match notifier.deliver(&delivery).await {
            Ok(()) => {
                self.0
                    .lock()
                    .expect("told set poisoned")
                    .insert((guild, bit));
            }
            Err(error) => tracing::warn!(
                %error,
                %guild,
                "could not tell the moderators about a missing permission"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invite_asks_for_create_events_and_never_for_more_than_needed() {
        let all = invite_permissions();
        assert_eq!(all & CREATE_EVENTS, CREATE_EVENTS);
        assert_eq!(all & (1 << 33), 0, "Manage Events is not needed");
        assert_eq!(all & (1 << 17), 0, "Mention Everyone is never asked for");
        assert_eq!(all & (1 << 3), 0, "nor Administrator");
        assert_eq!(all, 17_901_423_741_952);
        assert!(invite_url("123").ends_with("&permissions=17901423741952"));
    }
}
