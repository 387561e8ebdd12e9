//! kumpul-core: everything of kumpul that knows no chat platform.
//!
//! Adapters (console, Discord, Matrix) turn platform events into an [`identity::Invocation`]
//! plus a command, hand them to [`bot::Bot`], and render the [`reply::Reply`] they get back.

#[macro_use]
mod macros;

pub mod bot;
pub(crate) mod cache;
pub mod catalogue;
pub mod command;
pub(crate) mod ctx;
pub(crate) mod dispatch;
pub mod error;
#[cfg(test)]
mod faults_tests;
pub(crate) mod features;
pub mod i18n;
pub mod identity;
pub(crate) mod inbound;
pub(crate) mod items;
pub mod keys;
pub mod limits;
#[cfg(test)]
mod limits_tests;
pub mod live;
pub mod notify;
pub(crate) mod paging;
#[cfg(test)]
mod paging_tests;
#[cfg(test)]
mod permissions_tests;
pub mod person;
pub mod port;
pub mod reply;
pub mod scheduler;
pub(crate) mod space;
pub mod store;
#[cfg(test)]
mod stored_words_tests;
pub mod surface;
#[cfg(test)]
mod telemetry_tests;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod time;
pub mod vocab;

pub use bot::{Bot, CoreConfig};
