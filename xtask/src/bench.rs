//! `cargo xtask bench`: the crate's speed, side by side with what a reader would use instead.
//!
//! ```text
//! cargo xtask bench            the full comparison (several minutes); writes book/src/bench/
//! cargo xtask bench --smoke    tiny sizes, one run each, every program once; writes nothing
//! cargo xtask bench --peers    also the Rust peers: candle (`bench/candle/`, its own package)
//! ```
//!
//! It builds and runs the bench binary `bench/speed/` (release profile), which generates the
//! synthetic people, writes them where the Python programs read them (`<target>/bench-data/`),
//! times the crate and prints JSON; then runs, with the project's virtual environment (`.venv/`,
//! pinned numpy and scikit-learn from `xtask/requirements.txt`):
//!
//! - `bench/tutorial.py`: the tutorial's own way of training (a per-sample loop over NumPy
//!   scalars), against the crate's `training::train` and `Mlp::fit` with batch size 1;
//! - `bench/numpy_mlp.py`: the same mini-batch SGD, vectorised with NumPy;
//! - `bench/sklearn_mlp.py`: scikit-learn's `MLPClassifier`, set to the same algorithm.
//!
//! Every program runs on one core (the Python side with `OPENBLAS_NUM_THREADS=1` and
//! `OMP_NUM_THREADS=1`, like the single-threaded crate). It gathers the results, with the date,
//! the machine and the versions, into `<target>/bench-results.json`, and hands them to the bench
//! binary's `report`, which checks that all programs computed the same losses, prints the tables
//! and, in the full run, writes `book/src/bench/` (`results.json`, `results.md`, included by the
//! chapter "How fast is it?", and `throughput.svg`). The smoke run writes nothing there.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, ensure};
use serde_json::{Value, json};
use xshell::{Shell, cmd};

use crate::setup;

/// The settings of one run, passed alike to the Rust bench binary and the Python programs.
struct Plan {
    smoke: bool,
    shapes: &'static str,
    train_n: usize,
    scaling: &'static [usize],
    scaling_shape: &'static str,
    infer_n: usize,
    check_n: usize,
    min_time: f64,
    min_runs: usize,
}

const FULL: Plan = Plan {
    smoke: false,
    shapes: "2-2-1,2-16-1,2-64-64-1",
    train_n: 100_000,
    scaling: &[1_000, 10_000, 100_000, 1_000_000],
    scaling_shape: "2-16-1",
    infer_n: 1_000_000,
    check_n: 1_000,
    min_time: 1.0,
    min_runs: 3,
};

const SMOKE: Plan = Plan {
    smoke: true,
    shapes: "2-2-1,2-16-1,2-64-64-1",
    train_n: 2_000,
    scaling: &[500, 2_000],
    scaling_shape: "2-16-1",
    infer_n: 5_000,
    check_n: 500,
    min_time: 0.0,
    min_runs: 1,
};

impl Plan {
    /// Every setting, for the programs that train and predict on general networks.
    fn args(&self, dir: &Path) -> Vec<String> {
        let scaling: Vec<String> = self.scaling.iter().map(usize::to_string).collect();
        let mut args = self.timing_args(dir);
        args.extend(flags([
            ("--shapes", self.shapes.into()),
            ("--train-n", self.train_n.to_string()),
            ("--scaling", scaling.join(",")),
            ("--scaling-shape", self.scaling_shape.into()),
            ("--infer-n", self.infer_n.to_string()),
            ("--check-n", self.check_n.to_string()),
        ]));
        args
    }

    /// Where the data is and how long to time, for every program (the tutorial's takes only these).
    fn timing_args(&self, dir: &Path) -> Vec<String> {
        flags([
            ("--dir", dir.display().to_string()),
            ("--min-time", self.min_time.to_string()),
            ("--min-runs", self.min_runs.to_string()),
        ])
    }
}

/// `--flag value` pairs as arguments.
fn flags<const N: usize>(pairs: [(&str, String); N]) -> Vec<String> {
    pairs.into_iter().flat_map(|(flag, value)| [flag.to_owned(), value]).collect()
}

/// `cargo xtask bench [--smoke] [--peers]`.
pub fn main(smoke: bool, peers: bool) -> Result<()> {
    let plan = if smoke { &SMOKE } else { &FULL };
    let started = Instant::now();
    setup::ensure_python()?;
    let sh = setup::shell()?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| setup::root().join("target"), PathBuf::from);
    let dir = target.join("bench-data");
    let load_before = load_average();
    let (args, timing) = (&plan.args(&dir), &plan.timing_args(&dir));
    let rust = json_of(
        cmd!(sh, "cargo bench --quiet --features plot --bench speed -- {args...}").read()?,
    )?;
    let python = setup::venv_bin("python");
    // One core, like the crate. Some machines set OPENBLAS_CORETYPE/L2_SIZE for old OpenBLAS
    // builds; they slow down the one bundled with numpy, which picks its kernel itself.
    let _env = [("OPENBLAS_NUM_THREADS", "1"), ("OMP_NUM_THREADS", "1"), ("MKL_NUM_THREADS", "1")]
        .map(|(k, v)| sh.push_env(k, v));
    let _dir = sh.push_dir("bench");
    let py = |script: &str, args: &[String]| -> Result<Value> {
        let run = cmd!(sh, "{python} {script} {args...}");
        json_of(run.env_remove("OPENBLAS_CORETYPE").env_remove("OPENBLAS_L2_SIZE").read()?)
    };
    let tutorial = py("tutorial.py", timing)?;
    let numpy = py("numpy_mlp.py", args)?;
    let sklearn = py("sklearn_mlp.py", args)?;
    let blas = blas_info(&sh, &python)?;
    // candle on one thread: its matrix products use as many as RAYON_NUM_THREADS says.
    let candle = match peers {
        true => {
            let manifest = setup::root().join("bench/candle/Cargo.toml");
            let run =
                cmd!(sh, "cargo run --quiet --release --manifest-path {manifest} -- {args...}");
            json_of(run.env("RAYON_NUM_THREADS", "1").env("CARGO_TARGET_DIR", &target).read()?)?
        }
        false => Value::Null,
    };
    drop(_dir);
    let load_after = load_average();
    let first_line = |out: Result<String, xshell::Error>| {
        out.ok().and_then(|s| s.lines().next().map(String::from)).unwrap_or("?".into())
    };
    let results = json!({
        "date": first_line(cmd!(sh, "date -u '+%Y-%m-%d %H:%M UTC'").quiet().read()),
        "machine": {
            "cpu": cpu_name(),
            "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            "load_before": load_before,
            "load_after": load_after,
        },
        "versions": {
            "rustc": first_line(cmd!(sh, "rustc --version").quiet().read()),
            "python": numpy["versions"]["python"],
            "numpy": numpy["versions"]["numpy"],
            "scikit-learn": sklearn["versions"]["sklearn"],
            "blas": blas,
            "candle": candle["versions"]["candle"],
        },
        "settings": rust["settings"],
        "rust": rust,
        "numpy_tutorial": tutorial,
        "numpy": numpy,
        "sklearn": sklearn,
        "candle": candle,
    });
    let file = target.join("bench-results.json");
    sh.write_file(&file, serde_json::to_string_pretty(&results)? + "\n")?;
    let book = (!plan.smoke).then(|| setup::root().join("book/src/bench"));
    cmd!(sh, "cargo bench --quiet --features plot --bench speed -- report {file} {book...}")
        .run()?;
    if plan.smoke {
        check_committed_report(&sh, &target)?;
    }
    let what = if plan.smoke { "smoke run, nothing written" } else { "wrote book/src/bench/" };
    println!("bench: {what} ({:.0} s)", started.elapsed().as_secs_f64());
    Ok(())
}

/// The smoke run's check that the committed tables and charts of `book/src/bench/` are what the
/// report writes today from the committed `results.json`, in every language: a change to the
/// report's words (`bench/speed/words.json`, `po/`) or to its code must come with them rewritten
/// (`cargo bench --features plot --bench speed -- report book/src/bench/results.json
/// book/src/bench`), which re-measures nothing.
fn check_committed_report(sh: &Shell, target: &Path) -> Result<()> {
    let book = setup::root().join("book/src/bench");
    let fresh = target.join("bench-report-check");
    sh.remove_path(&fresh)?;
    sh.create_dir(&fresh)?;
    let results = book.join("results.json");
    cmd!(sh, "cargo bench --quiet --features plot --bench speed -- report {results} {fresh}")
        .ignore_stdout()
        .run()?;
    let mut stale = Vec::new();
    for entry in fs::read_dir(&fresh)? {
        let name = entry?.file_name();
        let committed = fs::read(book.join(&name)).unwrap_or_default();
        if fs::read(fresh.join(&name))? != committed {
            stale.push(name.to_string_lossy().into_owned());
        }
    }
    stale.sort();
    ensure!(
        stale.is_empty(),
        "book/src/bench/ is not what the report writes from its results.json today: {} differ. \
         Rewrite them (nothing is re-measured): cargo bench --features plot --bench speed -- \
         report book/src/bench/results.json book/src/bench",
        stale.join(", ")
    );
    println!("bench: the committed tables and charts are the report of results.json");
    Ok(())
}

/// Which BLAS numpy uses here, as threadpoolctl reports it: `{"name": "OpenBLAS 0.3.31",
/// "architecture": "SkylakeX", "threads": 1}` (the report puts the words around them).
fn blas_info(sh: &Shell, python: &Path) -> Result<Value> {
    let code = "import json, numpy, threadpoolctl\n\
                info = [i for i in threadpoolctl.threadpool_info() if i.get('user_api') == 'blas'\n\
                        and 'numpy' in i.get('filepath', '')]\n\
                print(json.dumps(info[0] if info else {}))";
    let value = json_of(cmd!(sh, "{python} -c {code}").quiet().read()?)?;
    let field = |k: &str| value[k].as_str().unwrap_or("?").to_string();
    let name = format!("{} {}", field("internal_api"), field("version"));
    Ok(json!({
        "name": name.replace("openblas", "OpenBLAS"),
        "architecture": field("architecture"),
        "threads": value["num_threads"],
    }))
}

/// The processor's name, from /proc/cpuinfo.
pub(crate) fn cpu_name() -> String {
    let cpu = fs::read_to_string("/proc/cpuinfo").ok().and_then(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|r| r.trim_start_matches([' ', '\t', ':']).trim().to_string())
    });
    cpu.unwrap_or_else(|| "unknown".into())
}

/// The JSON value a program printed on its last line.
pub(crate) fn json_of(text: String) -> Result<Value> {
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    serde_json::from_str(last).with_context(|| format!("the program did not print JSON:\n{text}"))
}

/// The 1-minute load average from /proc/loadavg.
pub(crate) fn load_average() -> f64 {
    let text = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
}
