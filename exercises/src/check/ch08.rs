use super::*;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Mlp;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Exercise 8.1: a 2-4-4-1 network of sigmoids drawn from `seed`.
pub fn deep_network(f: impl Fn(u64) -> Mlp) -> Verdict {
    for seed in [0, 42] {
        let got = call(|| f(seed))?;
        let want = Mlp::new(
            &[2, 4, 4, 1],
            Activation::Sigmoid,
            Activation::Sigmoid,
            seed,
        )
        .map_err(|e| Wrong(e.to_string()))?;
        if got.sizes() != want.sizes() {
            return wrong(format!(
                "the layer sizes are {:?}, not [2, 4, 4, 1]",
                got.sizes()
            ));
        }
        if got.hidden_activation() != Activation::Sigmoid
            || got.output_activation() != Activation::Sigmoid
        {
            return wrong("every layer's activation should be the sigmoid".into());
        }
        if got.params() != want.params() {
            return wrong(format!(
                "deep_network({seed}) is not drawn from seed {seed}"
            ));
        }
    }
    Ok(())
}

/// Exercise 8.2: how many weights and biases a 2-4-4-1 network has.
pub fn param_count(answer: Option<usize>) -> Verdict {
    let Some(n) = answer else {
        return wrong(
            "not yet implemented: PARAM_COUNT is still None; count, then write Some(n)".into(),
        );
    };
    let want = Mlp::param_count(&[2, 4, 4, 1]);
    if n != want {
        return wrong(format!(
            "PARAM_COUNT = Some({n}) is not the count; see the hint"
        ));
    }
    Ok(())
}

/// The final loss of the tutorial's run (1000 epochs at 0.1) from each seed 0 to 9.
pub fn losses_by_seed() -> Vec<f64> {
    let dataset = Dataset::tutorial();
    (0..10)
        .map(|seed| {
            let mut net = Network::random(seed);
            let ok = training::train(&mut net, &dataset, &TrainConfig::default(), |_| {});
            ok.and_then(|_| training::dataset_loss(&net, &dataset))
                .unwrap_or(f64::NAN)
        })
        .collect()
}

/// Exercise 8.3: do all ten seeds end with a loss below 0.01?
pub fn every_seed(prediction: Option<bool>, run: impl Fn() -> Vec<f64>) -> Verdict {
    let p = predicted("ALL_SEEDS_PREDICTION", prediction, &[true, false])?;
    let want = losses_by_seed();
    let got = call(&run)?;
    if got.len() != want.len() || got.iter().zip(&want).any(|(g, w)| !near(*g, *w, 1e-9)) {
        return wrong(format!(
            "final_losses() = {got:?}, but it should be {want:?}"
        ));
    }
    let all = want.iter().all(|l| *l < 0.01);
    let shown: Vec<String> = want.iter().map(|l| format!("{l:.4}")).collect();
    compare(
        "ALL_SEEDS_PREDICTION",
        p,
        all,
        &format!("the final losses are {}", shown.join(", ")),
    )
}
