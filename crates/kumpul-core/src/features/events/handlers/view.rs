//! The commands that only read: `event info` (one event's card, for the actor) and
//! `event list` (what is coming up).

use super::{answer_card, find, read_exceptions, scan_events, time};
use crate::bot::{Ctx, acquire};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::events::EventRef;
use crate::features::events::card;
use crate::features::events::model::{self, Occurrence};
use crate::features::events::repo::{self, Event};
use crate::features::groups::GroupRef;
use crate::i18n::Msg;
use crate::paging::{self, Page};
use crate::reply::{Inline, Line, Reply, Tone, Visibility};

pub(super) async fn info(ctx: &Ctx<'_>, event: EventRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let event = find(ctx, &mut conn, event).await?;
    let (mut reply, occurrence) = answer_card(ctx, conn, Visibility::Private, &event).await?;
    if occurrence.is_none() && event.is_scheduled() {
        reply = reply.paragraph(ctx.t(
            Visibility::Private,
            &Msg::new("event-over").num("number", event.number),
        ));
    }
    Ok(reply)
}

pub(super) async fn list(
    ctx: &Ctx<'_>,
    group: Option<GroupRef>,
    page: Option<i64>,
) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let (found, events) = scan_events(ctx, &mut conn, group.as_ref(), true).await?;
    let mut upcoming: Vec<(Event, Occurrence)> = Vec::new();
    for event in events {
        let exceptions = read_exceptions(&mut conn, event.id).await?;
        if let Some(o) = model::upcoming(&event, &exceptions, ctx.inv.now_ms) {
            upcoming.push((event, o));
        }
    }
    upcoming.sort_by_key(|(_, o)| o.starts_at);
    let total = upcoming.len() as i64;
    let command = paging::in_group(
        crate::catalogue::Typed::new(&["event", "list"]),
        found.as_ref().map(|g| g.name.as_str()),
    );
    let page = Page::of(page, total, &command)?;
    let mut shown: Vec<(Event, Occurrence, i64)> = Vec::new();
    for (event, o) in page.slice(upcoming) {
        let rsvps = repo::list_rsvps(&mut conn, event.id, o.key)
            .await
            .internal("reading answers")?;
        shown.push((event, o, card::taken(&rsvps)));
    }
    drop(conn);
    let upcoming = shown;
    if upcoming.is_empty() {
        let example = Typed::new(&["event", "create"]).example(Msg::new("sample-event-create"));
        let msg = Msg::new("event-list-empty").typed("command", example);
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let zone = ctx.zone().await;
    let reader = ctx.reader(private).await;
    let items: Vec<Line> = upcoming
        .iter()
        .map(|(event, o, going)| {
            let mut line = vec![
                Inline::Strong(format!("#{}", event.number)),
                Inline::Text(format!(" {} · ", event.title)),
                time(ctx, private, o.starts_at, &zone),
                Inline::Text(" · ".into()),
            ];
            // A series says how it repeats (and ends).
            if let Some(words) = card::repeats(&reader, event) {
                line.push(Inline::Text(format!("{words} · ")));
            }
            line.extend(
                ctx.t(
                    private,
                    &Msg::new("event-list-going")
                        .num("going", *going)
                        .num("capacity", event.capacity.unwrap_or(0)),
                ),
            );
            line
        })
        .collect();
    let title = ctx.bot.i18n().text(
        ctx.locale,
        &Msg::new("event-list-title").num("count", total),
    );
    let reply = Reply::new(private, Tone::Info).title(title).list(items);
    Ok(paging::with_footer(ctx, reply, page, &command))
}
