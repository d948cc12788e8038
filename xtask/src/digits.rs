//! `cargo xtask digits`: the handwritten digits of the chapter "Ten answers: softmax".
//!
//! ```text
//! cargo xtask digits            the accuracy table: ours and scikit-learn's on the same splits
//! cargo xtask digits --data     data/digits.csv again, from scikit-learn's bundled copy
//! cargo xtask digits --model    the draw-a-digit widget's model again
//! cargo xtask digits --check    both files are what --data and --model make (on this machine)
//! cargo xtask digits --tables   each language's table again from digits.json (after a translation)
//! ```
//!
//! The table: the bench binary `bench/digits/` (optimised) makes five seeded 75/25 splits of the
//! 1,797 digits, trains the chapter's network on each and writes the splits' row indices with
//! its accuracy; `bench/digits_sklearn.py` fits scikit-learn's `MLPClassifier((32,))` and
//! `LogisticRegression` on the very same indices (one core, pinned versions of `.venv/`). The
//! results, with the date, the machine and the versions, go to `book/src/bench/digits.json`, and
//! the tables the chapter includes to `book/src/bench/digits.md` and `digits.ru.md`, their words
//! from `digits_words.json` and `po/ru.po` (a test checks the committed tables are those).
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

use crate::bench::{json_of, load_average, one_blas_thread, results_of_run};
use crate::setup;
use mdbook_nn::language;

/// The widget's model file, relative to the root.
pub const MODEL: &str = "book/src/playground/digits-model.json";
/// The data file, relative to the root.
const DATA: &str = "data/digits.csv";

/// `cargo xtask digits [--data] [--model] [--check]`.
pub fn main(data: bool, model: bool, check: bool, write_tables: bool) -> Result<()> {
    if write_tables {
        tables(true)?;
        println!("digits: wrote each language's table from book/src/bench/digits.json");
        return Ok(());
    }
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
    let splits_file = setup::target_dir().join("digits-splits.json");
    let load_before = load_average();
    cmd!(sh, "cargo bench --quiet --bench digits -- splits {splits_file}").run()?;
    let python = setup::venv_bin("python");
    let _env = one_blas_thread(&sh);
    let sklearn = json_of(cmd!(sh, "{python} bench/digits_sklearn.py {splits_file}").read()?)?;
    let ours: Value = serde_json::from_str(&fs::read_to_string(&splits_file)?)?;
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
    let versions = json!({
        "numpy": sklearn["versions"]["numpy"],
        "scikit-learn": sklearn["versions"]["sklearn"],
    });
    let fields = json!({
        "settings": ours["settings"],
        "results": {
            "ours": per_split("ours"),
            "ours_narrow": per_split("ours_narrow"),
            "sklearn_mlp": sklearn["results"]["sklearn_mlp"],
            "sklearn_logistic": sklearn["results"]["sklearn_logistic"],
        },
    });
    let mut results = results_of_run(&sh, load_before, versions, fields);
    results["machine"]["avx512"] = json!(fs::read_to_string("/proc/cpuinfo")?.contains(" avx512f"));
    let dir = setup::root().join("book/src/bench");
    sh.write_file(dir.join("digits.json"), serde_json::to_string_pretty(&results)? + "\n")?;
    tables(true)?;
    print!("{}", table(&results, &Words::of(&language::ENGLISH)?)?);
    println!(
        "digits: wrote book/src/bench/digits.json and each language's table ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The words of the table, in English in `digits_words.json` and translated in `po/LANG.po`
/// (`cargo xtask translate` adds them to the catalog).
struct Words {
    /// How a decimal number is written: `.` in English, `,` in Russian.
    decimal_mark: String,
    measured: String,
    splits: String,
    model: String,
    mean: String,
    split: String,
    seconds: String,
    ours: String,
    narrow: String,
    sklearn_mlp: String,
    logistic: String,
}

/// The English words, as `digits_words.json` declares them.
pub const WORDS_JSON: &str = include_str!("digits_words.json");

impl Words {
    /// The words in `language`: English from `digits_words.json`, another language's from its
    /// catalog ([`language::Language::word`], which names a text the catalog lacks).
    fn of(language: &language::Language) -> Result<Words> {
        let mut words: Value = serde_json::from_str(WORDS_JSON)?;
        for (_, text) in words.as_object_mut().context("digits_words.json is a map")? {
            let english = text.as_str().unwrap_or_default().to_string();
            *text = Value::String(language.word(&english)?);
        }
        let text = |key: &str| -> Result<String> {
            Ok(words[key]
                .as_str()
                .with_context(|| format!("digits_words.json has no {key}"))?
                .into())
        };
        Ok(Words {
            decimal_mark: text("decimal_mark")?,
            measured: text("measured")?,
            splits: text("splits")?,
            model: text("model")?,
            mean: text("mean")?,
            split: text("split")?,
            seconds: text("seconds")?,
            ours: text("ours")?,
            narrow: text("narrow")?,
            sklearn_mlp: text("sklearn_mlp")?,
            logistic: text("logistic")?,
        })
    }
}

/// Where a language's table goes: `book/src/bench/digits.md`, `digits.ru.md`.
fn table_path(language: &language::Language) -> PathBuf {
    let name = match language.code {
        "en" => "digits.md".to_string(),
        code => format!("digits.{code}.md"),
    };
    setup::root().join("book/src/bench").join(name)
}

/// Writes every language's table from `book/src/bench/digits.json` (`write`), or checks that the
/// committed tables are those (`!write`).
pub fn tables(write: bool) -> Result<()> {
    let results: Value = serde_json::from_str(&fs::read_to_string(
        setup::root().join("book/src/bench/digits.json"),
    )?)?;
    for language in language::ALL {
        let (path, made) = (table_path(language), table(&results, &Words::of(language)?)?);
        if write {
            fs::write(&path, made)?;
        } else if fs::read_to_string(&path).ok().as_deref() != Some(made.as_str()) {
            bail!(
                "{} is not the table of book/src/bench/digits.json in its words: run `cargo xtask \
                 digits --tables`",
                path.display()
            );
        }
    }
    Ok(())
}

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
                &format!("{:.2}", r["machine"]["load_before"].as_f64().unwrap_or(f64::NAN))
                    .replace('.', &words.decimal_mark),
            )
            .replace(
                "{after}",
                &format!("{:.2}", r["machine"]["load_after"].as_f64().unwrap_or(f64::NAN))
                    .replace('.', &words.decimal_mark),
            )
            .replace("{rustc}", r["versions"]["rustc"].as_str().unwrap_or("?"))
            .replace("{sklearn}", r["versions"]["scikit-learn"].as_str().unwrap_or("?"))
            .replace("{numpy}", r["versions"]["numpy"].as_str().unwrap_or("?"))
            .replace("{hidden}", s["hidden_label"].as_str().unwrap_or("?"))
            .replace("{lr}", &s["learn_rate"].to_string().replace('.', &words.decimal_mark))
            .replace("{epochs}", &s["epochs"].to_string())
            .replace("{batch}", &s["batch_size"].to_string())
    };
    let number = |v: f64, digits: usize| format!("{v:.digits$}").replace('.', &words.decimal_mark);
    let mut out = format!("{}\n\n{}\n\n", fill(&words.measured), fill(&words.splits));
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
        ("ours", fill(&words.ours).replace("{layers}", &layers("layers"))),
        ("ours_narrow", fill(&words.narrow).replace("{layers}", &layers("narrow_layers"))),
        ("sklearn_mlp", words.sklearn_mlp.clone()),
        ("sklearn_logistic", words.logistic.clone()),
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_committed_tables_are_the_results_in_each_languages_words() {
        super::tables(false).unwrap();
    }
}
