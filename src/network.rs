//! The tutorial's network: two inputs, a hidden layer of two neurons (h1, h2), one output (o1).
//!
//! ```text
//!  x1 ──w1──▶ h1 ──w5──┐
//!     ╲w3            ▼
//!      ╳             o1 ──▶ y_pred
//!     ╱w2            ▲
//!  x2 ──w4──▶ h2 ──w6──┘
//! ```
//!
//! h1 uses `w1, w2, b1`; h2 uses `w3, w4, b2`; o1 uses `w5, w6, b3`.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::activation::sigmoid;
use crate::error::Error;
use crate::neuron::Neuron;

// ANCHOR: program
/// The names of the nine parameters, in the order used by [`Network::to_array`] and `--init`.
pub const PARAM_NAMES: [&str; 9] = ["w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3"];

// ANCHOR: network
/// The 2-2-1 network with its nine named parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Weight from input x1 to h1.
    pub w1: f64,
    /// Weight from input x2 to h1.
    pub w2: f64,
    /// Weight from input x1 to h2.
    pub w3: f64,
    /// Weight from input x2 to h2.
    pub w4: f64,
    /// Weight from h1 to o1.
    pub w5: f64,
    /// Weight from h2 to o1.
    pub w6: f64,
    /// Bias of h1.
    pub b1: f64,
    /// Bias of h2.
    pub b2: f64,
    /// Bias of o1.
    pub b3: f64,
}
// ANCHOR_END: network

// ANCHOR: forward_struct
/// Everything the forward pass computes for one input: each weighted sum and each activation.
/// Backpropagation needs all of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forward {
    /// The input the pass was computed for.
    pub x: [f64; 2],
    /// Weighted sum of h1: `w1*x1 + w2*x2 + b1`.
    pub sum_h1: f64,
    /// Output of h1: `sigmoid(sum_h1)`.
    pub h1: f64,
    /// Weighted sum of h2: `w3*x1 + w4*x2 + b2`.
    pub sum_h2: f64,
    /// Output of h2: `sigmoid(sum_h2)`.
    pub h2: f64,
    /// Weighted sum of o1: `w5*h1 + w6*h2 + b3`.
    pub sum_o1: f64,
    /// Output of o1, the prediction `y_pred`.
    pub o1: f64,
}
// ANCHOR_END: forward_struct

impl Network {
    /// Builds the network from the nine parameters in the order `w1..w6, b1..b3`.
    pub fn from_array(p: [f64; 9]) -> Self {
        let [w1, w2, w3, w4, w5, w6, b1, b2, b3] = p;
        Network {
            w1,
            w2,
            w3,
            w4,
            w5,
            w6,
            b1,
            b2,
            b3,
        }
    }

    /// The nine parameters in the order `w1..w6, b1..b3`.
    pub fn to_array(&self) -> [f64; 9] {
        [
            self.w1, self.w2, self.w3, self.w4, self.w5, self.w6, self.b1, self.b2, self.b3,
        ]
    }

    /// Builds the network from explicit values, rejecting any value that is NaN or infinite.
    pub fn try_from_slice(values: &[f64]) -> Result<Self, Error> {
        let p: [f64; 9] = values.try_into().map_err(|_| Error::ParamCount {
            found: values.len(),
        })?;
        if let Some(i) = p.iter().position(|v| !v.is_finite()) {
            return Err(Error::NonFiniteParam {
                name: PARAM_NAMES[i],
            });
        }
        Ok(Network::from_array(p))
    }

    /// The same value for every weight and every bias (the tutorial's worked examples).
    pub fn uniform(weight: f64, bias: f64) -> Self {
        let w = weight;
        let b = bias;
        Network::from_array([w, w, w, w, w, w, b, b, b])
    }

    // ANCHOR: random
    /// Draws every parameter from the standard normal distribution, as the tutorial's
    /// `np.random.normal()` does, from a generator seeded with `seed`: the same seed gives the
    /// same network on every run and every machine.
    pub fn random(seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut p = [0.0; 9];
        for v in &mut p {
            *v = StandardNormal.sample(&mut rng);
        }
        Network::from_array(p)
    }
    // ANCHOR_END: random

    /// The hidden neuron h1 as a [`Neuron`].
    pub fn h1(&self) -> Neuron {
        Neuron::new([self.w1, self.w2], self.b1)
    }

    /// The hidden neuron h2 as a [`Neuron`].
    pub fn h2(&self) -> Neuron {
        Neuron::new([self.w3, self.w4], self.b2)
    }

    /// The output neuron o1 as a [`Neuron`] (its inputs are h1 and h2).
    pub fn o1(&self) -> Neuron {
        Neuron::new([self.w5, self.w6], self.b3)
    }

    // ANCHOR: feedforward
    /// The forward pass, keeping every weighted sum and activation.
    pub fn forward(&self, x: [f64; 2]) -> Forward {
        let sum_h1 = self.h1().weighted_sum(x);
        let h1 = sigmoid(sum_h1);
        let sum_h2 = self.h2().weighted_sum(x);
        let h2 = sigmoid(sum_h2);
        let sum_o1 = self.o1().weighted_sum([h1, h2]);
        let o1 = sigmoid(sum_o1);
        Forward {
            x,
            sum_h1,
            h1,
            sum_h2,
            h2,
            sum_o1,
            o1,
        }
    }

    /// The network's prediction for one input: the output of o1.
    pub fn feedforward(&self, x: [f64; 2]) -> f64 {
        self.forward(x).o1
    }
    // ANCHOR_END: feedforward

    /// True when every parameter is a finite number.
    pub fn is_finite(&self) -> bool {
        self.to_array().iter().all(|v| v.is_finite())
    }
}
// ANCHOR_END: program
