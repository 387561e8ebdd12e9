//! What each thread command does, and how adapters report thread activity. The digest, a
//! catch-up built in several steps, has its own module (`digest`).

use super::digest::digest;
use super::model::ThreadStatus;
use super::repo::{self, Thread, ThreadMessage};
use super::{TOPIC_MAX, ThreadCommand, jobs};
use crate::bot::{Bot, Ctx, acquire};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups::{self, GroupRef};
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::identity::{ChannelId, SpaceId, UserId};
use crate::paging::{self, PAGE_SIZE, Page};
use crate::reply::{Effect, Inline, Line, Reply, Tone, Visibility};
use crate::store::retry_conflicts;
use crate::time::format;

const NUMBER_RETRIES: usize = 5;

pub async fn execute(ctx: &Ctx<'_>, command: ThreadCommand) -> Result<Reply> {
    match command {
        ThreadCommand::Start { topic, group, ping } => {
            open(ctx, &topic, group.as_ref(), ping, None).await
        }
        ThreadCommand::List {
            group,
            archived,
            page,
        } => list(ctx, group, archived, page).await,
        ThreadCommand::Close(number) => set_open(ctx, number, false).await,
        ThreadCommand::Reopen(number) => set_open(ctx, number, true).await,
        ThreadCommand::Digest(number) => digest(ctx, number).await,
    }
}

/// Opens a thread about `topic` (for `thread start`, and `idea discuss` with its idea).
pub async fn open(
    ctx: &Ctx<'_>,
    topic: &str,
    group: Option<&GroupRef>,
    ping: bool,
    idea_id: Option<i64>,
) -> Result<Reply> {
    let topic: String = topic.split_whitespace().collect::<Vec<_>>().join(" ");
    if topic.is_empty() || topic.chars().count() > TOPIC_MAX {
        return Err(Msg::new("thread-topic-invalid")
            .num("max", TOPIC_MAX as i64)
            .into());
    }
    let mut conn = acquire(ctx.store()).await?;
    let group = match group {
        Some(g) if ping => {
            Some(groups::find_group_for_member(ctx, &mut conn, g, "thread-group-not-member").await?)
        }
        Some(g) => Some(groups::find_group(ctx, &mut conn, g).await?),
        None => None,
    };
    drop(conn);
    let (id, number) = create(ctx, &topic, group.as_ref().map(|g| g.id), idea_id).await?;
    // Claimed only once the thread exists, so a failed thread spends no ping.
    let (people, skipped) = match (&group, ping) {
        (Some(group), true) => ping_group(ctx, group).await?,
        _ => (Vec::new(), None),
    };
    let public = Visibility::Public;
    let header = Msg::new("thread-header")
        .num("number", number)
        .strong("topic", &topic)
        .strong("opener", &ctx.inv.actor.display_name);
    let mut reply = Reply::new(public, Tone::Info).paragraph(ctx.t(public, &header));
    if let Some(group) = &group {
        reply = reply.paragraph(ctx.t(
            public,
            &Msg::new("thread-for-group").strong("name", &group.name),
        ));
    }
    let days =
        i64::try_from(ctx.bot.config().thread_archive_after.as_secs() / 86_400).unwrap_or(i64::MAX);
    reply = reply.paragraph(
        ctx.t(
            public,
            &Msg::new("thread-how")
                .num("days", days)
                .typed("command", Typed::new(&["thread", "digest"]).value(number)),
        ),
    );
    if let Some(skipped) = skipped {
        reply = reply.paragraph(ctx.t(public, &skipped));
    }
    reply.effects.push(Effect::OpenThread { id, name: topic });
    Ok(reply.ping(people))
}

/// `--ping`: the group's members but the opener, if the group's ping budget allows (see
/// `groups::budget`); otherwise nobody, and the note that says why.
async fn ping_group(
    ctx: &Ctx<'_>,
    group: &groups::model::Group,
) -> Result<(Vec<(UserId, String)>, Option<Msg>)> {
    let mut conn = acquire(ctx.store()).await?;
    let actor = ctx.actor_key();
    let people: Vec<_> = groups::repo::list_members(&mut conn, group.id)
        .await
        .internal("listing the group's members")?
        .into_iter()
        .filter(|m| m.user_id != actor)
        .filter_map(|m| UserId::from_key(&m.user_id).map(|id| (id, m.display_name)))
        .collect();
    if people.is_empty() {
        // Nobody to ping: the budget is not spent.
        return Ok((people, None));
    }
    let cooldown = ctx.bot.config().group_ping_cooldown;
    let claim = groups::budget::claim(&mut conn, cooldown, group.id, ctx.inv.now_ms, None)
        .await
        .internal("recording a group ping")?;
    match claim {
        groups::budget::Claim::Granted => Ok((people, None)),
        groups::budget::Claim::Spent { minutes } => {
            let note = groups::budget::skipped_note(&group.name, cooldown, minutes);
            Ok((Vec::new(), Some(note)))
        }
    }
}

/// Stores a new open thread (with its archiving check) and returns its id and number. The
/// caller's reply asks the adapter to open the platform thread (`Effect::OpenThread`).
pub async fn create(
    ctx: &Ctx<'_>,
    topic: &str,
    group_id: Option<i64>,
    idea_id: Option<i64>,
) -> Result<(i64, i64)> {
    let now = ctx.inv.now_ms;
    let thread = Thread {
        id: 0,
        space_id: ctx.space_key(),
        number: 0,
        channel_id: ctx.inv.channel.as_ref().map(ChannelId::key),
        platform_thread: None,
        topic: topic.to_owned(),
        group_id,
        idea_id,
        opener_id: ctx.actor_key(),
        opener_name: ctx.inv.actor.display_name.clone(),
        status: ThreadStatus::Open,
        created_at: now,
        last_activity_at: now,
    };
    let archive_after = ctx.bot.config().thread_archive_after;
    let template = &thread;
    let created = retry_conflicts(NUMBER_RETRIES, || {
        let mut candidate = template.clone();
        candidate.id = fastrand::i64(1..(1 << 53));
        async move {
            let mut tx = ctx.store().pool().begin().await?;
            settings_repo::ensure_space(&mut tx, &candidate.space_id, now).await?;
            let number = repo::insert_thread(&mut tx, &candidate).await?;
            jobs::schedule_archive(&mut tx, &candidate, archive_after, now).await?;
            tx.commit().await?;
            Ok((candidate.id, number))
        }
    })
    .await
    .internal("storing a thread")?;
    ctx.bot.wake_scheduler();
    Ok(created)
}

pub(super) async fn find(
    ctx: &Ctx<'_>,
    conn: &mut sqlx::AnyConnection,
    number: i64,
) -> Result<Thread> {
    repo::fetch_thread_by_number(conn, &ctx.space_key(), number)
        .await
        .internal("looking up a thread")?
        .ok_or_else(|| {
            Msg::new("thread-not-found")
                .num("number", number)
                .typed("command", Typed::new(&["thread", "list"]))
                .into()
        })
}

async fn set_open(ctx: &Ctx<'_>, number: i64, open: bool) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let thread = find(ctx, &mut conn, number).await?;
    if thread.opener_id != ctx.actor_key() && !ctx.is_moderator() {
        return Err(Msg::new("thread-not-opener").num("number", number).into());
    }
    let now = ctx.inv.now_ms;
    let status = if open {
        ThreadStatus::Open
    } else {
        ThreadStatus::Archived
    };
    let changed = repo::set_status(&mut conn, thread.id, status, now)
        .await
        .internal("changing a thread's status")?;
    if changed && open {
        let mut reopened = thread.clone();
        reopened.last_activity_at = now;
        jobs::schedule_archive(
            &mut conn,
            &reopened,
            ctx.bot.config().thread_archive_after,
            now,
        )
        .await
        .internal("scheduling a thread's archiving")?;
        ctx.bot.wake_scheduler();
    }
    drop(conn);
    if !changed {
        return Err(Msg::new("thread-already")
            .num("number", number)
            .select("status", status.code())
            .into());
    }
    let public = Visibility::Public;
    let msg = Msg::new("thread-status")
        .strong("actor", &ctx.inv.actor.display_name)
        .num("number", number)
        .strong("topic", &thread.topic)
        .select("status", status.code());
    let mut reply = ctx.say(public, Tone::Info, &msg);
    if let Some(platform) = thread.platform_thread {
        reply.effects.push(if open {
            Effect::ReopenThread { thread: platform }
        } else {
            Effect::ArchiveThread { thread: platform }
        });
    }
    Ok(reply)
}

async fn list(
    ctx: &Ctx<'_>,
    group: Option<GroupRef>,
    archived: bool,
    page: Option<i64>,
) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let group = match &group {
        Some(g) => Some(groups::find_group(ctx, &mut conn, g).await?),
        None => None,
    };
    let status = if archived {
        ThreadStatus::Archived
    } else {
        ThreadStatus::Open
    };
    let group_id = group.as_ref().map(|g| g.id);
    let mut command = paging::in_group(
        crate::catalogue::Typed::new(&["thread", "list"]),
        group.as_ref().map(|g| g.name.as_str()),
    );
    if archived {
        command = command.flag("archived");
    }
    let total = repo::count_threads(&mut conn, &ctx.space_key(), group_id, status)
        .await
        .internal("counting threads")?;
    let page = Page::of(page, total, &command)?;
    let threads = repo::list_threads(
        &mut conn,
        &ctx.space_key(),
        group_id,
        status,
        PAGE_SIZE,
        page.offset(),
    )
    .await
    .internal("listing threads")?;
    drop(conn);
    if threads.is_empty() {
        let msg = Msg::new("thread-list-empty")
            .select("status", status.code())
            .typed(
                "command",
                Typed::new(&["thread", "start"]).example(Msg::new("sample-thread-start")),
            );
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let items: Vec<Line> = threads
        .iter()
        .map(|t| {
            vec![
                Inline::Strong(format!("#{}", t.number)),
                Inline::Text(format!(" {} · ", t.topic)),
                Inline::Text(format::relative(
                    ctx.bot.i18n(),
                    ctx.locale,
                    t.last_activity_at,
                    ctx.inv.now_ms,
                )),
            ]
        })
        .collect();
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("thread-list-title")
            .select("status", status.code())
            .num("count", total),
    );
    let reply = Reply::new(private, Tone::Info).title(title).list(items);
    Ok(paging::with_footer(ctx, reply, page, &command))
}

impl Bot {
    /// The adapter opened the platform thread for kumpul thread `id`.
    pub async fn record_thread(&self, id: i64, platform_thread: &str) -> anyhow::Result<()> {
        let mut conn = self.store().pool().acquire().await?;
        repo::set_platform_thread(&mut conn, id, platform_thread).await?;
        let space = repo::fetch_thread(&mut conn, id).await?.map(|t| t.space_id);
        if let Some(space) = space {
            self.untracked_threads()
                .forget(&format!("{space}/{platform_thread}"));
        }
        Ok(())
    }

    /// A message was written in a platform thread of `space`; recorded (metadata only)
    /// when it is one of ours and open. Returns whether it was recorded: an archived
    /// thread gets no activity until it is reopened.
    pub async fn record_thread_message(
        &self,
        space: &SpaceId,
        platform_thread: &str,
        message: &ThreadMessage,
    ) -> anyhow::Result<bool> {
        let key = format!("{}/{platform_thread}", space.key());
        if self.untracked_threads().is_untracked(&key) {
            return Ok(false);
        }
        let mut conn = self.store().pool().acquire().await?;
        let Some(thread) =
            repo::fetch_thread_by_platform(&mut conn, &space.key(), platform_thread).await?
        else {
            self.untracked_threads().note(key);
            return Ok(false);
        };
        drop(conn);
        // One transaction whose first statement checks the thread is open and locks it: a
        // close waits for it, or it finds the thread closed and records nothing.
        let mut tx = self.store().pool().begin().await?;
        let recorded = repo::insert_message(&mut tx, thread.id, message).await?;
        tx.commit().await?;
        if recorded {
            // Reactions that were handled before this message was recorded.
            let early_key = format!("{}/{}", space.key(), message.message_id);
            let mut early = self.untracked_threads().early.lock().await;
            let delta = crate::inbound::EarlyReactions::take(&mut early, &early_key);
            if delta != 0 {
                let mut conn = self.store().pool().acquire().await?;
                repo::add_reaction(&mut conn, &space.key(), &message.message_id, delta).await?;
            }
        }
        Ok(recorded)
    }

    /// A reaction was added (`+1`) or removed (`-1`) on a message of `space`; counted
    /// when the message is in one of our threads. `channel`: the platform channel of the
    /// message, where the platform says (Discord), to skip channels known not to be ours.
    pub async fn record_thread_reaction(
        &self,
        space: &SpaceId,
        channel: Option<&str>,
        message_id: &str,
        delta: i64,
    ) -> anyhow::Result<bool> {
        if let Some(channel) = channel
            && self
                .untracked_threads()
                .is_untracked(&format!("{}/{channel}", space.key()))
        {
            return Ok(false);
        }
        let mut early = self.untracked_threads().early.lock().await;
        let mut conn = self.store().pool().acquire().await?;
        let counted = repo::add_reaction(&mut conn, &space.key(), message_id, delta).await?;
        if !counted {
            // Perhaps its message is still being recorded: held for it a little while.
            let key = format!("{}/{message_id}", space.key());
            crate::inbound::EarlyReactions::hold(&mut early, key, delta);
        }
        Ok(counted)
    }
}
