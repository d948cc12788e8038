//! `cargo xtask book` builds the book (every backend: `html` and `notebooks`); `book-check` also
//! opens every page in headless Chromium; `book-outputs` is the preprocessor that shows, under
//! each runnable snippet of the HTML book, what the snippet printed.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use mdbook_preprocessor::book::BookItem;
use xshell::cmd;

use crate::chapter::{self, Block};
use crate::notebook::{CellType, Notebook, joined};
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

/// Installs the book tools if needed, then `mdbook build book`. Fails when mdbook fails or
/// prints any warning or error (a missing include, a KaTeX parse error, a bad config key...).
pub fn build() -> Result<()> {
    setup::ensure_book_tools()?;
    let sh = setup::shell()?;
    let mdbook = setup::tool_path(setup::MDBOOK.name);
    let book = book_dir();
    let out = cmd!(sh, "{mdbook} build {book}").env("NO_COLOR", "1").ignore_status().output()?;
    let log =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    eprint!("{log}");
    if !out.status.success() {
        bail!("mdbook build book failed ({})", out.status);
    }
    let problems: Vec<String> = log
        .lines()
        .map(strip_ansi)
        .filter(|l| is_warning_or_error(l) && !is_known_harmless(l))
        .collect();
    if !problems.is_empty() {
        bail!(
            "mdbook build printed {} warning/error line(s); the book must build clean:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
    Ok(())
}

/// Builds the book, then opens every chapter in headless Chromium (`xtask/browser_check.py`,
/// with the venv's Playwright): pages load without failed requests or console errors, images
/// load, math is typeset by KaTeX with its own fonts. Screenshots go to `target/book-check/`.
pub fn check() -> Result<()> {
    build()?;
    setup::ensure_python()?;
    setup::ensure_chromium()?;
    let sh = setup::shell()?;
    let root = setup::root();
    let (python, html, src, shots) = (
        setup::venv_bin("python"),
        build_dir().join("html"),
        book_dir().join("src"),
        root.join("target/book-check"),
    );
    sh.remove_path(&shots)?;
    let chromium = setup::CHROMIUM;
    cmd!(sh, "{python} xtask/browser_check.py --build {html} --src {src} --out {shots} --chromium {chromium}")
        .run()
        .with_context(|| format!("the browser check failed; see the FAIL lines above and the screenshots in {}", shots.display()))
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

/// `cargo xtask book-outputs [supports RENDERER]`: the preprocessor. The printed text of each
/// snippet comes from its chapter's committed notebook (the `notebooks` key of the
/// preprocessor's table in `book.toml`), whose outputs `cargo xtask notebooks --verify` checks
/// against a fresh run: the book shows real output without running anything. A snippet is
/// matched to its notebook cell by its visible code, each cell used once, in order. Figures are
/// not repeated (the book shows the SVG), nor is the `()` a loop evaluates to.
pub fn outputs(supports: Option<&str>) -> Result<()> {
    if let Some(renderer) = supports {
        if renderer != "html" {
            bail!("book-outputs: renderer {renderer} is not supported");
        }
        return Ok(());
    }
    let (ctx, mut book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())?;
    let dir = ctx
        .config
        .get::<String>("preprocessor.outputs.notebooks")?
        .context("book.toml: [preprocessor.outputs] needs `notebooks`")?;
    let mut result = Ok(());
    book.for_each_mut(|item| {
        if let (BookItem::Chapter(ch), Ok(())) = (item, &result) {
            let Some(stem) = ch
                .path
                .as_ref()
                .and_then(|p| p.file_stem())
                .map(|s| s.to_string_lossy().to_string())
            else {
                return;
            };
            result =
                Notebook::read(&ctx.root.join(&dir).join(format!("{stem}.ipynb"))).and_then(|nb| {
                    if let Some(nb) = nb {
                        ch.content = with_outputs(
                            &format!("book/src/{stem}.md"),
                            &ch.content,
                            &printed(&nb),
                        )?;
                    }
                    Ok(())
                });
        }
    });
    result?;
    serde_json::to_writer(std::io::stdout().lock(), &book)?;
    Ok(())
}

/// Each code cell of a notebook: its source and the text it printed.
fn printed(nb: &Notebook) -> Vec<(String, String)> {
    let code = nb.cells.iter().filter(|c| c.cell_type == CellType::Code);
    code.map(|cell| {
        let mut text = String::new();
        for output in cell.outputs() {
            if output["output_type"] == "stream" && output["name"] == "stdout" {
                text += &joined(&output["text"]);
            } else {
                let plain = joined(&output["data"]["text/plain"]);
                if !plain.is_empty() && plain.trim() != "()" {
                    text += &plain;
                    text.push('\n');
                }
            }
        }
        (cell.source.clone(), text)
    })
    .collect()
}

/// `content` with the printed text of each runnable snippet as a text block under it.
fn with_outputs(name: &str, content: &str, cells: &[(String, String)]) -> Result<String> {
    let mut used = vec![false; cells.len()];
    let mut out = String::with_capacity(content.len());
    let mut pos = 0;
    for block in chapter::blocks(name, content)? {
        let Block::Snippet(range, code, _) = block else {
            continue;
        };
        let Some(i) = (0..cells.len()).find(|&i| !used[i] && cells[i].0 == code) else {
            continue;
        };
        used[i] = true;
        let text = cells[i].1.trim_end();
        if !text.is_empty() {
            // Through the end of the snippet's closing fence line.
            let end = content[range.end..]
                .find('\n')
                .map_or(content.len(), |n| range.end + n + 1)
                .max(range.end);
            let end = if content[range.clone()].ends_with('\n') { range.end } else { end };
            out += &content[pos..end];
            out += &format!("\n*Output:*\n\n```text\n{text}\n```\n");
            pos = end;
        }
    }
    out += &content[pos..];
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_goes_under_its_snippet_matched_by_visible_code() {
        let md = "Text\n\n```rust\n# use x::y;\nprintln!(\"hi\");\n```\n\nMore\n\n```rust,ignore\nlisting\n```\n\n```rust\nsilent();\n```\n";
        let cells = [
            ("other();".into(), "nope\n".into()),
            ("println!(\"hi\");".into(), "hi\n".into()),
            ("silent();".into(), String::new()),
        ];
        assert_eq!(
            with_outputs("t.md", md, &cells).unwrap(),
            "Text\n\n```rust\n# use x::y;\nprintln!(\"hi\");\n```\n\n*Output:*\n\n```text\nhi\n```\n\nMore\n\n```rust,ignore\nlisting\n```\n\n```rust\nsilent();\n```\n"
        );
    }

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
