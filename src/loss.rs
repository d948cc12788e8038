//! Mean squared error: one number that says how wrong the network is on a dataset.
//!
//! The general network of [`crate::mlp`] can also be trained on binary cross-entropy: see
//! [`crate::mlp::Loss`].

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
    let mut sum = 0.0;
    // The two lists side by side: each true value `t` with its prediction `p`.
    for (t, p) in y_true.iter().zip(y_pred) {
        sum += (t - p) * (t - p);
    }
    Ok(sum / y_true.len() as f64)
}
// ANCHOR_END: mse

/// Fails unless there are as many predictions as true values, and at least one of each.
pub(crate) fn check_pairs(y_true: &[f64], y_pred: &[f64]) -> Result<(), Error> {
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
