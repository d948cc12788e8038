use super::*;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::loss;
use nn_from_scratch::optimizer::{Optimizer, OptimizerState};

/// Exercise 9.1: five momentum steps on three parameters, as the crate's optimizer takes them.
pub fn momentum_step(f: impl Fn(&mut [f64], &mut [f64], &[f64], f64, f64)) -> Verdict {
    let (learn_rate, beta) = (0.1, 0.9);
    let mut state = OptimizerState::new(Optimizer::Momentum { learn_rate, beta }, 3)
        .map_err(|e| Wrong(e.to_string()))?;
    let (mut want, mut got, mut velocity) = ([1.0, -2.0, 0.5], [1.0, -2.0, 0.5], [0.0; 3]);
    for step in 1..=5 {
        let grads = [0.5, -1.0, 0.25 * step as f64];
        state
            .step(&mut want, &grads)
            .map_err(|e| Wrong(e.to_string()))?;
        call(|| f(&mut got, &mut velocity, &grads, learn_rate, beta))?;
        if got.iter().zip(want).any(|(g, w)| !near(*g, w, 1e-12)) {
            return wrong(format!(
                "after {step} step(s) the parameters are {got:?}, but they should be {want:?}"
            ));
        }
    }
    Ok(())
}

/// Exercise 9.2: tanh's derivative from its output `y`.
pub fn tanh_derivative(f: impl Fn(f64) -> f64) -> Verdict {
    let points: Vec<f64> = (-9..=9).map(|i| i as f64 * 0.1).collect();
    same_function(
        "tanh_derivative",
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
