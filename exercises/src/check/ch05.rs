use super::*;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Exercise 5.1: one SGD step, from random networks on each of the tutorial's people.
pub fn sgd_step(f: impl Fn(&mut Network, [f64; 2], f64, f64)) -> Verdict {
    let people = Dataset::tutorial();
    for seed in 0..5 {
        for (&x, &y) in people.inputs.iter().zip(&people.labels) {
            let (mut got, mut want) = (Network::random(seed), Network::random(seed));
            call(|| f(&mut got, x, y, 0.1))?;
            training::sgd_step(&mut want, x, y, 0.1);
            let far = got
                .to_array()
                .iter()
                .zip(want.to_array())
                .any(|(g, w)| !near(*g, w, 1e-12));
            if far {
                return wrong(format!(
                    "after sgd_step(Network::random({seed}), {x:?}, {y}, 0.1) the parameters \
                     are {:?}, but they should be {:?}",
                    got.to_array(),
                    want.to_array()
                ));
            }
        }
    }
    Ok(())
}

/// Exercise 5.2: w5 after one step on Alice from every weight 1 and bias 0, learning rate
/// 0.1, to 0.00001.
pub fn w5_after_one_step(answer: f64) -> Verdict {
    let (x, y) = super::ch04::alice();
    let mut net = Network::uniform(1.0, 0.0);
    training::sgd_step(&mut net, x, y, 0.1);
    by_hand("W5_AFTER_ONE_STEP", answer, net.w5, 1e-5)
}

/// The final loss of the chapter's run (seed 42, 1000 epochs) at this learning rate; NaN when
/// training diverges.
pub fn final_loss(learn_rate: f64) -> f64 {
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

/// Exercise 5.3: which of the learning rates 0.01, 1 and 10 ends with the lowest loss.
pub fn best_learn_rate(prediction: Option<f64>, run: impl Fn(f64) -> f64) -> Verdict {
    let rates = [0.01, 1.0, 10.0];
    let p = predicted("BEST_LEARN_RATE_PREDICTION", prediction, &rates)?;
    same_function("final_loss", &rates, &run, final_loss, 1e-9)?;
    let loss = |r: &f64| final_loss(*r);
    let best = rates
        .iter()
        .copied()
        .min_by(|a, b| loss(a).total_cmp(&loss(b)))
        .unwrap_or(1.0);
    let seen: Vec<String> = rates
        .iter()
        .map(|r| format!("{r}: {:.6}", loss(r)))
        .collect();
    compare(
        "BEST_LEARN_RATE_PREDICTION",
        p,
        best,
        &format!("the final losses are {}", seen.join(", ")),
    )
}
