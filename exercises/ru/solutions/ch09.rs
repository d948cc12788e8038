// Глава 9: решения.

// ANCHOR: momentum_step
/// v ← β v + g, затем p ← p - η v, для каждого параметра.
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
/// tanh' = 1 - tanh², поэтому через выход y: 1 - y².
pub fn tanh_derivative(y: f64) -> f64 {
    1.0 - y * y
}
// ANCHOR_END: tanh_derivative

// ANCHOR: bce_by_hand
/// -(1 · ln 0.8 + 0 · ln 0.2) = -ln 0.8 = 0.2231 (натуральный логарифм).
pub const BCE_BY_HAND: f64 = 0.2231;
// ANCHOR_END: bce_by_hand
