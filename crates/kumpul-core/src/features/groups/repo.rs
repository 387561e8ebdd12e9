//! SQL of the groups feature. Every function takes a connection (or a transaction, which
//! derefs to one) so callers decide what is atomic.

use futures_util::TryStreamExt;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::model::{Group, Member};
use crate::store::Backend;

/// A group to insert.
pub struct NewGroup<'a> {
    pub id: i64,
    pub space_id: &'a str,
    pub name: &'a str,
    pub name_key: &'a str,
    pub description: &'a str,
    pub owner_id: &'a str,
    pub owner_name: &'a str,
    pub created_at: i64,
}

/// `SELECT <every group column and its member count> FROM groups g <rest>`, as one static
/// string (sqlx only accepts SQL it can see is not built from input).
macro_rules! select_groups {
    ($rest:literal) => {
        concat!(
            "SELECT g.id, g.name, g.description, g.owner_id, g.owner_name, g.created_at, g.last_ping_at, \
             (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) AS member_count \
             FROM groups g ",
            $rest
        )
    };
}

fn group_from_row(row: &AnyRow) -> Result<Group, sqlx::Error> {
    Ok(Group {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        owner_id: row.try_get("owner_id")?,
        owner_name: row.try_get("owner_name")?,
        created_at: row.try_get("created_at")?,
        last_ping_at: row.try_get("last_ping_at")?,
        member_count: row.try_get("member_count")?,
        tags: Vec::new(),
    })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_group(
    conn: &mut AnyConnection,
    group: &NewGroup<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO groups (id, space_id, name, name_key, description, owner_id, owner_name, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(group.id)
    .bind(group.space_id)
    .bind(group.name)
    .bind(group.name_key)
    .bind(group.description)
    .bind(group.owner_id)
    .bind(group.owner_name)
    .bind(group.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces a group's tags with `tags`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn replace_tags(
    conn: &mut AnyConnection,
    group_id: i64,
    tags: &[String],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM group_tags WHERE group_id = $1")
        .bind(group_id)
        .execute(&mut *conn)
        .await?;
    for tag in tags {
        sqlx::query("INSERT INTO group_tags (group_id, tag) VALUES ($1, $2)")
            .bind(group_id)
            .bind(tag)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn fetch_tags(conn: &mut AnyConnection, group_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT tag FROM group_tags WHERE group_id = $1 ORDER BY tag")
        .bind(group_id)
        .fetch_all(conn)
        .await
}

async fn with_tags(
    conn: &mut AnyConnection,
    row: Option<AnyRow>,
) -> Result<Option<Group>, sqlx::Error> {
    let Some(row) = row else { return Ok(None) };
    let mut group = group_from_row(&row)?;
    group.tags = fetch_tags(conn, group.id).await?;
    Ok(Some(group))
}

/// The group of a space with this name key (case-insensitive name).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_group_by_key(
    conn: &mut AnyConnection,
    space_id: &str,
    name_key: &str,
) -> Result<Option<Group>, sqlx::Error> {
    let row = sqlx::query(select_groups!("WHERE g.space_id = $1 AND g.name_key = $2"))
        .bind(space_id)
        .bind(name_key)
        .fetch_optional(&mut *conn)
        .await?;
    with_tags(conn, row).await
}

/// The group of a space with this id (buttons carry ids).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_group(
    conn: &mut AnyConnection,
    space_id: &str,
    id: i64,
) -> Result<Option<Group>, sqlx::Error> {
    let row = sqlx::query(select_groups!("WHERE g.space_id = $1 AND g.id = $2"))
        .bind(space_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    with_tags(conn, row).await
}

/// How many groups a space has, optionally only those with a tag: what `group list`
/// pages through.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_groups(
    conn: &mut AnyConnection,
    space_id: &str,
    tag: Option<&str>,
) -> Result<i64, sqlx::Error> {
    match tag {
        Some(tag) => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM groups g WHERE g.space_id = $1 AND EXISTS \
                 (SELECT 1 FROM group_tags t WHERE t.group_id = g.id AND t.tag = $2)",
            )
            .bind(space_id)
            .bind(tag)
            .fetch_one(conn)
            .await
        }
        None => {
            sqlx::query_scalar("SELECT COUNT(*) FROM groups WHERE space_id = $1")
                .bind(space_id)
                .fetch_one(conn)
                .await
        }
    }
}

/// At most `limit` groups of a space after the first `offset`, biggest first, optionally
/// only those with a tag: one page of `group list`. The database sorts and cuts, so a
/// page costs the same memory in a space of ten groups or ten thousand.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_groups(
    conn: &mut AnyConnection,
    space_id: &str,
    tag: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Group>, sqlx::Error> {
    let rows = match tag {
        Some(tag) => {
            sqlx::query(select_groups!(
                "WHERE g.space_id = $1 AND EXISTS \
                 (SELECT 1 FROM group_tags t WHERE t.group_id = g.id AND t.tag = $2) \
                 ORDER BY member_count DESC, g.name_key ASC LIMIT CAST($3 AS BIGINT) OFFSET CAST($4 AS BIGINT)"
            ))
            .bind(space_id)
            .bind(tag)
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *conn)
            .await?
        }
        None => {
            sqlx::query(select_groups!(
                "WHERE g.space_id = $1 ORDER BY member_count DESC, g.name_key ASC \
                 LIMIT CAST($2 AS BIGINT) OFFSET CAST($3 AS BIGINT)"
            ))
            .bind(space_id)
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *conn)
            .await?
        }
    };
    groups_with_tags(conn, &rows).await
}

/// How many groups of a space a person is a member of.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_groups_of_member(
    conn: &mut AnyConnection,
    space_id: &str,
    user_id: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM groups g JOIN group_members me ON me.group_id = g.id \
         WHERE g.space_id = $1 AND me.user_id = $2",
    )
    .bind(space_id)
    .bind(user_id)
    .fetch_one(conn)
    .await
}

/// At most `limit` of the groups of a space that a person is a member of, by name, after
/// the first `offset`: one page of `group mine`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_groups_of_member(
    conn: &mut AnyConnection,
    space_id: &str,
    user_id: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<Group>, sqlx::Error> {
    let rows = sqlx::query(select_groups!(
        "JOIN group_members me ON me.group_id = g.id \
         WHERE g.space_id = $1 AND me.user_id = $2 ORDER BY g.name_key LIMIT CAST($3 AS BIGINT) OFFSET CAST($4 AS BIGINT)"
    ))
    .bind(space_id)
    .bind(user_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    groups_with_tags(conn, &rows).await
}

/// The groups of `rows` (one page, so a handful) with their tags, a query each.
async fn groups_with_tags(
    conn: &mut AnyConnection,
    rows: &[AnyRow],
) -> Result<Vec<Group>, sqlx::Error> {
    let mut groups = Vec::with_capacity(rows.len());
    for row in rows {
        let mut group = group_from_row(row)?;
        group.tags = fetch_tags(conn, group.id).await?;
        groups.push(group);
    }
    Ok(groups)
}

/// Calls `visit` with the name of every group of a space, biggest first, one row at a
/// time: finding names close to a mistyped one reads them all but keeps none it does not
/// want. `visit` returns `false` to stop early.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn visit_group_names(
    conn: &mut AnyConnection,
    space_id: &str,
    mut visit: impl FnMut(String) -> bool,
) -> Result<(), sqlx::Error> {
    let mut names = sqlx::query_scalar::<_, String>(
        "SELECT g.name FROM groups g WHERE g.space_id = $1 ORDER BY \
         (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) DESC, g.name_key ASC",
    )
    .bind(space_id)
    .fetch(conn);
    while let Some(name) = names.try_next().await? {
        if !visit(name) {
            break;
        }
    }
    Ok(())
}

/// Up to `limit` group names of a space matching what someone is typing: names that start
/// with it first, then names that contain it, each by name key (autocomplete, asked on
/// every keystroke). Names that start with it are a range of the `(space_id, name_key)`
/// unique index, read in order and cut at `limit` by the database; names that merely
/// contain it need a scan of the space's names, which the database does without sending
/// more than `limit` of them.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn suggest_group_names(
    conn: &mut AnyConnection,
    space_id: &str,
    typed: &str,
    limit: usize,
) -> Result<Vec<String>, sqlx::Error> {
    let typed = super::model::name_key(typed);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    // Without an end (nothing typed yet, or only the highest character) every name of the
    // space starts with it.
    let Some(end) = prefix_end(&typed) else {
        return sqlx::query_scalar(
            "SELECT name FROM groups WHERE space_id = $1 AND name_key >= $2 \
             ORDER BY name_key LIMIT CAST($3 AS BIGINT)",
        )
        .bind(space_id)
        .bind(&typed)
        .bind(limit)
        .fetch_all(conn)
        .await;
    };
    let mut names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM groups WHERE space_id = $1 AND name_key >= $2 AND name_key < $3 \
         ORDER BY name_key LIMIT CAST($4 AS BIGINT)",
    )
    .bind(space_id)
    .bind(&typed)
    .bind(&end)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let left = limit - names.len() as i64;
    if left > 0 {
        let inside: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM groups WHERE space_id = $1 AND name_key LIKE $2 ESCAPE '\\' \
             AND NOT (name_key >= $3 AND name_key < $4) ORDER BY name_key LIMIT CAST($5 AS BIGINT)",
        )
        .bind(space_id)
        .bind(format!("%{}%", like_escaped(&typed)))
        .bind(&typed)
        .bind(&end)
        .bind(left)
        .fetch_all(conn)
        .await?;
        names.extend(inside);
    }
    Ok(names)
}

/// The least string after every string that starts with `prefix`, in code point order
/// (SQLite's and PostgreSQL's "C" order of UTF-8 text): `prefix` with its last character
/// replaced by the next one. `None` when there is none (`prefix` is empty or all
/// U+10FFFF): then every string at or after `prefix` starts with it.
fn prefix_end(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        // The next scalar value, skipping the surrogates, which are not characters.
        let next = (u32::from(last) + 1..=0x10FFFF).find_map(char::from_u32);
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// `text` for a `LIKE … ESCAPE '\'` pattern: its `%`, `_` and `\` match only themselves.
fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Changes a group's name (and key) and description.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn update_group(
    conn: &mut AnyConnection,
    id: i64,
    name: &str,
    name_key: &str,
    description: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE groups SET name = $1, name_key = $2, description = $3 WHERE id = $4")
        .bind(name)
        .bind(name_key)
        .bind(description)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes a group with its members and tags.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_group(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM groups WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Adds a member to a group that still exists; `false` if they already were one or the
/// group is gone. The existence check is part of the write: on PostgreSQL `FOR KEY SHARE`
/// locks the group row, so a join waits for a deletion in flight and then finds the row
/// gone (instead of failing on the foreign key), and a deletion waits for the join, whose
/// member row it then deletes with the group; on SQLite the statement holds the write
/// lock from its start.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_member_if_exists(
    conn: &mut AnyConnection,
    backend: Backend,
    group_id: i64,
    user_id: &str,
    display_name: &str,
    joined_at: i64,
) -> Result<bool, sqlx::Error> {
    macro_rules! insert {
        ($lock:literal) => {
            concat!(
                "INSERT INTO group_members (group_id, user_id, display_name, joined_at) \
                 SELECT id, $2, $3, $4 FROM groups WHERE id = $1",
                $lock,
                " ON CONFLICT (group_id, user_id) DO NOTHING"
            )
        };
    }
    let sql = match backend {
        Backend::Postgres => insert!(" FOR KEY SHARE"),
        Backend::Sqlite => insert!(""),
    };
    let result = sqlx::query(sql)
        .bind(group_id)
        .bind(user_id)
        .bind(display_name)
        .bind(joined_at)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Locks a group for changing or deleting it until the transaction ends; `false` if it is
/// gone. Call it first in the transaction, then read the group: joins wait until the
/// transaction ends, so what is read (its members) stays true (PostgreSQL: `FOR UPDATE`
/// of the row; SQLite: a write that takes the database write lock).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn lock_group(
    conn: &mut AnyConnection,
    backend: Backend,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let found = match backend {
        Backend::Postgres => {
            sqlx::query_scalar::<_, i64>("SELECT 1 FROM groups WHERE id = $1 FOR UPDATE")
                .bind(id)
                .fetch_optional(conn)
                .await?
                .is_some()
        }
        Backend::Sqlite => {
            sqlx::query("UPDATE groups SET owner_name = owner_name WHERE id = $1")
                .bind(id)
                .execute(conn)
                .await?
                .rows_affected()
                == 1
        }
    };
    Ok(found)
}

/// Removes a member; `false` if they were not one.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_member(
    conn: &mut AnyConnection,
    group_id: i64,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND user_id = $2")
        .bind(group_id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn is_member(
    conn: &mut AnyConnection,
    group_id: i64,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2")
            .bind(group_id)
            .bind(user_id)
            .fetch_optional(conn)
            .await?;
    Ok(found.is_some())
}

/// A group's members, longest-standing first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_members(
    conn: &mut AnyConnection,
    group_id: i64,
) -> Result<Vec<Member>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT user_id, display_name, joined_at FROM group_members WHERE group_id = $1 \
         ORDER BY joined_at, user_id",
    )
    .bind(group_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(member_from_row).collect()
}

/// How many members a group has.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_members(conn: &mut AnyConnection, group_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM group_members WHERE group_id = $1")
        .bind(group_id)
        .fetch_one(conn)
        .await
}

/// At most `limit` of a group's members after the first `offset`, longest-standing
/// first: one page of `group members`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_members_page(
    conn: &mut AnyConnection,
    group_id: i64,
    limit: i64,
    offset: i64,
) -> Result<Vec<Member>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT user_id, display_name, joined_at FROM group_members WHERE group_id = $1 \
         ORDER BY joined_at, user_id LIMIT CAST($2 AS BIGINT) OFFSET CAST($3 AS BIGINT)",
    )
    .bind(group_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(conn)
    .await?;
    rows.iter().map(member_from_row).collect()
}

fn member_from_row(row: &AnyRow) -> Result<Member, sqlx::Error> {
    Ok(Member {
        user_id: row.try_get("user_id")?,
        display_name: row.try_get("display_name")?,
        joined_at: row.try_get("joined_at")?,
    })
}

/// Records a ping at `now` unless the group was pinged after `not_after`; `false` means
/// the cooldown is still running. One conditional update, so two simultaneous pings cannot
/// both get through. `key` is the idempotency key of a scheduled job's ping: the same job
/// prepared again after a failed delivery gets its ping back (keeping the first time),
/// anyone else waits. Commands pass `None`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn claim_ping(
    conn: &mut AnyConnection,
    group_id: i64,
    now: i64,
    not_after: i64,
    key: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE groups SET last_ping_at = CASE WHEN last_ping_key = $4 THEN last_ping_at ELSE $1 END, \
         last_ping_key = $4 \
         WHERE id = $2 AND (last_ping_at IS NULL OR last_ping_at <= $3 OR last_ping_key = $4)",
    )
    .bind(now)
    .bind(group_id)
    .bind(not_after)
    .bind(key)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// When the group was last pinged, by any path.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_last_ping(
    conn: &mut AnyConnection,
    group_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let last: Option<Option<i64>> =
        sqlx::query_scalar("SELECT last_ping_at FROM groups WHERE id = $1")
            .bind(group_id)
            .fetch_optional(conn)
            .await?;
    Ok(last.flatten())
}

#[cfg(test)]
mod tests;
