// Глава 7: решения.

// ANCHOR: mean_and_sd
/// Среднее и стандартное отклонение по всей совокупности: квадратный корень из среднего
/// квадрата расстояния до среднего (с делением на n, как в `Normalisation::standardise`).
pub fn mean_and_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, variance.sqrt())
}
// ANCHOR_END: mean_and_sd

// ANCHOR: accuracy_by_hand
/// Верно определены 40 женщин + 45 мужчин = 85 из 100 человек, то есть 0.85.
pub const ACCURACY_BY_HAND: f64 = 0.85;
// ANCHOR_END: accuracy_by_hand

// ANCHOR: no_shift
/// Нет: её точность ровно та же, что у ответа «всегда более частый пол» (0.568). Исходные
/// значения веса (около 100 фунтов) и роста (около 60 дюймов) дают взвешенные суммы порядка
/// сотен, где сигмоида плоская, а её производная почти 0 (упражнение 1.3): скрытые нейроны
/// насыщаются, градиенты исчезают, и в итоге сеть всем даёт один и тот же ответ.
pub const BEATS_MAJORITY_PREDICTION: Option<bool> = Some(false);

/// Первая попытка из главы (зерно разбиения 1, четверть людей отложена, сеть 2-2-1 из зерна 42,
/// 1000 эпох при 0.1) на исходных фунтах и дюймах: её точность на отложенных людях.
pub fn accuracy_without_shift() -> f64 {
    use nn_from_scratch::data::{Dataset, Normalisation};
    use nn_from_scratch::datasets;
    use nn_from_scratch::metrics::Confusion;
    use nn_from_scratch::network::Network;
    use nn_from_scratch::training::{self, TrainConfig};
    let raw = Normalisation {
        offset: [0.0, 0.0],
        scale: [1.0, 1.0],
    };
    let (train_people, test_people) =
        datasets::train_test_split(&datasets::howell_adults(), 0.25, 1).expect("данные переписи разбиваются");
    let train_set = Dataset::from_people(&train_people, &raw).expect("в выборке есть оба пола");
    let mut net = Network::random(42);
    match training::train(&mut net, &train_set, &TrainConfig::default(), |_| {}) {
        Ok(_) => Confusion::evaluate(&|w, h| net.feedforward(raw.apply(w, h)), &test_people)
            .map_or(f64::NAN, |c| c.accuracy()),
        Err(_) => f64::NAN,
    }
}
// ANCHOR_END: no_shift
