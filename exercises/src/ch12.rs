// Chapter 12's exercises (book/src/12-softmax.md, "Exercises"): write your answers in place of
// each `todo!()` and `f64::NAN`, then check them with `cargo test -p exercises --test ch12`, and
// your progress with `cargo xtask exercises`.

/// Exercise 12.1 (write the code): softmax, without overflow for large scores.
pub fn stable_softmax(scores: &[f64]) -> Vec<f64> {
    todo!("e^(z_k - largest score) for every score, each divided by their sum")
}

/// Exercise 12.2 (write the code): the gradient of the cross-entropy with respect to the
/// scores, for the true class `class`.
pub fn output_gradient(scores: &[f64], class: usize) -> Vec<f64> {
    todo!("the probabilities minus the one-hot label")
}

/// Exercise 12.3 (by hand, to 0.001): the cross-entropy of the scores [2, 1, 0] when the true
/// class is 1 (classes counted from 0).
pub const CROSS_ENTROPY_BY_HAND: f64 = f64::NAN;
