//! The Rust side of `cargo xtask digits`: the chapter "Ten answers: softmax"'s network on the
//! handwritten digits (`data/digits.csv`, embedded in the crate), on the same seeded splits that
//! the xtask hands to scikit-learn (`bench/digits_sklearn.py`), and the small model file the
//! draw-a-digit widget embeds. A bench binary (`harness = false`) so that it runs optimised.
//!
//! ```text
//! cargo bench --bench digits -- splits OUT.json     the splits, our accuracy on each, the settings
//! cargo bench --bench digits -- model OUT.json      the widget's model (trained on every digit)
//! cargo bench --bench digits -- check-model FILE    FILE is what `model` writes, byte for byte
//! ```
//!
//! The network and its training, chosen once and documented in the chapter's table
//! ([`SETTINGS`]): 64 inputs (the pixels, standardised over the training rows), one hidden layer
//! of [`HIDDEN`] ReLU neurons, a softmax output of ten, trained on the cross-entropy by Adam
//! (learning rate [`LEARN_RATE`]) for [`EPOCHS`] epochs of mini-batches of [`BATCH`], shuffled.
//! Each split `s` of [`SPLIT_SEEDS`] holds out a quarter of the digits
//! ([`datasets::split_indices`] with seed `s`) and starts the network from seed `s`.

use std::path::Path;
use std::time::Instant;

use nn_from_scratch::classifier::Classifier;
use nn_from_scratch::datasets::{self, split_indices};
use nn_from_scratch::mlp::{Activation, FitConfig, Loss, Mlp, Output};
use nn_from_scratch::optimizer::Optimizer;
use nn_from_scratch::table::{Scaling, Table};
use serde_json::{Value, json};

/// The hidden layer's width: the chapter's network.
const HIDDEN: usize = 64;
/// Also measured, for comparison: the width of scikit-learn's MLP in the table.
const NARROW: usize = 32;
/// Passes over the training digits.
const EPOCHS: usize = 60;
/// Digits per mini-batch.
const BATCH: usize = 32;
/// Adam's learning rate.
const LEARN_RATE: f64 = 0.001;
/// The fraction of the digits held out in each split.
const TEST_FRACTION: f64 = 0.25;
/// The seeds of the five splits (and of each run's starting parameters and shuffling).
const SPLIT_SEEDS: [u64; 5] = [1, 2, 3, 4, 5];
/// The seed of the widget's model.
const MODEL_SEED: u64 = 42;

/// The settings, as the results file records them.
fn settings() -> Value {
    json!({
        "layers": [64, HIDDEN, 10],
        "narrow_layers": [64, NARROW, 10],
        "hidden": Activation::Relu.name(),
        "hidden_label": Activation::Relu.label(),
        "output": Output::Softmax.name(),
        "loss": Loss::CrossEntropy.name(),
        "optimizer": "adam",
        "learn_rate": LEARN_RATE,
        "epochs": EPOCHS,
        "batch_size": BATCH,
        "shuffle": true,
        "normalisation": "standardise",
        "test_fraction": TEST_FRACTION,
    })
}

/// Alias for the documentation's link.
#[allow(dead_code)]
const SETTINGS: () = ();

/// The chapter's network, with `hidden` neurons in its hidden layer, trained on `train` from
/// `seed`: the classifier, and the seconds taken.
fn train(train: &Table, hidden: usize, seed: u64) -> Result<(Classifier, f64), String> {
    let scaling = Scaling::standardise(&train.rows).map_err(|e| e.to_string())?;
    let inputs: Vec<Vec<f64>> = train.rows.iter().map(|r| scaling.apply(r)).collect();
    let labels = train.label_values();
    let sizes = [train.features.len(), hidden, train.classes.len()];
    let mut mlp =
        Mlp::new(&sizes, Activation::Relu, Output::Softmax, seed).map_err(|e| e.to_string())?;
    let config = FitConfig {
        epochs: EPOCHS,
        batch_size: BATCH,
        shuffle: true,
        seed,
        loss: Loss::CrossEntropy,
        optimizer: Optimizer::adam(LEARN_RATE),
        log_every: EPOCHS,
    };
    let start = Instant::now();
    mlp.fit(&inputs, &labels, &config, |_| {})
        .map_err(|e| e.to_string())?;
    let seconds = start.elapsed().as_secs_f64();
    let c = Classifier::new(train.features.clone(), train.classes.clone(), scaling, mlp)
        .map_err(|e| e.to_string())?;
    Ok((c, seconds))
}

/// The fraction of `test`'s rows `c` classifies right.
fn accuracy(c: &Classifier, test: &Table) -> Result<f64, String> {
    let got = c.classify(&test.rows).map_err(|e| e.to_string())?;
    let right = got.iter().zip(&test.labels).filter(|(a, b)| a == b).count();
    Ok(right as f64 / test.rows.len() as f64)
}

/// Every split, with our accuracy on it.
fn splits() -> Result<Value, String> {
    let digits = datasets::digits();
    let mut out = Vec::new();
    for seed in SPLIT_SEEDS {
        let (train_i, test_i) =
            split_indices(digits.rows.len(), TEST_FRACTION, seed).map_err(|e| e.to_string())?;
        let (train_t, test_t) = (digits.select(&train_i), digits.select(&test_i));
        let (c, seconds) = train(&train_t, HIDDEN, seed)?;
        let acc = accuracy(&c, &test_t)?;
        let (narrow, narrow_seconds) = train(&train_t, NARROW, seed)?;
        let narrow_acc = accuracy(&narrow, &test_t)?;
        eprintln!(
            "split {seed}: accuracy {acc:.4} ({seconds:.2} s), hidden {NARROW}: {narrow_acc:.4}"
        );
        out.push(json!({
            "seed": seed, "train": train_i, "test": test_i,
            "ours": {"accuracy": acc, "seconds": seconds},
            "ours_narrow": {"accuracy": narrow_acc, "seconds": narrow_seconds},
        }));
    }
    Ok(json!({"settings": settings(), "splits": out}))
}

/// The widget's model: the chapter's network trained on every digit, from [`MODEL_SEED`], as a
/// table model file (`nn_from_scratch::classifier::Classifier`, which `predict --data` reads).
fn model() -> Result<String, String> {
    let digits = datasets::digits();
    let (c, _) = train(&digits, HIDDEN, MODEL_SEED)?;
    // Compact JSON (the widget embeds it): about 100 KB rather than 140 KB pretty-printed.
    Ok(serde_json::to_string(&c).map_err(|e| e.to_string())? + "\n")
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["splits", out] => splits().and_then(|v| write(Path::new(out), &v.to_string())),
        ["model", out] => model().and_then(|m| write(Path::new(out), &m)),
        ["check-model", file] => model().and_then(|m| {
            let committed = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
            if committed == m {
                Ok(())
            } else {
                Err(format!(
                    "{file} is not what `model` makes now; run cargo xtask digits --model"
                ))
            }
        }),
        _ => Err("usage: digits splits OUT.json | model OUT.json | check-model FILE".to_string()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}
