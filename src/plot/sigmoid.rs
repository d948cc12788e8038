//! The sigmoid, with the tutorial's neuron example on it.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{
    ACCENT, CURVE, GREY, SIZE, chart, font, legend, line, linspace, px, render, stroke,
};
use super::{Figure, Words};
use crate::activation::sigmoid;
use crate::error::Error;
use crate::neuron::Neuron;

/// The sigmoid over [-8, 8], with the tutorial's neuron example marked: weights `[0, 1]`, bias 4
/// and input `[2, 3]` give the weighted sum 7 and the output 0.999.
///
/// `words.labels`: the x axis, the example's legend entry, and the note on its output (with
/// `{}` for the sum and `{}` for the output), such as `["x, a neuron's weighted sum w·x + b",
/// "the tutorial's neuron", "output f({}) = {}"]`.
pub fn sigmoid_curve(words: &Words) -> Result<Figure, Error> {
    let [x_axis, neuron_label, output] = words.labels("sigmoid")?;
    let neuron = Neuron::new([0.0, 1.0], 4.0);
    let input = [2.0, 3.0];
    let sum = neuron.weighted_sum(input);
    let out = neuron.feedforward(input);
    render("sigmoid", SIZE, |root| {
        let mut chart = chart(
            root,
            words.title,
            (-8.0..8.0, x_axis),
            (-0.05..1.05, "f(x)"),
            words.decimal_mark,
        )?;
        line(
            &mut chart,
            linspace(-8.0, 8.0, 161).map(|x| (x, sigmoid(x))),
            stroke(CURVE, 3),
            "f(x) = 1 / (1 + e^(−x))",
        )?;
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
            .label(neuron_label)
            .legend(|c| Circle::new(c, px(6), ACCENT.filled()));
        let right = font(13.0).pos(Pos::new(HPos::Right, VPos::Center));
        let lines = [
            format!(
                "w = [{}, {}], b = {}, x = [{}, {}]",
                neuron.weights[0], neuron.weights[1], neuron.bias, input[0], input[1]
            ),
            format!("w·x + b = {sum}"),
            Words::fill(
                output,
                &[words.number(sum, None), words.number(out, Some(3))],
            ),
        ];
        chart.draw_series(lines.into_iter().enumerate().map(|(i, text)| {
            Text::new(text, (sum - 0.3, 0.48 - 0.08 * i as f64), right.clone())
        }))?;
        legend(&mut chart, SeriesLabelPosition::UpperLeft)
    })
}
