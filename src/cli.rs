//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// kumpul — a chat bot that helps informal groups organise themselves on Discord and Matrix.
#[derive(Debug, Parser)]
#[command(name = "kumpul", version, about, propagate_version = true)]
pub struct Cli {
    /// A configuration file layered over the built-in defaults (see config/default.toml).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Start on a new, empty SQLite database even though the data folder holds kumpul state
    /// from an earlier run. Without it kumpul refuses, since the database was probably moved
    /// or deleted and starting afresh would hide that.
    #[arg(long, global = true)]
    pub new_database: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chat with kumpul in this terminal: a local space on an embedded SQLite file.
    /// No token and no network needed.
    Console {
        /// Run the commands of FILE (one per line) instead of reading the keyboard, and print
        /// the transcript. `/as NAME [--mod]` lines switch who speaks; `#` lines are comments.
        #[arg(long, value_name = "FILE")]
        script: Option<PathBuf>,
    },
    /// Connect to the chat platforms enabled in the configuration and serve them.
    Run,
    /// Apply pending database migrations and exit (start-up also does this).
    Migrate,
    /// Copy the SQLite database to PATH while kumpul may keep running, then check the copy
    /// (integrity, migrations, rows per table). PATH must not exist. For PostgreSQL it
    /// prints the pg_dump line to use instead.
    Backup {
        /// The new file to write (never overwritten).
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Offline checks for running on Discord.
    Discord {
        #[command(subcommand)]
        command: DiscordCommand,
    },
    /// Inspect the configuration.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate the effective configuration and print it, with secrets redacted.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum DiscordCommand {
    /// Validate the slash-command registration against Discord's documented limits (and,
    /// with --spec, against Discord's OpenAPI description), then print the invite link with
    /// exactly the permissions kumpul needs. Needs no token and no network.
    Check {
        /// Discord's OpenAPI description (`openapi.json` of discord/discord-api-spec).
        #[arg(long, value_name = "PATH")]
        spec: Option<PathBuf>,
        /// The application id to put in the invite link (else a placeholder).
        #[arg(long, value_name = "ID")]
        application_id: Option<String>,
    },
}
