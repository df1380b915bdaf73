//! `hotline sync` and `hotline device`: connecting this device to the sync
//! server, running a round, and (supervisors) enrolling and revoking devices.

use std::path::PathBuf;

use chrono::Utc;
use clap::Subcommand;
use hotline_core::sync::{
    self, EnrolDevice, ListDevices, NewDevice, Register, RevokeDevice, SyncRunner,
};
use hotline_core::{Device, Enrolment, Error, Session};
use uuid::Uuid;
use zeroize::Zeroizing;

use crate::calls::read_input;
use crate::passphrase::{new_passphrase, prompt, PASSPHRASE_ENV};

/// The environment variable a script passes the enrolment code in.
const ENROLMENT_CODE_ENV: &str = "HOTLINE_ENROLMENT_CODE";

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Push local changes and pull everything new (the default).
    Now,
    /// Connection, changes waiting, last sync and its error.
    Status,
    /// Register the organisation on a sync server with this device as its
    /// first device (supervisors; once per organisation).
    Register {
        /// `https://…`, or `http://127.0.0.1:PORT` for a server on this computer.
        #[arg(long)]
        server: String,
        /// How this device appears in the device list.
        #[arg(long)]
        device_name: String,
        /// A PEM file with the organisation's own certificate authority (or
        /// the server's self-signed certificate), when the server's
        /// certificate is not from a public authority. Enrolled devices
        /// trust it alone for this server.
        #[arg(long)]
        server_certificate: Option<PathBuf>,
        /// The server's registration secret, when its operator set one (a
        /// server without one registers only from its own computer).
        #[arg(long, env = "HOTLINE_REGISTRATION_SECRET", hide_env_values = true)]
        registration_secret: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeviceCommand {
    /// Enrol a new device (supervisors): writes its package and prints the
    /// one-time code to read out to its user.
    Enrol {
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: String,
        /// The region whose calls the device receives (a consultant's home region).
        #[arg(long)]
        region: String,
        /// Where to write the package (a file to hand over, or paste its text).
        #[arg(long)]
        out: PathBuf,
    },
    /// Set up this device from an enrolment package (`-` reads standard input);
    /// `--user` is the login to create. Runs the first sync.
    Join {
        #[arg(long)]
        package: PathBuf,
        #[arg(long)]
        display_name: String,
    },
    /// The organisation's devices on the server (supervisors).
    List,
    /// Revoke a device: its token stops working at once (supervisors).
    Revoke { device_id: Uuid },
}

pub fn run_sync(session: &Session, command: Option<SyncCommand>) -> Result<(), Error> {
    match command.unwrap_or(SyncCommand::Now) {
        SyncCommand::Now => sync_now(session),
        SyncCommand::Status => {
            let status = session.sync().status()?;
            match &status.server_url {
                Some(url) => println!("Server: {url}"),
                None => println!("Server: not connected"),
            }
            println!("Changes waiting: {}", status.waiting);
            match status.last_synced_at {
                Some(at) => println!("Last sync: {}", at.to_rfc3339()),
                None => println!("Last sync: never"),
            }
            if let Some(error) = &status.last_error {
                println!("Last error: {} ({})", error.message.en, error.code.as_str());
            }
            if status.last_refused > 0 {
                println!("Refused in the last sync: {}", status.last_refused);
            }
            Ok(())
        }
        SyncCommand::Register {
            server,
            device_name,
            server_certificate,
            registration_secret,
        } => {
            let server_certificate = server_certificate
                .map(|path| {
                    std::fs::read_to_string(&path).map_err(|source| Error::Io {
                        path: path.clone(),
                        source,
                    })
                })
                .transpose()?;
            sync::run(
                session,
                Register {
                    server_url: server.clone(),
                    server_certificate,
                    registration_secret,
                    device_name,
                    now: Utc::now(),
                },
            )?;
            println!("Registered the organisation on {server}; this device is its first device.");
            sync_now(session)
        }
    }
}

fn sync_now(session: &Session) -> Result<(), Error> {
    let report = SyncRunner::default().run(session, Utc::now())?;
    if let Some(report) = report {
        println!(
            "Synced: {} pushed, {} pulled, {} refused.",
            report.pushed, report.pulled, report.refused
        );
        if report.refused > 0 {
            eprintln!(
                "warning: {} record(s) failed their integrity check and were not applied; tell a supervisor.",
                report.refused
            );
        }
    }
    Ok(())
}

pub fn run_device(
    device: &Device,
    user: Option<String>,
    command: DeviceCommand,
    sign_in: impl FnOnce() -> Result<Session, Error>,
) -> Result<(), Error> {
    match command {
        DeviceCommand::Join {
            package,
            display_name,
        } => {
            let login = user.ok_or(Error::invalid(
                "login",
                hotline_core::error::InvalidReason::Empty,
            ))?;
            let package = read_input(&package)?;
            let code = match std::env::var(ENROLMENT_CODE_ENV) {
                Ok(code) if !code.is_empty() => Zeroizing::new(code),
                _ => prompt("Enrolment code (from the supervisor): ")?,
            };
            let passphrase = new_passphrase(PASSPHRASE_ENV, "Your new passphrase")?;
            let session = device.enrol(
                Enrolment {
                    package,
                    code,
                    login,
                    display_name,
                },
                &passphrase,
                Utc::now(),
            )?;
            println!(
                "Joined \"{}\" as {} ({}, {}).",
                session.organisation().name,
                session.account().login,
                session.account().role.code(),
                session.account().home_region.code()
            );
            sync_now(&session)
        }
        DeviceCommand::Enrol {
            name,
            role,
            region,
            out,
        } => {
            let session = sign_in()?;
            let saved = sync::run(
                &session,
                EnrolDevice {
                    device: NewDevice {
                        device_name: name,
                        role: hotline_core::accounts::parse_role(&role)?,
                        region: hotline_core::region::parse(&region)?,
                    },
                    package: out,
                    now: Utc::now(),
                },
            )?;
            println!("Enrolment package written to {}.", saved.path);
            println!("Device id: {}", saved.device_id);
            println!(
                "Valid until: {}",
                saved.expires_at.format("%d.%m.%Y %H:%M UTC")
            );
            println!(
                "Read this code to the device's user: {}",
                saved.code.as_str()
            );
            Ok(())
        }
        DeviceCommand::List => {
            let session = sign_in()?;
            for info in sync::run(&session, ListDevices)?.devices {
                let state = match (info.revoked_at, info.last_seen_at) {
                    (Some(at), _) => format!("revoked {}", at.format("%d.%m.%Y")),
                    (None, Some(at)) => format!("seen {}", at.format("%d.%m.%Y %H:%M")),
                    (None, None) => "never seen".to_owned(),
                };
                println!(
                    "{}  {:<11} {:<8} {:<24} {}",
                    info.device_id,
                    info.role.code(),
                    info.region.code(),
                    info.device_name,
                    state
                );
            }
            Ok(())
        }
        DeviceCommand::Revoke { device_id } => {
            sync::run(
                &sign_in()?,
                RevokeDevice {
                    device_id,
                    now: Utc::now(),
                },
            )?;
            println!("Revoked {device_id}: its token no longer works; its data stays.");
            Ok(())
        }
    }
}
