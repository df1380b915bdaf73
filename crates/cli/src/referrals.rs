//! `hotline referrals …`: search the directory, import a CSV or HSDS file
//! (all of it or nothing), export it. Confidential addresses are exported only
//! when asked for, by a supervisor.

use std::path::PathBuf;

use chrono::Utc;
use clap::{Subcommand, ValueEnum};
use hotline_core::referrals::{ExportOptions, ReferralQuery, TransferFormat};
use hotline_core::store::write_atomically;
use hotline_core::{Error, Language, Session};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Hsds,
}

impl From<Format> for TransferFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Csv => TransferFormat::Csv,
            Format::Hsds => TransferFormat::Hsds,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ReferralsCommand {
    /// Find entries by name, service, place or notes ("dros maja").
    Search { text: Vec<String> },
    /// Import a file; one bad row rejects the whole file, listing every problem.
    Import {
        path: PathBuf,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Write the directory to a file.
    Export {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Include shelters' confidential addresses (supervisors only).
        #[arg(long)]
        include_confidential: bool,
        #[arg(long)]
        include_retired: bool,
    },
}

pub fn run(session: &Session, command: ReferralsCommand, language: Language) -> Result<(), Error> {
    let directory = session.directory();
    match command {
        ReferralsCommand::Search { text } => {
            let query = ReferralQuery {
                text: Some(text.join(" ")),
                ..ReferralQuery::default()
            };
            let entries = directory.search(&query, Utc::now())?;
            for entry in &entries {
                let phones = entry.phones_display.join(", ");
                println!(
                    "{:<28} {} — {}  {phones}",
                    entry.input.key, entry.input.organisation.lv, entry.input.service.lv
                );
            }
            println!("{} entr(y/ies)", entries.len());
        }
        ReferralsCommand::Import { path, format } => {
            let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            match directory.import(format.into(), &bytes, Utc::now()) {
                Ok(summary) => println!(
                    "{} added, {} updated, {} unchanged",
                    summary.added, summary.updated, summary.unchanged
                ),
                Err(Error::ImportRejected(problems)) => {
                    for problem in &problems {
                        eprintln!(
                            "line {}, column {}: {}",
                            problem.line,
                            problem.column,
                            problem.message.get(language)
                        );
                    }
                    return Err(Error::ImportRejected(problems));
                }
                Err(other) => return Err(other),
            }
        }
        ReferralsCommand::Export {
            out,
            format,
            include_confidential,
            include_retired,
        } => {
            let bytes = directory.export(
                ExportOptions {
                    format: format.into(),
                    include_confidential,
                    include_retired,
                },
                Utc::now(),
            )?;
            write_atomically(&out, &bytes)?;
            println!("written to {}", out.display());
        }
    }
    Ok(())
}
