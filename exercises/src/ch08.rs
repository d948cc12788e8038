// Chapter 8's exercises (book/src/08-any-shape.md, "Exercises"): write your
// answers in place of each `todo!()`, `f64::NAN` and `None`, then check them with
// `cargo test -p exercises --test ch08`, and your progress with `cargo xtask exercises`.

use nn_from_scratch::data::Dataset;
use nn_from_scratch::mlp::{Activation, Mlp};
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Exercise 8.1 (write the code): a 2-4-4-1 network of sigmoids, its weights drawn from `seed`.
pub fn deep_network(seed: u64) -> Mlp {
    todo!("Mlp::new with layer sizes [2, 4, 4, 1], sigmoid activations and this seed")
}

/// Exercise 8.2 (by hand): how many weights and biases does a 2-4-4-1 network have? Some(n).
pub const PARAM_COUNT: Option<usize> = None;

/// Exercise 8.3 (experiment): the tutorial's run from each seed 0 to 9: do all ten end with a
/// loss below 0.01? Predict first: Some(true) or Some(false).
pub const ALL_SEEDS_PREDICTION: Option<bool> = None;

/// Exercise 8.3: then run it: the ten final losses (NaN where training fails).
pub fn final_losses() -> Vec<f64> {
    todo!(
        "train Network::random(seed) for seed in 0..10 on Dataset::tutorial(), collect the final losses"
    )
}
