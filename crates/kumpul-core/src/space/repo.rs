//! SQL of space settings.

use sqlx::{AnyConnection, Row};

/// What a space has chosen; `None` means "the deployment default".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpaceSettings {
    pub locale: Option<String>,
    pub timezone: Option<String>,
    /// A role key (`discord:123`) whose members are moderators here.
    pub moderator_role: Option<String>,
    /// Minutes before an event at which new events remind people (`1440,60`; empty:
    /// none).
    pub event_reminders: Option<String>,
}

/// Makes sure the space has a row (other tables refer to it).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ensure_space(
    conn: &mut AnyConnection,
    space_id: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO spaces (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
        .bind(space_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Locks the space's row until the transaction ends, so writes that count what the space
/// holds before adding to it (see [`crate::limits`]) run one after the other. An update
/// that changes nothing still takes PostgreSQL's row lock, and on SQLite any write takes
/// the database's write lock. Call [`ensure_space`] first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn lock_space(conn: &mut AnyConnection, space_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE spaces SET created_at = created_at WHERE id = $1")
        .bind(space_id)
        .execute(conn)
        .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_space_settings(
    conn: &mut AnyConnection,
    space_id: &str,
) -> Result<SpaceSettings, sqlx::Error> {
    let row = sqlx::query(
        "SELECT locale, timezone, moderator_role, event_reminders FROM spaces WHERE id = $1",
    )
    .bind(space_id)
    .fetch_optional(conn)
    .await?;
    match row {
        Some(row) => Ok(SpaceSettings {
            locale: row.try_get("locale")?,
            timezone: row.try_get("timezone")?,
            moderator_role: row.try_get("moderator_role")?,
            event_reminders: row.try_get("event_reminders")?,
        }),
        None => Ok(SpaceSettings::default()),
    }
}

/// One setting of a space with its new value; `None` clears the moderator role.
#[derive(Debug, Clone, Copy)]
pub enum SpaceSetting<'a> {
    /// A locale code.
    Locale(&'a str),
    /// An IANA zone name.
    Timezone(&'a str),
    /// A role key (`discord:123`) whose members are moderators.
    ModeratorRole(Option<&'a str>),
    /// Minutes before an event, as stored (`store_reminders`).
    EventReminders(&'a str),
}

impl SpaceSetting<'_> {
    /// The column and value. The column comes from this closed list, never from input.
    fn column(&self) -> (&'static str, Option<&str>) {
        match *self {
            SpaceSetting::Locale(code) => ("locale", Some(code)),
            SpaceSetting::Timezone(zone) => ("timezone", Some(zone)),
            SpaceSetting::ModeratorRole(role) => ("moderator_role", role),
            SpaceSetting::EventReminders(minutes) => ("event_reminders", Some(minutes)),
        }
    }
}

/// Changes one setting of a space, creating the space row if needed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upsert_space_setting(
    conn: &mut AnyConnection,
    space_id: &str,
    setting: SpaceSetting<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (column, value) = setting.column();
    let sql = format!(
        "INSERT INTO spaces (id, {column}, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET {column} = excluded.{column}"
    );
    // Safe: the column is one of the four words above, the values are bound.
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(space_id)
        .bind(value)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// One column of a person's own settings (`user_settings`). The column comes from this
/// closed list, never from input; each is kept apart from the others when set.
#[derive(Debug, Clone, Copy)]
enum UserColumn {
    /// The zone they chose (`timezone set`).
    Timezone,
    /// The language their platform last reported for them.
    Locale,
}

impl UserColumn {
    fn name(self) -> &'static str {
        match self {
            UserColumn::Timezone => "timezone",
            UserColumn::Locale => "locale",
        }
    }
}

async fn fetch_user_setting(
    conn: &mut AnyConnection,
    user_id: &str,
    column: UserColumn,
) -> Result<Option<String>, sqlx::Error> {
    let sql = format!(
        "SELECT {} FROM user_settings WHERE user_id = $1",
        column.name()
    );
    // Safe: the column is one of the words above, the value is bound.
    let value: Option<Option<String>> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    Ok(value.flatten())
}

async fn upsert_user_setting(
    conn: &mut AnyConnection,
    user_id: &str,
    column: UserColumn,
    value: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let column = column.name();
    let sql = format!(
        "INSERT INTO user_settings (user_id, {column}, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET {column} = excluded.{column}, \
         updated_at = excluded.updated_at"
    );
    // Safe: the column is one of the words above, the values are bound.
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(user_id)
        .bind(value)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// A person's own time zone, if they set one.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_user_timezone(
    conn: &mut AnyConnection,
    user_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    fetch_user_setting(conn, user_id, UserColumn::Timezone).await
}

/// Sets (or with `None`, clears) a person's own time zone, keeping their language.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upsert_user_timezone(
    conn: &mut AnyConnection,
    user_id: &str,
    zone: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    upsert_user_setting(conn, user_id, UserColumn::Timezone, zone, now).await
}

/// The language the platform last reported for a person, if it ever reported one.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_user_locale(
    conn: &mut AnyConnection,
    user_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    fetch_user_setting(conn, user_id, UserColumn::Locale).await
}

/// Records the language the platform reports for a person (a locale code), keeping
/// their zone.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upsert_user_locale(
    conn: &mut AnyConnection,
    user_id: &str,
    locale: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    upsert_user_setting(conn, user_id, UserColumn::Locale, Some(locale), now).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::each_backend;

    #[tokio::test]
    async fn a_space_language_is_stored_and_changed() {
        each_backend(|store| async move {
            let mut conn = store.pool().acquire().await.unwrap();
            assert_eq!(
                fetch_space_settings(&mut conn, "console:local")
                    .await
                    .unwrap(),
                SpaceSettings::default()
            );
            ensure_space(&mut conn, "console:local", 1).await.unwrap();
            upsert_space_setting(&mut conn, "console:local", SpaceSetting::Locale("id"), 2)
                .await
                .unwrap();
            assert_eq!(
                fetch_space_settings(&mut conn, "console:local")
                    .await
                    .unwrap()
                    .locale
                    .as_deref(),
                Some("id")
            );
            upsert_space_setting(&mut conn, "console:local", SpaceSetting::Locale("en"), 3)
                .await
                .unwrap();
            ensure_space(&mut conn, "console:local", 4).await.unwrap();
            assert_eq!(
                fetch_space_settings(&mut conn, "console:local")
                    .await
                    .unwrap()
                    .locale
                    .as_deref(),
                Some("en")
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_persons_zone_is_set_changed_and_cleared() {
        each_backend(|store| async move {
            let mut conn = store.pool().acquire().await.unwrap();
            assert_eq!(
                fetch_user_timezone(&mut conn, "console:bob").await.unwrap(),
                None
            );
            upsert_user_timezone(&mut conn, "console:bob", Some("UTC+07:00"), 1)
                .await
                .unwrap();
            upsert_user_timezone(&mut conn, "console:bob", Some("Europe/Berlin"), 2)
                .await
                .unwrap();
            assert_eq!(
                fetch_user_timezone(&mut conn, "console:bob")
                    .await
                    .unwrap()
                    .as_deref(),
                Some("Europe/Berlin")
            );
            upsert_user_timezone(&mut conn, "console:bob", None, 3)
                .await
                .unwrap();
            assert_eq!(
                fetch_user_timezone(&mut conn, "console:bob").await.unwrap(),
                None
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_persons_language_is_recorded_beside_their_zone() {
        each_backend(|store| async move {
            let mut conn = store.pool().acquire().await.unwrap();
            assert_eq!(
                fetch_user_locale(&mut conn, "discord:7").await.unwrap(),
                None
            );
            upsert_user_timezone(&mut conn, "discord:7", Some("Asia/Jakarta"), 1)
                .await
                .unwrap();
            upsert_user_locale(&mut conn, "discord:7", "id", 2)
                .await
                .unwrap();
            upsert_user_locale(&mut conn, "discord:8", "en", 2)
                .await
                .unwrap();
            assert_eq!(
                fetch_user_locale(&mut conn, "discord:7")
                    .await
                    .unwrap()
                    .as_deref(),
                Some("id")
            );
            assert_eq!(
                fetch_user_timezone(&mut conn, "discord:7")
                    .await
                    .unwrap()
                    .as_deref(),
                Some("Asia/Jakarta"),
                "recording the language keeps the zone"
            );
            upsert_user_timezone(&mut conn, "discord:7", None, 3)
                .await
                .unwrap();
            assert_eq!(
                fetch_user_locale(&mut conn, "discord:7")
                    .await
                    .unwrap()
                    .as_deref(),
                Some("id"),
                "clearing the zone keeps the language"
            );
        })
        .await;
    }
}
