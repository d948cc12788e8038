//! The losses the general network can be trained on, by name: the tutorial's mean squared error
//! ([`crate::loss::mse`]), binary cross-entropy ([`bce`]), the usual loss for a probability
//! output, and the categorical cross-entropy of a softmax output over `K` classes
//! ([`super::softmax`], which shows why for two classes it is the binary cross-entropy).

use crate::error::Error;
use crate::loss::{check_pairs, mse};

/// How far [`bce`] keeps predictions from 0 and 1: every prediction is clamped to
/// `[BCE_EPSILON, 1 - BCE_EPSILON]` before its logarithm is taken.
pub const BCE_EPSILON: f64 = 1e-12;

/// A prediction clamped to `[BCE_EPSILON, 1 - BCE_EPSILON]`, so that `ln(p)` and `ln(1 - p)` are
/// finite.
fn clamp_probability(p: f64) -> f64 {
    p.clamp(BCE_EPSILON, 1.0 - BCE_EPSILON)
}

/// Binary cross-entropy: the average of `-(y ln p + (1 - y) ln(1 - p))` over all samples, for
/// labels `y` in [0, 1] and predicted probabilities `p`.
///
/// A prediction of exactly 0 or 1 would make a logarithm infinite, so every prediction is first
/// clamped to `[BCE_EPSILON, 1 - BCE_EPSILON]` ([`BCE_EPSILON`] = 1e-12): a confidently wrong
/// prediction costs at most `-ln(1e-12) ≈ 27.6` instead of infinity.
///
/// Returns an error when the two slices differ in length or are empty.
///
/// ```
/// use nn_from_scratch::mlp::loss::bce;
/// let loss = bce(&[1.0, 0.0], &[0.5, 0.5])?;
/// assert!((loss - std::f64::consts::LN_2).abs() < 1e-15);
/// assert!(bce(&[1.0], &[0.0])?.is_finite());
/// # Ok::<(), nn_from_scratch::Error>(())
/// ```
pub fn bce(y_true: &[f64], y_pred: &[f64]) -> Result<f64, Error> {
    check_pairs(y_true, y_pred)?; // as many predictions as labels, and at least one
    let sum: f64 = y_true
        .iter()
        .zip(y_pred)
        .map(|(&t, &p)| Loss::Bce.sample(t, p))
        .sum();
    Ok(sum / y_true.len() as f64)
}

choice! {
    /// The losses the general network ([`crate::mlp`]) can be trained on.
    ///
    /// Serialised (and parsed by [`str::parse`]) by its names, [`Loss::NAMES`].
    pub enum Loss: "loss" {
        /// Mean squared error: per sample `(y - p)^2`.
        Mse = "mse" ("mean squared error"),
        /// Binary cross-entropy: per sample `-(y ln p + (1 - y) ln(1 - p))`, with `p` clamped.
        Bce = "bce" ("binary cross-entropy"),
        /// Categorical cross-entropy, for a softmax output over K classes: per sample `-ln p_c`,
        /// `p_c` the probability of the right class; with one sigmoid output (two classes) the
        /// same as bce.
        CrossEntropy = "cross-entropy" ("categorical cross-entropy"),
    }
}

impl Loss {
    /// The loss over a dataset of one-output predictions: the mean of the per-sample losses
    /// ([`mse`] or [`bce`]; a softmax network's loss is [`super::Mlp::dataset_loss`]).
    pub fn value(self, y_true: &[f64], y_pred: &[f64]) -> Result<f64, Error> {
        match self {
            Loss::Mse => mse(y_true, y_pred),
            Loss::Bce | Loss::CrossEntropy => bce(y_true, y_pred),
        }
    }

    /// The loss of one sample with label `y_true` and prediction `y_pred`; [`Loss::value`] is the
    /// mean of these. For one output, [`Loss::CrossEntropy`] is [`Loss::Bce`] (the two classes'
    /// cross-entropy; see [`super::softmax`]).
    pub fn sample(self, y_true: f64, y_pred: f64) -> f64 {
        match self {
            Loss::Mse => (y_true - y_pred) * (y_true - y_pred),
            Loss::Bce | Loss::CrossEntropy => {
                let p = clamp_probability(y_pred);
                -(y_true * p.ln() + (1.0 - y_true) * (1.0 - p).ln())
            }
        }
    }

    /// The derivative of the per-sample loss with respect to the prediction, `dL/dy_pred`:
    ///
    /// - MSE: `-2 (y_true - y_pred)`, the tutorial's `d_L_d_ypred`;
    /// - BCE (and cross-entropy, on one output): `-y/p + (1 - y)/(1 - p) = (p - y) / (p (1 - p))`,
    ///   with `p` the clamped prediction.
    ///
    /// For BCE the formula is taken at the clamped prediction. (Strictly, the clamped loss is
    /// flat where the clamp is active, so its derivative there is 0; using the formula at the
    /// clamp keeps a confidently wrong prediction learning.) Away from the clamp, i.e. for
    /// predictions in `[BCE_EPSILON, 1 - BCE_EPSILON]`, it is the exact derivative.
    ///
    /// With a sigmoid output `p = f(z)`, chaining this with `f'(z) = p (1 - p)` gives the
    /// well-known `p - y`. The network does NOT use that shortcut: it chains the two general
    /// formulas, because with the clamp active (or the sigmoid saturated to exactly 0 or 1 in
    /// floating point) the two are not equal.
    pub fn derivative(self, y_true: f64, y_pred: f64) -> f64 {
        match self {
            Loss::Mse => -2.0 * (y_true - y_pred),
            Loss::Bce | Loss::CrossEntropy => {
                let p = clamp_probability(y_pred);
                -y_true / p + (1.0 - y_true) / (1.0 - p)
            }
        }
    }
}
