//! `cargo xtask render-notebooks`: the book's `[output.notebooks]` backend. mdBook hands it the
//! chapters in the order of `SUMMARY.md`, with `{{#include}}` already expanded, and it writes
//! into its build directory (`book/build/notebooks/`):
//!
//! - `NN-name.ipynb` for each chapter `NN-name.md`: a note on the first run ([`FIRST_RUN`]), a
//!   code cell [`DEP_CELL`] loading the crate, then the chapter's prose as Markdown cells, each
//!   listing as a Markdown cell, each
//!   runnable snippet as a code cell of its visible lines and its figure's words (see
//!   [`chapter::cell_code`]); figure
//!   images and `book-only` regions are left out. A code cell whose source is unchanged keeps
//!   the outputs of the committed notebook (`notebooks/`, the `committed` key of the backend's
//!   table in `book.toml`);
//! - `figures/NAME.svg` for each figure image `![...](figures/NAME.svg)`: the SVG output of the
//!   code cell before it, so that the book's picture is the one the chapter's code draws;
//! - `solutions/NN-name.ipynb` for each chapter with exercises: the notebook with each
//!   exercise's starter cell replaced by its solution and its check cell expected to pass (see
//!   [`solved_cells`]), which `cargo xtask exercises --check` runs;
//! - `problems.txt`: every number with three or more decimals in the prose that no output of
//!   the notebook (nor a file the chapter includes) shows, and every figure without a drawing.
//!
//! `cargo xtask notebooks` copies the notebooks and figures into place; `--check` fails on any
//! difference or problem.
//!
//! [`FIRST_RUN`]: language::FIRST_RUN

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use mdbook_renderer::RenderContext;
use regex::Regex;
use serde_json::Value;

use crate::chapter::{self, Block};
use crate::language::{self, Language};
use crate::notebook::{Cell, CellType, Notebook, joined};

/// The first cell of every notebook: the crate, from the notebook's directory.
///
/// The key is the package's name (cargo refuses `nn_from_scratch = { path }`); the code uses the
/// library's name. evcxr resolves the path against the kernel's working directory, the
/// notebook's directory.
pub const DEP_CELL: &str =
    r#":dep nn-from-scratch = { path = "..", default-features = false, features = ["plot"] }"#;

/// The second line of the first cell of a chapter with exercises: their checks.
pub const EXERCISES_DEP: &str = r#":dep exercises = { path = "../exercises" }"#;

/// How an exercise's check cell starts: a call of the package's checks, whose value (`Ok(())`,
/// or what is wrong) the cell shows.
pub const CHECK_CALL: &str = "exercises::check::";

/// Where the notebooks with the exercises' solutions go, in the build directory: run from
/// there, their first cell finds the crate three directories further up
/// (`book/build/notebooks/solutions/`).
pub const SOLUTIONS_DIR: &str = "solutions";

/// Runs the backend on the context mdBook writes to our stdin.
pub fn main() -> Result<()> {
    let ctx = RenderContext::from_json(std::io::stdin().lock())?;
    let (language, committed) =
        language::notebooks(&ctx.root, &ctx.config, "output.notebooks.committed")?;
    let out = &ctx.destination;
    // mdBook leaves a backend's last output in place (it is our working directory): start afresh.
    for dir in ["figures", SOLUTIONS_DIR] {
        if out.join(dir).exists() {
            fs::remove_dir_all(out.join(dir))?;
        }
    }
    fs::create_dir_all(out.join("figures"))?;
    let mut problems = Vec::new();
    let mut made = Vec::new();
    for ch in ctx.book.chapters() {
        let (Some(path), Some(source)) = (&ch.path, &ch.source_path) else {
            continue;
        };
        let stem = path.file_stem().and_then(|s| s.to_str()).context("chapter file name")?;
        let name = format!("book/src/{}", source.display());
        let stored = Notebook::read(&committed.join(format!("{stem}.ipynb")))?;
        let (cells, figures) = cells(&name, &ch.content, language)?;
        if let Some(solved) = solved_cells(&name, &ch.content, &cells, language)? {
            fs::create_dir_all(out.join(SOLUTIONS_DIR))?;
            let path = out.join(SOLUTIONS_DIR).join(format!("{stem}.ipynb"));
            fs::write(path, Notebook::new(solved).to_text())?;
        }
        let notebook = Notebook::new(keep_runs(cells, stored.as_ref())?);
        fs::write(out.join(format!("{stem}.ipynb")), notebook.to_text())?;
        made.push(format!("{stem}.ipynb"));
        let raw = fs::read_to_string(ctx.source_dir().join(source))?;
        let mut shown = included_files(&raw, &ctx.source_dir().join(source))?;
        for cell in &notebook.cells {
            for output in cell.outputs() {
                for text in [
                    &output["text"],
                    &output["data"]["text/plain"],
                    &output["data"]["text/html"],
                    &output["data"]["image/svg+xml"],
                ] {
                    shown.push_str(&joined(text));
                }
                shown.push('\n');
            }
        }
        for (figure, index) in figures {
            match notebook.cells[index].outputs().iter().find_map(|o| o["data"].get("image/svg+xml")) {
                Some(svg) => fs::write(out.join(format!("figures/{figure}.svg")), joined(svg).trim_end().to_string() + "\n")?,
                None => problems.push(format!(
                    "{name}: figures/{figure}.svg: the cell before it shows no figure (run `cargo xtask notebooks --execute {stem}`)"
                )),
            }
        }
        let prose = chapter::prose_text(&ch.content, |t| language.with_points(t));
        let found = prose_problems(&prose, &shown, language);
        let notebook = format!("notebooks/{}{stem}.ipynb", language.subdir_slash());
        let edition = if language.subdir.is_empty() {
            String::new()
        } else {
            format!(" ({})", language.code)
        };
        problems.extend(found.into_iter().map(|p| format!("{name}{edition}: {p} ({notebook})")));
        problems.extend(snippet_problems(&name, &ch.content)?);
    }
    for old in fs::read_dir(out)? {
        let name = old?.file_name().to_string_lossy().to_string();
        if name.ends_with(".ipynb") && !made.contains(&name) {
            fs::remove_file(out.join(name))?;
        }
    }
    fs::write(
        out.join("problems.txt"),
        problems.iter().map(|p| p.clone() + "\n").collect::<String>(),
    )?;
    Ok(())
}

/// What is wrong with the snippets of a chapter (its name for messages, its text): a snippet
/// without `fn main`, and a figure's words that the book shows (they are hidden lines, which
/// the notebook keeps: [`chapter::cell_code`]).
pub fn snippet_problems(name: &str, text: &str) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for block in chapter::blocks(name, text)? {
        let Block::Snippet(range, ..) = block else {
            continue;
        };
        let at = format!("{name}:{}", chapter::line_of(text, range.start));
        let code = &text[range];
        if !code.contains("fn main") {
            problems.push(format!(
                "{at}: a snippet without `fn main`: rustdoc wraps it in one, so the code a \
                 reader copies would not compile as it is tested (write a hidden `# fn main() {{`)"
            ));
        }
        // The words' type, as a hidden line names it (`= plot::Words {`), anywhere in sight.
        let words_type = chapter::WORDS_START.trim_start_matches("= ");
        if chapter::visible_code(code).contains(words_type) {
            problems.push(format!(
                "{at}: a figure's words shown in the book: write them as hidden lines, \
                 `# let words = plot::Words {{` through `# }};`, before the figure's call (the \
                 notebook keeps them)"
            ));
        }
    }
    Ok(problems)
}

/// Figure names, each with the index of the cell that draws it.
type Figures = Vec<(String, usize)>;

/// The first cell of a notebook in `language`'s directory, which lies one level further down
/// for a translation (`notebooks/ru/`); `exercises` adds the exercises' checks, which in a
/// translation speak its language (the package's feature of that name, `ru`).
pub fn dep_cell(language: &Language, exercises: bool) -> String {
    let up = to_root(language);
    let deps =
        if exercises { format!("{DEP_CELL}\n{EXERCISES_DEP}") } else { DEP_CELL.to_string() };
    let exercises_dep = if language.subdir.is_empty() {
        format!(r#"path = "{up}/exercises" }}"#)
    } else {
        format!(r#"path = "{up}/exercises", features = ["{}"] }}"#, language.code)
    };
    deps.replace(r#"path = "..""#, &format!(r#"path = "{up}""#))
        .replace(r#"path = "../exercises" }"#, &exercises_dep)
}

/// From `language`'s committed notebooks to the checkout: `notebooks/` is one level down,
/// `notebooks/ru/` two.
fn to_root(language: &Language) -> &'static str {
    if language.subdir.is_empty() { ".." } else { "../.." }
}

/// The cells of a chapter (its name for messages, its expanded text) in `language`, and for
/// each figure the index of the code cell that draws it.
pub fn cells(name: &str, text: &str, language: &Language) -> Result<(Vec<Cell>, Figures)> {
    let mut cells = vec![
        Cell::markdown(language.word(language::FIRST_RUN)?),
        Cell::code(dep_cell(language, false), false),
    ];
    let mut figures = Vec::new();
    let mut prose = String::new();
    // Newlines between the last prose kept and what comes next: one or a blank line.
    let mut newlines = 0;
    let mut book_only = false;
    // Inside `<details>` (an exercise's hint or solution), a listing stays in its Markdown cell,
    // folded away with the rest.
    let mut details = 0usize;
    let flush = |prose: &mut String, cells: &mut Vec<Cell>| {
        let text = chapter::trim_blank_lines(prose);
        if !text.is_empty() {
            cells.push(Cell::markdown(text.to_string()));
        }
        prose.clear();
    };
    let push = |prose: &mut String, newlines: &mut usize, piece: &str| {
        if !prose.is_empty() {
            prose.push_str(if *newlines >= 2 { "\n\n" } else { "\n" });
        }
        prose.push_str(piece.trim_end_matches('\n'));
        *newlines = 0;
    };
    let mut pos = 0;
    for block in chapter::blocks(name, text)? {
        let range = block.range().clone();
        newlines += text[pos..range.start].matches('\n').count();
        pos = range.end;
        match block {
            Block::BookOnly(_, open) => book_only = open,
            _ if book_only => {}
            Block::Prose(r) => {
                let html = &text[r.clone()];
                details += html.matches("<details").count();
                details = details.saturating_sub(html.matches("</details>").count());
                push(&mut prose, &mut newlines, &language.localised(html)?)
            }
            // What lies between is prose like any other, for the notebook.
            Block::NotebookOnly(..) => {}
            Block::Figure(_, figure) => {
                let last = cells.iter().rposition(|c| c.cell_type == CellType::Code).unwrap_or(0);
                figures.push((figure, last));
            }
            Block::Listing(_, code) => {
                if details == 0 {
                    flush(&mut prose, &mut cells);
                }
                let longest = code
                    .lines()
                    .map(|l| l.trim_start().len() - l.trim_start().trim_start_matches('`').len());
                let fence = "`".repeat(longest.max().unwrap_or(0).max(2) + 1);
                let listing = format!("{fence}rust\n{code}\n{fence}");
                if details == 0 {
                    cells.push(Cell::markdown(listing));
                } else {
                    push(&mut prose, &mut newlines, &listing);
                }
            }
            Block::Snippet(_, code, panics) => {
                flush(&mut prose, &mut cells);
                if !code.is_empty() {
                    cells.push(Cell::code(code, panics));
                }
            }
        }
        newlines += text[range.clone()].len() - text[range].trim_end_matches('\n').len();
    }
    flush(&mut prose, &mut cells);
    if cells.iter().any(|c| c.source.starts_with(CHECK_CALL)) {
        cells[1].source = dep_cell(language, true);
    }
    Ok((cells, figures))
}

/// The cells of a chapter with exercises as they are once solved (None for a chapter without):
/// an exercise is a starter snippet, then its check (a snippet starting with [`CHECK_CALL`]),
/// then its solution, the first listing after the check (included from
/// `exercises/src/solutions/`). The starter's cell becomes the solution, and the first cell finds
/// the crate from [`SOLUTIONS_DIR`] (`book/build/notebooks/solutions/`, or
/// `book/build/LANG/notebooks/solutions/` for a translation).
pub fn solved_cells(
    name: &str,
    text: &str,
    cells: &[Cell],
    language: &Language,
) -> Result<Option<Vec<Cell>>> {
    let mut solutions = Vec::new();
    let mut open_check = None;
    for block in chapter::blocks(name, text)? {
        match block {
            Block::Snippet(range, code, _) if code.starts_with(CHECK_CALL) => {
                if let Some(at) = open_check.replace(range.start) {
                    bail!(
                        "{name}:{}: an exercise's check without a solution listing after it",
                        chapter::line_of(text, at)
                    );
                }
            }
            Block::Listing(_, code) if open_check.is_some() => {
                open_check = None;
                solutions.push(code);
            }
            _ => {}
        }
    }
    if let Some(at) = open_check {
        bail!(
            "{name}:{}: an exercise's check without a solution listing after it",
            chapter::line_of(text, at)
        );
    }
    if solutions.is_empty() {
        return Ok(None);
    }
    let mut solved: Vec<Cell> = cells
        .iter()
        .map(|c| match c.cell_type {
            CellType::Code => Cell::code(c.source.clone(), c.panics()),
            CellType::Markdown => Cell::markdown(c.source.clone()),
        })
        .collect();
    // The build directory's `solutions/` lies three levels below the committed notebooks'
    // (`notebooks/` against `book/build/notebooks/solutions/`).
    let up = to_root(language);
    solved[1].source =
        solved[1].source.replace(&format!(r#"path = "{up}"#), &format!(r#"path = "{up}/../../.."#));
    let mut solutions = solutions.into_iter();
    for i in 0..solved.len() {
        if !solved[i].source.starts_with(CHECK_CALL) {
            continue;
        }
        let starter = solved[..i].iter().rposition(|c| c.cell_type == CellType::Code).unwrap_or(0);
        if starter == 0 {
            bail!("{name}: an exercise's check without a starter snippet before it");
        }
        solved[starter] = Cell::code(solutions.next().unwrap_or_default(), false);
    }
    Ok(Some(solved))
}

/// The cells, where each code cell takes the run (outputs, execution count) of the stored code
/// cell with the same source (each stored cell used once, in order).
fn keep_runs(mut cells: Vec<Cell>, stored: Option<&Notebook>) -> Result<Vec<Cell>> {
    let mut runs: Vec<&Cell> = stored.map_or(Vec::new(), |nb| {
        nb.cells.iter().filter(|c| c.cell_type == CellType::Code).collect()
    });
    for cell in cells.iter_mut().filter(|c| c.cell_type == CellType::Code) {
        if let Some(i) = runs.iter().position(|s| s.source == cell.source) {
            let run = runs.remove(i);
            cell.execution_count = run.execution_count.clone();
            cell.outputs = run.outputs.clone();
        }
        for output in cell.outputs.iter_mut().flatten() {
            if let Some(svg) = output["data"].get("image/svg+xml") {
                output["data"]["image/png"] = Value::String(png(&joined(svg))?);
            }
        }
    }
    Ok(cells)
}

/// A figure's SVG as a PNG, base64-encoded as notebooks store it: JupyterLab shows no SVG of a
/// notebook the reader has not run (SVG may hold scripts; the notebook is untrusted), but does
/// show PNG, as GitHub and nbviewer do. Drawn by resvg with the DejaVu Sans font shipped in the
/// `dejavu` crate, and no system font, so the bytes are the same on every machine.
fn png(svg: &str) -> Result<String> {
    use base64::Engine;
    use resvg::{tiny_skia, usvg};
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_data(dejavu::sans::regular().to_vec());
    fonts.set_sans_serif_family("DejaVu Sans");
    let options = usvg::Options {
        fontdb: std::sync::Arc::new(fonts),
        font_family: "DejaVu Sans".into(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).context("a figure's SVG does not parse")?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).context("empty figure")?;
    resvg::render(&tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    let png = pixmap.encode_png().context("cannot encode a PNG")?;
    Ok(base64::engine::general_purpose::STANDARD.encode(png) + "\n")
}

/// The text of the files `raw` includes with `{{#include PATH}}` or `{{#include PATH:...}}`,
/// paths relative to the chapter's file `chapter`.
fn included_files(raw: &str, chapter: &Path) -> Result<String> {
    let dir = chapter.parent().unwrap_or(Path::new("."));
    let mut all = String::new();
    for piece in raw.split("{{#include ").skip(1) {
        let spec = piece.split("}}").next().unwrap_or("").trim();
        let file = dir.join(spec.split(':').next().unwrap_or(spec));
        all += &fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
    }
    Ok(all)
}

/// What the prose states that the code must have printed (`shown`: the notebook's outputs and
/// the files the chapter includes), one message per number that it did not, with the words of
/// `language` (see [`Language`]):
///
/// - every decimal number with three or more digits after the point;
/// - every ratio (`35×`, `9.8 times`, `в 9.8 раза`): a `N×` the code printed, or the ratio of
///   two numbers of the same sentence at the precision written (`15.9 times as long (196.69 ms
///   against 12.37 ms)`);
/// - every time in ns, µs or ms not written as "about", unless its sentence (or table) calls it
///   a one-off measurement;
/// - every count of people, adults, women, men, parameters or mini-batches;
/// - every measure in kilograms or centimetres (`45 kg`, `60.3 кг`): the tutorial measures in
///   pounds and inches, so a metric value beside them must be the code's conversion, not typed.
///
/// Digits grouped by a no-break or thin space (`100 000`) count as one number. The prose comes
/// with its decimal commas already read as points (see [`chapter::prose_text`]).
pub fn prose_problems(prose: &str, shown: &str, language: &Language) -> Vec<String> {
    let re = |r: &str| Regex::new(r).expect("a valid pattern");
    let printed = |n: &str| {
        re(&format!(r"(^|[^\d.]){}($|[^\d]|\.($|[^\d]))", regex::escape(n))).is_match(shown)
    };
    // A number, with its thousands grouped by commas as the English prose writes them.
    let number = re(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?");
    // Compiled once for the chapter, not once per sentence.
    let decimals = re(r"(^|[^\d.])(\d+\.\d{3,})");
    let ratios: Vec<Regex> = language.ratios.iter().map(|p| re(p)).collect();
    let (times, counts) = (re(language.times), re(language.counts));
    let metric = re(r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>kg|cm|кг|см)\b");
    let prose = language::ungrouped(prose);
    let mut problems = Vec::new();
    for sentence in re(r"[.!?;:](\s|$)").split(&prose) {
        for m in decimals.captures_iter(sentence) {
            if !printed(&m[2]) {
                problems.push(format!("the prose quotes {}, which no output shows", &m[2]));
            }
        }
        for pattern in &ratios {
            for m in pattern.captures_iter(sentence) {
                let (n, places) = (&m["n"], m.name("p").map_or(0, |p| p.len()));
                let values: Vec<f64> = number
                    .find_iter(sentence)
                    .filter_map(|v| v.as_str().replace(',', "").parse().ok())
                    .collect();
                let is_ratio = values.iter().any(|a| {
                    values.iter().any(|b| *b != 0.0 && format!("{:.*}", places, a / b) == n)
                });
                if !shown.contains(&format!("{n}×")) && !is_ratio {
                    problems.push(format!(
                        "the prose says {} ({n}), which is neither a ratio the code printed \
                         (`{n}×`) nor the ratio of two numbers of its sentence",
                        &m[0]
                    ));
                }
            }
        }
        let one_off = language.one_off.iter().any(|w| sentence.contains(w));
        for m in times.captures_iter(sentence) {
            if !one_off && m.name("about").is_none() && !printed(&m["n"]) {
                problems.push(format!(
                    "the prose quotes {} {}, which no output or included table shows (a one-off \
                     measurement must say so in its sentence)",
                    &m["n"], &m["u"]
                ));
            }
        }
        for m in metric.captures_iter(sentence) {
            if !printed(&m["n"]) {
                problems.push(format!(
                    "the prose gives {} {}, which no output shows (a metric value must be \
                     converted by the code)",
                    &m["n"], &m["u"]
                ));
            }
        }
        for m in counts.captures_iter(sentence) {
            if m.name("size").is_none() && !printed(&m["n"]) && !printed(&with_commas(&m["n"])) {
                problems.push(format!(
                    "the prose counts {} {}, which no output shows",
                    &m["n"], &m["w"]
                ));
            }
        }
    }
    problems
}

/// `n` (digits) grouped by commas, as the English prose and some outputs write it.
fn with_commas(n: &str) -> String {
    let mut out = String::new();
    for (i, c) in n.chars().enumerate() {
        if i > 0 && (n.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_introduction_shows_the_first_cell_as_it_is() {
        let introduction = include_str!("../../book/src/00-introduction.md");
        assert!(
            introduction.contains(&format!("```text\n{DEP_CELL}\n```")),
            "book/src/00-introduction.md must show the notebooks' first line, {DEP_CELL}"
        );
    }

    #[test]
    fn a_chapter_becomes_cells() {
        let md = "# Title\n\nSome text.\n\n\n```rust\n# use nn::x;\n# let words = plot::Words {\n#     title: \"T\",\n# };\nlet f = draw(&words);\nf\n```\n\n![A figure](figures/fig.svg)\n\nMore.\n\n```rust,ignore\npub fn lib() {}\n```\n\n<!-- book-only -->\n\nOnly in the book.\n\n```rust\nbook_only();\n```\n\n<!-- /book-only -->\n\n<!-- notebook-only -->\n\nOnly in the notebook.\n\n<!-- /notebook-only -->\n\n```text\nout\n```\n";
        let (cells, figures) = cells("t.md", md, &language::ENGLISH).unwrap();
        let shown: Vec<(CellType, &str)> =
            cells.iter().map(|c| (c.cell_type, c.source.as_str())).collect();
        assert_eq!(
            shown,
            [
                (CellType::Markdown, language::FIRST_RUN),
                (CellType::Code, DEP_CELL),
                (CellType::Markdown, "# Title\n\nSome text."),
                // A figure's words, hidden in the book, are in its cell.
                (
                    CellType::Code,
                    "let words = plot::Words {\n    title: \"T\",\n};\nlet f = draw(&words);\nf"
                ),
                (CellType::Markdown, "More."),
                (CellType::Markdown, "```rust\npub fn lib() {}\n```"),
                (CellType::Markdown, "Only in the notebook.\n\n```text\nout\n```"),
            ]
        );
        assert_eq!(figures, [("fig".to_string(), 3)]);
    }

    #[test]
    fn exercises_fold_their_solutions_and_have_a_solved_copy() {
        let md = "Intro.\n\n```rust\nconst X: f64 = f64::NAN;\n# fn main() {}\n```\n\n```rust\n# use exercises::solutions::ch01::X;\n# fn main() {\nexercises::check::ch01::x(X)\n# ;\n# }\n```\n\n<details>\n<summary>Solution</summary>\n\n```rust,ignore\nconst X: f64 = 0.5;\n```\n\n</details>\n";
        let (cells, _) = cells("t.md", md, &language::ENGLISH).unwrap();
        let shown: Vec<(CellType, &str, bool)> =
            cells.iter().map(|c| (c.cell_type, c.source.as_str(), c.panics())).collect();
        let first = format!("{DEP_CELL}\n{EXERCISES_DEP}");
        assert_eq!(
            shown,
            [
                (CellType::Markdown, language::FIRST_RUN, false),
                (CellType::Code, first.as_str(), false),
                (CellType::Markdown, "Intro.", false),
                (CellType::Code, "const X: f64 = f64::NAN;", false),
                (CellType::Code, "exercises::check::ch01::x(X)", false),
                (
                    CellType::Markdown,
                    "<details>\n<summary>Solution</summary>\n\n```rust\nconst X: f64 = 0.5;\n```\n\n</details>",
                    false
                ),
            ]
        );
        let solved = solved_cells("t.md", md, &cells, &language::ENGLISH).unwrap().unwrap();
        assert!(solved[1].source.contains(r#"path = "../../../..""#));
        assert!(solved[1].source.contains(r#"path = "../../../../exercises""#));
        assert_eq!(solved[3].source, "const X: f64 = 0.5;");
        assert_eq!(solved[4].source, "exercises::check::ch01::x(X)");
        let without = md.replace("```rust,ignore\nconst X: f64 = 0.5;\n```", "none");
        let (unsolved, _) = super::cells("t.md", &without, &language::ENGLISH).unwrap();
        assert!(solved_cells("t.md", &without, &unsolved, &language::ENGLISH).is_err());
        assert!(solved_cells("t.md", "Text.\n", &[], &language::ENGLISH).unwrap().is_none());
        // A translation's notebooks lie one level further down.
        let (ru, _) = super::cells("t.md", md, &language::RUSSIAN).unwrap();
        assert_eq!(ru[0].source, language::RUSSIAN.word(language::FIRST_RUN).unwrap());
        assert!(ru[1].source.contains(r#"path = "../..""#));
        assert!(ru[1].source.contains(r#"path = "../../exercises", features = ["ru"] }"#));
        let solved = solved_cells("t.md", md, &ru, &language::RUSSIAN).unwrap().unwrap();
        assert!(solved[1].source.contains(r#"path = "../../../../..""#));
        assert!(solved[1].source.contains(r#"path = "../../../../../exercises""#));
    }

    #[test]
    fn a_snippet_needs_main_and_hides_its_figures_words() {
        let good = "```rust\nuse nn::plot;\n# fn main() {\n# let words = plot::Words {\n#     title: \"T\",\n# };\nplot::f(&words)\n# }\n```\n";
        assert!(snippet_problems("t.md", good).unwrap().is_empty());
        let shown = "Text.\n\n```rust\n# fn main() {\nlet words = plot::Words {\n    title: \"T\",\n};\n# }\n```\n";
        let inline = "```rust\n# fn main() {\nplot::f(&plot::Words { title: \"T\" })\n# }\n```\n";
        for bad in [shown, inline] {
            let problems = snippet_problems("t.md", bad).unwrap();
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].contains("a figure's words shown in the book"), "{problems:?}");
        }
        assert!(snippet_problems("t.md", shown).unwrap()[0].starts_with("t.md:3: "));
        let no_main = snippet_problems("t.md", "```rust\nf();\n```\n").unwrap();
        assert!(no_main.len() == 1 && no_main[0].contains("without `fn main`"), "{no_main:?}");
    }

    #[test]
    fn what_the_prose_states_must_have_been_printed() {
        let shown = "Emily: 0.949 -> female\nloss 0.344.\n| 2-2-1 | 35× |\n352 adults\n12.37 ms";
        let fine = "Loss 0.344 and rate 0.1; Emily gets 0.949. It is 35 times as fast. We keep 352 \
                    adults, in batches of 16 people. It took 15.9 times as long (196.69 ms against 12.37 ms), a one-off run. \
                    It trains 2.82 times as fast (1,198,400 against 425,233).";
        assert_eq!(prose_problems(fine, shown, &language::ENGLISH), Vec::<String>::new());
        for wrong in [
            "Emily gets 0.9491.",
            "Emily gets 10.949.",
            "It is 34 times as fast.",
            "It took 15.8 times as long (196.69 ms against 12.37 ms), a one-off run.",
            "One epoch takes 12.38 ms.",
            "We keep 353 adults.",
        ] {
            assert_eq!(prose_problems(wrong, shown, &language::ENGLISH).len(), 1, "{wrong}");
        }
    }

    #[test]
    fn the_russian_prose_is_checked_with_its_own_words() {
        let shown =
            "Эмили: 0.949\n| 2-2-1 | 35× |\n352 adults\n12.37 ms\n1000000 people\nAlice: 60.3 kg";
        let fine = "Эмили получает 0,949. Это в 35 раз быстрее. Остаётся 352 взрослых. Вышло в \
                    15,9 раза дольше (196,69 мс против 12,37 мс), разовое измерение. Всего \
                    1\u{a0}000\u{a0}000 человек; шаг занимает около 3 мкс. Алиса весит 133 \
                    фунта (60,3 кг). Порциями по 1024 человека, пакет из 16 взрослых, \
                    верно 76 из 352 взрослых.";
        let russian = |md: &str| chapter::prose_text(md, |t| language::RUSSIAN.with_points(t));
        assert_eq!(prose_problems(&russian(fine), shown, &language::RUSSIAN), Vec::<String>::new());
        for wrong in [
            "Эмили получает 0,9491.",
            "Эмили получает 10,949.",
            "Это в 34 раза быстрее.",
            "Это 34× быстрее.",
            "Вышло в 15,8 раза дольше (196,69 мс против 12,37 мс), разовое измерение.",
            "Эпоха занимает 12,38 мс.",
            "Остаётся 353 взрослых.",
            "Всего 1\u{a0}000\u{a0}001 человек.",
            "Алиса весит 133 фунта (54,4 кг).",
            "Верно 76 из 89 человек.",
        ] {
            assert_eq!(
                prose_problems(&russian(wrong), shown, &language::RUSSIAN).len(),
                1,
                "{wrong}"
            );
        }
    }
}
