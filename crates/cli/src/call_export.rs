//! `hotline call export`: the call list with the columns a supervisor names,
//! as XLSX or CSV. Which columns may leave, the files and the audit entry
//! are hotline-core's; this parses the options and says what was written.

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use clap::{Args, ValueEnum};
use hotline_core::reports::{CallColumn, CallListExport, CallListFormat};
use hotline_core::{Error, Language, Session};

use crate::report::FileLanguage;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Xlsx,
    /// UTF-8 with a BOM, so that Excel reads Latvian letters right.
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// First day (yyyy-mm-dd, Rīga time).
    #[arg(long)]
    from: NaiveDate,
    /// Last day (yyyy-mm-dd, Rīga time), inclusive.
    #[arg(long)]
    to: NaiveDate,
    /// Only these regions (repeatable; default: every region).
    #[arg(long)]
    region: Vec<String>,
    /// The columns, comma-separated, in order: id, startedAt, endedAt,
    /// region, line, direction, callerRole, gender, ageGroup, language,
    /// subjects, country, risk, immediateDanger, caseRef, followUpDue,
    /// followUpDone; free text only if named: adviceGiven, referrals, notes.
    #[arg(long, value_delimiter = ',', required = true)]
    columns: Vec<String>,
    #[arg(long, value_enum)]
    format: ListFormat,
    /// The file to write.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// The language of headers and values.
    #[arg(long, value_enum, default_value = "lv")]
    language: FileLanguage,
}

pub fn run(session: &Session, args: ExportArgs) -> Result<(), Error> {
    let export = CallListExport {
        from: args.from,
        to: args.to,
        regions: args
            .region
            .iter()
            .map(|code| hotline_core::region::parse(code))
            .collect::<Result<_, _>>()?,
        columns: args
            .columns
            .iter()
            .map(|code| CallColumn::parse(code))
            .collect::<Result<_, _>>()?,
        format: match args.format {
            ListFormat::Xlsx => CallListFormat::Xlsx,
            ListFormat::Csv => CallListFormat::Csv,
        },
        path: args.out,
        language: match args.language {
            FileLanguage::Lv => Language::Lv,
            FileLanguage::En => Language::En,
            FileLanguage::Ru => Language::Ru,
        },
    };
    let exported = session.export_call_list(&export, Utc::now())?;
    println!("written to {}", exported.path.display());
    let free_text = exported.columns.iter().filter(|c| c.is_free_text()).count();
    println!(
        "{} call(s), {} column(s), {free_text} of them free text",
        exported.calls,
        exported.columns.len()
    );
    Ok(())
}
