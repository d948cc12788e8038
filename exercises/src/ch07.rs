//! Chapter 7's exercises (book/src/07-real-people.md, "Exercises"): write your answers in place of each
//! `todo!()`, `f64::NAN` and `None`, then check them with `cargo test -p exercises ch07`.

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

#[cfg(test)]
mod tests {
    // The tests check your answers above; with `--features solutions`, ours.
    #[cfg(not(feature = "solutions"))]
    use super::*;
    use crate::check::ch07 as check;
    #[cfg(feature = "solutions")]
    use crate::solutions::ch07::*;

    #[test]
    fn ex1_mean_and_sd() {
        check::mean_and_sd(mean_and_sd).unwrap();
    }

    #[test]
    fn ex2_accuracy_by_hand() {
        check::accuracy_by_hand(ACCURACY_BY_HAND).unwrap();
    }

    #[test]
    fn ex3_no_shift() {
        check::no_shift(BEATS_MAJORITY_PREDICTION, accuracy_without_shift).unwrap();
    }
}
