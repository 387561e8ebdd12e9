//! SQL of polls, a file per table or role: `polls` (polls and their options), `ballots`
//! (ballots and who took part) and `secret_polls` (sealing secret polls at close, and the
//! keys of older kumpuls). Everything is re-exported here, so callers keep naming
//! `repo::fetch_poll` whichever file holds it.

mod ballots;
mod polls;
mod secret_polls;

pub use ballots::*;
pub use polls::*;
pub use secret_polls::*;
