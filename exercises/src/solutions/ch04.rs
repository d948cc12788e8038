// Chapter 4, solved.

// ANCHOR: dl_dw5_alice
/// Alice is x = [-2, -1], y = 1. h1 = h2 = f(-2 - 1) = f(-3) = 0.0474;
/// o1 = f(0.0474 + 0.0474) = f(0.0949) = 0.5237.
/// ∂L/∂ŷ = -2 (1 - 0.5237) = -0.9526; ∂ŷ/∂w5 = h1 · f'(0.0949) = 0.0474 · 0.2494 = 0.01183;
/// so ∂L/∂w5 = -0.9526 · 0.01183 = -0.0113. Negative: a larger w5 lowers Alice's loss.
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
/// 1e-5. With h = 0.1 the central difference is off by about h² times the third derivative
/// (1e-4 here); with h = 1e-13 the two losses agree in all but their last few digits, and
/// dividing their difference by 2h blows the rounding error of about 1e-16 up to about 1e-3.
/// In between, both errors are tiny: the usual choice is h near the cube root of 1e-16.
pub const BEST_STEP_PREDICTION: Option<f64> = Some(1e-5);

/// The central difference of Alice's loss in w1, every weight 1 and every bias 0.
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
