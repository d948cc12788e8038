// Chapter 7's exercises (book/src/07-real-people.md, "Exercises"): write your
// answers in place of each `todo!()`, `f64::NAN` and `None`, then check them with
// `cargo test -p exercises --test ch07`, and your progress with `cargo xtask exercises`.

use nn_from_scratch::data::{Dataset, Normalisation};
use nn_from_scratch::datasets;
use nn_from_scratch::metrics::Confusion;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Exercise 7.1 (write the code): the mean and the (population) standard deviation of a list.
pub fn mean_and_sd(values: &[f64]) -> (f64, f64) {
    todo!("the mean, and the square root of the mean squared distance to it")
}

/// Exercise 7.2 (by hand, to 0.000001): the accuracy of a classifier that got 40 women as women,
/// 10 women as men, 5 men as women and 45 men as men.
pub const ACCURACY_BY_HAND: f64 = f64::NAN;

/// Exercise 7.3 (experiment): the chapter's first try on raw pounds and inches, not even
/// shifted: does it beat always answering the more common sex? Predict first: Some(true) or
/// Some(false).
pub const BEATS_MAJORITY_PREDICTION: Option<bool> = None;

/// Exercise 7.3: then run it: the test accuracy (NaN if training fails).
pub fn accuracy_without_shift() -> f64 {
    todo!("the chapter's first try with Normalisation {{ offset: [0.0, 0.0], scale: [1.0, 1.0] }}")
}
