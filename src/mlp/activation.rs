//! The activations of the general network's layers, by name: the tutorial's sigmoid
//! ([`crate::activation`]) and the others of [`Activation`].

#[allow(unused_imports)] // deriv_sigmoid: for the documentation's link
use crate::activation::{deriv_sigmoid, sigmoid};

use super::kernels::sigmoid_all;

choice! {
    /// The activations a layer of the general network ([`crate::mlp`]) can use.
    ///
    /// Serialised (and parsed by [`str::parse`]) by its names, [`Activation::NAMES`].
    ///
    /// ```
    /// use nn_from_scratch::mlp::Activation;
    /// let f: Activation = "tanh".parse()?;
    /// assert_eq!(f, Activation::Tanh);
    /// assert_eq!(f.apply(0.0), 0.0);
    /// // The derivative takes the activation's output y = f(z), not z: 1 - y^2 for tanh.
    /// assert_eq!(f.derivative(f.apply(0.0)), 1.0);
    /// # Ok::<(), nn_from_scratch::Error>(())
    /// ```
    pub enum Activation: "activation" {
        /// The tutorial's sigmoid `1 / (1 + e^(-z))`, into (0, 1).
        Sigmoid = "sigmoid" ("sigmoid"),
        /// The hyperbolic tangent `(e^z - e^(-z)) / (e^z + e^(-z))`, into (-1, 1).
        Tanh = "tanh" ("tanh"),
        /// The rectified linear unit `max(0, z)`.
        Relu = "relu" ("ReLU"),
    }
}

impl Activation {
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

    /// True when the activation has a kink, a point where it has no derivative (ReLU at 0): a
    /// finite difference across it does not measure the gradient, so the gradient checks avoid
    /// it.
    pub fn has_kink(self) -> bool {
        match self {
            Activation::Sigmoid | Activation::Tanh => false,
            Activation::Relu => true,
        }
    }

    /// The interval of the activation's outputs when it is bounded: (0, 1) for the sigmoid,
    /// (-1, 1) for tanh; `None` for ReLU, which has no upper bound.
    pub fn bounds(self) -> Option<(f64, f64)> {
        match self {
            Activation::Sigmoid => Some((0.0, 1.0)),
            Activation::Tanh => Some((-1.0, 1.0)),
            Activation::Relu => None,
        }
    }

    /// The spread (standard deviation) of the starting weights of a layer of this activation
    /// with `fan_in` inputs: `sqrt(2 / fan_in)` for ReLU, whose zeros halve the average square of
    /// what a layer passes on (He et al.), `sqrt(1 / fan_in)` for the others.
    pub(super) fn init_spread(self, fan_in: f64) -> f64 {
        match self {
            Activation::Relu => (2.0 / fan_in).sqrt(),
            Activation::Sigmoid | Activation::Tanh => (1.0 / fan_in).sqrt(),
        }
    }
}

// Over a whole layer, with the choice of `f` made once, outside the loop: each arm's loop calls
// one activation known to the compiler (the sigmoid through the vectorised kernel).

/// `y = f(z)` elementwise.
pub(super) fn apply_all(f: Activation, z: &[f64], y: &mut [f64]) {
    let pairs = y.iter_mut().zip(z);
    match f {
        Activation::Sigmoid => sigmoid_all(z, y),
        Activation::Tanh => pairs.for_each(|(y, &z)| *y = Activation::Tanh.apply(z)),
        Activation::Relu => pairs.for_each(|(y, &z)| *y = Activation::Relu.apply(z)),
    }
}

/// `delta ⊙= f'(z)`, with `f'` computed from the outputs `y = f(z)`.
pub(super) fn scale_by_derivative(f: Activation, delta: &mut [f64], y: &[f64]) {
    let pairs = delta.iter_mut().zip(y);
    match f {
        Activation::Sigmoid => pairs.for_each(|(d, &y)| *d *= Activation::Sigmoid.derivative(y)),
        Activation::Tanh => pairs.for_each(|(d, &y)| *d *= Activation::Tanh.derivative(y)),
        Activation::Relu => pairs.for_each(|(d, &y)| *d *= Activation::Relu.derivative(y)),
    }
}
