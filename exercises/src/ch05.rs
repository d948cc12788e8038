// Chapter 5's exercises (book/src/05-training.md, "Exercises"): write your
// answers in place of each `todo!()`, `f64::NAN` and `None`, then check them with
// `cargo test -p exercises --test ch05`, and your progress with `cargo xtask exercises`.

use nn_from_scratch::backprop::backprop;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

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
