//! The two ways to drive a session: a script printed as a transcript, or the keyboard
//! with due reminders printed while you type.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio_util::sync::CancellationToken;

use super::Session;

/// Runs a script and prints the transcript: each line as typed, then the reply.
pub async fn run_script(mut session: Session, path: &Path) -> anyhow::Result<()> {
    let script = std::fs::read_to_string(path)
        .with_context(|| format!("reading the script {}", path.display()))?;
    session.start_scheduler().await?;
    for line in script.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('#') {
            println!("{trimmed}");
            continue;
        }
        println!("{}{trimmed}", session.prompt());
        match session.handle_line(trimmed).await {
            Some(output) if output.is_empty() => {}
            Some(output) => println!("{output}"),
            None => break,
        }
    }
    Ok(())
}

/// Reads the keyboard until `/quit`, end of input or Ctrl-C.
pub async fn run_interactive(mut session: Session) -> anyhow::Result<()> {
    println!("{}", session.welcome().await);
    session.start_scheduler().await?;
    // Due reminders are printed while you type.
    let cancel = CancellationToken::new();
    let scheduler = tokio::spawn(session.scheduler.clone().run(cancel.clone()));
    let result = read_keyboard(&mut session).await;
    cancel.cancel();
    match scheduler.await {
        Ok(Err(error)) => tracing::error!(error = format!("{error:#}"), "the scheduler stopped"),
        Err(error) => tracing::error!(%error, "the scheduler task failed"),
        Ok(Ok(())) => {}
    }
    result
}

async fn read_keyboard(session: &mut Session) -> anyhow::Result<()> {
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    loop {
        print!("{}", session.prompt());
        std::io::stdout().flush()?;
        let line = tokio::select! {
            line = lines.next_line() => line.context("reading the keyboard")?,
            _ = tokio::signal::ctrl_c() => None,
        };
        let Some(line) = line else {
            println!();
            return Ok(());
        };
        match session.handle_line(&line).await {
            Some(output) if output.is_empty() => {}
            Some(output) => println!("{output}"),
            None => return Ok(()),
        }
    }
}
