//! The words of the playground's figures, given by the page in its language (the book's
//! catalog, `po/`, through `playground.js`): neither this crate nor the library writes any.

use nn_from_scratch::plot;

/// One figure's words, as the page sends them.
#[derive(Debug, Clone, Default)]
pub struct FigureWords {
    /// The title (with `{}` where the figure fills in numbers, for the network and a neuron).
    pub title: String,
    /// The other words, in the order the figure's function lists them (see each field of
    /// [`PageWords`]).
    pub labels: Vec<String>,
}

/// Every word the playground's figures and texts use, from the page (`Playground::set_words`,
/// [`PageWords::from_lines`]).
#[derive(Debug, Clone, Default)]
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

impl PageWords {
    /// How many labels each figure takes, in the order [`PageWords::from_lines`] reads them (the
    /// neuron's map takes the class map's labels).
    pub const LABELS: [usize; 4] = [9, 5, 3, 3];

    /// How many losses (every one of the library's, `Loss::ALL`) and how many of the tutorial's
    /// people are named.
    pub const PAIRS: [usize; 2] = [nn_from_scratch::mlp::Loss::ALL.len(), 4];

    /// How many lines of words the page sends.
    pub const LINES: usize = {
        // The decimal mark and the sample; a title and the labels of each figure; the neuron's
        // title; the pairs.
        let mut lines = 2 + 1 + 2 * (Self::PAIRS[0] + Self::PAIRS[1]);
        let mut i = 0;
        while i < Self::LABELS.len() {
            lines += 1 + Self::LABELS[i];
            i += 1;
        }
        lines
    };

    /// The words from the page's `text`, one a line: the decimal mark; an unnamed sample (with
    /// `{}`); for the map, the class map, the loss chart and the network in turn a title and its
    /// [`PageWords::LABELS`] labels; the neuron map's title; then the losses and the people's
    /// names ([`PageWords::PAIRS`]), each an English text and its words. Fails when there are
    /// not as many lines (plain lines, no serde: it would make the page's wasm much larger).
    pub fn from_lines(text: &str) -> Result<PageWords, String> {
        if text.split('\n').count() != Self::LINES {
            return Err("the page did not send every word of the figures".to_string());
        }
        let mut lines = text.split('\n').map(str::to_string);
        let mut next = || lines.next().unwrap_or_default();
        let decimal_mark = next();
        let sample = next();
        let mut figure = |n: usize| FigureWords {
            title: next(),
            labels: (0..n).map(|_| next()).collect(),
        };
        let [map, classes, loss, network] = Self::LABELS.map(&mut figure);
        let neuron = FigureWords {
            labels: classes.labels.clone(),
            ..figure(0)
        };
        let [losses, names] = Self::PAIRS.map(|n| (0..n).map(|_| (next(), next())).collect());
        Ok(PageWords {
            decimal_mark,
            map,
            classes,
            loss,
            network,
            neuron,
            losses,
            sample,
            names,
        })
    }
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
