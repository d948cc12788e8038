//! `cargo xtask digits`: the handwritten digits of the chapter "Ten answers: softmax".
//!
//! ```text
//! cargo xtask digits            the accuracy table: ours and scikit-learn's on the same splits
//! cargo xtask digits --data     data/digits.csv again, from scikit-learn's bundled copy
//! cargo xtask digits --model    the draw-a-digit widget's model again
//! cargo xtask digits --check    both files are what --data and --model make (on this machine)
//! ```
//!
//! The table: the bench binary `bench/digits/` (optimised) makes five seeded 75/25 splits of the
//! 1,797 digits, trains the chapter's network on each and writes the splits' row indices with
//! its accuracy; `bench/digits_sklearn.py` fits scikit-learn's `MLPClassifier((32,))` and
//! `LogisticRegression` on the very same indices (one core, pinned versions of `.venv/`). The
//! results, with the date, the machine and the versions, go to `book/src/bench/digits.json`, and
//! the table the chapter includes to `book/src/bench/digits.md` (in English: the Russian
//! edition's words belong in `po/`, not in code; see the tidy test
//! `translations_only_in_the_catalogs`).
//!
//! `--data` runs `xtask/digits_data.py` (see `data/README.md`); `--model` writes
//! `book/src/playground/digits-model.json`, the chapter's network trained on every digit, seeded,
//! which the widget embeds. The model's bits depend on the processor's kernels (AVX-512, AVX2 or
//! portable ones round differently), so `--check` compares it on the machine that made it; the
//! crate's tests check on any machine that it loads and classifies the digits.

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::{Value, json};
use xshell::cmd;

use crate::bench::{cpu_name, json_of, load_average};
use crate::setup;

/// The widget's model file, relative to the root.
pub const MODEL: &str = "book/src/playground/digits-model.json";
/// The data file, relative to the root.
const DATA: &str = "data/digits.csv";

/// `cargo xtask digits [--data] [--model] [--check]`.
pub fn main(data: bool, model: bool, check: bool) -> Result<()> {
    let sh = setup::shell()?;
    let root = setup::root();
    if check {
        setup::ensure_python()?;
        let python = setup::venv_bin("python");
        let made = cmd!(sh, "{python} xtask/digits_data.py").read()? + "\n";
        if made != fs::read_to_string(root.join(DATA))? {
            bail!("{DATA} is not what xtask/digits_data.py writes; run cargo xtask digits --data");
        }
        cmd!(sh, "cargo bench --quiet --bench digits -- check-model {MODEL}").run()?;
        println!("digits: {DATA} and {MODEL} are what --data and --model make");
        return Ok(());
    }
    if data {
        setup::ensure_python()?;
        let python = setup::venv_bin("python");
        let csv = cmd!(sh, "{python} xtask/digits_data.py").read()? + "\n";
        sh.write_file(root.join(DATA), csv)?;
        println!("digits: wrote {DATA}");
    }
    if model {
        cmd!(sh, "cargo bench --quiet --bench digits -- model {MODEL}").run()?;
        println!("digits: wrote {MODEL}");
    }
    if data || model {
        return Ok(());
    }
    results()
}

/// The accuracy table.
fn results() -> Result<()> {
    let started = Instant::now();
    setup::ensure_python()?;
    let sh = setup::shell()?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| setup::root().join("target"), PathBuf::from);
    let splits_file = target.join("digits-splits.json");
    let load_before = load_average();
    cmd!(sh, "cargo bench --quiet --bench digits -- splits {splits_file}").run()?;
    let python = setup::venv_bin("python");
    let _env = [("OPENBLAS_NUM_THREADS", "1"), ("OMP_NUM_THREADS", "1"), ("MKL_NUM_THREADS", "1")]
        .map(|(k, v)| sh.push_env(k, v));
    let sklearn = json_of(cmd!(sh, "{python} bench/digits_sklearn.py {splits_file}").read()?)?;
    let load_after = load_average();
    let ours: Value = serde_json::from_str(&fs::read_to_string(&splits_file)?)?;
    let first_line = |out: Result<String, xshell::Error>| {
        out.ok().and_then(|s| s.lines().next().map(String::from)).unwrap_or("?".into())
    };
    let per_split = |key: &str| -> Vec<Value> {
        let splits = ours["splits"].as_array().cloned().unwrap_or_default();
        splits
            .iter()
            .map(|s| {
                json!({"seed": s["seed"], "accuracy": s[key]["accuracy"],
            "seconds": s[key]["seconds"]})
            })
            .collect()
    };
    let results = json!({
        "date": first_line(cmd!(sh, "date -u '+%Y-%m-%d %H:%M UTC'").quiet().read()),
        "machine": {
            "cpu": cpu_name(),
            "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            "avx512": fs::read_to_string("/proc/cpuinfo")?.contains(" avx512f"),
            "load_before": load_before,
            "load_after": load_after,
        },
        "versions": {
            "rustc": first_line(cmd!(sh, "rustc --version").quiet().read()),
            "numpy": sklearn["versions"]["numpy"],
            "scikit-learn": sklearn["versions"]["sklearn"],
        },
        "settings": ours["settings"],
        "results": {
            "ours": per_split("ours"),
            "ours_narrow": per_split("ours_narrow"),
            "sklearn_mlp": sklearn["results"]["sklearn_mlp"],
            "sklearn_logistic": sklearn["results"]["sklearn_logistic"],
        },
    });
    let dir = setup::root().join("book/src/bench");
    sh.write_file(dir.join("digits.json"), serde_json::to_string_pretty(&results)? + "\n")?;
    sh.write_file(dir.join("digits.md"), table(&results, &ENGLISH)?)?;
    print!("{}", table(&results, &ENGLISH)?);
    println!(
        "digits: wrote book/src/bench/digits.json and digits.md ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The words of the table.
struct Words {
    measured: &'static str,
    splits: &'static str,
    model: &'static str,
    mean: &'static str,
    split: &'static str,
    seconds: &'static str,
    ours: &'static str,
    narrow: &'static str,
    sklearn_mlp: &'static str,
    logistic: &'static str,
}

const ENGLISH: Words = Words {
    measured: "Measured {date} on {cpu} ({cores} cores{avx}; load average {before} before, \
               {after} after the run); {rustc}; scikit-learn {sklearn}, NumPy {numpy}. Every \
               program on one core.",
    splits: "The same five splits of the 1,797 digits for every model (seeds 1 to 5, a quarter \
             held out), made by the crate and handed to scikit-learn; each model sees the pixels \
             standardised over its training rows. Held-out accuracy:",
    model: "model",
    mean: "mean",
    split: "split",
    seconds: "training, s",
    ours: "ours, {layers} ({hidden}, softmax; cross-entropy, Adam {lr}, {epochs} epochs of \
           batches of {batch}, shuffled)",
    narrow: "ours, {layers}, the same settings",
    sklearn_mlp: "scikit-learn `MLPClassifier(hidden_layer_sizes=(32,))`, its defaults",
    logistic: "scikit-learn `LogisticRegression(max_iter=1000)`",
};

/// The Markdown of the results in `words`' language.
fn table(r: &Value, words: &Words) -> Result<String> {
    let s = &r["settings"];
    let layers = |key: &str| -> String {
        let sizes = s[key].as_array().cloned().unwrap_or_default();
        sizes.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("-")
    };
    let fill = |text: &str| {
        text.replace("{date}", r["date"].as_str().unwrap_or("?"))
            .replace("{cpu}", r["machine"]["cpu"].as_str().unwrap_or("?"))
            .replace("{cores}", &r["machine"]["cores"].to_string())
            .replace("{avx}", if r["machine"]["avx512"] == true { ", AVX-512" } else { "" })
            .replace(
                "{before}",
                &format!("{:.2}", r["machine"]["load_before"].as_f64().unwrap_or(f64::NAN)),
            )
            .replace(
                "{after}",
                &format!("{:.2}", r["machine"]["load_after"].as_f64().unwrap_or(f64::NAN)),
            )
            .replace("{rustc}", r["versions"]["rustc"].as_str().unwrap_or("?"))
            .replace("{sklearn}", r["versions"]["scikit-learn"].as_str().unwrap_or("?"))
            .replace("{numpy}", r["versions"]["numpy"].as_str().unwrap_or("?"))
            .replace("{hidden}", s["hidden_label"].as_str().unwrap_or("?"))
            .replace("{lr}", &s["learn_rate"].to_string())
            .replace("{epochs}", &s["epochs"].to_string())
            .replace("{batch}", &s["batch_size"].to_string())
    };
    let number = |v: f64, digits: usize| format!("{v:.digits$}");
    let mut out = format!("{}\n\n{}\n\n", fill(words.measured), fill(words.splits));
    let results = &r["results"];
    let n = results["ours"].as_array().map_or(0, Vec::len);
    let splits: Vec<String> = (1..=n).map(|i| format!("{} {i}", words.split)).collect();
    out += &format!(
        "| {} | {} | {} | {} |\n",
        words.model,
        words.mean,
        splits.join(" | "),
        words.seconds
    );
    out += &format!("|---|--:|{}--:|\n", "--:|".repeat(n));
    let rows = [
        ("ours", fill(words.ours).replace("{layers}", &layers("layers"))),
        ("ours_narrow", fill(words.narrow).replace("{layers}", &layers("narrow_layers"))),
        ("sklearn_mlp", words.sklearn_mlp.to_string()),
        ("sklearn_logistic", words.logistic.to_string()),
    ];
    for (key, name) in rows {
        let runs = results[key].as_array().context("a model's results")?;
        let field =
            |f: &str| runs.iter().map(|s| s[f].as_f64().unwrap_or(f64::NAN)).collect::<Vec<_>>();
        let (acc, secs) = (field("accuracy"), field("seconds"));
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let each: Vec<String> = acc.iter().map(|a| number(*a, 4)).collect();
        out += &format!(
            "| {name} | **{}** | {} | {} |\n",
            number(mean(&acc), 4),
            each.join(" | "),
            number(mean(&secs), 2)
        );
    }
    Ok(out)
}
