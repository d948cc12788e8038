//! The preprocessor `outputs` of the HTML book: under each runnable snippet, what it printed.

use anyhow::Result;
use mdbook_preprocessor::book::BookItem;

use crate::chapter::{self, Block};
use crate::language::{self, Language};
use crate::notebook::{CellType, Notebook, joined};

/// Runs the preprocessor on the book mdBook writes to our stdin. The printed text of each
/// snippet comes from its chapter's committed notebook (the `notebooks` key of the
/// preprocessor's table in `book.toml`), whose outputs `cargo xtask notebooks --verify` checks
/// against a fresh run: the book shows real output without running anything. A snippet is
/// matched to its notebook cell by the cell's code (its visible lines and its figure's words,
/// [`chapter::cell_code`]), each cell used once, in order. Figures are
/// not repeated (the book shows the SVG), nor is the `()` a loop evaluates to.
///
/// It also leaves out the `notebook-only` regions, and in a translation it takes the
/// translation's notebooks (`notebooks/ru/`) and figures (`figures/ru/`).
pub fn main() -> Result<()> {
    let (ctx, mut book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())?;
    let (language, dir) =
        language::notebooks(&ctx.root, &ctx.config, "preprocessor.outputs.notebooks")?;
    let widget_words = widget_words(language)?;
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
            let name = format!("book/src/{stem}.md");
            let depth = ch.path.as_ref().map_or(0, |p| p.components().count() - 1);
            result = Notebook::read(&dir.join(format!("{stem}.ipynb"))).and_then(|nb| {
                let linked = nb.is_some();
                if let Some(nb) = nb {
                    ch.content = with_outputs(&name, &ch.content, &printed(&nb), language)?;
                }
                ch.content = for_the_book(&name, &ch.content, language)?;
                if linked {
                    ch.content = with_notebook_link(&ch.content, &stem, depth, language)?;
                }
                ch.content.push_str(&widget_words);
                Ok(())
            });
        }
    });
    result?;
    serde_json::to_writer(std::io::stdout().lock(), &book)?;
    Ok(())
}

/// The words of the book's scripts in `language`, for each page: in a translation, what the
/// widgets' and the interface's scripts read (`<script id="nn-words">`), the translation of each
/// of their messages from the catalog; nothing in English.
fn widget_words(language: &Language) -> Result<String> {
    if language.subdir.is_empty() {
        return Ok(String::new());
    }
    let words = language.words_of(&language::SCRIPTS)?;
    // `<\/` keeps a `</code>` of a translation from closing the script element.
    let json = serde_json::to_string(&words)?.replace("</", "<\\/");
    Ok(format!("\n\n<script type=\"application/json\" id=\"nn-words\">{json}</script>\n"))
}

/// `content` with a line under its title linking the chapter's notebook, which `cargo xtask
/// book` puts in the edition's `notebooks/` folder beside the pages (`book/build/site/`); a
/// chapter `depth` folders below the book's root reaches it through as many `../`.
fn with_notebook_link(
    content: &str,
    stem: &str,
    depth: usize,
    language: &Language,
) -> Result<String> {
    let file = format!("{stem}.ipynb");
    let href = format!("{}notebooks/{file}", "../".repeat(depth));
    let link = language.word(language::NOTEBOOK_LINK)?;
    let line = link.replace("{href}", &href).replace("{file}", &file);
    let paragraph = format!("\n<p class=\"nn-notebook\">{line}</p>\n\n");
    // After the title (the first line starting with `# `), or first when there is none.
    let mut start = 0;
    for line in content.split_inclusive('\n') {
        start += line.len();
        if line.starts_with("# ") {
            return Ok(format!("{}{paragraph}{}", &content[..start], &content[start..]));
        }
    }
    Ok(format!("{paragraph}{content}"))
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
fn with_outputs(
    name: &str,
    content: &str,
    cells: &[(String, String)],
    language: &Language,
) -> Result<String> {
    let label = language.word(language::OUTPUT_LABEL)?;
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
            out += &format!("\n*{label}*\n\n```text\n{text}\n```\n");
            pos = end;
        }
    }
    out += &content[pos..];
    Ok(out)
}

/// `content` without its `notebook-only` regions, and in a translation with its figures taken
/// from the translation's folder (`figures/ru/NAME.svg`), which the notebooks backend fills from
/// the translated notebooks.
fn for_the_book(name: &str, content: &str, language: &Language) -> Result<String> {
    let mut out = String::with_capacity(content.len());
    let (mut pos, mut hidden) = (0, false);
    for block in chapter::blocks(name, content)? {
        let keep = &content[pos..block.range().start];
        if !hidden {
            out += keep;
        }
        let text = &content[block.range().clone()];
        match block {
            Block::NotebookOnly(_, open) => hidden = open,
            _ if hidden => {}
            Block::Figure(..) if !language.subdir.is_empty() => {
                out += &text.replacen(
                    "](figures/",
                    &format!("](figures/{}", language.subdir_slash()),
                    1,
                )
            }
            _ => out += text,
        }
        pos = block.range().end;
    }
    out += &content[pos..];
    language.localised(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translations_widgets_get_their_words_from_the_catalog() {
        assert_eq!(widget_words(&language::ENGLISH).unwrap(), "");
        let russian = widget_words(&language::RUSSIAN).unwrap();
        assert!(russian.contains("<script type=\"application/json\" id=\"nn-words\">"));
        assert!(russian.contains("\"Reset\":\"Сбросить\""), "{russian}");
        assert_eq!(russian.matches("</").count(), 1, "only the script's own end tag");
    }

    #[test]
    fn each_page_links_its_notebook_under_its_title() {
        let page =
            with_notebook_link("# Title\n\nText\n", "01-neuron", 0, &language::ENGLISH).unwrap();
        assert!(page.starts_with("# Title\n\n<p class=\"nn-notebook\">"), "{page}");
        assert!(
            page.contains("<a href=\"notebooks/01-neuron.ipynb\" download>01-neuron.ipynb</a>")
        );
        assert!(page.ends_with("</p>\n\n\nText\n"), "{page}");
        let deeper = with_notebook_link("No title\n", "x", 1, &language::RUSSIAN).unwrap();
        assert!(deeper.starts_with("\n<p class=\"nn-notebook\">Эта глава"), "{deeper}");
        assert!(deeper.contains("href=\"../notebooks/x.ipynb\""));
    }

    #[test]
    fn output_goes_under_its_snippet_matched_by_its_cells_code() {
        let md = "Text\n\n```rust\n# use x::y;\n# let words = plot::Words {\n# };\nprintln!(\"hi\");\n```\n\nMore\n\n```rust,ignore\nlisting\n```\n\n```rust\nsilent();\n```\n";
        let cells = [
            ("other();".into(), "nope\n".into()),
            ("let words = plot::Words {\n};\nprintln!(\"hi\");".into(), "hi\n".into()),
            ("silent();".into(), String::new()),
        ];
        assert_eq!(
            with_outputs("t.md", md, &cells, &language::ENGLISH).unwrap(),
            "Text\n\n```rust\n# use x::y;\n# let words = plot::Words {\n# };\nprintln!(\"hi\");\n```\n\n*Output:*\n\n```text\nhi\n```\n\nMore\n\n```rust,ignore\nlisting\n```\n\n```rust\nsilent();\n```\n"
        );
    }

    #[test]
    fn notebook_only_regions_leave_the_book_and_translations_take_their_figures() {
        let md = "A\n\n<!-- notebook-only -->\n\nIn the notebook.\n\n<!-- /notebook-only -->\n\n![F](figures/f.svg)\n\nB\n";
        assert_eq!(
            for_the_book("t.md", md, &language::ENGLISH).unwrap(),
            "A\n\n\n![F](figures/f.svg)\n\nB\n"
        );
        assert_eq!(
            for_the_book("t.md", md, &language::RUSSIAN).unwrap(),
            "A\n\n\n![F](figures/ru/f.svg)\n\nB\n"
        );
        let cells = [("f();".to_string(), "printed\n".to_string())];
        let shown =
            with_outputs("t.md", "```rust\nf();\n```\n", &cells, &language::RUSSIAN).unwrap();
        assert!(shown.contains("*Вывод:*"));
    }
}
