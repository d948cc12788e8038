// Глава 1: решения.

// ANCHOR: sigmoid_derivative
/// Производная сигмоиды: f'(x) = f(x) (1 - f(x)).
pub fn sigmoid_derivative(x: f64) -> f64 {
    let f = nn_from_scratch::activation::sigmoid(x);
    f * (1.0 - f)
}
// ANCHOR_END: sigmoid_derivative

// ANCHOR: neuron_output
/// w·x + b = 0.5·2 + (-1)·3 + 1 = -1, и f(-1) = 1 / (1 + e) = 1 / 3.71828... = 0.2689.
pub const NEURON_OUTPUT: f64 = 0.2689;
// ANCHOR_END: neuron_output

// ANCHOR: slope_ratio
/// f'(0) = 0.25, а f'(10) = f(10)(1 - f(10)) ≈ e^-10 ≈ 0.0000454: примерно в 5500 раз меньше,
/// так что ближе всего 10000. Вдали от 0 сигмоида становится плоской, и нейрон, чья
/// сумма попала туда, почти не учится (с этим мы встретимся в главе 7).
pub const SLOPE_RATIO_PREDICTION: Option<f64> = Some(10_000.0);

/// Во сколько раз производная сигмоиды в 0 больше, чем в 10.
pub fn slope_ratio() -> f64 {
    use nn_from_scratch::activation::deriv_sigmoid;
    deriv_sigmoid(0.0) / deriv_sigmoid(10.0)
}
// ANCHOR_END: slope_ratio
