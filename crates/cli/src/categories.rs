//! `hotline category`: the organisation's call subjects, listed by anyone
//! and managed by supervisors; changes reach every laptop at their next sync.

use chrono::Utc;
use clap::{Subcommand, ValueEnum};
use hotline_core::categories::{Category, CtdcExploitation, NewCategory};
use hotline_core::referrals::Texts;
use hotline_core::{Error, Session};

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Every subject, retired ones included.
    List {
        /// One JSON array: `[{code, names: {lv, en, ru}, ctdc, retired}]`.
        #[arg(long)]
        json: bool,
    },
    /// Add a subject (supervisors).
    Add {
        /// A stable camelCase code, e.g. `forcedMarriage`; calls store it.
        code: String,
        /// The Latvian name.
        #[arg(long)]
        lv: String,
        /// The English name.
        #[arg(long)]
        en: String,
        /// The Russian name.
        #[arg(long, default_value = "")]
        ru: String,
        /// The CTDC type of exploitation it counts as.
        #[arg(long, value_enum)]
        ctdc: CtdcType,
    },
    /// Offer a subject for no new call; calls that have it keep it (supervisors).
    Retire { code: String },
    /// Offer a retired subject again (supervisors).
    Restore { code: String },
    /// Delete a subject no call has; one in use can only be retired (supervisors).
    Delete { code: String },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CtdcType {
    Sexual,
    ForcedLabour,
    Other,
    None,
}

impl From<CtdcType> for CtdcExploitation {
    fn from(kind: CtdcType) -> Self {
        match kind {
            CtdcType::Sexual => Self::Sexual,
            CtdcType::ForcedLabour => Self::ForcedLabour,
            CtdcType::Other => Self::Other,
            CtdcType::None => Self::None,
        }
    }
}

pub fn run(session: &Session, command: CategoryCommand) -> Result<(), Error> {
    let categories = session.categories();
    match command {
        CategoryCommand::List { json } => {
            let list = categories.list()?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).expect("categories serialise")
                );
            } else {
                for category in &list {
                    print_line(category);
                }
            }
        }
        CategoryCommand::Add {
            code,
            lv,
            en,
            ru,
            ctdc,
        } => {
            let added = categories.add(
                NewCategory {
                    code,
                    names: Texts { lv, en, ru },
                    ctdc: ctdc.into(),
                },
                Utc::now(),
            )?;
            print!("Added: ");
            print_line(&added);
        }
        CategoryCommand::Retire { code } => {
            print!("Retired: ");
            print_line(&categories.set_retired(&code, true, Utc::now())?);
        }
        CategoryCommand::Restore { code } => {
            print!("Restored: ");
            print_line(&categories.set_retired(&code, false, Utc::now())?);
        }
        CategoryCommand::Delete { code } => {
            categories.delete(&code, Utc::now())?;
            println!("Deleted: {code}");
        }
    }
    Ok(())
}

fn print_line(category: &Category) {
    println!(
        "{}\t{}\t{}\tCTDC {}{}",
        category.code,
        category.names.lv,
        category.names.en,
        category.ctdc.code(),
        if category.retired { "\t(retired)" } else { "" }
    );
}
