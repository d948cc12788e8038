//! A single neuron: weighted sum of the inputs, plus a bias, through the sigmoid.

use crate::activation::sigmoid;

// ANCHOR: neuron
/// One neuron with two inputs, as in the tutorial's first section.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neuron {
    /// One weight per input.
    pub weights: [f64; 2],
    /// The bias, added to the weighted sum.
    pub bias: f64,
}

impl Neuron {
    /// A neuron with the given weights and bias.
    pub fn new(weights: [f64; 2], bias: f64) -> Self {
        Neuron { weights, bias }
    }

    /// The weighted sum `w · x + b`, before the activation.
    pub fn weighted_sum(&self, inputs: [f64; 2]) -> f64 {
        self.weights[0] * inputs[0] + self.weights[1] * inputs[1] + self.bias
    }

    /// The neuron's output: `sigmoid(w · x + b)`.
    pub fn feedforward(&self, inputs: [f64; 2]) -> f64 {
        sigmoid(self.weighted_sum(inputs))
    }
}
// ANCHOR_END: neuron
