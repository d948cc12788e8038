//! Model files: a trained network together with how to turn raw measurements into its inputs,
//! stored as JSON so that `predict` can take a person's weight and height as they are.

use serde::{Deserialize, Serialize};

use crate::data::Normalisation;
use crate::error::Error;
use crate::mlp::Activation;
use crate::mlp::Mlp;
use crate::network::Network;

/// The value of the `format` field of every model file.
pub const MODEL_FORMAT: &str = "nn-from-scratch-model";
/// The model file version this crate writes and reads.
pub const MODEL_VERSION: u64 = 1;

/// The network inside a model file, tagged by its architecture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Architecture {
    /// The tutorial's 2-2-1 sigmoid network.
    Tutorial {
        /// Its nine parameters.
        params: Network,
    },
    /// A general multilayer perceptron (any layer sizes, activations), two inputs, one output.
    Mlp {
        /// Its sizes, activations and parameters.
        network: Mlp,
    },
}

impl Architecture {
    /// The probability of female for one normalised input.
    pub fn predict(&self, input: [f64; 2]) -> Result<f64, Error> {
        match self {
            Architecture::Tutorial { params } => Ok(params.feedforward(input)),
            Architecture::Mlp { network } => network.predict(&input),
        }
    }

    /// A short description, such as `2-2-1 tutorial network` or `2-8-1 MLP (tanh, sigmoid)`.
    pub fn describe(&self) -> String {
        match self {
            Architecture::Tutorial { .. } => "the tutorial's 2-2-1 network".to_string(),
            Architecture::Mlp { network } => format!(
                "a {} MLP ({} hidden, {} output)",
                network
                    .sizes()
                    .iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join("-"),
                network.hidden_activation().name(),
                network.output_activation().name()
            ),
        }
    }
}

/// A saved model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelFile {
    /// Always [`MODEL_FORMAT`].
    pub format: String,
    /// Always [`MODEL_VERSION`] when written by this crate.
    pub version: u64,
    /// The network.
    pub architecture: Architecture,
    /// How raw measurements (pounds, inches) become inputs.
    pub normalisation: Normalisation,
}

impl ModelFile {
    /// A model file for a trained network of either kind.
    pub fn new(architecture: Architecture, normalisation: Normalisation) -> Self {
        ModelFile {
            format: MODEL_FORMAT.to_string(),
            version: MODEL_VERSION,
            architecture,
            normalisation,
        }
    }

    /// A model file for a trained tutorial network.
    pub fn tutorial(params: Network, normalisation: Normalisation) -> Self {
        ModelFile::new(Architecture::Tutorial { params }, normalisation)
    }

    /// The model as pretty-printed JSON. Floats are written so that they read back exactly.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a model always serialises")
    }

    /// Reads a model from JSON, checking its format and version, that every number is finite
    /// and the normalisation's scales are not zero, and that an MLP takes two inputs and ends in
    /// a sigmoid (so that it gives a probability).
    pub fn from_json(text: &str) -> Result<ModelFile, Error> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::CorruptModel(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(MODEL_FORMAT) {
            return Err(Error::CorruptModel(format!(
                "the \"format\" field is not {MODEL_FORMAT:?}"
            )));
        }
        let version = value.get("version").and_then(|v| v.as_u64());
        match version {
            Some(MODEL_VERSION) => {}
            Some(found) => {
                return Err(Error::ModelVersion {
                    found,
                    expected: MODEL_VERSION,
                });
            }
            None => return Err(Error::CorruptModel("no \"version\" number".to_string())),
        }
        let model: ModelFile =
            serde_json::from_value(value).map_err(|e| Error::CorruptModel(e.to_string()))?;
        let n = &model.normalisation;
        if !(n.offset.iter().chain(&n.scale).all(|v| v.is_finite())
            && n.scale.iter().all(|s| *s != 0.0))
        {
            return Err(Error::CorruptModel(
                "the normalisation has a zero or non-finite value".to_string(),
            ));
        }
        if let Architecture::Mlp { network } = &model.architecture {
            if network.input_width() != 2 {
                return Err(Error::CorruptModel(format!(
                    "the network takes {} inputs, but a person has 2 (weight and height)",
                    network.input_width()
                )));
            }
            if network.output_activation() != Activation::Sigmoid {
                return Err(Error::CorruptModel(format!(
                    "the network's output activation is {}, but a model's output is a \
                     probability, from a sigmoid",
                    network.output_activation()
                )));
            }
        }
        Ok(model)
    }

    /// The probability that a person with this weight (lb) and height (in) is female. Fails on
    /// a measurement that is not finite, and when the model's numbers are so extreme that the
    /// output is not a number.
    pub fn predict(&self, weight_lb: f64, height_in: f64) -> Result<f64, Error> {
        if !weight_lb.is_finite() {
            return Err(Error::NonFiniteInput("weight"));
        }
        if !height_in.is_finite() {
            return Err(Error::NonFiniteInput("height"));
        }
        let p = self
            .architecture
            .predict(self.normalisation.apply(weight_lb, height_in))?;
        if !p.is_finite() {
            return Err(Error::CorruptModel(format!(
                "its output for {weight_lb} lb and {height_in} in is {p}, not a probability \
                 (its parameters or normalisation are extreme)"
            )));
        }
        Ok(p)
    }
}
