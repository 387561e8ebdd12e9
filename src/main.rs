#![recursion_limit = "256"]
//! kumpul: load settings, set up logging, run the chosen subcommand.

mod app;
mod backup;
mod cli;
mod console;
mod settings;
mod telemetry;

use std::process::ExitCode;

use clap::Parser;
use kumpul_core::port::Clock as _;

use cli::{Cli, Command, ConfigCommand, DiscordCommand};
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
            let bot = app::build_bot(&validated, &settings, cli.new_database).await?;
            let result = match script {
                Some(path) => {
                    let start = kumpul_core::port::SystemClock.now_ms();
                    let clock = console::Clock::Simulated(std::sync::Arc::new(
                        kumpul_core::port::ManualClock::starting_at(start),
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
        Command::Run => app::run(&settings, &validated, cli.new_database).await,
        Command::Backup { path } => backup::run(&settings, &validated, &path).await,
        Command::Migrate => {
            let store = app::open_store(&validated, &settings, cli.new_database, false).await?;
            let applied = store.migrate().await?;
            store.close().await;
            println!("database is up to date ({applied} migration(s) applied now)");
            Ok(())
        }
        Command::Discord {
            command:
                DiscordCommand::Check {
                    spec,
                    application_id,
                },
        } => discord_check(spec.as_deref(), application_id.as_deref()),
        Command::Config {
            command: ConfigCommand::Check,
        } => {
            print!("{}", settings.to_redacted_toml()?);
            println!("# configuration is valid");
            Ok(())
        }
    }
}

/// `kumpul discord check`: the registration payload checked offline, and the invite link.
fn discord_check(
    spec: Option<&std::path::Path>,
    application_id: Option<&str>,
) -> anyhow::Result<()> {
    use kumpul_discord::{commands, permissions, validate};
    let i18n = kumpul_core::port::I18n::load()?;
    let spec = spec.map(validate::Spec::load).transpose()?;
    let payload = commands::payload(&i18n);
    let count = payload.as_array().map_or(0, Vec::len);
    let problems = validate::check(spec.as_ref(), "PUT", commands::CHECK_ROUTE, &payload);
    if !problems.is_empty() {
        for problem in &problems {
            println!("{problem}");
        }
        anyhow::bail!(
            "Discord would refuse the registration of all {count} commands: {} problem(s)",
            problems.len()
        );
    }
    let checked = if spec.is_some() {
        "Discord's documented limits and its OpenAPI description"
    } else {
        "Discord's documented limits (add --spec openapi.json for the schema too)"
    };
    println!("the registration of {count} slash commands passes {checked}");
    println!();
    println!("Invite kumpul with:");
    println!(
        "  {}",
        permissions::invite_url(application_id.unwrap_or("APP_ID"))
    );
    println!("Permissions ({}):", permissions::invite_permissions());
    for needed in permissions::NEEDED {
        println!("  {} ({}): {}", needed.name, needed.bit, needed.why);
    }
    Ok(())
}
