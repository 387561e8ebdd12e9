//! kumpul-core: everything of kumpul that knows no chat platform.
//!
//! Adapters (console, Discord, Matrix) turn platform events into an [`identity::Invocation`]
//! plus a command, hand them to [`bot::Bot`], and render the [`reply::Reply`] they get back.

#[macro_use]
mod macros;

pub mod bot;
pub mod catalogue;
pub mod command;
pub mod error;
#[cfg(test)]
mod faults_tests;
pub mod features;
pub mod i18n;
pub mod identity;
pub mod live;
pub mod notify;
#[cfg(test)]
mod permissions_tests;
pub mod reply;
pub mod scheduler;
pub mod store;
#[cfg(test)]
mod stored_words_tests;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod time;

pub use bot::{Bot, CoreConfig};
