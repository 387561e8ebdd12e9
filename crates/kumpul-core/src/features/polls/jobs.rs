//! Closing polls at their deadline through the scheduler, and CSV export.

use super::model::{Kind, PollStatus, VoterVisibility};
use super::render::{self, Cast};
use super::repo::{self, Poll};
use super::tally::Ballot;
use crate::bot::Bot;
use crate::i18n::Msg;
use crate::identity::{ChannelId, SpaceId};
use crate::notify::{Audience, Delivery};
use crate::reply::{Reply, Visibility};
use crate::scheduler::{Job, Prepared};

#[derive(serde::Deserialize)]
struct Payload {
    poll: i64,
}

/// Closes the poll (if still open) and returns the results announcement. Closing twice is
/// harmless, so a retried job announces the same results again under the same key.
pub async fn prepare(bot: &Bot, job: &Job) -> anyhow::Result<Prepared> {
    let payload: Payload = serde_json::from_str(&job.payload)?;
    let mut conn = bot.store().pool().acquire().await?;
    let Some(mut poll) = repo::fetch_poll(&mut conn, payload.poll).await? else {
        return Ok(Prepared { delivery: None });
    };
    drop(conn);
    if poll.is_open() {
        super::handlers::close_now(bot, &poll, job.due_at)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    // Closed now, by this job or before it: the results are final.
    poll.status = PollStatus::Closed;
    let Some(space) = SpaceId::from_key(&poll.space_id) else {
        return Ok(Prepared { delivery: None });
    };
    let locale = bot.locale_of_space(&space).await;
    let zone = bot.zone_of_space(&space).await;
    let reply = if poll.group_only {
        // A group's results are for its members (`poll results`), not the channel.
        super::handlers::members_only(bot.i18n(), locale, &poll)
            .paragraph(bot.i18n().rich(locale, &Msg::new("poll-closed-deadline")))
    } else {
        results(bot, locale, &zone, &poll).await?
    };
    Ok(Prepared {
        delivery: Some(Delivery {
            key: job.idempotency_key.clone(),
            space,
            channel: poll.channel_id.as_deref().and_then(ChannelId::from_key),
            audience: Audience::Channel,
            reply,
        }),
    })
}

/// The final results for the channel, with the ballots that could not be counted.
async fn results(
    bot: &Bot,
    locale: crate::i18n::Locale,
    zone: &crate::time::Zone,
    poll: &Poll,
) -> anyhow::Result<Reply> {
    let mut conn = bot.store().pool().acquire().await?;
    let ballots = repo::list_ballots(&mut conn, poll.id).await?;
    let uncounted = repo::fetch_poll(&mut conn, poll.id)
        .await?
        .map_or(0, |p| p.uncounted);
    drop(conn);
    let i18n = bot.i18n();
    let reply = render::results_block(i18n, locale, zone, poll, &ballots)
        .into_reply(Visibility::Public, &poll.question)
        .paragraph(i18n.rich(locale, &Msg::new("poll-closed-deadline")));
    Ok(match uncounted {
        0 => reply,
        n => reply.paragraph(i18n.rich(locale, &Msg::new("poll-uncounted").num("count", n))),
    })
}

/// One CSV field, quoted when needed, and defused against spreadsheet formulas.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One row per ballot. The voter column exists only for public polls.
pub fn csv(poll: &Poll, labels: &[String], casts: &[Cast]) -> String {
    let public = poll.voters == VoterVisibility::Public;
    let mut header: Vec<String> = Vec::new();
    if public {
        header.push("voter".into());
    }
    match poll.kind {
        Kind::Consent => header.extend(["vote".to_owned(), "reason".to_owned()]),
        Kind::Ranked => header.extend((1..=labels.len()).map(|n| format!("rank {n}"))),
        Kind::Single | Kind::Multiple | Kind::Approval | Kind::Score | Kind::Time => {
            header.extend(labels.iter().cloned())
        }
    }
    let mut out = String::new();
    out.push_str(
        &header
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push('\n');
    for cast in casts {
        let mut row: Vec<String> = Vec::new();
        if public {
            row.push(cast.voter.clone().unwrap_or_default());
        }
        match &cast.ballot {
            Ballot::Choices(chosen) => row.extend(
                (0..labels.len()).map(|i| if chosen.contains(&i) { "1" } else { "0" }.to_owned()),
            ),
            Ballot::Scores(scores) => row.extend(scores.iter().map(u8::to_string)),
            Ballot::Ranking(order) => row.extend(
                (0..labels.len())
                    .map(|n| order.get(n).map(|&i| labels[i].clone()).unwrap_or_default()),
            ),
            Ballot::Consent(vote) => {
                row.push(format!("{vote:?}").to_lowercase());
                row.push(cast.reason.clone().unwrap_or_default());
            }
            Ballot::Availability(answers) => row.extend(answers.iter().map(|a| match a {
                super::tally::Availability::Yes => "yes".to_owned(),
                super::tally::Availability::IfNeedBe => "if need be".to_owned(),
                super::tally::Availability::No => "no".to_owned(),
            })),
        }
        out.push_str(&row.iter().map(|v| field(v)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("pizza"), "pizza");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
    }
}
