//! `cargo xtask sync`: the book's prose and pictures agree with what the code produced.
//!
//! 1. **Numbers.** For every chapter `book/src/NN-name.md`, each decimal number with at least three digits after
//!    the point that appears in its prose or math (outside code blocks) must appear, as a whole
//!    number token, in the outputs of the chapter's committed notebook (which `cargo xtask
//!    notebooks --verify` compares with a fresh execution) or in a file the chapter includes
//!    (such as a benchmark results table written by `cargo xtask bench`). Rounded values with fewer
//!    decimals ("about 0.25") are not checked.
//! 2. **Figures.** Every figure a chapter shows (`![...](figures/NAME.svg)`) is byte for byte an
//!    SVG output of the chapter's notebook: the picture in the book is the one the chapter's code
//!    draws in the notebook (and `cargo xtask figures --check` ties the file to the crate).

use std::fs;
use std::path::Path;

use crate::notebooks::{joined, read_notebook};

/// Decimal numbers with at least `min_decimals` digits after the point, as written (with a
/// leading minus sign if there is one).
fn decimal_numbers(text: &str, min_decimals: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !is_number_char(chars[i - 1]));
        if !starts {
            i += 1;
            continue;
        }
        let begin = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
            i += 1;
            let frac = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i - frac >= min_decimals {
                found.push(chars[begin..i].iter().collect());
            }
        }
    }
    found
}

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.'
}

/// True when `number` occurs in `haystack` with no digit or point directly before or after it.
fn contains_token(haystack: &str, number: &str) -> bool {
    haystack.match_indices(number).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + number.len()..].chars().next();
        !before.is_some_and(is_number_char)
            && !matches!(after, Some(c) if c.is_ascii_digit() || (c == '.' && haystack[at + number.len() + 1..].starts_with(|d: char| d.is_ascii_digit())))
    })
}

/// The chapter's prose and math: everything outside fenced code blocks and HTML comments.
fn prose(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_fence = false;
    let mut in_comment = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if trimmed.starts_with("<!--") {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        if in_comment {
            in_comment = !trimmed.contains("-->");
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// What a notebook shows: all its text outputs (streams, `text/plain`, `text/html`,
/// `image/svg+xml`) joined, and its `image/svg+xml` outputs one by one. A missing notebook
/// shows nothing.
fn notebook_outputs(path: &Path) -> Result<(String, Vec<String>), String> {
    let Some((_, nb)) = read_notebook(path)? else {
        return Ok((String::new(), Vec::new()));
    };
    let mut all = String::new();
    let mut svgs = Vec::new();
    for cell in nb["cells"].as_array().into_iter().flatten() {
        for output in cell["outputs"].as_array().into_iter().flatten() {
            all.push_str(&joined(&output["text"]));
            for kind in ["text/plain", "text/html", "image/svg+xml"] {
                all.push_str(&joined(&output["data"][kind]));
            }
            all.push('\n');
            if !output["data"]["image/svg+xml"].is_null() {
                svgs.push(joined(&output["data"]["image/svg+xml"]));
            }
        }
    }
    Ok((all, svgs))
}

/// The contents of the files a chapter includes with `{{#include PATH}}` or `{{#include PATH:..}}`.
fn included_files(markdown: &str, dir: &Path) -> String {
    let mut all = String::new();
    for piece in markdown.split("{{#include ").skip(1) {
        let Some(end) = piece.find("}}") else {
            continue;
        };
        let spec = piece[..end].trim();
        let path = spec.split(':').next().unwrap_or(spec);
        if let Ok(text) = fs::read_to_string(dir.join(path)) {
            all.push_str(&text);
        }
    }
    all
}

/// The names of the figures a chapter shows: `NAME` for every `](figures/NAME.svg)`.
fn chapter_figures(markdown: &str) -> Vec<String> {
    markdown
        .split("](figures/")
        .skip(1)
        .filter_map(|rest| rest.split_once(".svg)").map(|(name, _)| name.to_string()))
        .collect()
}

/// Checks every chapter; fails listing each number that nothing printed and each figure that
/// the notebook does not show.
pub fn check() -> Result<(), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let src = root.join("book/src");
    let mut chapters: Vec<_> = fs::read_dir(&src)
        .map_err(|e| format!("{}: {e}", src.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            p.extension().is_some_and(|x| x == "md")
                && name.len() > 3
                && name.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        })
        .collect();
    chapters.sort();
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut figures = 0;
    for chapter in &chapters {
        let markdown =
            fs::read_to_string(chapter).map_err(|e| format!("{}: {e}", chapter.display()))?;
        let stem = chapter.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let notebook = root.join("notebooks").join(format!("{stem}.ipynb"));
        let (shown, svgs) = notebook_outputs(&notebook)?;
        let printed = included_files(&markdown, &src) + &shown;
        for name in chapter_figures(&markdown) {
            let file = src.join("figures").join(format!("{name}.svg"));
            let drawn =
                fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            figures += 1;
            if !svgs.iter().any(|s| s.trim_end() == drawn.trim_end()) {
                problems.push(format!(
                    "{}: figures/{name}.svg is not what notebooks/{stem}.ipynb draws (run \
                     `cargo xtask figures` and `cargo xtask notebooks --execute {stem}`)",
                    chapter.display()
                ));
            }
        }
        for number in decimal_numbers(&prose(&markdown), 3) {
            checked += 1;
            if !contains_token(&printed, &number) {
                problems.push(format!(
                    "{}: the prose quotes {number}, which no output of notebooks/{stem}.ipynb \
                     (nor an included file) shows",
                    chapter.display()
                ));
            }
        }
    }
    if problems.is_empty() {
        println!(
            "sync: all {checked} numbers quoted in {} chapters were printed by their code, and \
             all {figures} figures are the ones their notebooks draw",
            chapters.len()
        );
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_numbers_with_three_or_more_decimals() {
        let found = decimal_numbers(
            "loss 0.344, rate 0.1, f(7) = 0.9990889, -0.2376 and 12.5",
            3,
        );
        assert_eq!(found, vec!["0.344", "0.9990889", "0.2376"]);
    }

    #[test]
    fn matches_whole_numbers_only() {
        assert!(contains_token("Emily: 0.949 -> female", "0.949"));
        assert!(!contains_token("Emily: 0.9491", "0.949"));
        assert!(!contains_token("Emily: 10.949", "0.949"));
        assert!(contains_token("loss 0.949.", "0.949"));
    }

    #[test]
    fn finds_the_figures_a_chapter_shows() {
        let md = "text\n![The curve](figures/sigmoid.svg)\nmore ![x](figures/loss-curve.svg)\n";
        assert_eq!(chapter_figures(md), vec!["sigmoid", "loss-curve"]);
    }

    #[test]
    fn prose_skips_code_and_comments() {
        let md = "a 0.111\n```rust\nlet x = 0.222;\n```\n<!-- 0.333 -->\nb 0.444\n";
        assert_eq!(decimal_numbers(&prose(md), 3), vec!["0.111", "0.444"]);
    }
}
