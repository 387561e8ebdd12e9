//! The features: each owns its commands, handlers and SQL.

pub mod events;
pub mod groups;
pub mod help;
pub mod ideas;
pub mod polls;
pub mod reminders;
pub mod settings;
pub mod threads;
pub mod timezone;
