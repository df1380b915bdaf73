//! The summary's bar charts, drawn by plotters: calls by month, by subject
//! and by destination country, the charts the Reports screen shows.
//!
//! Bars run sideways because subject and country names are long and a
//! period can span many months. In publication mode a suppressed count has
//! no bar (its size would give it away), only its "<k" or "x" where the
//! number would stand.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::pdf::{text_style, Figure, Font};
use crate::reports::cover::Cover;
use crate::reports::model::{Breakdown, BreakdownKind, Cell};

/// Most bars in one chart; the tables after the charts have every row.
const MOST_BARS: usize = 15;
const BAR_HEIGHT: i32 = 34;
/// The chart's title and the axis under the bars.
const FRAME_HEIGHT: i32 = 110;
/// Room for the bars' names left of the axis.
const LABEL_WIDTH: i32 = 330;
const BAR_COLOR: RGBColor = RGBColor(0x1F, 0x5F, 0x8B);
const GRID_COLOR: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::reports) struct Bar {
    pub label: String,
    /// `None` when the count is suppressed.
    pub count: Option<u64>,
    /// The count as the tables show it: "12", "<11" or "x".
    pub shown: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::reports) struct BarChart {
    pub title: String,
    pub bars: Vec<Bar>,
}

/// The breakdowns the summary charts, and whether their bars keep the
/// breakdown's order (months) or go largest first.
const CHARTED: [(BreakdownKind, bool); 3] = [
    (BreakdownKind::Month, true),
    (BreakdownKind::Subject, false),
    (BreakdownKind::Country, false),
];

impl BarChart {
    /// The summary's charts, leaving out those with nothing to show.
    pub fn for_report(cover: &Cover<'_>) -> Vec<Self> {
        CHARTED
            .iter()
            .filter_map(|&(kind, in_order)| {
                let breakdown = cover.report.breakdowns.iter().find(|b| b.kind == kind)?;
                Self::of(cover, breakdown, in_order)
            })
            .collect()
    }

    fn of(cover: &Cover<'_>, breakdown: &Breakdown, in_order: bool) -> Option<Self> {
        let mut bars: Vec<Bar> = breakdown
            .rows
            .iter()
            .filter(|row| in_order || row.counts.calls != Cell::Exact { count: 0 })
            .map(|row| Bar {
                label: cover.text(&row.label),
                count: match row.counts.calls {
                    Cell::Exact { count } => Some(count),
                    Cell::Small { .. } | Cell::Withheld => None,
                },
                shown: row.counts.calls.to_string(),
            })
            .collect();
        if bars.iter().all(|bar| bar.count.unwrap_or(0) == 0) {
            return None;
        }
        if !in_order {
            // Suppressed counts last: where they would sort is itself a hint.
            bars.sort_by_key(|bar| (bar.count.is_none(), std::cmp::Reverse(bar.count)));
        }
        bars.truncate(MOST_BARS);
        Some(Self {
            title: cover.text(&breakdown.title),
            bars,
        })
    }

    /// The height the chart takes on a page.
    pub fn height(&self) -> i32 {
        FRAME_HEIGHT + BAR_HEIGHT * self.bars.len() as i32
    }

    /// Draws the chart over the whole of `area`.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let rows = self.bars.len() as i32;
        let largest = self
            .bars
            .iter()
            .filter_map(|bar| bar.count)
            .max()
            .unwrap_or(0);
        // Room right of the longest bar for its number.
        let axis_end = (largest + largest / 6).max(5);
        let label_style = text_style(Font::Small);
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, text_style(Font::Heading))
            .margin_right(20)
            .x_label_area_size(40)
            .y_label_area_size(LABEL_WIDTH)
            .build_cartesian_2d(0..axis_end, (0..rows).into_segmented())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .max_light_lines(1)
            .light_line_style(GRID_COLOR)
            .bold_line_style(GRID_COLOR)
            .axis_style(RGBColor(0x88, 0x88, 0x88))
            .x_labels(6)
            .x_label_formatter(&|count| count.to_string())
            .y_labels(self.bars.len())
            .y_label_formatter(&|value| match value {
                SegmentValue::CenterOf(row) => self
                    .bar_at(*row)
                    .map(|bar| fitted(&bar.label, LABEL_WIDTH - 20))
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .label_style(label_style.clone())
            .draw()?;
        chart.draw_series(self.bars.iter().enumerate().map(|(index, bar)| {
            let row = rows - 1 - index as i32;
            let mut rectangle = Rectangle::new(
                [
                    (0, SegmentValue::Exact(row)),
                    (bar.count.unwrap_or(0), SegmentValue::Exact(row + 1)),
                ],
                BAR_COLOR.filled(),
            );
            rectangle.set_margin(5, 5, 0, 0);
            rectangle
        }))?;
        let number_style = label_style.pos(Pos::new(HPos::Left, VPos::Center));
        chart.draw_series(self.bars.iter().enumerate().map(|(index, bar)| {
            let row = rows - 1 - index as i32;
            EmptyElement::at((bar.count.unwrap_or(0), SegmentValue::CenterOf(row)))
                + Text::new(bar.shown.clone(), (8, 0), number_style.clone())
        }))?;
        Ok(())
    }

    /// The bar drawn in `row`, counting up from the axis: the first bar is
    /// at the top.
    fn bar_at(&self, row: i32) -> Option<&Bar> {
        let index = self
            .bars
            .len()
            .checked_sub(1 + usize::try_from(row).ok()?)?;
        self.bars.get(index)
    }
}

/// `label`, shortened with "…" to fit `width`.
fn fitted(label: &str, width: i32) -> String {
    if Font::Small.width(label) <= width {
        return label.to_owned();
    }
    let mut shortened: String = label.to_owned();
    while shortened.pop().is_some() {
        let candidate = format!("{}…", shortened.trim_end());
        if Font::Small.width(&candidate) <= width {
            return candidate;
        }
    }
    "…".to_owned()
}

/// A chart on a page of the PDF summary.
impl Figure for BarChart {
    fn draw(
        &self,
        area: &DrawingArea<SVGBackend<'_>, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
        BarChart::draw(self, area)
    }
}
