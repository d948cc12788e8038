//! The words of the playground's figures, given by the page in its language (the book's
//! catalog, `po/`, through `playground.js`): neither this crate nor the library writes any.

use nn_from_scratch::plot;
use serde::Deserialize;

/// One figure's words, as the page sends them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FigureWords {
    /// The title (with `{}` where the figure fills in numbers, for the network and a neuron).
    pub title: String,
    /// The other words, in the order the figure's function lists them (see each field of
    /// [`PageWords`]).
    pub labels: Vec<String>,
}

/// Every word the playground's figures and texts use, as JSON from the page
/// (`Playground::set_words`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PageWords {
    /// The mark between a number's whole part and its fraction (`"."`, `","`).
    pub decimal_mark: String,
    /// The prediction map of people: `plot::prediction_map`'s labels.
    pub map: FigureWords,
    /// The class map of the synthetic sets: `plot::class_map`'s labels.
    pub classes: FigureWords,
    /// The loss chart: the x axis, then the two curves' names (training, test); the y axis is
    /// the loss's own name, in the page's language, [`PageWords::losses`].
    pub loss: FigureWords,
    /// The network diagram: `plot::mlp_diagram`'s labels.
    pub network: FigureWords,
    /// One hidden neuron's map: a title with `{}` for the layer and `{}` for the neuron, and
    /// `plot::class_map`'s labels.
    pub neuron: FigureWords,
    /// The losses' menu labels (`mean squared error`), each with its words in the page's
    /// language, for the loss chart's y axis.
    pub losses: Vec<(String, String)>,
    /// A sample without a name, with `{}` for its number.
    pub sample: String,
    /// The tutorial's people's names (as the library's data has them), each with the name the
    /// page's readers know them by.
    pub names: Vec<(String, String)>,
}

impl FigureWords {
    /// `draw` given this figure's words as the library takes them, titled `title` (this one's
    /// title when `None`), with `decimal_mark`.
    pub fn draw<T>(
        &self,
        title: Option<&str>,
        decimal_mark: &str,
        draw: impl FnOnce(&plot::Words) -> T,
    ) -> T {
        let labels: Vec<&str> = self.labels.iter().map(String::as_str).collect();
        draw(&plot::Words {
            title: title.unwrap_or(&self.title),
            labels: &labels,
            decimal_mark,
        })
    }
}
