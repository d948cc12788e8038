// Упражнения главы 7 (book/src/07-real-people.md, раздел «Упражнения»): впишите
// ответы вместо каждого `todo!()`, `f64::NAN` и `None`, затем проверьте их командой
// `cargo test -p exercises --features ru --test ch07`, а свой прогресс — командой
// `cargo xtask exercises --language ru`.

use nn_from_scratch::data::{Dataset, Normalisation};
use nn_from_scratch::datasets;
use nn_from_scratch::metrics::Confusion;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Упражнение 7.1 (напишите код): среднее списка и его стандартное отклонение (по всей
/// совокупности).
pub fn mean_and_sd(values: &[f64]) -> (f64, f64) {
    todo!("среднее и квадратный корень из среднего квадрата расстояния до него")
}

/// Упражнение 7.2 (вручную, с допуском 0.000001): точность классификатора, который назвал
/// 40 женщин женщинами, 10 женщин мужчинами, 5 мужчин женщинами и 45 мужчин мужчинами.
pub const ACCURACY_BY_HAND: f64 = f64::NAN;

/// Упражнение 7.3 (эксперимент): первая попытка из главы на исходных фунтах и дюймах, даже без
/// сдвига: окажется ли она лучше ответа «всегда более частый пол»? Сначала сделайте прогноз:
/// Some(true) или Some(false).
pub const BEATS_MAJORITY_PREDICTION: Option<bool> = None;

/// Упражнение 7.3: затем проверьте прогноз запуском: точность на тестовой выборке (NaN, если
/// обучение не удалось).
pub fn accuracy_without_shift() -> f64 {
    todo!("первая попытка из главы с Normalisation {{ offset: [0.0, 0.0], scale: [1.0, 1.0] }}")
}
