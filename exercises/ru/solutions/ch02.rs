// Глава 2: решения.

// ANCHOR: feedforward
/// Сеть из примера статьи (у каждого нейрона веса [0, 1] и смещение 0), расписанная явно.
pub fn feedforward(x: [f64; 2]) -> f64 {
    use nn_from_scratch::activation::sigmoid;
    let h1 = sigmoid(0.0 * x[0] + 1.0 * x[1] + 0.0);
    let h2 = sigmoid(0.0 * x[0] + 1.0 * x[1] + 0.0);
    sigmoid(0.0 * h1 + 1.0 * h2 + 0.0)
}
// ANCHOR_END: feedforward

// ANCHOR: output_at_origin
/// h1 = h2 = f(0) = 0.5, поэтому o1 = f(0·0.5 + 1·0.5 + 0) = f(0.5) = 1 / (1 + e^-0.5) = 0.6225.
pub const OUTPUT_AT_ORIGIN: f64 = 0.6225;
// ANCHOR_END: output_at_origin

// ANCHOR: all_zero
/// Когда все веса равны 0, каждая взвешенная сумма при любом входе равна смещению, то есть 0:
/// каждый нейрон выдаёт f(0) = 0.5 для всех. Сеть ещё ничего не знает и так и говорит: «50 на 50».
pub const ALL_ZERO_PREDICTION: Option<f64> = Some(0.5);

/// Выходы сети из одних нулей для четырёх людей из статьи.
pub fn all_zero_outputs() -> Vec<f64> {
    use nn_from_scratch::data::Dataset;
    use nn_from_scratch::network::Network;
    let net = Network::uniform(0.0, 0.0);
    let mut outputs = Vec::new();
    for x in Dataset::tutorial().inputs {
        outputs.push(net.feedforward(x));
    }
    outputs
}
// ANCHOR_END: all_zero
