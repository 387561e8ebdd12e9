//! Numbered items: polls, events, ideas and reminders are numbered per space (`poll vote
//! 3`), and buttons name them by id. One kit finds either way, keeps an id from another
//! space out, and says in the reader's language which number is not there and how to list
//! the ones that are.

use std::future::Future;

use sqlx::AnyConnection;

use crate::bot::Ctx;
use crate::catalogue::Typed;
use crate::error::{Error, Internal, Result};
use crate::i18n::Msg;

/// How a command names a numbered item of its space: the number people see, or the id a
/// button carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemRef {
    Number(i64),
    Id(i64),
}

impl ItemRef {
    /// The number to name in a not-found message (0 for an id: a stale button).
    pub fn shown_number(self) -> i64 {
        match self {
            ItemRef::Number(n) => n,
            ItemRef::Id(_) => 0,
        }
    }
}

/// A kind of item that commands name by number or id.
pub(crate) trait Numbered: Sized + Send {
    /// What is looked up, for the internal error: "looking up a poll".
    const LOOKING_UP: &'static str;
    /// The message when there is none with that number (`{ $number }`, `{ $command }`).
    const NOT_FOUND: &'static str;
    /// The command that lists the items of the space, as its catalogue path in English
    /// words (`"poll list"`); shown to the reader in their language.
    const LIST: &'static str;

    fn space_id(&self) -> &str;

    fn by_number<'a>(
        conn: &'a mut AnyConnection,
        space_id: &'a str,
        number: i64,
    ) -> impl Future<Output = std::result::Result<Option<Self>, sqlx::Error>> + Send + 'a;

    fn by_id(
        conn: &mut AnyConnection,
        id: i64,
    ) -> impl Future<Output = std::result::Result<Option<Self>, sqlx::Error>> + Send + '_;
}

/// The user error for an item of kind `T` numbered `number` that is not there.
pub(crate) fn not_found<T: Numbered>(number: i64) -> Error {
    let path: Vec<&'static str> = T::LIST.split(' ').collect();
    Msg::new(T::NOT_FOUND)
        .num("number", number)
        .typed("command", Typed::new(&path))
        .into()
}

/// The item `item` names in the actor's space: an id of another space's item is not found.
pub(crate) async fn find<T: Numbered>(
    ctx: &Ctx<'_>,
    conn: &mut AnyConnection,
    item: ItemRef,
) -> Result<T> {
    let space = ctx.space_key();
    let found = match item {
        ItemRef::Number(n) => T::by_number(conn, &space, n).await,
        ItemRef::Id(id) => T::by_id(conn, id)
            .await
            .map(|found| found.filter(|f| f.space_id() == space)),
    }
    .internal(T::LOOKING_UP)?;
    found.ok_or_else(|| not_found::<T>(item.shown_number()))
}

#[cfg(test)]
mod tests {
    use crate::identity::{Platform, SpaceId};
    use crate::reply::Tone;
    use crate::testing::{Chat, each_backend};

    /// A button carries an id; pressed in another space (a forwarded message, a forged
    /// click) it finds nothing there, and says so by number, not by id.
    #[tokio::test]
    async fn an_id_from_another_space_is_not_found() {
        each_backend(|store| async move {
            let here = Chat::new(store.clone());
            let card = here.say("alice", "poll create Lunch? | soup | rice").await;
            let results = card
                .actions()
                .iter()
                .find(|a| a.id.encode().starts_with("k1:poll:results:"))
                .expect("a results button")
                .id
                .clone();
            let there = Chat {
                space: SpaceId::new(Platform::Console, "elsewhere"),
                ..Chat::new(store)
            };
            let inv = there.invocation("mallory", crate::identity::Role::Admin, None);
            let reply = there.bot.handle_action(&inv, &results).await;
            assert_eq!(reply.tone, Tone::Error);
            assert!(
                reply.plain_text().contains("poll list"),
                "{}",
                reply.plain_text()
            );
            let own = here
                .bot
                .handle_action(
                    &here.invocation("bob", crate::identity::Role::Member, None),
                    &results,
                )
                .await;
            assert_ne!(own.tone, Tone::Error, "{}", own.plain_text());
        })
        .await;
    }
}
