//! A report as one XLSX workbook (rust_xlsxwriter): a cover sheet with the
//! period, regions, who exported it and when, and the publication mode; then
//! one sheet per breakdown with a formatted header, the rows, a total row and
//! the note on how the rows are counted. Counts are numbers, so a reader can
//! sum and chart them; withheld ones are the text "<k" or "x".

use std::path::Path;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::cover::{Cover, CALLS, CASES, TITLE, TOTAL};
use super::labels;
use super::model::{Breakdown, Cell};
use crate::error::{Error, Result};

/// The first data row of a breakdown sheet, after title, subtitle, a gap and
/// the header.
const FIRST_DATA_ROW: u32 = 4;
const HEADER_ROW: u32 = FIRST_DATA_ROW - 1;

/// The workbook's bytes; `path` only names the file in an error.
pub(crate) fn workbook(cover: &Cover<'_>, path: &Path) -> Result<Vec<u8>> {
    build(cover).map_err(|error| {
        Error::io(
            path,
            std::io::Error::other(format!("the workbook could not be built: {error}")),
        )
    })
}

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    header_number: Format,
    total: Format,
    total_number: Format,
    hidden: Format,
    total_hidden: Format,
    bold: Format,
    note: Format,
}

impl Formats {
    fn new() -> Self {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0x00DD_E6F0))
            .set_border_bottom(FormatBorder::Thin);
        let total = Format::new().set_bold().set_border_top(FormatBorder::Thin);
        let right = FormatAlign::Right;
        Self {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_italic(),
            header_number: header.clone().set_align(right),
            header,
            total_number: total.clone().set_num_format("#,##0"),
            total_hidden: total.clone().set_align(right),
            total,
            hidden: Format::new().set_align(right),
            bold: Format::new().set_bold(),
            note: Format::new().set_italic().set_text_wrap(),
        }
    }
}

fn build(cover: &Cover<'_>) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    cover_sheet(workbook.add_worksheet(), cover, &formats)?;
    for breakdown in &cover.report.breakdowns {
        breakdown_sheet(workbook.add_worksheet(), cover, breakdown, &formats)?;
    }
    workbook.save_to_buffer()
}

fn cover_sheet(
    sheet: &mut Worksheet,
    cover: &Cover<'_>,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(cover.text(&labels::COVER_SHEET))?;
    sheet.write_string_with_format(0, 0, cover.text(&TITLE), &formats.title)?;
    let lines = cover.lines();
    for (row, (heading, value)) in (2..).zip(&lines) {
        sheet.write_string_with_format(row, 0, heading, &formats.bold)?;
        sheet.write_string(row, 1, value)?;
    }
    let widest = lines.iter().map(|(_, value)| value.chars().count()).max();
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, widest.unwrap_or(20).clamp(20, 100) as f64)?;
    Ok(())
}

fn breakdown_sheet(
    sheet: &mut Worksheet,
    cover: &Cover<'_>,
    breakdown: &Breakdown,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(cover.text(&labels::sheet_name(breakdown.kind)))?;
    sheet.write_string_with_format(0, 0, cover.text(&breakdown.title), &formats.title)?;
    let subtitle = format!("{} · {}", cover.period(), cover.mode());
    sheet.write_string_with_format(1, 0, subtitle, &formats.subtitle)?;
    sheet.write_string_with_format(HEADER_ROW, 0, cover.text(&breakdown.title), &formats.header)?;
    sheet.write_string_with_format(HEADER_ROW, 1, cover.text(&CALLS), &formats.header_number)?;
    sheet.write_string_with_format(HEADER_ROW, 2, cover.text(&CASES), &formats.header_number)?;
    let mut row = FIRST_DATA_ROW;
    for data in &breakdown.rows {
        sheet.write_string(row, 0, cover.text(&data.label))?;
        write_cell(sheet, (row, 1), data.counts.calls, false, formats)?;
        write_cell(sheet, (row, 2), data.counts.cases, false, formats)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, cover.text(&TOTAL), &formats.total)?;
    write_cell(sheet, (row, 1), breakdown.total.calls, true, formats)?;
    write_cell(sheet, (row, 2), breakdown.total.cases, true, formats)?;
    sheet.write_string_with_format(row + 2, 0, cover.text(&breakdown.note), &formats.note)?;
    sheet.set_row_height(row + 2, 45)?;
    let widest = breakdown
        .rows
        .iter()
        .map(|data| cover.text(&data.label).chars().count())
        .chain([cover.text(&breakdown.title).chars().count()])
        .max()
        .unwrap_or(20);
    sheet.set_column_width(0, (widest + 2).clamp(20, 60) as f64)?;
    sheet.set_column_width(1, 12)?;
    sheet.set_column_width(2, 12)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    Ok(())
}

/// A count as a number; a withheld one as its marker, right-aligned like numbers.
fn write_cell(
    sheet: &mut Worksheet,
    (row, column): (u32, u16),
    cell: Cell,
    is_total: bool,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match (cell, is_total) {
        (Cell::Exact { count }, false) => sheet.write_number(row, column, count as f64)?,
        (Cell::Exact { count }, true) => {
            sheet.write_number_with_format(row, column, count as f64, &formats.total_number)?
        }
        (hidden, false) => {
            sheet.write_string_with_format(row, column, hidden.to_string(), &formats.hidden)?
        }
        (hidden, true) => sheet.write_string_with_format(
            row,
            column,
            hidden.to_string(),
            &formats.total_hidden,
        )?,
    };
    Ok(())
}
