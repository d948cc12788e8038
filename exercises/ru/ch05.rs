// Упражнения главы 5 (book/src/05-training.md, раздел «Упражнения»): впишите
// ответы вместо каждого `todo!()`, `f64::NAN` и `None`, затем проверьте их командой
// `cargo test -p exercises --features ru --test ch05`, а свой прогресс — командой
// `cargo xtask exercises --language ru`.

use nn_from_scratch::backprop::backprop;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Упражнение 5.1 (напишите код): один шаг стохастического градиентного спуска на одном
/// человеке, с градиентами из `backprop::backprop`.
pub fn gradient_step(net: &mut Network, x: [f64; 2], y_true: f64, learn_rate: f64) {
    todo!("сдвиньте каждый из девяти параметров на -learn_rate, умноженное на его частную производную")
}

/// Упражнение 5.2 (вручную, с допуском 0.00001): w5 после одного шага на Алисе, если все веса
/// были 1, а все смещения 0, при скорости обучения 0.1.
pub const W5_AFTER_ONE_STEP: f64 = f64::NAN;

/// Упражнение 5.3 (эксперимент): при какой скорости обучения прогон из главы (зерно 42,
/// 1000 эпох) заканчивается с наименьшими потерями? Сначала сделайте прогноз: Some(0.01),
/// Some(1.0) или Some(10.0).
pub const BEST_LEARN_RATE_PREDICTION: Option<f64> = None;

/// Упражнение 5.3: затем проверьте прогноз запуском: итоговые потери при `learn_rate` (NaN,
/// если обучение не удалось).
pub fn final_loss(learn_rate: f64) -> f64 {
    todo!(
        "обучите Network::random(42) на Dataset::tutorial() с этой скоростью обучения и верните training::dataset_loss"
    )
}
