//! Chapter 8's exercises (book/src/08-any-shape.md, "Exercises"): write your answers in place of each
//! `todo!()`, `f64::NAN` and `None`, then check them with `cargo test -p exercises ch08`.

use nn_from_scratch::mlp::Mlp;

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

#[cfg(test)]
mod tests {
    // The tests check your answers above; with `--features solutions`, ours.
    #[cfg(not(feature = "solutions"))]
    use super::*;
    use crate::check::ch08 as check;
    #[cfg(feature = "solutions")]
    use crate::solutions::ch08::*;

    #[test]
    fn ex1_deep_network() {
        check::deep_network(deep_network).unwrap();
    }

    #[test]
    fn ex2_param_count() {
        check::param_count(PARAM_COUNT).unwrap();
    }

    #[test]
    fn ex3_every_seed() {
        check::every_seed(ALL_SEEDS_PREDICTION, final_losses).unwrap();
    }
}
