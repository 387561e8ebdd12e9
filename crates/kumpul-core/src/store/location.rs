//! Where the data lives — a SQLite file or a PostgreSQL URL — and how to print it without
//! its password.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// Where the data lives, as configured: a file path (SQLite) or a `postgres://` URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    SqliteFile(PathBuf),
    /// A full connection URL (may contain a password: printed only through [`redact_url`]).
    Postgres(String),
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::SqliteFile(path) => write!(f, "SqliteFile({})", path.display()),
            Location::Postgres(url) => write!(f, "Postgres({})", redact_url(url)),
        }
    }
}

/// The path, or the URL with its password redacted.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::SqliteFile(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&redact_url(url)),
        }
    }
}

impl Location {
    /// `postgres://…` and `postgresql://…` (in any case: URL schemes are case-insensitive)
    /// mean PostgreSQL; `sqlite://path`, `sqlite:path` or a plain path mean a SQLite file.
    pub fn parse(value: &str) -> Location {
        for scheme in ["postgres://", "postgresql://"] {
            if let Some(rest) = strip_prefix_ignore_case(value, scheme) {
                // sqlx matches drivers on the lower-case scheme.
                return Location::Postgres(format!("{scheme}{rest}"));
            }
        }
        let path = strip_prefix_ignore_case(value, "sqlite://")
            .or_else(|| strip_prefix_ignore_case(value, "sqlite:"))
            .unwrap_or(value);
        Location::SqliteFile(PathBuf::from(path))
    }
}

fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &value[prefix.len()..])
}

/// What a hidden password is printed as.
pub const REDACTED: &str = "<redacted>";

/// Query parameters that carry a password (libpq's names).
const PASSWORD_PARAMETERS: &[&str] = &["password", "sslpassword"];

/// A URL as it may be printed: the password of its user info and of `password=` query
/// parameters replaced by [`REDACTED`]. Anything that is not a URL (a file path) is kept.
///
/// The user info ends at the last `@` before the first `/`, `?` or `#`, as URL parsers
/// (and so sqlx) read it: a password may hold raw `@` and `:`. A URL whose password holds a
/// raw `/`, `?` or `#` cannot be read that way; when one looks like that, everything after
/// the scheme is redacted rather than guessed at.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let (scheme, rest) = url.split_at(scheme_end);
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rfind('@') {
        Some(at) => {
            let (userinfo, host) = authority.split_at(at);
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{user}:{REDACTED}{host}"),
                None => authority.to_owned(),
            }
        }
        None if tail.contains('@') && has_odd_port(authority) => {
            // `user:pa/ss@host`: the password runs into what looks like the path.
            return format!("{scheme}{REDACTED}");
        }
        None => authority.to_owned(),
    };
    format!("{scheme}{authority}{}", redact_query(tail))
}

/// Whether `host:port` has a port that is not a number (so it is probably a password).
fn has_odd_port(authority: &str) -> bool {
    authority
        .rsplit_once(':')
        .is_some_and(|(_, port)| !port.bytes().all(|b| b.is_ascii_digit()))
}

/// Redacts the values of password parameters of the query in `tail` (path, query, fragment).
fn redact_query(tail: &str) -> String {
    let Some(question) = tail.find('?') else {
        return tail.to_owned();
    };
    let (path, query) = tail.split_at(question + 1);
    let (query, fragment) = query.split_at(query.find('#').unwrap_or(query.len()));
    let parameters: Vec<String> = query
        .split('&')
        .map(|parameter| match parameter.split_once('=') {
            Some((key, _))
                if PASSWORD_PARAMETERS
                    .iter()
                    .any(|p| key.eq_ignore_ascii_case(p)) =>
            {
                format!("{key}={REDACTED}")
            }
            _ => parameter.to_owned(),
        })
        .collect();
    format!("{path}{}{fragment}", parameters.join("&"))
}

/// The sqlx URL of a SQLite file; `create` allows creating it. Creates the folder.
pub(super) fn sqlite_url(path: &Path, create: bool) -> anyhow::Result<String> {
    if create && let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating the data folder {}", parent.display()))?;
    }
    let path = path
        .to_str()
        .context("the SQLite path is not valid UTF-8")?;
    // `?` and `#` would be read as the URL's query or fragment.
    let escaped = path
        .replace('%', "%25")
        .replace('?', "%3F")
        .replace('#', "%23");
    let mode = if create { "rwc" } else { "rw" };
    Ok(format!("sqlite://{escaped}?mode={mode}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend_and_paths_mean_sqlite() {
        assert_eq!(
            Location::parse("postgres://u@h/db"),
            Location::Postgres("postgres://u@h/db".into())
        );
        assert!(matches!(
            Location::parse("postgresql://h/db"),
            Location::Postgres(_)
        ));
        assert_eq!(
            Location::parse("data/kumpul.db"),
            Location::SqliteFile("data/kumpul.db".into())
        );
        assert_eq!(
            Location::parse("sqlite://x.db"),
            Location::SqliteFile("x.db".into())
        );
        assert_eq!(
            Location::parse("sqlite:x.db"),
            Location::SqliteFile("x.db".into())
        );
    }

    #[test]
    fn the_scheme_is_read_in_any_case() {
        assert_eq!(
            Location::parse("POSTGRES://u:pw@H/db"),
            Location::Postgres("postgres://u:pw@H/db".into())
        );
        assert_eq!(
            Location::parse("PostgreSQL://h/db"),
            Location::Postgres("postgresql://h/db".into())
        );
        assert_eq!(
            Location::parse("SQLite://x.db"),
            Location::SqliteFile("x.db".into())
        );
    }

    #[test]
    fn a_location_prints_without_its_password() {
        for value in [
            "postgres://u:hunter2@h/db",
            "POSTGRES://u:hunter2@h/db",
            "postgres://u:hun@ter2@h/db",
            "postgres://h/db?user=u&password=hunter2",
        ] {
            let location = Location::parse(value);
            for shown in [format!("{location:?}"), location.to_string()] {
                assert!(!shown.contains("hunter2"), "{shown}");
                assert!(!shown.contains("ter2"), "{shown}");
                assert!(shown.contains(REDACTED), "{shown}");
            }
        }
    }

    #[test]
    fn passwords_in_user_info_are_redacted() {
        assert_eq!(
            redact_url("postgres://u:p@h:5432/db"),
            "postgres://u:<redacted>@h:5432/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("postgres://h:5432"), "postgres://h:5432");
        assert_eq!(redact_url("data/kumpul.db"), "data/kumpul.db");
        assert_eq!(
            redact_url("postgres://u:p%40ss@h/db"),
            "postgres://u:<redacted>@h/db"
        );
    }

    #[test]
    fn a_raw_at_sign_in_a_password_hides_the_whole_password() {
        assert_eq!(
            redact_url("postgres://kumpul:p@ss:w@rd@db.example:5432/kumpul"),
            "postgres://kumpul:<redacted>@db.example:5432/kumpul"
        );
        assert_eq!(
            redact_url("postgresql://u:@@@h/db"),
            "postgresql://u:<redacted>@h/db"
        );
    }

    #[test]
    fn password_parameters_are_redacted_and_others_kept() {
        assert_eq!(
            redact_url("postgres://h/db?user=u&password=s3cret&sslmode=require"),
            "postgres://h/db?user=u&password=<redacted>&sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://u:a@h/db?PASSWORD=b&sslpassword=c#x"),
            "postgres://u:<redacted>@h/db?PASSWORD=<redacted>&sslpassword=<redacted>#x"
        );
        assert_eq!(
            redact_url("postgres://h/db?application_name=a@b"),
            "postgres://h/db?application_name=a@b"
        );
    }

    #[test]
    fn a_password_that_cannot_be_told_from_the_path_hides_everything() {
        assert_eq!(
            redact_url("postgres://u:pa/ss@h/db"),
            "postgres://<redacted>"
        );
    }
}
