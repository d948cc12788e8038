//! The tutorial's 2-2-1 network as a diagram: neurons, weights on the edges, biases.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{DrawResult, GREY, INK, Root, SCALE, at, font, px, render, stroke, text_width};
use super::{Figure, Words};
use crate::error::Error;

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
///
/// `words.labels`: the three layers' headings, the output's meaning, the first input and its
/// unit, the second input and its unit, and a bias (with `{}` for its name), such as `["input
/// layer", "hidden layer", "output layer", "P(female)", "weight", "(lb − 135)", "height", "(in −
/// 66)", "bias {}"]`.
pub fn network_diagram(words: &Words) -> Result<Figure, Error> {
    let [
        input_layer,
        hidden_layer,
        output_layer,
        meaning,
        first,
        first_unit,
        second,
        second_unit,
        bias,
    ] = words.labels("network")?;
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
            words.title,
            at((380, 14)),
            font(17.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        let header = font(14.0)
            .color(&GREY)
            .pos(Pos::new(HPos::Center, VPos::Center));
        for (text, x) in [
            (input_layer, x_in),
            (hidden_layer, x_hidden),
            (output_layer, x_out),
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
        side_label(meaning, (x_out + r + 40, middle + 18), 13.0, HPos::Center)?;

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
        side_label(first, (left, top - 9), 15.0, HPos::Right)?;
        side_label(first_unit, (left, top + 11), 13.0, HPos::Right)?;
        side_label(second, (left, bottom - 9), 15.0, HPos::Right)?;
        side_label(second_unit, (left, bottom + 11), 13.0, HPos::Right)?;
        // The biases, outside each neuron, away from the edges.
        let bias = |b: &str| Words::fill(bias, &[b.to_string()]);
        side_label(&bias("b1"), (x_hidden, top - r - 14), 15.0, HPos::Center)?;
        side_label(&bias("b2"), (x_hidden, bottom + r + 14), 15.0, HPos::Center)?;
        side_label(&bias("b3"), (x_out, middle - r - 14), 15.0, HPos::Center)?;
        Ok(())
    })
}
