#![recursion_limit = "256"]
//! The real serenity client against a fake Discord on 127.0.0.1, with kumpul's core on a
//! fresh SQLite database: registration, slash commands, buttons, autocomplete, pings,
//! localised errors and deferred answers, checked on the recorded REST calls.

mod fake;
mod harness;

#[path = "discord/answers.rs"]
mod answers;
#[path = "discord/direct.rs"]
mod direct;
#[path = "discord/events.rs"]
mod events;
#[path = "discord/gateway.rs"]
mod gateway;
#[path = "discord/groups.rs"]
mod groups;
#[path = "discord/ideas.rs"]
mod ideas;
#[path = "discord/moderation.rs"]
mod moderation;
#[path = "discord/polls.rs"]
mod polls;
#[path = "discord/registration.rs"]
mod registration;
#[path = "discord/threads.rs"]
mod threads;
