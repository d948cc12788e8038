// Упражнения главы 1 (book/src/01-neuron.md, раздел «Упражнения»): впишите
// ответы вместо каждого `todo!()`, `f64::NAN` и `None`, затем проверьте их командой
// `cargo test -p exercises --features ru --test ch01`, а свой прогресс — командой
// `cargo xtask exercises --language ru`.

use nn_from_scratch::activation::deriv_sigmoid;
use nn_from_scratch::activation::sigmoid;

/// Упражнение 1.1 (напишите код): производная сигмоиды по формуле f'(x) = f(x) (1 - f(x)).
pub fn sigmoid_derivative(x: f64) -> f64 {
    todo!("f'(x) = f(x) * (1 - f(x)), где f = nn_from_scratch::activation::sigmoid")
}

/// Упражнение 1.2 (вручную, с допуском 0.001): выход нейрона с весами [0.5, -1] и смещением 1
/// для входа x = [2, 3].
pub const NEURON_OUTPUT: f64 = f64::NAN;

/// Упражнение 1.3 (эксперимент): во сколько раз производная сигмоиды в 0 больше, чем в 10?
/// Сначала сделайте прогноз: Some(10.0), Some(100.0) или Some(10_000.0).
pub const SLOPE_RATIO_PREDICTION: Option<f64> = None;

/// Упражнение 1.3: затем проверьте прогноз запуском.
pub fn slope_ratio() -> f64 {
    todo!("разделите наклон сигмоиды в 0 на её наклон в 10 (activation::deriv_sigmoid)")
}
