//! `event ics`: one event, a group's or the space's events as a calendar file.

use super::{find, read_exceptions, scan_events};
use crate::bot::{Ctx, acquire};
use crate::error::Result;
use crate::features::events::EventRef;
use crate::features::groups::GroupRef;
use crate::i18n::Msg;
use crate::reply::{Attachment, Reply, Tone, Visibility};

pub(super) async fn ics(
    ctx: &Ctx<'_>,
    event: Option<EventRef>,
    group: Option<GroupRef>,
) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let (events, name) = match (event, &group) {
        (Some(event), _) => {
            let event = find(ctx, &mut conn, event).await?;
            let name = format!("event-{}.ics", event.number);
            (vec![event], name)
        }
        (None, group) => {
            let (group, events) = scan_events(ctx, &mut conn, group.as_ref(), false).await?;
            let name = match group {
                Some(group) => format!("events-{}.ics", file_safe(&group.name)),
                None => "events.ics".to_owned(),
            };
            (events, name)
        }
    };
    let mut with_exceptions = Vec::new();
    for event in events {
        let exceptions = read_exceptions(&mut conn, event.id).await?;
        with_exceptions.push((event, exceptions));
    }
    drop(conn);
    let calendar = crate::features::events::ics::calendar(&with_exceptions);
    let msg = Msg::new("event-ics")
        .num("count", with_exceptions.len() as i64)
        .text("file", &name);
    let mut reply = ctx.say(Visibility::Private, Tone::Success, &msg);
    reply.attachments.push(Attachment {
        name,
        content_type: "text/calendar".into(),
        data: calendar.into_bytes(),
    });
    Ok(reply)
}

/// A group name as part of a file name.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
