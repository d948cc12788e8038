// Chapter 9's exercises (book/src/09-activations-and-optimizers.md, "Exercises"): write your
// answers in place of each `todo!()`, `f64::NAN` and `None`, then check them with
// `cargo test -p exercises --test ch09`, and your progress with `cargo xtask exercises`.

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
