//! Activation functions: what a neuron does with its weighted sum.
//!
//! The tutorial uses one activation, the sigmoid. It squashes any real number into the open
//! interval (0, 1), and its derivative can be written with the sigmoid itself, which is what makes
//! backpropagation cheap.
//!
//! The general network of [`crate::mlp`] can also use the hyperbolic tangent and the rectified
//! linear unit, named by the [`Activation`] enum.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

// ANCHOR: sigmoid
/// The sigmoid function `f(x) = 1 / (1 + e^(-x))`.
///
/// ```
/// use nn_from_scratch::activation::sigmoid;
/// assert_eq!(sigmoid(0.0), 0.5);
/// ```
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The derivative of the sigmoid, `f'(x) = f(x) * (1 - f(x))`.
///
/// Like the tutorial's `deriv_sigmoid`, it takes the weighted sum `x` (not the activation) and
/// recomputes `f(x)`.
pub fn deriv_sigmoid(x: f64) -> f64 {
    let fx = sigmoid(x);
    fx * (1.0 - fx)
}
// ANCHOR_END: sigmoid

/// The activations a layer of the general network ([`crate::mlp`]) can use.
///
/// Serialised (and parsed by [`str::parse`]) as the lowercase names `"sigmoid"`, `"tanh"` and
/// `"relu"`.
///
/// ```
/// use nn_from_scratch::activation::Activation;
/// let f: Activation = "tanh".parse()?;
/// assert_eq!(f, Activation::Tanh);
/// assert_eq!(f.apply(0.0), 0.0);
/// // The derivative takes the activation's output y = f(z), not z: 1 - y^2 for tanh.
/// assert_eq!(f.derivative(f.apply(0.0)), 1.0);
/// # Ok::<(), nn_from_scratch::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    /// The tutorial's sigmoid `1 / (1 + e^(-z))`, into (0, 1).
    Sigmoid,
    /// The hyperbolic tangent `(e^z - e^(-z)) / (e^z + e^(-z))`, into (-1, 1).
    Tanh,
    /// The rectified linear unit `max(0, z)`.
    Relu,
}

impl Activation {
    /// Every activation, in the order of the enum.
    pub const ALL: [Activation; 3] = [Activation::Sigmoid, Activation::Tanh, Activation::Relu];

    // ANCHOR: activations
    /// The activation's output `f(z)` for a weighted sum `z`.
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => z.tanh(),
            Activation::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
        }
    }

    /// The derivative `f'(z)`, computed from the OUTPUT `y = f(z)` rather than from `z`, because
    /// the forward pass has already computed `y` and each of these derivatives is cheapest that
    /// way:
    ///
    /// - sigmoid: `f'(z) = y (1 - y)` (the same number as [`deriv_sigmoid`]`(z)`),
    /// - tanh: `f'(z) = 1 - y^2`,
    /// - relu: `f'(z) = 1` if `y > 0`, else `0` (ReLU has no derivative at `z = 0`; like most
    ///   libraries we use 0 there).
    pub fn derivative(self, y: f64) -> f64 {
        match self {
            Activation::Sigmoid => y * (1.0 - y),
            Activation::Tanh => 1.0 - y * y,
            Activation::Relu => {
                if y > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }
    // ANCHOR_END: activations

    /// The lowercase name, as accepted by [`str::parse`] and written by serde.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
        }
    }
}

impl fmt::Display for Activation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Activation {
    type Err = Error;

    /// Parses `"sigmoid"`, `"tanh"` or `"relu"` (exactly these lowercase names).
    fn from_str(s: &str) -> Result<Self, Error> {
        Activation::ALL
            .into_iter()
            .find(|a| a.name() == s)
            .ok_or_else(|| Error::UnknownName {
                kind: "activation",
                found: s.to_string(),
                expected: "sigmoid, tanh, relu",
            })
    }
}
