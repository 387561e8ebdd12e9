//! The two kinds of error (ARCHITECTURE decision 9).
//!
//! A [`Error::User`] is the person's mistake or a rule they ran into: it carries a localised
//! message that is safe to show and tells them what to do instead. Everything else is
//! [`Error::Internal`]: logged with context and a reference id, shown to the user only as
//! "something went wrong (ref …)".

use crate::i18n::Msg;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("user error: {}", .0.id)]
    User(Msg),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<Msg> for Error {
    fn from(msg: Msg) -> Self {
        Error::User(msg)
    }
}

/// Result of anything that can fail for a user-visible reason.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Extension for turning infrastructure errors into internal errors with context.
pub trait Internal<T> {
    /// Wraps the error as internal, saying what we were trying to do.
    fn internal(self, doing: &'static str) -> Result<T>;
}

impl<T, E> Internal<T> for std::result::Result<T, E>
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn internal(self, doing: &'static str) -> Result<T> {
        self.map_err(|e| Error::Internal(anyhow::Error::new(e).context(doing)))
    }
}
