//! `hotline report`: a supervisor's report for a period and regions, written
//! as an XLSX workbook, a directory of CSV files or a PDF summary, for
//! scheduled reporting; or, with `--format ctdc`, the period's cases as one
//! CTDC/HTCDS file.
//! The counting, suppression, files and audit entry are hotline-core's; this
//! parses the options and says what was written.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use clap::{Args, ValueEnum};
use hotline_core::reports::{Publication, ReportExport, ReportFormat, ReportRequest};
use hotline_core::{Error, Language, Session};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One workbook: a cover sheet and a sheet per breakdown.
    Xlsx,
    /// A directory of files, one per breakdown (UTF-8 with BOM).
    Csv,
    /// A printable summary with charts and a table per breakdown.
    Pdf,
    /// One CSV file with a row per case in IOM's CTDC layout
    /// (docs/ctdc-mapping.md); k-anonymous with --publish.
    Ctdc,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FileLanguage {
    Lv,
    En,
    Ru,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day (yyyy-mm-dd, Rīga time).
    #[arg(long)]
    from: NaiveDate,
    /// Last day (yyyy-mm-dd, Rīga time), inclusive.
    #[arg(long)]
    to: NaiveDate,
    /// Only these regions (repeatable; default: every region).
    #[arg(long)]
    region: Vec<String>,
    #[arg(long, value_enum)]
    format: Format,
    /// The workbook or PDF file, the directory for CSV files, or the CTDC file.
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Publication mode: withhold counts below --min-cell, for reports that
    /// leave the organisation.
    #[arg(long)]
    publish: bool,
    /// The smallest count published in publication mode (k).
    #[arg(long, value_name = "K", requires = "publish",
          default_value_t = hotline_core::reports::DEFAULT_MIN_CELL)]
    min_cell: u32,
    /// The language of headings and labels in the files (a CTDC file
    /// always uses CTDC's English values).
    #[arg(long, value_enum, default_value = "lv")]
    language: FileLanguage,
}

pub fn run(session: &Session, args: ReportArgs) -> Result<(), Error> {
    let regions = args
        .region
        .iter()
        .map(|code| hotline_core::region::parse(code))
        .collect::<Result<Vec<_>, _>>()?;
    let request = ReportRequest {
        from: args.from,
        to: args.to,
        regions,
        publication: args.publish.then_some(Publication {
            min_cell: args.min_cell,
        }),
    };
    let format = match args.format {
        Format::Xlsx => ReportFormat::Xlsx,
        Format::Csv => ReportFormat::Csv,
        Format::Pdf => ReportFormat::Pdf,
        Format::Ctdc => return ctdc(session, &request, &args.out),
    };
    let export = ReportExport {
        format,
        path: args.out,
        language: match args.language {
            FileLanguage::Lv => Language::Lv,
            FileLanguage::En => Language::En,
            FileLanguage::Ru => Language::Ru,
        },
    };
    let exported = session.export_report(&request, &export, Utc::now())?;
    let report = &exported.report;
    for file in &exported.files {
        println!("written to {}", file.display());
    }
    let mode = match report.publication {
        Some(publication) => format!("publication mode, k = {}", publication.min_cell),
        None => "internal, exact numbers".to_owned(),
    };
    println!(
        "{}–{}: {} call(s), {} case(s); {mode}",
        report.from.format("%d.%m.%Y"),
        report.to.format("%d.%m.%Y"),
        report.total.calls,
        report.total.cases
    );
    Ok(())
}

fn ctdc(session: &Session, request: &ReportRequest, out: &Path) -> Result<(), Error> {
    let exported = session.export_ctdc(request, out, Utc::now())?;
    println!("written to {}", exported.path.display());
    match exported.publication {
        Some(publication) => println!(
            "{} case(s); publication mode, k = {}: {} case(s) left out",
            exported.rows, publication.min_cell, exported.suppressed
        ),
        None => println!("{} case(s); internal, not k-anonymous", exported.rows),
    }
    Ok(())
}
