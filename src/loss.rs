//! Mean squared error: one number that says how wrong the network is on a dataset.
//!
//! The general network of [`crate::mlp`] can also be trained on binary cross-entropy
//! ([`bce`]), the usual loss for a probability output; the [`Loss`] enum names the two.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

// ANCHOR: program
// ANCHOR: mse
/// Mean squared error: the average of `(y_true - y_pred)^2` over all samples.
///
/// Returns an error when the two slices differ in length or are empty, because then there is no
/// average to take.
///
/// ```
/// use nn_from_scratch::loss::mse;
/// assert_eq!(mse(&[1.0, 0.0, 0.0, 1.0], &[0.0, 0.0, 0.0, 0.0])?, 0.5);
/// # Ok::<(), nn_from_scratch::Error>(())
/// ```
pub fn mse(y_true: &[f64], y_pred: &[f64]) -> Result<f64, Error> {
    check_pairs(y_true, y_pred)?; // as many predictions as labels, and at least one
    let sum: f64 = y_true
        .iter()
        .zip(y_pred)
        .map(|(t, p)| (t - p) * (t - p))
        .sum();
    Ok(sum / y_true.len() as f64)
}
// ANCHOR_END: mse

/// Fails unless there are as many predictions as true values, and at least one of each.
fn check_pairs(y_true: &[f64], y_pred: &[f64]) -> Result<(), Error> {
    if y_true.len() != y_pred.len() {
        return Err(Error::LengthMismatch {
            expected: y_true.len(),
            found: y_pred.len(),
        });
    }
    if y_true.is_empty() {
        return Err(Error::EmptyDataset);
    }
    Ok(())
}
// ANCHOR_END: program

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
/// use nn_from_scratch::loss::bce;
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

/// The losses the general network ([`crate::mlp`]) can be trained on.
///
/// Serialised (and parsed by [`str::parse`]) as `"mse"` and `"bce"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Loss {
    /// Mean squared error, [`mse`]: per sample `(y - p)^2`.
    Mse,
    /// Binary cross-entropy, [`bce`]: per sample `-(y ln p + (1 - y) ln(1 - p))`, with `p`
    /// clamped to `[BCE_EPSILON, 1 - BCE_EPSILON]`.
    Bce,
}

impl Loss {
    /// Both losses, in the order of the enum.
    pub const ALL: [Loss; 2] = [Loss::Mse, Loss::Bce];

    /// The loss over a dataset: the mean of the per-sample losses ([`mse`] or [`bce`]).
    pub fn value(self, y_true: &[f64], y_pred: &[f64]) -> Result<f64, Error> {
        match self {
            Loss::Mse => mse(y_true, y_pred),
            Loss::Bce => bce(y_true, y_pred),
        }
    }

    /// The loss of one sample with label `y_true` and prediction `y_pred`; [`Loss::value`] is the
    /// mean of these.
    pub fn sample(self, y_true: f64, y_pred: f64) -> f64 {
        match self {
            Loss::Mse => (y_true - y_pred) * (y_true - y_pred),
            Loss::Bce => {
                let p = clamp_probability(y_pred);
                -(y_true * p.ln() + (1.0 - y_true) * (1.0 - p).ln())
            }
        }
    }

    /// The derivative of the per-sample loss with respect to the prediction, `dL/dy_pred`:
    ///
    /// - MSE: `-2 (y_true - y_pred)`, the tutorial's `d_L_d_ypred`;
    /// - BCE: `-y/p + (1 - y)/(1 - p) = (p - y) / (p (1 - p))`, with `p` the clamped prediction.
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
            Loss::Bce => {
                let p = clamp_probability(y_pred);
                -y_true / p + (1.0 - y_true) / (1.0 - p)
            }
        }
    }

    /// The lowercase name, as accepted by [`str::parse`] and written by serde.
    pub fn name(self) -> &'static str {
        match self {
            Loss::Mse => "mse",
            Loss::Bce => "bce",
        }
    }
}

impl fmt::Display for Loss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Loss {
    type Err = Error;

    /// Parses `"mse"` or `"bce"` (exactly these lowercase names).
    fn from_str(s: &str) -> Result<Self, Error> {
        Loss::ALL
            .into_iter()
            .find(|l| l.name() == s)
            .ok_or_else(|| Error::UnknownName {
                kind: "loss",
                found: s.to_string(),
                expected: "mse, bce",
            })
    }
}
