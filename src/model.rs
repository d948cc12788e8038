//! Model files: a trained network together with how to turn raw measurements into its inputs,
//! stored as JSON so that `predict` can take a person's weight and height as they are.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};

use crate::data::{Dataset, Normalisation};
use crate::error::Error;
use crate::mlp::{Activation, FitConfig, Loss, Mlp, Trainer, Workspace};
use crate::network::Network;
use crate::training::sgd_step;

/// The value of the `format` field of every model file.
pub const MODEL_FORMAT: &str = "nn-from-scratch-model";
/// What a model of people classifies, for messages.
pub const PEOPLE: &str = "people by weight and height";
/// The model file version this crate writes and reads.
pub const MODEL_VERSION: u64 = 1;

/// A model file's JSON, with its `format` and `version` checked: the header every model file
/// of this crate shares, whatever its kind (a person's network or a table's classifier).
pub(crate) fn model_json(text: &str) -> Result<serde_json::Value, Error> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Error::CorruptModel(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(MODEL_FORMAT) {
        return Err(Error::CorruptModel(format!(
            "the \"format\" field is not {MODEL_FORMAT:?}"
        )));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(MODEL_VERSION) => Ok(value),
        Some(found) => Err(Error::ModelVersion {
            found,
            expected: MODEL_VERSION,
        }),
        None => Err(Error::CorruptModel("no \"version\" number".to_string())),
    }
}

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

/// How many samples an MLP's predictions go through at once ([`Architecture::predict_batch`]).
const PREDICT_BATCH: usize = 256;

impl Architecture {
    /// The probability of female for one normalised input. For many inputs use
    /// [`Architecture::predict_batch`], which makes the MLP's buffers once.
    pub fn predict(&self, input: [f64; 2]) -> Result<f64, Error> {
        match self {
            Architecture::Tutorial { params } => Ok(params.feedforward(input)),
            Architecture::Mlp { network } => network.predict(&input),
        }
    }

    /// The predictions for many normalised inputs, into `out` (as long as `inputs`): one
    /// [`Workspace`] for the whole batch, nothing allocated per sample.
    pub fn predict_batch(&self, inputs: &[[f64; 2]], out: &mut [f64]) -> Result<(), Error> {
        if out.len() != inputs.len() {
            return Err(Error::LengthMismatch {
                expected: inputs.len(),
                found: out.len(),
            });
        }
        match self {
            Architecture::Tutorial { params } => {
                for (o, &x) in out.iter_mut().zip(inputs) {
                    *o = params.feedforward(x);
                }
                Ok(())
            }
            Architecture::Mlp { network } => {
                let mut ws = Workspace::new(network, inputs.len().clamp(1, PREDICT_BATCH))?;
                network.predict_batch(&mut ws, inputs, out)
            }
        }
    }

    /// A prediction function for one normalised input at a time that makes the MLP's buffers
    /// once and reuses them, so that calling it allocates nothing: for figures and metrics that
    /// ask point by point.
    pub fn predictor(&self) -> Result<impl Fn([f64; 2]) -> f64 + '_, Error> {
        let ws = match self {
            Architecture::Tutorial { .. } => None,
            Architecture::Mlp { network } => Some(RefCell::new(Workspace::new(network, 1)?)),
        };
        Ok(move |x: [f64; 2]| match (self, &ws) {
            (Architecture::Tutorial { params }, _) => params.feedforward(x),
            (Architecture::Mlp { network }, Some(ws)) => {
                let mut out = [f64::NAN];
                // Fails only for a width other than 2, which [f64; 2] rules out.
                let _ = network.predict_batch(&mut ws.borrow_mut(), &[x], &mut out);
                out[0]
            }
            (Architecture::Mlp { .. }, None) => unreachable!("an MLP's workspace is made above"),
        })
    }

    /// The mean `loss` over `data` (the tutorial's network is trained on MSE, but any loss can
    /// measure it).
    pub fn loss(&self, data: &Dataset, loss: Loss) -> Result<f64, Error> {
        let mut preds = vec![0.0; data.len()];
        self.predict_batch(&data.inputs, &mut preds)?;
        loss.value(&data.labels, &preds)
    }

    /// The network as an [`Mlp`] (the tutorial's laid out as a 2-2-1 sigmoid MLP), for the
    /// diagram and its neurons.
    pub fn as_mlp(&self) -> std::borrow::Cow<'_, Mlp> {
        match self {
            Architecture::Tutorial { params } => {
                std::borrow::Cow::Owned(Mlp::from_tutorial(params))
            }
            Architecture::Mlp { network } => std::borrow::Cow::Borrowed(network),
        }
    }

    /// A short description, such as `2-2-1 tutorial network` or `2-8-1 MLP (tanh, sigmoid)`.
    pub fn describe(&self) -> String {
        match self {
            Architecture::Tutorial { .. } => "the tutorial's 2-2-1 network".to_string(),
            Architecture::Mlp { network } => network.describe(),
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

    /// The model as pretty-printed JSON. Floats are written so that they read back exactly.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a model always serialises")
    }

    /// Reads a model from JSON, checking its format and version, that every number is finite
    /// and the normalisation's scales are not zero, and that an MLP takes two inputs and ends in
    /// a sigmoid (so that it gives a probability).
    pub fn from_json(text: &str) -> Result<ModelFile, Error> {
        let value = model_json(text)?;
        if value.get("kind").and_then(|k| k.as_str()) == Some(crate::classifier::TABLE_KIND) {
            return Err(Error::WrongModelKind {
                model: crate::classifier::TABLE_ROWS,
                given: PEOPLE,
            });
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
            if network.output() != Activation::Sigmoid.into() {
                return Err(Error::CorruptModel(format!(
                    "the network's output activation is {}, but a model's output is a \
                     probability, from a sigmoid",
                    network.output()
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

/// A network in training, one epoch at a time: the tutorial's, with its own per-sample SGD, or an
/// MLP with its [`Trainer`]. The playground trains through it.
#[derive(Debug)]
pub struct Training {
    architecture: Architecture,
    method: Method,
}

/// How a [`Training`] steps.
#[derive(Debug)]
enum Method {
    /// The tutorial's SGD, sample by sample, at this learning rate, on the MSE.
    Tutorial { learn_rate: f64 },
    /// An MLP's trainer (optimizer, batches, loss).
    Mlp(Box<Trainer>),
}

impl Training {
    /// The tutorial's network, trained as the tutorial trains it (every sample in order, one
    /// SGD step each, at `learn_rate`).
    pub fn tutorial(params: Network, learn_rate: f64) -> Result<Training, Error> {
        crate::limits::Limits::CLI.learn_rate(learn_rate)?;
        Ok(Training {
            architecture: Architecture::Tutorial { params },
            method: Method::Tutorial { learn_rate },
        })
    }

    /// A general network trained with `config` (its `epochs` and `log_every` are not used here).
    pub fn mlp(network: Mlp, config: FitConfig) -> Result<Training, Error> {
        let trainer = Trainer::new(&network, config)?;
        Ok(Training {
            architecture: Architecture::Mlp { network },
            method: Method::Mlp(Box::new(trainer)),
        })
    }

    /// The network now.
    pub fn architecture(&self) -> &Architecture {
        &self.architecture
    }

    /// One pass over `data`. Fails with [`Error::Diverged`] when a parameter is no longer finite
    /// (`epoch`, counted from 0, names the epoch in the message).
    pub fn epoch(&mut self, data: &Dataset, epoch: usize) -> Result<(), Error> {
        match (&mut self.architecture, &mut self.method) {
            (Architecture::Tutorial { params }, Method::Tutorial { learn_rate }) => {
                for (&x, &y) in data.inputs.iter().zip(&data.labels) {
                    sgd_step(params, x, y, *learn_rate);
                }
                if !params.is_finite() {
                    return Err(Error::Diverged { epoch });
                }
                Ok(())
            }
            (Architecture::Mlp { network }, Method::Mlp(trainer)) => {
                trainer.train_epoch(network, &data.inputs, &data.labels)
            }
            _ => unreachable!("a Training is made with a matching architecture and method"),
        }
    }

    /// The loss it is trained on (MSE for the tutorial's network, the configured one for an
    /// MLP) over `data`; for an MLP in the trainer's workspace, allocating nothing.
    pub fn loss(&mut self, data: &Dataset) -> Result<f64, Error> {
        match (&self.architecture, &mut self.method) {
            (Architecture::Mlp { network }, Method::Mlp(trainer)) => {
                trainer.dataset_loss(network, &data.inputs, &data.labels)
            }
            (architecture, _) => architecture.loss(data, Loss::Mse),
        }
    }

    /// The tutorial's network and its learning rate, mutably (to step one person), or `None`
    /// for an MLP.
    pub fn tutorial_mut(&mut self) -> Option<(&mut Network, f64)> {
        match (&mut self.architecture, &self.method) {
            (Architecture::Tutorial { params }, Method::Tutorial { learn_rate }) => {
                Some((params, *learn_rate))
            }
            _ => None,
        }
    }
}
