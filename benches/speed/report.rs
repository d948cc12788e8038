//! `speed report RESULTS_JSON [OUT_DIR]`: the comparison `cargo xtask bench` collected, checked
//! and written up. Before anything is compared, the programs must agree on the arithmetic: the
//! tutorial's final loss, and the loss after one unshuffled epoch from the same start for every
//! shape, must match to 1e-9. Then it prints the Markdown tables (with the date, the machine and
//! the versions) and, given `OUT_DIR`, writes there `results.json`, `results.md` (included by the
//! chapter "How fast is it?") and the chart `throughput.svg`.

use std::path::Path;

use serde_json::Value;

use crate::chart::{self, entry, number, shapes};

/// Runs the report (see the module documentation).
pub fn run(results: &Path, out: Option<&Path>) -> Result<(), String> {
    let text = std::fs::read_to_string(results)
        .map_err(|e| format!("cannot read {}: {e}", results.display()))?;
    let r: Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not valid JSON: {e}", results.display()))?;
    check_agreement(
        &r["rust"],
        &r["numpy_tutorial"],
        &r["numpy"],
        &r["sklearn"],
        &r["candle"],
    )?;
    let table = markdown(&r)?;
    println!("\n{table}");
    if let Some(out) = out {
        let write = |name: &str, text: &str| {
            std::fs::write(out.join(name), text)
                .map_err(|e| format!("cannot write {}: {e}", out.join(name).display()))
        };
        write("results.json", &text)?;
        write("results.md", &table)?;
        write("throughput.svg", chart::figure(&r)?.svg())?;
        write("roofline.svg", chart::roofline(&r)?.svg())?;
        println!(
            "speed: wrote results.json, results.md, throughput.svg and roofline.svg in {}",
            out.display()
        );
    }
    Ok(())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every program must have done the same arithmetic: the same final loss for the tutorial, and
/// the same loss after one unshuffled epoch from the same start for every shape.
fn check_agreement(
    rust: &Value,
    tutorial: &Value,
    numpy: &Value,
    sklearn: &Value,
    candle: &Value,
) -> Result<(), String> {
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
        let peers = [
            ("NumPy", numpy),
            ("scikit-learn", sklearn),
            ("candle", candle),
        ];
        for (what, other) in peers.into_iter().filter(|(_, v)| !v.is_null()) {
            let found = number(&entry(&other["check"], shape, n)?["loss"], "check loss")?;
            if !close(found, want) {
                problems.push(format!(
                    "{shape}: after one epoch {what} has loss {found}, the crate {want}"
                ));
            }
        }
    }
    if !candle.is_null() && candle["threads"].as_u64() != Some(1) {
        problems.push(format!(
            "candle ran on {} threads, not one",
            candle["threads"]
        ));
    }
    if problems.is_empty() {
        println!(
            "bench: all programs agree (tutorial loss {reference:.6}; one epoch on {} people for {} shapes)",
            checks.first().and_then(|c| c["n"].as_u64()).unwrap_or(0),
            checks.len()
        );
        Ok(())
    } else {
        Err(format!(
            "the programs do not compute the same thing:\n  {}",
            problems.join("\n  ")
        ))
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
    if r >= 10.0 {
        format!("{r:.0}×")
    } else {
        format!("{r:.1}×")
    }
}

/// The Markdown tables of the results, with the date, the machine and the versions.
fn markdown(r: &Value) -> Result<String, String> {
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
    if let Some(version) = v["candle"].as_str() {
        let md_len = md.len() - "\n\n".len();
        md.insert_str(
            md_len,
            &format!(
                " The Rust peer: candle {version} ({} thread), in `f64`.",
                r["candle"]["threads"]
            ),
        );
    }

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
    // The implementations of the tables, candle only when it ran (`cargo xtask bench --peers`).
    let mut imps = vec![("rust", "Rust")];
    if !r["candle"].is_null() {
        imps.push(("candle", "candle"));
    }
    imps.extend([("numpy", "NumPy, vectorised"), ("sklearn", "scikit-learn")]);
    let header = || {
        let names: Vec<&str> = imps.iter().map(|i| i.1).collect();
        let versus: Vec<String> = imps[1..]
            .iter()
            .map(|i| format!("Rust vs {}", i.1))
            .collect();
        let versus = versus.join(" | ").replace(", vectorised", "");
        let align = "--:|".repeat(2 * imps.len() - 1);
        format!(
            "| shape | {} | {versus} |\n|---|{align}\n",
            names.join(" | ")
        )
    };
    // One row of samples (or predictions) per second and Rust's speed-ups, from `list`'s seconds.
    let row = |shape: &str, n: u64, list: &str| -> Result<String, String> {
        let t: Vec<f64> = imps
            .iter()
            .map(|(imp, _)| number(&entry(&r[*imp][list], shape, n)?["seconds"], shape))
            .collect::<Result<_, _>>()?;
        let speeds: Vec<String> = t.iter().map(|t| thousands(n as f64 / t)).collect();
        let ratios: Vec<String> = t[1..].iter().map(|o| ratio(o / t[0])).collect();
        Ok(format!(
            "| {shape} | {} | {} |\n",
            speeds.join(" | "),
            ratios.join(" | ")
        ))
    };
    md.push_str(&format!(
        "\n**One epoch of mini-batch SGD** on {} synthetic people (batch {}, learning rate {}, \
         sigmoid layers, binary cross-entropy, shuffled), samples per second:\n\n{}",
        thousands(train_n as f64),
        s["batch"],
        s["learn_rate"],
        header(),
    ));
    for (shape, n) in &shapes {
        md.push_str(&row(shape, *n, "epoch")?);
    }

    // 3. Inference.
    let infer = r["rust"]["inference"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let infer_n = infer.first().and_then(|e| e["n"].as_u64()).unwrap_or(0);
    let candle = if r["candle"].is_null() {
        ""
    } else {
        "; candle in chunks of 8192"
    };
    md.push_str(&format!(
        "\n**Predictions** for {} people at once (`Mlp::predict_batch` in chunks of {}{candle}; \
         NumPy on the whole matrix; scikit-learn's `predict_proba`), predictions per second:\n\n{}",
        thousands(infer_n as f64),
        s["predict_chunk"],
        header(),
    ));
    for (shape, _) in &shapes {
        md.push_str(&row(shape, infer_n, "inference")?);
    }

    // 4. Scaling.
    let scaling = r["rust"]["scaling"].as_array().cloned().unwrap_or_default();
    let scaling_shape = scaling
        .first()
        .and_then(|e| e["shape"].as_str())
        .unwrap_or("?")
        .to_string();
    md.push_str(&format!(
        "\n**Time per epoch as the data grow** ({scaling_shape}, same settings); the time per \
         sample staying flat is what linear means:\n\n\
         | people | Rust | per sample | NumPy, vectorised | per sample | scikit-learn | per sample |\n\
         |--:|--:|--:|--:|--:|--:|--:|\n",
    ));
    for e in &scaling {
        let n = e["n"].as_u64().unwrap_or(0);
        let t = |imp: &str| {
            number(
                &entry(&r[imp]["scaling"], &scaling_shape, n)?["seconds"],
                "scaling",
            )
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

    // 5. The machine's limit.
    let peak = &r["rust"]["peak"];
    if let Ok(top) = number(&peak["peak_gflops"], "peak") {
        let avx2 = number(&peak["avx2_fma_gflops"], "AVX2 peak").unwrap_or(f64::NAN);
        let avx512 = peak["avx512_gflops"].as_f64();
        md.push_str(&format!(
            "\n**The machine's limit**: one core's peak, measured by a loop of independent fused \
             multiply-adds, is {avx2:.1} GFLOP/s with AVX2 (four numbers per instruction){}; it \
             reads main memory at {:.1} GB/s. Training as a fraction of that peak (a multiply-add \
             counts as two operations):\n\n\
             | shape | operations per sample | Rust, GFLOP/s | share of the peak | share of the AVX2 peak |{}\n\
             |---|--:|--:|--:|--:|{}\n",
            avx512.map_or(String::new(), |v| format!(
                " and {v:.1} GFLOP/s with AVX-512 (eight numbers)"
            )),
            number(&peak["read_gbytes_per_s"], "bandwidth")?,
            if r["candle"].is_null() {
                ""
            } else {
                " candle, GFLOP/s |"
            },
            if r["candle"].is_null() { "" } else { "--:|" },
        ));
        for (shape, n) in &shapes {
            let flops = chart::training_flops(shape)?;
            let gflops = |imp: &str| -> Result<f64, String> {
                let t = number(&entry(&r[imp]["epoch"], shape, *n)?["seconds"], shape)?;
                Ok(flops * *n as f64 / t / 1e9)
            };
            let rust = gflops("rust")?;
            let candle = match r["candle"].is_null() {
                true => String::new(),
                false => format!(" {:.2} |", gflops("candle")?),
            };
            md.push_str(&format!(
                "| {shape} | {} | {rust:.2} | {:.1}% | {:.1}% |{candle}\n",
                thousands(flops),
                100.0 * rust / top,
                100.0 * rust / avx2
            ));
        }
    }
    Ok(md)
}
