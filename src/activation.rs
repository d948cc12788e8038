//! Activation functions: what a neuron does with its weighted sum.
//!
//! The tutorial uses one activation, the sigmoid. It squashes any real number into the open
//! interval (0, 1), and its derivative can be written with the sigmoid itself, which is what makes
//! backpropagation cheap.
//!
//! The general network of [`crate::mlp`] can also use the hyperbolic tangent and the rectified
//! linear unit: see [`crate::mlp::Activation`].

// ANCHOR: sigmoid
// ANCHOR: sigmoid_fn
/// The sigmoid function `f(x) = 1 / (1 + e^(-x))`.
///
/// ```
/// use nn_from_scratch::activation::sigmoid;
/// assert_eq!(sigmoid(0.0), 0.5);
/// ```
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}
// ANCHOR_END: sigmoid_fn

// ANCHOR: deriv_sigmoid
/// The derivative of the sigmoid, `f'(x) = f(x) * (1 - f(x))`.
///
/// Like the tutorial's `deriv_sigmoid`, it takes the weighted sum `x` (not the activation) and
/// recomputes `f(x)`.
pub fn deriv_sigmoid(x: f64) -> f64 {
    let fx = sigmoid(x);
    fx * (1.0 - fx)
}
// ANCHOR_END: deriv_sigmoid
// ANCHOR_END: sigmoid
