//! Chapter 5's exercises (book/src/05-training.md, "Exercises"): write your answers in place of each
//! `todo!()`, `f64::NAN` and `None`, then check them with `cargo test -p exercises ch05`.

use nn_from_scratch::network::Network;

/// Exercise 5.1 (write the code): one step of stochastic gradient descent on one person, with
/// the gradients of `backprop::backprop`.
pub fn gradient_step(net: &mut Network, x: [f64; 2], y_true: f64, learn_rate: f64) {
    todo!("move each of the nine parameters by -learn_rate times its partial derivative")
}

/// Exercise 5.2 (by hand, to 0.00001): w5 after one step on Alice, from every weight 1 and
/// every bias 0, with learning rate 0.1.
pub const W5_AFTER_ONE_STEP: f64 = f64::NAN;

/// Exercise 5.3 (experiment): which learning rate ends the chapter's run (seed 42, 1000 epochs)
/// with the lowest loss? Predict first: Some(0.01), Some(1.0) or Some(10.0).
pub const BEST_LEARN_RATE_PREDICTION: Option<f64> = None;

/// Exercise 5.3: then run it: the final loss at `learn_rate` (NaN if training fails).
pub fn final_loss(learn_rate: f64) -> f64 {
    todo!(
        "train Network::random(42) on Dataset::tutorial() at this learn rate, return training::dataset_loss"
    )
}

#[cfg(test)]
mod tests {
    // The tests check your answers above; with `--features solutions`, ours.
    #[cfg(not(feature = "solutions"))]
    use super::*;
    use crate::check::ch05 as check;
    #[cfg(feature = "solutions")]
    use crate::solutions::ch05::*;

    #[test]
    fn ex1_gradient_step() {
        check::sgd_step(gradient_step).unwrap();
    }

    #[test]
    fn ex2_w5_after_one_step() {
        check::w5_after_one_step(W5_AFTER_ONE_STEP).unwrap();
    }

    #[test]
    fn ex3_best_learn_rate() {
        check::best_learn_rate(BEST_LEARN_RATE_PREDICTION, final_loss).unwrap();
    }
}
