//! `thread digest`: a catch-up on one thread for the person asking — how many wrote, who,
//! the most-reacted messages, the idea and polls it is about, and which group members have
//! not written yet. Built from metadata only: kumpul never stores what people wrote.
//!
//! The steps: [`gather`] reads everything in one go, then each part of the reply is added
//! by its own function, in the order people read them.

use std::collections::BTreeMap;

use super::handlers::find;
use super::repo::{self, Thread, ThreadMessage};
use crate::bot::{Ctx, acquire};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups::{self, model::Member};
use crate::features::ideas::{self, repo::Idea};
use crate::features::polls::model::PollStatus;
use crate::i18n::Msg;
use crate::identity::ChannelId;
use crate::reply::{Inline, Reply, Tone, Visibility};

/// Most-reacted messages shown in a digest.
const DIGEST_TOP: usize = 3;

/// What a digest is made of, read with one connection that is let go before rendering.
struct Gathered {
    thread: Thread,
    messages: Vec<ThreadMessage>,
    /// The members of the thread's group (none for a thread of everyone).
    members: Vec<Member>,
    /// The polls started inside the platform thread: number, question, status.
    polls: Vec<(i64, String, PollStatus)>,
    /// The idea the thread discusses, if it was opened with `idea discuss`.
    idea: Option<Idea>,
}

/// A person's name and how many messages they wrote, by their key.
type Authors<'a> = BTreeMap<&'a str, (String, i64)>;

pub(super) async fn digest(ctx: &Ctx<'_>, number: i64) -> Result<Reply> {
    let private = Visibility::Private;
    let gathered = gather(ctx, number).await?;
    let by_author = authors(&gathered.messages);
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("thread-digest-title")
            .num("number", number)
            .text("topic", &gathered.thread.topic),
    );
    let mut reply = Reply::new(private, Tone::Info).title(title);
    reply = people(ctx, reply, &gathered, &by_author);
    reply = top_messages(ctx, reply, &gathered.messages);
    reply = idea_and_polls(ctx, reply, gathered.idea, gathered.polls);
    reply = quiet_members(ctx, reply, &gathered.members, &by_author);
    Ok(reply)
}

/// Reads the thread `number` and everything its digest shows.
async fn gather(ctx: &Ctx<'_>, number: i64) -> Result<Gathered> {
    let mut conn = acquire(ctx.store()).await?;
    let thread = find(ctx, &mut conn, number).await?;
    let messages = repo::list_messages(&mut conn, thread.id)
        .await
        .internal("reading a thread's messages")?;
    let members = match thread.group_id {
        Some(id) => groups::repo::list_members(&mut conn, id)
            .await
            .internal("listing the group's members")?,
        None => Vec::new(),
    };
    let polls = match &thread.platform_thread {
        Some(platform) => {
            let channel = ChannelId::new(ctx.inv.space.platform, platform.as_str()).key();
            repo::list_polls_in_channel(&mut conn, &thread.space_id, &channel)
                .await
                .internal("listing the thread's polls")?
        }
        None => Vec::new(),
    };
    let idea = match thread.idea_id {
        Some(id) => ideas::repo::fetch_idea(&mut conn, id)
            .await
            .internal("reading the thread's idea")?,
        None => None,
    };
    drop(conn);
    Ok(Gathered {
        thread,
        messages,
        members,
        polls,
        idea,
    })
}

/// Who wrote how many messages.
fn authors(messages: &[ThreadMessage]) -> Authors<'_> {
    let mut by_author: Authors<'_> = BTreeMap::new();
    for m in messages {
        let entry = by_author
            .entry(&m.author_id)
            .or_insert((m.author_name.clone(), 0));
        entry.1 += 1;
    }
    by_author
}

/// The counts of messages and people, then the people by name.
fn people(ctx: &Ctx<'_>, mut reply: Reply, gathered: &Gathered, by_author: &Authors<'_>) -> Reply {
    let private = Visibility::Private;
    // Participants by number of messages, most active first.
    let mut participants: Vec<(String, i64)> = by_author.values().cloned().collect();
    participants.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    reply = reply.paragraph(
        ctx.t(
            private,
            &Msg::new("thread-digest-counts")
                .num("messages", gathered.messages.len() as i64)
                .num("people", participants.len() as i64)
                .select("status", gathered.thread.status.code()),
        ),
    );
    if !participants.is_empty() {
        let names: Vec<String> = participants
            .iter()
            .map(|(n, c)| format!("{n} ({c})"))
            .collect();
        reply = reply.paragraph(ctx.t(
            private,
            &Msg::new("thread-digest-people").text("names", names.join(", ")),
        ));
    }
    reply
}

/// The most-reacted messages, with a link to each where the platform gave one.
fn top_messages(ctx: &Ctx<'_>, mut reply: Reply, messages: &[ThreadMessage]) -> Reply {
    let private = Visibility::Private;
    let mut top: Vec<&ThreadMessage> = messages.iter().filter(|m| m.reactions > 0).collect();
    top.sort_by(|a, b| {
        b.reactions
            .cmp(&a.reactions)
            .then(a.sent_at.cmp(&b.sent_at))
    });
    if !top.is_empty() {
        reply = reply.paragraph(ctx.t(private, &Msg::new("thread-digest-top")));
        reply = reply.list(
            top.iter()
                .take(DIGEST_TOP)
                .map(|m| {
                    let mut line = ctx.t(
                        private,
                        &Msg::new("thread-digest-message")
                            .text("author", &m.author_name)
                            .num("reactions", m.reactions),
                    );
                    if let Some(link) = &m.link {
                        line.push(Inline::Text(format!(" {link}")));
                    }
                    line
                })
                .collect(),
        );
    }
    reply
}

/// Where the discussion stands: the idea it is about, and the polls started in it.
fn idea_and_polls(
    ctx: &Ctx<'_>,
    mut reply: Reply,
    idea: Option<Idea>,
    polls: Vec<(i64, String, PollStatus)>,
) -> Reply {
    let private = Visibility::Private;
    if let Some(idea) = idea {
        reply = reply.paragraph(
            ctx.t(
                private,
                &Msg::new("thread-digest-idea")
                    .num("number", idea.number)
                    .text("idea", &idea.text)
                    .select("status", idea.status.code()),
            ),
        );
    }
    for (poll, question, status) in polls {
        reply = reply.paragraph(
            ctx.t(
                private,
                &Msg::new("thread-digest-poll")
                    .num("number", poll)
                    .text("question", question)
                    .select("status", status.code())
                    .typed("command", Typed::new(&["poll", "results"]).value(poll)),
            ),
        );
    }
    reply
}

/// Group members who have not written yet: an open door, not a roll call.
fn quiet_members(
    ctx: &Ctx<'_>,
    mut reply: Reply,
    members: &[Member],
    by_author: &Authors<'_>,
) -> Reply {
    let private = Visibility::Private;
    let quiet: Vec<String> = members
        .iter()
        .filter(|m| !by_author.contains_key(m.user_id.as_str()))
        .map(|m| m.display_name.clone())
        .collect();
    if !quiet.is_empty() {
        reply = reply.paragraph(ctx.t(
            private,
            &Msg::new("thread-digest-quiet").text("names", quiet.join(", ")),
        ));
    }
    reply
}
