use super::*;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Mlp;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Exercise 8.1: a 2-4-4-1 network of sigmoids drawn from `seed`, for 3 random seeds.
pub fn deep_network(f: impl Fn(u64) -> Mlp) -> Verdict {
    let mut draw = Draw::new();
    for seed in [draw.next_u64(), draw.next_u64(), draw.next_u64()] {
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
            return wrong("deep_network(seed) is not drawn from its `seed`".into());
        }
    }
    Ok(())
}

/// Exercise 8.2: how many weights and biases a 2-4-4-1 network has.
pub fn param_count(answer: Option<usize>) -> Verdict {
    let Some(n) = answer else {
        return wrong(format!(
            "{}: {}",
            crate::words::word("not_implemented", &[]),
            crate::words::word("count_none", &["PARAM_COUNT"])
        ));
    };
    let want = Mlp::param_count(&[2, 4, 4, 1]);
    if n != want {
        let way = if n > want { "large" } else { "small" };
        return wrong(format!(
            "PARAM_COUNT = Some({n}) is too {way}: count each layer's weights and biases again; \
             see the hint"
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
    if got.len() != want.len() {
        return wrong(format!(
            "final_losses() gives {} losses: one for each seed 0 to 9, please",
            got.len()
        ));
    }
    for (seed, (g, w)) in got.iter().zip(&want).enumerate() {
        if !near(*g, *w, 1e-9) {
            return wrong(format!(
                "final_losses()[{seed}] (seed {seed}) {}",
                off(*g, *w)
            ));
        }
    }
    let above = want.iter().filter(|l| **l >= 0.01).count();
    compare(
        "ALL_SEEDS_PREDICTION",
        p,
        above == 0,
        &format!(
            "{above} of the 10 seeds end with a loss of 0.01 or more (your final_losses() shows which)"
        ),
    )
}
