//! `cargo xtask book-outputs`: an mdBook preprocessor that shows, under each runnable snippet of
//! a chapter, what the snippet printed.
//!
//! The printed text comes from the chapter's committed notebook (`notebooks/NN-name.ipynb`),
//! whose outputs `cargo xtask notebooks --verify` compares with a fresh execution: the book shows
//! real output without running anything at build time, and cannot drift from the code. A snippet
//! is matched to its notebook cell by its visible code (the code cell's source), so prose edits
//! do not disturb the matching. Figures are not repeated (the book shows the SVG under the
//! snippet), nor is the `()` a loop evaluates to.
//!
//! mdBook runs it as `cargo xtask book-outputs supports html` (answered by the exit status), then
//! with `[context, book]` as JSON on stdin, expecting the book back on stdout.

use std::io::{Read, Write};
use std::path::Path;

use serde_json::Value;

use crate::notebooks::{joined, read_notebook, visible_code};

/// Runs the preprocessor (see the module documentation).
pub fn main(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("supports") {
        return match args.get(1).map(String::as_str) {
            Some("html") => Ok(()),
            other => Err(format!("book-outputs: renderer {other:?} is not supported")),
        };
    }
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| format!("book-outputs: cannot read the book from stdin: {e}"))?;
    let mut pair: Value = serde_json::from_str(&input)
        .map_err(|e| format!("book-outputs: the input is not mdBook's JSON: {e}"))?;
    let book = pair
        .get_mut(1)
        .ok_or("book-outputs: expected [context, book] on stdin")?;
    let notebooks = crate::setup::root().join("notebooks");
    add_outputs(book, &notebooks)?;
    let out = serde_json::to_string(book).map_err(|e| format!("book-outputs: {e}"))?;
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| format!("book-outputs: cannot write the book: {e}"))
}

/// Walks the book's JSON and adds outputs to every chapter that has a notebook.
fn add_outputs(value: &mut Value, notebooks: &Path) -> Result<(), String> {
    match value {
        Value::Object(map) => {
            let stem = map
                .get("path")
                .and_then(Value::as_str)
                .and_then(|p| p.strip_suffix(".md"))
                .map(str::to_string);
            if let (Some(stem), Some(Value::String(content))) = (stem, map.get_mut("content")) {
                let notebook = notebooks.join(format!("{stem}.ipynb"));
                if notebook.exists() {
                    *content = with_outputs(content, &code_cells(&notebook)?);
                }
            }
            for v in map.values_mut() {
                add_outputs(v, notebooks)?;
            }
        }
        Value::Array(items) => {
            for v in items {
                add_outputs(v, notebooks)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Each code cell of a notebook: its source and the text it printed.
fn code_cells(path: &Path) -> Result<Vec<(String, String)>, String> {
    let (_, nb) = read_notebook(path)?.ok_or_else(|| format!("{}: missing", path.display()))?;
    let mut cells = Vec::new();
    for cell in nb["cells"].as_array().into_iter().flatten() {
        if cell["cell_type"] != "code" {
            continue;
        }
        let mut printed = String::new();
        for output in cell["outputs"].as_array().into_iter().flatten() {
            if output["output_type"] == "stream" && output["name"] == "stdout" {
                printed.push_str(&joined(&output["text"]));
            } else {
                let plain = joined(&output["data"]["text/plain"]);
                if !plain.is_empty() && plain.trim() != "()" {
                    printed.push_str(&plain);
                    printed.push('\n');
                }
            }
        }
        cells.push((joined(&cell["source"]), printed));
    }
    Ok(cells)
}

/// Whether a fence's info string opens a runnable Rust snippet (`rust`, `rust,edition2024`...,
/// but not `rust,ignore`).
fn is_runnable_rust(info: &str) -> bool {
    let mut parts = info.split(',').map(str::trim);
    parts.next() == Some("rust") && parts.all(|p| p != "ignore")
}

/// `content` with the printed text of each runnable snippet (looked up in `cells` by its visible
/// code, each cell used once, in order) as a text block under the snippet.
fn with_outputs(content: &str, cells: &[(String, String)]) -> String {
    let mut used = vec![false; cells.len()];
    let mut out = String::with_capacity(content.len());
    let mut lines = content.lines();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        // Copy the block through its closing fence, keeping its lines for the lookup.
        let mut block = Vec::new();
        for inner in lines.by_ref() {
            out.push_str(inner);
            out.push('\n');
            if inner.trim_start().starts_with("```") {
                break;
            }
            block.push(inner.to_string());
        }
        if !is_runnable_rust(info.trim()) {
            continue;
        }
        let source = visible_code(&block);
        let found = cells
            .iter()
            .enumerate()
            .find(|(i, (s, _))| !used[*i] && *s == source);
        if let Some((i, (_, printed))) = found {
            used[i] = true;
            if !printed.trim().is_empty() {
                out.push_str("\n*Output:*\n\n```text\n");
                out.push_str(printed.trim_end());
                out.push_str("\n```\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_goes_under_its_snippet_matched_by_visible_code() {
        let md = "Text\n\n```rust\n# use x::y;\nprintln!(\"hi\");\n```\n\nMore\n\n```rust,ignore\nlisting\n```\n";
        let cells = vec![
            ("other();".to_string(), "nope\n".to_string()),
            ("println!(\"hi\");".to_string(), "hi\n".to_string()),
        ];
        let out = with_outputs(md, &cells);
        assert_eq!(
            out,
            "Text\n\n```rust\n# use x::y;\nprintln!(\"hi\");\n```\n\n*Output:*\n\n```text\nhi\n```\n\nMore\n\n```rust,ignore\nlisting\n```\n"
        );
    }

    #[test]
    fn snippets_without_a_cell_or_output_are_left_alone() {
        let md =
            "```rust\nsilent();\n```\n```rust\nunknown();\n```\n```text\nprintln!(\"hi\");\n```\n";
        let cells = vec![
            ("silent();".to_string(), String::new()),
            ("println!(\"hi\");".to_string(), "hi\n".to_string()),
        ];
        assert_eq!(with_outputs(md, &cells), md);
    }

    #[test]
    fn runnable_means_rust_without_ignore() {
        assert!(is_runnable_rust("rust"));
        assert!(is_runnable_rust("rust,edition2024"));
        assert!(!is_runnable_rust("rust,ignore"));
        assert!(!is_runnable_rust("text"));
        assert!(!is_runnable_rust("console"));
    }
}
