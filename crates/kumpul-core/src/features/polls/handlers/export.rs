//! `poll export`: a poll's ballots as CSV, one row per ballot, for those who may see its
//! results.

use super::find;
use super::results::check_results_visible;
use crate::bot::{Ctx, acquire};
use crate::error::{Internal, Result};
use crate::features::polls::PollRef;
use crate::features::polls::model::{Kind, VoterVisibility};
use crate::features::polls::render::{self, Cast};
use crate::features::polls::repo::{self, Poll};
use crate::features::polls::tally::{Availability, Ballot};
use crate::i18n::Msg;
use crate::reply::{Attachment, Reply, Tone, Visibility};

pub(super) async fn export(ctx: &Ctx<'_>, poll: PollRef) -> Result<Reply> {
    let mut conn = acquire(ctx.store()).await?;
    let poll = find(ctx, &mut conn, poll).await?;
    check_results_visible(ctx, &mut conn, &poll).await?;
    let zone = ctx.zone().await;
    let labels = render::labels(ctx.bot.i18n(), ctx.locale, &zone, &poll);
    // The file is written as the rows are read: it is the only copy of the ballots held.
    let public = poll.voters == VoterVisibility::Public;
    let mut csv = header(&poll, &labels);
    let mut count = 0i64;
    repo::visit_ballots(&mut conn, poll.id, |stored| {
        count += 1;
        if let Some(cast) = render::decode(stored) {
            push_row(&mut csv, public, &labels, &cast);
        }
    })
    .await
    .internal("reading ballots")?;
    drop(conn);
    let name = format!("poll-{}.csv", poll.number);
    let msg = Msg::new("poll-exported")
        .num("number", poll.number)
        .num("count", count)
        .text("file", &name);
    let mut reply = ctx.say(Visibility::Private, Tone::Success, &msg);
    reply.attachments.push(Attachment {
        name,
        content_type: "text/csv".into(),
        data: csv.into_bytes(),
    });
    Ok(reply)
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

/// The header line of the CSV. The voter column exists only for public polls.
fn header(poll: &Poll, labels: &[String]) -> String {
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
    let mut out = header
        .iter()
        .map(|h| field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    out
}

/// Appends the row of one ballot (with its voter's name on `public` polls).
fn push_row(out: &mut String, public: bool, labels: &[String], cast: &Cast) {
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
            (0..labels.len()).map(|n| order.get(n).map(|&i| labels[i].clone()).unwrap_or_default()),
        ),
        Ballot::Consent(vote) => {
            row.push(format!("{vote:?}").to_lowercase());
            row.push(cast.reason.clone().unwrap_or_default());
        }
        Ballot::Availability(answers) => row.extend(answers.iter().map(|a| match a {
            Availability::Yes => "yes".to_owned(),
            Availability::IfNeedBe => "if need be".to_owned(),
            Availability::No => "no".to_owned(),
        })),
    }
    out.push_str(&row.iter().map(|v| field(v)).collect::<Vec<_>>().join(","));
    out.push('\n');
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
