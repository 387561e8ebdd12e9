#![recursion_limit = "256"]
//! kumpul: load settings, set up logging, run the chosen subcommand.

mod app;
mod cli;
mod console;
mod settings;
mod telemetry;

use std::process::ExitCode;

use clap::Parser;
use kumpul_core::time::clock::Clock as _;

use cli::{Cli, Command, ConfigCommand};
use settings::Settings;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(cli.config.as_deref())?;
    let validated = settings.validate()?;
    let mode = match cli.command {
        Command::Console { .. } => telemetry::Mode::Console,
        _ => telemetry::Mode::Service,
    };
    telemetry::init(&settings.log, mode)?;
    tracing::debug!(?settings, "configuration loaded");

    match cli.command {
        Command::Console { script } => {
            let bot = app::build_bot(&validated, &settings).await?;
            let result = match script {
                Some(path) => {
                    let start = kumpul_core::time::clock::SystemClock.now_ms();
                    let clock = console::Clock::Simulated(std::sync::Arc::new(
                        kumpul_core::time::clock::ManualClock::starting_at(start),
                    ));
                    let session = console::Session::new(bot.clone(), &settings, &validated, clock);
                    console::run_script(session, &path).await
                }
                None => {
                    let session = console::Session::new(
                        bot.clone(),
                        &settings,
                        &validated,
                        console::Clock::Real,
                    );
                    console::run_interactive(session).await
                }
            };
            bot.store().close().await;
            result
        }
        Command::Run => app::run(&settings, &validated).await,
        Command::Migrate => {
            let store = kumpul_core::store::Store::connect(
                &validated.database,
                settings.database.max_connections,
            )
            .await?;
            let applied = store.migrate().await?;
            store.close().await;
            println!("database is up to date ({applied} migration(s) applied now)");
            Ok(())
        }
        Command::Config {
            command: ConfigCommand::Check,
        } => {
            print!("{}", settings.to_redacted_toml()?);
            println!("# configuration is valid");
            Ok(())
        }
    }
}
