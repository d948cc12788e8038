// Упражнения главы 8 (book/src/08-any-shape.md, раздел «Упражнения»): впишите
// ответы вместо каждого `todo!()`, `f64::NAN` и `None`, затем проверьте их командой
// `cargo test -p exercises --features ru --test ch08`, а свой прогресс — командой
// `cargo xtask exercises --language ru`.

use nn_from_scratch::data::Dataset;
use nn_from_scratch::mlp::{Activation, Mlp};
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Упражнение 8.1 (напишите код): сеть 2-4-4-1 из сигмоид, веса которой получены из `seed`.
pub fn deep_network(seed: u64) -> Mlp {
    todo!("Mlp::new с размерами слоёв [2, 4, 4, 1], сигмоидными активациями и этим зерном")
}

/// Упражнение 8.2 (вручную): сколько весов и смещений у сети 2-4-4-1? Some(n).
pub const PARAM_COUNT: Option<usize> = None;

/// Упражнение 8.3 (эксперимент): прогон из статьи с каждым зерном от 0 до 9: все ли десять
/// прогонов заканчиваются с потерями ниже 0.01? Сначала сделайте прогноз: Some(true) или
/// Some(false).
pub const ALL_SEEDS_PREDICTION: Option<bool> = None;

/// Упражнение 8.3: затем проверьте прогноз запуском: десять итоговых потерь (NaN там, где
/// обучение не удалось).
pub fn final_losses() -> Vec<f64> {
    todo!(
        "обучите Network::random(seed) для каждого зерна из 0..10 на Dataset::tutorial() и соберите итоговые потери"
    )
}
