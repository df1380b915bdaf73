//! The printouts' text styles, shared by the page layout and a report's charts.

use plotters::prelude::*;
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBColor, TextStyle};

use super::fonts;

/// The text styles of a printout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Font {
    Title,
    Heading,
    Body,
    Bold,
    /// The big totals on the first page.
    Figure,
    Small,
}

impl Font {
    /// plotters' size, which draws an em of `size / 1.24`.
    pub fn size(self) -> f64 {
        match self {
            Self::Title => 46.0,
            Self::Heading => 31.0,
            Self::Body | Self::Bold => 24.0,
            Self::Figure => 52.0,
            Self::Small => 20.0,
        }
    }

    pub fn style(self) -> FontStyle {
        match self {
            Self::Title | Self::Heading | Self::Bold | Self::Figure => FontStyle::Bold,
            Self::Body | Self::Small => FontStyle::Normal,
        }
    }

    pub fn line_height(self) -> i32 {
        (self.size() * 1.2).round() as i32
    }

    pub fn color(self) -> RGBColor {
        match self {
            Self::Small => RGBColor(0x55, 0x55, 0x55),
            _ => RGBColor(0x1A, 0x1A, 0x1A),
        }
    }

    pub fn width(self, text: &str) -> i32 {
        fonts::width(text, self.size(), self.style())
    }
}

/// The plotters style that draws `font`.
pub(crate) fn text_style(font: Font) -> TextStyle<'static> {
    TextStyle {
        color: font.color().to_backend_color(),
        ..TextStyle::from(FontDesc::new(
            FontFamily::SansSerif,
            font.size(),
            font.style(),
        ))
    }
}
