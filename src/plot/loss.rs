//! The loss: as a function of one weight (`w1`), and during training (one history or several).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    ACCENT, CURVE, Chart, PALETTE, Root, SIZE, chart, font, legend, line, linspace, px, render,
    stroke,
};
use super::{Figure, Words};
use crate::backprop::backprop;
use crate::data::{self, TUTORIAL_SHIFT};
use crate::error::Error;
use crate::network::Network;
use crate::training::LossRecord;

/// The tutorial's backpropagation example: Alice alone (input `[-2, -1]` after the 135 lb / 66 in
/// shift, label 1), every weight 1 and every bias 0. The loss `L = (1 - y_pred)^2` as `w1` varies
/// over [-4, 6] with the other parameters fixed, the point `w1 = 1`, and the tangent there, whose
/// slope is `dL/dw1` as computed by [`backprop`] (0.0215).
///
/// `words.labels`: the y axis, the curve's legend entry, and the tangent's (with `{}` for `w1`
/// and `{}` for the slope), such as `["loss L = (1 − y_pred)²", "L(w1), Alice only", "tangent at
/// w1 = {}: slope dL/dw1 = {}"]`.
pub fn loss_vs_w1(words: &Words) -> Result<Figure, Error> {
    let [y_axis, curve, tangent] = words.labels("loss-vs-w1")?;
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
            words.title,
            (-4.0..6.0, "w1"),
            (0.0..0.3, y_axis),
            words.decimal_mark,
        )?;
        line(
            &mut chart,
            linspace(-4.0, 6.0, 201).map(|w| (w, loss_at(w))),
            stroke(CURVE, 3),
            curve,
        )?;
        line(
            &mut chart,
            linspace(w0 - 3.0, w0 + 3.0, 2).map(|w| (w, l0 + slope * (w - w0))),
            stroke(ACCENT, 2),
            Words::fill(
                tangent,
                &[words.number(w0, None), words.number(slope, Some(4))],
            ),
        )?;
        chart
            .draw_series(std::iter::once(Circle::new(
                (w0, l0),
                px(6),
                ACCENT.filled(),
            )))?
            .label(format!(
                "w1 = {}: L = {}",
                words.number(w0, None),
                words.number(l0, Some(3))
            ))
            .legend(|c| Circle::new(c, px(6), ACCENT.filled()));
        legend(&mut chart, SeriesLabelPosition::LowerRight)
    })
}

/// Several loss histories on one chart, one coloured curve and legend entry per `(label,
/// history)` pair, for comparing runs (normalisations, optimizers, network shapes). The figure is
/// named `"loss-curves"`; rename it with [`Figure::with_name`]. `words.labels`: the x axis and
/// the y axis, such as `["epoch", "mean squared error"]`.
///
/// Fails when there is no history, more histories than colours (7), an empty history, or a loss
/// that is not a finite number.
pub fn loss_curves(series: &[(&str, &[LossRecord])], words: &Words) -> Result<Figure, Error> {
    let [x_axis, y_axis] = words.labels("loss-curves")?;
    if series.is_empty() || series.len() > PALETTE.len() {
        return Err(Error::PlotSeriesCount {
            found: series.len(),
            max: PALETTE.len(),
        });
    }
    let corner = loss_corner(
        series
            .iter()
            .map(|&(label, history)| (Some(label), history)),
    )?;
    render("loss-curves", SIZE, |root| {
        let mut chart = loss_axes(root, words, [x_axis, y_axis], corner)?;
        for (&(label, history), colour) in series.iter().zip(PALETTE) {
            let points = history.iter().map(|r| (r.epoch as f64, r.loss));
            line(&mut chart, points, stroke(colour, 3), label)?;
        }
        legend(&mut chart, SeriesLabelPosition::UpperRight)
    })
}

/// The loss over the whole dataset, epoch by epoch, as recorded by
/// [`train`](crate::training::train), with the first and the last noted. Fails on an empty
/// history.
///
/// `words.labels`: the x axis, the y axis, and the note on a record (with `{}` for its epoch and
/// `{}` for its loss), such as `["epoch", "mean squared error over the dataset", "epoch {}: loss
/// {}"]`.
pub fn loss_curve(history: &[LossRecord], words: &Words) -> Result<Figure, Error> {
    let [x_axis, y_axis, record] = words.labels("loss-curve")?;
    let (right, top) = loss_corner(std::iter::once((None, history)))?;
    render("loss-curve", SIZE, |root| {
        let mut chart = loss_axes(root, words, [x_axis, y_axis], (right, top))?;
        // loss_corner refused an empty history.
        let (first, last) = (&history[0], &history[history.len() - 1]);
        chart.draw_series(LineSeries::new(
            history.iter().map(|r| (r.epoch as f64, r.loss)),
            stroke(CURVE, 3),
        ))?;
        let note = font(13.0).pos(Pos::new(HPos::Right, VPos::Center));
        let notes = [(first, 0.92), (last, 0.84)].map(|(r, height)| {
            let text = [r.epoch.to_string(), words.number(r.loss, Some(4))];
            Text::new(
                Words::fill(record, &text),
                (right, top * height),
                note.clone(),
            )
        });
        chart.draw_series(notes)?;
        Ok(())
    })
}

/// The top right corner of a chart of `histories` (each with its name, for the errors): the last
/// epoch (at least 1), and 10 % above the largest loss. Fails on an empty history or a loss that
/// is not a finite number.
fn loss_corner<'h>(
    histories: impl Iterator<Item = (Option<&'h str>, &'h [LossRecord])>,
) -> Result<(f64, f64), Error> {
    let mut top: f64 = 0.0;
    let mut right: f64 = 1.0;
    for (label, history) in histories {
        let series = label.map(str::to_string);
        let Some(last) = history.last() else {
            return Err(Error::EmptyHistory { series });
        };
        if history.iter().any(|r| !r.loss.is_finite()) {
            return Err(Error::NonFiniteLoss { series });
        }
        top = history.iter().map(|r| r.loss).fold(top, f64::max);
        right = right.max(last.epoch as f64);
    }
    Ok((right, if top > 0.0 { top * 1.1 } else { 1.0 }))
}

/// The axes of a loss chart: epochs from 0 to `right`, the loss from 0 to `top`.
fn loss_axes<'a, 'b>(
    root: &'a Root<'b>,
    words: &Words,
    [x_axis, y_axis]: [&str; 2],
    (right, top): (f64, f64),
) -> Result<Chart<'a, 'b>, Box<dyn std::error::Error>> {
    chart(
        root,
        words.title,
        (0.0..right, x_axis),
        (0.0..top, y_axis),
        words.decimal_mark,
    )
}
