//! `cargo xtask book` builds the book; `cargo xtask book-check` also checks it in a browser.

use crate::notebooks::strip_ansi;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::setup;

/// The book's root (`book.toml`).
pub fn book_dir() -> PathBuf {
    setup::root().join("book")
}

/// mdBook's output directory (`build.build-dir` in `book.toml`).
pub fn build_dir() -> PathBuf {
    book_dir().join("build")
}

/// Where `book-check` saves one screenshot per chapter.
pub fn screenshot_dir() -> PathBuf {
    setup::root().join("target").join("book-check")
}

/// Installs the book tools if needed, then `mdbook build book`. Fails when mdbook fails or
/// prints any warning or error (a missing include, a KaTeX parse error, a bad config key...):
/// the book must build clean.
pub fn build() -> Result<(), String> {
    setup::ensure_book_tools()?;
    let mdbook = setup::tool_path(setup::MDBOOK.name);
    println!("==> mdbook build book");
    let out = Command::new(&mdbook)
        .arg("build")
        .arg(book_dir())
        .current_dir(setup::root())
        // mdbook finds its preprocessor `mdbook-katex` on PATH: cargo's bin directory first.
        .env("PATH", path_with_cargo_bin()?)
        .env("NO_COLOR", "1")
        .output()
        .map_err(|e| format!("book: cannot start {}: {e}", mdbook.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{stdout}");
    eprint!("{stderr}");
    if !out.status.success() {
        return Err(format!("book: mdbook build book failed ({})", out.status));
    }
    let problems: Vec<String> = stdout
        .lines()
        .chain(stderr.lines())
        .map(strip_ansi)
        .filter(|line| is_warning_or_error(line) && !is_known_harmless(line))
        .collect();
    if !problems.is_empty() {
        return Err(format!(
            "book: mdbook build book printed {} warning/error line(s); the book must build clean:\n{}",
            problems.len(),
            problems.join("\n")
        ));
    }
    println!("book: built {}", build_dir().display());
    Ok(())
}

/// Builds the book, then opens every chapter of `SUMMARY.md` in headless Chromium
/// (`xtask/browser_check.py`, run with the venv's Python and Playwright): pages load without
/// failed requests or console errors, images load, math is typeset by KaTeX with its own
/// stylesheet and fonts. Screenshots go to `target/book-check/`.
pub fn check() -> Result<(), String> {
    build()?;
    setup::ensure_python()?;
    setup::ensure_chromium()?;
    let shots = screenshot_dir();
    if shots.exists() {
        fs::remove_dir_all(&shots)
            .map_err(|e| format!("book-check: cannot clear {}: {e}", shots.display()))?;
    }
    let python = setup::venv_bin("python");
    let script = setup::root().join("xtask").join("browser_check.py");
    println!(
        "==> browser check of {} in {}",
        build_dir().display(),
        setup::CHROMIUM
    );
    let status = Command::new(&python)
        .arg(&script)
        .arg("--build")
        .arg(build_dir())
        .arg("--src")
        .arg(book_dir().join("src"))
        .arg("--out")
        .arg(&shots)
        .arg("--chromium")
        .arg(setup::CHROMIUM)
        .status()
        .map_err(|e| format!("book-check: cannot start {}: {e}", python.display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "book-check: the browser check failed ({status}); see the FAIL lines above and the \
             screenshots in {}",
            shots.display()
        ))
    }
}

/// `PATH` with cargo's `bin` directory (where `cargo xtask setup` installs) in front.
fn path_with_cargo_bin() -> Result<std::ffi::OsString, String> {
    let mut dirs = vec![setup::cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).map_err(|e| format!("book: cannot build PATH: {e}"))
}

/// Whether a line of mdbook's log is a warning or an error (`WARN` / `ERROR` as a word, as
/// mdbook and its preprocessors print their log levels).
fn is_warning_or_error(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == "WARN" || word == "WARNING" || word == "ERROR")
}

/// The one warning the pinned tools always print: mdbook-katex 0.10.0's lock file builds it
/// against mdbook's preprocessor API 0.5.3, and it notes that it runs under mdbook 0.5.4 (the
/// same 0.5 API; the book renders the same).
fn is_known_harmless(line: &str) -> bool {
    line.contains("mdbook_katex")
        && line.contains(&format!(
            "This mdbook-katex was built against mdbook v0.5.3, but we are being called from \
             mdbook v{}.",
            setup::MDBOOK.version
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_and_errors_are_caught_with_or_without_colour() {
        assert!(is_warning_or_error(
            " WARN mdbook_driver::builtin_preprocessors::links: Error reading \"x.rs\""
        ));
        assert!(is_warning_or_error(
            "2025-01-01 10:00:00 [ERROR] (mdbook::utils): Error: Rendering failed"
        ));
        assert!(is_warning_or_error(&strip_ansi(
            "\u{1b}[33m WARN\u{1b}[0m something"
        )));
        assert!(!is_warning_or_error(" INFO Book building has started"));
        assert!(!is_warning_or_error(" INFO Running the html backend"));
        let katex_notice = "2026-11-29T02:30:37.992787Z  WARN mdbook_katex: This mdbook-katex \
            was built against mdbook v0.5.3, but we are being called from mdbook v0.5.4. If you \
            have any issue, this might be a reason.";
        assert!(is_known_harmless(katex_notice));
        assert!(!is_known_harmless(
            " WARN mdbook_katex: KaTeX error in 01-neuron.md: Undefined control sequence"
        ));
    }
}
