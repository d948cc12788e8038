//! Ten answers at once: the softmax output layer and the categorical cross-entropy, for a network
//! that chooses one of `K ≥ 2` classes (a digit 0 to 9, say) rather than answering yes or no.
//!
//! # Softmax
//!
//! The output layer has one neuron per class. Its weighted sums `z_1, ..., z_K` (any real
//! numbers, called logits) become probabilities by
//!
//! ```text
//! p_j = e^(z_j) / (e^(z_1) + ... + e^(z_K))
//! ```
//!
//! Every `p_j` is positive and they add up to 1; the largest sum gets the largest probability.
//! Adding the same number `c` to every `z_j` multiplies the top and the bottom by `e^c` and
//! changes nothing, so [`softmax`] subtracts the largest `z` first: then every exponent is at
//! most 0, no `e^z` can overflow to infinity, and the largest term is exactly 1, so the sum
//! cannot be 0 either. (Without that, `z = 1000` gives `e^1000 = ∞` and `∞/∞` is not a number.)
//!
//! # Cross-entropy over K classes
//!
//! A sample of class `c` is written as the one-hot vector `y` (`y_c = 1`, every other `y_j = 0`).
//! Its loss is the categorical cross-entropy
//!
//! ```text
//! L = -(y_1 ln p_1 + ... + y_K ln p_K) = -ln p_c
//! ```
//!
//! the surprise of the right answer: 0 when the network gives the right class probability 1,
//! large when it gives it little. As with [`bce`](super::loss::bce), the probability is kept at
//! least [`BCE_EPSILON`] before its logarithm is taken, so the loss stays finite.
//!
//! # Why the gradient at the output is `p − y`
//!
//! Write `S = e^(z_1) + ... + e^(z_K)`, so `p_j = e^(z_j) / S` and `ln p_c = z_c − ln S`. Then
//!
//! ```text
//! L = -z_c + ln S
//! dL/dz_j = -[j = c] + (1/S) dS/dz_j = -y_j + e^(z_j)/S = p_j − y_j
//! ```
//!
//! (`[j = c]` is 1 when `j` is the right class, else 0, which is `y_j`). So the error signal of
//! output neuron `j`, the `δ^L` of the [module documentation](crate::mlp), is simply how much
//! probability it gave minus how much it should have: `δ^L = p − y`. The general network uses
//! this directly, without the separate `dL/dp` and `dp/dz` of a one-output layer: the softmax's
//! own derivative is a `K × K` matrix (each `p_j` depends on every `z`), and multiplying it out
//! by hand, as above, leaves this one subtraction. The tests check it against finite
//! differences of the loss.
//!
//! # Two classes: the sigmoid again
//!
//! With `K = 2`, divide the top and the bottom of `p_2` by `e^(z_2)`:
//!
//! ```text
//! p_2 = e^(z_2) / (e^(z_1) + e^(z_2)) = 1 / (1 + e^(-(z_2 − z_1))) = sigmoid(z_2 − z_1)
//! ```
//!
//! and `p_1 = 1 − p_2`. Only the difference of the two sums matters, so one neuron computing
//! `z = z_2 − z_1` through the sigmoid (the tutorial's output) does the same job, and
//! `-ln p_c` is then exactly the binary cross-entropy `-(y ln p + (1 − y) ln(1 − p))`. That is
//! why a yes/no network keeps its one sigmoid neuron, and why [`Loss::CrossEntropy`] on a
//! one-output network is the binary cross-entropy. With one neuron the gradient is `p − y` too:
//! `dL/dp · sigmoid'(z) = (p − y)/(p(1 − p)) · p(1 − p)`.
//!
//! ```
//! use nn_from_scratch::mlp::softmax::{cross_entropy, softmax};
//! let mut p = [0.0; 3];
//! softmax(&[1.0, 2.0, 1000.0], &mut p);
//! assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
//! assert_eq!(p[2], 1.0); // no overflow: the largest sum was subtracted first
//! assert!((cross_entropy(&[0.25, 0.75], 1) - (4.0f64 / 3.0).ln()).abs() < 1e-15);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use super::loss::BCE_EPSILON;
use crate::choice::Choice;
use crate::error::Error;
use crate::mlp::{Activation, Loss};

/// The name of the softmax output, as model files and messages write it.
pub const SOFTMAX: &str = "softmax";

// ANCHOR: softmax
/// The softmax of `z` into `p` (the same length): `p_j = e^(z_j − m) / Σ_k e^(z_k − m)` with
/// `m` the largest `z`, which gives the same probabilities as without `m` but never overflows.
pub fn softmax(z: &[f64], p: &mut [f64]) {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for (p, &z) in p.iter_mut().zip(z) {
        *p = (z - m).exp();
        sum += *p;
    }
    for p in p.iter_mut() {
        *p /= sum;
    }
}

/// The categorical cross-entropy of the probabilities `p` for a sample of class `class`:
/// `-ln p_class`, with the probability kept at least [`BCE_EPSILON`]. A class outside `p` costs
/// as much as a probability of 0.
pub fn cross_entropy(p: &[f64], class: usize) -> f64 {
    let p_c = p.get(class).copied().unwrap_or(0.0);
    -p_c.max(BCE_EPSILON).ln()
}
// ANCHOR_END: softmax

/// The softmax of every column of `z` (`k` rows, one per class; `b` columns, one per sample; the
/// workspace's layout) into `p`. Row by row, so that each loop runs along contiguous memory:
/// `scratch` (at least `2b` long) holds each column's largest sum, then each column's total.
pub(super) fn softmax_columns(z: &[f64], p: &mut [f64], k: usize, b: usize, scratch: &mut [f64]) {
    let (max, sum) = scratch[..2 * b].split_at_mut(b);
    max.copy_from_slice(&z[..b]);
    for row in z.chunks_exact(b).take(k).skip(1) {
        for (m, &z) in max.iter_mut().zip(row) {
            *m = m.max(z);
        }
    }
    sum.fill(0.0);
    for (p_row, z_row) in p.chunks_exact_mut(b).zip(z.chunks_exact(b)).take(k) {
        for (((p, &z), &m), s) in p_row.iter_mut().zip(z_row).zip(&*max).zip(sum.iter_mut()) {
            *p = (z - m).exp();
            *s += *p;
        }
    }
    for p_row in p.chunks_exact_mut(b).take(k) {
        for (p, &s) in p_row.iter_mut().zip(&*sum) {
            *p /= s;
        }
    }
}

/// `δ = p − y` for every column: `p` the softmax outputs (`k × b`), `y` the one-hot vector of
/// each sample's class `classes[s]` (a whole number below `k`, as an `f64`).
pub(super) fn output_delta(p: &[f64], classes: &[f64], delta: &mut [f64], k: usize, b: usize) {
    delta[..k * b].copy_from_slice(&p[..k * b]);
    for (s, &c) in classes[..b].iter().enumerate() {
        delta[c as usize * b + s] -= 1.0;
    }
}

/// The sum over the `b` columns of `p` (`k × b`) of each sample's cross-entropy.
pub(super) fn columns_loss(p: &[f64], classes: &[f64], b: usize) -> f64 {
    let at = |s: usize, c: f64| p[c as usize * b + s];
    let per_sample = classes[..b].iter().enumerate();
    per_sample
        .map(|(s, &c)| -at(s, c).max(BCE_EPSILON).ln())
        .sum()
}

/// What the output layer of the general network computes from its weighted sums: one neuron
/// through an activation (the tutorial's sigmoid, for one probability), or one neuron per class
/// through [`softmax`].
///
/// Written in model files by name: an [`Activation`]'s name, or [`SOFTMAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Output {
    /// One output neuron, through this activation.
    Neuron(Activation),
    /// One output neuron per class (two or more), through softmax, trained on
    /// [`Loss::CrossEntropy`].
    Softmax,
}

impl From<Activation> for Output {
    fn from(f: Activation) -> Self {
        Output::Neuron(f)
    }
}

impl Output {
    /// The name: the activation's, or [`SOFTMAX`].
    pub fn name(self) -> &'static str {
        match self {
            Output::Neuron(f) => f.name(),
            Output::Softmax => SOFTMAX,
        }
    }

    /// The output named `name`: [`SOFTMAX`] or an activation's name; an error listing them
    /// otherwise.
    pub fn from_name(name: &str) -> Result<Output, Error> {
        if name == SOFTMAX {
            return Ok(Output::Softmax);
        }
        Activation::from_name(name)
            .map(Output::Neuron)
            .map_err(|_| {
                let names = format!("{}, {SOFTMAX}", Activation::NAMES);
                Error::UnknownOutput {
                    found: name.to_string(),
                    expected: names,
                }
            })
    }

    /// Checks that `loss` can train this output: softmax only on [`Loss::CrossEntropy`]
    /// (the other losses compare one number with one label).
    pub fn check_loss(self, loss: Loss) -> Result<(), Error> {
        match (self, loss) {
            (Output::Softmax, Loss::Mse | Loss::Bce) => Err(Error::SoftmaxLoss {
                found: loss.name(),
                expected: Loss::CrossEntropy.name(),
            }),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Output {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Output {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Output::from_name(&name).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_agree_with_one_sample_at_a_time() {
        // 3 classes, 4 samples, the workspace's layout: row j = class j.
        let z = [
            1.0, -2.0, 700.0, 0.0, //
            2.0, 3.0, 710.0, 0.0, //
            0.5, 3.0, -800.0, 0.0,
        ];
        let mut p = [0.0; 12];
        let mut scratch = [0.0; 8];
        softmax_columns(&z, &mut p, 3, 4, &mut scratch);
        for s in 0..4 {
            let column = [z[s], z[4 + s], z[8 + s]];
            let mut one = [0.0; 3];
            softmax(&column, &mut one);
            for j in 0..3 {
                assert_eq!(p[j * 4 + s], one[j], "sample {s}, class {j}");
            }
        }
        let classes = [1.0, 2.0, 0.0, 2.0];
        let mut delta = [0.0; 12];
        output_delta(&p, &classes, &mut delta, 3, 4);
        for s in 0..4 {
            let column_sum: f64 = (0..3).map(|j| delta[j * 4 + s]).sum();
            assert!(column_sum.abs() < 1e-15, "p - y sums to 0 over the classes");
        }
        let total: f64 = (0..4)
            .map(|s| cross_entropy(&[p[s], p[4 + s], p[8 + s]], classes[s] as usize))
            .sum();
        assert_eq!(columns_loss(&p, &classes, 4), total);
    }
}
