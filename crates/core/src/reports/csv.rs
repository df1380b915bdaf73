//! A report as CSV files: `00-report.csv` (the cover: period, regions, who
//! exported and when, publication mode, and how each breakdown counts), then
//! one file per breakdown with the columns code, label, calls, cases and a
//! total row. UTF-8 with a byte-order mark, because without one Excel reads
//! "Rīga" as "RÄ«ga"; comma-separated, like the directory's CSV.

use super::cover::{Cover, CALLS, CASES, TOTAL};
use crate::codes::code_of;
use crate::i18n::Localized;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// File names and contents, in the order they are listed.
pub(crate) fn files(cover: &Cover<'_>) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![("00-report.csv".to_owned(), cover_file(cover))];
    for (number, breakdown) in (1..).zip(&cover.report.breakdowns) {
        let mut writer = writer();
        let header = [
            cover.text(&Localized::new("kods", "code")),
            cover.text(&Localized::new("nosaukums", "label")),
            cover.text(&CALLS),
            cover.text(&CASES),
        ];
        // Writing to memory cannot fail.
        let _ = writer.write_record(header);
        for row in &breakdown.rows {
            let _ = writer.write_record([
                row.key.clone(),
                cover.text(&row.label),
                row.counts.calls.to_string(),
                row.counts.cases.to_string(),
            ]);
        }
        let _ = writer.write_record([
            "total".to_owned(),
            cover.text(&TOTAL),
            breakdown.total.calls.to_string(),
            breakdown.total.cases.to_string(),
        ]);
        let name = format!("{number:02}-{}.csv", code_of(&breakdown.kind));
        files.push((name, finish(writer)));
    }
    files
}

fn cover_file(cover: &Cover<'_>) -> Vec<u8> {
    let mut writer = writer();
    let _ = writer.write_record([cover.text(&super::cover::TITLE), String::new()]);
    for (heading, value) in cover.lines() {
        let _ = writer.write_record([heading, value]);
    }
    for breakdown in &cover.report.breakdowns {
        let _ = writer.write_record([cover.text(&breakdown.title), cover.text(&breakdown.note)]);
    }
    finish(writer)
}

pub(super) fn writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::Writer::from_writer(BOM.to_vec())
}

pub(super) fn finish(writer: ::csv::Writer<Vec<u8>>) -> Vec<u8> {
    writer.into_inner().unwrap_or_default()
}
