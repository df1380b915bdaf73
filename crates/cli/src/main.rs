//! `hotline`: Hotline Desk's command line, for setting up a device, managing
//! its accounts and checking its state without the desktop app. All logic is in
//! hotline-core; this binary parses arguments, asks for passphrases and prints.

mod audit;
mod call_export;
mod calls;
mod categories;
mod passphrase;
mod referrals;
mod report;
mod sync;
mod update;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Parser, Subcommand};
use hotline_core::accounts::{normalise_login, NewAccount};
use hotline_core::calls::RetentionHold;
use hotline_core::error::InvalidReason;
use hotline_core::{DataDir, Device, DeviceState, Error, FirstRunSetup, Language, Session};

use passphrase::{current_passphrase, new_passphrase, NEW_PASSPHRASE_ENV};

#[derive(Debug, Parser)]
#[command(name = "hotline", version, about = "Hotline Desk command line")]
struct Cli {
    /// The device's data directory (default: the platform data directory).
    #[arg(long, global = true, env = "HOTLINE_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// The account to sign in as.
    #[arg(long, global = true, env = "HOTLINE_USER", value_name = "LOGIN")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Set up this device: the organisation and its first supervisor.
    Init(InitArgs),
    /// Manage the accounts that may unlock this device.
    #[command(subcommand)]
    User(UserCommand),
    /// Show this device's state; with --user, also the organisation and account.
    Status,
    /// Add, list, show and export calls; follow-ups; an example and sample calls.
    #[command(subcommand, alias = "calls")]
    Call(calls::CallCommand),
    /// Search, import and export the referral directory.
    #[command(subcommand)]
    Referrals(referrals::ReferralsCommand),
    /// Write a report for a period as XLSX, CSV or PDF, or its cases as a CTDC
    /// file (supervisors).
    Report(report::ReportArgs),
    /// Read and verify the audit log (supervisors).
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Sync with the organisation's server (`hotline sync` runs a round).
    Sync {
        #[command(subcommand)]
        command: Option<sync::SyncCommand>,
    },
    /// Join this device to an organisation, or manage its devices.
    #[command(subcommand)]
    Device(sync::DeviceCommand),
    /// The retention period, after which calls keep only their statistics.
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// The organisation's call subjects: list, and (supervisors) add, retire,
    /// restore or delete.
    #[command(subcommand, alias = "categories")]
    Category(categories::CategoryCommand),
    /// Sign a release for the organisation's laptops (supervisors), or check
    /// what the server offers.
    #[command(subcommand)]
    Update(update::UpdateCommand),
    /// Write an encrypted backup of the whole store (supervisors).
    Backup {
        /// The backup file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace this device's store with a backup, after checking all of it
    /// (a supervisor's login and passphrase as they were at the backup).
    Restore {
        /// The backup file.
        backup: PathBuf,
    },
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The organisation's name.
    #[arg(long)]
    org: String,
    /// The supervisor's display name.
    #[arg(long)]
    display_name: String,
    /// The supervisor's home region.
    #[arg(long, default_value = "riga")]
    region: String,
}

#[derive(Debug, Subcommand)]
enum RetentionCommand {
    /// The period in years.
    Show,
    /// Anonymise the calls past the period now (also runs at every unlock).
    Run {
        /// Anonymise even more than 100 calls at once (supervisors).
        #[arg(long)]
        confirm: bool,
    },
    /// Set the organisation's period (supervisors), 1 to 50 years; it
    /// reaches every laptop at their next sync.
    Set { years: u32 },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add an account (supervisors only); its passphrase comes from
    /// HOTLINE_NEW_PASSPHRASE or a prompt.
    Add {
        login: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        region: String,
        #[arg(long)]
        display_name: String,
    },
    /// List the accounts on this device.
    List,
    /// Change your passphrase, or (supervisors) set a new one for LOGIN.
    Passwd { login: Option<String> },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let language = message_language();
            let public = error.to_public();
            eprintln!("error: {}", public.message.get(language));
            if let Some(field) = &public.field {
                eprintln!("(field: {field})");
            }
            eprintln!("(code: {})", public.code.as_str());
            ExitCode::FAILURE
        }
    }
}

/// Latvian or Russian when the environment's locale is, English otherwise.
fn message_language() -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
        .unwrap_or_default();
    if locale.starts_with("lv") {
        Language::Lv
    } else if locale.starts_with("ru") {
        Language::Ru
    } else {
        Language::En
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let device = Device::new(DataDir::resolve(cli.data_dir)?);
    match cli.command {
        Command::Init(args) => init(&device, cli.user, args),
        Command::Status => status(&device, cli.user),
        Command::Call(command) => calls::run(&sign_in(&device, cli.user)?, command),
        Command::Referrals(command) => {
            referrals::run(&sign_in(&device, cli.user)?, command, message_language())
        }
        Command::Audit(command) => audit::run(&sign_in(&device, cli.user)?, command),
        Command::Report(args) => report::run(&sign_in(&device, cli.user)?, args),
        Command::Sync { command } => sync::run_sync(&sign_in(&device, cli.user)?, command),
        Command::Device(command) => {
            let login = cli.user.clone();
            sync::run_device(&device, cli.user, command, || sign_in(&device, login))
        }
        Command::Retention(command) => retention(&sign_in(&device, cli.user)?, command),
        Command::Category(command) => categories::run(&sign_in(&device, cli.user)?, command),
        Command::Update(command) => update::run(&sign_in(&device, cli.user)?, command),
        Command::Backup { out } => {
            let summary = sign_in(&device, cli.user)?.backup(&out, Utc::now())?;
            println!(
                "Backup written to {} ({} bytes).",
                summary.path.display(),
                summary.bytes
            );
            Ok(())
        }
        Command::Restore { backup } => {
            let login = cli
                .user
                .ok_or(Error::invalid("login", InvalidReason::Empty))?;
            let passphrase = current_passphrase()?;
            let session = device.restore(&backup, &login, &passphrase, Utc::now())?;
            println!(
                "Restored {} from {}; signed in as {}.",
                session.organisation().name,
                backup.display(),
                session.account().login
            );
            Ok(())
        }
        Command::User(command) => {
            let mut session = sign_in(&device, cli.user)?;
            user(&mut session, command)
        }
    }
}

fn init(device: &Device, user: Option<String>, args: InitArgs) -> Result<(), Error> {
    let login = user.ok_or(Error::invalid("login", InvalidReason::Empty))?;
    if device.state()? != DeviceState::NotSetUp {
        return Err(Error::AlreadySetUp);
    }
    let setup = FirstRunSetup {
        organisation_name: args.org,
        login,
        display_name: args.display_name,
        home_region: hotline_core::region::parse(&args.region)?,
    };
    let passphrase = new_passphrase("HOTLINE_PASSPHRASE", "Supervisor passphrase")?;
    let session = device.set_up(setup, &passphrase, Utc::now())?;
    println!(
        "Set up \"{}\" in {} with supervisor {}.",
        session.organisation().name,
        device.data_dir().root().display(),
        session.account().login
    );
    Ok(())
}

fn sign_in(device: &Device, user: Option<String>) -> Result<Session, Error> {
    let login = user.ok_or(Error::invalid("login", InvalidReason::Empty))?;
    let passphrase = current_passphrase()?;
    device.unlock(&login, &passphrase, Utc::now())
}

fn status(device: &Device, user: Option<String>) -> Result<(), Error> {
    println!("Data directory: {}", device.data_dir().root().display());
    match device.state()? {
        DeviceState::NotSetUp => {
            println!("State: not set up (run `hotline init`)");
            return Ok(());
        }
        DeviceState::Locked => println!("State: set up, {} account(s)", device.account_count()?),
    }
    if user.is_some() {
        let session = sign_in(device, user)?;
        let info = session.info()?;
        println!("Organisation: {}", info.organisation.name);
        println!(
            "Signed in as: {} ({}, {})",
            info.account.login,
            info.account.role.code(),
            info.account.home_region.code()
        );
        println!("Auto-lock after: {} min", info.auto_lock_minutes);
    }
    Ok(())
}

fn retention(session: &Session, command: RetentionCommand) -> Result<(), Error> {
    let retention = session.retention();
    match command {
        RetentionCommand::Show => println!("Retention: {} years", retention.years()?),
        RetentionCommand::Run { confirm } => {
            let run = if confirm {
                retention.run_confirmed(Utc::now())?
            } else {
                retention.run(Utc::now())?
            };
            match run.held {
                None => println!(
                    "Anonymised {} call(s) that started before {} ({} years).",
                    run.anonymised,
                    run.cutoff.format("%d.%m.%Y"),
                    run.retention_years
                ),
                Some(RetentionHold::AwaitingConfirmation) => println!(
                    "{} call(s) started before {} and are due; nothing was anonymised. \
                     Check the period ({} years), then run again with --confirm.",
                    run.due,
                    run.cutoff.format("%d.%m.%Y"),
                    run.retention_years
                ),
                Some(RetentionHold::ClockDisagrees) => println!(
                    "Nothing was anonymised: this computer's clock differed from the sync \
                     server's by more than a day at the last sync. Correct the clock and sync again."
                ),
            }
        }
        RetentionCommand::Set { years } => {
            retention.set_years(years, Utc::now())?;
            println!("Retention: {years} years");
        }
    }
    Ok(())
}

fn user(session: &mut Session, command: UserCommand) -> Result<(), Error> {
    match command {
        UserCommand::Add {
            login,
            role,
            region,
            display_name,
        } => {
            let new = NewAccount {
                login,
                display_name,
                role: hotline_core::accounts::parse_role(&role)?,
                home_region: hotline_core::region::parse(&region)?,
            };
            // Refuse a bad login before asking for the new passphrase.
            normalise_login(&new.login)?;
            let passphrase = new_passphrase(NEW_PASSPHRASE_ENV, "Passphrase for the new account")?;
            let account = session.add_account(new, &passphrase, Utc::now())?;
            println!(
                "Added {} ({}, {}).",
                account.login,
                account.role.code(),
                account.home_region.code()
            );
        }
        UserCommand::List => {
            for account in session.accounts()? {
                println!(
                    "{:<24} {:<11} {:<8} {}",
                    account.login,
                    account.role.code(),
                    account.home_region.code(),
                    account.display_name
                );
            }
        }
        UserCommand::Passwd { login: None } => {
            let current = current_passphrase()?;
            let new = new_passphrase(NEW_PASSPHRASE_ENV, "New passphrase")?;
            session.change_passphrase(&current, &new, Utc::now())?;
            println!("Passphrase changed.");
        }
        UserCommand::Passwd { login: Some(login) } => {
            let new = new_passphrase(NEW_PASSPHRASE_ENV, "New passphrase for the account")?;
            session.reset_passphrase(&login, &new, Utc::now())?;
            println!("Passphrase set for {}.", login.trim().to_lowercase());
        }
    }
    Ok(())
}
