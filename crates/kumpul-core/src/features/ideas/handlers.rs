//! What each idea command does.

use super::repo::{self, Idea};
use super::{IdeaCommand, IdeaRef, Status, TEXT_MAX};
use crate::bot::{Bot, Ctx, acquire, begin};
use crate::error::{Internal, Result};
use crate::features::groups::{self, GroupRef};
use crate::features::polls::model::{
    Kind, OPTION_MAX, OPTIONS_MAX, ResultsVisibility, VoterVisibility,
};
use crate::features::polls::tally::ConsentRule;
use crate::features::polls::{self, NewPoll, PollCommand};
use crate::features::settings::repo as settings_repo;
use crate::i18n::{I18n, Locale, Msg};
use crate::identity::{SpaceId, UserId};
use crate::notify::LiveView;
use crate::reply::{Action, ActionId, ActionStyle, Anchor, Inline, Line, Reply, Tone, Visibility};
use crate::store::retry_conflicts;
use crate::vocab::{IdeaIntent, Intent};

/// How often an insert is retried when another idea took the same number.
const NUMBER_RETRIES: usize = 5;
/// Ideas shown by `idea list`.
const LIST_LIMIT: i64 = 20;

pub async fn execute(ctx: &Ctx<'_>, command: IdeaCommand) -> Result<Reply> {
    match command {
        IdeaCommand::Add {
            text,
            group,
            anonymous,
        } => add(ctx, &text, group, anonymous).await,
        IdeaCommand::List { group, newest } => list(ctx, group, newest).await,
        IdeaCommand::Vote { idea, on } => vote(ctx, idea, on).await,
        IdeaCommand::Status {
            idea,
            status,
            reason,
        } => set_status(ctx, idea, status, reason).await,
        IdeaCommand::Poll { ideas, kind } => poll(ctx, &ideas, kind).await,
        IdeaCommand::Discuss(idea) => discuss(ctx, idea).await,
    }
}

/// The public message of an idea, with its upvote button.
fn card(i18n: &I18n, locale: Locale, idea: &Idea) -> Reply {
    let by = match (&idea.author_name, idea.anonymous) {
        (Some(name), false) => Msg::new("idea-card")
            .num("number", idea.number)
            .strong("author", name),
        _ => Msg::new("idea-card-anonymous").num("number", idea.number),
    };
    let mut reply = Reply::new(Visibility::Public, Tone::Info)
        .paragraph(i18n.rich(locale, &by))
        .paragraph(vec![Inline::Text(idea.text.clone())])
        .paragraph(
            i18n.rich(
                locale,
                &Msg::new("idea-votes")
                    .num("count", idea.votes)
                    .select("status", idea.status.code()),
            ),
        );
    reply.anchor = Some(Anchor {
        kind: crate::vocab::AnchorKind::Idea,
        id: idea.id,
    });
    if !is_settled(idea.status) {
        reply = reply.action(Action {
            label: i18n.label(locale, "action-upvote"),
            style: ActionStyle::Primary,
            id: ActionId::new(Intent::Idea(IdeaIntent::Vote(idea.id))),
            command: format!("idea vote {}", idea.number),
        });
    }
    reply
}

/// The idea's message as it should look now (upvotes change it).
pub async fn live_view(bot: &Bot, id: i64) -> anyhow::Result<Option<LiveView>> {
    let mut conn = bot.store().pool().acquire().await?;
    let Some(idea) = repo::fetch_idea(&mut conn, id).await? else {
        return Ok(None);
    };
    drop(conn);
    let Some(space) = SpaceId::from_key(&idea.space_id) else {
        return Ok(None);
    };
    let locale = bot.locale_of_space(&space).await;
    Ok(Some(LiveView {
        reply: card(bot.i18n(), locale, &idea),
        ended: is_settled(idea.status),
    }))
}

fn changed(ctx: &Ctx<'_>, idea: &Idea) {
    ctx.bot.live().touch(Anchor {
        kind: crate::vocab::AnchorKind::Idea,
        id: idea.id,
    });
}

async fn add(ctx: &Ctx<'_>, text: &str, group: Option<GroupRef>, anonymous: bool) -> Result<Reply> {
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
    let mut idea = Idea {
        id: 0,
        space_id: ctx.space_key(),
        number: 0,
        channel_id: ctx.inv.channel.as_ref().map(|c| c.key()),
        author_id: keep_author.then(|| ctx.actor_key()),
        author_name: keep_author.then(|| ctx.inv.actor.display_name.clone()),
        anonymous,
        text: text.to_owned(),
        group_id: group.as_ref().map(|g| g.id),
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
    };
    let template = &idea;
    let (id, number) = retry_conflicts(NUMBER_RETRIES, || {
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
    .internal("storing an idea")?;
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

/// A time rounded down to its UTC day.
fn coarse_time(ms: i64) -> i64 {
    const DAY_MS: i64 = 24 * 60 * 60 * 1000;
    ms.div_euclid(DAY_MS) * DAY_MS
}

async fn find(ctx: &Ctx<'_>, conn: &mut sqlx::AnyConnection, idea: IdeaRef) -> Result<Idea> {
    let space = ctx.space_key();
    let found = match idea {
        IdeaRef::Number(n) => repo::fetch_idea_by_number(conn, &space, n).await,
        IdeaRef::Id(id) => repo::fetch_idea(conn, id)
            .await
            .map(|i| i.filter(|i| i.space_id == space)),
    }
    .internal("looking up an idea")?;
    found.ok_or_else(|| {
        let number = match idea {
            IdeaRef::Number(n) => n,
            IdeaRef::Id(_) => 0,
        };
        Msg::new("idea-not-found")
            .num("number", number)
            .code("command", "idea list")
            .into()
    })
}

/// Whether nothing more happens to the idea: done and declined ideas take no upvotes.
fn is_settled(status: Status) -> bool {
    match status {
        Status::Done | Status::Declined => true,
        Status::Open | Status::Planned => false,
    }
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

/// A group's idea is upvoted, discussed and put to polls by that group's members (and
/// moderators) only.
async fn check_group_member(
    ctx: &Ctx<'_>,
    conn: &mut sqlx::AnyConnection,
    idea: &Idea,
) -> Result<()> {
    let Some(group_id) = idea.group_id else {
        return Ok(());
    };
    if ctx.is_moderator() {
        return Ok(());
    }
    let member = groups::repo::is_member(conn, group_id, &ctx.actor_key())
        .await
        .internal("checking membership")?;
    if member {
        return Ok(());
    }
    let name = groups::repo::fetch_group(conn, &idea.space_id, group_id)
        .await
        .internal("looking up a group")?
        .map(|g| g.name)
        .unwrap_or_default();
    Err(Msg::new("idea-group-only")
        .num("number", idea.number)
        .text("name", &name)
        .code("command", format!("group join {name}"))
        .into())
}

async fn vote(ctx: &Ctx<'_>, idea: IdeaRef, on: Option<bool>) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let idea = find(ctx, &mut conn, idea).await?;
    check_group_member(ctx, &mut conn, &idea).await?;
    drop(conn);
    ensure_votable(&idea, idea.status)?;
    let now = ctx.inv.now_ms;
    // Checked again on the idea as locked, in the transaction of the upvote: an idea
    // marked done meanwhile takes none.
    let mut tx = begin(ctx.store()).await?;
    let status = repo::lock_idea(&mut tx, ctx.store().backend(), idea.id)
        .await
        .internal("locking an idea")?
        .ok_or_else(|| {
            Msg::new("idea-not-found")
                .num("number", idea.number)
                .code("command", "idea list")
        })?;
    ensure_votable(&idea, status)?;
    let upvoted = match on {
        None => repo::toggle_vote(&mut tx, idea.id, &ctx.actor_key(), now).await,
        Some(on) => repo::set_vote(&mut tx, idea.id, &ctx.actor_key(), on, now)
            .await
            .map(|()| on),
    }
    .internal("storing an upvote")?;
    tx.commit().await.internal("committing an upvote")?;
    changed(ctx, &idea);
    let msg = Msg::new("idea-voted")
        .num("number", idea.number)
        .select("on", if upvoted { "yes" } else { "no" })
        .code("command", format!("idea vote {}", idea.number));
    Ok(ctx.say(Visibility::Private, Tone::Success, &msg))
}

async fn list(ctx: &Ctx<'_>, group: Option<GroupRef>, newest: bool) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let group = match &group {
        Some(g) => Some(groups::find_group(ctx, &mut conn, g).await?),
        None => None,
    };
    let ideas = repo::list_ideas(
        &mut conn,
        &ctx.space_key(),
        group.as_ref().map(|g| g.id),
        newest,
        LIST_LIMIT,
    )
    .await
    .internal("listing ideas")?;
    drop(conn);
    if ideas.is_empty() {
        let msg = Msg::new("idea-list-empty").code("command", "idea add A picnic in the park");
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let items: Vec<Line> = ideas
        .iter()
        .map(|idea| {
            let mut line = vec![
                Inline::Strong(format!("#{}", idea.number)),
                Inline::Text(format!(" {} · ", idea.text)),
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
            .num("count", items.len() as i64),
    );
    Ok(Reply::new(private, Tone::Info).title(title).list(items))
}

async fn set_status(
    ctx: &Ctx<'_>,
    idea: IdeaRef,
    status: Status,
    reason: Option<String>,
) -> Result<Reply> {
    if let Some(reason) = &reason
        && (reason.chars().count() > TEXT_MAX || reason.chars().any(char::is_control))
    {
        return Err(Msg::new("idea-text-invalid")
            .num("max", TEXT_MAX as i64)
            .into());
    }
    let mut conn = acquire(ctx.store()).await?;
    let mut idea = find(ctx, &mut conn, idea).await?;
    repo::update_status(&mut conn, idea.id, status, reason.as_deref())
        .await
        .internal("storing an idea's status")?;
    drop(conn);
    idea.status = status;
    changed(ctx, &idea);
    let public = Visibility::Public;
    let msg = Msg::new("idea-status-set")
        .strong("actor", &ctx.inv.actor.display_name)
        .num("number", idea.number)
        .text("idea", &idea.text)
        .select("status", status.code());
    let mut reply = Reply::new(public, Tone::Success).paragraph(ctx.t(public, &msg));
    if let Some(reason) = reason {
        reply = reply.paragraph(vec![Inline::Text(reason)]);
    }
    // The author hears about it, unless they posted anonymously (a ping would unmask them).
    if let (false, Some(id), Some(name)) = (idea.anonymous, &idea.author_id, &idea.author_name)
        && let Some(author) = UserId::from_key(id)
        && *id != ctx.actor_key()
    {
        reply = reply.ping(vec![(author, name.clone())]);
    }
    Ok(reply)
}

/// `3 5 7` or `3, 5, 7` → idea numbers.
fn numbers(text: &str) -> Result<Vec<i64>> {
    let numbers: Option<Vec<i64>> = text
        .split([' ', ',', ';'])
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_start_matches('#').parse().ok())
        .collect();
    let invalid = || {
        Msg::new("idea-poll-numbers")
            .code("example", "idea poll 3 5 7")
            .num("max", OPTIONS_MAX as i64)
    };
    let mut numbers = numbers.ok_or_else(invalid)?;
    numbers.dedup();
    if numbers.len() < 2 || numbers.len() > OPTIONS_MAX {
        return Err(invalid().into());
    }
    Ok(numbers)
}

/// An idea's text as a poll option: one line, no `|`, at most the option length.
fn option(text: &str) -> String {
    let flat: String = text
        .replace('|', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let flat = flat.as_str();
    if flat.chars().count() <= OPTION_MAX {
        return flat.to_owned();
    }
    let mut cut: String = flat.chars().take(OPTION_MAX - 1).collect();
    cut.push('…');
    cut
}

async fn poll(ctx: &Ctx<'_>, ideas: &str, kind: Kind) -> Result<Reply> {
    if matches!(kind, Kind::Consent | Kind::Time) {
        return Err(Msg::new("idea-poll-kind").into());
    }
    let mut conn = acquire(ctx.store()).await?;
    let mut chosen = Vec::new();
    for number in numbers(ideas)? {
        let idea = find(ctx, &mut conn, IdeaRef::Number(number)).await?;
        check_group_member(ctx, &mut conn, &idea).await?;
        chosen.push(idea);
    }
    drop(conn);
    // A group's ideas go to a poll of that group; ideas of different groups (or of a
    // group and of everyone) do not share one.
    let mut groups: Vec<Option<i64>> = chosen.iter().map(|i| i.group_id).collect();
    groups.dedup();
    let group = match groups.as_slice() {
        [one] => *one,
        _ => {
            return Err(Msg::new("idea-poll-mixed-groups")
                .code("example", "idea poll 3 5 7")
                .into());
        }
    };
    let mut labels: Vec<String> = Vec::new();
    for idea in &chosen {
        let mut label = option(&idea.text);
        if labels
            .iter()
            .any(|l| l.to_lowercase() == label.to_lowercase())
        {
            label = option(&format!("#{} {}", idea.number, idea.text));
        }
        labels.push(label);
    }
    let question = ctx
        .bot
        .i18n()
        .text(ctx.space_locale, &Msg::new("idea-poll-question"));
    let new = NewPoll {
        kind,
        text: std::iter::once(question)
            .chain(labels)
            .collect::<Vec<_>>()
            .join(" | "),
        closes: None,
        results: Some(ResultsVisibility::Live),
        voters: VoterVisibility::Private,
        group: group.map(GroupRef::Id),
        min: None,
        max: None,
        quorum: None,
        rule: ConsentRule::Consent,
    };
    let reply = polls::execute(ctx, PollCommand::Create(Box::new(new))).await?;
    if let Some(anchor) = reply.anchor {
        let mut tx = begin(ctx.store()).await?;
        for idea in &chosen {
            repo::link_poll(&mut tx, idea.id, anchor.id)
                .await
                .internal("linking ideas to their poll")?;
        }
        tx.commit().await.internal("committing idea links")?;
    }
    let numbers: Vec<String> = chosen.iter().map(|i| format!("#{}", i.number)).collect();
    let from = Msg::new("idea-poll-from").text("ideas", numbers.join(", "));
    let mut reply = reply;
    reply.blocks.insert(
        0,
        crate::reply::Block::Paragraph(ctx.t(Visibility::Public, &from)),
    );
    Ok(reply)
}

async fn discuss(ctx: &Ctx<'_>, idea: IdeaRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let idea = find(ctx, &mut conn, idea).await?;
    check_group_member(ctx, &mut conn, &idea).await?;
    drop(conn);
    let topic = ctx.bot.i18n().text(
        ctx.space_locale,
        &Msg::new("idea-discuss-topic")
            .num("number", idea.number)
            .text("idea", &idea.text),
    );
    let topic: String = topic
        .chars()
        .take(crate::features::threads::TOPIC_MAX)
        .collect();
    let group = idea.group_id.map(GroupRef::Id);
    crate::features::threads::open(ctx, &topic, group.as_ref(), false, Some(idea.id)).await
}
