//! `cargo xtask translate`: the translations of the book (gettext, with mdbook-i18n-helpers).
//!
//! - `cargo xtask translate` extracts every chapter's messages into `po/messages.pot`
//!   (git-ignored: it is made from the chapters) and merges them into each `po/LANG.po` with
//!   GNU gettext's `msgmerge`: a new English message arrives untranslated, a changed one keeps
//!   its old translation marked fuzzy, for the translator to review in a PO editor.
//! - `--check` does the same into a scratch directory and fails, with `msgfmt --statistics` (the
//!   coverage report of gettext itself), on any untranslated or fuzzy message, so that a
//!   translation cannot fall behind the English unnoticed; and on any translation that drops or
//!   changes what is not prose: a code span (formulas too, see `mdbook-nn/src/math.rs`), a link
//!   target, a `{}` placeholder of a printed string, a number; then the words check
//!   ([`crate::words`]): no English in what the Russian edition's figures and outputs show, no
//!   Cyrillic in the English edition's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mdbook_nn::language::{self, SCRIPTS};
use regex::Regex;
use xshell::{Shell, cmd};

use crate::notebooks::{excerpt, shown};
use crate::{book, setup};

/// Where the PO files live (`preprocessor.gettext.po-dir` in `book.toml`).
pub fn po_dir() -> PathBuf {
    setup::root().join("po")
}

/// The translations: every language of the book but English.
fn translations() -> impl Iterator<Item = &'static language::Language> {
    language::ALL.into_iter().filter(|l| l.code != "en")
}

/// Extracts the messages into `dir/messages.pot` (mdbook-xgettext, as a renderer of its own;
/// `links` is off, so a listing included from the crate is not a message).
fn extract(sh: &Shell, dir: &Path) -> Result<PathBuf> {
    setup::ensure_book_tools()?;
    let mdbook = setup::tool_path(setup::MDBOOK.binary);
    let book = book::book_dir();
    cmd!(sh, "{mdbook} build {book} -d {dir}")
        .env("MDBOOK_OUTPUT", r#"{"xgettext": {"pot-file": "messages.pot", "granularity": 0}}"#)
        .env("MDBOOK_BUILD__USE_DEFAULT_PREPROCESSORS", "false")
        .env("NO_COLOR", "1")
        .quiet()
        .ignore_stderr()
        .run()
        .context("mdbook-xgettext failed: run `cargo xtask book` to see why")?;
    let pot = dir.join("messages.pot");
    if !pot.is_file() {
        bail!("mdbook-xgettext wrote no {}", pot.display());
    }
    add_words(sh, &pot)?;
    Ok(pot)
}

/// The bench report's words (its tables and charts), in English.
const BENCH_WORDS: &str = "bench/speed/words.json";

/// The exercises' words about an unwritten answer, in English.
const EXERCISES_WORDS: &str = "exercises/src/words.json";

/// Every string of `value`, in order.
fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(fields) => fields.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Adds to the catalog `pot` the words the faces write beside the chapters, each with the file
/// that declares it in English: the book's extensions ([`language::WORDS`]), the bench report
/// (`bench/speed/words.json`), the exercises (`exercises/src/words.json`) and the book's scripts (GNU xgettext reads their `t` and `N_`
/// calls).
fn add_words(sh: &Shell, pot: &Path) -> Result<()> {
    let mut catalog = polib::po_file::parse(pot)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", pot.display()))?;
    let json = |file: &str| -> Result<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(setup::root().join(file))?)
            .with_context(|| format!("{file} is not valid JSON"))
    };
    let (bench, exercises) = (json(BENCH_WORDS)?, json(EXERCISES_WORDS)?);
    let (mut bench_words, mut exercises_words) = (Vec::new(), Vec::new());
    strings(&bench, &mut bench_words);
    strings(&exercises, &mut exercises_words);
    let sources = [
        ("mdbook-nn/src/language.rs", language::WORDS.to_vec()),
        (BENCH_WORDS, bench_words),
        (EXERCISES_WORDS, exercises_words),
    ];
    for (source, words) in sources {
        for word in words {
            catalog.append_or_update(
                polib::message::Message::build_singular()
                    .with_source(source.to_string())
                    .with_msgid(word.to_string())
                    .done(),
            );
        }
    }
    polib::po_file::write(&catalog, pot)
        .with_context(|| format!("cannot write {}", pot.display()))?;
    // The script's messages joined to the catalog, named by the path from the repository.
    let _root = sh.push_dir(setup::root());
    cmd!(
        sh,
        "xgettext --join-existing --language=JavaScript --keyword=t --keyword=N_ --from-code=UTF-8 --no-wrap -o {pot} {SCRIPTS...}"
    )
    .quiet()
    .run()
    .context("xgettext could not read the widgets' script")?;
    Ok(())
}

/// `cargo xtask translate`: `po/messages.pot` anew, merged into every `po/LANG.po`.
pub fn update() -> Result<()> {
    setup::ensure_gettext()?;
    let sh = setup::shell()?;
    let pot = extract(&sh, &po_dir())?;
    for language in translations() {
        let po = po_dir().join(format!("{}.po", language.code));
        if po.is_file() {
            cmd!(sh, "msgmerge --quiet --update --backup=none --no-wrap {po} {pot}").run()?;
        } else {
            let code = language.code;
            cmd!(sh, "msginit --no-translator --no-wrap -l {code} -i {pot} -o {po}").run()?;
        }
        cmd!(sh, "msgfmt --statistics -o /dev/null {po}").run()?;
    }
    println!(
        "translate: po/messages.pot extracted and merged; translate the fuzzy and untranslated messages of po/*.po"
    );
    Ok(())
}

/// `cargo xtask translate --check`: every message of every language translated, none fuzzy,
/// each translation keeping the message's code, formulas, links, placeholders and numbers.
pub fn check() -> Result<()> {
    setup::ensure_gettext()?;
    let sh = setup::shell()?;
    let scratch = setup::root().join("target/translate-check");
    sh.remove_path(&scratch)?;
    sh.create_dir(&scratch)?;
    let pot = extract(&sh, &scratch)?;
    let mut problems = Vec::new();
    for language in translations() {
        let (po, merged) = (
            po_dir().join(format!("{}.po", language.code)),
            scratch.join(format!("{}.po", language.code)),
        );
        if !po.is_file() {
            problems.push(format!("{}: missing (run `cargo xtask translate`)", shown(&po)));
            continue;
        }
        cmd!(sh, "msgmerge --quiet --no-wrap -o {merged} {po} {pot}").run()?;
        let stats = cmd!(sh, "msgfmt --check --statistics -o /dev/null {merged}")
            .quiet()
            .ignore_status()
            .output()?;
        let report = String::from_utf8_lossy(&stats.stderr).trim().to_string();
        println!("translate: po/{}.po against the chapters: {report}", language.code);
        if !stats.status.success() {
            problems.push(format!("{}: msgfmt --check fails: {report}", shown(&po)));
        }
        if report.contains("fuzzy") || report.contains("untranslated") {
            problems.push(format!(
                "{}: {report}; run `cargo xtask translate`, then translate the fuzzy and \
                 untranslated messages (a PO editor such as Poedit lists them)",
                shown(&po)
            ));
        }
        let catalog = polib::po_file::parse(&merged)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", merged.display()))?;
        for message in catalog.messages() {
            if message.is_translated() && !message.is_fuzzy() {
                let (id, text) = (message.msgid(), message.msgstr().unwrap_or_default());
                problems.extend(
                    kept_problems(id, text).into_iter().map(|p| {
                        format!("{}: {p} in the translation of {}", shown(&po), excerpt(id))
                    }),
                );
            }
        }
    }
    if !problems.is_empty() {
        bail!("the translations disagree with the chapters:\n  {}", problems.join("\n  "));
    }
    println!(
        "translate: every message translated, none fuzzy, code, formulas, links and numbers kept"
    );
    crate::words::check()
}

/// What a translation `text` of the message `id` lost or changed of what is not prose.
pub fn kept_problems(id: &str, text: &str) -> Vec<String> {
    let re = |r: &str| Regex::new(r).expect("a valid pattern");
    let count = |pattern: &Regex, s: &str, group: usize| -> BTreeMap<String, usize> {
        let mut found = BTreeMap::new();
        for c in pattern.captures_iter(s) {
            *found.entry(c[group].to_string()).or_default() += 1;
        }
        found
    };
    let code = re(r"(`+)([^`]|[^`][\s\S]*?[^`])`+");
    let link = re(r"\]\(([^)\s]+)");
    let placeholder = re(r"\{[^{}\s]*\}");
    let number = re(r"\d+(?:[,\u{a0}\u{202f}]\d{3})*(?:\.\d+)?");
    let without_code = |s: &str| code.replace_all(s, "").to_string();
    // Inside a formula only the words of `\text{...}` may be translated (KaTeX typesets them
    // with the browser's fonts, its own having no Cyrillic).
    let words = re(r"\\text\{[^{}]*\}");
    let spans = |s: &str| -> BTreeMap<String, usize> {
        let mut found = BTreeMap::new();
        for c in code.captures_iter(s) {
            *found.entry(words.replace_all(&c[0], r"\text{}").to_string()).or_default() += 1;
        }
        found
    };
    let mut problems = Vec::new();
    // The one code a translation changes: the path from its notebooks (`notebooks/ru/`, one
    // folder further down) to the crate in the `:dep` line the book shows.
    let text = &text.replace(r#"path = "../..""#, r#"path = "..""#);
    if spans(id) != spans(text) {
        problems.push("a code span or formula differs".to_string());
    }
    // The link targets a translation changes: the benchmark's tables and charts in its language
    // (`bench/results.ru.md`, `bench/throughput.ru.svg`), which the bench report writes.
    let bench = re(r"bench/(results|throughput|roofline)\.(md|svg)");
    let ours = |s: &str| bench.replace_all(s, "bench/$1.LANG.$2").to_string();
    let theirs = |s: &str| {
        translations().fold(s.to_string(), |s, l| {
            let theirs = re(&format!(r"bench/(results|throughput|roofline)\.{}\.(md|svg)", l.code));
            theirs.replace_all(&s, "bench/$1.LANG.$2").to_string()
        })
    };
    if count(&link, &ours(id), 1) != count(&link, &theirs(text), 1)
        || ours(id).contains("{{#include") != theirs(text).contains("{{#include")
        || (ours(id).contains("{{#include") && ours(id) != theirs(text))
    {
        problems.push("a link target or include differs".to_string());
    }
    if count(&placeholder, &without_code(id), 0) != count(&placeholder, &without_code(text), 0) {
        problems.push("a `{}` placeholder differs".to_string());
    }
    let digits = |s: &str| -> BTreeMap<String, usize> {
        let mut found = BTreeMap::new();
        for m in number.find_iter(&without_code(s)) {
            let n: String =
                m.as_str().chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
            *found.entry(n).or_default() += 1;
        }
        found
    };
    let (want, have) = (digits(id), digits(text));
    let missing: Vec<&String> =
        want.iter().filter(|(n, k)| have.get(*n).unwrap_or(&0) < k).map(|(n, _)| n).collect();
    if !missing.is_empty() {
        problems.push(format!("the numbers {missing:?} are missing"));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_keeps_code_formulas_links_placeholders_and_numbers() {
        let id = "The sum `$w_1 x_1$` is 0.0948 for [Alice](03-data.md), `f(x)`: 100,000 people";
        let good =
            "Сумма `$w_1 x_1$` равна 0.0948 для [Алисы](03-data.md), `f(x)`: 100\u{a0}000 человек";
        assert_eq!(kept_problems(id, good), Vec::<String>::new());
        for bad in [
            "Сумма `$w_1 x_2$` равна 0.0948 для [Алисы](03-data.md), `f(x)`: 100\u{a0}000 человек",
            "Сумма `$w_1 x_1$` равна 0.948 для [Алисы](03-data.md), `f(x)`: 100\u{a0}000 человек",
            "Сумма `$w_1 x_1$` равна 0.0948 для [Алисы](04-data.md), `f(x)`: 100\u{a0}000 человек",
            "Сумма `$w_1 x_1$` равна 0.0948 для [Алисы](03-data.md), f(x): 100\u{a0}000 человек",
            "Сумма `$w_1 x_1$` равна 0.0948 для [Алисы](03-data.md), `f(x)`: 10\u{a0}000 человек",
        ] {
            assert!(!kept_problems(id, bad).is_empty(), "{bad}");
        }
        assert!(!kept_problems("\"loss {:.3}\"", "\"потери {:.4}\"").is_empty());
        assert!(kept_problems("`$y_\\text{pred}$`", "`$y_\\text{предск}$`").is_empty());
        assert!(!kept_problems("`$y_\\text{pred}$`", "`$z_\\text{предск}$`").is_empty());
        assert!(
            kept_problems("{{#include bench/results.md}}", "{{#include bench/results.ru.md}}")
                .is_empty()
        );
        assert!(
            !kept_problems("{{#include bench/results.md}}", "{{#include bench/other.md}}")
                .is_empty()
        );
        assert!(
            kept_problems("![a](bench/roofline.svg)", "![б](bench/roofline.ru.svg)").is_empty()
        );
        assert!(
            !kept_problems("![a](bench/roofline.svg)", "![б](bench/throughput.ru.svg)").is_empty()
        );
    }
}
