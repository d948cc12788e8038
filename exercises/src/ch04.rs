// Chapter 4's exercises (book/src/04-backpropagation.md, "Exercises"): write your
// answers in place of each `todo!()`, `f64::NAN` and `None`, then check them with
// `cargo test -p exercises --test ch04`, and your progress with `cargo xtask exercises`.

use nn_from_scratch::activation::deriv_sigmoid;
use nn_from_scratch::network::Network;

/// Exercise 4.1 (by hand, to 0.0001): ∂L/∂w5 for Alice when every weight is 1 and every bias 0.
pub const DL_DW5_ALICE: f64 = f64::NAN;

/// Exercise 4.2 (write the code): ∂L/∂w3 by the chain rule, from `net.forward(x)`.
pub fn d_l_d_w3(net: &Network, x: [f64; 2], y_true: f64) -> f64 {
    todo!("∂L/∂ŷ · ∂ŷ/∂h2 · ∂h2/∂w3, each factor from net.forward(x)")
}

/// Exercise 4.3 (experiment): which step h of the central difference comes closest to
/// backprop's ∂L/∂w1 for Alice (every weight 1, every bias 0)? Predict first: Some(1e-1),
/// Some(1e-5) or Some(1e-13).
pub const BEST_STEP_PREDICTION: Option<f64> = None;

/// Exercise 4.3: then run it: the central difference with step `h`.
pub fn numeric_d_l_d_w1(h: f64) -> f64 {
    todo!("(L(w1 + h) - L(w1 - h)) / 2h for Alice, at w1 = 1")
}
