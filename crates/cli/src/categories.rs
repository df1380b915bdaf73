//! `hotline category`: the organisation's call subjects and its lines and
//! channels, listed by anyone and managed by supervisors; changes reach
//! every laptop at their next sync.

use chrono::Utc;
use clap::{Subcommand, ValueEnum};
use hotline_core::categories::{Category, CategoryKind, CtdcExploitation, NewCategory};
use hotline_core::error::InvalidReason;
use hotline_core::referrals::Texts;
use hotline_core::{Error, Session};

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Every category, retired ones included.
    List {
        /// One JSON array: `[{code, kind, names: {lv, en, ru}, ctdc, retired}]`.
        #[arg(long)]
        json: bool,
        /// Only the subjects, or only the lines and channels.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
    },
    /// Add a subject, or a line or channel (supervisors).
    Add {
        /// A stable camelCase code, e.g. `forcedMarriage`; calls store it.
        code: String,
        /// What it classifies.
        #[arg(long, value_enum, default_value = "subject")]
        kind: Kind,
        /// The Latvian name.
        #[arg(long)]
        lv: String,
        /// The English name.
        #[arg(long)]
        en: String,
        /// The Russian name.
        #[arg(long, default_value = "")]
        ru: String,
        /// The CTDC type of exploitation a subject counts as; required for
        /// a subject, a line counts as none.
        #[arg(long, value_enum)]
        ctdc: Option<CtdcType>,
    },
    /// Offer a category for no new call; calls that have it keep it (supervisors).
    Retire { code: String },
    /// Offer a retired category again (supervisors).
    Restore { code: String },
    /// Delete a category no call has; one in use can only be retired (supervisors).
    Delete { code: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Subject,
    Line,
}

impl From<Kind> for CategoryKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Subject => Self::Subject,
            Kind::Line => Self::Line,
        }
    }
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
        CategoryCommand::List { json, kind } => {
            let mut list = categories.list()?;
            if let Some(kind) = kind {
                list.retain(|category| category.kind == kind.into());
            }
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
            kind,
            lv,
            en,
            ru,
            ctdc,
        } => {
            let ctdc = match (kind, ctdc) {
                (_, Some(ctdc)) => ctdc.into(),
                (Kind::Subject, None) => return Err(Error::invalid("ctdc", InvalidReason::Empty)),
                (Kind::Line, None) => CtdcExploitation::None,
            };
            let added = categories.add(
                NewCategory {
                    code,
                    kind: kind.into(),
                    names: Texts { lv, en, ru },
                    ctdc,
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
        "{}\t{}\t{}\t{}\tCTDC {}{}",
        category.code,
        category.kind.code(),
        category.names.lv,
        category.names.en,
        category.ctdc.code(),
        if category.retired { "\t(retired)" } else { "" }
    );
}
