//! The printable PDF summary: a first page with what the report covers,
//! who exported it and when, the totals and the charts (by month, subject
//! and country), then every breakdown as a table. A table that does not
//! fit breaks across pages and repeats its header; every page's footer
//! names the period, the mode and the page.
//!
//! The pages, fonts and drawing are [`crate::pdf`]'s, shared with the other
//! printouts; the charts are the report's own.

mod charts;

use std::path::Path;

use plotters::style::RGBColor;

use self::charts::BarChart;
use super::cover::{Cover, CALLS, CASES, TITLE, TOTAL};
use super::model::Breakdown;
use crate::codes::code_of;
use crate::error::Result;
use crate::i18n::Localized;
use crate::pdf::{
    self, page_of, text_block, wrap, Align, Flow, Font, Item, BAND_COLOR, BAND_HEIGHT,
    CONTENT_WIDTH, MARGIN, RIGHT,
};

/// Where the values of the cover lines start.
const VALUE_X: i32 = MARGIN + 330;
/// The right edges of the number columns.
const CALLS_X: i32 = RIGHT - 190;
const CASES_X: i32 = RIGHT - 12;
/// Room for a row's label, left of the numbers.
const LABEL_WIDTH: i32 = CALLS_X - 160 - MARGIN;
const SECTION_GAP: i32 = 40;
const PUBLICATION_COLOR: RGBColor = RGBColor(0xFF, 0xE8, 0xB0);

/// The PDF's bytes; `path` only names the file in an error.
pub(crate) fn document(cover: &Cover<'_>, path: &Path) -> Result<Vec<u8>> {
    let metadata = pdf::metadata(
        format!("{} {}", cover.text(&TITLE), cover.period()),
        &code_of(&cover.language),
        cover.exported_at,
    )
    .creator("Hotline Desk".to_owned());
    pdf::document(
        path,
        metadata,
        |flow| lay_out(flow, cover),
        |page, pages| footer(cover, page, pages),
    )
}

fn lay_out(flow: &mut Flow, cover: &Cover<'_>) {
    heading(flow, cover);
    totals(flow, cover);
    for chart in BarChart::for_report(cover) {
        let height = chart.height();
        let (y, _) = flow.reserve(height);
        flow.push(Item::Figure {
            y,
            height,
            figure: Box::new(chart),
        });
        flow.gap(SECTION_GAP);
    }
    for breakdown in &cover.report.breakdowns {
        table(flow, cover, breakdown);
    }
}

/// Title, then who, what and how, and in publication mode a band saying so.
fn heading(flow: &mut Flow, cover: &Cover<'_>) {
    text_block(flow, MARGIN, &[cover.text(&TITLE)], Font::Title);
    flow.gap(20);
    for (label, value) in cover.details() {
        let values = wrap(&value, Font::Body, RIGHT - VALUE_X);
        let height = Font::Body.line_height() * values.len() as i32;
        let (y, _) = flow.reserve(height + 8);
        flow.push_lines(MARGIN, y, &[label], Font::Bold);
        flow.push_lines(VALUE_X, y, &values, Font::Body);
    }
    if let Some(publication) = cover.report.publication {
        flow.gap(20);
        let (y, _) = flow.reserve(BAND_HEIGHT);
        flow.push(Item::Band {
            y,
            height: BAND_HEIGHT,
            text: cover.text(&Localized::owned(
                format!(
                    "Publicēšanai: skaits zem {k} rādīts kā „<{k}”",
                    k = publication.min_cell
                ),
                format!(
                    "For publication: counts below {k} are shown as \"<{k}\"",
                    k = publication.min_cell,
                ),
                format!(
                    "Для публикации: числа меньше {k} показаны как «<{k}»",
                    k = publication.min_cell,
                ),
            )),
            fill: PUBLICATION_COLOR,
        });
    }
    flow.gap(SECTION_GAP);
}

/// The calls and cases in big figures.
fn totals(flow: &mut Flow, cover: &Cover<'_>) {
    let height = Font::Body.line_height() + Font::Figure.line_height();
    let (y, _) = flow.reserve(height);
    for ((label, value), x) in cover.totals().into_iter().zip([MARGIN, VALUE_X]) {
        flow.push_lines(x, y, &[label], Font::Body);
        flow.push_lines(x, y + Font::Body.line_height(), &[value], Font::Figure);
    }
    flow.gap(SECTION_GAP);
}

/// A breakdown's title band, how it counts, its rows and its total. The
/// title stays with at least its first row, and a page break repeats the
/// column headings.
fn table(flow: &mut Flow, cover: &Cover<'_>, breakdown: &Breakdown) {
    let note = wrap(&cover.text(&breakdown.note), Font::Small, CONTENT_WIDTH);
    let note_height = Font::Small.line_height() * note.len() as i32 + 12;
    let row_height = Font::Body.line_height() + 10;
    if !flow.fits(BAND_HEIGHT + note_height + 3 * row_height) {
        flow.break_page();
    }
    let (y, _) = flow.reserve(BAND_HEIGHT + 10);
    flow.push(Item::Band {
        y,
        height: BAND_HEIGHT,
        text: cover.text(&breakdown.title),
        fill: BAND_COLOR,
    });
    let (y, _) = flow.reserve(note_height);
    flow.push_lines(MARGIN, y, &note, Font::Small);
    column_headings(flow, cover, String::new());

    for row in &breakdown.rows {
        let label = wrap(&cover.text(&row.label), Font::Body, LABEL_WIDTH);
        let height = Font::Body.line_height() * label.len() as i32 + 10;
        let (y, broke) = flow.reserve(height);
        let y = if broke {
            column_headings(flow, cover, cover.text(&breakdown.title));
            flow.reserve(height).0
        } else {
            y
        };
        flow.push_lines(MARGIN, y, &label, Font::Body);
        numbers(
            flow,
            y,
            [row.counts.calls.to_string(), row.counts.cases.to_string()],
            Font::Body,
        );
    }
    let (y, _) = flow.reserve(row_height + 6);
    flow.push(Item::Rule { y });
    let y = y + 6;
    flow.push_lines(MARGIN, y, &[cover.text(&TOTAL)], Font::Bold);
    numbers(
        flow,
        y,
        [
            breakdown.total.calls.to_string(),
            breakdown.total.cases.to_string(),
        ],
        Font::Bold,
    );
    flow.gap(SECTION_GAP);
}

/// The numbers' headings; `label` names the table again where it goes on
/// after a page break.
fn column_headings(flow: &mut Flow, cover: &Cover<'_>, label: String) {
    let (y, _) = flow.reserve(Font::Bold.line_height() + 12);
    flow.push_lines(MARGIN, y, &[label], Font::Bold);
    numbers(
        flow,
        y,
        [cover.text(&CALLS), cover.text(&CASES)],
        Font::Bold,
    );
    flow.push(Item::Rule {
        y: y + Font::Bold.line_height() + 4,
    });
}

/// The calls and cases columns, right-aligned.
fn numbers(flow: &mut Flow, y: i32, [calls, cases]: [String; 2], font: Font) {
    for (text, x) in [(calls, CALLS_X), (cases, CASES_X)] {
        flow.push(Item::Text {
            x,
            y,
            text,
            font,
            align: Align::Right,
        });
    }
}

fn footer(cover: &Cover<'_>, page: usize, pages: usize) -> String {
    let page = cover.text(&page_of(page, pages));
    format!(
        "{} · {} · {} · {page}",
        cover.organisation,
        cover.period(),
        cover.mode()
    )
}
