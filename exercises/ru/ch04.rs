// Упражнения главы 4 (book/src/04-backpropagation.md, раздел «Упражнения»): впишите
// ответы вместо каждого `todo!()`, `f64::NAN` и `None`, затем проверьте их командой
// `cargo test -p exercises --features ru --test ch04`, а свой прогресс — командой
// `cargo xtask exercises --language ru`.

use nn_from_scratch::activation::deriv_sigmoid;
use nn_from_scratch::network::Network;

/// Упражнение 4.1 (вручную, с допуском 0.0001): ∂L/∂w5 для Алисы, когда все веса равны 1, а все
/// смещения 0.
pub const DL_DW5_ALICE: f64 = f64::NAN;

/// Упражнение 4.2 (напишите код): ∂L/∂w3 по цепному правилу, из `net.forward(x)`.
pub fn d_l_d_w3(net: &Network, x: [f64; 2], y_true: f64) -> f64 {
    todo!("∂L/∂ŷ · ∂ŷ/∂h2 · ∂h2/∂w3, каждый множитель из net.forward(x)")
}

/// Упражнение 4.3 (эксперимент): при каком шаге h центральная разность ближе всего к ∂L/∂w1,
/// которую даёт обратное распространение, для Алисы (все веса 1, все смещения 0)? Сначала
/// сделайте прогноз: Some(1e-1), Some(1e-5) или Some(1e-13).
pub const BEST_STEP_PREDICTION: Option<f64> = None;

/// Упражнение 4.3: затем проверьте прогноз запуском: центральная разность с шагом `h`.
pub fn numeric_d_l_d_w1(h: f64) -> f64 {
    todo!("(L(w1 + h) - L(w1 - h)) / 2h для Алисы, при w1 = 1")
}
