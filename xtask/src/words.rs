//! The words each edition's reader sees, checked: no English word in what the Russian edition
//! shows (its figures, its notebooks' outputs, its exercises: the checks' messages, the
//! starters' and solutions' comments and strings, the progress command's words; the widgets are
//! checked in Chromium by `widget_check.py` with the same lists, [`ALLOWED`] written to a file
//! it reads), and no Cyrillic in the English edition's. Run by `cargo xtask translate --check`.
//!
//! A word is a run of Latin letters; it counts as English unless it is one of [`ALLOWED`]
//! (names, symbols, units) or glued to a digit, underscore, dot or `::` (`w1`, `y_pred`,
//! `x.len`, `Optimizer::new`): those are code. In the exercises' words, which talk about code,
//! code spans (`` `seed` ``), calls and indexing (`feedforward(x)`, `params[2]`), words joined
//! by commas (a CSV row) and mdBook's `ANCHOR` lines are code too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mdbook_nn::notebook::{Notebook, joined};
use regex::Regex;

use crate::exercise_files;
use crate::notebooks::shown;
use crate::setup;
use mdbook_nn::language::{ENGLISH, RUSSIAN};

/// Latin words a Russian reader may meet: names of software, people and methods, symbols and
/// units that Russian texts write in Latin letters too.
#[rustfmt::skip]
pub const ALLOWED: &[&str] = &[
    // software, formats, hardware, files
    "Rust",
    "README",
    "NumPy",
    "Python",
    "PyTorch",
    "candle",
    "scikit-learn",
    "Jupyter",
    "evcxr",
    "Chromium",
    "Git",
    // a colour scheme's name, one of mdBook's themes
    "Ayu",
    "SVG",
    "CSV",
    "JSON",
    "CPU",
    "AVX",
    "FMA",
    "SIMD",
    "GFLOP",
    "GFLOPS",
    "BLAS",
    // keys, as printed on the keyboard (the draw-a-digit widget's help)
    "Tab",
    "Delete",
    "Esc",
    // Rust's own words in printed values
    "Ok",
    "Err",
    "None",
    "Some",
    "NaN",
    "inf",
    "true",
    "false",
    // methods and their short names
    "SGD",
    "ReLU",
    "MSE",
    "MLP",
    "Adam",
    "softmax",
    "tanh",
    "ln",
    "exp",
    "max",
    "min",
    // symbols: time units, the derivatives' names as the code prints them
    "ns",
    "ms",
    "µs",
    "dL",
    "dw",
    "db",
    "dx",
    "dy",
    "ypred",
    "dypred",
    // a Greek letter's name, a variable of the formulas (`v ← beta v + g`)
    "beta",
    // the crate's functions and the names a user types (`--activation sigmoid`, `--optimizer
    // momentum`), printed as code
    "backprop",
    "sigmoid",
    "relu",
    "sgd",
    "momentum",
    "adam",
];

/// Where a place's words come from, and what they are.
struct Place {
    name: &'static str,
    words: BTreeMap<String, Vec<String>>,
}

/// The English words of `text`: runs of Latin letters, except [`ALLOWED`] ones and code.
pub fn latin_words(text: &str) -> Vec<String> {
    // A name of several words (`scikit-learn`) is allowed whole.
    let text = &ALLOWED
        .iter()
        .filter(|a| a.contains('-'))
        .fold(text.to_string(), |t, a| t.replace(a, " "));
    let token = Regex::new(r"[A-Za-z0-9_.:]*[A-Za-z][A-Za-z0-9_.:']*").expect("a valid pattern");
    token
        .find_iter(text)
        .map(|m| m.as_str().trim_end_matches(['.', ':', '\'']).to_string())
        .filter(|w| {
            w.len() >= 2
                && w.chars().all(|c| c.is_ascii_alphabetic() || c == '\'')
                && !ALLOWED.iter().any(|a| a.eq_ignore_ascii_case(w))
        })
        .collect()
}

/// The Cyrillic words of `text`.
pub fn cyrillic_words(text: &str) -> Vec<String> {
    let token = Regex::new(r"[\p{Cyrillic}]+").expect("a valid pattern");
    token.find_iter(text).map(|m| m.as_str().to_string()).collect()
}

/// `text` (words about code) without its code: code spans, calls and indexing, structs written
/// out, paths, comma-joined words and `ANCHOR` lines.
pub fn without_code(text: &str) -> String {
    let re = |r: &str| Regex::new(r).expect("a valid pattern");
    let mut text = re(r"(?m)^.*\bANCHOR(_END)?:.*$").replace_all(text, " ").to_string();
    text = re(r"`[^`]*`").replace_all(&text, " ").to_string();
    let call = re(r"[A-Za-z_][\w:.]*[(\[][^()\[\]]*[)\]]");
    // Inner calls first: `f(g(x))`.
    for _ in 0..3 {
        text = call.replace_all(&text, "x").to_string();
    }
    // A struct written out (`Normalisation { offset: ... }`), a path, a CSV row.
    text = re(r"\b[A-Z]\w*\s*\{+[^{}]*\}+").replace_all(&text, " ").to_string();
    re(r"\S*[A-Za-z0-9][,/][A-Za-z0-9]\S*").replace_all(&text, " ").to_string()
}

/// The exercises' words of an edition (`russian` or the English one), as its reader meets them,
/// by what they are: the checks' messages, the starters' and the solutions' comments and string
/// literals, the progress command's words (the translations of the English words in
/// `exercises/src/words.json` and `xtask/src/exercises_words.json`, and the files of
/// [`exercise_files::editions`]).
fn exercises_places(russian: bool) -> Result<Vec<(&'static str, String, String)>> {
    let language = if russian { &RUSSIAN } else { &ENGLISH };
    let mut found = Vec::new();
    for (name, file) in [
        ("exercises' check messages", "exercises/src/words.json"),
        ("exercises' progress command", "xtask/src/exercises_words.json"),
    ] {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(setup::root().join(file))?)?;
        let mut text = String::new();
        for english in json.as_object().context("a map of words")?.values() {
            text += &language.word(english.as_str().unwrap_or_default())?;
            text.push('\n');
        }
        found.push((name, file.to_string(), text));
    }
    let files = exercise_files::editions(&exercise_files::po(language), language)?;
    for (file, source, code) in files {
        let name = match exercise_files::is_solution(&source) {
            true => "exercises' solutions",
            false => "exercises' starters",
        };
        let words = mdbook_nn::exercises::messages(&code)?.join("\n");
        found.push((name, file.display().to_string(), words));
    }
    Ok(found)
}

/// The text an SVG shows: its `<text>` and `<title>` contents.
fn svg_text(svg: &str) -> String {
    let text = Regex::new(r"(?s)<(text|title|tspan|desc)[^>]*>([^<]*)<").expect("a valid pattern");
    let text = text.captures_iter(svg).map(|c| c[2].to_string()).collect::<Vec<_>>().join("\n");
    text.replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What a notebook's code cells printed (their text outputs; figures are checked as files).
fn outputs_text(notebook: &Notebook) -> String {
    let mut text = String::new();
    for cell in &notebook.cells {
        for output in cell.outputs() {
            if let Some(t) = output.get("text") {
                text.push_str(&joined(t));
            }
            if let Some(t) = output.get("data").and_then(|d| d.get("text/plain")) {
                text.push_str(&joined(t));
            }
            if let Some(t) = output.get("evalue") {
                text.push_str(&joined(t));
            }
            text.push('\n');
        }
    }
    text
}

fn files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    found.sort();
    Ok(found)
}

/// The words of the figures, notebook outputs and exercises of one edition
/// (`russian`: the Russian one, whose English words are counted; else the English one, whose
/// Cyrillic words are).
fn places(russian: bool) -> Result<Vec<Place>> {
    let root = setup::root();
    let sub = if russian { "ru" } else { "" };
    let pick = |text: &str| if russian { latin_words(text) } else { cyrillic_words(text) };
    let mut figures = Place { name: "figures", words: BTreeMap::new() };
    for svg in files(&root.join("book/src/figures").join(sub), "svg")? {
        let text = std::fs::read_to_string(&svg)?;
        let words = pick(&svg_text(&text));
        if !words.is_empty() {
            figures.words.insert(shown(&svg), words);
        }
    }
    // The bench report's charts: `NAME.ru.svg` beside the English `NAME.svg`.
    for svg in files(&root.join("book/src/bench"), "svg")? {
        let name = svg.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.ends_with(".ru.svg") == russian {
            let words = pick(&svg_text(&std::fs::read_to_string(&svg)?));
            if !words.is_empty() {
                figures.words.insert(shown(&svg), words);
            }
        }
    }
    let mut outputs = Place { name: "notebook outputs", words: BTreeMap::new() };
    for path in files(&root.join("notebooks").join(sub), "ipynb")? {
        let Some(notebook) = Notebook::read(&path)? else { continue };
        let words = pick(&outputs_text(&notebook));
        if !words.is_empty() {
            outputs.words.insert(shown(&path), words);
        }
    }
    let mut places = vec![figures, outputs];
    for (name, file, text) in exercises_places(russian)? {
        if !places.iter().any(|p| p.name == name) {
            places.push(Place { name, words: BTreeMap::new() });
        }
        let words = pick(&without_code(&text));
        if let Some(place) = places.iter_mut().find(|p| p.name == name)
            && !words.is_empty()
        {
            place.words.insert(file, words);
        }
    }
    Ok(places)
}

/// Fails listing every English word of the Russian edition's figures and outputs outside
/// [`ALLOWED`], and every Cyrillic word of the English edition's; prints the counts per place.
pub fn check() -> Result<()> {
    let mut problems = Vec::new();
    for (russian, what) in
        [(true, "English words in the Russian"), (false, "Cyrillic in the English")]
    {
        for place in places(russian)? {
            let count: usize = place.words.values().map(Vec::len).sum();
            println!("words: {what} edition's {}: {count}", place.name);
            for (file, words) in &place.words {
                problems.push(format!("{file}: {what} edition: {}", words.join(" ")));
            }
        }
    }
    if !problems.is_empty() {
        bail!(
            "words a reader sees are in the other edition's language (translate them in \
             po/ru.po, or pass them from the chapter's code; names and symbols are allowed in \
             xtask/src/words.rs):\n  {}",
            problems.join("\n  ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_found_and_code_is_not() {
        assert_eq!(latin_words("Эмили: 0.949 -> female"), ["female"]);
        assert!(latin_words("w1 = 0.5, y_pred, dL/dw1, SGD, ReLU, Ok(()), f64::NAN").is_empty());
        assert!(latin_words("nn_from_scratch::activation::sigmoid: Optimizer::new").is_empty());
        assert_eq!(latin_words("scikit-learn, learn"), ["learn"]);
        assert_eq!(cyrillic_words("weight, вес"), ["вес"]);
        assert_eq!(svg_text("<svg><text x=\"1\">вес, фунты</text></svg>"), "вес, фунты");
        let about_code = "// ANCHOR: best_step\n/// `seed` of deep_network(seed), params[i] and \
                          Dataset::tutorial().inputs; \"name,sex\nAda,F\"; sign";
        assert_eq!(latin_words(&without_code(about_code)), ["of", "and", "sign"]);
    }
}
