//! What a trained model predicts everywhere on the weight–height plane.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::people::{
    MAX_NAMED_PEOPLE, circle_marker, draw_people, markers_present, people_ranges, triangle,
    triangle_marker,
};
use super::{Figure, Words};
use std::ops::Range;

use super::style::{
    Chart, DrawResult, FEMALE, GREY, INK, MALE, Root, at, chart, font, px, render, stroke,
};
use crate::data::Dataset;
use crate::error::Error;
use crate::person::{Person, Sex};

/// The number of probability bands of the prediction map's colour scale.
pub(super) const BANDS: usize = 10;

/// The colour of the band holding probability `p` of female: blue for male, through white at
/// 0.5, to vermillion for female, pale enough for the markers to stand out.
pub(super) fn band_colour(band: usize) -> RGBColor {
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

/// The band of the colour scale that holds the probability `p`.
fn band_of(p: f64) -> usize {
    ((p * BANDS as f64).floor().max(0.0) as usize).min(BANDS - 1)
}

/// A straight piece of a contour, from one end to the other.
type Segment = [(f64, f64); 2];

/// What `predict` gives at the centres of `nx` × `ny` cells over `xr` × `yr` (`values[j][i]`
/// in column `i`, row `j`), and its contour at 0.5. Fails on a value that is not a probability,
/// saying where with `place`.
fn sample(
    predict: &dyn Fn(f64, f64) -> f64,
    (xr, nx): (&Range<f64>, usize),
    (yr, ny): (&Range<f64>, usize),
    place: impl Fn(f64, f64) -> String,
) -> Result<(Vec<Vec<f64>>, Vec<Segment>), Error> {
    let centres = |r: &Range<f64>, n: usize| {
        let d = (r.end - r.start) / n as f64;
        (0..n)
            .map(|i| r.start + (i as f64 + 0.5) * d)
            .collect::<Vec<f64>>()
    };
    let (xs, ys) = (centres(xr, nx), centres(yr, ny));
    let mut values = Vec::with_capacity(ny);
    for &y in &ys {
        let mut row = Vec::with_capacity(nx);
        for &x in &xs {
            let p = predict(x, y);
            if !(0.0..=1.0).contains(&p) {
                return Err(Error::NotProbability { p, at: place(x, y) });
            }
            row.push(p);
        }
        values.push(row);
    }
    let boundary = contour(&values, &xs, &ys, 0.5);
    Ok((values, boundary))
}

/// The chart of a map on `area`, its axes drawn and `values` painted in bands of colour.
fn map_chart<'a, 'b>(
    area: &'a Root<'b>,
    words: &Words,
    (xr, x_axis): (&Range<f64>, &str),
    (yr, y_axis): (&Range<f64>, &str),
    values: &[Vec<f64>],
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    let mut chart = chart(
        area,
        words.title,
        (xr.clone(), x_axis),
        (yr.clone(), y_axis),
        words.decimal_mark,
    )?;
    draw_bands(&mut chart, values, xr, yr)?;
    Ok(chart)
}

/// The segments of the `level` contour of `values` sampled at `xs` × `ys` (marching squares;
/// `values[j][i]` is the value at `(xs[i], ys[j])`).
pub(super) fn contour(values: &[Vec<f64>], xs: &[f64], ys: &[f64], level: f64) -> Vec<Segment> {
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

/// Draws `values` (sampled at cell centres, `values[j][i]` for row `j`, column `i`) over the
/// ranges `wr` × `hr` as coloured bands: one rectangle per run of cells of the same band along a
/// row, each reaching half a cell into the next run and the next row (drawn after it, on top),
/// so no seams show.
pub(super) fn draw_bands(
    chart: &mut Chart<'_, '_>,
    values: &[Vec<f64>],
    wr: &Range<f64>,
    hr: &Range<f64>,
) -> DrawResult {
    let (ny, nx) = (values.len(), values[0].len());
    let (dw, dh) = (
        (wr.end - wr.start) / nx as f64,
        (hr.end - hr.start) / ny as f64,
    );
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
    Ok(())
}

/// The colour scale on `side` (displayed pixels): a `title`, the bands, and `labels` at 0, 0.5
/// and 1. Returns the bottom of the scale and its left edge, for a legend below it.
pub(super) fn colour_scale(
    side: &Root<'_>,
    title: &str,
    labels: [&str; 3],
) -> Result<(i32, i32), Box<dyn std::error::Error>> {
    let text = |s: &str, p: (i32, i32), size: f64| {
        side.draw(&Text::new(
            s.to_string(),
            at(p),
            font(size).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
    };
    let (top, bottom) = (62, 212);
    let (x0, x1) = (24, 46);
    text(title, (x0, top - 22), 14.0)?;
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
    for (p, label) in [0.0, 0.5, 1.0].into_iter().zip(labels) {
        let y = bottom - (p * f64::from(bottom - top)).round() as i32;
        side.draw(&PathElement::new(
            vec![at((x1, y)), at((x1 + 5, y))],
            stroke(GREY, 1),
        ))?;
        text(label, (x1 + 9, y), 12.0)?;
    }
    Ok((bottom, x0))
}

/// What a model predicts over the weight–height plane: `predict(weight_lb, height_in)` is the
/// probability of female, drawn as coloured bands (blue male, white 0.5, vermillion female) with
/// the 0.5 boundary as a line, a colour scale, and `people` and `others` on top as in
/// [`people`](fn@super::people). The plane covers everyone with a margin, so the same function draws
/// the tutorial's four people or a real dataset of hundreds, for any model.
///
/// Fails when there is nobody to plot, or when `predict` returns something that is not a number
/// between 0 and 1.
///
/// `words.labels`: the labels of [`people`](fn@super::people) (axes and legend), then what the
/// colour means and its two ends, such as `["weight (lb)", "height (in)", "female", "male",
/// "female, not trained on", "male, not trained on", "P(female)", "0 (male)", "1 (female)"]`.
/// A legend entry with a comma is written on two lines.
pub fn prediction_map(
    predict: &dyn Fn(f64, f64) -> f64,
    people: &[Person],
    others: &[Person],
    words: &Words,
) -> Result<Figure, Error> {
    let [
        x_axis,
        y_axis,
        female,
        male,
        female_other,
        male_other,
        meaning,
        low,
        high,
    ] = words.labels("prediction-map")?;
    let legend = [female, male, female_other, male_other];
    let named = people.len() + others.len() <= MAX_NAMED_PEOPLE;
    let (wr, hr) = people_ranges(people, others, named)?;
    // Cells are about 4 pixels wide.
    let place = |w: f64, h: f64| format!("weight {w:.1} lb, height {h:.1} in");
    let (values, boundary) = sample(predict, (&wr, 130), (&hr, 80), place)?;

    render("prediction-map", (800, 420), |root| {
        let (plot_area, side) = root.split_horizontally(px(610));
        let mut chart = map_chart(&plot_area, words, (&wr, x_axis), (&hr, y_axis), &values)?;
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
        draw_people(&mut chart, people, others, &legend)?;

        // Right of the chart: the colour scale, then the legend (in displayed pixels).
        let text = |s: &str, p: (i32, i32), size: f64, h: HPos| {
            side.draw(&Text::new(
                s.to_string(),
                at(p),
                font(size).pos(Pos::new(h, VPos::Center)),
            ))
        };
        let half = words.number(0.5, None);
        let (bottom, x0) = colour_scale(&side, meaning, [low, &half, high])?;
        let mut y = bottom + 40;
        let row = 24;
        if !boundary.is_empty() {
            side.draw(&PathElement::new(
                vec![at((x0 - 6, y)), at((x0 + 16, y))],
                stroke(INK, 2),
            ))?;
            text(
                &format!("{meaning} = {half}"),
                (x0 + 26, y),
                13.0,
                HPos::Left,
            )?;
            y += row;
        }
        for marker in markers_present(people, others) {
            let (fill, outline) = marker.styles();
            match marker.sex {
                Sex::Female => side.draw(&circle_marker!(at((x0 + 5, y)), fill, outline))?,
                Sex::Male => side.draw(&triangle_marker!(at((x0 + 5, y)), fill, outline))?,
            }
            // "female, not trained on" is too long for one line here.
            match marker.label(&legend).split_once(", ") {
                Some((first, second)) => {
                    text(first, (x0 + 26, y - 8), 13.0, HPos::Left)?;
                    text(second, (x0 + 26, y + 8), 13.0, HPos::Left)?;
                    y += row + 12;
                }
                None => {
                    text(marker.label(&legend), (x0 + 26, y), 13.0, HPos::Left)?;
                    y += row;
                }
            }
        }
        Ok(())
    })
}

/// What a model predicts over a plane of two unnamed inputs `x1`, `x2` (the synthetic sets of
/// [`shapes`](crate::shapes), or the normalised inputs of any data): `predict(x1, x2)` is the
/// probability of label 1, drawn as [`prediction_map`](fn@prediction_map) draws it, with the
/// 0.5 boundary, and the samples of `train` (filled) and `test` (hollow) on top: label 1 as
/// circles, label 0 as triangles. The plane is square, centred on 0, and covers every sample.
/// `resolution` cells per side (at least 2) trade detail for speed.
///
/// Fails when there is no sample, a sample is not finite ([`Error::NonFiniteSample`], counting
/// the training samples, then the test ones), or `predict` returns something that is not a
/// number between 0 and 1.
///
/// `words.labels`: the legend's label 1, label 0, label 1 in the test set and label 0 in it,
/// then what the colour means, such as `["label 1", "label 0", "label 1, test", "label 0,
/// test", "P(label 1)"]`.
pub fn class_map(
    predict: &dyn Fn(f64, f64) -> f64,
    train: &Dataset,
    test: &Dataset,
    words: &Words,
    resolution: usize,
) -> Result<Figure, Error> {
    let [one, zero, one_test, zero_test, meaning] = words.labels("class-map")?;
    let everyone = || train.inputs.iter().chain(&test.inputs).flatten();
    if everyone().next().is_none() {
        return Err(Error::EmptyDataset);
    }
    let samples = || train.inputs.iter().chain(&test.inputs);
    if let Some(index) = samples().position(|x| x.iter().any(|v| !v.is_finite())) {
        return Err(Error::NonFiniteSample { index });
    }
    let reach = everyone().fold(1.0_f64, |m, v| m.max(v.abs() * 1.1));
    let range = -reach..reach;
    let n = resolution.max(2);
    let place = |x1: f64, x2: f64| format!("({x1:.2}, {x2:.2})");
    let (values, boundary) = sample(predict, (&range, n), (&range, n), place)?;

    render("class-map", (600, 440), |root| {
        let (plot_area, side) = root.split_horizontally(px(450));
        let mut chart = map_chart(&plot_area, words, (&range, "x1"), (&range, "x2"), &values)?;
        chart.draw_series(
            boundary
                .iter()
                .map(|s| PathElement::new(s.to_vec(), stroke(INK, 2))),
        )?;
        let mut kinds = Vec::new();
        for (data, hollow) in [(train, false), (test, true)] {
            for (label, sex) in [(1.0, Sex::Female), (0.0, Sex::Male)] {
                let points: Vec<(f64, f64)> = data
                    .inputs
                    .iter()
                    .zip(&data.labels)
                    .filter(|(_, y)| **y == label)
                    .map(|(x, _)| (x[0], x[1]))
                    .collect();
                if points.is_empty() {
                    continue;
                }
                let (fill, outline) = super::people::Marker { sex, hollow }.styles();
                kinds.push((sex, hollow, fill, outline));
                match sex {
                    Sex::Female => chart.draw_series(
                        points.into_iter().map(|c| circle_marker!(c, fill, outline)),
                    )?,
                    Sex::Male => chart.draw_series(
                        points
                            .into_iter()
                            .map(|c| triangle_marker!(c, fill, outline)),
                    )?,
                };
            }
        }
        let half = words.number(0.5, None);
        let (bottom, x0) = colour_scale(&side, meaning, ["0", &half, "1"])?;
        let mut y = bottom + 40;
        let label_style = font(13.0).pos(Pos::new(HPos::Left, VPos::Center));
        for (sex, hollow, fill, outline) in kinds {
            match sex {
                Sex::Female => side.draw(&circle_marker!(at((x0 + 5, y)), fill, outline))?,
                Sex::Male => side.draw(&triangle_marker!(at((x0 + 5, y)), fill, outline))?,
            }
            let label = match (sex, hollow) {
                (Sex::Female, false) => one,
                (Sex::Male, false) => zero,
                (Sex::Female, true) => one_test,
                (Sex::Male, true) => zero_test,
            };
            side.draw(&Text::new(label, at((x0 + 26, y)), label_style.clone()))?;
            y += 24;
        }
        Ok(())
    })
}
