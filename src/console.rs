//! The console adapter: one simulated space in the terminal.
//!
//! Lines are commands as typed on Matrix (`group join hiking`, an optional leading `!`).
//! Lines starting with `/` control the console itself: `/as NAME [--member|--mod|--admin]
//! [--locale en|id]` switches who is speaking (each person keeps their role and language
//! for the session; the configured user is the space's admin), `/quit` leaves. Replies
//! are printed as text; buttons appear as the commands that do the same; pings are listed
//! explicitly, and private replies are marked as seen only by the speaker. Like errbot's test backend, a
//! script run is "push a line, print the reply", which makes it the end-to-end harness.
//!
//! [`session`] holds who is speaking and handles each line, with the console's own `/`
//! commands in `session::meta`; [`render`] turns replies and deliveries into terminal
//! text; [`run`] drives a session from a script or from the keyboard.

mod render;
mod run;
mod session;

pub use run::{run_interactive, run_script};
pub use session::{Clock, Session};
