//! Drawing laid-out pages: each page becomes an SVG through plotters (text,
//! rules, bands and figures alike), and krilla turns the SVGs into one PDF
//! with the fonts embedded and the text kept as text, so it can be searched
//! and copied.

use krilla::geom::Size;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::font::{text_style, Font};
use super::fonts;
use super::layout::{Align, Item, CONTENT_WIDTH, FOOTER_Y, HEIGHT, MARGIN, RIGHT, WIDTH};

const RULE_COLOR: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);
/// Page units per PDF point (see [`super::layout`]).
const UNITS_PER_POINT: f32 = 2.0;

/// A page as SVG, with `footer` at its foot.
pub(crate) fn page_svg(items: &[Item], footer: &str) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        draw_page(&root, items, footer).map_err(|error| error.to_string())?;
        root.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

fn draw_page(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    items: &[Item],
    footer: &str,
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    root.fill(&WHITE)?;
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                text,
                font,
                align,
            } => {
                let h_pos = match align {
                    Align::Left => HPos::Left,
                    Align::Right => HPos::Right,
                };
                let style = text_style(*font).pos(Pos::new(h_pos, VPos::Top));
                root.draw(&Text::new(text.as_str(), (*x, *y), style))?;
            }
            Item::Rule { y } => rule(root, *y)?,
            Item::Band {
                y,
                height,
                text,
                fill,
            } => {
                root.draw(&Rectangle::new(
                    [(MARGIN, *y), (RIGHT, *y + *height)],
                    fill.filled(),
                ))?;
                let style = text_style(Font::Bold).pos(Pos::new(HPos::Left, VPos::Center));
                root.draw(&Text::new(
                    text.as_str(),
                    (MARGIN + 16, *y + *height / 2),
                    style,
                ))?;
            }
            Item::Figure { y, height, figure } => {
                let area = root.clone().shrink(
                    (MARGIN, *y),
                    (CONTENT_WIDTH.unsigned_abs(), height.unsigned_abs()),
                );
                figure.draw(&area)?;
            }
        }
    }
    rule(root, FOOTER_Y - 16)?;
    let style = text_style(Font::Small).pos(Pos::new(HPos::Left, VPos::Top));
    root.draw(&Text::new(footer, (MARGIN, FOOTER_Y), style))
}

fn rule<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    y: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.draw(&PathElement::new(
        vec![(MARGIN, y), (RIGHT, y)],
        RULE_COLOR.stroke_width(2),
    ))
}

/// One A4 PDF of the pages' SVGs.
pub(crate) fn pdf(pages: &[String], metadata: Metadata) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        fontdb: fonts::database(),
        font_family: fonts::FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    let size = Size::from_wh(
        WIDTH as f32 / UNITS_PER_POINT,
        HEIGHT as f32 / UNITS_PER_POINT,
    )
    .ok_or("the page size is not a size")?;
    let mut document = Document::new();
    document.set_metadata(metadata);
    for svg in pages {
        let tree = usvg::Tree::from_str(svg, &options).map_err(|error| error.to_string())?;
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        surface
            .draw_svg(&tree, size, SvgSettings::default())
            .ok_or("a page could not be drawn")?;
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|error| error.to_string())
}
