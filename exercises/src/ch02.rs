// Chapter 2's exercises (book/src/02-network.md, "Exercises"): write your
// answers in place of each `todo!()`, `f64::NAN` and `None`, then check them with
// `cargo test -p exercises --test ch02`, and your progress with `cargo xtask exercises`.

use nn_from_scratch::activation::sigmoid;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::network::Network;

/// Exercise 2.1 (write the code): the tutorial's example network, every neuron with weights
/// [0, 1] and bias 0, written out with the sigmoid (not with `Network`).
pub fn feedforward(x: [f64; 2]) -> f64 {
    todo!("h1 and h2 from x, then o1 from h1 and h2, each f(w·x + b) with w = [0, 1], b = 0")
}

/// Exercise 2.2 (by hand, to 0.001): that network's output for x = [0, 0].
pub const OUTPUT_AT_ORIGIN: f64 = f64::NAN;

/// Exercise 2.3 (experiment): a network with every weight and bias 0: what does it answer for
/// the tutorial's people? Predict first: Some(0.0), Some(0.25), Some(0.5) or Some(1.0).
pub const ALL_ZERO_PREDICTION: Option<f64> = None;

/// Exercise 2.3: then run it.
pub fn all_zero_outputs() -> Vec<f64> {
    todo!("feed Dataset::tutorial().inputs to Network::uniform(0.0, 0.0)")
}
