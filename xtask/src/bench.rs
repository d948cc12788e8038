//! `cargo xtask bench`: the crate's speed, side by side with what a reader would use instead.
//!
//! ```text
//! cargo xtask bench            the full comparison (several minutes); writes book/src/bench/
//! cargo xtask bench --smoke    tiny sizes, one run each, every program once; writes nothing
//! ```
//!
//! It builds and runs the bench binary `benches/speed.rs` (release profile), which generates the
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
//! `OMP_NUM_THREADS=1`, like the single-threaded crate). Before anything is compared, the
//! programs must agree on the arithmetic: the tutorial's final loss, and the loss after one
//! unshuffled epoch from the same start for every shape, must match to 1e-9.
//!
//! The full run prints the table and writes `book/src/bench/results.json`, the Markdown table
//! `book/src/bench/results.md` (included by the chapter "How fast is it?") and the figure
//! `book/src/bench/throughput.svg`. The smoke run writes none of them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
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
    fn args(&self, dir: &Path) -> Vec<String> {
        let scaling: Vec<String> = self.scaling.iter().map(usize::to_string).collect();
        vec![
            "--dir".into(),
            dir.display().to_string(),
            "--shapes".into(),
            self.shapes.into(),
            "--train-n".into(),
            self.train_n.to_string(),
            "--scaling".into(),
            scaling.join(","),
            "--scaling-shape".into(),
            self.scaling_shape.into(),
            "--infer-n".into(),
            self.infer_n.to_string(),
            "--check-n".into(),
            self.check_n.to_string(),
            "--min-time".into(),
            self.min_time.to_string(),
            "--min-runs".into(),
            self.min_runs.to_string(),
        ]
    }

    fn timing_args(&self, dir: &Path) -> Vec<String> {
        vec![
            "--dir".into(),
            dir.display().to_string(),
            "--min-time".into(),
            self.min_time.to_string(),
            "--min-runs".into(),
            self.min_runs.to_string(),
        ]
    }
}

/// `cargo xtask bench [--smoke]`.
pub fn main(smoke: bool) -> Result<()> {
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
    drop(_dir);
    let load_after = load_average();
    check_agreement(&rust, &tutorial, &numpy, &sklearn)?;
    let first_line = |out: Result<String, xshell::Error>| {
        out.ok().and_then(|s| s.lines().next().map(String::from)).unwrap_or("?".into())
    };
    let cpu = fs::read_to_string("/proc/cpuinfo").ok().and_then(|s| {
        s.lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|r| r.trim_start_matches([' ', '\t', ':']).trim().to_string())
    });
    let results = json!({
        "date": first_line(cmd!(sh, "date -u '+%Y-%m-%d %H:%M UTC'").quiet().read()),
        "machine": {
            "cpu": cpu.unwrap_or_else(|| "unknown".into()),
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
        },
        "settings": rust["settings"],
        "rust": rust,
        "numpy_tutorial": tutorial,
        "numpy": numpy,
        "sklearn": sklearn,
    });
    let table = markdown(&results)?;
    println!("\n{table}");
    println!(
        "bench: {} in {:.0} s",
        if plan.smoke { "smoke run" } else { "done" },
        started.elapsed().as_secs_f64()
    );
    if plan.smoke {
        println!("bench: smoke run, nothing written");
        return Ok(());
    }
    let out = setup::root().join("book/src/bench");
    sh.write_file(out.join("results.json"), serde_json::to_string_pretty(&results)? + "\n")?;
    sh.write_file(out.join("results.md"), &table)?;
    let (json, svg) = (out.join("results.json"), out.join("throughput.svg"));
    cmd!(sh, "cargo bench --quiet --features plot --bench speed -- chart {json} {svg}").run()?;
    println!("bench: wrote book/src/bench/results.json, results.md and throughput.svg");
    Ok(())
}

/// Which BLAS numpy uses here, as threadpoolctl reports it (e.g. `OpenBLAS 0.3.31 SkylakeX`).
fn blas_info(sh: &Shell, python: &Path) -> Result<String> {
    let code = "import json, numpy, threadpoolctl\n\
                info = [i for i in threadpoolctl.threadpool_info() if i.get('user_api') == 'blas'\n\
                        and 'numpy' in i.get('filepath', '')]\n\
                print(json.dumps(info[0] if info else {}))";
    let value = json_of(cmd!(sh, "{python} -c {code}").quiet().read()?)?;
    let field = |k: &str| value[k].as_str().unwrap_or("?").to_string();
    let blas = format!(
        "{} {} ({}, {} thread)",
        field("internal_api"),
        field("version"),
        field("architecture"),
        value["num_threads"]
    );
    Ok(blas.replace("openblas", "OpenBLAS"))
}

/// The JSON value a program printed on its last line.
fn json_of(text: String) -> Result<Value> {
    let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    serde_json::from_str(last).with_context(|| format!("the program did not print JSON:\n{text}"))
}

/// The 1-minute load average from /proc/loadavg.
fn load_average() -> f64 {
    let text = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace().next().and_then(|v| v.parse().ok()).unwrap_or(f64::NAN)
}

fn number(v: &Value, what: &str) -> Result<f64> {
    v.as_f64().with_context(|| format!("the results lack a number for {what}"))
}

/// The entry of `list` (an array of objects with "shape" and "n") for `shape` and `n`.
fn entry<'a>(list: &'a Value, shape: &str, n: u64) -> Result<&'a Value> {
    list.as_array()
        .and_then(|a| {
            a.iter().find(|e| e["shape"].as_str() == Some(shape) && e["n"].as_u64() == Some(n))
        })
        .with_context(|| format!("no result for {shape} on {n}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every program must have done the same arithmetic: the same final loss for the tutorial, and
/// the same loss after one unshuffled epoch from the same start for every shape.
fn check_agreement(rust: &Value, tutorial: &Value, numpy: &Value, sklearn: &Value) -> Result<()> {
    let mut problems = Vec::new();
    let reference = number(&rust["tutorial"]["network"]["final_loss"], "tutorial loss")?;
    for (what, v) in [
        ("Rust Mlp::fit", &rust["tutorial"]["mlp"]["final_loss"]),
        ("bench/tutorial.py", &tutorial["tutorial"]["final_loss"]),
    ] {
        let found = number(v, what)?;
        if !close(found, reference) {
            problems.push(format!(
                "tutorial: {what} ends at loss {found}, training::train at {reference}"
            ));
        }
    }
    let checks = rust["check"].as_array().cloned().unwrap_or_default();
    for c in &checks {
        let shape = c["shape"].as_str().unwrap_or("?");
        let n = c["n"].as_u64().unwrap_or(0);
        let want = number(&c["loss"], "check loss")?;
        for (what, other) in [("NumPy", numpy), ("scikit-learn", sklearn)] {
            let found = number(&entry(&other["check"], shape, n)?["loss"], "check loss")?;
            if !close(found, want) {
                problems.push(format!(
                    "{shape}: after one epoch {what} has loss {found}, the crate {want}"
                ));
            }
        }
    }
    if problems.is_empty() {
        println!(
            "bench: all programs agree (tutorial loss {reference:.6}; one epoch on {} people for {} shapes)",
            checks.first().and_then(|c| c["n"].as_u64()).unwrap_or(0),
            checks.len()
        );
        Ok(())
    } else {
        bail!("the programs do not compute the same thing:\n  {}", problems.join("\n  "))
    }
}

/// `1234567.8` as `1,234,568`.
fn thousands(v: f64) -> String {
    let digits = format!("{:.0}", v);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A duration in the unit that suits it.
fn duration(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 1e-3 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{:.1} µs", seconds * 1e6)
    }
}

/// A speed ratio: `12×`, `1.3×`.
fn ratio(r: f64) -> String {
    if r >= 10.0 { format!("{r:.0}×") } else { format!("{r:.1}×") }
}

fn shapes(results: &Value) -> Vec<(String, u64)> {
    results["rust"]["epoch"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (e["shape"].as_str().unwrap_or("?").to_string(), e["n"].as_u64().unwrap_or(0))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The Markdown tables of the results, with the date, the machine and the versions.
fn markdown(r: &Value) -> Result<String> {
    let mut md = String::new();
    let m = &r["machine"];
    let v = &r["versions"];
    md.push_str(&format!(
        "Measured {} on {} ({} cores; load average {:.2} before, {:.2} after the run). \
         {}; Python {}, NumPy {}, scikit-learn {}, {}. Every program on one core; each time is \
         the median of repeated runs after a warm-up run.\n\n",
        r["date"].as_str().unwrap_or("?"),
        m["cpu"].as_str().unwrap_or("?"),
        m["cores"],
        number(&m["load_before"], "load")?,
        number(&m["load_after"], "load")?,
        v["rustc"].as_str().unwrap_or("?"),
        v["python"].as_str().unwrap_or("?"),
        v["numpy"].as_str().unwrap_or("?"),
        v["scikit-learn"].as_str().unwrap_or("?"),
        v["blas"].as_str().unwrap_or("?"),
    ));

    // 1. The tutorial.
    let py = number(&r["numpy_tutorial"]["tutorial"]["seconds"], "tutorial.py")?;
    let net = number(&r["rust"]["tutorial"]["network"]["seconds"], "train")?;
    let mlp = number(&r["rust"]["tutorial"]["mlp"]["seconds"], "Mlp::fit")?;
    md.push_str(
        "**The tutorial's training** (2-2-1, 4 people, 1000 epochs of one step per person, the \
         loss over the dataset every 10 epochs):\n\n\
         | implementation | one training | samples/s | speed vs the tutorial's code |\n\
         |---|--:|--:|--:|\n",
    );
    for (name, t) in [
        ("NumPy, the tutorial's code (`bench/tutorial.py`)", py),
        ("Rust, `training::train` on `Network`", net),
        ("Rust, `Mlp::fit`, 2-2-1, batch 1", mlp),
    ] {
        md.push_str(&format!(
            "| {name} | {} | {} | {} |\n",
            duration(t),
            thousands(4000.0 / t),
            ratio(py / t)
        ));
    }

    // 2. One epoch for each shape.
    let s = &r["settings"];
    let shapes = shapes(r);
    let train_n = shapes.first().map(|s| s.1).unwrap_or(0);
    md.push_str(&format!(
        "\n**One epoch of mini-batch SGD** on {} synthetic people (batch {}, learning rate {}, \
         sigmoid layers, binary cross-entropy, shuffled), samples per second:\n\n\
         | shape | Rust | NumPy, vectorised | scikit-learn | Rust vs NumPy | Rust vs scikit-learn |\n\
         |---|--:|--:|--:|--:|--:|\n",
        thousands(train_n as f64),
        s["batch"],
        s["learn_rate"],
    ));
    for (shape, n) in &shapes {
        let t = |imp: &str| number(&entry(&r[imp]["epoch"], shape, *n)?["seconds"], shape);
        let (tr, tn, ts) = (t("rust")?, t("numpy")?, t("sklearn")?);
        let per_s = |t: f64| thousands(*n as f64 / t);
        md.push_str(&format!(
            "| {shape} | {} | {} | {} | {} | {} |\n",
            per_s(tr),
            per_s(tn),
            per_s(ts),
            ratio(tn / tr),
            ratio(ts / tr)
        ));
    }

    // 3. Inference.
    let infer = r["rust"]["inference"].as_array().cloned().unwrap_or_default();
    let infer_n = infer.first().and_then(|e| e["n"].as_u64()).unwrap_or(0);
    md.push_str(&format!(
        "\n**Predictions** for {} people at once (`Mlp::predict_batch` in chunks of {}; NumPy on \
         the whole matrix; scikit-learn's `predict_proba`), predictions per second:\n\n\
         | shape | Rust | NumPy, vectorised | scikit-learn | Rust vs NumPy | Rust vs scikit-learn |\n\
         |---|--:|--:|--:|--:|--:|\n",
        thousands(infer_n as f64),
        s["predict_chunk"],
    ));
    for (shape, _) in &shapes {
        let t = |imp: &str| number(&entry(&r[imp]["inference"], shape, infer_n)?["seconds"], shape);
        let (tr, tn, ts) = (t("rust")?, t("numpy")?, t("sklearn")?);
        let per_s = |t: f64| thousands(infer_n as f64 / t);
        md.push_str(&format!(
            "| {shape} | {} | {} | {} | {} | {} |\n",
            per_s(tr),
            per_s(tn),
            per_s(ts),
            ratio(tn / tr),
            ratio(ts / tr)
        ));
    }

    // 4. Scaling.
    let scaling = r["rust"]["scaling"].as_array().cloned().unwrap_or_default();
    let scaling_shape =
        scaling.first().and_then(|e| e["shape"].as_str()).unwrap_or("?").to_string();
    md.push_str(&format!(
        "\n**Time per epoch as the data grow** ({scaling_shape}, same settings); the time per \
         sample staying flat is what linear means:\n\n\
         | people | Rust | per sample | NumPy, vectorised | per sample | scikit-learn | per sample |\n\
         |--:|--:|--:|--:|--:|--:|--:|\n",
    ));
    for e in &scaling {
        let n = e["n"].as_u64().unwrap_or(0);
        let t = |imp: &str| {
            number(&entry(&r[imp]["scaling"], &scaling_shape, n)?["seconds"], "scaling")
        };
        let (tr, tn, ts) = (t("rust")?, t("numpy")?, t("sklearn")?);
        let per = |t: f64| format!("{:.0} ns", t / n as f64 * 1e9);
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            thousands(n as f64),
            duration(tr),
            per(tr),
            duration(tn),
            per(tn),
            duration(ts),
            per(ts)
        ));
    }
    Ok(md)
}
