//! Chapter 4's exercises (book/src/04-backpropagation.md, "Exercises"): write your answers in place of each
//! `todo!()`, `f64::NAN` and `None`, then check them with `cargo test -p exercises ch04`.

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

#[cfg(test)]
mod tests {
    // The tests check your answers above; with `--features solutions`, ours.
    #[cfg(not(feature = "solutions"))]
    use super::*;
    use crate::check::ch04 as check;
    #[cfg(feature = "solutions")]
    use crate::solutions::ch04::*;

    #[test]
    fn ex1_dl_dw5_alice() {
        check::dl_dw5_alice(DL_DW5_ALICE).unwrap();
    }

    #[test]
    fn ex2_d_l_d_w3() {
        check::d_l_d_w3(d_l_d_w3).unwrap();
    }

    #[test]
    fn ex3_best_step() {
        check::best_step(BEST_STEP_PREDICTION, numeric_d_l_d_w1).unwrap();
    }
}
