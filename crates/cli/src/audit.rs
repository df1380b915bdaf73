//! `hotline audit …`: the audit log as a table, and the check of every
//! device's chain and signatures. A broken chain exits non-zero and names
//! the first broken entry of each device, and what is wrong with it.

use chrono_tz::Europe::Riga;
use clap::Subcommand;
use hotline_core::audit::AuditProblem;
use hotline_core::{Error, Session};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Every entry, oldest first.
    List,
    /// Check every device's hash chain and signatures; name each log's
    /// first entry that was altered, forged, removed or forked, and gaps.
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
            for gap in &verification.gaps {
                println!(
                    "audit log of device {}: entries {} to {} have not arrived (normal while sync catches up)",
                    gap.device_id,
                    gap.after + 1,
                    gap.before - 1
                );
            }
            for link in &verification.other_devices_broken {
                println!(
                    "audit log of device {} BROKEN at entry {}: {}",
                    link.device_id,
                    link.seq,
                    described(link.problem)
                );
            }
            if let (Some(seq), Some(problem)) = (verification.first_broken, verification.problem) {
                println!(
                    "audit log BROKEN at entry {seq} (of {}): {}",
                    verification.entries,
                    described(problem)
                );
            }
            if !verification.is_intact() {
                return Err(Error::DatabaseCorrupt(
                    "the audit log does not verify (see above)".into(),
                ));
            }
            println!("audit log intact: {} entries", verification.entries);
        }
    }
    Ok(())
}

fn described(problem: AuditProblem) -> &'static str {
    match problem {
        AuditProblem::Altered => "its content was changed",
        AuditProblem::Forged => {
            "it was changed and the hashes after it recomputed: its device did not sign it"
        }
        AuditProblem::Unlinked => "an entry before it was removed, inserted or moved",
        AuditProblem::Fork => {
            "another, different entry has the same number: the log was rewritten or rewound"
        }
    }
}
