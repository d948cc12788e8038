//! The book's figures, drawn by the crate itself (feature `plot`).
//!
//! Every figure is computed from the crate's own code (the sigmoid, a [`Neuron`], the
//! [`Network`], [`backprop`], [`train`]) and drawn with
//! [plotters](https://docs.rs/plotters) into an SVG string: no files are written and no system
//! font library is needed (the SVG holds plain `<text>` elements and the viewer picks the font).
//! The same inputs always give the same bytes.
//!
//! A [`Figure`] shows itself inline in a Jupyter notebook running the evcxr kernel when it is the
//! last expression of a cell (see [`Figure::evcxr_display`]); `cargo xtask figures` writes
//! [`all_figures`] into `book/src/figures/NAME.svg`.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::activation::sigmoid;
use crate::backprop::backprop;
use crate::data::{self, Dataset, Person, Sex, TUTORIAL_SHIFT};
use crate::error::Error;
use crate::network::Network;
use crate::neuron::Neuron;
use crate::training::{LossRecord, TrainConfig, train};

/// One drawn figure: an SVG document and the file stem it is saved under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    name: &'static str,
    svg: String,
}

impl Figure {
    /// The file stem, e.g. `"sigmoid"` for `figures/sigmoid.svg`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The SVG document.
    pub fn svg(&self) -> &str {
        &self.svg
    }

    /// The same figure under another file stem (for a chapter that draws, say, a second
    /// prediction map).
    pub fn with_name(self, name: &'static str) -> Figure {
        Figure { name, ..self }
    }

    /// What [`Figure::evcxr_display`] prints: the SVG between evcxr's rich-output markers,
    /// `EVCXR_BEGIN_CONTENT image/svg+xml` and `EVCXR_END_CONTENT`, each on its own line.
    pub fn evcxr_content(&self) -> String {
        format!(
            "EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT",
            self.svg.trim_end()
        )
    }

    /// Shows the figure inline in a Jupyter notebook on the evcxr kernel: evcxr calls this
    /// method when a cell's last expression is a `Figure`, and turns what it prints (see
    /// [`Figure::evcxr_content`]) into an `image/svg+xml` output.
    pub fn evcxr_display(&self) {
        println!("{}", self.evcxr_content());
    }
}

// ---------------------------------------------------------------------------------------------
// Shared style and helpers.

type DrawResult = Result<(), Box<dyn std::error::Error>>;
type Root<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The width and height of the plots, in pixels.
const SIZE: (u32, u32) = (640, 400);
/// Females are drawn in vermillion, males in blue (Okabe–Ito, readable with colour blindness).
const FEMALE: RGBColor = RGBColor(213, 94, 0);
const MALE: RGBColor = RGBColor(0, 114, 178);
const CURVE: RGBColor = RGBColor(0, 114, 178);
const ACCENT: RGBColor = RGBColor(213, 94, 0);
const INK: RGBColor = RGBColor(33, 33, 33);
const GREY: RGBColor = RGBColor(110, 110, 110);
const GRID: RGBColor = RGBColor(232, 232, 232);
/// Above this many people, names are not written beside the points (they would pile up).
pub const MAX_NAMED_PEOPLE: usize = 12;

/// Figures are drawn at this many times their displayed size, then shown at the displayed size
/// (the SVG's `width` and `height`): plotters puts every point on a whole pixel, and at twice the
/// resolution curves come out smooth. Every length in pixels below goes through [`px`].
const SCALE: i32 = 2;

/// A length of `v` displayed pixels, in drawing pixels.
fn px(v: i32) -> i32 {
    v * SCALE
}

/// A line `width` displayed pixels wide.
fn stroke(colour: impl Color, width: u32) -> ShapeStyle {
    colour.stroke_width(width * SCALE as u32)
}

/// A sans-serif font of `size` displayed pixels (plotters divides the size it is given by 1.24
/// when it writes the SVG).
fn font(size: f64) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", size * f64::from(SCALE) * 1.24).into_font()).color(&INK)
}

/// Draws into a fresh white SVG of `size` and wraps it as the figure `name`.
fn render(
    name: &'static str,
    size: (u32, u32),
    draw: impl FnOnce(&Root<'_>) -> DrawResult,
) -> Result<Figure, Error> {
    let fail =
        |e: &dyn std::fmt::Display| Error::Invalid(format!("cannot draw figure {name}: {e}"));
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

/// A chart with a title, the usual margins and room for axis labels.
fn chart<'a, 'b>(
    area: &'a Root<'b>,
    title: &str,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    Ok(ChartBuilder::on(area)
        .caption(title, font(17.0))
        .margin(px(12))
        .margin_right(px(20))
        .x_label_area_size(px(48))
        .y_label_area_size(px(62))
        .build_cartesian_2d(x, y)?)
}

/// A tick label: as few decimals as the value needs (`120`, `0.05`, `-8`).
fn tick(v: &f64) -> String {
    format!("{}", (v * 1e6).round() / 1e6 + 0.0)
}

/// Axis descriptions, tick labels and a light grid.
fn mesh(chart: &mut Chart<'_, '_>, x_desc: &str, y_desc: &str) -> DrawResult {
    chart
        .configure_mesh()
        .x_label_formatter(&tick)
        .y_label_formatter(&tick)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .axis_desc_style(font(14.0))
        .label_style(font(12.0))
        .set_all_tick_mark_size(px(5))
        .bold_line_style(stroke(GRID, 1))
        .light_line_style(TRANSPARENT)
        .axis_style(stroke(GREY, 1))
        .draw()?;
    Ok(())
}

/// The legend box of a chart, at `pos`.
fn legend<'a, 'b: 'a>(chart: &mut Chart<'a, 'b>, pos: SeriesLabelPosition) -> DrawResult {
    chart
        .configure_series_labels()
        .position(pos)
        .label_font(font(13.0))
        .background_style(WHITE.mix(0.9))
        .border_style(stroke(GREY, 1))
        .margin(px(10))
        .legend_area_size(px(28))
        .draw()?;
    Ok(())
}

/// `n` (at least 2) points evenly spaced over `[a, b]`, both ends included.
fn linspace(a: f64, b: f64, n: usize) -> impl Iterator<Item = f64> + Clone {
    (0..n).map(move |i| a + (b - a) * i as f64 / (n - 1) as f64)
}

// ---------------------------------------------------------------------------------------------
// Markers for people, shared by `people` and `prediction_map`.

/// How a person is drawn: the sex gives the shape (female circle, male triangle) and the colour;
/// people who were not trained on are drawn hollow.
#[derive(Clone, Copy)]
struct Marker {
    sex: Sex,
    hollow: bool,
}

impl Marker {
    fn colour(self) -> RGBColor {
        match self.sex {
            Sex::Female => FEMALE,
            Sex::Male => MALE,
        }
    }

    fn label(self) -> &'static str {
        match (self.sex, self.hollow) {
            (Sex::Female, false) => "female",
            (Sex::Male, false) => "male",
            (Sex::Female, true) => "female, not trained on",
            (Sex::Male, true) => "male, not trained on",
        }
    }

    /// The fill and the outline: filled in the sex's colour with a dark outline, or hollow
    /// (white) with a thick outline in the sex's colour.
    fn styles(self) -> (ShapeStyle, ShapeStyle) {
        if self.hollow {
            (WHITE.filled(), stroke(self.colour(), 2))
        } else {
            (self.colour().filled(), stroke(INK, 1))
        }
    }
}

/// A female marker at `at`: a circle (a macro, since the same shape is drawn in data and in
/// pixel coordinates).
macro_rules! circle_marker {
    ($at:expr, $fill:expr, $outline:expr) => {
        EmptyElement::at($at)
            + Circle::new((0, 0), px(6), $fill)
            + Circle::new((0, 0), px(6), $outline)
    };
}

/// A male marker at `at`: a triangle.
macro_rules! triangle_marker {
    ($at:expr, $fill:expr, $outline:expr) => {
        EmptyElement::at($at)
            + Polygon::new(triangle(), $fill)
            + PathElement::new(triangle(), $outline)
    };
}

/// The male marker's triangle, in drawing pixels around the point (closed, for the outline).
fn triangle() -> Vec<(i32, i32)> {
    [(0, -8), (7, 5), (-7, 5), (0, -8)]
        .iter()
        .map(|&(x, y)| (px(x), px(y)))
        .collect()
}

/// The range of `values` widened by `margin` times its span (at least `min_pad`) on each side.
fn padded_range(values: impl Iterator<Item = f64>, margin: f64, min_pad: f64) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let pad = ((hi - lo) * margin).max(min_pad);
    (lo - pad, hi + pad)
}

/// The weight and height ranges that show everyone, with room around the points (and on the
/// right for the names, when they are written).
fn people_ranges(
    people: &[Person],
    others: &[Person],
    named: bool,
) -> Result<(std::ops::Range<f64>, std::ops::Range<f64>), Error> {
    let everyone = || people.iter().chain(others);
    if everyone().next().is_none() {
        return Err(Error::EmptyDataset);
    }
    if let Some(p) = everyone().find(|p| !p.weight_lb.is_finite() || !p.height_in.is_finite()) {
        return Err(Error::Invalid(format!(
            "cannot plot {}: weight and height must be finite numbers",
            p.name
        )));
    }
    let (w0, mut w1) = padded_range(everyone().map(|p| p.weight_lb), 0.1, 2.0);
    let (h0, h1) = padded_range(everyone().map(|p| p.height_in), 0.12, 1.0);
    if named {
        w1 += (w1 - w0) * 0.08;
    }
    Ok((w0..w1, h0..h1))
}

/// The kinds of marker `people` (filled) and `others` (hollow) need, in legend order.
fn markers_present(people: &[Person], others: &[Person]) -> Vec<Marker> {
    let mut markers = Vec::new();
    for (group, hollow) in [(people, false), (others, true)] {
        for sex in [Sex::Female, Sex::Male] {
            if group.iter().any(|p| p.sex == sex) {
                markers.push(Marker { sex, hollow });
            }
        }
    }
    markers
}

/// Draws `people` (filled markers) and `others` (hollow markers), one legend entry per kind that
/// is present, and their names beside them when there are at most [`MAX_NAMED_PEOPLE`].
fn draw_people<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    people: &[Person],
    others: &[Person],
) -> DrawResult {
    let named = people.len() + others.len() <= MAX_NAMED_PEOPLE;
    for marker in markers_present(people, others) {
        let group = if marker.hollow { others } else { people };
        let points = group
            .iter()
            .filter(|p| p.sex == marker.sex)
            .map(|p| (p.weight_lb, p.height_in));
        let (fill, outline) = marker.styles();
        match marker.sex {
            Sex::Female => {
                chart
                    .draw_series(points.map(|c| circle_marker!(c, fill, outline)))?
                    .label(marker.label())
                    .legend(move |c| circle_marker!(c, fill, outline));
            }
            Sex::Male => {
                chart
                    .draw_series(points.map(|c| triangle_marker!(c, fill, outline)))?
                    .label(marker.label())
                    .legend(move |c| triangle_marker!(c, fill, outline));
            }
        }
    }
    if named {
        // Each name on a faint white box, readable over grid lines and coloured maps.
        let name_style = font(13.0).pos(Pos::new(HPos::Left, VPos::Center));
        chart.draw_series(people.iter().chain(others).map(|p| {
            let width = text_width(&p.name, 13.0);
            EmptyElement::at((p.weight_lb, p.height_in))
                + Rectangle::new([at((9, -9)), at((13 + width, 9))], WHITE.mix(0.7).filled())
                + Text::new(p.name.clone(), at((11, 0)), name_style.clone())
        }))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// 1. The sigmoid.

/// The sigmoid over [-8, 8], with the tutorial's neuron example marked: weights `[0, 1]`, bias 4
/// and input `[2, 3]` give the weighted sum 7 and the output 0.999.
pub fn sigmoid_curve() -> Result<Figure, Error> {
    let neuron = Neuron::new([0.0, 1.0], 4.0);
    let input = [2.0, 3.0];
    let sum = neuron.weighted_sum(input);
    let out = neuron.feedforward(input);
    render("sigmoid", SIZE, |root| {
        let mut chart = chart(
            root,
            "The sigmoid squashes any number into (0, 1)",
            -8.0..8.0,
            -0.05..1.05,
        )?;
        mesh(&mut chart, "x, a neuron's weighted sum w·x + b", "f(x)")?;
        chart
            .draw_series(LineSeries::new(
                linspace(-8.0, 8.0, 161).map(|x| (x, sigmoid(x))),
                stroke(CURVE, 3),
            ))?
            .label("f(x) = 1 / (1 + e^(−x))")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + px(20), y)], stroke(CURVE, 3)));
        // A dashed guide from the point down to the axis.
        chart.draw_series(DashedLineSeries::new(
            [(sum, 0.0), (sum, out)],
            px(5),
            px(4),
            stroke(GREY, 1),
        ))?;
        chart
            .draw_series(std::iter::once(Circle::new(
                (sum, out),
                px(6),
                ACCENT.filled(),
            )))?
            .label("the tutorial's neuron")
            .legend(|c| Circle::new(c, px(6), ACCENT.filled()));
        let right = font(13.0).pos(Pos::new(HPos::Right, VPos::Center));
        let lines = [
            format!(
                "w = [{}, {}], b = {}, x = [{}, {}]",
                neuron.weights[0], neuron.weights[1], neuron.bias, input[0], input[1]
            ),
            format!("w·x + b = {sum}"),
            format!("output f({sum}) = {out:.3}"),
        ];
        chart.draw_series(lines.into_iter().enumerate().map(|(i, text)| {
            Text::new(text, (sum - 0.3, 0.48 - 0.08 * i as f64), right.clone())
        }))?;
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

// ---------------------------------------------------------------------------------------------
// 2. The network.

/// The width of a text in pixels, roughly, for the boxes behind labels.
fn text_width(text: &str, px: f64) -> i32 {
    (text.chars().count() as f64 * px * 0.6).round() as i32
}

/// A point given in displayed pixels, in drawing pixels.
fn at(p: (i32, i32)) -> (i32, i32) {
    (px(p.0), px(p.1))
}

/// `text` of font size `size` centred on `p` (displayed pixels), over a white box so that it
/// stays readable on top of a line.
fn boxed_label(root: &Root<'_>, text: &str, p: (i32, i32), size: f64) -> DrawResult {
    let (w, h) = (
        text_width(text, size) / 2 + 4,
        (size * 0.6).round() as i32 + 2,
    );
    root.draw(&Rectangle::new(
        [at((p.0 - w, p.1 - h)), at((p.0 + w, p.1 + h))],
        WHITE.filled(),
    ))?;
    root.draw(&Text::new(
        text.to_string(),
        at(p),
        font(size).pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

/// An arrow from circle `from` to circle `to` (centres, both of radius `r`, in displayed
/// pixels), its head touching the second circle.
fn arrow(
    root: &Root<'_>,
    from: (i32, i32),
    to: (i32, i32),
    r: f64,
    style: ShapeStyle,
) -> DrawResult {
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let len = (dx * dx + dy * dy).sqrt();
    let (ux, uy) = (dx / len, dy / len);
    let scale = f64::from(SCALE);
    // The point `d` along the line from `from`, `w` to its left, in drawing pixels.
    let point = |d: f64, w: f64| {
        (
            ((f64::from(from.0) + ux * d - uy * w) * scale).round() as i32,
            ((f64::from(from.1) + uy * d + ux * w) * scale).round() as i32,
        )
    };
    let (head, width) = (12.0, 5.0);
    root.draw(&PathElement::new(
        vec![point(r, 0.0), point(len - r - head + 1.0, 0.0)],
        style,
    ))?;
    root.draw(&Polygon::new(
        vec![
            point(len - r, 0.0),
            point(len - r - head, width),
            point(len - r - head, -width),
        ],
        style.color.filled(),
    ))?;
    Ok(())
}

/// A diagram of the tutorial's 2-2-1 network: the inputs x1 (weight) and x2 (height), the hidden
/// neurons h1 and h2, the output o1, every weight w1..w6 on its edge and every bias b1..b3 by its
/// neuron.
pub fn network_diagram() -> Result<Figure, Error> {
    render("network", (760, 350), |root| {
        let r = 30;
        let (x_in, x_hidden, x_out) = (190, 400, 610);
        let (top, bottom, middle) = (135, 295, 215);
        let x1 = (x_in, top);
        let x2 = (x_in, bottom);
        let h1 = (x_hidden, top);
        let h2 = (x_hidden, bottom);
        let o1 = (x_out, middle);

        root.draw(&Text::new(
            "The tutorial's network: 2 inputs, a hidden layer of 2 neurons, 1 output",
            at((380, 14)),
            font(17.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        let header = font(14.0)
            .color(&GREY)
            .pos(Pos::new(HPos::Center, VPos::Center));
        for (text, x) in [
            ("input layer", x_in),
            ("hidden layer", x_hidden),
            ("output layer", x_out),
        ] {
            root.draw(&Text::new(text, at((x, 58)), header.clone()))?;
        }

        // Edges first, so that the neurons and labels sit on top of them.
        let edge = stroke(GREY, 2);
        let edges = [
            (x1, h1, "w1", 0.5),
            (x2, h1, "w2", 0.7),
            (x1, h2, "w3", 0.7),
            (x2, h2, "w4", 0.5),
            (h1, o1, "w5", 0.5),
            (h2, o1, "w6", 0.5),
        ];
        for (from, to, ..) in edges {
            arrow(root, from, to, f64::from(r), edge)?;
        }
        for (from, to, name, t) in edges {
            let at = (
                (f64::from(from.0) + f64::from(to.0 - from.0) * t).round() as i32,
                (f64::from(from.1) + f64::from(to.1 - from.1) * t).round() as i32,
            );
            boxed_label(root, name, at, 15.0)?;
        }
        // The output leaves o1 to the right.
        let out_end = x_out + r + 80;
        arrow(root, o1, (out_end + r, middle), f64::from(r), edge)?;
        let side_label = |text: &str, p: (i32, i32), size: f64, h: HPos| {
            root.draw(&Text::new(
                text.to_string(),
                at(p),
                font(size).pos(Pos::new(h, VPos::Center)),
            ))
        };
        side_label("y_pred", (x_out + r + 40, middle - 16), 15.0, HPos::Center)?;
        side_label(
            "P(female)",
            (x_out + r + 40, middle + 18),
            13.0,
            HPos::Center,
        )?;

        // The neurons.
        let input_fill = RGBColor(235, 235, 235);
        let hidden_fill = RGBColor(204, 227, 242);
        let output_fill = RGBColor(247, 214, 191);
        for (centre, name, fill) in [
            (x1, "x1", input_fill),
            (x2, "x2", input_fill),
            (h1, "h1", hidden_fill),
            (h2, "h2", hidden_fill),
            (o1, "o1", output_fill),
        ] {
            root.draw(&Circle::new(at(centre), px(r), fill.filled()))?;
            root.draw(&Circle::new(at(centre), px(r), stroke(INK, 2)))?;
            root.draw(&Text::new(
                name,
                at(centre),
                font(18.0).pos(Pos::new(HPos::Center, VPos::Center)),
            ))?;
        }
        // What the inputs are, left of them.
        let left = x_in - r - 12;
        side_label("weight", (left, top - 9), 15.0, HPos::Right)?;
        side_label("(lb − 135)", (left, top + 11), 13.0, HPos::Right)?;
        side_label("height", (left, bottom - 9), 15.0, HPos::Right)?;
        side_label("(in − 66)", (left, bottom + 11), 13.0, HPos::Right)?;
        // The biases, outside each neuron, away from the edges.
        side_label("bias b1", (x_hidden, top - r - 14), 15.0, HPos::Center)?;
        side_label("bias b2", (x_hidden, bottom + r + 14), 15.0, HPos::Center)?;
        side_label("bias b3", (x_out, middle - r - 14), 15.0, HPos::Center)?;
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// 3. The people.

/// Weight (lb) against height (in) for `people` (filled markers) and `others`, people the
/// network was not trained on (hollow markers): females as circles, males as triangles, with a
/// legend and, for at most [`MAX_NAMED_PEOPLE`] people, their names. Fails on an empty plot.
pub fn people(people: &[Person], others: &[Person]) -> Result<Figure, Error> {
    let named = people.len() + others.len() <= MAX_NAMED_PEOPLE;
    let (wr, hr) = people_ranges(people, others, named)?;
    render("people", SIZE, |root| {
        let mut chart = chart(root, "The people: weight and height", wr, hr)?;
        mesh(&mut chart, "weight (lb)", "height (in)")?;
        draw_people(&mut chart, people, others)?;
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}

// ---------------------------------------------------------------------------------------------
// 4. The loss as a function of w1.

/// The tutorial's backpropagation example: Alice alone (input `[-2, -1]` after the 135 lb / 66 in
/// shift, label 1), every weight 1 and every bias 0. The loss `L = (1 - y_pred)^2` as `w1` varies
/// over [-4, 6] with the other parameters fixed, the point `w1 = 1`, and the tangent there, whose
/// slope is `dL/dw1` as computed by [`backprop`] (0.0215).
pub fn loss_vs_w1() -> Result<Figure, Error> {
    let alice = &data::tutorial_people()[0];
    let x = TUTORIAL_SHIFT.apply(alice.weight_lb, alice.height_in);
    let y_true = alice.sex.label();
    let net = Network::uniform(1.0, 0.0);
    let loss_at = |w1: f64| {
        let y_pred = Network { w1, ..net }.feedforward(x);
        (y_true - y_pred) * (y_true - y_pred)
    };
    let w0 = net.w1;
    let l0 = loss_at(w0);
    let slope = backprop(&net, x, y_true).gradients.w1;
    render("loss-vs-w1", SIZE, |root| {
        let mut chart = chart(
            root,
            "Alice's loss as w1 changes (all other weights 1, biases 0)",
            -4.0..6.0,
            0.0..0.3,
        )?;
        mesh(&mut chart, "w1", "loss L = (1 − y_pred)²")?;
        chart
            .draw_series(LineSeries::new(
                linspace(-4.0, 6.0, 201).map(|w| (w, loss_at(w))),
                stroke(CURVE, 3),
            ))?
            .label("L(w1), Alice only")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + px(20), y)], stroke(CURVE, 3)));
        chart
            .draw_series(LineSeries::new(
                linspace(w0 - 3.0, w0 + 3.0, 2).map(|w| (w, l0 + slope * (w - w0))),
                stroke(ACCENT, 2),
            ))?
            .label(format!("tangent at w1 = {w0}: slope dL/dw1 = {slope:.4}"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + px(20), y)], stroke(ACCENT, 2)));
        chart
            .draw_series(std::iter::once(Circle::new(
                (w0, l0),
                px(6),
                ACCENT.filled(),
            )))?
            .label(format!("w1 = {w0}: L = {l0:.3}"))
            .legend(|c| Circle::new(c, px(6), ACCENT.filled()));
        legend(&mut chart, SeriesLabelPosition::LowerRight)
    })
}

// ---------------------------------------------------------------------------------------------
// 5. The loss during training.

/// The figures of the chapter "Real people": the census adults, the tutorial's network trained
/// with the tutorial's shift and with standardised inputs (split seed 1, network seed 42), and
/// the standardised network's predictions. The same code as the chapter's snippets (the
/// notebook check compares the two drawings).
fn real_people_figures() -> Result<Vec<Figure>, Error> {
    let adults = data::howell_adults();
    let (train_people, test_people) = data::train_test_split(&adults, 0.25, 1)?;
    let shifted = Dataset::from_people(&train_people, &TUTORIAL_SHIFT)?;
    let standard = data::Normalisation::standardise(&train_people)?;
    let standardised = Dataset::from_people(&train_people, &standard)?;
    let mut net_shift = Network::random(42);
    let history_shift = train(&mut net_shift, &shifted, &TrainConfig::default(), |_| {})?;
    let mut net = Network::random(42);
    let history = train(&mut net, &standardised, &TrainConfig::default(), |_| {})?;
    Ok(vec![
        people(&adults, &[])?.with_name("howell-people"),
        loss_curves(
            &[
                ("tutorial shift", &history_shift),
                ("standardised", &history),
            ],
            "The same network on real people, two ways of preparing the inputs",
            "mean squared error over the training people",
        )?
        .with_name("howell-loss"),
        prediction_map(
            &|weight, height| net.feedforward(standard.apply(weight, height)),
            &train_people,
            &test_people,
            "The tutorial's network on real people (standardised inputs)",
        )?
        .with_name("howell-map"),
    ])
}

/// The figures of the chapters "Any network shape" and "Activations, losses and optimizers":
/// a 2-8-8-1 network's predictions on the census, and the loss curves of the optimizer and
/// activation races. The same code as the chapters' snippets (the notebook check compares the
/// two drawings).
fn beyond_figures() -> Result<Vec<Figure>, Error> {
    use crate::activation::Activation;
    use crate::loss::Loss;
    use crate::mlp::{FitConfig, Mlp};
    use crate::optimizer::Optimizer;

    let (train_people, test_people) = data::train_test_split(&data::howell_adults(), 0.25, 1)?;
    let standard = data::Normalisation::standardise(&train_people)?;
    let train_set = Dataset::from_people(&train_people, &standard)?;

    let mut deep = Mlp::new(&[2, 8, 8, 1], Activation::Tanh, Activation::Sigmoid, 42)?;
    let config = FitConfig {
        epochs: 300,
        batch_size: 32,
        shuffle: true,
        seed: 1,
        loss: Loss::Bce,
        optimizer: Optimizer::adam(0.01),
        log_every: 10,
    };
    deep.fit_dataset(&train_set, &config, |_| {})?;
    let map = prediction_map(
        &|weight, height| {
            deep.predict(&standard.apply(weight, height))
                .unwrap_or(f64::NAN)
        },
        &train_people,
        &test_people,
        "A 2-8-8-1 network on the census adults",
    )?
    .with_name("mlp-map");

    let race = |hidden: Activation, optimizer: Optimizer| -> Result<Vec<LossRecord>, Error> {
        let mut net = Mlp::new(&[2, 8, 1], hidden, Activation::Sigmoid, 42)?;
        let config = FitConfig {
            epochs: 200,
            batch_size: 32,
            shuffle: true,
            seed: 1,
            loss: Loss::Bce,
            optimizer,
            log_every: 1,
        };
        let history = net.fit_dataset(&train_set, &config, |_| {})?;
        Ok(history)
    };
    let mut optimizer_runs = Vec::new();
    for optimizer in [
        Optimizer::sgd(0.01),
        Optimizer::momentum(0.01),
        Optimizer::adam(0.01),
    ] {
        optimizer_runs.push((optimizer.name(), race(Activation::Tanh, optimizer)?));
    }
    let mut activation_runs = Vec::new();
    for hidden in Activation::ALL {
        activation_runs.push((hidden.name(), race(hidden, Optimizer::adam(0.01))?));
    }
    let optimizers: Vec<(&str, &[LossRecord])> = optimizer_runs
        .iter()
        .map(|(name, h)| (*name, h.as_slice()))
        .collect();
    let activations: Vec<(&str, &[LossRecord])> = activation_runs
        .iter()
        .map(|(name, h)| (*name, h.as_slice()))
        .collect();
    Ok(vec![
        map,
        loss_curves(
            &optimizers,
            "Three optimizers, one network (2-8-1 tanh, learning rate 0.01)",
            "binary cross-entropy over the training people",
        )?
        .with_name("optimizers-loss"),
        loss_curves(
            &activations,
            "Three hidden activations, one optimizer (Adam, learning rate 0.01)",
            "binary cross-entropy over the training people",
        )?
        .with_name("activations-loss"),
    ])
}

/// Colours for several curves on one chart (Okabe–Ito, readable with colour blindness).
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(33, 33, 33),
];

/// Several loss histories on one chart, one coloured curve and legend entry per `(label,
/// history)` pair, for comparing runs (normalisations, optimizers, network shapes). The figure is
/// named `"loss-curves"`; rename it with [`Figure::with_name`].
///
/// Fails when there is no history, more histories than colours (7), an empty history, or a loss
/// that is not a finite number.
pub fn loss_curves(
    series: &[(&str, &[LossRecord])],
    title: &str,
    y_desc: &str,
) -> Result<Figure, Error> {
    if series.is_empty() || series.len() > PALETTE.len() {
        return Err(Error::Invalid(format!(
            "can plot 1 to {} loss histories on one chart, got {}",
            PALETTE.len(),
            series.len()
        )));
    }
    let mut top: f64 = 0.0;
    let mut right: f64 = 1.0;
    for (label, history) in series {
        let Some(last) = history.last() else {
            return Err(Error::Invalid(format!(
                "no loss records to plot for {label}"
            )));
        };
        if history.iter().any(|r| !r.loss.is_finite()) {
            return Err(Error::Invalid(format!(
                "cannot plot a loss that is not a finite number ({label})"
            )));
        }
        top = history.iter().map(|r| r.loss).fold(top, f64::max);
        right = right.max(last.epoch as f64);
    }
    let top = if top > 0.0 { top * 1.1 } else { 1.0 };
    render("loss-curves", SIZE, |root| {
        let mut chart = chart(root, title, 0.0..right, 0.0..top)?;
        mesh(&mut chart, "epoch", y_desc)?;
        for (&(label, history), colour) in series.iter().zip(PALETTE) {
            chart
                .draw_series(LineSeries::new(
                    history.iter().map(|r| (r.epoch as f64, r.loss)),
                    stroke(colour, 3),
                ))?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + px(20), y)], stroke(colour, 3))
                });
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// The loss over the whole dataset, epoch by epoch, as recorded by [`train`]. Fails on an empty
/// history.
pub fn loss_curve(history: &[LossRecord]) -> Result<Figure, Error> {
    let (Some(first), Some(last)) = (history.first(), history.last()) else {
        return Err(Error::Invalid("no loss records to plot".to_string()));
    };
    if history.iter().any(|r| !r.loss.is_finite()) {
        return Err(Error::Invalid(
            "cannot plot a loss that is not a finite number".to_string(),
        ));
    }
    let max = history.iter().map(|r| r.loss).fold(0.0, f64::max);
    let top = if max > 0.0 { max * 1.1 } else { 1.0 };
    let right = (last.epoch.max(1)) as f64;
    render("loss-curve", SIZE, |root| {
        let mut chart = chart(
            root,
            "The loss falls as the network trains",
            0.0..right,
            0.0..top,
        )?;
        mesh(&mut chart, "epoch", "mean squared error over the dataset")?;
        chart.draw_series(LineSeries::new(
            history.iter().map(|r| (r.epoch as f64, r.loss)),
            stroke(CURVE, 3),
        ))?;
        let note = font(13.0).pos(Pos::new(HPos::Right, VPos::Center));
        chart.draw_series([
            Text::new(
                format!("epoch {}: loss {:.4}", first.epoch, first.loss),
                (right, top * 0.92),
                note.clone(),
            ),
            Text::new(
                format!("epoch {}: loss {:.4}", last.epoch, last.loss),
                (right, top * 0.84),
                note,
            ),
        ])?;
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// 6. What a trained model predicts, everywhere.

/// The number of probability bands of the prediction map's colour scale.
const BANDS: usize = 10;

/// The colour of the band holding probability `p` of female: blue for male, through white at
/// 0.5, to vermillion for female, pale enough for the markers to stand out.
fn band_colour(band: usize) -> RGBColor {
    let t = (band as f64 + 0.5) / BANDS as f64;
    let (target, amount) = if t >= 0.5 {
        (FEMALE, (t - 0.5) * 2.0)
    } else {
        (MALE, (0.5 - t) * 2.0)
    };
    let strength = 0.55 * amount;
    let mix = |c: u8| (255.0 + (f64::from(c) - 255.0) * strength).round() as u8;
    RGBColor(mix(target.0), mix(target.1), mix(target.2))
}

fn band_of(p: f64) -> usize {
    ((p * BANDS as f64).floor().max(0.0) as usize).min(BANDS - 1)
}

/// The segments of the `level` contour of `values` sampled at `xs` × `ys` (marching squares;
/// `values[j][i]` is the value at `(xs[i], ys[j])`).
fn contour(values: &[Vec<f64>], xs: &[f64], ys: &[f64], level: f64) -> Vec<[(f64, f64); 2]> {
    let mut segments = Vec::new();
    for j in 0..ys.len().saturating_sub(1) {
        for i in 0..xs.len().saturating_sub(1) {
            // Corners counter-clockwise from bottom left, and the cell's four edges between them.
            let corners = [
                (xs[i], ys[j], values[j][i]),
                (xs[i + 1], ys[j], values[j][i + 1]),
                (xs[i + 1], ys[j + 1], values[j + 1][i + 1]),
                (xs[i], ys[j + 1], values[j + 1][i]),
            ];
            let cross = |a: usize, b: usize| {
                let (xa, ya, va) = corners[a];
                let (xb, yb, vb) = corners[b];
                let t = (level - va) / (vb - va);
                (xa + (xb - xa) * t, ya + (yb - ya) * t)
            };
            let above: Vec<bool> = corners.iter().map(|c| c.2 > level).collect();
            let crossings: Vec<usize> =
                (0..4).filter(|&e| above[e] != above[(e + 1) % 4]).collect();
            let point = |e: usize| cross(e, (e + 1) % 4);
            match crossings[..] {
                [a, b] => segments.push([point(a), point(b)]),
                [a, b, c, d] => {
                    // A saddle: the centre decides which corners connect.
                    let centre = corners.iter().map(|c| c.2).sum::<f64>() / 4.0;
                    if (centre > level) == above[0] {
                        segments.push([point(a), point(d)]);
                        segments.push([point(b), point(c)]);
                    } else {
                        segments.push([point(a), point(b)]);
                        segments.push([point(c), point(d)]);
                    }
                }
                _ => {}
            }
        }
    }
    segments
}

/// What a model predicts over the weight–height plane: `predict(weight_lb, height_in)` is the
/// probability of female, drawn as coloured bands (blue male, white 0.5, vermillion female) with
/// the 0.5 boundary as a line, a colour scale, and `people` and `others` on top as in
/// [`people`](fn@people). The plane covers everyone with a margin, so the same function draws
/// the tutorial's four people or a real dataset of hundreds, for any model.
///
/// Fails when there is nobody to plot, or when `predict` returns something that is not a number
/// between 0 and 1.
pub fn prediction_map(
    predict: &dyn Fn(f64, f64) -> f64,
    people: &[Person],
    others: &[Person],
    title: &str,
) -> Result<Figure, Error> {
    let named = people.len() + others.len() <= MAX_NAMED_PEOPLE;
    let (wr, hr) = people_ranges(people, others, named)?;
    // Sample at cell centres; cells are about 4 pixels wide.
    let (nx, ny) = (130, 80);
    let (dw, dh) = (
        (wr.end - wr.start) / nx as f64,
        (hr.end - hr.start) / ny as f64,
    );
    let xs: Vec<f64> = (0..nx).map(|i| wr.start + (i as f64 + 0.5) * dw).collect();
    let ys: Vec<f64> = (0..ny).map(|j| hr.start + (j as f64 + 0.5) * dh).collect();
    let mut values = Vec::with_capacity(ny);
    for &h in &ys {
        let mut row = Vec::with_capacity(nx);
        for &w in &xs {
            let p = predict(w, h);
            if !(0.0..=1.0).contains(&p) {
                return Err(Error::Invalid(format!(
                    "the model predicts {p} at weight {w:.1} lb, height {h:.1} in: \
                     a probability must be between 0 and 1"
                )));
            }
            row.push(p);
        }
        values.push(row);
    }
    let boundary = contour(&values, &xs, &ys, 0.5);

    render("prediction-map", (800, 420), |root| {
        let (plot_area, side) = root.split_horizontally(px(610));
        let mut chart = chart(&plot_area, title, wr.clone(), hr.clone())?;
        mesh(&mut chart, "weight (lb)", "height (in)")?;
        // One rectangle per run of cells of the same band along a row, each reaching half a cell
        // into the next run and the next row (drawn after it, on top), so no seams show.
        let mut cells = Vec::new();
        for (j, row) in values.iter().enumerate() {
            let y0 = hr.start + j as f64 * dh;
            let y1 = if j + 1 < ny { y0 + 1.5 * dh } else { hr.end };
            let mut start = 0;
            for i in 1..=nx {
                if i == nx || band_of(row[i]) != band_of(row[start]) {
                    let x0 = wr.start + start as f64 * dw;
                    let x1 = if i < nx {
                        wr.start + (i as f64 + 0.5) * dw
                    } else {
                        wr.end
                    };
                    cells.push(Rectangle::new(
                        [(x0, y0), (x1, y1)],
                        band_colour(band_of(row[start])).filled(),
                    ));
                    start = i;
                }
            }
        }
        chart.draw_series(cells)?;
        // The grid again, faintly, over the colours; then the boundary and the people.
        chart
            .configure_mesh()
            .bold_line_style(stroke(WHITE.mix(0.5), 1))
            .light_line_style(TRANSPARENT)
            .axis_style(stroke(GREY, 1))
            .x_labels(0)
            .y_labels(0)
            .draw()?;
        chart.draw_series(
            boundary
                .iter()
                .map(|s| PathElement::new(s.to_vec(), stroke(INK, 2))),
        )?;
        draw_people(&mut chart, people, others)?;

        // Right of the chart: the colour scale, then the legend (in displayed pixels).
        let text = |s: &str, p: (i32, i32), size: f64, h: HPos| {
            side.draw(&Text::new(
                s.to_string(),
                at(p),
                font(size).pos(Pos::new(h, VPos::Center)),
            ))
        };
        let (top, bottom) = (62, 212);
        let (x0, x1) = (24, 46);
        text("P(female)", (x0, top - 22), 14.0, HPos::Left)?;
        let band_height = f64::from(bottom - top) / BANDS as f64;
        for band in 0..BANDS {
            let y_lo = bottom - (band as f64 * band_height).round() as i32;
            let y_hi = bottom - ((band + 1) as f64 * band_height).round() as i32;
            side.draw(&Rectangle::new(
                [at((x0, y_hi)), at((x1, y_lo))],
                band_colour(band).filled(),
            ))?;
        }
        side.draw(&Rectangle::new(
            [at((x0, top)), at((x1, bottom))],
            stroke(GREY, 1),
        ))?;
        for (p, label) in [(0.0, "0 (male)"), (0.5, "0.5"), (1.0, "1 (female)")] {
            let y = bottom - (p * f64::from(bottom - top)).round() as i32;
            side.draw(&PathElement::new(
                vec![at((x1, y)), at((x1 + 5, y))],
                stroke(GREY, 1),
            ))?;
            text(label, (x1 + 9, y), 12.0, HPos::Left)?;
        }
        let mut y = bottom + 40;
        let row = 24;
        if !boundary.is_empty() {
            side.draw(&PathElement::new(
                vec![at((x0 - 6, y)), at((x0 + 16, y))],
                stroke(INK, 2),
            ))?;
            text("P(female) = 0.5", (x0 + 26, y), 13.0, HPos::Left)?;
            y += row;
        }
        for marker in markers_present(people, others) {
            let (fill, outline) = marker.styles();
            match marker.sex {
                Sex::Female => side.draw(&circle_marker!(at((x0 + 5, y)), fill, outline))?,
                Sex::Male => side.draw(&triangle_marker!(at((x0 + 5, y)), fill, outline))?,
            }
            // "female, not trained on" is too long for one line here.
            match marker.label().split_once(", ") {
                Some((first, second)) => {
                    text(first, (x0 + 26, y - 8), 13.0, HPos::Left)?;
                    text(second, (x0 + 26, y + 8), 13.0, HPos::Left)?;
                    y += row + 12;
                }
                None => {
                    text(marker.label(), (x0 + 26, y), 13.0, HPos::Left)?;
                    y += row;
                }
            }
        }
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// 6b. How fast it is (measured by `cargo xtask bench`, so not part of `all_figures`).

/// One implementation's measured speeds, for [`throughput`].
#[derive(Debug, Clone, Copy)]
pub struct Speeds<'a> {
    /// The legend's name for it.
    pub name: &'a str,
    /// Samples per second for each group of the bar chart, in the order of the groups; `None`
    /// where it was not measured.
    pub per_group: &'a [Option<f64>],
    /// `(dataset size, seconds per epoch)` for the scaling chart; empty to leave it out there.
    pub scaling: &'a [(usize, f64)],
}

/// A number with an SI suffix and no more digits than it needs: `1k`, `2.5M`, `300`.
fn si(v: f64) -> String {
    let (scaled, suffix) = if v >= 1e9 {
        (v / 1e9, "G")
    } else if v >= 1e6 {
        (v / 1e6, "M")
    } else if v >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let digits = if scaled >= 100.0 || scaled.fract() == 0.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{scaled:.digits$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text}{suffix}")
}

/// A duration with its unit: `2 ms`, `150 µs`, `1.2 s`.
fn seconds_label(v: f64) -> String {
    if v >= 1.0 {
        format!("{} s", si(v))
    } else if v >= 1e-3 {
        format!("{} ms", si(v * 1e3))
    } else {
        format!("{} µs", si(v * 1e6))
    }
}

/// A logarithmic axis range covering `values`: from the power of ten below the smallest to the
/// power of ten above the largest.
fn decades(values: impl Iterator<Item = f64>) -> Result<(f64, f64), Error> {
    let (lo, hi) = values.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if !(lo.is_finite() && lo > 0.0 && hi.is_finite()) {
        return Err(Error::Invalid(
            "speeds to plot must be positive finite numbers".to_string(),
        ));
    }
    Ok((
        10f64.powf(lo.log10().floor()),
        10f64
            .powf(hi.log10().ceil())
            .max(10f64.powf(lo.log10().floor() + 1.0)),
    ))
}

/// The figure `throughput` of the chapter "How fast is it?": above, samples per second for each
/// group (the tutorial's training, then one epoch for each network shape), one bar per
/// implementation, on a logarithmic scale; below, the seconds of one epoch against the number of
/// samples, both logarithmic, with a dashed line of slope 1 (time proportional to the data)
/// through the first implementation's first point.
///
/// Fails when there is no group or no implementation, more implementations than colours (7), a
/// `per_group` of another length than `groups`, or a speed or time that is not a positive finite
/// number.
pub fn throughput(groups: &[&str], speeds: &[Speeds<'_>]) -> Result<Figure, Error> {
    if groups.is_empty() || speeds.is_empty() || speeds.len() > PALETTE.len() {
        return Err(Error::Invalid(format!(
            "can plot 1 to {} implementations over at least one group, got {} over {}",
            PALETTE.len(),
            speeds.len(),
            groups.len()
        )));
    }
    if let Some(s) = speeds.iter().find(|s| s.per_group.len() != groups.len()) {
        return Err(Error::Invalid(format!(
            "{} has {} speeds for {} groups",
            s.name,
            s.per_group.len(),
            groups.len()
        )));
    }
    let (bar_lo, bar_hi) = decades(
        speeds
            .iter()
            .flat_map(|s| s.per_group.iter().flatten().copied()),
    )?;
    let scaled: Vec<&Speeds<'_>> = speeds.iter().filter(|s| !s.scaling.is_empty()).collect();
    let all_points = || scaled.iter().flat_map(|s| s.scaling.iter());
    let (n_lo, n_hi) = decades(all_points().map(|&(n, _)| n as f64))?;
    let (t_lo, t_hi) = decades(all_points().map(|&(_, t)| t))?;

    render("throughput", (720, 860), |root| {
        let (top, bottom) = root.split_vertically(px(440));

        // Samples per second, by group.
        let mut bars = ChartBuilder::on(&top)
            .caption(
                "Training speed: samples per second (higher is faster)",
                font(17.0),
            )
            .margin(px(12))
            .margin_right(px(20))
            .x_label_area_size(px(40))
            .y_label_area_size(px(76))
            .build_cartesian_2d(0.0..groups.len() as f64, (bar_lo..bar_hi).log_scale())?;
        bars.configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_label_formatter(&|v: &f64| si(*v))
            .y_desc("samples per second")
            .axis_desc_style(font(14.0))
            .label_style(font(12.0))
            .set_all_tick_mark_size(px(5))
            .bold_line_style(stroke(GRID, 1))
            .light_line_style(TRANSPARENT)
            .axis_style(stroke(GREY, 1))
            .draw()?;
        // The bars present in each group, centred in it.
        let present = |g: usize| {
            speeds
                .iter()
                .filter(move |s| s.per_group[g].is_some())
                .count()
        };
        for (i, (s, colour)) in speeds.iter().zip(PALETTE).enumerate() {
            let mut rects = Vec::new();
            let mut labels = Vec::new();
            for (g, value) in s.per_group.iter().enumerate() {
                let Some(value) = *value else { continue };
                let slot = speeds[..i]
                    .iter()
                    .filter(|o| o.per_group[g].is_some())
                    .count();
                let width = 0.8 / present(g) as f64;
                let x0 = g as f64 + 0.1 + slot as f64 * width;
                rects.push(Rectangle::new(
                    [(x0 + 0.1 * width, bar_lo), (x0 + 0.9 * width, value)],
                    colour.filled(),
                ));
                labels.push(Text::new(
                    si(value),
                    (x0 + 0.5 * width, value),
                    font(11.0).pos(Pos::new(HPos::Center, VPos::Bottom)),
                ));
            }
            bars.draw_series(rects)?
                .label(s.name)
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - px(6)), (x + px(16), y + px(6))], colour.filled())
                });
            bars.draw_series(labels)?;
        }
        bars.draw_series(groups.iter().enumerate().map(|(g, name)| {
            EmptyElement::at((g as f64 + 0.5, bar_lo))
                + Text::new(
                    name.to_string(),
                    (0, px(10)),
                    font(13.0).pos(Pos::new(HPos::Center, VPos::Top)),
                )
        }))?;
        bars.configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .label_font(font(12.0))
            .background_style(WHITE.mix(0.9))
            .border_style(stroke(GREY, 1))
            .margin(px(8))
            .legend_area_size(px(24))
            .draw()?;

        // Seconds per epoch, by dataset size.
        let mut lines = ChartBuilder::on(&bottom)
            .caption(
                "Time per epoch as the data grow (lower is faster)",
                font(17.0),
            )
            .margin(px(12))
            .margin_right(px(20))
            .x_label_area_size(px(48))
            .y_label_area_size(px(76))
            .build_cartesian_2d((n_lo..n_hi).log_scale(), (t_lo..t_hi).log_scale())?;
        lines
            .configure_mesh()
            .x_label_formatter(&|v: &f64| si(*v))
            .y_label_formatter(&|v: &f64| seconds_label(*v))
            .x_desc("people in the dataset")
            .y_desc("seconds per epoch")
            .axis_desc_style(font(14.0))
            .label_style(font(12.0))
            .set_all_tick_mark_size(px(5))
            .bold_line_style(stroke(GRID, 1))
            .light_line_style(TRANSPARENT)
            .axis_style(stroke(GREY, 1))
            .draw()?;
        if let Some(&(n0, t0)) = scaled.first().and_then(|s| s.scaling.first()) {
            let line = [(n_lo, t0 * n_lo / n0 as f64), (n_hi, t0 * n_hi / n0 as f64)];
            lines
                .draw_series(DashedLineSeries::new(line, px(6), px(6), stroke(GREY, 1)))?
                .label("proportional to the data")
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + px(20), y)], stroke(GREY, 1)));
        }
        for (s, colour) in speeds.iter().zip(PALETTE) {
            if s.scaling.is_empty() {
                continue;
            }
            let points = s.scaling.iter().map(|&(n, t)| (n as f64, t));
            lines
                .draw_series(LineSeries::new(points.clone(), stroke(colour, 3)))?
                .label(s.name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + px(20), y)], stroke(colour, 3))
                });
            lines.draw_series(points.map(|p| Circle::new(p, px(4), colour.filled())))?;
        }
        lines
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font(font(12.0))
            .background_style(WHITE.mix(0.9))
            .border_style(stroke(GREY, 1))
            .margin(px(8))
            .legend_area_size(px(24))
            .draw()?;
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// 7. Everything the book shows.

/// Every figure of the book, computed from the crate, in the order the book shows them:
/// `sigmoid`, `network`, `people`, `loss-vs-w1`, `loss-curve` and `prediction-map` (the last two
/// from the tutorial's run: `Network::random(42)` trained on `Dataset::tutorial()` with the
/// default settings).
pub fn all_figures() -> Result<Vec<Figure>, Error> {
    let tutorial = data::tutorial_people();
    let others = [data::emily(), data::frank()];
    let mut net = Network::random(42);
    let history = train(
        &mut net,
        &Dataset::tutorial(),
        &TrainConfig::default(),
        |_| {},
    )?;
    let predict = |w: f64, h: f64| net.feedforward(TUTORIAL_SHIFT.apply(w, h));
    let mut figures = vec![
        sigmoid_curve()?,
        network_diagram()?,
        people(&tutorial, &others)?,
        loss_vs_w1()?,
        loss_curve(&history)?,
        prediction_map(
            &predict,
            &tutorial,
            &others,
            "What the trained network predicts",
        )?,
    ];
    figures.extend(real_people_figures()?);
    figures.extend(beyond_figures()?);
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that `svg` is well-formed XML as far as plotters can produce it: one root element,
    /// every tag closed in order, attributes quoted, no stray `<` or `&` in text.
    fn well_formed(svg: &str) -> Result<(), String> {
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = svg;
        let mut roots = 0;
        while !rest.is_empty() {
            let Some(open) = rest.find('<') else {
                check_text(rest)?;
                break;
            };
            check_text(&rest[..open])?;
            if open > 0 && stack.is_empty() && !rest[..open].trim().is_empty() {
                return Err("text outside the root element".into());
            }
            let close = rest[open..].find('>').ok_or("a tag is not closed by '>'")? + open;
            let tag = &rest[open + 1..close];
            if let Some(name) = tag.strip_prefix('/') {
                match stack.pop() {
                    Some(top) if top == name.trim() => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
            } else {
                let self_closing = tag.ends_with('/');
                let body = tag.trim_end_matches('/');
                let name = body.split_whitespace().next().ok_or("an empty tag")?;
                if body.matches('"').count() % 2 != 0 {
                    return Err(format!("unbalanced quotes in <{body}>"));
                }
                if stack.is_empty() {
                    roots += 1;
                }
                if !self_closing {
                    stack.push(name);
                }
            }
            rest = &rest[close + 1..];
        }
        if !stack.is_empty() {
            return Err(format!("unclosed elements: {stack:?}"));
        }
        if roots != 1 {
            return Err(format!("{roots} root elements"));
        }
        Ok(())
    }

    fn check_text(text: &str) -> Result<(), String> {
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            if !["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| entity.starts_with(e))
            {
                return Err(format!("unescaped '&' in {text:?}"));
            }
        }
        Ok(())
    }

    /// The text of every `<text>` element, unescaped and trimmed.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|chunk| {
                let start = chunk.find('>')? + 1;
                let end = chunk.find("</text>")?;
                Some(
                    chunk[start..end]
                        .trim()
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&apos;", "'")
                        .replace("&amp;", "&"),
                )
            })
            .collect()
    }

    fn assert_texts(figure: &Figure, expected: &[&str]) {
        let found = texts(figure.svg());
        for e in expected {
            assert!(
                found.iter().any(|t| t == e),
                "figure {} has no text {e:?}; its texts: {found:?}",
                figure.name()
            );
        }
    }

    fn figure(name: &str) -> Figure {
        all_figures()
            .unwrap()
            .into_iter()
            .find(|f| f.name() == name)
            .unwrap()
    }

    #[test]
    fn the_checker_rejects_malformed_svg() {
        assert!(well_formed("<svg><text>a</text></svg>").is_ok());
        assert!(well_formed("<svg><text>a</svg>").is_err());
        assert!(well_formed("<svg><text>a</text>").is_err());
        assert!(well_formed("<svg><text>a & b</text></svg>").is_err());
        assert!(well_formed("<svg x=\"1></svg>").is_err());
        assert!(well_formed("<svg/><svg/>").is_err());
    }

    #[test]
    fn every_figure_is_a_well_formed_svg_with_a_title() {
        let figures = all_figures().unwrap();
        let names: Vec<&str> = figures.iter().map(Figure::name).collect();
        assert_eq!(
            names,
            [
                "sigmoid",
                "network",
                "people",
                "loss-vs-w1",
                "loss-curve",
                "prediction-map",
                "howell-people",
                "howell-loss",
                "howell-map",
                "mlp-map",
                "optimizers-loss",
                "activations-loss"
            ]
        );
        for f in &figures {
            well_formed(f.svg()).unwrap_or_else(|e| panic!("{}: {e}", f.name()));
            assert!(f.svg().starts_with("<svg width=\""), "{}", f.name());
            assert!(f.svg().contains("xmlns=\"http://www.w3.org/2000/svg\""));
            // Displayed at a readable size, drawn at twice that.
            let width: u32 = f.svg()["<svg width=\"".len()..]
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
            assert!((600..=820).contains(&width), "{}: width {width}", f.name());
            assert!(f.svg().contains(&format!("viewBox=\"0 0 {} ", width * 2)));
            assert!(texts(f.svg()).len() >= 5, "{} has too few texts", f.name());
        }
    }

    #[test]
    fn figures_are_the_same_bytes_every_time() {
        assert_eq!(all_figures().unwrap(), all_figures().unwrap());
        assert_eq!(sigmoid_curve().unwrap(), sigmoid_curve().unwrap());
    }

    #[test]
    fn the_sigmoid_marks_the_neuron_example() {
        let f = sigmoid_curve().unwrap();
        assert_texts(
            &f,
            &[
                "The sigmoid squashes any number into (0, 1)",
                "w = [0, 1], b = 4, x = [2, 3]",
                "w·x + b = 7",
                "output f(7) = 0.999",
                "f(x)",
                "-8",
                "8",
            ],
        );
    }

    #[test]
    fn the_network_names_every_neuron_weight_and_bias() {
        let f = network_diagram().unwrap();
        let mut expected = vec!["x1", "x2", "h1", "h2", "o1", "weight", "height", "y_pred"];
        expected.extend(["w1", "w2", "w3", "w4", "w5", "w6"]);
        expected.extend(["bias b1", "bias b2", "bias b3"]);
        assert_texts(&f, &expected);
    }

    #[test]
    fn the_people_are_named_with_axes_and_legend() {
        let f = figure("people");
        assert_texts(
            &f,
            &[
                "Alice",
                "Bob",
                "Charlie",
                "Diana",
                "Emily",
                "Frank",
                "weight (lb)",
                "height (in)",
                "female",
                "male",
                "female, not trained on",
                "male, not trained on",
            ],
        );
    }

    #[test]
    fn loss_vs_w1_shows_the_slope_from_backprop() {
        let f = loss_vs_w1().unwrap();
        let slope = backprop(&Network::uniform(1.0, 0.0), [-2.0, -1.0], 1.0)
            .gradients
            .w1;
        assert_eq!(format!("{slope:.4}"), "0.0215");
        assert_texts(
            &f,
            &[
                "tangent at w1 = 1: slope dL/dw1 = 0.0215",
                "w1",
                "w1 = 1: L = 0.227",
            ],
        );
    }

    #[test]
    fn the_loss_curve_shows_first_and_last_loss() {
        let history = [
            LossRecord {
                epoch: 0,
                loss: 0.5,
            },
            LossRecord {
                epoch: 10,
                loss: 0.25,
            },
        ];
        let f = loss_curve(&history).unwrap();
        well_formed(f.svg()).unwrap();
        assert_texts(
            &f,
            &["epoch", "epoch 0: loss 0.5000", "epoch 10: loss 0.2500"],
        );
        assert_texts(&figure("loss-curve"), &["epoch 0: loss 0.3443"]);
    }

    #[test]
    fn the_prediction_map_has_scale_boundary_and_people() {
        let f = figure("prediction-map");
        assert_texts(
            &f,
            &[
                "What the trained network predicts",
                "P(female)",
                "P(female) = 0.5",
                "0 (male)",
                "1 (female)",
                "Alice",
                "Frank",
                "weight (lb)",
                "height (in)",
            ],
        );
        // The bands of both ends of the scale are painted.
        for band in [0, BANDS - 1] {
            let RGBColor(r, g, b) = band_colour(band);
            assert!(
                f.svg()
                    .contains(&format!("fill=\"#{r:02X}{g:02X}{b:02X}\""))
            );
        }
    }

    #[test]
    fn a_map_without_boundary_has_no_boundary_legend() {
        let people = data::tutorial_people();
        let f = prediction_map(&|_, _| 1.0, &people, &[], "everyone is female").unwrap();
        well_formed(f.svg()).unwrap();
        assert!(!texts(f.svg()).iter().any(|t| t == "P(female) = 0.5"));
        assert_texts(&f, &["everyone is female", "Alice"]);
    }

    #[test]
    fn many_people_are_drawn_without_names() {
        let many: Vec<Person> = (0..MAX_NAMED_PEOPLE + 1)
            .map(|i| {
                let sex = if i % 2 == 0 { Sex::Female } else { Sex::Male };
                Person::new(&format!("P{i}"), 100.0 + i as f64, 60.0 + i as f64, sex)
            })
            .collect();
        for f in [
            people(&many, &[]).unwrap(),
            prediction_map(&|w, _| sigmoid(110.0 - w), &many, &[], "many").unwrap(),
        ] {
            well_formed(f.svg()).unwrap();
            assert!(
                !texts(f.svg())
                    .iter()
                    .any(|t| t.starts_with('P') && t[1..].parse::<u32>().is_ok())
            );
        }
        let few = &many[..MAX_NAMED_PEOPLE];
        assert_texts(&people(few, &[]).unwrap(), &["P0", "P11"]);
    }

    #[test]
    fn names_are_escaped() {
        let odd = [
            Person::new("A & B <x>", 130.0, 64.0, Sex::Female),
            Person::new("\"Q\"", 150.0, 70.0, Sex::Male),
        ];
        let f = people(&odd, &[]).unwrap();
        well_formed(f.svg()).unwrap();
        assert_texts(&f, &["A & B <x>", "\"Q\""]);
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        assert_eq!(people(&[], &[]), Err(Error::EmptyDataset));
        assert!(matches!(loss_curve(&[]), Err(Error::Invalid(_))));
        let nan = [LossRecord {
            epoch: 0,
            loss: f64::NAN,
        }];
        assert!(matches!(loss_curve(&nan), Err(Error::Invalid(_))));
        let people = data::tutorial_people();
        for bad in [f64::NAN, 1.5, -0.1] {
            let result = prediction_map(&|_, _| bad, &people, &[], "bad");
            assert!(matches!(result, Err(Error::Invalid(_))), "{bad}");
        }
        let nowhere = [Person::new("Nowhere", f64::INFINITY, 60.0, Sex::Male)];
        assert!(matches!(
            people_fn(&nowhere),
            Err(Error::Invalid(m)) if m.contains("Nowhere")
        ));
    }

    fn people_fn(p: &[Person]) -> Result<Figure, Error> {
        people(p, &[])
    }

    #[test]
    fn one_person_still_gets_a_range() {
        let one = [data::emily()];
        let f = people(&[], &one).unwrap();
        well_formed(f.svg()).unwrap();
        assert_texts(&f, &["Emily", "female, not trained on"]);
    }

    #[test]
    fn the_contour_of_a_ramp_is_where_it_crosses_the_level() {
        let xs = [0.0, 1.0, 2.0, 3.0];
        let ys = [0.0, 1.0, 2.0];
        // p = x / 3 crosses 0.5 at x = 1.5, in every row of cells.
        let values: Vec<Vec<f64>> = ys
            .iter()
            .map(|_| xs.iter().map(|x| x / 3.0).collect())
            .collect();
        let segments = contour(&values, &xs, &ys, 0.5);
        assert_eq!(segments.len(), 2);
        for [a, b] in segments {
            assert!((a.0 - 1.5).abs() < 1e-12 && (b.0 - 1.5).abs() < 1e-12);
            assert!((a.1 - b.1).abs() == 1.0);
        }
        let flat = vec![vec![0.9; 4]; 3];
        assert!(contour(&flat, &xs, &ys, 0.5).is_empty());
    }

    #[test]
    fn tick_labels_have_no_needless_decimals() {
        assert_eq!(tick(&120.0), "120");
        assert_eq!(tick(&-8.0), "-8");
        assert_eq!(tick(&0.15000000000000002), "0.15");
        assert_eq!(tick(&-0.0), "0");
    }

    #[test]
    fn evcxr_display_wraps_the_svg_in_evcxr_markers() {
        let f = network_diagram().unwrap();
        let content = f.evcxr_content();
        assert!(content.starts_with("EVCXR_BEGIN_CONTENT image/svg+xml\n<svg width="));
        assert!(content.ends_with("</svg>\nEVCXR_END_CONTENT"));
        assert_eq!(
            content,
            format!(
                "EVCXR_BEGIN_CONTENT image/svg+xml\n{}\nEVCXR_END_CONTENT",
                f.svg().trim_end()
            )
        );
        assert_eq!(
            content.lines().filter(|l| l.starts_with("EVCXR_")).count(),
            2
        );
    }

    #[test]
    fn a_figure_can_be_renamed() {
        let f = sigmoid_curve().unwrap().with_name("sigmoid-again");
        assert_eq!(f.name(), "sigmoid-again");
        assert_eq!(f.svg(), sigmoid_curve().unwrap().svg());
    }
}
