//! The top-level command line: global flags and nouns. Each noun's own
//! arguments live with its handlers under `commands/`.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::commands::{
    agenda, briefing, changes, config, crypt, demo, doc, event, export, group, history, import, init, log,
    maintenance, objective, org, person, report, search, task, undo,
};
use crate::render::Format;

/// A relationship manager for an international relations office: partner
/// parties, unions and movements, the people there, and every contact with
/// them, in one local SQLite file.
#[derive(Debug, Parser)]
#[command(name = "liaison", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The database file [env: LIAISON_DB; default: the platform data
    /// folder, e.g. ~/.local/share/liaison/liaison.db]
    #[arg(long, global = true, help_heading = "Global options", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Output format: table, json or csv for listings and records; text,
    /// md, html, csv or json for reports [default: table / text]
    #[arg(long, global = true, help_heading = "Global options", value_enum)]
    pub format: Option<FormatArg>,
    /// When to use colour (NO_COLOR is honoured by auto)
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Never prompt; fail instead (implied when stdin is not a terminal)
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_input: bool,
    /// Answer yes to confirmations
    #[arg(long, short = 'y', global = true, help_heading = "Global options")]
    pub yes: bool,
    /// Read the passphrase of an encrypted database from this file (first
    /// line) [env LIAISON_PASSPHRASE is also read, and is the least safe]
    #[arg(long, global = true, help_heading = "Global options", value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// How to read a date such as 03/04/2026: dmy or mdy (ymd for
    /// 2026/04/03) [default: `liaison config set date-order`, else refused
    /// unless a part over 12 shows the order]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_enum,
        value_name = "ORDER"
    )]
    pub date_order: Option<crate::dates::DateOrder>,
}

/// Every output format a command can be asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Text,
    Md,
    Html,
    Json,
    Csv,
}

impl FormatArg {
    /// The format of a listing: text and md read as a table.
    pub fn listing(self) -> Format {
        match self {
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            _ => Format::Table,
        }
    }
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (safe to run again)
    Init(init::InitArgs),
    /// Build a realistic sample database and show what liaison does
    Demo(demo::DemoArgs),
    /// Partner parties, unions, movements and other organisations
    #[command(subcommand)]
    Org(org::OrgCommand),
    /// The office's own groups of organisations (neighbours, the Gulf…)
    #[command(subcommand)]
    Group(group::GroupCommand),
    /// People at organisations
    #[command(subcommand)]
    Person(person::PersonCommand),
    /// Log a contact with one or more organisations
    Log(log::LogArgs),
    /// The contact log, newest first
    History(history::HistoryArgs),
    /// Follow-up tasks
    #[command(subcommand)]
    Task(task::TaskCommand),
    /// Overdue and upcoming follow-ups, and partners going cold
    Agenda(agenda::AgendaArgs),
    /// Seminars, congresses, strikes, demonstrations, actions
    #[command(subcommand)]
    Event(event::EventCommand),
    /// Documents, their translations and distribution
    #[command(subcommand)]
    Doc(doc::DocCommand),
    /// Briefings of our members on partners' positions (internal: not a contact)
    #[command(subcommand, alias = "brief")]
    Briefing(briefing::BriefingCommand),
    /// The mandates contacts, events and documents serve
    #[command(subcommand)]
    Objective(objective::ObjectiveCommand),
    /// Search names, aliases, notes and the log, in any script
    Search(search::SearchArgs),
    /// Import CSV from a spreadsheet (all rows or none)
    Import(import::ImportArgs),
    /// Export CSV for spreadsheets
    Export(export::ExportArgs),
    /// Reports for the leadership
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Revert the last command (from the change history); --list, --redo
    Undo(undo::UndoArgs),
    /// Who changed what and when, for one organisation or all
    Changes(changes::ChangesArgs),
    /// Settings kept in the database: cold_days, date_order, calendar
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Copy the database safely while others may be writing
    Backup(maintenance::BackupArgs),
    /// Encrypt the database with a passphrase
    Encrypt(crypt::EncryptArgs),
    /// Store the database unencrypted again
    Decrypt(crypt::DecryptArgs),
    /// Change the passphrase of an encrypted database
    Rekey(crypt::RekeyArgs),
    /// Check the database's integrity
    Check(maintenance::CheckArgs),
    /// Replace the database with a checked backup
    Restore(maintenance::RestoreArgs),
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write a page per command
    Man(ManArgs),
}

/// Print the manual page, or write one page per command.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write liaison.1, liaison-org.1, liaison-org-add.1 … into this folder
    /// instead of printing the whole program's page
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Parses the command line. Help and version print and yield exit 0;
/// usage errors print clap's message and yield exit 2.
pub fn parse() -> Result<Cli, i32> {
    // The examples matter only when something is printed: attaching them
    // to every command costs each run as much as parsing does, so a line
    // that parses is read without them and any other is read again with.
    let plain = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    if let Ok(cli) = plain {
        return Ok(cli);
    }
    command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| {
            let _ = e.print();
            if e.use_stderr() { 2 } else { 0 }
        })
}

/// The clap command tree with each command's examples, for parsing,
/// completions and the manual pages.
pub fn command() -> clap::Command {
    crate::help::with_examples(Cli::command())
}
