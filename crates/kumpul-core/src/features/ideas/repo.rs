//! SQL of ideas and their upvotes.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::Status;
use crate::store::{Backend, coded};

/// A stored idea with its upvote count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idea {
    pub id: i64,
    pub space_id: String,
    pub number: i64,
    pub channel_id: Option<String>,
    pub author_id: Option<String>,
    pub author_name: Option<String>,
    pub anonymous: bool,
    pub text: String,
    pub group_id: Option<i64>,
    pub status: Status,
    pub status_reason: Option<String>,
    pub poll_id: Option<i64>,
    pub created_at: i64,
    pub votes: i64,
}

macro_rules! select_ideas {
    ($rest:literal) => {
        concat!(
            "SELECT i.id, i.space_id, i.number, i.channel_id, i.author_id, i.author_name, i.anonymous, i.text, \
             i.group_id, i.status, i.status_reason, i.poll_id, i.created_at, \
             (SELECT COUNT(*) FROM idea_votes v WHERE v.idea_id = i.id) AS votes FROM ideas i ",
            $rest
        )
    };
}

fn idea_from_row(row: &AnyRow) -> Result<Idea, sqlx::Error> {
    Ok(Idea {
        id: row.try_get("id")?,
        space_id: row.try_get("space_id")?,
        number: row.try_get("number")?,
        channel_id: row.try_get("channel_id")?,
        author_id: row.try_get("author_id")?,
        author_name: row.try_get("author_name")?,
        anonymous: row.try_get::<i64, _>("anonymous")? != 0,
        text: row.try_get("text")?,
        group_id: row.try_get("group_id")?,
        status: coded(row, "ideas", "status", Status::parse)?,
        status_reason: row.try_get("status_reason")?,
        poll_id: row.try_get("poll_id")?,
        created_at: row.try_get("created_at")?,
        votes: row.try_get("votes")?,
    })
}

/// Stores a new idea under the space's next number, which it returns.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_idea(conn: &mut AnyConnection, idea: &Idea) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO ideas (id, space_id, number, channel_id, author_id, author_name, anonymous, text, \
         group_id, status, created_at) \
         SELECT $1, $2, COALESCE(MAX(number), 0) + 1, $3, $4, $5, $6, $7, $8, 'open', $9 \
         FROM ideas WHERE space_id = $2 RETURNING number",
    )
    .bind(idea.id)
    .bind(&idea.space_id)
    .bind(&idea.channel_id)
    .bind(&idea.author_id)
    .bind(&idea.author_name)
    .bind(i64::from(idea.anonymous))
    .bind(&idea.text)
    .bind(idea.group_id)
    .bind(idea.created_at)
    .fetch_one(conn)
    .await
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_idea(conn: &mut AnyConnection, id: i64) -> Result<Option<Idea>, sqlx::Error> {
    let row = sqlx::query(select_ideas!("WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(idea_from_row).transpose()
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_idea_by_number(
    conn: &mut AnyConnection,
    space_id: &str,
    number: i64,
) -> Result<Option<Idea>, sqlx::Error> {
    let row = sqlx::query(select_ideas!("WHERE i.space_id = $1 AND i.number = $2"))
        .bind(space_id)
        .bind(number)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(idea_from_row).transpose()
}

/// Ideas of a space that are still open or planned, by most upvotes or newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list_ideas(
    conn: &mut AnyConnection,
    space_id: &str,
    group_id: Option<i64>,
    newest: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<Idea>, sqlx::Error> {
    let query = if newest {
        select_ideas!(
            "WHERE i.space_id = $1 AND ($2 IS NULL OR i.group_id = $2) AND i.status IN ('open', 'planned') \
             ORDER BY i.number DESC LIMIT CAST($3 AS BIGINT) OFFSET CAST($4 AS BIGINT)"
        )
    } else {
        select_ideas!(
            "WHERE i.space_id = $1 AND ($2 IS NULL OR i.group_id = $2) AND i.status IN ('open', 'planned') \
             ORDER BY votes DESC, i.number ASC LIMIT CAST($3 AS BIGINT) OFFSET CAST($4 AS BIGINT)"
        )
    };
    let rows = sqlx::query(query)
        .bind(space_id)
        .bind(group_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(conn)
        .await?;
    rows.iter().map(idea_from_row).collect()
}

/// How many ideas of the space (or one group of it) are still open or planned.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_ideas(
    conn: &mut AnyConnection,
    space_id: &str,
    group_id: Option<i64>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM ideas WHERE space_id = $1 AND ($2 IS NULL OR group_id = $2) \
         AND status IN ('open', 'planned')",
    )
    .bind(space_id)
    .bind(group_id)
    .fetch_one(conn)
    .await
}

/// Locks the idea against a status change until the transaction ends and returns its
/// status now (`None`: no such idea), so upvotes written after it are decided on the
/// status as it is. Call it first in the transaction (PostgreSQL: a share lock on the
/// row, which a status change waits for; SQLite: a write that takes the write lock).
/// `exclusive`: one change at a time on the idea (PostgreSQL: `FOR UPDATE`), for what is
/// decided on a person's remembered reactions, which a concurrent reaction would change.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn lock_idea(
    conn: &mut AnyConnection,
    backend: Backend,
    idea_id: i64,
    exclusive: bool,
) -> Result<Option<Status>, sqlx::Error> {
    let sql = match (backend, exclusive) {
        (Backend::Postgres, false) => "SELECT status FROM ideas WHERE id = $1 FOR SHARE",
        (Backend::Postgres, true) => "SELECT status FROM ideas WHERE id = $1 FOR UPDATE",
        (Backend::Sqlite, _) => "UPDATE ideas SET status = status WHERE id = $1 RETURNING status",
    };
    let row = sqlx::query(sql).bind(idea_id).fetch_optional(conn).await?;
    row.map(|r| coded(&r, "ideas", "status", Status::parse))
        .transpose()
}

/// Adds the person's upvote, or takes it back if they had one. `true`: now upvoted.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn toggle_vote(
    conn: &mut AnyConnection,
    idea_id: i64,
    user_id: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query("DELETE FROM idea_votes WHERE idea_id = $1 AND user_id = $2")
        .bind(idea_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    if removed.rows_affected() > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO idea_votes (idea_id, user_id, voted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (idea_id, user_id) DO NOTHING",
    )
    .bind(idea_id)
    .bind(user_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Sets whether the person upvotes the idea. Whether that changed anything (`false`:
/// they already did, or already did not).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_vote(
    conn: &mut AnyConnection,
    idea_id: i64,
    user_id: &str,
    on: bool,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = if on {
        sqlx::query(
            "INSERT INTO idea_votes (idea_id, user_id, voted_at) VALUES ($1, $2, $3) \
             ON CONFLICT (idea_id, user_id) DO NOTHING",
        )
        .bind(idea_id)
        .bind(user_id)
        .bind(now)
        .execute(conn)
        .await?
    } else {
        sqlx::query("DELETE FROM idea_votes WHERE idea_id = $1 AND user_id = $2")
            .bind(idea_id)
            .bind(user_id)
            .execute(conn)
            .await?
    };
    Ok(done.rows_affected() > 0)
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn update_status(
    conn: &mut AnyConnection,
    idea_id: i64,
    status: Status,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE ideas SET status = $2, status_reason = $3 WHERE id = $1")
        .bind(idea_id)
        .bind(status.code())
        .bind(reason)
        .execute(conn)
        .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn link_poll(
    conn: &mut AnyConnection,
    idea_id: i64,
    poll_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE ideas SET poll_id = $2 WHERE id = $1")
        .bind(idea_id)
        .bind(poll_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Remembers an upvote reaction (`idea_reactions`); one already remembered (the same
/// event delivered twice) stays as it was.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_idea_reaction(
    conn: &mut AnyConnection,
    space_id: &str,
    reaction_id: &str,
    idea_id: i64,
    user_id: &str,
    reacted_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO idea_reactions (space_id, reaction_id, idea_id, user_id, reacted_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (space_id, reaction_id) DO NOTHING",
    )
    .bind(space_id)
    .bind(reaction_id)
    .bind(idea_id)
    .bind(user_id)
    .bind(reacted_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The idea and the person of a remembered upvote reaction of the space.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fetch_idea_reaction(
    conn: &mut AnyConnection,
    space_id: &str,
    reaction_id: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT idea_id, user_id FROM idea_reactions WHERE space_id = $1 AND reaction_id = $2",
    )
    .bind(space_id)
    .bind(reaction_id)
    .fetch_optional(conn)
    .await?;
    row.map(|r| Ok((r.try_get("idea_id")?, r.try_get("user_id")?)))
        .transpose()
}

/// How many upvote reactions of the person on the idea are remembered.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count_idea_reactions_of(
    conn: &mut AnyConnection,
    idea_id: i64,
    user_id: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM idea_reactions WHERE idea_id = $1 AND user_id = $2")
        .bind(idea_id)
        .bind(user_id)
        .fetch_one(conn)
        .await
}

/// Forgets an upvote reaction (taken back). Whether it was remembered.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_idea_reaction(
    conn: &mut AnyConnection,
    space_id: &str,
    reaction_id: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM idea_reactions WHERE space_id = $1 AND reaction_id = $2")
        .bind(space_id)
        .bind(reaction_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Forgets the person's upvote reactions on the idea (they voted by command or button,
/// which then stands on its own).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_idea_reactions_of(
    conn: &mut AnyConnection,
    idea_id: i64,
    user_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM idea_reactions WHERE idea_id = $1 AND user_id = $2")
        .bind(idea_id)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

numbered! {
    Idea: "looking up an idea", "idea-not-found", "idea list", fetch_idea_by_number, fetch_idea
}
