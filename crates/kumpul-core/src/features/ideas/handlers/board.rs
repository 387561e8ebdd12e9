//! What members do on the board: add ideas (openly or anonymously), upvote them, and list
//! them by votes or by date.

use super::super::repo::{self, Idea};
use super::super::{IdeaRef, Status, TEXT_MAX};
use super::card::{card, changed, is_settled};
use super::{check_group_member, find};
use crate::bot::{Ctx, acquire, begin};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups::{self, GroupRef};
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::paging::{self, PAGE_SIZE, Page};
use crate::reply::{Inline, Line, Reply, Tone, Visibility};
use crate::store::retry_conflicts;

/// How often an insert is retried when another idea took the same number.
const NUMBER_RETRIES: usize = 5;

pub(super) async fn add(
    ctx: &Ctx<'_>,
    text: &str,
    group: Option<GroupRef>,
    anonymous: bool,
) -> Result<Reply> {
    let text = text.trim();
    if text.is_empty()
        || text.chars().count() > TEXT_MAX
        || text.chars().any(|c| c.is_control() && c != '\n')
    {
        return Err(Msg::new("idea-text-invalid")
            .num("max", TEXT_MAX as i64)
            .into());
    }
    let mut conn = acquire(ctx.store()).await?;
    let group = match &group {
        Some(g) => {
            Some(groups::find_group_for_member(ctx, &mut conn, g, "idea-group-not-member").await?)
        }
        None => None,
    };
    drop(conn);
    // An anonymous idea keeps no author unless the deployment asked to, for moderation.
    let keep_author = !anonymous || ctx.bot.config().keep_anonymous_authors;
    let mut idea = draft(
        ctx,
        text,
        group.as_ref().map(|g| g.id),
        anonymous,
        keep_author,
    );
    let (id, number) = insert(ctx, &idea).await?;
    idea.id = id;
    idea.number = number;
    let mut card = card(ctx.bot.i18n(), ctx.space_locale, &idea);
    if let Some(group) = &group {
        card = card.paragraph(ctx.t(
            Visibility::Public,
            &Msg::new("idea-for-group").strong("name", &group.name),
        ));
    }
    if !anonymous {
        return Ok(card);
    }
    // Posted as kumpul's own message, not as the answer to the author's command (which
    // platforms show with its author); the author alone hears that it is done.
    let ack = Msg::new("idea-added-anonymously")
        .num("number", idea.number)
        .select("kept", if keep_author { "yes" } else { "no" });
    let mut reply = ctx.say(Visibility::Private, Tone::Success, &ack);
    reply.standalone.push(card);
    Ok(reply)
}

/// A new idea as it will be stored, before it has an id and a number.
fn draft(
    ctx: &Ctx<'_>,
    text: &str,
    group_id: Option<i64>,
    anonymous: bool,
    keep_author: bool,
) -> Idea {
    Idea {
        id: 0,
        space_id: ctx.space_key(),
        number: 0,
        channel_id: ctx.inv.channel.as_ref().map(|c| c.key()),
        author_id: keep_author.then(|| ctx.actor_key()),
        author_name: keep_author.then(|| ctx.inv.actor.display_name.clone()),
        anonymous,
        text: text.to_owned(),
        group_id,
        status: Status::Open,
        status_reason: None,
        poll_id: None,
        // An anonymous idea's time is kept to the day: a time to the millisecond would
        // match its author's command in the platform's or the homeserver's records.
        created_at: if anonymous {
            coarse_time(ctx.inv.now_ms)
        } else {
            ctx.inv.now_ms
        },
        votes: 0,
    }
}

/// Stores `template` under a fresh id and the space's next number, trying again when
/// another idea took the number; returns the id and the number.
async fn insert(ctx: &Ctx<'_>, template: &Idea) -> Result<(i64, i64)> {
    retry_conflicts(NUMBER_RETRIES, || {
        let mut candidate = template.clone();
        candidate.id = fastrand::i64(1..(1 << 53));
        async move {
            let mut tx = ctx.store().pool().begin().await?;
            settings_repo::ensure_space(&mut tx, &candidate.space_id, candidate.created_at).await?;
            let number = repo::insert_idea(&mut tx, &candidate).await?;
            tx.commit().await?;
            Ok((candidate.id, number))
        }
    })
    .await
    .internal("storing an idea")
}

/// A time rounded down to its UTC day.
fn coarse_time(ms: i64) -> i64 {
    const DAY_MS: i64 = 24 * 60 * 60 * 1000;
    ms.div_euclid(DAY_MS) * DAY_MS
}

/// Done and declined ideas take no more upvotes.
fn ensure_votable(idea: &Idea, status: Status) -> Result<()> {
    if is_settled(status) {
        return Err(Msg::new("idea-closed")
            .num("number", idea.number)
            .select("status", status.code())
            .into());
    }
    Ok(())
}

/// An upvote reaction (its platform id, and when the platform received it).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reacted<'a> {
    pub id: &'a str,
    pub at: i64,
}

pub(super) async fn vote(ctx: &Ctx<'_>, idea: IdeaRef, on: Option<bool>) -> Result<Reply> {
    vote_via(ctx, idea, on, None).await
}

/// An upvote, typed or clicked (`reaction: None`; `on: None` toggles), or by a reaction
/// on the idea's card, which is remembered while the upvote is its doing, so that taking
/// it back withdraws it ([`super::reactions`]).
pub(super) async fn vote_via(
    ctx: &Ctx<'_>,
    idea: IdeaRef,
    on: Option<bool>,
    reaction: Option<Reacted<'_>>,
) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let idea = find(ctx, &mut conn, idea).await?;
    check_group_member(ctx, &mut conn, &idea).await?;
    drop(conn);
    ensure_votable(&idea, idea.status)?;
    // Checked again on the idea as locked, in the transaction of the upvote: an idea
    // marked done meanwhile takes none.
    let mut tx = begin(ctx.store()).await?;
    let status = repo::lock_idea(&mut tx, ctx.store().backend(), idea.id, reaction.is_some())
        .await
        .internal("locking an idea")?
        .ok_or_else(|| {
            Msg::new("idea-not-found")
                .num("number", idea.number)
                .typed("command", Typed::new(&["idea", "list"]))
        })?;
    ensure_votable(&idea, status)?;
    let upvoted = store_vote(&mut tx, ctx, idea.id, on, reaction)
        .await
        .internal("storing an upvote")?;
    tx.commit().await.internal("committing an upvote")?;
    changed(ctx, &idea);
    let msg = Msg::new("idea-voted")
        .num("number", idea.number)
        .select("on", if upvoted { "yes" } else { "no" })
        .typed("command", Typed::new(&["idea", "vote"]).value(idea.number));
    Ok(ctx.say(Visibility::Private, Tone::Success, &msg))
}

/// Writes the actor's upvote; whether they upvote the idea now. A reaction is remembered
/// when it gave the upvote, or joins reactions that did; an upvote typed or clicked before
/// it is not the reaction's to take back. A typed or clicked vote forgets the actor's
/// reactions: it stands on its own.
async fn store_vote(
    conn: &mut sqlx::AnyConnection,
    ctx: &Ctx<'_>,
    idea_id: i64,
    on: Option<bool>,
    reaction: Option<Reacted<'_>>,
) -> std::result::Result<bool, sqlx::Error> {
    let me = ctx.actor_key();
    let now = ctx.inv.now_ms;
    let Some(reaction) = reaction else {
        repo::delete_idea_reactions_of(conn, idea_id, &me).await?;
        return match on {
            None => repo::toggle_vote(conn, idea_id, &me, now).await,
            Some(on) => repo::set_vote(conn, idea_id, &me, on, now)
                .await
                .map(|_| on),
        };
    };
    let added = repo::set_vote(conn, idea_id, &me, true, now).await?;
    if added || repo::count_idea_reactions_of(conn, idea_id, &me).await? > 0 {
        repo::insert_idea_reaction(
            conn,
            &ctx.space_key(),
            reaction.id,
            idea_id,
            &me,
            reaction.at,
        )
        .await?;
    }
    Ok(true)
}

pub(super) async fn list(
    ctx: &Ctx<'_>,
    group: Option<GroupRef>,
    newest: bool,
    page: Option<i64>,
) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let group = match &group {
        Some(g) => Some(groups::find_group(ctx, &mut conn, g).await?),
        None => None,
    };
    let group_id = group.as_ref().map(|g| g.id);
    let mut command = paging::in_group(
        Typed::new(&["idea", "list"]),
        group.as_ref().map(|g| g.name.as_str()),
    );
    if newest {
        command = command.flag("new");
    }
    let total = repo::count_ideas(&mut conn, &ctx.space_key(), group_id)
        .await
        .internal("counting ideas")?;
    let page = Page::of(page, total, &command)?;
    let ideas = repo::list_ideas(
        &mut conn,
        &ctx.space_key(),
        group_id,
        newest,
        PAGE_SIZE,
        page.offset(),
    )
    .await
    .internal("listing ideas")?;
    drop(conn);
    if ideas.is_empty() {
        // An empty group board is filled with ideas for that group.
        let add = paging::in_group(
            Typed::new(&["idea", "add"]).example(Msg::new("sample-idea")),
            group.as_ref().map(|g| g.name.as_str()),
        );
        let msg = Msg::new("idea-list-empty").typed("command", add);
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let items: Vec<Line> = ideas
        .iter()
        .map(|idea| {
            let mut line = vec![
                Inline::Strong(format!("#{}", idea.number)),
                Inline::Text(format!(" {} · ", paging::preview(&idea.text))),
            ];
            line.extend(
                ctx.t(
                    private,
                    &Msg::new("idea-votes")
                        .num("count", idea.votes)
                        .select("status", idea.status.code()),
                ),
            );
            line
        })
        .collect();
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("idea-list-title")
            .select("order", if newest { "new" } else { "top" })
            .num("count", total),
    );
    let reply = Reply::new(private, Tone::Info).title(title).list(items);
    Ok(paging::with_footer(ctx, reply, page, &command))
}
