//! The one reading of a chapter's Markdown, shared by the notebooks renderer, the book-outputs
//! preprocessor and the prose check: pulldown-cmark's events grouped into the top-level blocks
//! that matter to them.
//!
//! - a ```` ```rust ```` block is a runnable [`Block::Snippet`] (`should_panic` marks one that
//!   must panic), whose notebook cell is its visible code and its figure's words
//!   ([`cell_code`]); ```` ```rust,ignore ```` is a [`Block::Listing`] of the crate's code;
//! - a paragraph that is only `![...](figures/NAME.svg)` is a [`Block::Figure`];
//! - `<!-- book-only -->` ... `<!-- /book-only -->` encloses what the notebook leaves out, and
//!   `<!-- notebook-only -->` ... `<!-- /notebook-only -->` what the HTML book leaves out (both
//!   ordinary Markdown in between, so that gettext extracts and translates it);
//! - everything else, other fenced blocks (`text`, `console`) included, is prose.
//!
//! A fence without a language, or with rustdoc attributes the notebooks cannot honour, is an
//! error: rustdoc would run it as Rust while mdBook would not.

use std::ops::Range;

use anyhow::{Result, bail};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

/// One top-level block of a chapter, with its byte range in the chapter's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Text, math, tables, headings and non-Rust code blocks.
    Prose(Range<usize>),
    /// A `rust,ignore` listing: its visible code.
    Listing(Range<usize>, String),
    /// A runnable snippet: its notebook cell's code (rustdoc's hidden lines dropped, but for a
    /// figure's words, see [`cell_code`]) and whether it must panic.
    Snippet(Range<usize>, String, bool),
    /// A figure image paragraph: the figure's file stem.
    Figure(Range<usize>, String),
    /// `<!-- book-only -->` (true) or `<!-- /book-only -->` (false).
    BookOnly(Range<usize>, bool),
    /// `<!-- notebook-only -->` (true) or `<!-- /notebook-only -->` (false).
    NotebookOnly(Range<usize>, bool),
}

impl Block {
    /// The block's byte range in the chapter.
    pub fn range(&self) -> &Range<usize> {
        match self {
            Block::Prose(r)
            | Block::Listing(r, _)
            | Block::Snippet(r, ..)
            | Block::Figure(r, _)
            | Block::BookOnly(r, _)
            | Block::NotebookOnly(r, _) => r,
        }
    }
}

/// The parser options mdBook renders with, plus math, so that `$...$` is read as math.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
}

/// The 1-based line of byte `at`, for messages.
pub fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// The blocks of `text`; `name` (the chapter's file) is for messages.
pub fn blocks(name: &str, text: &str) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    let mut events = Parser::new_ext(text, options()).into_offset_iter();
    // Whether a `book-only` and a `notebook-only` region are open.
    let (mut book_only, mut notebook_only) = (false, false);
    while let Some((event, range)) = events.next() {
        let Event::Start(tag) = event else {
            blocks.push(Block::Prose(range));
            continue;
        };
        // The events inside this block, through its end.
        let mut inner = Vec::new();
        let mut depth = 1;
        for (e, _) in events.by_ref() {
            match &e {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
            inner.push(e);
        }
        let at = || format!("{name}:{}", line_of(text, range.start));
        let block = match tag {
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => "text".to_string(),
                };
                let code = text_of(&inner, |e| match e {
                    Event::Text(t) => Some(t),
                    _ => None,
                });
                match classify_fence(&info).map_err(|e| anyhow::anyhow!("{}: {e}", at()))? {
                    Fence::Prose => Block::Prose(range),
                    Fence::Listing => Block::Listing(range, visible_code(&code)),
                    Fence::Snippet(panics) => {
                        let code =
                            cell_code(&code).map_err(|e| anyhow::anyhow!("{}: {e}", at()))?;
                        Block::Snippet(range, code, panics)
                    }
                }
            }
            Tag::Paragraph => match figure(&inner) {
                Some(Ok(stem)) => Block::Figure(range, stem),
                Some(Err(())) => bail!(
                    "{}: a figure image must be a paragraph of its own \
                     (`![...](figures/NAME.svg)`), so that the notebook can leave it out",
                    at()
                ),
                None => Block::Prose(range),
            },
            Tag::HtmlBlock => {
                let html = text_of(&inner, |e| match e {
                    Event::Html(t) => Some(t),
                    _ => None,
                });
                let first = html.lines().next().unwrap_or("").trim();
                match first {
                    "<!-- book-only -->"
                    | "<!-- /book-only -->"
                    | "<!-- notebook-only -->"
                    | "<!-- /notebook-only -->" => {
                        // Which region, whether the marker opens it, and whether it may: the
                        // other region must be closed, this one in the other state.
                        let book = first.contains("book-only") && !first.contains("notebook");
                        let open = !first.starts_with("<!-- /");
                        let (this, other) = match book {
                            true => (&mut book_only, notebook_only),
                            false => (&mut notebook_only, book_only),
                        };
                        if open == *this || other {
                            bail!("{}: `{first}` does not pair with the markers before it", at());
                        }
                        *this = open;
                        if book {
                            Block::BookOnly(range, open)
                        } else {
                            Block::NotebookOnly(range, open)
                        }
                    }
                    f if f.starts_with("<!-- book-only")
                        || f.starts_with("<!-- /book-only")
                        || f.starts_with("<!-- notebook-only")
                        || f.starts_with("<!-- /notebook-only") =>
                    {
                        bail!(
                            "{}: a book-only/notebook-only marker must be alone on its line, \
                             exactly `<!-- book-only -->`, `<!-- /book-only -->`, \
                             `<!-- notebook-only -->` or `<!-- /notebook-only -->`",
                            at()
                        )
                    }
                    _ => Block::Prose(range),
                }
            }
            _ => Block::Prose(range),
        };
        blocks.push(block);
    }
    if book_only {
        bail!("{name}: `<!-- book-only -->` is not closed by `<!-- /book-only -->`");
    }
    if notebook_only {
        bail!("{name}: `<!-- notebook-only -->` is not closed by `<!-- /notebook-only -->`");
    }
    Ok(blocks)
}

/// The text of the events `pick` takes (the code of a code block, the HTML of an HTML block).
fn text_of<'a>(
    events: &'a [Event<'a>],
    pick: impl Fn(&'a Event<'a>) -> Option<&'a CowStr<'a>>,
) -> String {
    events.iter().filter_map(pick).map(|t| t.as_ref()).collect()
}

/// Whether a paragraph is a figure: `Some(Ok(stem))` for one image of `figures/NAME.svg` alone,
/// `Some(Err(()))` for such an image among other content, `None` otherwise.
fn figure(inner: &[Event]) -> Option<Result<String, ()>> {
    let stem = inner.iter().find_map(|e| match e {
        Event::Start(Tag::Image { dest_url, .. }) => dest_url
            .strip_prefix("figures/")
            .and_then(|f| f.strip_suffix(".svg"))
            .map(str::to_string),
        _ => None,
    })?;
    // Alone: the image's start, its alt text, its end, and nothing else but blank text.
    let alone = matches!(inner.first(), Some(Event::Start(Tag::Image { .. })))
        && inner.iter().skip_while(|e| !matches!(e, Event::End(TagEnd::Image))).skip(1).all(|e| {
            matches!(e, Event::Text(t) if t.trim().is_empty()) || matches!(e, Event::SoftBreak)
        });
    Some(if alone { Ok(stem) } else { Err(()) })
}

enum Fence {
    Prose,
    Listing,
    Snippet(bool),
}

/// rustdoc's code block attributes: a fence naming one of them is Rust to rustdoc.
const RUSTDOC_ATTRIBUTES: &[&str] =
    &["ignore", "should_panic", "no_run", "compile_fail", "test_harness", "standalone_crate"];

fn classify_fence(info: &str) -> Result<Fence, String> {
    let mut tokens = info.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty());
    let Some(language) = tokens.next() else {
        return Err("a fenced block without a language is Rust to rustdoc but not to mdBook: \
                    write ```rust or ```text"
            .into());
    };
    if language != "rust" {
        if RUSTDOC_ATTRIBUTES.contains(&language) || language.starts_with("edition") {
            return Err(format!("```{info} is Rust to rustdoc: write ```rust,{info}"));
        }
        return Ok(Fence::Prose);
    }
    let (mut ignore, mut panics) = (false, false);
    for token in tokens {
        match token {
            "ignore" => ignore = true,
            "should_panic" => panics = true,
            "editable" | "noplayground" | "noplaypen" | "mdbook-runnable" => {}
            t if t.starts_with("edition") => {}
            other => {
                return Err(format!(
                    "```{info}: the attribute `{other}` is not supported in notebooks (supported: \
                     ignore for listings, should_panic, editable, noplayground, editionNNNN)"
                ));
            }
        }
    }
    Ok(match (ignore, panics) {
        (true, _) => Fence::Listing,
        (false, panics) => Fence::Snippet(panics),
    })
}

/// The visible lines of Rust code, as rustdoc shows them (`# ` lines and a lone `#` hidden,
/// `##` standing for `#`), without leading and trailing blank lines.
pub fn visible_code(code: &str) -> String {
    let visible: Vec<String> = code
        .lines()
        .filter_map(|line| match rustdoc_line(line) {
            Line::Visible(shown) => Some(shown),
            Line::Hidden(_) => None,
        })
        .collect();
    trim_blank_lines(&visible.join("\n")).to_string()
}

/// How a hidden statement of a figure's words starts (after `let NAME `), see [`cell_code`].
pub const WORDS_START: &str = "= plot::Words {";

/// The code of a runnable snippet's notebook cell: its visible lines ([`visible_code`]), and
/// the words of its figures, which the book hides but the notebook shows.
///
/// The rule: a hidden line `# let NAME = plot::Words {` (any indentation after `# `) opens a
/// figure's words, and the first hidden line that is `# };` (any indentation) closes them;
/// those lines, every one of them hidden, go into the cell with their `# ` removed, where they
/// stand. The book's reader sees only the figure's call (`plot::sigmoid_curve(&words)`), and
/// the notebook, which runs only what its cells show, gets the words too. Their string
/// literals are messages of the chapter like those of any line (mdbook-xgettext extracts hidden
/// lines as well), so a translated notebook shows translated words.
///
/// An error for words that are not closed, or with a visible line among them: the book would
/// show half of them.
pub fn cell_code(code: &str) -> Result<String, String> {
    let mut kept = Vec::new();
    // The line number where the words now open, if they are.
    let mut words: Option<usize> = None;
    for (n, line) in code.lines().enumerate() {
        match (rustdoc_line(line), words) {
            (Line::Hidden(body), None) => {
                let statement = body.trim();
                if statement.starts_with("let ") && statement.ends_with(WORDS_START) {
                    words = Some(n + 1);
                    kept.push(body.to_string());
                }
            }
            (Line::Hidden(body), Some(_)) => {
                if body.trim() == "};" {
                    words = None;
                }
                kept.push(body.to_string());
            }
            (Line::Visible(shown), None) => kept.push(shown),
            (Line::Visible(shown), Some(open)) => {
                return Err(format!(
                    "the figure's words opened by the hidden line {open} of this block have a \
                     visible line, `{shown}`: hide every line of them (`# `) through `# }};`"
                ));
            }
        }
    }
    if let Some(open) = words {
        return Err(format!(
            "the figure's words opened by the hidden line {open} of this block (`# let NAME \
             {WORDS_START}`) are not closed by a hidden `# }};`"
        ));
    }
    Ok(trim_blank_lines(&kept.join("\n")).to_string())
}

/// A line of Rust code as rustdoc reads it.
enum Line {
    /// Shown, as shown (`##` standing for `#`).
    Visible(String),
    /// Hidden: what follows its `# ` (empty for a lone `#`).
    Hidden(String),
}

fn rustdoc_line(line: &str) -> Line {
    let t = line.trim();
    if t.starts_with("##") {
        Line::Visible(line.replacen("##", "#", 1))
    } else if t == "#" {
        Line::Hidden(String::new())
    } else if let Some(body) = line.trim_start().strip_prefix("# ") {
        Line::Hidden(body.to_string())
    } else {
        Line::Visible(line.to_string())
    }
}

/// `text` without its leading and trailing blank lines.
pub fn trim_blank_lines(text: &str) -> &str {
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return "";
    };
    let last = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap_or(first);
    let start = lines[..first].iter().map(|l| l.len() + 1).sum::<usize>();
    let end = start + lines[first..=last].iter().map(|l| l.len() + 1).sum::<usize>() - 1;
    &text[start..end]
}

/// The prose of a chapter as text: everything but code blocks and HTML comments, math included;
/// `words` rewrites the words (not code spans, not math), such as
/// [`Language::with_points`](crate::language::Language::with_points).
pub fn prose_text(text: &str, words: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) if !in_code => {
                out.push_str(&words(&t));
                out.push(' ');
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) if !in_code => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push('\n'),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(md: &str) -> Vec<String> {
        blocks("t.md", md)
            .unwrap()
            .into_iter()
            .map(|b| match b {
                Block::Prose(r) => format!("prose {:?}", md[r].trim_end()),
                Block::Listing(_, c) => format!("listing {c:?}"),
                Block::Snippet(_, c, p) => format!("snippet {c:?} {p}"),
                Block::Figure(_, n) => format!("figure {n}"),
                Block::BookOnly(_, open) => format!("book-only {open}"),
                Block::NotebookOnly(_, open) => format!("notebook-only {open}"),
            })
            .collect()
    }

    #[test]
    fn every_kind_of_fence_is_read_alike() {
        // Backticks, tildes and longer fences are one and the same to CommonMark.
        for (open, close) in [("```", "```"), ("~~~", "~~~"), ("````", "````")] {
            let md = format!(
                "Hi\n\n{open}rust\n# use x;\nf();\n{close}\n\n{open}rust,ignore\nlib();\n{close}\n\n{open}text\nout\n{close}\n"
            );
            assert_eq!(
                kinds(&md),
                [
                    "prose \"Hi\"",
                    "snippet \"f();\" false",
                    "listing \"lib();\"",
                    &format!("prose \"{open}text\\nout\\n{close}\""),
                ]
            );
        }
        // A four-backtick fence holds a three-backtick line.
        assert_eq!(
            kinds("````rust\nlet s = \"\n```\n\";\n````\n"),
            ["snippet \"let s = \\\"\\n```\\n\\\";\" false"]
        );
    }

    #[test]
    fn figures_markers_and_errors() {
        let md = "![The curve](figures/sigmoid.svg)\n\n<!-- book-only -->\n\nx\n\n<!-- /book-only -->\n\n<!-- notebook-only -->\n\nnb\n\n<!-- /notebook-only -->\n\n```rust,should_panic\np();\n```\n";
        assert_eq!(
            kinds(md),
            [
                "figure sigmoid",
                "book-only true",
                "prose \"x\"",
                "book-only false",
                "notebook-only true",
                "prose \"nb\"",
                "notebook-only false",
                "snippet \"p();\" true",
            ]
        );
        for bad in [
            "```\nno language\n```\n",
            "```ignore\nx\n```\n",
            "```rust,no_run\nx\n```\n",
            "see ![x](figures/a.svg) here\n",
            "<!-- book-only -->\n\nnever closed\n",
            "<!-- /book-only -->\n",
            "<!-- book-only-->\n",
            "<!-- notebook-only -->\n\nnever closed\n",
            "<!-- notebook-only -->\n\n<!-- book-only -->\n\nx\n\n<!-- /book-only -->\n",
        ] {
            assert!(blocks("t.md", bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn visible_code_hides_rustdoc_lines_and_prose_skips_code() {
        assert_eq!(
            visible_code("# use a;\n#\n\nlet x = 1;\n## not hidden\n\n"),
            "let x = 1;\n# not hidden"
        );
        let prose = prose_text(
            "a 0.111 $0.5$\n\n```rust\nlet x = 0.222;\n```\n\n<!-- 0.333 -->\n\nb `0.444`\n",
            str::to_string,
        );
        assert!(prose.contains("0.111") && prose.contains("0.5") && prose.contains("0.444"));
        assert!(!prose.contains("0.222") && !prose.contains("0.333"));
        // The words only: a code span or a formula keeps its commas.
        let prose = prose_text("0,949 and `Ada,58,163,F` and $w_{1,2}$", |t| t.replace(',', "."));
        assert!(prose.contains("0.949") && prose.contains("Ada,58,163,F"), "{prose}");
        assert!(prose.contains("w_{1,2}"), "{prose}");
    }

    #[test]
    fn a_figures_hidden_words_stay_in_its_notebook_cell() {
        let code = "use nn::plot;\n# fn main() {\n# let x = 1;\n# let words = plot::Words {\n#     title: \"T\",\n#     labels: &[\"a\"],\n# };\nlet figure = plot::curve(&words);\nlet f = {\n    let y = 2;\n#     let more = plot::Words {\n#         labels: &[],\n#     };\n    y\n};\n# let inline = plot::Words { title: \"\" };\nfigure\n# ;\n# }\n";
        assert_eq!(
            cell_code(code).unwrap(),
            "use nn::plot;\nlet words = plot::Words {\n    title: \"T\",\n    labels: &[\"a\"],\n};\nlet figure = plot::curve(&words);\nlet f = {\n    let y = 2;\n    let more = plot::Words {\n        labels: &[],\n    };\n    y\n};\nfigure"
        );
        // The book shows the call only.
        assert!(!visible_code(code).contains("Words"));
        // Through the blocks: the snippet's cell has its words, a listing has no hidden words.
        let md = format!("```rust\n{code}```\n");
        assert_eq!(kinds(&md), [format!("snippet {:?} false", cell_code(code).unwrap())]);
        for bad in [
            "# let words = plot::Words {\n#     title: \"T\",\n",
            "# let words = plot::Words {\n    title: \"T\",\n# };\n",
            "# let words = plot::Words {\n\n# };\n",
        ] {
            assert!(cell_code(bad).is_err(), "{bad:?} should be refused");
            assert!(blocks("t.md", &format!("```rust\n{bad}```\n")).is_err());
        }
    }
}
