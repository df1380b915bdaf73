//! `hotline audit …`: the audit log as a table, and the check of its hash
//! chain. A broken chain exits non-zero and names the first broken entry.

use chrono_tz::Europe::Riga;
use clap::Subcommand;
use hotline_core::{Error, Session};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Every entry, oldest first.
    List,
    /// Recompute the hash chain; report the first entry that was altered.
    Verify,
}

pub fn run(session: &Session, command: AuditCommand) -> Result<(), Error> {
    match command {
        AuditCommand::List => {
            for entry in session.audit_entries()? {
                println!(
                    "{:>6}  {}  {:<28} {:<10} {:<36} {}",
                    entry.seq,
                    entry.at.with_timezone(&Riga).format("%d.%m.%Y %H:%M:%S"),
                    entry.action,
                    entry.target_kind.as_deref().unwrap_or("-"),
                    entry.target_id.as_deref().unwrap_or("-"),
                    entry.details
                );
            }
        }
        AuditCommand::Verify => {
            let verification = session.verify_audit_log()?;
            if let Some(link) = &verification.other_device_broken {
                println!(
                    "audit log of device {} BROKEN at entry {}: it was altered on the way or here",
                    link.device_id, link.seq
                );
                return Err(Error::DatabaseCorrupt(format!(
                    "audit log of device {} broken at entry {}",
                    link.device_id, link.seq
                )));
            }
            match verification.first_broken {
                None => println!("audit log intact: {} entries", verification.entries),
                Some(seq) => {
                    println!(
                        "audit log BROKEN at entry {seq} (of {}): it was altered, removed or inserted",
                        verification.entries
                    );
                    return Err(Error::DatabaseCorrupt(format!(
                        "audit log broken at entry {seq}"
                    )));
                }
            }
        }
    }
    Ok(())
}
