// Глава 4: решения.

// ANCHOR: dl_dw5_alice
/// Алиса — это x = [-2, -1], y = 1. h1 = h2 = f(-2 - 1) = f(-3) = 0.0474;
/// o1 = f(0.0474 + 0.0474) = f(0.0949) = 0.5237.
/// ∂L/∂ŷ = -2 (1 - 0.5237) = -0.9526; ∂ŷ/∂w5 = h1 · f'(0.0949) = 0.0474 · 0.2494 = 0.01183;
/// значит, ∂L/∂w5 = -0.9526 · 0.01183 = -0.0113. Производная отрицательна: если увеличить w5,
/// потери Алисы уменьшатся.
pub const DL_DW5_ALICE: f64 = -0.0113;
// ANCHOR_END: dl_dw5_alice

// ANCHOR: d_l_d_w3
/// ∂L/∂w3 = ∂L/∂ŷ · ∂ŷ/∂h2 · ∂h2/∂w3 = -2 (y - ŷ) · w6 f'(sum_o1) · x1 f'(sum_h2).
pub fn d_l_d_w3(net: &nn_from_scratch::network::Network, x: [f64; 2], y_true: f64) -> f64 {
    use nn_from_scratch::activation::deriv_sigmoid;
    let pass = net.forward(x);
    let d_l_d_ypred = -2.0 * (y_true - pass.o1);
    let d_ypred_d_h2 = net.w6 * deriv_sigmoid(pass.sum_o1);
    let d_h2_d_w3 = x[0] * deriv_sigmoid(pass.sum_h2);
    d_l_d_ypred * d_ypred_d_h2 * d_h2_d_w3
}
// ANCHOR_END: d_l_d_w3

// ANCHOR: best_step
/// 1e-5. При h = 0.1 центральная разность ошибается примерно на h², умноженное на третью
/// производную (здесь 1e-4); при h = 1e-13 две потери совпадают во всех цифрах, кроме
/// нескольких последних, и деление их разности на 2h раздувает ошибку округления порядка 1e-16
/// примерно до 1e-3. Посередине обе ошибки крошечные: обычно берут h около кубического корня
/// из 1e-16.
pub const BEST_STEP_PREDICTION: Option<f64> = Some(1e-5);

/// Центральная разность потерь Алисы по w1, когда все веса 1, а все смещения 0.
pub fn numeric_d_l_d_w1(h: f64) -> f64 {
    use nn_from_scratch::network::Network;
    let x = [-2.0, -1.0];
    let loss = |w1: f64| {
        (1.0 - Network {
            w1,
            ..Network::uniform(1.0, 0.0)
        }
        .feedforward(x))
        .powi(2)
    };
    (loss(1.0 + h) - loss(1.0 - h)) / (2.0 * h)
}
// ANCHOR_END: best_step
