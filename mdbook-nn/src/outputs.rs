//! The preprocessor `outputs` of the HTML book: under each runnable snippet, what it printed.

use anyhow::{Context, Result};
use mdbook_preprocessor::book::BookItem;

use crate::chapter::{self, Block};
use crate::notebook::{CellType, Notebook, joined};

/// Runs the preprocessor on the book mdBook writes to our stdin. The printed text of each
/// snippet comes from its chapter's committed notebook (the `notebooks` key of the
/// preprocessor's table in `book.toml`), whose outputs `cargo xtask notebooks --verify` checks
/// against a fresh run: the book shows real output without running anything. A snippet is
/// matched to its notebook cell by its visible code, each cell used once, in order. Figures are
/// not repeated (the book shows the SVG), nor is the `()` a loop evaluates to.
pub fn main() -> Result<()> {
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
}
