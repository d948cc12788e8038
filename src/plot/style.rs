//! The look shared by every figure: sizes, colours, fonts, and the helpers that draw a chart's
//! frame, a line with its legend entry, and the legend box.
//!
//! Public so that a chart drawn outside the crate (the benchmark's, in `bench/speed/`) looks
//! the same: it draws with [plotters](https://docs.rs/plotters) into the [`Root`] that [`render`]
//! hands it, using [`px`], [`stroke`], [`font`], the colours and [`line()`].

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::Figure;
use crate::error::Error;

/// What a drawing step returns: plotters' errors, boxed (turned into [`Error::Draw`] naming the
/// figure by [`render`]).
pub type DrawResult = Result<(), Box<dyn std::error::Error>>;
/// The drawing area of a figure: an SVG document being written into a string.
pub type Root<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// A chart with linear axes on both sides.
pub(super) type Chart<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The width and height of the plots, in pixels.
pub(super) const SIZE: (u32, u32) = (640, 400);
/// Females are drawn in vermillion, males in blue (Okabe–Ito, readable with colour blindness).
pub(super) const FEMALE: RGBColor = RGBColor(213, 94, 0);
/// The colour of males (see [`FEMALE`]).
pub(super) const MALE: RGBColor = RGBColor(0, 114, 178);
/// The colour of a chart's main curve.
pub const CURVE: RGBColor = RGBColor(0, 114, 178);
/// The colour of what a chart points out on its curve.
pub const ACCENT: RGBColor = RGBColor(213, 94, 0);
/// The colour of text and outlines.
pub const INK: RGBColor = RGBColor(33, 33, 33);
/// The colour of axes, frames and secondary lines.
pub const GREY: RGBColor = RGBColor(110, 110, 110);
/// The colour of grid lines.
pub const GRID: RGBColor = RGBColor(232, 232, 232);

/// Colours for several curves on one chart (Okabe–Ito, readable with colour blindness).
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(33, 33, 33),
];

/// Figures are drawn at this many times their displayed size, then shown at the displayed size
/// (the SVG's `width` and `height`): plotters puts every point on a whole pixel, and at twice the
/// resolution curves come out smooth. Every length in pixels below goes through [`px`].
pub const SCALE: i32 = 2;

/// A length of `v` displayed pixels, in drawing pixels.
pub fn px(v: i32) -> i32 {
    v * SCALE
}

/// A point given in displayed pixels, in drawing pixels.
pub(super) fn at(p: (i32, i32)) -> (i32, i32) {
    (px(p.0), px(p.1))
}

/// A line `width` displayed pixels wide.
pub fn stroke(colour: impl Color, width: u32) -> ShapeStyle {
    colour.stroke_width(width * SCALE as u32)
}

/// A sans-serif font of `size` displayed pixels (plotters divides the size it is given by 1.24
/// when it writes the SVG).
pub fn font(size: f64) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", size * f64::from(SCALE) * 1.24).into_font()).color(&INK)
}

/// The width of a text in pixels, roughly, for the boxes behind labels.
pub(super) fn text_width(text: &str, px: f64) -> i32 {
    (text.chars().count() as f64 * px * 0.6).round() as i32
}

/// Draws into a fresh white SVG of `size` (displayed pixels; drawn at [`SCALE`] times that) and
/// wraps it as the figure `name`. Fails with [`Error::Draw`], naming the figure, when plotters
/// fails.
pub fn render(
    name: &'static str,
    size: (u32, u32),
    draw: impl FnOnce(&Root<'_>) -> DrawResult,
) -> Result<Figure, Error> {
    let fail = |e: &dyn std::fmt::Display| Error::Draw {
        figure: name,
        message: e.to_string(),
    };
    let mut svg = String::new();
    let drawn = (size.0 * SCALE as u32, size.1 * SCALE as u32);
    {
        let root = SVGBackend::with_string(&mut svg, drawn).into_drawing_area();
        root.fill(&WHITE).map_err(|e| fail(&e))?;
        draw(&root).map_err(|e| fail(&e))?;
        root.present().map_err(|e| fail(&e))?;
    }
    // Show the drawing at the displayed size; the viewBox keeps the drawing's coordinates.
    let header = format!(r#"<svg width="{}" height="{}" "#, drawn.0, drawn.1);
    let Some(rest) = svg.strip_prefix(&header) else {
        return Err(fail(&"unexpected SVG header"));
    };
    let svg = format!(r#"<svg width="{}" height="{}" {rest}"#, size.0, size.1);
    Ok(Figure { name, svg })
}

/// A chart with a title, the usual margins and room for axis labels, and its axes drawn: each
/// axis is its range and its description; the tick labels are written with `decimal_mark`.
pub(super) fn chart<'a, 'b>(
    area: &'a Root<'b>,
    title: &str,
    (x, x_desc): (std::ops::Range<f64>, &str),
    (y, y_desc): (std::ops::Range<f64>, &str),
    decimal_mark: &str,
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = chart_builder(area, title, (48, 62)).build_cartesian_2d(x, y)?;
    let tick = |v: &f64| tick(*v, decimal_mark);
    mesh_style(&mut chart.configure_mesh())
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .draw()?;
    Ok(chart)
}

/// A chart about to be built on `area`: its title, the usual margins, and room for the tick
/// labels below and left of it (`labels`, displayed pixels).
pub fn chart_builder<'a, 'b>(
    area: &'a Root<'b>,
    title: &str,
    (below, left): (i32, i32),
) -> ChartBuilder<'a, 'b, SVGBackend<'b>> {
    let mut builder = ChartBuilder::on(area);
    builder
        .caption(title, font(17.0))
        .margin(px(12))
        .margin_right(px(20))
        .x_label_area_size(px(below))
        .y_label_area_size(px(left));
    builder
}

/// A tick label: as few decimals as the value needs (`120`, `0.05`, `-8`), with
/// `decimal_mark` (`0,05`).
pub(super) fn tick(v: f64, decimal_mark: &str) -> String {
    format!("{}", (v * 1e6).round() / 1e6 + 0.0).replace('.', decimal_mark)
}

/// The look of a chart's axes (`chart.configure_mesh()`, linear or logarithmic): the fonts of
/// their descriptions and tick labels, the tick marks, a light grid, grey axes. The caller adds
/// the labels and draws.
pub fn mesh_style<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.axis_desc_style(font(14.0))
        .label_style(font(12.0))
        .set_all_tick_mark_size(px(5))
        .bold_line_style(stroke(GRID, 1))
        .light_line_style(TRANSPARENT)
        .axis_style(stroke(GREY, 1))
}

/// How large a legend box is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendSize {
    /// The book's figures.
    Normal,
    /// Charts with more to show around it (the benchmark's).
    Small,
}

/// The legend box of a chart, at `pos`.
pub(super) fn legend<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    pos: SeriesLabelPosition,
) -> DrawResult {
    legend_box(chart, pos, LegendSize::Normal)
}

/// The legend box of any chart (linear or logarithmic axes), at `pos`, of the given size.
pub fn legend_box<'a, 'b: 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, CT>,
    pos: SeriesLabelPosition,
    size: LegendSize,
) -> DrawResult {
    let (font_size, margin, entry) = match size {
        LegendSize::Normal => (13.0, 10, 28),
        LegendSize::Small => (12.0, 8, 24),
    };
    chart
        .configure_series_labels()
        .position(pos)
        .label_font(font(font_size))
        .background_style(WHITE.mix(0.9))
        .border_style(stroke(GREY, 1))
        .margin(px(margin))
        .legend_area_size(px(entry))
        .draw()?;
    Ok(())
}

/// How a line appears in a legend: a short stretch of it, `style` and 20 displayed pixels long,
/// from the legend entry's point.
pub fn legend_line(style: ShapeStyle) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    move |(x, y)| PathElement::new(vec![(x, y), (x + px(20), y)], style)
}

/// A line through `points` in `style` on `chart` (any coordinates of `(f64, f64)` points, linear
/// or logarithmic), with a legend entry: `label` beside a stretch of the same line
/// ([`legend_line`]).
pub fn line<'a, 'b: 'a, CT>(
    chart: &mut ChartContext<'a, SVGBackend<'b>, CT>,
    points: impl IntoIterator<Item = (f64, f64)>,
    style: ShapeStyle,
    label: impl Into<String>,
) -> DrawResult
where
    CT: CoordTranslate<From = (f64, f64)>,
{
    chart
        .draw_series(LineSeries::new(points, style))?
        .label(label)
        .legend(legend_line(style));
    Ok(())
}

/// `n` (at least 2) points evenly spaced over `[a, b]`, both ends included.
pub(super) fn linspace(a: f64, b: f64, n: usize) -> impl Iterator<Item = f64> + Clone {
    (0..n).map(move |i| a + (b - a) * i as f64 / (n - 1) as f64)
}
