//! The book's languages. The chapters are written in English; a translation is built from
//! `po/LANG.po` by mdbook-i18n-helpers' gettext preprocessor, which runs before everything here,
//! so these extensions receive the chapters already translated. What they write themselves (the
//! notebooks' note on the first run, the label over a snippet's output, the line linking a
//! chapter's notebook, the exercises' `<summary>` labels, the book's title) is written here in
//! English, [`WORDS`], and taken in another language from the same catalog: `cargo xtask
//! translate` adds these messages to `po/messages.pot` beside the chapters', and
//! [`Language::word`] reads their translation from `po/LANG.po`. The words the prose check looks
//! for are here too, one [`Language`] each.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::{Context, Result, bail};
use mdbook_renderer::config::Config;
use regex::Regex;

/// The note before a notebook's first cell, which shows only `[*]` while it compiles.
pub const FIRST_RUN: &str = "*Running this notebook:* the next cell loads this book's crate. The \
first time on a machine it compiles the crate and its dependencies, about half a minute on an idle \
two-core machine, while Jupyter shows only `[*]`; after that a restarted kernel or another \
notebook finds them compiled and starts within seconds.";

/// The label the HTML book puts over what a snippet printed.
pub const OUTPUT_LABEL: &str = "Output:";

/// The line at the top of each chapter page linking its notebook (HTML; `{href}` and `{file}`
/// are filled in by the `outputs` preprocessor).
pub const NOTEBOOK_LINK: &str = "This chapter as a Jupyter notebook for the Rust kernel (evcxr): \
<a href=\"{href}\" download>{file}</a>. It runs inside a clone of the repository: put it in the \
clone's <code>notebooks/</code> folder, where its first cell finds the crate.";

/// The exercises' folded parts, `<summary>Hint</summary>` and `<summary>Solution</summary>` in
/// the chapters: HTML, which gettext does not translate, so the extensions translate them.
pub const SUMMARIES: [&str; 2] = ["Hint", "Solution"];

/// The book's title (`book.title` of `book.toml`), which the book's pages show.
pub const TITLE: &str = "Neural networks from scratch, in Rust";

/// Every word the extensions write, in English: messages of the catalog beside the chapters'.
pub const WORDS: [&str; 6] =
    [FIRST_RUN, OUTPUT_LABEL, NOTEBOOK_LINK, SUMMARIES[0], SUMMARIES[1], TITLE];

/// The book's scripts whose texts are messages of the catalog (`t("...")`, `N_("...")`): the
/// widgets' and the one that words mdBook's own interface. A translated page carries their
/// translations (`mdbook-nn outputs`).
pub const SCRIPTS: [&str; 3] =
    ["book/src/playground/playground.js", "book/src/playground/digits.js", "book/src/interface.js"];

/// Where the catalogs are: `po/` of the workspace (`preprocessor.gettext.po-dir` of
/// `book/book.toml`), for the extensions run from the workspace and their tests alike.
pub fn po_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../po")
}

/// What the extensions need to know of one language.
#[derive(Debug)]
pub struct Language {
    /// `book.language` in mdBook's configuration.
    pub code: &'static str,
    /// Where this language's notebooks and figures sit below the English ones: `""` for
    /// English, else the code (`notebooks/ru/`, `book/src/figures/ru/`).
    pub subdir: &'static str,
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
    /// The decimal separator of this language's prose: `'.'` (0.949) or `','` (0,949, as
    /// Russian typography writes it). Code, formulas and what a program prints keep Rust's
    /// point in every language.
    pub decimal: char,
    /// The numbers of the prose that keep the point though the language writes decimals with a
    /// comma, because they are not decimals: an exercise's or a version's number (`упражнение
    /// 4.1`, `версии 1.89`); a pattern whose group `n` is the number.
    pub dotted: &'static str,
    /// What stands between a number and `%`: nothing (`44%`) or a no-break space (`44\u{a0}%`).
    pub before_percent: &'static str,
}

/// The language the chapters are written in.
pub const ENGLISH: Language = Language {
    code: "en",
    subdir: "",
    ratios: &[r"(?P<n>\d+(?:\.(?P<p>\d+))?)\s*(?P<w>×|times)"],
    times: r"(?P<about>about )?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>ns|µs|ms)\b",
    one_off: &["one-off"],
    counts: r"(?P<size>(?:batch|chunk)e?s? of )?\b(?P<n>\d+) (?P<w>people|adults|women|men|parameters|mini-batches)\b",
    decimal: '.',
    dotted: r"(?i)\b(?:exercises?|version|Rust) (?P<n>\d+\.\d+)",
    before_percent: "",
};

/// The Russian edition (`po/ru.po`).
pub const RUSSIAN: Language = Language {
    code: "ru",
    subdir: "ru",
    ratios: &[
        r"(?P<n>\d+(?:\.(?P<p>\d+))?)\s*(?P<w>×)",
        r"\bв\s+(?P<n>\d+(?:\.(?P<p>\d+))?)\s+(?P<w>раза?)\b",
    ],
    times: r"(?P<about>(?:около|примерно|порядка|приблизительно) )?(?P<n>\d+(?:\.\d+)?)\s*(?P<u>ns|µs|ms|нс|мкс|мс)\b",
    one_off: &["one-off", "разов", "однократн"],
    counts: r"(?P<size>(?i:пакет\w*|порци\w*) (?:из|по) )?\b(?P<n>\d+) (?P<w>человека?|взрослы[хм]|женщин[аы]?|мужчин[аы]?|параметр\w*|мини-пакет\w*)\b",
    decimal: ',',
    dotted: r"(?i)\b(?:упражнени[а-яё]*|верси[а-яё]*|Rust)\s(?P<n>\d+\.\d+)",
    before_percent: "\u{a0}",
};

/// A catalog's translations by their English.
type Translations = HashMap<String, String>;

impl Language {
    /// `english`, one of [`WORDS`], in this language: itself in English, else its translation
    /// in `po/LANG.po`. Fails, saying how to fix it, when the catalog cannot be read or has no
    /// translation of it.
    pub fn word(&self, english: &str) -> Result<String> {
        if self.code == ENGLISH.code {
            return Ok(english.to_string());
        }
        match self.catalog()?.get(english) {
            Some(word) => Ok(word.clone()),
            None => bail!(
                "po/{}.po has no translation of {english:?}: run `cargo xtask translate` and \
                 translate it",
                self.code
            ),
        }
    }

    /// This language's catalog `po/LANG.po` (by `catalog::read`), read once per process.
    fn catalog(&self) -> Result<Arc<Translations>> {
        static CATALOGS: OnceLock<Mutex<HashMap<&'static str, Arc<Translations>>>> =
            OnceLock::new();
        let mut catalogs = CATALOGS.get_or_init(Default::default).lock().expect("not poisoned");
        if !catalogs.contains_key(self.code) {
            let path = po_dir().join(format!("{}.po", self.code));
            let words = catalog::read(&path).map_err(|e| anyhow::anyhow!(e))?;
            catalogs.insert(self.code, Arc::new(words));
        }
        Ok(Arc::clone(&catalogs[self.code]))
    }

    /// The translations of the messages that `sources` (files of the repository, such as the
    /// book's [`SCRIPTS`]) write as string literals (`"..."`), by their English: empty in
    /// English, where every text is its own. (By the scripts' own text, not the catalog's
    /// references to them, which only `cargo xtask translate` brings up to date.)
    pub fn words_of(&self, sources: &[&str]) -> Result<BTreeMap<String, String>> {
        if self.code == ENGLISH.code {
            return Ok(BTreeMap::new());
        }
        let mut scripts = String::new();
        for source in sources {
            let path = po_dir().join("..").join(source);
            scripts += &std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
        }
        let literal =
            |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
        Ok(self
            .catalog()?
            .iter()
            .filter(|(english, _)| scripts.contains(&literal(english)))
            .map(|(english, word)| (english.clone(), word.clone()))
            .collect())
    }

    /// `text` with the exercises' `<summary>` labels in this language.
    pub fn localised(&self, text: &str) -> Result<String> {
        let mut text = text.to_string();
        for english in SUMMARIES {
            text = text.replace(
                &format!("<summary>{english}</summary>"),
                &format!("<summary>{}</summary>", self.word(english)?),
            );
        }
        Ok(text)
    }

    /// `prose` with its decimal numbers written with a point, as the code prints them
    /// (`0,949` becomes `0.949` in a language that writes a decimal comma), so that the prose
    /// check compares them with the outputs.
    pub fn with_points(&self, prose: &str) -> String {
        if self.decimal == '.' {
            return prose.to_string();
        }
        let comma = Regex::new(&format!(r"(\d){}(\d)", regex::escape(&self.decimal.to_string())))
            .expect("a valid pattern");
        comma.replace_all(prose, "$1.$2").to_string()
    }

    /// The numbers of a sentence of this language's prose (code spans and link targets taken
    /// out), each as the code would print it (`1\u{a0}000\u{a0}000` as `1000000`, `0,949` as
    /// `0.949`), and what breaks the language's conventions: a decimal point where it writes a
    /// comma (outside [`Language::dotted`]), a `%` without its space.
    pub fn prose_numbers(&self, prose: &str) -> (Vec<String>, Vec<String>) {
        let re = |r: &str| Regex::new(r).expect("a valid pattern");
        let (mut numbers, mut problems) = (Vec::new(), Vec::new());
        let dotted = re(self.dotted);
        for c in dotted.captures_iter(prose) {
            numbers.push(c["n"].to_string());
        }
        let rest = dotted.replace_all(prose, " ");
        let number = if self.decimal == '.' {
            re(r"\d+(?:[,\u{a0}\u{202f}]\d{3})*(?:\.\d+)?")
        } else {
            let point = re(r"\d+\.\d+");
            for m in point.find_iter(&rest) {
                problems.push(format!(
                    "{} is written with a point: this edition writes a decimal comma in its \
                     prose ({}), a point only in code",
                    m.as_str(),
                    m.as_str().replace('.', &self.decimal.to_string())
                ));
            }
            re(&format!(
                r"\d+(?:[\u{{a0}}\u{{202f}}]\d{{3}})*(?:{}\d+)?",
                regex::escape(&self.decimal.to_string())
            ))
        };
        for m in number.find_iter(&rest) {
            let n: String = m
                .as_str()
                .chars()
                .filter_map(|c| match c {
                    c if c.is_ascii_digit() => Some(c),
                    c if c == self.decimal => Some('.'),
                    _ => None,
                })
                .collect::<String>();
            // `07` (a chapter's number) and `7` are the same number.
            let n = match n.trim_start_matches('0') {
                t if t.is_empty() || t.starts_with('.') => format!("0{t}"),
                t => t.to_string(),
            };
            numbers.push(n);
        }
        let percent = re(r"\d(\s*)%");
        for c in percent.captures_iter(&rest) {
            if &c[1] != self.before_percent {
                problems.push(format!(
                    "`{}`: this edition writes {:?} between a number and %",
                    &c[0], self.before_percent
                ));
            }
        }
        (numbers, problems)
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
    fn the_extensions_words_come_from_the_catalog() {
        let html = "<details>\n<summary>Hint</summary>\n\nx\n</details>";
        assert_eq!(ENGLISH.localised(html).unwrap(), html);
        let russian = RUSSIAN.localised(html).unwrap();
        assert!(!russian.contains("Hint") && russian.contains("<summary>"), "{russian}");
        for word in WORDS {
            assert_eq!(ENGLISH.word(word).unwrap(), word);
            assert_ne!(RUSSIAN.word(word).unwrap(), word, "po/ru.po translates {word:?}");
        }
        let book = std::fs::read_to_string(po_dir().join("../book/book.toml")).unwrap();
        assert!(book.contains(&format!("title = {TITLE:?}")), "book.toml's title is TITLE");
        let script = RUSSIAN.words_of(&SCRIPTS).unwrap();
        assert_eq!(script.get("Reset").map(String::as_str), Some("Сбросить"));
        assert!(script.contains_key("Search this book ..."));
        assert_eq!(script.get("Alice").map(String::as_str), Some("Алиса"));
        assert!(ENGLISH.words_of(&SCRIPTS).unwrap().is_empty());
        let missing = RUSSIAN.word("a word nobody wrote").unwrap_err().to_string();
        assert!(missing.contains("cargo xtask translate"), "{missing}");
    }

    #[test]
    fn a_decimal_comma_is_read_as_the_point_the_code_prints() {
        assert_eq!(
            RUSSIAN.with_points("даёт 0,949, а 1, 2 и 3 — нет"),
            "даёт 0.949, а 1, 2 и 3 — нет"
        );
        assert_eq!(ENGLISH.with_points("0.949, 1,000 people"), "0.949, 1,000 people");
        let (numbers, problems) =
            RUSSIAN.prose_numbers("0,949 и 12,5\u{a0}%, 1\u{a0}000 человек, упражнение 4.1");
        assert_eq!(numbers, ["4.1", "0.949", "12.5", "1000"]);
        assert_eq!(problems, Vec::<String>::new());
        let (numbers, problems) = RUSSIAN.prose_numbers("0.949 и 44%");
        assert_eq!(numbers, ["0", "949", "44"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(RUSSIAN.prose_numbers("глава 07 и 0,5").0, ["7", "0.5"]);
        let (numbers, problems) = ENGLISH.prose_numbers("0.949 of 1,000 people, 44%");
        assert_eq!((numbers, problems), (vec!["0.949".into(), "1000".into(), "44".into()], vec![]));
    }

    #[test]
    fn grouped_digits_are_joined() {
        assert_eq!(ungrouped("1\u{a0}000\u{a0}000 человек"), "1000000 человек");
        assert_eq!(ungrouped("за 5\u{202f}000 эпох"), "за 5000 эпох");
        assert_eq!(ungrouped("2\u{a0}12345 и 3\u{a0}дюйма"), "2\u{a0}12345 и 3\u{a0}дюйма");
    }
}
