use super::*;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::loss;
use nn_from_scratch::optimizer::{Optimizer, OptimizerState};

/// Exercise 9.1: five momentum steps on three parameters, as the crate's optimizer takes them,
/// from random parameters, gradients, learning rate (0.01 to 0.5) and beta (0.5 to 0.99).
pub fn momentum_step(f: impl Fn(&mut [f64], &mut [f64], &[f64], f64, f64)) -> Verdict {
    let mut draw = Draw::new();
    let (learn_rate, beta) = (draw.uniform(0.01, 0.5), draw.uniform(0.5, 0.99));
    let mut state = OptimizerState::new(Optimizer::Momentum { learn_rate, beta }, 3)
        .map_err(|e| Wrong(e.to_string()))?;
    let mut want: [f64; 3] = std::array::from_fn(|_| draw.uniform(-2.0, 2.0));
    let (mut got, mut velocity) = (want, [0.0; 3]);
    let steps = 5;
    for step in 1..=steps {
        let grads: [f64; 3] = std::array::from_fn(|_| draw.uniform(-1.0, 1.0));
        state
            .step(&mut want, &grads)
            .map_err(|e| Wrong(e.to_string()))?;
        call(|| f(&mut got, &mut velocity, &grads, learn_rate, beta))?;
        if let Some(i) = (0..3).find(|&i| !near(got[i], want[i], 1e-12)) {
            let off = off(got[i], want[i]);
            return wrong(word("momentum_off", &[&step, &steps, &i, &off]));
        }
    }
    Ok(())
}

/// Exercise 9.2: tanh's derivative from its output `y`, at 20 random outputs from -0.99 to 0.99.
pub fn tanh_derivative(f: impl Fn(f64) -> f64) -> Verdict {
    let mut draw = Draw::new();
    let points: Vec<f64> = (0..20).map(|_| draw.uniform(-0.99, 0.99)).collect();
    same_function(
        "tanh_derivative(y)",
        &points,
        f,
        |y| Activation::Tanh.derivative(y),
        1e-12,
    )
}

/// Exercise 9.3: the binary cross-entropy of the prediction 0.8 for the label 1, to 0.0001.
pub fn bce_by_hand(answer: f64) -> Verdict {
    by_hand(
        "BCE_BY_HAND",
        answer,
        loss::bce(&[1.0], &[0.8]).unwrap_or(f64::NAN),
        1e-4,
    )
}
