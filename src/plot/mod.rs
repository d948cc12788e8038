//! The book's figures, drawn by the crate itself (feature `plot`).
//!
//! Every figure is computed from the crate's own code (the sigmoid, a
//! [`Neuron`](crate::neuron::Neuron), the [`Network`](crate::network::Network),
//! [`backprop`](crate::backprop::backprop)) or from what the caller computed with it (a loss
//! history from [`train`](crate::training::train), a trained model's predictions), and drawn with
//! [plotters](https://docs.rs/plotters) into an SVG string: no files are written and no system
//! font library is needed (the SVG holds plain `<text>` elements and the viewer picks the font).
//! The same inputs always give the same bytes. This module draws and never trains: the chapters'
//! snippets train, then call these functions.
//!
//! A [`Figure`] shows itself inline in a Jupyter notebook running the evcxr kernel when it is the
//! last expression of a cell (see [`Figure::evcxr_display`]); the book's SVG files are the ones
//! the executed notebooks show.
//!
//! | figure | function | file |
//! |---|---|---|
//! | the sigmoid | [`sigmoid_curve`] | `sigmoid.rs` |
//! | the 2-2-1 network | [`network_diagram`] | `network_diagram.rs` |
//! | people by weight and height | [`people`](fn@people) | `people.rs` |
//! | the loss against `w1`, loss curves | [`loss_vs_w1`], [`loss_curve`], [`loss_curves`] | `loss.rs` |
//! | a model's predictions over the plane | [`prediction_map`](fn@prediction_map), [`class_map`] | `prediction_map.rs` |
//! | a general network, its weights as lines | [`mlp_diagram`] | `mlp_diagram.rs` |
//! | small images (the digits), a confusion matrix | [`digit_gallery`], [`confusion_matrix`] | `digits.rs` |
//!
//! [`style`] holds what they share (sizes, colours, fonts, axes, legends). No figure writes a
//! word of its own: its title, axes, legends and notes, and how it writes a decimal number, are
//! the caller's [`Words`] (the book's chapters pass string literals, which the translation
//! catalog translates, so one function draws every edition's figure).

mod digits;
#[cfg(test)]
mod digits_tests;
mod loss;
mod mlp_diagram;
mod network_diagram;
mod people;
mod prediction_map;
mod sigmoid;
pub mod style;
#[cfg(test)]
mod tests;
mod words;

pub use digits::{confusion_matrix, digit_gallery};
pub use loss::{loss_curve, loss_curves, loss_vs_w1};
pub use mlp_diagram::{mlp_diagram, mlp_neuron_positions};
pub use network_diagram::network_diagram;
pub use people::{MAX_NAMED_PEOPLE, people};
pub use prediction_map::{class_map, prediction_map};
pub use sigmoid::sigmoid_curve;
pub use words::Words;

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
