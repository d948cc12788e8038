//! `cargo xtask book` builds the book (every backend: `html` and `notebooks`, see `mdbook-nn`)
//! in every language: English into `book/build/`, each translation into `book/build/LANG/`
//! (`book.language` set, so that mdbook-i18n-helpers' gettext preprocessor translates it from
//! `po/LANG.po`); `book-check` also opens every page in headless Chromium.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};
use xshell::cmd;

use mdbook_nn::language::{self, Language};

use crate::notebooks::strip_ansi;
use crate::setup;

/// The book's root (`book.toml`).
pub fn book_dir() -> PathBuf {
    setup::root().join("book")
}

/// mdBook's output directory (`build.build-dir`), one folder per backend.
pub fn build_dir() -> PathBuf {
    book_dir().join("build")
}

/// The output directory of the book in `language`: `book/build/`, `book/build/ru/`.
pub fn language_build_dir(language: &Language) -> PathBuf {
    build_dir().join(language.subdir)
}

/// Installs the book tools if needed, builds the widgets' WebAssembly (`web.rs`), then
/// `mdbook build book` once per language. Fails when mdbook fails or prints any warning or
/// error (a missing include, a KaTeX parse error, a bad config key...).
pub fn build() -> Result<()> {
    if REUSE.load(Ordering::SeqCst) && BUILT.load(Ordering::SeqCst) {
        println!("book: built already in this run, from the same sources");
        return Ok(());
    }
    setup::ensure_book_tools()?;
    crate::web::build()?;
    for language in language::ALL {
        build_language(language)?;
    }
    assemble_site()?;
    BUILT.store(true, Ordering::SeqCst);
    Ok(())
}

/// The published site, `book/build/site/`: the English book at its root, each translation in
/// its own folder (`ru/`), and each edition's notebooks in its `notebooks/` folder, where every
/// chapter page links its own. It is what `.github/workflows/book.yml` deploys, and what
/// `book-check` serves.
pub fn site_dir() -> PathBuf {
    build_dir().join("site")
}

/// Copies each edition's HTML and its committed notebooks into [`site_dir`].
fn assemble_site() -> Result<()> {
    let sh = setup::shell()?;
    let site = site_dir();
    sh.remove_path(&site)?;
    for language in language::ALL {
        let dest = site.join(language.subdir);
        copy_tree(&language_build_dir(language).join("html"), &dest)?;
        let notebooks = crate::notebooks::notebooks_dir().join(language.subdir);
        sh.create_dir(dest.join("notebooks"))?;
        for name in crate::notebooks::files(&notebooks, ".ipynb")? {
            sh.copy_file(notebooks.join(name), dest.join("notebooks"))?;
        }
    }
    println!("book: the site (both editions and their notebooks) is in {}", site.display());
    Ok(())
}

/// Copies the folder `from` to `to`, recursively.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Whether [`build`] may keep the book it built: set by `ci`, whose steps change no source.
static REUSE: AtomicBool = AtomicBool::new(false);
static BUILT: AtomicBool = AtomicBool::new(false);

/// From now on, [`build`] builds the book once (for `ci`, which changes no source while it runs;
/// not for `notebooks --execute`, whose new outputs go into the next build).
pub fn build_once() {
    REUSE.store(true, Ordering::SeqCst);
}

fn build_language(language: &Language) -> Result<()> {
    let sh = setup::shell()?;
    let mdbook = setup::tool_path(setup::MDBOOK.binary);
    let (book, dest) = (book_dir(), language_build_dir(language));
    let mut command = cmd!(sh, "{mdbook} build {book} -d {dest}").env("NO_COLOR", "1");
    if !language.subdir.is_empty() {
        command = command
            .env("MDBOOK_BOOK__LANGUAGE", language.code)
            .env("MDBOOK_BOOK__TITLE", language.word(mdbook_nn::language::TITLE)?);
    }
    let out = command.ignore_status().output()?;
    let log =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    eprint!("{log}");
    if !out.status.success() {
        bail!("mdbook build book ({}) failed ({})", language.code, out.status);
    }
    let problems: Vec<String> = log
        .lines()
        .map(strip_ansi)
        .filter(|l| is_warning_or_error(l) && !is_known_harmless(l))
        .collect();
    if !problems.is_empty() {
        bail!(
            "mdbook build ({}) printed {} warning/error line(s); the book must build clean:\n{}",
            language.code,
            problems.len(),
            problems.join("\n")
        );
    }
    Ok(())
}

/// Builds the book, then opens every chapter in headless Chromium (`xtask/browser_check.py`,
/// with the venv's Playwright): pages load without failed requests or console errors, images
/// load, math is typeset by KaTeX with its own fonts. Screenshots go to `target/book-check/`.
/// Then the widgets (`xtask/widget_check.py`), with screenshots in `target/widget-check/`.
pub fn check() -> Result<()> {
    build()?;
    setup::ensure_python()?;
    setup::ensure_chromium()?;
    setup::ensure_npm_tools()?;
    let axe = setup::root().join("xtask/npm/node_modules/axe-core/axe.min.js");
    let sh = setup::shell()?;
    let root = setup::root();
    let (python, src, chromium) =
        (setup::venv_bin("python"), book_dir().join("src"), setup::CHROMIUM);
    for language in language::ALL {
        let html = site_dir().join(language.subdir);
        let shots = root.join("target/book-check").join(language.code);
        sh.remove_path(&shots)?;
        let lang = language.code;
        cmd!(sh, "{python} xtask/browser_check.py --build {html} --src {src} --lang {lang} --out {shots} --axe {axe} --chromium {chromium}")
            .run()
            .with_context(|| format!("the browser check failed; see the FAIL lines above and the screenshots in {}", shots.display()))?;
    }
    // The widgets (`widget_check.py`): the playground's final loss against the native `train`.
    let run = cmd!(sh, "cargo run --release --quiet -- train --json").read()?;
    let native: serde_json::Value = serde_json::from_str(&run)?;
    let loss = native["final_loss"].as_f64().context("train --json: no final_loss")?.to_string();
    let (html, widget_shots) = (site_dir(), root.join("target/widget-check"));
    let allowed = crate::words::ALLOWED.join(",");
    cmd!(sh, "{python} xtask/widget_check.py --build {html} --out {widget_shots} --native-loss {loss} --allowed {allowed} --chromium {chromium}")
        .run()
        .with_context(|| format!("the widget check failed; see the FAIL lines above and the screenshots in {}", widget_shots.display()))
}

/// Whether a line of mdbook's log is a warning or an error.
fn is_warning_or_error(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "WARN" || w == "WARNING" || w == "ERROR")
}

/// The one warning the pinned tools always print: mdbook-katex 0.10.0 was built against mdbook's
/// preprocessor API 0.5.3 and notes that it runs under mdbook 0.5.4 (the same 0.5 API).
fn is_known_harmless(line: &str) -> bool {
    line.contains("mdbook_katex")
        && line.contains(&format!(
            "This mdbook-katex was built against mdbook v0.5.3, but we are being called from mdbook v{}.",
            setup::MDBOOK.version
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_and_errors_are_caught() {
        assert!(is_warning_or_error(
            " WARN mdbook_driver::builtin_preprocessors::links: Error reading \"x.rs\""
        ));
        assert!(is_warning_or_error(&strip_ansi("\u{1b}[33m WARN\u{1b}[0m something")));
        assert!(!is_warning_or_error(" INFO Book building has started"));
        let notice = "WARN mdbook_katex: This mdbook-katex was built against mdbook v0.5.3, but we are being called from mdbook v0.5.4. If you have any issue, this might be a reason.";
        assert!(is_known_harmless(notice) && !is_known_harmless(" WARN mdbook_katex: KaTeX error"));
    }
}
