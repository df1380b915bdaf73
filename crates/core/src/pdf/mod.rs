//! Printable A4 PDFs, shared by every document the app prints: the
//! supervisors' report summary, a call's summary and the referral sheet a
//! caller is handed. One place holds the embedded fonts, the text styles,
//! the page flow and the drawing, so every printout looks alike and prints
//! Latvian and Russian letters on a machine with no fonts installed.
//!
//! A document is laid out first (a [`Flow`] of placed [`Item`]s), then
//! drawn, so that a footer can say "page 2 of 5".

mod font;
mod fonts;
mod layout;
mod render;

use std::path::Path;

use chrono::{DateTime, Datelike, Timelike, Utc};
use krilla::metadata::{DateTime as PdfDateTime, Metadata};
use plotters::style::RGBColor;

pub(crate) use self::font::{text_style, Font};
pub(crate) use self::layout::{wrap, Align, Figure, Flow, Item, CONTENT_WIDTH, MARGIN, RIGHT};
use crate::error::{Error, Result};
use crate::i18n::Localized;

/// A section's title band ([`Item::Band`]): its height and fill.
pub(crate) const BAND_HEIGHT: i32 = 50;
pub(crate) const BAND_COLOR: RGBColor = RGBColor(0xE4, 0xEC, 0xF2);

/// A document's bytes: `lay_out` fills the pages, `footer(page, pages)`
/// names each one. `path` only names the file in an error.
pub(crate) fn document(
    path: &Path,
    metadata: Metadata,
    lay_out: impl FnOnce(&mut Flow),
    footer: impl Fn(usize, usize) -> String,
) -> Result<Vec<u8>> {
    build(metadata, lay_out, footer).map_err(|error| {
        Error::io(
            path,
            std::io::Error::other(format!("the PDF could not be built: {error}")),
        )
    })
}

fn build(
    metadata: Metadata,
    lay_out: impl FnOnce(&mut Flow),
    footer: impl Fn(usize, usize) -> String,
) -> std::result::Result<Vec<u8>, String> {
    // Text is measured while laying out, so the fonts come first.
    fonts::register_for_layout()?;
    let mut flow = Flow::new();
    lay_out(&mut flow);
    let pages = flow.finish();
    let count = pages.len();
    let svgs = (1..)
        .zip(&pages)
        .map(|(number, items)| render::page_svg(items, &footer(number, count)))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    render::pdf(&svgs, metadata)
}

/// A document's title, language (an ISO 639-1 code) and creation time; no
/// creator, since a printout a caller carries must not say which app made it.
pub(crate) fn metadata(title: String, language: &str, at: DateTime<Utc>) -> Metadata {
    let created = PdfDateTime::new(u16::try_from(at.year()).unwrap_or(0))
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second() as u8)
        .utc_offset_hour(0);
    Metadata::new()
        .title(title)
        .language(language.to_owned())
        .creation_date(created)
}

/// Lines of `font` text at `x`, below what is already on the page.
pub(crate) fn text_block(flow: &mut Flow, x: i32, lines: &[String], font: Font) {
    let (y, _) = flow.reserve(font.line_height() * lines.len() as i32);
    flow.push_lines(x, y, lines, font);
}

/// "page 2 of 5", for a footer.
pub(crate) fn page_of(page: usize, pages: usize) -> Localized {
    Localized::owned(
        format!("{page}. lapa no {pages}"),
        format!("page {page} of {pages}"),
        format!("стр. {page} из {pages}"),
    )
}
