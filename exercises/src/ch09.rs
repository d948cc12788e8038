//! Chapter 9's exercises (book/src/09-activations-and-optimizers.md, "Exercises"): write your answers in place of each
//! `todo!()`, `f64::NAN` and `None`, then check them with `cargo test -p exercises ch09`.

/// Exercise 9.1 (write the code): one momentum step on every parameter.
pub fn momentum_step(
    params: &mut [f64],
    velocity: &mut [f64],
    grads: &[f64],
    learn_rate: f64,
    beta: f64,
) {
    todo!("v ← beta v + g, then p ← p - learn_rate v, for each parameter")
}

/// Exercise 9.2 (write the code): tanh's derivative, from its output `y`.
pub fn tanh_derivative(y: f64) -> f64 {
    todo!("the slope of tanh where its output is y, written with y only")
}

/// Exercise 9.3 (by hand, to 0.0001): the binary cross-entropy of the prediction 0.8 for the
/// label 1.
pub const BCE_BY_HAND: f64 = f64::NAN;

#[cfg(test)]
mod tests {
    // The tests check your answers above; with `--features solutions`, ours.
    #[cfg(not(feature = "solutions"))]
    use super::*;
    use crate::check::ch09 as check;
    #[cfg(feature = "solutions")]
    use crate::solutions::ch09::*;

    #[test]
    fn ex1_momentum_step() {
        check::momentum_step(momentum_step).unwrap();
    }

    #[test]
    fn ex2_tanh_derivative() {
        check::tanh_derivative(tanh_derivative).unwrap();
    }

    #[test]
    fn ex3_bce_by_hand() {
        check::bce_by_hand(BCE_BY_HAND).unwrap();
    }
}
