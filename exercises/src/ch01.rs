// Chapter 1's exercises (book/src/01-neuron.md, "Exercises"): write your
// answers in place of each `todo!()`, `f64::NAN` and `None`, then check them with
// `cargo test -p exercises --test ch01`, and your progress with `cargo xtask exercises`.

use nn_from_scratch::activation::deriv_sigmoid;
use nn_from_scratch::activation::sigmoid;

/// Exercise 1.1 (write the code): the sigmoid's derivative, the formula f'(x) = f(x) (1 - f(x)).
pub fn sigmoid_derivative(x: f64) -> f64 {
    todo!("f'(x) = f(x) * (1 - f(x)), with f = nn_from_scratch::activation::sigmoid")
}

/// Exercise 1.2 (by hand, to 0.001): the output of the neuron with weights [0.5, -1] and bias 1
/// for the input x = [2, 3].
pub const NEURON_OUTPUT: f64 = f64::NAN;

/// Exercise 1.3 (experiment): how many times steeper is the sigmoid at 0 than at 10? Predict
/// first: Some(10.0), Some(100.0) or Some(10_000.0).
pub const SLOPE_RATIO_PREDICTION: Option<f64> = None;

/// Exercise 1.3: then run it.
pub fn slope_ratio() -> f64 {
    todo!("divide the sigmoid's slope at 0 by its slope at 10 (activation::deriv_sigmoid)")
}
