// Глава 5: решения.

// ANCHOR: gradient_step
/// Один шаг: сначала все частные производные, затем каждый параметр сдвигается против своей
/// производной.
pub fn gradient_step(
    net: &mut nn_from_scratch::network::Network,
    x: [f64; 2],
    y_true: f64,
    learn_rate: f64,
) {
    use nn_from_scratch::backprop::backprop;
    use nn_from_scratch::network::Network;
    // Тот же шаг, что sgd_step в главе, только его девять строк записаны одним циклом:
    // параметры и их частные производные — два массива в одном порядке (w1..w6, b1..b3),
    // так что каждому параметру p достаётся его собственная частная производная g.
    let slopes = backprop(net, x, y_true).gradients.to_array();
    let mut params = net.to_array();
    for (p, g) in params.iter_mut().zip(slopes) {
        *p -= learn_rate * g;
    }
    *net = Network::from_array(params);
}
// ANCHOR_END: gradient_step

// ANCHOR: w5_after_one_step
/// w5 - η ∂L/∂w5 = 1 - 0.1 · (-0.011269) = 1.0011269 (∂L/∂w5 из упражнения 4.1, с большим числом
/// знаков).
pub const W5_AFTER_ONE_STEP: f64 = 1.001127;
// ANCHOR_END: w5_after_one_step

// ANCHOR: best_learn_rate
/// Как ни странно, 10: итоговые потери около 0.066 при 0.01 (сеть ещё учится: 1000 крошечных
/// шагов мало), 0.0002 при 1 и 0.00002 при 10. На четырёх людях долина потерь широкая и
/// пологая, и большие шаги просто уходят за 1000 эпох дальше. «Слишком большая» скорость всё
/// же бывает: при 100 первые же шаги уводят сигмоиды на плоские участки, и потери застревают
/// на 0.5.
pub const BEST_LEARN_RATE_PREDICTION: Option<f64> = Some(10.0);

/// Итоговые потери на четырёх людях после прогона из главы (зерно 42, 1000 эпох) при
/// `learn_rate`; NaN, если обучение расходится.
pub fn final_loss(learn_rate: f64) -> f64 {
    use nn_from_scratch::data::Dataset;
    use nn_from_scratch::network::Network;
    use nn_from_scratch::training::{self, TrainConfig};
    let dataset = Dataset::tutorial();
    let mut net = Network::random(42);
    let config = TrainConfig {
        learn_rate,
        ..TrainConfig::default()
    };
    match training::train(&mut net, &dataset, &config, |_| {}) {
        Ok(_) => training::dataset_loss(&net, &dataset).unwrap_or(f64::NAN),
        Err(_) => f64::NAN,
    }
}
// ANCHOR_END: best_learn_rate
