//! A general network ([`Mlp`]) as a diagram: every neuron, and every weight as a line whose width
//! is its size and whose colour is its sign.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{ACCENT, CURVE, GREY, INK, at, font, px, render, stroke};
use super::{Figure, Words};
use crate::error::Error;
use crate::mlp::Mlp;

/// The diagram's size in displayed pixels.
const SIZE: (u32, u32) = (560, 340);

/// Where [`mlp_diagram`] draws each neuron of a network with these layer sizes: for each layer,
/// inputs first, the centres of its neurons in displayed pixels (of the figure's 560 × 340), and
/// the radius of every circle. A page can find the neuron under the pointer with it.
pub fn mlp_neuron_positions(sizes: &[usize]) -> (Vec<Vec<(i32, i32)>>, i32) {
    let widest = sizes.iter().copied().max().unwrap_or(1).max(1) as i32;
    let spacing = (260 / widest).min(70);
    let radius = (spacing * 2 / 5).clamp(5, 18);
    let layers = sizes.len().max(2) as i32;
    let positions = sizes
        .iter()
        .enumerate()
        .map(|(l, &n)| {
            let x = 70 + (420 * l as i32) / (layers - 1);
            let n = n as i32;
            (0..n)
                .map(|i| (x, 185 + (2 * i - (n - 1)) * spacing / 2))
                .collect()
        })
        .collect();
    (positions, radius)
}

/// The network `mlp`: its neurons layer by layer (inputs x1, x2 on the left, the output on the
/// right), every weight a line from a neuron to one of the next layer, as wide as the weight is
/// large (the largest 6 pixels) and blue when positive, orange when negative. The neuron
/// `highlight` (layer, index; layer 0 is the inputs) gets a thick outline.
///
/// `words.title` has `{}` for the network's shape (`2-8-1`); `words.labels`: the headings of the
/// inputs, the output and a hidden layer (with `{}` for its number), such as `["inputs",
/// "output", "hidden {}"]`.
pub fn mlp_diagram(
    mlp: &Mlp,
    highlight: Option<(usize, usize)>,
    words: &Words,
) -> Result<Figure, Error> {
    let [inputs, output, hidden] = words.labels("mlp-diagram")?;
    let sizes = mlp.sizes();
    let (pos, r) = mlp_neuron_positions(sizes);
    let largest = mlp.params().iter().fold(1e-12_f64, |m, w| m.max(w.abs()));
    render("mlp-diagram", SIZE, |root| {
        let shape: Vec<String> = sizes.iter().map(|n| n.to_string()).collect();
        root.draw(&Text::new(
            Words::fill(words.title, &[shape.join("-")]),
            at((280, 12)),
            font(16.0).pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
        for l in 1..sizes.len() {
            let weights = mlp.weights(l - 1);
            for (j, &to) in pos[l].iter().enumerate() {
                for (i, &from) in pos[l - 1].iter().enumerate() {
                    let w = weights[j * sizes[l - 1] + i];
                    let colour = if w >= 0.0 { CURVE } else { ACCENT };
                    let width = (1.0 + 11.0 * w.abs() / largest).round() as u32;
                    let style = colour
                        .mix(0.35 + 0.6 * w.abs() / largest)
                        .stroke_width(width);
                    root.draw(&PathElement::new(vec![at(from), at(to)], style))?;
                }
            }
        }
        let last = sizes.len() - 1;
        for (l, layer) in pos.iter().enumerate() {
            let fill = match l {
                0 => RGBColor(235, 235, 235),
                l if l == last => RGBColor(247, 214, 191),
                _ => RGBColor(204, 227, 242),
            };
            for (i, &centre) in layer.iter().enumerate() {
                let outline = if highlight == Some((l, i)) { 4 } else { 1 };
                root.draw(&Circle::new(at(centre), px(r), fill.filled()))?;
                root.draw(&Circle::new(at(centre), px(r), stroke(INK, outline)))?;
                if r >= 12 {
                    let name = match l {
                        0 => format!("x{}", i + 1),
                        l if l == last => "o1".to_string(),
                        _ if sizes.len() == 3 => format!("h{}", i + 1),
                        _ => String::new(),
                    };
                    root.draw(&Text::new(
                        name,
                        at(centre),
                        font(13.0).pos(Pos::new(HPos::Center, VPos::Center)),
                    ))?;
                }
            }
        }
        let header = font(13.0)
            .color(&GREY)
            .pos(Pos::new(HPos::Center, VPos::Center));
        for (l, layer) in pos.iter().enumerate() {
            let text = match l {
                0 => inputs.to_string(),
                l if l == last => output.to_string(),
                l => Words::fill(hidden, &[l.to_string()]),
            };
            root.draw(&Text::new(text, at((layer[0].0, 326)), header.clone()))?;
        }
        Ok(())
    })
}
