//! Optimizers: how a gradient becomes a change of the parameters.
//!
//! The tutorial moves every parameter `p` against its partial derivative `g = dL/dp`:
//! `p ← p - η g` with the learning rate `η`. That is [`Optimizer::Sgd`]. Two refinements remember
//! earlier gradients:
//!
//! - [`Optimizer::Momentum`] (heavy ball): a velocity `v` accumulates the gradients, decaying by
//!   `β` each step, and the parameters move along it:
//!   `v ← β v + g`, then `p ← p - η v`. With `v` starting at 0, the first step is plain SGD.
//! - [`Optimizer::Adam`] (Kingma & Ba, 2015): running averages of the gradient and of its square,
//!   corrected for their start at zero, give every parameter its own step size. At step
//!   `t = 1, 2, ...`:
//!   `m ← β1 m + (1 - β1) g`, `v ← β2 v + (1 - β2) g²`,
//!   `m̂ = m / (1 - β1^t)`, `v̂ = v / (1 - β2^t)`, then `p ← p - η m̂ / (√v̂ + ε)`.
//!
//! [`Optimizer`] is the configuration (serialisable, parsed from its name); [`OptimizerState`]
//! holds the buffers `v`, `m` sized once for the parameter vector, so a step allocates nothing.
//!
//! ```
//! use nn_from_scratch::optimizer::{Optimizer, OptimizerState};
//! let mut params = vec![1.0, -2.0];
//! let mut state = OptimizerState::new(Optimizer::Sgd { learn_rate: 0.1 }, params.len())?;
//! state.step(&mut params, &[0.5, -1.0])?;
//! assert_eq!(params, vec![1.0 - 0.1 * 0.5, -2.0 + 0.1 * 1.0]);
//! # Ok::<(), nn_from_scratch::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The default learning rate of plain SGD: the tutorial's 0.1.
pub const DEFAULT_SGD_LEARN_RATE: f64 = 0.1;
/// The default learning rate of momentum: 0.01 (with `β = 0.9` the velocity grows to about ten
/// gradients, so this moves about as far per step as SGD at 0.1).
pub const DEFAULT_MOMENTUM_LEARN_RATE: f64 = 0.01;
/// The default learning rate of Adam, 0.001, as in its paper.
pub const DEFAULT_ADAM_LEARN_RATE: f64 = 0.001;
/// The default momentum decay `β`.
pub const DEFAULT_BETA: f64 = 0.9;
/// The default decay of Adam's gradient average, `β1`.
pub const DEFAULT_BETA1: f64 = 0.9;
/// The default decay of Adam's squared-gradient average, `β2`.
pub const DEFAULT_BETA2: f64 = 0.999;
/// The default `ε` that keeps Adam's division finite.
pub const DEFAULT_EPSILON: f64 = 1e-8;

fn default_beta() -> f64 {
    DEFAULT_BETA
}
fn default_beta1() -> f64 {
    DEFAULT_BETA1
}
fn default_beta2() -> f64 {
    DEFAULT_BETA2
}
fn default_epsilon() -> f64 {
    DEFAULT_EPSILON
}

/// Which optimizer, with its settings. Serialised with a `"kind"` tag
/// (`{"kind": "adam", "learn_rate": 0.01, ...}`; omitted betas and epsilon take their defaults);
/// [`str::parse`] takes the name alone (`"sgd"`, `"momentum"`, `"adam"`) and gives the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Optimizer {
    /// Plain (stochastic) gradient descent, as in the tutorial: `p ← p - η g`.
    Sgd {
        /// The step size `η`.
        learn_rate: f64,
    },
    /// Gradient descent with momentum: `v ← β v + g`, `p ← p - η v`.
    Momentum {
        /// The step size `η`.
        learn_rate: f64,
        /// How much of the velocity survives each step, `β` in [0, 1) (default 0.9).
        #[serde(default = "default_beta")]
        beta: f64,
    },
    /// Adam, with bias correction (see the module documentation).
    Adam {
        /// The step size `η`.
        learn_rate: f64,
        /// Decay of the gradient average, `β1` in [0, 1) (default 0.9).
        #[serde(default = "default_beta1")]
        beta1: f64,
        /// Decay of the squared-gradient average, `β2` in [0, 1) (default 0.999).
        #[serde(default = "default_beta2")]
        beta2: f64,
        /// Added to `√v̂` so the division stays finite, `ε > 0` (default 1e-8).
        #[serde(default = "default_epsilon")]
        epsilon: f64,
    },
}

choice! {
    /// Which optimizer, without its settings: the choice a user makes by name (`sgd`,
    /// `momentum`, `adam`; the trainer's `--optimizer`). Each has its default learning rate,
    /// [`OptimizerKind::default_learn_rate`], the one place that default is set.
    pub enum OptimizerKind: "optimizer" {
        /// Plain stochastic gradient descent.
        Sgd = "sgd" ("SGD"),
        /// SGD with momentum (beta 0.9).
        Momentum = "momentum" ("momentum"),
        /// Adam (beta1 0.9, beta2 0.999, epsilon 1e-8).
        Adam = "adam" ("Adam"),
    }
}

impl OptimizerKind {
    /// The learning rate used when none is given: [`DEFAULT_SGD_LEARN_RATE`],
    /// [`DEFAULT_MOMENTUM_LEARN_RATE`] or [`DEFAULT_ADAM_LEARN_RATE`].
    pub fn default_learn_rate(self) -> f64 {
        match self {
            OptimizerKind::Sgd => DEFAULT_SGD_LEARN_RATE,
            OptimizerKind::Momentum => DEFAULT_MOMENTUM_LEARN_RATE,
            OptimizerKind::Adam => DEFAULT_ADAM_LEARN_RATE,
        }
    }

    /// This optimizer with learning rate `learn_rate` and its other settings at their defaults.
    pub fn with_learn_rate(self, learn_rate: f64) -> Optimizer {
        match self {
            OptimizerKind::Sgd => Optimizer::sgd(learn_rate),
            OptimizerKind::Momentum => Optimizer::momentum(learn_rate),
            OptimizerKind::Adam => Optimizer::adam(learn_rate),
        }
    }

    /// This optimizer with all its settings at their defaults.
    pub fn with_defaults(self) -> Optimizer {
        self.with_learn_rate(self.default_learn_rate())
    }
}

impl Default for Optimizer {
    /// The tutorial's optimizer: plain SGD with learning rate 0.1.
    fn default() -> Self {
        Optimizer::sgd(DEFAULT_SGD_LEARN_RATE)
    }
}

impl Optimizer {
    /// Plain SGD with learning rate `learn_rate`.
    pub fn sgd(learn_rate: f64) -> Self {
        Optimizer::Sgd { learn_rate }
    }

    /// Momentum with learning rate `learn_rate` and the default `β = 0.9`.
    pub fn momentum(learn_rate: f64) -> Self {
        Optimizer::Momentum {
            learn_rate,
            beta: DEFAULT_BETA,
        }
    }

    /// Adam with learning rate `learn_rate` and the default `β1 = 0.9`, `β2 = 0.999`,
    /// `ε = 1e-8`.
    pub fn adam(learn_rate: f64) -> Self {
        Optimizer::Adam {
            learn_rate,
            beta1: DEFAULT_BETA1,
            beta2: DEFAULT_BETA2,
            epsilon: DEFAULT_EPSILON,
        }
    }

    /// Which optimizer this is, without its settings.
    pub fn kind(&self) -> OptimizerKind {
        match self {
            Optimizer::Sgd { .. } => OptimizerKind::Sgd,
            Optimizer::Momentum { .. } => OptimizerKind::Momentum,
            Optimizer::Adam { .. } => OptimizerKind::Adam,
        }
    }

    /// The lowercase name.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The learning rate `η`.
    pub fn learn_rate(&self) -> f64 {
        match *self {
            Optimizer::Sgd { learn_rate }
            | Optimizer::Momentum { learn_rate, .. }
            | Optimizer::Adam { learn_rate, .. } => learn_rate,
        }
    }

    /// The same optimizer with learning rate `learn_rate`.
    pub fn with_learn_rate(mut self, learn_rate: f64) -> Self {
        match &mut self {
            Optimizer::Sgd { learn_rate: lr }
            | Optimizer::Momentum { learn_rate: lr, .. }
            | Optimizer::Adam { learn_rate: lr, .. } => *lr = learn_rate,
        }
        self
    }

    /// Checks the settings: the learning rate is a positive finite number, every `β` is in
    /// [0, 1), and `ε` is a positive finite number.
    pub fn validate(&self) -> Result<(), Error> {
        crate::limits::Limits::CLI.learn_rate(self.learn_rate())?;
        let check_beta = |name: &'static str, value: f64| {
            if (0.0..1.0).contains(&value) {
                Ok(())
            } else {
                Err(Error::InvalidBeta { name, value })
            }
        };
        match *self {
            Optimizer::Sgd { .. } => {}
            Optimizer::Momentum { beta, .. } => check_beta("beta", beta)?,
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
                ..
            } => {
                check_beta("beta1", beta1)?;
                check_beta("beta2", beta2)?;
                if epsilon.is_nan() || epsilon <= 0.0 || epsilon.is_infinite() {
                    return Err(Error::InvalidEpsilon(epsilon));
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Optimizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Optimizer {
    type Err = Error;

    /// Parses `"sgd"`, `"momentum"` or `"adam"`, giving that optimizer with its default settings
    /// (learning rates [`DEFAULT_SGD_LEARN_RATE`], [`DEFAULT_MOMENTUM_LEARN_RATE`],
    /// [`DEFAULT_ADAM_LEARN_RATE`]); change the rate with [`Optimizer::with_learn_rate`].
    fn from_str(s: &str) -> Result<Self, Error> {
        Ok(s.parse::<OptimizerKind>()?.with_defaults())
    }
}

/// An optimizer at work: its settings and its memory of earlier steps, for a parameter vector of
/// a fixed length.
///
/// The buffers are allocated once, by [`OptimizerState::new`]; [`OptimizerState::step`] allocates
/// nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct OptimizerState {
    optimizer: Optimizer,
    /// The length of the parameter vector.
    len: usize,
    /// Momentum's velocity `v`, or Adam's gradient average `m`; empty for SGD.
    first: Vec<f64>,
    /// Adam's squared-gradient average `v`; empty otherwise.
    second: Vec<f64>,
    /// How many steps have been taken (Adam's `t`).
    steps: u64,
    /// `β1^t` and `β2^t`, kept as running products for the bias correction.
    beta1_pow: f64,
    beta2_pow: f64,
}

impl OptimizerState {
    /// A fresh state (zero velocity and moments, step 0) for `len` parameters. Fails when the
    /// settings are invalid (see [`Optimizer::validate`]).
    pub fn new(optimizer: Optimizer, len: usize) -> Result<Self, Error> {
        optimizer.validate()?;
        let (first, second) = match optimizer {
            Optimizer::Sgd { .. } => (0, 0),
            Optimizer::Momentum { .. } => (len, 0),
            Optimizer::Adam { .. } => (len, len),
        };
        Ok(OptimizerState {
            optimizer,
            len,
            first: vec![0.0; first],
            second: vec![0.0; second],
            steps: 0,
            beta1_pow: 1.0,
            beta2_pow: 1.0,
        })
    }

    /// The settings.
    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// The length of the parameter vector the state was made for.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the state was made for an empty parameter vector.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many steps have been taken.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Forgets every earlier step: zero velocity and moments, step count 0.
    pub fn reset(&mut self) {
        self.first.fill(0.0);
        self.second.fill(0.0);
        self.steps = 0;
        self.beta1_pow = 1.0;
        self.beta2_pow = 1.0;
    }

    /// Moves `params` one step against `grads` (see the module documentation for each rule).
    ///
    /// Fails, changing nothing, when `params` or `grads` does not have the length the state was
    /// made for.
    pub fn step(&mut self, params: &mut [f64], grads: &[f64]) -> Result<(), Error> {
        for found in [params.len(), grads.len()] {
            if found != self.len {
                return Err(Error::LengthMismatch {
                    expected: self.len,
                    found,
                });
            }
        }
        self.steps += 1;
        // ANCHOR: rules
        match self.optimizer {
            Optimizer::Sgd { learn_rate } => {
                for (p, &g) in params.iter_mut().zip(grads) {
                    *p -= learn_rate * g;
                }
            }
            Optimizer::Momentum { learn_rate, beta } => {
                for ((p, &g), v) in params.iter_mut().zip(grads).zip(&mut self.first) {
                    *v = beta * *v + g;
                    *p -= learn_rate * *v;
                }
            }
            Optimizer::Adam {
                learn_rate,
                beta1,
                beta2,
                epsilon,
            } => {
                self.beta1_pow *= beta1;
                self.beta2_pow *= beta2;
                let correction1 = 1.0 - self.beta1_pow;
                let correction2 = 1.0 - self.beta2_pow;
                let moments = self.first.iter_mut().zip(&mut self.second);
                for ((p, &g), (m, v)) in params.iter_mut().zip(grads).zip(moments) {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    let m_hat = *m / correction1;
                    let v_hat = *v / correction2;
                    *p -= learn_rate * m_hat / (v_hat.sqrt() + epsilon);
                }
            }
        }
        // ANCHOR_END: rules
        Ok(())
    }
}
