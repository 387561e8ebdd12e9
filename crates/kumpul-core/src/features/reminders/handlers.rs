//! What each reminders command does.

use jiff::Timestamp;

use super::repo::{self, NewReminder, Reminder};
use super::{JOB_KIND, RemindCommand, ReminderRef, Target, occurrence_key};
use crate::bot::{Ctx, acquire, begin};
use crate::catalogue::Typed;
use crate::error::{Error, Internal, Result};
use crate::features::groups;
use crate::features::settings::repo as settings_repo;
use crate::i18n::Msg;
use crate::limits::{self, Kind};
use crate::paging::{self, Page};
use crate::reply::{Action, ActionId, ActionStyle, Inline, Reply, Tone, Visibility};
use crate::scheduler::{NewJob, repo as jobs_repo};
use crate::store::retry_conflicts;
use crate::time::parse::{When, parse_when};
use crate::time::recur::Rule;
use crate::time::{Zone, format};
use crate::vocab::{Intent, RemindIntent};

/// How often a reminder insert is retried when another one took the same number.
const NUMBER_RETRIES: usize = 5;

pub async fn execute(ctx: &Ctx<'_>, command: RemindCommand) -> Result<Reply> {
    match command {
        RemindCommand::Create { target, when, text } => {
            create(ctx, &target, &when, text.as_str()).await
        }
        RemindCommand::List { page } => list(ctx, page).await,
        RemindCommand::Cancel(reminder) => cancel(ctx, reminder).await,
    }
}

/// Reads `when` in the actor's zone, or explains how it was read.
fn read_when(ctx: &Ctx<'_>, zone: &Zone, when: &str) -> Result<When> {
    let now = Timestamp::from_millisecond(ctx.inv.now_ms)
        .internal("reading the clock")?
        .to_zoned_datetime(zone.tz().clone());
    parse_when(when, &now).map_err(|error| {
        let locale = ctx.locale_for(Visibility::Private);
        Error::User(format::time_error(
            ctx.bot.i18n(),
            locale,
            zone,
            when,
            &error,
        ))
    })
}

async fn create(ctx: &Ctx<'_>, target: &Target, typed: &str, text: &str) -> Result<Reply> {
    let zone = ctx.zone().await;
    let when = read_when(ctx, &zone, typed)?;
    let (first, rule) = match &when {
        When::Once(at) => (at.clone(), None),
        When::Repeat { rule, first } => (first.clone(), Some(rule.clone())),
    };
    let due = first.timestamp().as_millisecond();
    let group = match target {
        Target::Me => None,
        Target::Group(group) => {
            let mut conn = acquire(ctx.store()).await?;
            Some(
                groups::find_group_for_member(ctx, &mut conn, group, "remind-group-not-member")
                    .await?,
            )
        }
    };
    let space = ctx.space_key();
    let channel = ctx.inv.channel.as_ref().map(|c| c.key());
    let rrule = rule.as_ref().map(Rule::to_rrule);
    let anchor = rule.as_ref().map(|_| first.date().to_string());
    let creator = ctx.actor_key();
    let (space, channel, creator, rrule, anchor) = (&space, &channel, &creator, &rrule, &anchor);
    let group_id = group.as_ref().map(|g| g.id);
    let zone_name = zone.name();
    check_repeat(ctx, rule.as_ref(), &first, &zone)?;
    let number = retry_conflicts(NUMBER_RETRIES, || {
        let id = fastrand::i64(1..(1 << 53));
        async move {
            let new = NewReminder {
                id,
                space_id: space,
                channel_id: channel.as_deref(),
                creator_id: creator,
                creator_name: &ctx.inv.actor.display_name,
                group_id,
                text,
                zone: zone_name,
                rrule: rrule.as_deref(),
                anchor_date: anchor.as_deref(),
                next_at: due,
                created_at: ctx.inv.now_ms,
            };
            let stored = insert(ctx, &new).await?;
            Ok(stored)
        }
    })
    .await
    .internal("storing a reminder")??;
    ctx.bot.wake_scheduler();
    // A group reminder is announced publicly, so its time is shown in the space's zone.
    let shown_zone = match group {
        Some(_) => ctx.bot.zone_of_space(&ctx.inv.space).await,
        None => zone.clone(),
    };
    let group_name = group.as_ref().map(|g| g.name.as_str());
    // `pukul 14.00 WITA` is confirmed as 13:00 WIB with "(written as 14:00 WITA)", so a
    // zone that was understood is visible.
    let locale = ctx.locale_for(confirmation_visibility(group_name));
    let as_typed = format::as_typed(ctx.bot.i18n(), locale, due, typed, &zone, &shown_zone);
    Ok(confirmation(
        ctx,
        &shown_zone,
        number,
        (due, as_typed),
        rule.as_ref(),
        group_name,
        text,
    ))
}

/// A repeating reminder may not fire more often than the deployment allows.
fn check_repeat(
    ctx: &Ctx<'_>,
    rule: Option<&Rule>,
    first: &jiff::ZonedDateTime,
    zone: &Zone,
) -> Result<()> {
    let min = ctx.bot.config().limits.repeat_min_interval;
    match rule.and_then(|rule| limits::refuse_repeat(rule, first, zone, min)) {
        Some(refused) => Err(refused.into()),
        None => Ok(()),
    }
}

/// One transaction: the space, the reminder and its first job — or, when the creator or
/// the space has as many pending reminders as allowed, nothing and the refusal.
async fn insert(ctx: &Ctx<'_>, new: &NewReminder<'_>) -> Result<Result<i64, Msg>, sqlx::Error> {
    let mut tx = ctx.store().pool().begin().await?;
    settings_repo::ensure_space(&mut tx, new.space_id, ctx.inv.now_ms).await?;
    let limits = &ctx.bot.config().limits;
    let (space, creator) = (new.space_id, new.creator_id);
    let now = ctx.inv.now_ms;
    let room = limits::check_room(&mut tx, limits, Kind::Reminders, space, creator, now).await?;
    if let Some(refused) = room {
        return Ok(Err(refused));
    }
    let number = repo::insert_reminder(&mut tx, new).await?;
    let job = NewJob {
        kind: JOB_KIND,
        owner_id: new.id,
        payload: serde_json::json!({ "reminder": new.id }).to_string(),
        space_id: new.space_id.to_owned(),
        due_at: new.next_at,
        idempotency_key: occurrence_key(new.id, new.next_at),
    };
    jobs_repo::insert_job(&mut tx, &job, ctx.inv.now_ms).await?;
    tx.commit().await?;
    Ok(Ok(number))
}

/// A reminder for a group is announced to everyone; a personal one only to its owner.
fn confirmation_visibility(group: Option<&str>) -> Visibility {
    if group.is_some() {
        Visibility::Public
    } else {
        Visibility::Private
    }
}

/// `due` comes with how it was typed when that was in another zone.
fn confirmation(
    ctx: &Ctx<'_>,
    zone: &Zone,
    number: i64,
    (due, as_typed): (i64, Option<String>),
    rule: Option<&Rule>,
    group: Option<&str>,
    text: &str,
) -> Reply {
    let visibility = confirmation_visibility(group);
    let locale = ctx.locale_for(visibility);
    let i18n = ctx.bot.i18n();
    let msg = match group {
        Some(name) => Msg::new("remind-set-group")
            .strong("actor", &ctx.inv.actor.display_name)
            .strong("name", name),
        None => Msg::new("remind-set-me"),
    };
    let mut line = ctx.t(visibility, &msg.text("text", text));
    line.push(Inline::Text(" ".into()));
    line.push(format::inline(i18n, locale, due, ctx.inv.now_ms, zone));
    if let Some(as_typed) = as_typed {
        line.push(Inline::Text(format!(" {as_typed}")));
    }
    let mut reply = Reply::new(visibility, Tone::Success).paragraph(line);
    if let Some(rule) = rule {
        let repeats = Msg::new("remind-repeats").text("rule", format::rule(i18n, locale, rule));
        reply = reply.paragraph(ctx.t(visibility, &repeats));
    }
    let cancel_hint = Msg::new("remind-number")
        .num("number", number)
        .typed("command", Typed::new(&["remind", "cancel"]).value(number));
    // What someone wants right after setting a reminder is to see it among the others,
    // not to cancel it: how to cancel is said above, with its number.
    reply
        .paragraph(ctx.t(visibility, &cancel_hint))
        .action(Action {
            label: ctx.label(visibility, "action-my-reminders"),
            style: ActionStyle::Secondary,
            id: ActionId::new(Intent::Remind(RemindIntent::List)),
            command: Typed::new(&["remind", "list"]).render(i18n, locale),
        })
}

async fn list(ctx: &Ctx<'_>, page: Option<i64>) -> Result<Reply> {
    let private = Visibility::Private;
    let mut conn = acquire(ctx.store()).await?;
    let (space, actor) = (ctx.space_key(), ctx.actor_key());
    let total = repo::count_active_for(&mut conn, &space, &actor)
        .await
        .internal("counting reminders")?;
    if total == 0 {
        let example = Typed::new(&["remind", "me"]).example(Msg::new("sample-remind-me"));
        let msg = Msg::new("remind-list-empty").typed("command", example);
        return Ok(ctx.say(private, Tone::Info, &msg));
    }
    let command = crate::catalogue::Typed::new(&["remind", "list"]);
    let page = Page::of(page, total, &command)?;
    let reminders = repo::list_active_page_for(&mut conn, &space, &actor, page.size, page.offset())
        .await
        .internal("listing reminders")?;
    drop(conn);
    let zone = ctx.zone().await;
    let i18n = ctx.bot.i18n();
    let items = reminders
        .iter()
        .map(|r| {
            let mut line = vec![
                Inline::Strong(format!("#{}", r.number)),
                Inline::Text(" · ".into()),
            ];
            if let Some(at) = r.next_at {
                line.push(format::inline(i18n, ctx.locale, at, ctx.inv.now_ms, &zone));
            }
            if let Some(rule) = r.rrule.as_deref().and_then(Rule::from_rrule) {
                line.push(Inline::Text(format!(
                    " · {}",
                    format::rule(i18n, ctx.locale, &rule)
                )));
            }
            if let Some(group) = &r.group_name {
                line.push(Inline::Text(" · ".into()));
                line.push(Inline::Strong(group.clone()));
            }
            line.push(Inline::Text(format!(" — {}", paging::preview(&r.text))));
            line
        })
        .collect();
    let title = i18n.text(
        ctx.locale,
        &Msg::new("remind-list-title").num("count", total),
    );
    let reply = Reply::new(private, Tone::Info).title(title).list(items);
    Ok(paging::with_footer(ctx, reply, page, &command))
}

async fn cancel(ctx: &Ctx<'_>, reminder: ReminderRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let found: Reminder = crate::items::find(ctx, &mut conn, reminder).await?;
    drop(conn);
    check_can_cancel(ctx, &found)?;
    let not_active = || {
        Msg::new("remind-not-active")
            .num("number", found.number)
            .into()
    };
    if !found.is_active() {
        return Err(not_active());
    }
    // Still active when written (checked by the update itself, which goes first so it
    // holds the lock), and then every pending job of it is cancelled, including one the
    // scheduler scheduled a moment before.
    let mut tx = begin(ctx.store()).await?;
    let cancelled = repo::cancel_reminder(&mut tx, found.id)
        .await
        .internal("cancelling a reminder")?;
    if !cancelled {
        return Err(not_active());
    }
    jobs_repo::cancel_jobs_of(&mut tx, JOB_KIND, found.id, ctx.inv.now_ms)
        .await
        .internal("cancelling a reminder's jobs")?;
    tx.commit()
        .await
        .internal("committing a cancelled reminder")?;
    let msg = Msg::new("remind-cancelled")
        .num("number", found.number)
        .text("text", &found.text);
    Ok(ctx.say(Visibility::Private, Tone::Success, &msg))
}

fn check_can_cancel(ctx: &Ctx<'_>, reminder: &Reminder) -> Result<()> {
    if reminder.creator_id == ctx.actor_key() || ctx.is_moderator() {
        Ok(())
    } else {
        Err(Msg::new("remind-not-yours")
            .num("number", reminder.number)
            .into())
    }
}
