//! The Rust side of `cargo xtask bench`: times the crate's training and inference and prints the
//! results as one JSON object on stdout. A bench binary of its own (`harness = false`, feature
//! `plot` for its chart), driven by the xtask, which runs the Python programs of `bench/` on the
//! same data and draws the table.
//!
//! ```text
//! cargo bench --features plot --bench speed -- --dir DIR [--shapes 2-2-1,2-16-1,2-64-64-1]
//!     [--train-n 100000] [--scaling 1000,10000,100000,1000000] [--scaling-shape 2-16-1]
//!     [--infer-n 1000000] [--check-n 1000] [--predict-chunk 32] [--min-time 1.0] [--min-runs 3]
//! cargo bench --features plot --bench speed -- report RESULTS_JSON [OUT_DIR]
//! ```
//!
//! The second form checks that the programs `cargo xtask bench` ran agree, prints the tables, and
//! writes them with the chart of the chapter "How fast is it?" (see `report.rs`, `chart.rs`).
//!
//! It first writes into `DIR` what the Python side reads, so both sides work on the SAME data:
//!
//! - `people-N.f64`: `N` synthetic people ([`synthetic_people`] with seed [`DATA_SEED`]), as
//!   little-endian `f64` triples `(weight input, height input, label)`, already standardised;
//! - `init-SHAPE.f64`: the starting parameters of the network of that shape (seed [`NET_SEED`])
//!   in the crate's flat layout, layer after layer, each `W` (row-major, one row per neuron) then
//!   `b`;
//! - `tutorial-init.json`: the tutorial network's nine starting parameters;
//! - `settings.json`: the settings every implementation trains with (the mini-batch [`BATCH`],
//!   the learning rate [`LEARN_RATE`], the shuffling's seed [`SHUFFLE_SEED`], the digits'
//!   network [`DIGITS_SHAPE`]), declared here only;
//! - `digits.f64`: the 1,797 handwritten digits (`datasets::digits`), each its 64 pixels
//!   standardised over all of them and its digit, 65 little-endian `f64`s per row, for the epoch
//!   on the digits ([`DIGITS_SHAPE`], ReLU, softmax, cross-entropy).
//!
//! Last it measures the machine's limits (`peak.rs`): the peak of one core's multiply-adds and its
//! read bandwidth, for the chapter's roofline.
//!
//! Every timing is the median of repeated runs after one untimed warm-up run: runs repeat until
//! they add up to `--min-time` seconds and number at least `--min-runs`.

mod chart;
mod peak;
mod report;

use std::fs;
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use nn_from_scratch::data::Dataset;
use nn_from_scratch::datasets::synthetic_people;
use nn_from_scratch::limits::sizes_text;
use nn_from_scratch::mlp::Activation;
use nn_from_scratch::mlp::Loss;
use nn_from_scratch::mlp::{FitConfig, Mlp, Output, Trainer, Workspace};
use nn_from_scratch::network::Network;
use nn_from_scratch::optimizer::Optimizer;
use nn_from_scratch::table::Scaling;
use nn_from_scratch::training::{TrainConfig, train};
use serde_json::{Value, json};

/// Seed of the synthetic people.
const DATA_SEED: u64 = 2024;
/// Seed of every network's starting parameters.
const NET_SEED: u64 = 42;
/// The mini-batch of the MLP comparison.
const BATCH: usize = 32;
/// The learning rate of the MLP comparison (plain SGD, binary cross-entropy, sigmoid layers).
const LEARN_RATE: f64 = 0.1;
/// The seed of the shuffling.
const SHUFFLE_SEED: u64 = 1;
/// The digits' network: the chapter "Ten answers: softmax"'s shape, a ReLU hidden layer and a
/// softmax output, trained like the people's (batches of [`BATCH`], plain SGD at
/// [`LEARN_RATE`]) on the cross-entropy.
const DIGITS_SHAPE: [usize; 3] = [64, 64, 10];
/// Batches of predictions: the workspace capacity of the inference benchmark (the training batch:
/// larger chunks put the rows of a layer kilobytes apart, where they crowd the same cache sets).
const PREDICT_CHUNK: usize = 32;

struct Args {
    dir: PathBuf,
    shapes: Vec<Vec<usize>>,
    train_n: usize,
    scaling: Vec<usize>,
    scaling_shape: Vec<usize>,
    infer_n: usize,
    check_n: usize,
    predict_chunk: usize,
    min_time: f64,
    min_runs: usize,
}

fn parse_shape(s: &str) -> Result<Vec<usize>, String> {
    s.split('-')
        .map(|n| n.parse().map_err(|e| format!("bad shape {s}: {e}")))
        .collect()
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        dir: PathBuf::new(),
        shapes: vec![vec![2, 2, 1], vec![2, 16, 1], vec![2, 64, 64, 1]],
        train_n: 100_000,
        scaling: vec![1_000, 10_000, 100_000, 1_000_000],
        scaling_shape: vec![2, 16, 1],
        infer_n: 1_000_000,
        check_n: 1_000,
        predict_chunk: PREDICT_CHUNK,
        min_time: 1.0,
        min_runs: 3,
    };
    let mut it = std::env::args().skip(1);
    let num = |v: Option<String>, what: &str| -> Result<f64, String> {
        v.ok_or(format!("{what} needs a value"))?
            .parse()
            .map_err(|e| format!("{what}: {e}"))
    };
    while let Some(flag) = it.next() {
        match flag.as_str() {
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            "--dir" => args.dir = PathBuf::from(it.next().ok_or("--dir needs a value")?),
            "--shapes" => {
                let v = it.next().ok_or("--shapes needs a value")?;
                args.shapes = v.split(',').map(parse_shape).collect::<Result<_, _>>()?;
            }
            "--scaling" => {
                let v = it.next().ok_or("--scaling needs a value")?;
                args.scaling = v
                    .split(',')
                    .map(|n| n.parse().map_err(|e| format!("--scaling: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            "--scaling-shape" => {
                args.scaling_shape =
                    parse_shape(&it.next().ok_or("--scaling-shape needs a value")?)?
            }
            "--train-n" => args.train_n = num(it.next(), "--train-n")? as usize,
            "--infer-n" => args.infer_n = num(it.next(), "--infer-n")? as usize,
            "--check-n" => args.check_n = num(it.next(), "--check-n")? as usize,
            "--predict-chunk" => args.predict_chunk = num(it.next(), "--predict-chunk")? as usize,
            "--min-time" => args.min_time = num(it.next(), "--min-time")?,
            "--min-runs" => args.min_runs = num(it.next(), "--min-runs")? as usize,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.dir.as_os_str().is_empty() {
        return Err("--dir DIR is required".into());
    }
    Ok(args)
}

/// Runs `f` once untimed, then until the runs add up to `min_time` seconds and number at least
/// `min_runs`; returns the median and the fastest run in seconds, and the number of runs.
fn measure(min_time: f64, min_runs: usize, mut f: impl FnMut()) -> Value {
    f();
    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < min_runs.max(1) || start.elapsed().as_secs_f64() < min_time {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    json!({
        "seconds": times[times.len() / 2],
        "min_seconds": times[0],
        "runs": times.len(),
    })
}

/// Writes `values` as little-endian `f64`s.
fn write_f64s(path: &Path, values: impl Iterator<Item = f64>) -> Result<(), String> {
    let mut bytes = Vec::new();
    for v in values {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    let mut file =
        fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(&bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn write_people(dir: &Path, data: &Dataset) -> Result<(), String> {
    let path = dir.join(format!("people-{}.f64", data.len()));
    let triples = data
        .inputs
        .iter()
        .zip(&data.labels)
        .flat_map(|(x, &y)| [x[0], x[1], y]);
    write_f64s(&path, triples)
}

/// The network every comparison starts from: sigmoid hidden and output layers, seed [`NET_SEED`].
fn network(sizes: &[usize]) -> Result<Mlp, String> {
    Mlp::new(sizes, Activation::Sigmoid, Activation::Sigmoid, NET_SEED).map_err(|e| e.to_string())
}

/// The MLP comparison's settings: mini-batch SGD on binary cross-entropy, shuffled (or not).
fn mlp_config(shuffle: bool) -> FitConfig {
    FitConfig {
        epochs: 1,
        batch_size: BATCH,
        shuffle,
        seed: SHUFFLE_SEED,
        loss: Loss::Bce,
        optimizer: Optimizer::sgd(LEARN_RATE),
        log_every: 1,
    }
}

/// The digits, standardised, as rows and class numbers; written to `digits.f64` for the Python
/// side, with the digits network's start (`init-64-64-10.f64`).
fn digits_data(dir: &Path) -> Result<(Vec<Vec<f64>>, Vec<f64>), String> {
    let digits = nn_from_scratch::datasets::digits();
    let scaling = Scaling::standardise(&digits.rows).map_err(|e| e.to_string())?;
    let rows: Vec<Vec<f64>> = digits.rows.iter().map(|r| scaling.apply(r)).collect();
    let labels = digits.label_values();
    let values = rows
        .iter()
        .zip(&labels)
        .flat_map(|(r, &y)| r.iter().copied().chain([y]));
    write_f64s(&dir.join("digits.f64"), values)?;
    let init = dir.join(format!("init-{}.f64", sizes_text(&DIGITS_SHAPE)));
    write_f64s(&init, digits_network()?.params().iter().copied())?;
    Ok((rows, labels))
}

/// The digits' network at its start (seed [`NET_SEED`]).
fn digits_network() -> Result<Mlp, String> {
    Mlp::new(&DIGITS_SHAPE, Activation::Relu, Output::Softmax, NET_SEED).map_err(|e| e.to_string())
}

/// One epoch on the digits, timed (shuffled), and the loss after one unshuffled epoch.
fn digits_epoch(dir: &Path, args: &Args) -> Result<Value, String> {
    let (rows, labels) = digits_data(dir)?;
    let config = |shuffle| FitConfig {
        loss: Loss::CrossEntropy,
        ..mlp_config(shuffle)
    };
    let mut mlp = digits_network()?;
    let mut trainer = Trainer::new(&mlp, config(true)).map_err(|e| e.to_string())?;
    let mut result = Ok(());
    let mut timing = measure(args.min_time, args.min_runs, || {
        if result.is_ok() {
            result = trainer.train_epoch(&mut mlp, &rows, &labels);
        }
    });
    result.map_err(|e| e.to_string())?;
    timing["shape"] = json!(sizes_text(&DIGITS_SHAPE));
    timing["n"] = json!(rows.len());
    let mut mlp = digits_network()?;
    let mut trainer = Trainer::new(&mlp, config(false)).map_err(|e| e.to_string())?;
    let check = trainer
        .train_epoch(&mut mlp, &rows, &labels)
        .and_then(|()| trainer.dataset_loss(&mlp, &rows, &labels))
        .map_err(|e| e.to_string())?;
    Ok(json!({"epoch": timing, "check": {"loss": check}}))
}

/// The seconds of one training epoch of a fresh network of shape `sizes` on `data`.
fn time_epoch(sizes: &[usize], data: &Dataset, args: &Args) -> Result<Value, String> {
    let mut mlp = network(sizes)?;
    let mut trainer = Trainer::new(&mlp, mlp_config(true)).map_err(|e| e.to_string())?;
    let mut result = Ok(());
    let mut timing = measure(args.min_time, args.min_runs, || {
        if result.is_ok() {
            result = trainer.train_epoch(&mut mlp, &data.inputs, &data.labels);
        }
    });
    result.map_err(|e| e.to_string())?;
    timing["shape"] = json!(sizes_text(sizes));
    timing["n"] = json!(data.len());
    Ok(timing)
}

fn run(args: &Args) -> Result<Value, String> {
    fs::create_dir_all(&args.dir)
        .map_err(|e| format!("cannot create {}: {e}", args.dir.display()))?;

    // The data, shared with the Python side.
    let mut sizes: Vec<usize> = vec![args.train_n, args.infer_n, args.check_n];
    sizes.extend(&args.scaling);
    sizes.sort_unstable();
    sizes.dedup();
    let mut datasets = Vec::new();
    for &n in &sizes {
        let data = synthetic_people(n, DATA_SEED);
        write_people(&args.dir, &data)?;
        datasets.push(data);
    }
    let dataset = |n: usize| &datasets[sizes.binary_search(&n).expect("generated above")];
    let mut all_shapes = args.shapes.clone();
    all_shapes.push(args.scaling_shape.clone());
    for sizes in &all_shapes {
        let path = args.dir.join(format!("init-{}.f64", sizes_text(sizes)));
        write_f64s(&path, network(sizes)?.params().iter().copied())?;
    }

    let settings = json!({
        "batch": BATCH,
        "learn_rate": LEARN_RATE,
        "shuffle_seed": SHUFFLE_SEED,
        "digits_shape": DIGITS_SHAPE,
    });
    fs::write(args.dir.join("settings.json"), settings.to_string())
        .map_err(|e| format!("cannot write settings.json: {e}"))?;

    // 1. The tutorial: 4 people, 1000 epochs, the loss every 10 epochs.
    let tutorial_data = Dataset::tutorial();
    let start = Network::random(NET_SEED);
    let init: Vec<f64> = start.to_array().to_vec();
    fs::write(
        args.dir.join("tutorial-init.json"),
        serde_json::to_string(&init).expect("numbers serialise"),
    )
    .map_err(|e| format!("cannot write tutorial-init.json: {e}"))?;
    let config = TrainConfig::default();
    let mut final_loss = f64::NAN;
    let mut network_timing = measure(args.min_time, args.min_runs, || {
        let mut net = start;
        let history = train(&mut net, &tutorial_data, &config, |_| {}).expect("trains");
        final_loss = black_box(history.last().expect("100 records").loss);
    });
    network_timing["final_loss"] = json!(final_loss);
    let mut mlp_loss = f64::NAN;
    let mut mlp_timing = measure(args.min_time, args.min_runs, || {
        let mut mlp = Mlp::from_tutorial(&start);
        let history = mlp
            .fit_dataset(&tutorial_data, &FitConfig::default(), |_| {})
            .expect("trains");
        mlp_loss = black_box(history.last().expect("100 records").loss);
    });
    mlp_timing["final_loss"] = json!(mlp_loss);

    // 2. One epoch of mini-batch SGD for each shape.
    let mut epochs = Vec::new();
    for sizes in &args.shapes {
        eprintln!(
            "speed: one epoch, {} on {}",
            sizes_text(sizes),
            args.train_n
        );
        epochs.push(time_epoch(sizes, dataset(args.train_n), args)?);
    }

    // 3. Predictions for many people at once.
    let mut inference = Vec::new();
    let people = dataset(args.infer_n);
    for sizes in &args.shapes {
        eprintln!(
            "speed: predictions, {} on {}",
            sizes_text(sizes),
            args.infer_n
        );
        let mlp = network(sizes)?;
        let mut ws = Workspace::new(&mlp, args.predict_chunk).map_err(|e| e.to_string())?;
        let mut out = vec![0.0; people.len()];
        let mut timing = measure(args.min_time, args.min_runs, || {
            mlp.predict_batch(&mut ws, &people.inputs, &mut out)
                .expect("valid data");
            black_box(&out);
        });
        timing["shape"] = json!(sizes_text(sizes));
        timing["n"] = json!(people.len());
        inference.push(timing);
    }

    // 4. How one epoch's cost grows with the dataset.
    let mut scaling = Vec::new();
    for &n in &args.scaling {
        eprintln!(
            "speed: one epoch, {} on {n}",
            sizes_text(&args.scaling_shape)
        );
        scaling.push(time_epoch(&args.scaling_shape, dataset(n), args)?);
    }

    // 5. The same algorithm as the Python side: without shuffling, from the same start, one
    // epoch must end at the same loss everywhere.
    let mut check = Vec::new();
    for sizes in &args.shapes {
        let data = dataset(args.check_n);
        let mut mlp = network(sizes)?;
        let config = mlp_config(false);
        let mut trainer = Trainer::new(&mlp, config).map_err(|e| e.to_string())?;
        trainer
            .train_epoch(&mut mlp, &data.inputs, &data.labels)
            .map_err(|e| e.to_string())?;
        let loss = trainer
            .dataset_loss(&mlp, &data.inputs, &data.labels)
            .map_err(|e| e.to_string())?;
        check.push(json!({"shape": sizes_text(sizes), "n": data.len(), "loss": loss}));
    }

    // 6. One epoch on the handwritten digits (64-64-10, softmax), and its check.
    eprintln!(
        "speed: one epoch, {} on the digits",
        sizes_text(&DIGITS_SHAPE)
    );
    let digits = digits_epoch(&args.dir, args)?;

    // 7. The machine's limits: the peak of its multiply-add units and its memory.
    eprintln!("speed: the machine's peak");
    let peak = peak::measure(args.min_time == 0.0);

    Ok(json!({
        "implementation": "rust",
        "peak": peak,
        "tutorial": {"network": network_timing, "mlp": mlp_timing},
        "epoch": epochs,
        "inference": inference,
        "scaling": scaling,
        "check": check,
        "digits": digits,
        "settings": {
            "batch": BATCH,
            "learn_rate": LEARN_RATE,
            "predict_chunk": args.predict_chunk,
            "data_seed": DATA_SEED,
            "net_seed": NET_SEED,
        },
    }))
}

/// `chart RESULTS_JSON OUT_SVG` (with `cargo bench`'s own `--bench` left out), if that is the
/// command line.
/// `report RESULTS_JSON [OUT_DIR]`, when those are the arguments.
fn report_args() -> Option<Result<(PathBuf, Option<PathBuf>), String>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.split_first() {
        Some((command, rest)) if command == "report" => Some(match rest {
            [results] => Ok((PathBuf::from(results), None)),
            [results, out] => Ok((PathBuf::from(results), Some(PathBuf::from(out)))),
            _ => Err("usage: speed report RESULTS_JSON [OUT_DIR]".to_string()),
        }),
        _ => None,
    }
}

fn main() {
    if let Some(paths) = report_args() {
        if let Err(e) = paths.and_then(|(results, out)| report::run(&results, out.as_deref())) {
            eprintln!("speed report: {e}");
            std::process::exit(2);
        }
        return;
    }
    let result = parse_args().and_then(|args| run(&args));
    match result {
        Ok(value) => println!("{value}"),
        Err(e) => {
            eprintln!("speed: {e}");
            std::process::exit(2);
        }
    }
}
