//! CSV as the app writes it: UTF-8 with a byte-order mark (without one Excel
//! reads "Rīga" as "RÄ«ga"), and no cell a spreadsheet would run as a
//! formula. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is written with a leading `'`, which spreadsheets show as text
//! instead of evaluating: a directory entry or a note typed as
//! `=HYPERLINK("https://…")` must not run on a supervisor's computer when
//! they open an export (CSV injection). The app's own CSV reader takes the
//! `'` off again ([`read_cell`]), so an export imports back unchanged.

use std::borrow::Cow;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What makes a spreadsheet read a cell as a formula.
fn starts_like_a_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `text` as a cell a spreadsheet will not evaluate.
pub(crate) fn safe_cell(text: &str) -> Cow<'_, str> {
    if starts_like_a_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A cell as the app wrote it, read back: the `'` that [`safe_cell`] put
/// before a formula character goes again.
pub(crate) fn read_cell(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if starts_like_a_formula(rest) => rest,
        _ => text,
    }
}

/// A CSV file being written in memory.
#[derive(Debug)]
pub(crate) struct CsvOut {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvOut {
    pub(crate) fn new() -> Self {
        Self {
            writer: csv::Writer::from_writer(BOM.to_vec()),
        }
    }

    /// Writes one row, every cell made safe.
    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| safe_cell(cell.as_ref()).into_owned())
            .collect();
        // Writing to memory cannot fail.
        let _ = self.writer.write_record(&cells);
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.writer.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guards `safe_cell`: without it a note or a directory entry typed as a
    /// formula runs when a supervisor opens the export in a spreadsheet.
    #[test]
    fn a_formula_is_written_as_text_and_read_back_unchanged() {
        for formula in [
            "=HYPERLINK(\"https://example.invalid\",\"x\")",
            "+371 6789 8343",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            let written = safe_cell(formula);
            assert!(written.starts_with('\''), "{formula:?}");
            assert_eq!(read_cell(&written), formula);
        }
        for plain in ["Rīga", "", "'quoted", "12", "<5"] {
            assert_eq!(safe_cell(plain), plain);
            assert_eq!(read_cell(plain), plain);
        }
    }

    #[test]
    fn a_file_starts_with_a_byte_order_mark_and_quotes_as_csv_does() {
        let mut file = CsvOut::new();
        file.row(["a,b", "=1"]);
        assert_eq!(file.finish(), b"\xEF\xBB\xBF\"a,b\",'=1\n");
    }
}
