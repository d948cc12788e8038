use super::*;
use nn_from_scratch::data::Dataset;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Mlp;
use nn_from_scratch::network::Network;
use nn_from_scratch::training::{self, TrainConfig};

/// Exercise 8.1: a 2-4-4-1 network of sigmoids drawn from `seed`, for 3 random seeds.
pub fn deep_network(f: impl Fn(u64) -> Mlp) -> Verdict {
    let mut draw = Draw::new();
    let sizes = [2, 4, 4, 1];
    for seed in [draw.next_u64(), draw.next_u64(), draw.next_u64()] {
        let got = call(|| f(seed))?;
        let want = Mlp::new(&sizes, Activation::Sigmoid, Activation::Sigmoid, seed)
            .map_err(|e| Wrong(e.to_string()))?;
        if got.sizes() != want.sizes() {
            let (got, want) = (format!("{:?}", got.sizes()), format!("{sizes:?}"));
            return wrong(word("layer_sizes", &[&got, &want]));
        }
        if got.hidden_activation() != Activation::Sigmoid
            || got.output_activation() != Activation::Sigmoid
        {
            return wrong(word("not_sigmoid", &[]));
        }
        if got.params() != want.params() {
            return wrong(word("not_from_seed", &[]));
        }
    }
    Ok(())
}

/// Exercise 8.2: how many weights and biases a 2-4-4-1 network has.
pub fn param_count(answer: Option<usize>) -> Verdict {
    let Some(n) = answer else {
        return wrong(format!(
            "{}: {}",
            word("not_implemented", &[]),
            word("count_none", &[&"PARAM_COUNT"])
        ));
    };
    let want = Mlp::param_count(&[2, 4, 4, 1]);
    if n != want {
        let key = if n > want {
            "count_large"
        } else {
            "count_small"
        };
        return wrong(word(key, &[&"PARAM_COUNT", &n]));
    }
    Ok(())
}

/// The seeds of exercise 8.3.
const SEEDS: std::ops::RangeInclusive<u64> = 0..=9;

/// The loss below which a run counts as trained, in exercise 8.3.
const TRAINED: f64 = 0.01;

/// The final loss of the tutorial's run (1000 epochs at 0.1) from each seed 0 to 9.
pub fn losses_by_seed() -> Vec<f64> {
    let dataset = Dataset::tutorial();
    SEEDS
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
        let (first, last) = (SEEDS.start(), SEEDS.end());
        return wrong(word("losses_count", &[&got.len(), first, last]));
    }
    for ((i, (g, w)), seed) in got.iter().zip(&want).enumerate().zip(SEEDS) {
        if !near(*g, *w, 1e-9) {
            return wrong(word("seed_off", &[&i, &seed, &off(*g, *w)]));
        }
    }
    let above = want.iter().filter(|l| **l >= TRAINED).count();
    compare(
        "ALL_SEEDS_PREDICTION",
        p,
        above == 0,
        &word("seeds_seen", &[&above, &want.len(), &TRAINED]),
    )
}
