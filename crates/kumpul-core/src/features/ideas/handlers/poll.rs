//! `idea poll 3 5 7`: chosen ideas become the options of a new poll, and are linked to it
//! — the path from idea to decision.

use super::super::IdeaRef;
use super::super::repo::{self, Idea};
use super::{check_group_member, find};
use crate::bot::{Ctx, acquire, begin};
use crate::catalogue::Typed;
use crate::error::{Internal, Result};
use crate::features::groups::GroupRef;
use crate::features::polls::model::{
    Kind, OPTION_MAX, OPTIONS_MAX, ResultsVisibility, VoterVisibility,
};
use crate::features::polls::tally::ConsentRule;
use crate::features::polls::{self, NewPoll, PollCommand};
use crate::i18n::Msg;
use crate::reply::{Reply, Visibility};

/// `3 5 7` or `3, 5, 7` → idea numbers.
fn numbers(text: &str) -> Result<Vec<i64>> {
    let numbers: Option<Vec<i64>> = text
        .split([' ', ',', ';'])
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_start_matches('#').parse().ok())
        .collect();
    let invalid = || {
        Msg::new("idea-poll-numbers")
            .typed("example", example())
            .num("max", OPTIONS_MAX as i64)
    };
    let mut numbers = numbers.ok_or_else(invalid)?;
    numbers.dedup();
    if numbers.len() < 2 || numbers.len() > OPTIONS_MAX {
        return Err(invalid().into());
    }
    Ok(numbers)
}

/// `idea poll 3 5 7`.
fn example() -> Typed {
    Typed::new(&["idea", "poll"]).value("3 5 7")
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

/// The group the chosen ideas share (`None`: ideas of everyone).
fn shared_group(chosen: &[Idea]) -> Result<Option<i64>> {
    // A group's ideas go to a poll of that group; ideas of different groups (or of a
    // group and of everyone) do not share one.
    let mut groups: Vec<Option<i64>> = chosen.iter().map(|i| i.group_id).collect();
    groups.dedup();
    match groups.as_slice() {
        [one] => Ok(*one),
        _ => Err(Msg::new("idea-poll-mixed-groups")
            .typed("example", example())
            .into()),
    }
}

/// The poll's options: each idea's text, with its number where two would read the same.
fn labels(chosen: &[Idea]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for idea in chosen {
        let mut label = option(&idea.text);
        if labels
            .iter()
            .any(|l| l.to_lowercase() == label.to_lowercase())
        {
            label = option(&format!("#{} {}", idea.number, idea.text));
        }
        labels.push(label);
    }
    labels
}

pub(super) async fn poll(ctx: &Ctx<'_>, ideas: &str, kind: Kind) -> Result<Reply> {
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
    let group = shared_group(&chosen)?;
    let labels = labels(&chosen);
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
    if let Some(anchor) = reply.anchor() {
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
