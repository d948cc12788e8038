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
//!   target, a `{}` placeholder of a printed string, a number. A number of the prose is kept in
//!   the translation's own way of writing it (`0.949` as `0,949` in Russian, see
//!   `Language::prose_numbers`); a number of a snippet's code keeps Rust's point; and on an
//!   exercises' file that its translation would break ([`exercise_files::editions`]: an
//!   `ANCHOR` line changed). Then the words
//!   check ([`crate::words`]): no English in what the Russian edition's figures and outputs show,
//!   no Cyrillic in the English edition's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mdbook_nn::language::{self, SCRIPTS};
use regex::Regex;
use xshell::{Shell, cmd};

use crate::notebooks::{excerpt, shown};
use crate::{book, exercise_files, setup};

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

/// The words of the digits chapter's accuracy table, in English.
const DIGITS_WORDS: &str = "xtask/src/digits_words.json";

/// The words of the exercises' progress command, in English.
const PROGRESS_WORDS: &str = "xtask/src/exercises_words.json";

/// The English words of `key` in `exercises/src/words.json` (the key itself if it has none).
pub fn exercises_word(key: &str) -> String {
    let words = std::fs::read_to_string(setup::root().join(EXERCISES_WORDS)).unwrap_or_default();
    let words: serde_json::Value = serde_json::from_str(&words).unwrap_or_default();
    words[key].as_str().unwrap_or(key).to_string()
}

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
/// (`bench/speed/words.json`), the exercises' checks (`exercises/src/words.json`) and progress
/// command (`xtask/src/exercises_words.json`), the digits chapter's accuracy table
/// (`xtask/src/digits_words.json`), the comments and string literals of the
/// exercises' starters and solutions ([`exercise_files`]) and the book's scripts (GNU xgettext
/// reads their `t` and `N_` calls).
fn add_words(sh: &Shell, pot: &Path) -> Result<()> {
    let mut catalog = polib::po_file::parse(pot)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", pot.display()))?;
    let json = |file: &str| -> Result<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(setup::root().join(file))?)
            .with_context(|| format!("{file} is not valid JSON"))
    };
    let mut sources = vec![("mdbook-nn/src/language.rs", language::WORDS.to_vec())];
    let names = [BENCH_WORDS, EXERCISES_WORDS, DIGITS_WORDS, PROGRESS_WORDS];
    let files = names.map(json).into_iter().collect::<Result<Vec<_>>>()?;
    for (file, value) in names.into_iter().zip(&files) {
        let mut words = Vec::new();
        strings(value, &mut words);
        sources.push((file, words));
    }
    let mut sources: Vec<(String, Vec<String>)> = sources
        .into_iter()
        .map(|(file, words)| (file.to_string(), words.into_iter().map(String::from).collect()))
        .collect();
    for file in exercise_files::sources()? {
        let code = exercise_files::shipped(&file)?;
        sources.push((file.display().to_string(), mdbook_nn::exercises::messages(&code)?));
    }
    for (source, words) in sources {
        for word in words {
            catalog.append_or_update(
                polib::message::Message::build_singular()
                    .with_source(source.clone())
                    .with_msgid(word)
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
        if let Err(e) = exercise_files::editions(&merged, language) {
            problems.push(format!("{e:#}"));
        }
        let catalog = polib::po_file::parse(&merged)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", merged.display()))?;
        for message in catalog.messages() {
            if message.is_translated() && !message.is_fuzzy() {
                let (id, text) = (message.msgid(), message.msgstr().unwrap_or_default());
                problems.extend(
                    kept_problems(id, text, language).into_iter().map(|p| {
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

/// Whether the message `id` comes from a snippet's code (a string literal, a comment, a whole
/// fenced block) rather than from the prose: its numbers keep Rust's point in every language.
fn is_code(id: &str) -> bool {
    (id.len() > 1 && id.starts_with('"') && id.ends_with('"'))
        || id.starts_with("//")
        || id.starts_with("```")
}

/// The English message `id` with the places that differ in `language`'s edition as that
/// edition has them: its notebooks one folder further down (`notebooks/ru/`, whose first cell
/// loads the crate from `"../.."`), its benchmark tables and charts (`bench/results.ru.md`,
/// `bench/roofline.ru.svg`), and its exercises: the starters `exercises/ru/chNN.rs`, checked
/// with the package's feature of the language (`cargo test -p exercises --features ru --test
/// ch01`, `cargo xtask exercises --language ru`), whose unwritten answers say so in the
/// language (`not yet implemented`, from `exercises/src/words.json`, as `po/ru.po` has it).
fn places_in(id: &str, language: &language::Language) -> String {
    if language.subdir.is_empty() {
        return id.to_string();
    }
    let (code, subdir) = (language.code, language.subdir);
    let not_started = exercises_word("not_implemented");
    let not_started_here = language.word(&not_started).unwrap_or(not_started.clone());
    id.replace("exercises/src/ch", &format!("exercises/{subdir}/ch"))
        .replace("exercises --test ch", &format!("exercises --features {code} --test ch"))
        .replace("xtask exercises`", &format!("xtask exercises --language {code}`"))
        .replace(&not_started, &not_started_here)
        .replace("notebooks/", &format!("notebooks/{}/", language.subdir))
        .replace(r#"path = "..""#, r#"path = "../..""#)
        .replace("bench/results.md", &format!("bench/results.{}.md", language.code))
        .replace("bench/throughput.svg", &format!("bench/throughput.{}.svg", language.code))
        .replace("bench/roofline.svg", &format!("bench/roofline.{}.svg", language.code))
        .replace("bench/digits.md", &format!("bench/digits.{}.md", language.code))
}

/// What a translation `text` (in `language`) of the message `id` lost or changed of what is
/// not prose, and where its prose breaks the language's conventions for numbers.
pub fn kept_problems(id: &str, text: &str, language: &language::Language) -> Vec<String> {
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
    let without_code = |s: &str| code.replace_all(s, " ").to_string();
    let without_links = |s: &str| link.replace_all(&without_code(s), "]").to_string();
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
    let ours = places_in(id, language);
    let mut problems = Vec::new();
    if spans(&ours) != spans(text) {
        problems.push("a code span or formula differs".to_string());
    }
    if count(&link, &ours, 1) != count(&link, text, 1)
        || ours.contains("{{#include") != text.contains("{{#include")
        || (ours.contains("{{#include") && ours != text)
    {
        problems.push("a link target or include differs".to_string());
    }
    if count(&placeholder, &without_code(id), 0) != count(&placeholder, &without_code(text), 0) {
        problems.push("a `{}` placeholder differs".to_string());
    }
    let tally = |numbers: Vec<String>| -> BTreeMap<String, usize> {
        let mut found = BTreeMap::new();
        for n in numbers {
            *found.entry(n).or_default() += 1;
        }
        found
    };
    // A snippet's code keeps Rust's numbers; the prose writes them as its language does. A
    // string literal with no `{}` placeholder may be a figure's title, label or legend, which
    // the reader sees in the figure beside ticks with the language's decimal mark: it may write
    // its numbers with a decimal comma too (a format string's output is the program's, with
    // Rust's point).
    let reader = if is_code(id) { &language::ENGLISH } else { language };
    // (A literal whose English has a comma between digits, a CSV row, keeps it as it is.)
    let decimal_comma = re(r"(\d),(\d)");
    let literal = is_code(id) && id.starts_with('"') && !placeholder.is_match(id);
    let text = match literal && !decimal_comma.is_match(id) {
        true => decimal_comma.replace_all(text, "$1.$2").to_string(),
        false => text.to_string(),
    };
    let want = tally(language::ENGLISH.prose_numbers(&without_links(id)).0);
    let (have, conventions) = reader.prose_numbers(&without_links(&text));
    let have = tally(have);
    let missing: Vec<&String> =
        want.iter().filter(|(n, k)| have.get(*n).unwrap_or(&0) < k).map(|(n, _)| n).collect();
    if !missing.is_empty() {
        problems.push(format!("the numbers {missing:?} are missing"));
    }
    problems.extend(conventions);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdbook_nn::language::RUSSIAN;

    #[test]
    fn a_translation_keeps_code_formulas_links_placeholders_and_numbers() {
        let kept = |id: &str, text: &str| kept_problems(id, text, &RUSSIAN);
        let id = "The sum `$w_1 x_1$` is 0.0948 for [Alice](03-data.md), `f(x)`: 100,000 people";
        let good =
            "Сумма `$w_1 x_1$` равна 0,0948 для [Алисы](03-data.md), `f(x)`: 100\u{a0}000 человек";
        assert_eq!(kept(id, good), Vec::<String>::new());
        for bad in [
            "Сумма `$w_1 x_2$` равна 0,0948 для [Алисы](03-data.md), `f(x)`: 100\u{a0}000 человек",
            "Сумма `$w_1 x_1$` равна 0,948 для [Алисы](03-data.md), `f(x)`: 100\u{a0}000 человек",
            "Сумма `$w_1 x_1$` равна 0,0948 для [Алисы](04-data.md), `f(x)`: 100\u{a0}000 человек",
            "Сумма `$w_1 x_1$` равна 0,0948 для [Алисы](03-data.md), f(x): 100\u{a0}000 человек",
            "Сумма `$w_1 x_1$` равна 0,0948 для [Алисы](03-data.md), `f(x)`: 10\u{a0}000 человек",
        ] {
            assert!(!kept(id, bad).is_empty(), "{bad}");
        }
        assert!(!kept("\"loss {:.3}\"", "\"потери {:.4}\"").is_empty());
        // A figure's words write the reader's decimal mark; a format string, Rust's point.
        for (id, text, fine) in [
            ("\"learning rate 0.01\"", "\"скорость обучения 0,01\"", true),
            ("\"learning rate 0.01\"", "\"скорость обучения 0.01\"", true),
            ("\"learning rate 0.01\"", "\"скорость обучения 0,1\"", false),
            ("\"below 0.34: {}\"", "\"ниже 0.34: {}\"", true),
            ("\"below 0.34: {}\"", "\"ниже 0,34: {}\"", false),
        ] {
            assert_eq!(kept(id, text).is_empty(), fine, "{text}");
        }
        assert!(kept("`$y_\\text{pred}$`", "`$y_\\text{предск}$`").is_empty());
        assert!(!kept("`$y_\\text{pred}$`", "`$z_\\text{предск}$`").is_empty());
        assert!(
            kept("{{#include bench/results.md}}", "{{#include bench/results.ru.md}}").is_empty()
        );
        assert!(!kept("{{#include bench/results.md}}", "{{#include bench/results.md}}").is_empty());
        assert!(!kept("{{#include bench/results.md}}", "{{#include bench/other.md}}").is_empty());
    }

    #[test]
    fn the_russian_prose_writes_a_decimal_comma_and_code_a_point() {
        let kept = |id: &str, text: &str| kept_problems(id, text, &RUSSIAN);
        let id = "Emily gets 0.949, 44% of 1,000,000 people, 2.9–3.8 times; see exercise 4.1 \
                  and Rust 1.89, and the [circle](#data=circle&test=0.3).";
        let good = "Эмили получает 0,949, 44\u{a0}% из 1\u{a0}000\u{a0}000 человек, в 2,9–3,8 \
                    раза; см. упражнение 4.1 и версию Rust 1.89, и [круг](#data=circle&test=0.3).";
        assert_eq!(kept(id, good), Vec::<String>::new());
        for bad in [
            // a decimal point in the prose
            good.replace("0,949", "0.949"),
            good.replace("2,9–3,8", "2.9–3.8"),
            // a number changed
            good.replace("0,949", "0,9491"),
            good.replace("0,949", "0,94"),
            // no space, or a breaking one, before %
            good.replace("44\u{a0}%", "44%"),
            good.replace("44\u{a0}%", "44 %"),
            // thousands grouped by commas, which the Russian reads as decimals
            good.replace("1\u{a0}000\u{a0}000", "1,000,000"),
        ] {
            assert!(!kept(id, &bad).is_empty(), "{bad}");
        }
        // A snippet's comment or string literal is code: its numbers keep the point.
        assert!(kept("// 0.5 at the middle\n", "// 0.5 посередине\n").is_empty());
        assert!(!kept("// 0.5 at the middle\n", "// 0,5 посередине\n").is_empty());
        assert!(kept("\"rate 0.1: {}\"", "\"скорость 0.1: {}\"").is_empty());
        assert!(!kept("\"rate 0.1: {}\"", "\"скорость 0,1: {}\"").is_empty());
        // A CSV row in a literal keeps its commas.
        assert!(kept("\"Ada,58,163,F\"", "\"Ада,58,163,F\"").is_empty());
        assert!(!kept("\"Ada,58,163,F\"", "\"Ада,58,164,F\"").is_empty());
        // A paragraph that opens with a quotation is prose.
        let quoted = "\"Faster\" is 2.5 times.";
        assert!(kept(quoted, "«Быстрее» — в 2,5 раза.").is_empty());
        assert!(!kept(quoted, "«Быстрее» — в 2.5 раза.").is_empty());
    }

    #[test]
    fn the_russian_edition_points_to_its_own_notebooks() {
        let kept = |id: &str, text: &str| kept_problems(id, text, &RUSSIAN);
        let id = "The folder `notebooks/` holds them.";
        assert!(kept(id, "Они лежат в папке `notebooks/ru/`.").is_empty());
        assert!(!kept(id, "Они лежат в папке `notebooks/`.").is_empty());
        let dep = "```text\n:dep nn = { path = \"..\" }\n```";
        assert!(kept(dep, &dep.replace("\"..\"", "\"../..\"")).is_empty());
        assert!(!kept(dep, dep).is_empty());
        assert!(kept("![a](bench/roofline.svg)", "![б](bench/roofline.ru.svg)").is_empty());
        let exercises = "Write in `exercises/src/ch01.rs`, check with `cargo test -p exercises \
                         --test ch01` and `cargo xtask exercises`; until then `Err(not yet \
                         implemented: ...)`.";
        let russian = "Пишите в `exercises/ru/ch01.rs`, проверяйте с `cargo test -p exercises \
                       --features ru --test ch01` и `cargo xtask exercises --language ru`; а \
                       пока `Err(ещё не написано: ...)`.";
        assert_eq!(kept(exercises, russian), Vec::<String>::new());
        assert!(!kept(exercises, &russian.replace("ru/ch01", "src/ch01")).is_empty());
        assert!(!kept(exercises, &russian.replace(" --language ru", "")).is_empty());
        assert!(!kept("![a](bench/roofline.svg)", "![б](bench/throughput.ru.svg)").is_empty());
    }
}
