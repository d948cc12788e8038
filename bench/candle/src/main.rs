//! The general network's mini-batch SGD with candle (`candle-core` and `candle-nn`), the way a
//! Rust user would write it: tensors, autograd (`Var`, `backward`) and candle-nn's `SGD`. The same
//! algorithm as the crate's `Trainer` and `bench/numpy_mlp.py`: sigmoid hidden and output layers,
//! binary cross-entropy averaged over each mini-batch, plain SGD, a new random order every epoch,
//! in `f64`, from the crate's starting parameters; the mini-batch, the learning rate and the
//! shuffling's seed are bench/speed/main.rs's, read from the data folder (`settings.json`).
//!
//! Run by `cargo xtask bench --peers` with the data written by bench/speed/main.rs, with
//! `RAYON_NUM_THREADS=1` (candle's CPU matrix products run on as many threads as that says);
//! takes the same arguments as the Python programs and prints one JSON object with the same
//! fields (`epoch`, `inference`, `check`; no `scaling`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use candle_core::{DType, Device, Result, Tensor, Var};
use candle_nn::{Optimizer, SGD};
use serde_json::{Value, json};

/// Predictions are made on chunks of this many people (one matrix product per layer and chunk):
/// large enough that candle's fixed cost per operation does not count, small enough that a
/// 64-wide layer of the chunk stays in the cache.
const PREDICT_CHUNK: usize = 8192;

struct Args {
    dir: PathBuf,
    shapes: Vec<Vec<usize>>,
    train_n: usize,
    infer_n: usize,
    check_n: usize,
    min_time: f64,
    min_runs: usize,
    /// People per mini-batch (`settings.json`).
    batch: usize,
    /// The learning rate (`settings.json`).
    learn_rate: f64,
    /// The seed of the order of the people (`settings.json`).
    shuffle_seed: u64,
}

fn shape(s: &str) -> Vec<usize> {
    s.split('-')
        .map(|n| n.parse().expect("a shape like 2-16-1"))
        .collect()
}

fn shape_name(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

fn parse_args() -> Args {
    let mut args = Args {
        dir: PathBuf::new(),
        shapes: vec![shape("2-2-1"), shape("2-16-1"), shape("2-64-64-1")],
        train_n: 100_000,
        infer_n: 1_000_000,
        check_n: 1_000,
        min_time: 1.0,
        min_runs: 3,
        batch: 0,
        learn_rate: 0.0,
        shuffle_seed: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--dir" => args.dir = PathBuf::from(value),
            "--shapes" => args.shapes = value.split(',').map(shape).collect(),
            "--train-n" => args.train_n = value.parse().expect("--train-n"),
            "--infer-n" => args.infer_n = value.parse().expect("--infer-n"),
            "--check-n" => args.check_n = value.parse().expect("--check-n"),
            "--min-time" => args.min_time = value.parse().expect("--min-time"),
            "--min-runs" => args.min_runs = value.parse().expect("--min-runs"),
            "--scaling" | "--scaling-shape" => {}
            other => panic!("unknown argument {other}"),
        }
    }
    assert!(!args.dir.as_os_str().is_empty(), "--dir DIR is required");
    let path = args.dir.join("settings.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let settings: Value = serde_json::from_str(&text).expect("settings.json is JSON");
    let number = |key: &str| {
        (settings[key].as_f64()).unwrap_or_else(|| panic!("settings.json has no number {key}"))
    };
    args.batch = number("batch") as usize;
    args.learn_rate = number("learn_rate");
    args.shuffle_seed = number("shuffle_seed") as u64;
    args
}

fn read_f64s(path: &Path) -> Vec<f64> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    bytes
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
        .collect()
}

/// The `n` synthetic people: inputs (`n × 2`) and labels (`n × 1`), as tensors, and the labels.
fn people(dir: &Path, n: usize) -> Result<(Tensor, Tensor, Vec<f64>)> {
    let raw = read_f64s(&dir.join(format!("people-{n}.f64")));
    assert_eq!(
        raw.len(),
        3 * n,
        "people-{n}.f64 holds the wrong number of people"
    );
    let x: Vec<f64> = raw.chunks_exact(3).flat_map(|p| [p[0], p[1]]).collect();
    let y: Vec<f64> = raw.chunks_exact(3).map(|p| p[2]).collect();
    let dev = Device::Cpu;
    Ok((
        Tensor::from_vec(x, (n, 2), &dev)?,
        Tensor::from_slice(&y, (n, 1), &dev)?,
        y,
    ))
}

/// A network of sigmoid layers, `(W, b)` per layer with `W` of shape `n_out × n_in` (the
/// crate's layout), starting from the crate's parameters.
struct Mlp {
    layers: Vec<(Var, Var)>,
}

impl Mlp {
    fn new(dir: &Path, sizes: &[usize]) -> Result<Mlp> {
        let flat = read_f64s(&dir.join(format!("init-{}.f64", shape_name(sizes))));
        let (mut layers, mut at) = (Vec::new(), 0);
        for pair in sizes.windows(2) {
            let (n_in, n_out) = (pair[0], pair[1]);
            let w = Var::from_slice(&flat[at..at + n_out * n_in], (n_out, n_in), &Device::Cpu)?;
            at += n_out * n_in;
            let b = Var::from_slice(&flat[at..at + n_out], n_out, &Device::Cpu)?;
            at += n_out;
            layers.push((w, b));
        }
        assert_eq!(at, flat.len(), "parameter count does not fit the shape");
        Ok(Mlp { layers })
    }

    fn vars(&self) -> Vec<Var> {
        self.layers
            .iter()
            .flat_map(|(w, b)| [w.clone(), b.clone()])
            .collect()
    }

    /// The weighted sums of the output layer (the logits), one row per person.
    fn logits(&self, x: &Tensor) -> Result<Tensor> {
        let mut a = x.clone();
        for (l, (w, b)) in self.layers.iter().enumerate() {
            let z = a
                .matmul(&w.as_tensor().t()?)?
                .broadcast_add(b.as_tensor())?;
            a = if l + 1 < self.layers.len() {
                candle_nn::ops::sigmoid(&z)?
            } else {
                z
            };
        }
        Ok(a)
    }

    fn predict(&self, x: &Tensor) -> Result<Tensor> {
        candle_nn::ops::sigmoid(&self.logits(x)?)
    }
}

/// A small seeded generator (SplitMix64) for the order of the people.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// One epoch of mini-batch SGD on `x`, `y`, in a new random order when `rng` is given.
fn train_epoch(
    mlp: &Mlp,
    sgd: &mut SGD,
    batch: usize,
    x: &Tensor,
    y: &Tensor,
    rng: Option<&mut Rng>,
) -> Result<()> {
    let n = x.dim(0)?;
    let mut order: Vec<u32> = (0..n as u32).collect();
    if let Some(rng) = rng {
        for i in (1..n).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
    }
    for idx in order.chunks(batch) {
        let idx = Tensor::from_slice(idx, idx.len(), &Device::Cpu)?;
        let (xb, yb) = (x.index_select(&idx, 0)?, y.index_select(&idx, 0)?);
        let loss = candle_nn::loss::binary_cross_entropy_with_logit(&mlp.logits(&xb)?, &yb)?;
        sgd.backward_step(&loss)?;
    }
    Ok(())
}

fn predict_all(mlp: &Mlp, x: &Tensor) -> Result<Vec<f64>> {
    let n = x.dim(0)?;
    let mut out = Vec::with_capacity(n);
    for start in (0..n).step_by(PREDICT_CHUNK) {
        let chunk = x.narrow(0, start, PREDICT_CHUNK.min(n - start))?;
        out.extend(mlp.predict(&chunk)?.flatten_all()?.to_vec1::<f64>()?);
    }
    Ok(out)
}

/// The median and fastest of repeated runs after a warm-up run, like the bench binary's.
fn measure(args: &Args, mut f: impl FnMut() -> Result<()>) -> Result<Value> {
    f()?;
    let (mut times, start) = (Vec::new(), Instant::now());
    while times.len() < args.min_runs.max(1) || start.elapsed().as_secs_f64() < args.min_time {
        let t = Instant::now();
        f()?;
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    Ok(json!({"seconds": times[times.len() / 2], "min_seconds": times[0], "runs": times.len()}))
}

/// Binary cross-entropy averaged over the people, predictions clamped like the crate's.
fn bce(labels: &[f64], predictions: &[f64]) -> f64 {
    let sum: f64 = labels
        .iter()
        .zip(predictions)
        .map(|(&y, &p)| {
            let p = p.clamp(1e-12, 1.0 - 1e-12);
            -(y * p.ln() + (1.0 - y) * (1.0 - p).ln())
        })
        .sum();
    sum / labels.len() as f64
}

/// The version of candle-core this program was built with, from its lock file.
fn candle_version() -> String {
    let lock = include_str!("../Cargo.lock");
    let after = lock
        .split("name = \"candle-core\"\nversion = \"")
        .nth(1)
        .unwrap_or("?\"");
    after.split('"').next().unwrap_or("?").to_string()
}

/// For each shape of `args`: says `what` it does, builds the network and times `run` on it; the
/// timings, each with the shape and `n`, the people it ran on.
fn per_shape(
    args: &Args,
    what: &str,
    n: usize,
    mut run: impl FnMut(&Mlp) -> Result<Value>,
) -> Result<Vec<Value>> {
    let mut timings = Vec::new();
    for sizes in &args.shapes {
        eprintln!("candle: {what}, {} on {n}", shape_name(sizes));
        let mlp = Mlp::new(&args.dir, sizes)?;
        let mut timing = run(&mlp)?;
        timing["shape"] = json!(shape_name(sizes));
        timing["n"] = json!(n);
        timings.push(timing);
    }
    Ok(timings)
}

fn main() -> Result<()> {
    let args = parse_args();
    let (x, y, _) = people(&args.dir, args.train_n)?;
    let epoch = per_shape(&args, "one epoch", args.train_n, |mlp| {
        let mut sgd = SGD::new(mlp.vars(), args.learn_rate)?;
        let mut rng = Rng(args.shuffle_seed);
        measure(&args, || {
            train_epoch(mlp, &mut sgd, args.batch, &x, &y, Some(&mut rng))
        })
    })?;
    let (x, _, _) = people(&args.dir, args.infer_n)?;
    let inference = per_shape(&args, "predictions", args.infer_n, |mlp| {
        measure(&args, || {
            predict_all(mlp, &x).map(|p| drop(std::hint::black_box(p)))
        })
    })?;
    let mut check = Vec::new();
    let (x, y, labels) = people(&args.dir, args.check_n)?;
    for sizes in &args.shapes {
        let mlp = Mlp::new(&args.dir, sizes)?;
        let mut sgd = SGD::new(mlp.vars(), args.learn_rate)?;
        train_epoch(&mlp, &mut sgd, args.batch, &x, &y, None)?;
        let loss = bce(&labels, &predict_all(&mlp, &x)?);
        check.push(json!({"shape": shape_name(sizes), "n": args.check_n, "loss": loss}));
    }
    assert_eq!(x.dtype(), DType::F64);
    let result = json!({
        "implementation": "candle",
        "versions": {"candle": candle_version()},
        "threads": candle_core::utils::get_num_threads(),
        "epoch": epoch,
        "inference": inference,
        "check": check,
    });
    println!("{result}");
    Ok(())
}
