//! A network trained on a [table](crate::table), with what it needs to classify new rows: the
//! feature columns it reads, their scaling and the names of its classes. Saved as a model file
//! (JSON, like [`crate::model::ModelFile`], with `"kind": "table"`).
//!
//! Two classes: one sigmoid output, the probability of the second class (the tutorial's way);
//! more: a softmax output, one probability per class ([`crate::mlp::softmax`]).

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::mlp::{Activation, Mlp, Output, Workspace};
use crate::model::{MODEL_FORMAT, MODEL_VERSION};
use crate::table::Scaling;

/// The value of a table model's `kind` field.
pub const TABLE_KIND: &str = "table";

/// What a table model classifies, for messages.
pub const TABLE_ROWS: &str = "rows of a table with its feature columns";

/// How many rows go through the network at once.
const BATCH: usize = 256;

/// A trained table classifier, as its model file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classifier {
    /// Always [`MODEL_FORMAT`].
    pub format: String,
    /// Always [`MODEL_VERSION`] when written by this crate.
    pub version: u64,
    /// Always [`TABLE_KIND`].
    pub kind: String,
    /// The feature columns, in the order the network takes them.
    pub features: Vec<String>,
    /// The class names; the network's class `j` is `classes[j]`.
    pub classes: Vec<String>,
    /// How the features become inputs.
    pub scaling: Scaling,
    /// The network.
    pub network: Mlp,
}

impl Classifier {
    /// A classifier from its parts, checked ([`Classifier::check`]).
    pub fn new(
        features: Vec<String>,
        classes: Vec<String>,
        scaling: Scaling,
        network: Mlp,
    ) -> Result<Classifier, Error> {
        let c = Classifier {
            format: MODEL_FORMAT.to_string(),
            version: MODEL_VERSION,
            kind: TABLE_KIND.to_string(),
            features,
            classes,
            scaling,
            network,
        };
        c.check()?;
        Ok(c)
    }

    /// The output a network for `classes` classes has: the sigmoid for two, softmax for more.
    pub fn output_for(classes: usize) -> Output {
        if classes == 2 {
            Output::Neuron(Activation::Sigmoid)
        } else {
            Output::Softmax
        }
    }

    /// The number of outputs a network for `classes` classes has: 1 for two, else one each.
    pub fn outputs_for(classes: usize) -> usize {
        if classes == 2 { 1 } else { classes }
    }

    /// Checks that the parts fit: one input per feature, at least two classes, a sigmoid
    /// output for two and a softmax of one output per class for more, a scaling per feature.
    pub fn check(&self) -> Result<(), Error> {
        let corrupt = |what: String| Err(Error::CorruptModel(what));
        let k = self.classes.len();
        if self.network.input_width() != self.features.len() {
            return corrupt(format!(
                "the network takes {} inputs for {} feature columns",
                self.network.input_width(),
                self.features.len()
            ));
        }
        if k < 2 {
            return corrupt(format!(
                "it names {k} class, and a classifier needs 2 or more"
            ));
        }
        let (output, width) = (Classifier::output_for(k), Classifier::outputs_for(k));
        if self.network.output() != output || self.network.output_width() != width {
            return corrupt(format!(
                "for {k} classes the network's output must be {width} wide ({output}), not {} \
                 ({})",
                self.network.output_width(),
                self.network.output()
            ));
        }
        self.scaling.check(self.features.len())
    }

    /// The model as pretty-printed JSON; floats read back exactly.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a classifier always serialises")
    }

    /// Reads a table model, checking its format, version, kind and that its parts fit.
    pub fn from_json(text: &str) -> Result<Classifier, Error> {
        let value = crate::model::model_json(text)?;
        if value.get("kind").and_then(|k| k.as_str()) != Some(TABLE_KIND) {
            return Err(Error::WrongModelKind {
                model: crate::model::PEOPLE,
                given: TABLE_ROWS,
            });
        }
        let c: Classifier =
            serde_json::from_value(value).map_err(|e| Error::CorruptModel(e.to_string()))?;
        c.check()?;
        Ok(c)
    }

    /// Each row's probability of each class, row after row (`rows.len() × classes` numbers).
    /// Every row must have one number per feature, all finite.
    pub fn probabilities(&self, rows: &[Vec<f64>]) -> Result<Vec<f64>, Error> {
        let inputs = self.inputs(rows)?;
        let mut ws = Workspace::new(&self.network, rows.len().clamp(1, BATCH))?;
        let mut out = vec![0.0; rows.len() * self.network.output_width()];
        self.network.predict_batch(&mut ws, &inputs, &mut out)?;
        if self.classes.len() == 2 {
            // One sigmoid: the probability of class 1; class 0 has the rest.
            return Ok(out.iter().flat_map(|&p| [1.0 - p, p]).collect());
        }
        Ok(out)
    }

    /// Each row's class number (an index into [`Classifier::classes`]): the most probable.
    pub fn classify(&self, rows: &[Vec<f64>]) -> Result<Vec<usize>, Error> {
        let inputs = self.inputs(rows)?;
        let mut ws = Workspace::new(&self.network, rows.len().clamp(1, BATCH))?;
        let mut out = vec![0; rows.len()];
        self.network.classify(&mut ws, &inputs, &mut out)?;
        Ok(out)
    }

    /// The scaled inputs of `rows`, checked.
    fn inputs(&self, rows: &[Vec<f64>]) -> Result<Vec<Vec<f64>>, Error> {
        let width = self.features.len();
        for (index, row) in rows.iter().enumerate() {
            if row.len() != width {
                return Err(Error::InputWidth {
                    expected: width,
                    found: row.len(),
                });
            }
            if !row.iter().all(|x| x.is_finite()) {
                return Err(Error::NonFiniteSample { index });
            }
        }
        let inputs: Vec<Vec<f64>> = rows.iter().map(|r| self.scaling.apply(r)).collect();
        for row in &inputs {
            if let Some(i) = row.iter().position(|x| !x.is_finite()) {
                return Err(Error::Unscalable { feature: i + 1 });
            }
        }
        Ok(inputs)
    }
}
