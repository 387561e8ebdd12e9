//! Whole conversations about polls through the bot, on every backend, by topic: [`kinds`]
//! (each kind, visibility, groups, exports, deadlines), [`controls`] (buttons, menus, forms
//! and live messages), [`honest`] (results that explain themselves), [`secret`] (secret
//! ballots) and [`tile`] (a poll also shown as a Matrix poll, which counts only its own
//! responses). This file holds their shared helpers.

mod controls;
mod honest;
mod indonesian;
mod kinds;
mod secret;
mod tile;

use crate::testing::Chat;

fn text(reply: &crate::reply::Reply) -> String {
    reply.plain_text()
}

async fn poll_id(chat: &Chat, number: i64) -> i64 {
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    super::repo::fetch_poll_by_number(&mut conn, &chat.space.key(), number)
        .await
        .unwrap()
        .unwrap()
        .id
}
