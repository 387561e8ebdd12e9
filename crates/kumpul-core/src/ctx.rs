//! What a handler knows about the request it serves ([`Ctx`]), and what a message is
//! rendered for when it answers nobody in particular ([`Reader`]).

use crate::bot::Bot;
use crate::error::{Error, Internal, Result};
use crate::i18n::{I18n, Locale, Msg};
use crate::identity::{Invocation, Role, SpaceId};
use crate::reply::{Line, Reply, Tone, Visibility};
use crate::store::Store;
use crate::surface::Surface;
use crate::time::Zone;
use crate::time::parse::{When, parse_when};

/// What a handler knows about the request it serves.
pub struct Ctx<'a> {
    pub bot: &'a Bot,
    pub inv: &'a Invocation,
    /// The language of replies only the actor sees.
    pub locale: Locale,
    /// The language of public replies: the space's.
    pub space_locale: Locale,
    /// What the actor may do here: the platform's grant, raised to moderator when they
    /// hold the space's moderator role. Decided by the core, from the settings it reads
    /// anyway for the language, so adapters read no settings before answering.
    pub role: Role,
}

impl Ctx<'_> {
    /// The language for a reply of this visibility.
    pub fn locale_for(&self, visibility: Visibility) -> Locale {
        match visibility {
            Visibility::Private => self.locale,
            Visibility::Public => self.space_locale,
        }
    }

    /// A message in the language of a reply of this visibility.
    pub fn t(&self, visibility: Visibility, msg: &Msg) -> Line {
        self.bot.i18n().rich(self.locale_for(visibility), msg)
    }

    /// A plain label (field name, button) in the language of a reply of this visibility.
    pub fn label(&self, visibility: Visibility, id: &'static str) -> String {
        self.bot.i18n().label(self.locale_for(visibility), id)
    }

    /// A one-paragraph reply.
    pub fn say(&self, visibility: Visibility, tone: Tone, msg: &Msg) -> Reply {
        Reply::new(visibility, tone).paragraph(self.t(visibility, msg))
    }

    pub fn is_moderator(&self) -> bool {
        self.role >= Role::Moderator
    }

    pub fn store(&self) -> &Store {
        self.bot.store()
    }

    /// The space's key in the database.
    pub fn space_key(&self) -> String {
        self.inv.space.key()
    }

    /// The actor's key in the database.
    pub fn actor_key(&self) -> String {
        self.inv.actor.user.key()
    }

    /// The zone the actor types and reads times in.
    pub async fn zone(&self) -> Zone {
        self.bot.zone_of_user(self.inv).await.0
    }

    /// A time as the actor typed it, read in `zone` at the moment of the command; when it
    /// cannot be read, a user error that shows how it was read and what to type.
    pub fn read_when(&self, zone: &Zone, text: &str) -> Result<When> {
        let now = jiff::Timestamp::from_millisecond(self.inv.now_ms)
            .internal("reading the clock")?
            .to_zoned_datetime(zone.tz().clone());
        parse_when(text, &now).map_err(|error| {
            Error::User(crate::time::format::time_error(
                self.bot.i18n(),
                self.locale,
                zone,
                text,
                &error,
            ))
        })
    }

    /// Who reads a reply of this visibility: the actor in their language and zone when
    /// private, the space in its own when public.
    pub async fn reader(&self, visibility: Visibility) -> Reader<'_> {
        let zone = match visibility {
            Visibility::Public => self.bot.zone_of_space(&self.inv.space).await,
            Visibility::Private => self.zone().await,
        };
        Reader {
            i18n: self.bot.i18n(),
            locale: self.locale_for(visibility),
            zone,
            now_ms: self.inv.now_ms,
            surface: self.bot.surface(self.inv.space.platform),
        }
    }

    /// A time that must be one instant; `repeating` is the message for a repetition.
    pub fn read_instant(&self, zone: &Zone, text: &str, repeating: &'static str) -> Result<i64> {
        match self.read_when(zone, text)? {
            When::Once(at) => Ok(at.timestamp().as_millisecond()),
            When::Repeat { .. } => Err(Msg::new(repeating).strong("input", text).into()),
        }
    }
}

/// What a message is rendered for when it is not an answer to one person: a language, a
/// zone and the moment (live cards, scheduled messages).
pub struct Reader<'a> {
    pub i18n: &'a I18n,
    pub locale: Locale,
    pub zone: Zone,
    pub now_ms: i64,
    /// What the platform of the space can show (reaction shortcuts, rooms that read
    /// typed commands), so cards never test platform names.
    pub surface: Surface,
}

impl<'a> Reader<'a> {
    /// The people of `space` at `now_ms`: its language, zone and platform surface (live
    /// cards, scheduled messages).
    pub async fn of_space(bot: &'a Bot, space: &SpaceId, now_ms: i64) -> Reader<'a> {
        Reader {
            i18n: bot.i18n(),
            locale: bot.locale_of_space(space).await,
            zone: bot.zone_of_space(space).await,
            now_ms,
            surface: bot.surface(space.platform),
        }
    }
}

impl Reader<'_> {
    /// A message as a line.
    pub fn t(&self, msg: &Msg) -> Line {
        self.i18n.rich(self.locale, msg)
    }

    /// A message as plain text.
    pub fn text(&self, msg: &Msg) -> String {
        self.i18n.text(self.locale, msg)
    }
}
