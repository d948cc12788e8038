// Chapter 9, solved.

// ANCHOR: momentum_step
/// v ← β v + g, then p ← p - η v, for every parameter.
pub fn momentum_step(
    params: &mut [f64],
    velocity: &mut [f64],
    grads: &[f64],
    learn_rate: f64,
    beta: f64,
) {
    for ((p, v), g) in params.iter_mut().zip(velocity.iter_mut()).zip(grads) {
        *v = beta * *v + g;
        *p -= learn_rate * *v;
    }
}
// ANCHOR_END: momentum_step

// ANCHOR: tanh_derivative
/// tanh' = 1 - tanh², so from the output y: 1 - y².
pub fn tanh_derivative(y: f64) -> f64 {
    1.0 - y * y
}
// ANCHOR_END: tanh_derivative

// ANCHOR: bce_by_hand
/// -(1 · ln 0.8 + 0 · ln 0.2) = -ln 0.8 = 0.2231 (the natural logarithm).
pub const BCE_BY_HAND: f64 = 0.2231;
// ANCHOR_END: bce_by_hand
