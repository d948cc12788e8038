// Упражнения главы 2 (book/src/02-network.md, раздел «Упражнения»): впишите
// ответы вместо каждого `todo!()`, `f64::NAN` и `None`, затем проверьте их командой
// `cargo test -p exercises --features ru --test ch02`, а свой прогресс — командой
// `cargo xtask exercises --language ru`.

use nn_from_scratch::activation::sigmoid;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::network::Network;

/// Упражнение 2.1 (напишите код): сеть из примера статьи (у каждого нейрона веса [0, 1] и
/// смещение 0), расписанная вручную через сигмоиду (без `Network`).
pub fn feedforward(x: [f64; 2]) -> f64 {
    todo!("h1 и h2 из x, затем o1 из h1 и h2, каждый как f(w·x + b) с w = [0, 1], b = 0")
}

/// Упражнение 2.2 (вручную, с допуском 0.001): выход этой сети для x = [0, 0].
pub const OUTPUT_AT_ORIGIN: f64 = f64::NAN;

/// Упражнение 2.3 (эксперимент): сеть, у которой все веса и смещения равны 0: что она ответит
/// для людей из статьи? Сначала сделайте прогноз: Some(0.0), Some(0.25), Some(0.5) или
/// Some(1.0).
pub const ALL_ZERO_PREDICTION: Option<f64> = None;

/// Упражнение 2.3: затем проверьте прогноз запуском.
pub fn all_zero_outputs() -> Vec<f64> {
    todo!("подайте Dataset::tutorial().inputs на вход Network::uniform(0.0, 0.0)")
}
