// Chapter 5, solved.

// ANCHOR: gradient_step
/// One step: every partial derivative first, then each parameter moves against its slope.
pub fn gradient_step(
    net: &mut nn_from_scratch::network::Network,
    x: [f64; 2],
    y_true: f64,
    learn_rate: f64,
) {
    use nn_from_scratch::backprop::backprop;
    use nn_from_scratch::network::Network;
    // The same step as sgd_step in the chapter, its nine lines written as one loop: the
    // parameters and their partial derivatives as two arrays in the same order (w1..w6,
    // b1..b3), so each parameter p meets its own partial g.
    let slopes = backprop(net, x, y_true).gradients.to_array();
    let mut params = net.to_array();
    for (p, g) in params.iter_mut().zip(slopes) {
        *p -= learn_rate * g;
    }
    *net = Network::from_array(params);
}
// ANCHOR_END: gradient_step

// ANCHOR: w5_after_one_step
/// w5 - η ∂L/∂w5 = 1 - 0.1 · (-0.011269) = 1.0011269 (∂L/∂w5 from exercise 4.1, to more digits).
pub const W5_AFTER_ONE_STEP: f64 = 1.001127;
// ANCHOR_END: w5_after_one_step

// ANCHOR: best_learn_rate
/// 10, surprisingly: the final losses are about 0.066 at 0.01 (still learning: 1000 tiny steps
/// are not enough), 0.0002 at 1 and 0.00002 at 10. On four people whose loss valley is wide and
/// gentle, larger steps simply get further in 1000 epochs. "Too large" does exist: at 100 the
/// first steps drive the sigmoids flat and the loss sticks at 0.5.
pub const BEST_LEARN_RATE_PREDICTION: Option<f64> = Some(10.0);

/// The final loss over the four people after the chapter's run (seed 42, 1000 epochs) at
/// `learn_rate`; NaN if training diverges.
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
