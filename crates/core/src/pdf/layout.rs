//! Pages as lists of placed items. Laying out (what goes on which page, at
//! which height) is kept apart from drawing ([`super::render`]) so that a
//! table can break across pages and every footer can say "page n of N".
//!
//! Units are those of the page's SVG: an A4 page is 1190 × 1684, two units
//! to a PDF point, so that plotters' whole-number coordinates are fine enough.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, SVGBackend};
use plotters::style::RGBColor;

use super::font::Font;

pub(crate) const WIDTH: u32 = 1190;
pub(crate) const HEIGHT: u32 = 1684;
pub(crate) const MARGIN: i32 = 90;
pub(crate) const RIGHT: i32 = WIDTH as i32 - MARGIN;
pub(crate) const CONTENT_WIDTH: i32 = RIGHT - MARGIN;
const TOP: i32 = MARGIN;
/// Content ends here; the footer sits below.
const BOTTOM: i32 = HEIGHT as i32 - 120;
pub(crate) const FOOTER_Y: i32 = HEIGHT as i32 - 80;

/// Where a line of text hangs from its x.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// Something drawn on a page; `y` is its top.
#[derive(Debug)]
pub(crate) enum Item {
    Text {
        x: i32,
        y: i32,
        text: String,
        font: Font,
        align: Align,
    },
    /// A thin line across the content width.
    Rule { y: i32 },
    /// A coloured strip across the content width with bold text in it.
    Band {
        y: i32,
        height: i32,
        text: String,
        fill: RGBColor,
    },
    /// A drawing of the document's own (a report's chart) in a box across
    /// the content width.
    Figure {
        y: i32,
        height: i32,
        figure: Box<dyn Figure>,
    },
}

/// Something a document draws itself into its box on the page.
pub(crate) trait Figure: std::fmt::Debug {
    fn draw(
        &self,
        area: &DrawingArea<SVGBackend<'_>, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<std::io::Error>>;
}

/// Content flowing down pages.
#[derive(Debug)]
pub(crate) struct Flow {
    pages: Vec<Vec<Item>>,
    y: i32,
}

impl Flow {
    pub fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    /// The top of a block `height` high: here, or on a new page when it does
    /// not fit. The second value says whether a page was started.
    pub fn reserve(&mut self, height: i32) -> (i32, bool) {
        let broke = self.y + height > BOTTOM && self.y > TOP;
        if broke {
            self.break_page();
        }
        let y = self.y;
        self.y += height;
        (y, broke)
    }

    /// Starts a new page unless this one is still empty.
    pub fn break_page(&mut self) {
        if self.y > TOP {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    /// Whether a block `height` high still fits on this page.
    pub fn fits(&self, height: i32) -> bool {
        self.y + height <= BOTTOM
    }

    pub fn gap(&mut self, height: i32) {
        self.y += height;
    }

    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// Lines of text, one under the other, from `y`.
    pub fn push_lines(&mut self, x: i32, y: i32, lines: &[String], font: Font) {
        for (line, text) in (0..).zip(lines) {
            self.push(Item::Text {
                x,
                y: y + line * font.line_height(),
                text: text.clone(),
                font,
                align: Align::Left,
            });
        }
    }

    pub fn finish(self) -> Vec<Vec<Item>> {
        self.pages
    }
}

/// `text` broken at spaces into lines no wider than `width`; a word wider
/// than a line gets a line of its own.
pub(crate) fn wrap(text: &str, font: Font, width: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if font.width(&candidate) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}
