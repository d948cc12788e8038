//! The book's languages. The chapters are written in English; a translation is built from
//! `po/LANG.po` by mdbook-i18n-helpers' gettext preprocessor, which runs before everything here,
//! so these extensions receive the chapters already translated. What they write themselves (the
//! notebooks' note on the first run, the label over a snippet's output) and the words the prose
//! check looks for are here, one [`Language`] each.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use mdbook_renderer::config::Config;

/// What the extensions need to know of one language.
#[derive(Debug)]
pub struct Language {
    /// `book.language` in mdBook's configuration.
    pub code: &'static str,
    /// The book's title in this language (`""`: `book.toml`'s).
    pub title: &'static str,
    /// Where this language's notebooks and figures sit below the English ones: `""` for
    /// English, else the code (`notebooks/ru/`, `book/src/figures/ru/`).
    pub subdir: &'static str,
    /// The note before a notebook's first cell, which shows only `[*]` while it compiles.
    pub first_run: &'static str,
    /// The label the HTML book puts over what a snippet printed.
    pub output_label: &'static str,
    /// The line at the top of each chapter page linking its notebook (HTML; `{href}` and
    /// `{file}` are filled in by the `outputs` preprocessor).
    pub notebook_link: &'static str,
    /// The exercises' folded parts, `<summary>Hint</summary>` and `<summary>Solution</summary>`
    /// in the chapters: HTML, which gettext does not translate, so they are translated here.
    pub summaries: &'static [(&'static str, &'static str)],
    /// Ratios in the prose, each pattern with the groups `n` (the number), `p` (its decimals)
    /// and `w` (the sign or word).
    pub ratios: &'static [&'static str],
    /// Times in ns, µs or ms, with the groups `about` (a rounded time, not checked), `n`, `u`.
    pub times: &'static str,
    /// Words of a sentence (or table) that mark its times as a one-off measurement.
    pub one_off: &'static [&'static str],
    /// Counts of people, parameters or mini-batches, with the groups `n` and `w`; and `size`
    /// when the number is the size of each batch or chunk (`batches of 16 adults`, `по 32
    /// человека`), a setting rather than a count.
    pub counts: &'static str,
}

/// The language the chapters are written in.
pub const ENGLISH: Language = Language {
    code: "en",
    title: "",
    subdir: "",
    first_run: "*Running this notebook:* the next cell loads this book's crate. The first time \
on a machine it compiles the crate and its dependencies, about half a minute on an idle two-core \
machine, while Jupyter shows only `[*]`; after that a restarted kernel or another notebook finds \
them compiled and starts within seconds.",
    output_label: "Output:",
    notebook_link: "This chapter as a Jupyter notebook for the Rust kernel (evcxr): \
<a href=\"{href}\" download>{file}</a>. It runs inside a clone of the repository: put it in the \
clone's <code>notebooks/</code> folder, where its first cell finds the crate.",
    summaries: &[],
    ratios: &[r"(?P<n>\d+(?:\.(?P<p>\d+))?)\s*(?P<w>×|times)"],
    times: r"(?P<about>about )?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>ns|µs|ms)\b",
    one_off: &["one-off"],
    counts: r"(?P<size>(?:batch|chunk)e?s? of )?\b(?P<n>\d+) (?P<w>people|adults|women|men|parameters|mini-batches)\b",
};

/// The Russian edition (`po/ru.po`).
pub const RUSSIAN: Language = Language {
    code: "ru",
    title: "Нейронные сети с нуля на Rust",
    subdir: "ru",
    first_run: "*Как запустить этот блокнот:* следующая ячейка загружает крейт этой книги. В \
первый раз на машине она компилирует крейт и его зависимости: около полуминуты на свободной \
двухъядерной машине, и всё это время Jupyter показывает только `[*]`. Потом перезапущенное ядро \
или другой блокнот находят их уже скомпилированными и запускаются за несколько секунд.",
    output_label: "Вывод:",
    notebook_link: "Эта глава в виде блокнота Jupyter для ядра Rust (evcxr): \
<a href=\"{href}\" download>{file}</a>. Он работает внутри клона репозитория: положите его в \
папку <code>notebooks/ru/</code> клона, где его первая ячейка находит крейт.",
    summaries: &[("Hint", "Подсказка"), ("Solution", "Решение")],
    ratios: &[
        r"(?P<n>\d+(?:\.(?P<p>\d+))?)\s*(?P<w>×)",
        r"\bв\s+(?P<n>\d+(?:\.(?P<p>\d+))?)\s+(?P<w>раза?)\b",
    ],
    times: r"(?P<about>(?:около|примерно|порядка|приблизительно) )?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>ns|µs|ms|нс|мкс|мс)\b",
    one_off: &["one-off", "разов", "однократн"],
    counts: r"(?P<size>(?i:пакет\w*|порци\w*) (?:из|по) )?\b(?P<n>\d+) (?P<w>человека?|взрослы[хм]|женщин[аы]?|мужчин[аы]?|параметр\w*|мини-пакет\w*)\b",
};

impl Language {
    /// `text` with the exercises' `<summary>` labels in this language.
    pub fn localised(&self, text: &str) -> String {
        self.summaries.iter().fold(text.to_string(), |text, (english, ours)| {
            text.replace(
                &format!("<summary>{english}</summary>"),
                &format!("<summary>{ours}</summary>"),
            )
        })
    }

    /// [`Language::subdir`] with a trailing slash, or nothing for English: the prefix of a path
    /// below `notebooks/` or `figures/`.
    pub fn subdir_slash(&self) -> String {
        if self.subdir.is_empty() { String::new() } else { format!("{}/", self.subdir) }
    }
}

/// Every language the book is built in, English first.
pub const ALL: [&Language; 2] = [&ENGLISH, &RUSSIAN];

/// The language of `book.language` (English when it is not set).
pub fn of(code: Option<&str>) -> Result<&'static Language> {
    let code = code.unwrap_or("en");
    match ALL.iter().find(|l| l.code == code) {
        Some(language) => Ok(language),
        None => bail!(
            "book.language = {code:?}: the book's extensions know {}; add the language to \
             mdbook-nn/src/language.rs",
            ALL.map(|l| l.code).join(", ")
        ),
    }
}

/// The book's language (`book.language`) and the folder of its committed notebooks: the one that
/// `key` of book.toml names (from the book's `root`), with the language's subfolder.
pub fn notebooks(root: &Path, config: &Config, key: &str) -> Result<(&'static Language, PathBuf)> {
    let Some(dir) = config.get::<String>(key)? else {
        bail!("book.toml: `{key}` is missing: the folder of the committed notebooks");
    };
    let language = of(config.book.language.as_deref())?;
    Ok((language, root.join(dir).join(language.subdir)))
}

/// `text` with the digits of each number joined where a no-break or thin space groups them
/// (`100 000` as Russian typesetting writes it becomes `100000`).
pub fn ungrouped(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let grouping = matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.len() >= i + 4
            && chars[i + 1..i + 4].iter().all(char::is_ascii_digit)
            && chars.get(i + 4).is_none_or(|d| !d.is_ascii_digit());
        if !grouping {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_code() {
        assert_eq!(of(None).unwrap().code, "en");
        assert_eq!(of(Some("ru")).unwrap().subdir, "ru");
        assert!(of(Some("xx")).unwrap_err().to_string().contains("add the language"));
        for language in ALL {
            for pattern in language.ratios.iter().chain([&language.times, &language.counts]) {
                regex::Regex::new(pattern).unwrap();
            }
        }
    }

    #[test]
    fn the_exercises_summaries_are_translated() {
        let html = "<details>\n<summary>Hint</summary>\n\nx\n</details>";
        assert_eq!(ENGLISH.localised(html), html);
        assert_eq!(RUSSIAN.localised(html), html.replace("Hint", "Подсказка"));
    }

    #[test]
    fn grouped_digits_are_joined() {
        assert_eq!(ungrouped("1\u{a0}000\u{a0}000 человек"), "1000000 человек");
        assert_eq!(ungrouped("за 5\u{202f}000 эпох"), "за 5000 эпох");
        assert_eq!(ungrouped("2\u{a0}12345 и 3\u{a0}дюйма"), "2\u{a0}12345 и 3\u{a0}дюйма");
    }
}
