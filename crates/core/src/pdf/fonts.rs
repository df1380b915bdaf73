//! The fonts every PDF is drawn with, compiled into the binary: a printout
//! must print "Fiktīvas laulības" right on a fresh machine with no fonts
//! installed. DejaVu Sans, cut down to the letters printouts use (see
//! `assets/fonts/README.md`); the PDF embeds only the glyphs it prints.
//!
//! The same bytes serve both steps, so the text plotters measures is the
//! text usvg draws: plotters lays out pages and charts under the generic
//! family name it uses by default, and usvg resolves that name to DejaVu.

use std::sync::{Arc, OnceLock};

use plotters::style::{register_font, FontDesc, FontFamily, FontStyle};
use usvg::fontdb;

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The family name inside the font files.
pub(crate) const FAMILY: &str = "DejaVu Sans";

/// Registers the fonts with plotters, once per process (its registry is global).
pub(crate) fn register_for_layout() -> Result<(), String> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            let family = FontFamily::SansSerif.as_str();
            register_font(family, FontStyle::Normal, REGULAR)
                .and_then(|()| register_font(family, FontStyle::Bold, BOLD))
                .map_err(|_| "the embedded font could not be read".to_owned())
        })
        .clone()
}

/// The fonts for usvg, with the generic "sans-serif" pointing at DejaVu Sans.
pub(crate) fn database() -> Arc<fontdb::Database> {
    let mut database = fontdb::Database::new();
    database.load_font_data(REGULAR.to_vec());
    database.load_font_data(BOLD.to_vec());
    database.set_sans_serif_family(FAMILY);
    Arc::new(database)
}

/// The width of `text` in page units. plotters scales fonts a little larger
/// than it draws them, so this errs on the wide side, which is the safe side
/// for wrapping.
pub(crate) fn width(text: &str, size: f64, style: FontStyle) -> i32 {
    FontDesc::new(FontFamily::SansSerif, size, style)
        .box_size(text)
        .map(|(width, _)| i32::try_from(width).unwrap_or(i32::MAX))
        // Registered fonts always measure; this is only a rough fallback.
        .unwrap_or_else(|_| (text.chars().count() as f64 * size * 0.6) as i32)
}
