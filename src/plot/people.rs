//! People by weight and height, and the markers that draw them (shared with
//! [`prediction_map`](super::prediction_map)).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    Chart, DrawResult, FEMALE, INK, MALE, SIZE, at, chart, font, legend, px, render, stroke,
    text_width,
};
use super::{Figure, Words};
use crate::error::Error;
use crate::person::{Person, Sex};

/// Above this many people, names are not written beside the points (they would pile up).
pub const MAX_NAMED_PEOPLE: usize = 12;

/// The legend entries of people: female, male, female not trained on, male not trained on.
pub(super) type Legend<'a> = [&'a str; 4];

/// How a person is drawn: the sex gives the shape (female circle, male triangle) and the colour;
/// people who were not trained on are drawn hollow.
#[derive(Clone, Copy)]
pub(super) struct Marker {
    pub(super) sex: Sex,
    pub(super) hollow: bool,
}

impl Marker {
    pub(super) fn colour(self) -> RGBColor {
        match self.sex {
            Sex::Female => FEMALE,
            Sex::Male => MALE,
        }
    }

    /// This marker's legend entry of `legend` (female, male, female not trained on, male not
    /// trained on).
    pub(super) fn label<'a>(self, legend: &Legend<'a>) -> &'a str {
        match (self.sex, self.hollow) {
            (Sex::Female, false) => legend[0],
            (Sex::Male, false) => legend[1],
            (Sex::Female, true) => legend[2],
            (Sex::Male, true) => legend[3],
        }
    }

    /// The fill and the outline: filled in the sex's colour with a dark outline, or hollow
    /// (white) with a thick outline in the sex's colour.
    pub(super) fn styles(self) -> (ShapeStyle, ShapeStyle) {
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

pub(super) use {circle_marker, triangle_marker};

/// The male marker's triangle, in drawing pixels around the point (closed, for the outline).
pub(super) fn triangle() -> Vec<(i32, i32)> {
    [(0, -8), (7, 5), (-7, 5), (0, -8)]
        .iter()
        .map(|&(x, y)| (px(x), px(y)))
        .collect()
}

/// The range of `values` widened by `margin` times its span (at least `min_pad`) on each side.
pub(super) fn padded_range(
    values: impl Iterator<Item = f64>,
    margin: f64,
    min_pad: f64,
) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let pad = ((hi - lo) * margin).max(min_pad);
    (lo - pad, hi + pad)
}

/// The weight and height ranges that show everyone, with room around the points (and on the
/// right for the names, when they are written).
pub(super) fn people_ranges(
    people: &[Person],
    others: &[Person],
    named: bool,
) -> Result<(std::ops::Range<f64>, std::ops::Range<f64>), Error> {
    let everyone = || people.iter().chain(others);
    if everyone().next().is_none() {
        return Err(Error::EmptyDataset);
    }
    if let Some(p) = everyone().find(|p| !p.weight_lb.is_finite() || !p.height_in.is_finite()) {
        return Err(Error::NonFinitePerson {
            name: p.name.clone(),
        });
    }
    let (w0, mut w1) = padded_range(everyone().map(|p| p.weight_lb), 0.1, 2.0);
    let (h0, h1) = padded_range(everyone().map(|p| p.height_in), 0.12, 1.0);
    if named {
        w1 += (w1 - w0) * 0.08;
    }
    Ok((w0..w1, h0..h1))
}

/// The kinds of marker `people` (filled) and `others` (hollow) need, in legend order.
pub(super) fn markers_present(people: &[Person], others: &[Person]) -> Vec<Marker> {
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
pub(super) fn draw_people<'a, 'b: 'a>(
    chart: &mut Chart<'a, 'b>,
    people: &[Person],
    others: &[Person],
    legend: &Legend<'_>,
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
                    .label(marker.label(legend))
                    .legend(move |c| circle_marker!(c, fill, outline));
            }
            Sex::Male => {
                chart
                    .draw_series(points.map(|c| triangle_marker!(c, fill, outline)))?
                    .label(marker.label(legend))
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

/// Weight (lb) against height (in) for `people` (filled markers) and `others`, people the
/// network was not trained on (hollow markers): females as circles, males as triangles, with a
/// legend and, for at most [`MAX_NAMED_PEOPLE`] people, their names. Fails on an empty plot.
///
/// `words.labels`: the x axis, the y axis, and the legend's female, male, female not trained on
/// and male not trained on, such as `["weight (lb)", "height (in)", "female", "male", "female,
/// not trained on", "male, not trained on"]`.
pub fn people(people: &[Person], others: &[Person], words: &Words) -> Result<Figure, Error> {
    let [x_axis, y_axis, female, male, female_other, male_other] = words.labels("people")?;
    let named = people.len() + others.len() <= MAX_NAMED_PEOPLE;
    let (wr, hr) = people_ranges(people, others, named)?;
    render("people", SIZE, |root| {
        let mut chart = chart(
            root,
            words.title,
            (wr, x_axis),
            (hr, y_axis),
            words.decimal_mark,
        )?;
        draw_people(
            &mut chart,
            people,
            others,
            &[female, male, female_other, male_other],
        )?;
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}
