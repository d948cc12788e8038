// Глава 12: решения.

// ANCHOR: stable_softmax
/// Сначала вычтите наибольшую оценку: вероятности от этого не меняются, а наибольшая
/// экспонента равна e^0 = 1, так что переполнения нет.
pub fn stable_softmax(scores: &[f64]) -> Vec<f64> {
    let largest = scores.iter().fold(f64::NEG_INFINITY, |m, &z| m.max(z));
    let exps: Vec<f64> = scores.iter().map(|&z| (z - largest).exp()).collect();
    let total: f64 = exps.iter().sum();
    exps.iter().map(|e| e / total).collect()
}
// ANCHOR_END: stable_softmax

// ANCHOR: output_gradient
/// ∂L/∂z = p - y: вероятности softmax, из вероятности верного класса вычтена 1.
pub fn output_gradient(scores: &[f64], class: usize) -> Vec<f64> {
    let mut p = stable_softmax(scores);
    p[class] -= 1.0;
    p
}
// ANCHOR_END: output_gradient

// ANCHOR: cross_entropy_by_hand
/// e² ≈ 7.389, e¹ ≈ 2.718, e⁰ = 1: p1 = 2.718 / 11.107 ≈ 0.2447, и -ln 0.2447 ≈ 1.408.
pub const CROSS_ENTROPY_BY_HAND: f64 = 1.408;
// ANCHOR_END: cross_entropy_by_hand
