//! A report as CSV files: `00-report.csv` (the cover: period, regions, who
//! exported and when, publication mode, and how each breakdown counts), then
//! one file per breakdown with the columns code, label, calls, cases and a
//! total row; comma-separated, like the directory's CSV, and written safe
//! for spreadsheets ([`crate::csv_out`]).

use super::cover::{Cover, CALLS, CASES, TOTAL};
use crate::codes::code_of;
use crate::csv_out::CsvOut;
use crate::i18n::Localized;

/// File names and contents, in the order they are listed.
pub(crate) fn files(cover: &Cover<'_>) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![("00-report.csv".to_owned(), cover_file(cover))];
    for (number, breakdown) in (1..).zip(&cover.report.breakdowns) {
        let mut file = CsvOut::new();
        let header = [
            cover.text(&Localized::new("kods", "code", "код")),
            cover.text(&Localized::new("nosaukums", "label", "название")),
            cover.text(&CALLS),
            cover.text(&CASES),
        ];
        file.row(header);
        for row in &breakdown.rows {
            file.row([
                row.key.clone(),
                cover.text(&row.label),
                row.counts.calls.to_string(),
                row.counts.cases.to_string(),
            ]);
        }
        file.row([
            "total".to_owned(),
            cover.text(&TOTAL),
            breakdown.total.calls.to_string(),
            breakdown.total.cases.to_string(),
        ]);
        let name = format!("{number:02}-{}.csv", code_of(&breakdown.kind));
        files.push((name, file.finish()));
    }
    files
}

fn cover_file(cover: &Cover<'_>) -> Vec<u8> {
    let mut file = CsvOut::new();
    file.row([cover.text(&super::cover::TITLE), String::new()]);
    for (heading, value) in cover.lines() {
        file.row([heading, value]);
    }
    for breakdown in &cover.report.breakdowns {
        file.row([cover.text(&breakdown.title), cover.text(&breakdown.note)]);
    }
    file.finish()
}
