//! `cargo xtask notebooks`: the Jupyter notebooks, generated from the book's chapters.
//!
//! ```text
//! cargo xtask notebooks                      write notebooks/NN-name.ipynb for every chapter
//! cargo xtask notebooks --check              fail when a committed notebook is missing, stale
//!                                            or has no chapter (cell types and sources only)
//! cargo xtask notebooks --execute [NAME...]  regenerate, run with the evcxr kernel, store outputs
//! cargo xtask notebooks --verify [NAME...]   --check, then run and compare with the stored outputs
//! ```
//!
//! NAME is a notebook's stem (`01-neuron`), its file name, or its number (`01`); no NAME means
//! every notebook. `--root DIR` works on another checkout (tests, experiments).
//!
//! The rules from a chapter `book/src/NN-name.md` to `notebooks/NN-name.ipynb`:
//!
//! - cell 0 is the code cell [`DEP_CELL`], which loads this crate (path relative to `notebooks/`,
//!   the kernel's working directory);
//! - `{{#include PATH}}`, `{{#include PATH:ANCHOR}}` and `{{#include PATH:FROM:TO}}` are expanded
//!   as mdBook does (PATH relative to the including file, anchor lines dropped, nested includes
//!   expanded); `\{{#include ...}}` stays literal; a missing file or anchor is an error;
//! - prose becomes Markdown cells, split at code cells, empty ones dropped, math untouched;
//! - a `rust,ignore` block (a listing of library code) becomes a Markdown cell with a `rust`
//!   fence of its visible lines;
//! - a `rust` block (a runnable snippet) becomes a code cell of its visible lines: rustdoc's hidden
//!   lines (`# ...` and `#`) are dropped, `##` becomes `#`; with `should_panic` the cell is tagged
//!   `raises-exception` (Jupyter's tag for a cell expected to fail) and must panic;
//! - other fenced blocks (`text`, `console`, ...) stay in the Markdown as they are; a fence
//!   without a language, or with rustdoc attributes that are not supported here, is an error;
//! - a line that is only a figure image `![...](figures/NAME.svg)` is dropped (the code cell
//!   before it shows the figure); a line between `<!-- book-only -->` and `<!-- /book-only -->`
//!   is dropped; the lines between `<!-- notebook-only` and `-->` (hidden in the book) are kept.
//!
//! What the evcxr kernel (0.22) does, which the checks rely on:
//!
//! - a panic is not an error to Jupyter: the cell's output is a stderr stream
//!   `thread '<unnamed>' (ID) panicked at src/lib.rs:L:C:`, the message, and a stack backtrace
//!   (evcxr sets `RUST_BACKTRACE=1`); the thread id and the backtrace are taken out of stored
//!   outputs, and later cells still see the variables;
//! - `?` works at the top level of a cell; an `Err` is printed on stderr, not an error either;
//! - a compile error is an `error` output (`ename` "Error", coloured `traceback`);
//! - a cell's last expression is shown with its `evcxr_display` method when it has one (a
//!   `plot::Figure` as `image/svg+xml`), else with `Debug` as `text/plain`; but while no `?` has
//!   compiled yet in the notebook, a `?` inside the last expression makes evcxr fall back to
//!   `Debug`, so `--execute`/`--verify` reject a `Figure` shown as text.
//!
//! So `--execute` and `--verify` fail on any `error` output, any stderr output and any panic,
//! except in a `should_panic` cell, which must panic.
//!
//! Cell ids are a hash of the cell's type and source (plus `-N` for the N-th copy of the same
//! cell), so regenerating gives identical bytes. The JSON is written as Jupyter writes it (keys
//! sorted, one-space indent, trailing newline). Code cells whose source did not change keep their
//! stored outputs and execution counts.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

/// The first cell of every notebook: the crate, from the notebook's directory.
///
/// The key is the package's name, `nn-from-scratch` (cargo rejects `nn_from_scratch = { path }`:
/// "no matching package found"); the code uses the library's name, `nn_from_scratch`. evcxr
/// resolves the relative path against the kernel's working directory, which is the notebook's
/// directory under Jupyter and nbconvert.
pub const DEP_CELL: &str = r#":dep nn-from-scratch = { path = "..", features = ["plot"] }"#;

/// Jupyter's tag for a cell that is expected to raise (here: to panic).
const PANICS_TAG: &str = "raises-exception";

/// Seconds one cell may run (a first cell compiles the crate and all its dependencies).
const CELL_TIMEOUT_SECS: u32 = 1200;

/// Text output MIME types that are compared by `--verify` (all `text/*` are, too).
const COMPARED_MIME: &[&str] = &["image/svg+xml"];

const USAGE: &str = "usage: cargo xtask notebooks [--check | --execute [NAME...] | --verify [NAME...]] [--root DIR]";

// ------------------------------------------------------------------------------------------------
// Command line

#[derive(Debug, PartialEq)]
enum Mode {
    Generate,
    Check,
    Execute,
    Verify,
}

/// Runs `cargo xtask notebooks ARGS`.
pub fn main(args: &[String]) -> Result<(), String> {
    let mut mode = Mode::Generate;
    let mut names = Vec::new();
    let mut root = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let new_mode = match arg.as_str() {
            "--check" => Mode::Check,
            "--execute" => Mode::Execute,
            "--verify" => Mode::Verify,
            "--root" => {
                let dir = args
                    .next()
                    .ok_or(format!("--root needs a directory\n{USAGE}"))?;
                root = Some(PathBuf::from(dir));
                continue;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            a if a.starts_with('-') => return Err(format!("unknown option `{a}`\n{USAGE}")),
            name => {
                names.push(name.to_string());
                continue;
            }
        };
        if mode != Mode::Generate {
            return Err(format!(
                "one of --check, --execute, --verify at a time\n{USAGE}"
            ));
        }
        mode = new_mode;
    }
    if !names.is_empty() && !matches!(mode, Mode::Execute | Mode::Verify) {
        return Err(format!(
            "notebook names go with --execute or --verify\n{USAGE}"
        ));
    }
    let project = Project::new(root.unwrap_or_else(crate::setup::root));
    match mode {
        Mode::Generate => project.generate().map(|_| ()),
        Mode::Check => project.check(),
        Mode::Execute => project.execute(&names),
        Mode::Verify => project.verify(&names),
    }
}

// ------------------------------------------------------------------------------------------------
// Cells

/// The two kinds of cell a chapter makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Prose, math and listings.
    Markdown,
    /// A runnable snippet.
    Code,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Markdown => "markdown",
            Kind::Code => "code",
        }
    }
}

/// One cell as the chapter defines it: what `--check` compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Markdown or code.
    pub kind: Kind,
    /// The source, without a trailing newline.
    pub source: String,
    /// Jupyter tags (`raises-exception` for a `should_panic` snippet).
    pub tags: Vec<String>,
}

impl Cell {
    fn markdown(source: String) -> Cell {
        Cell {
            kind: Kind::Markdown,
            source,
            tags: Vec::new(),
        }
    }

    fn code(source: String, tags: Vec<String>) -> Cell {
        Cell {
            kind: Kind::Code,
            source,
            tags,
        }
    }

    fn panics(&self) -> bool {
        self.tags.iter().any(|t| t == PANICS_TAG)
    }
}

/// Reads a file named by an include; a parameter so the tests need no files.
pub type ReadFile<'a> = &'a dyn Fn(&Path) -> std::io::Result<String>;

/// The cells of the chapter `chapter` (its name, for messages), whose Markdown is `text` and
/// whose includes are relative to `dir`.
pub fn chapter_cells(
    chapter: &str,
    text: &str,
    dir: &Path,
    read: ReadFile,
) -> Result<Vec<Cell>, String> {
    // Includes are expanded line by line, so that every line knows the chapter's line it comes
    // from, for messages.
    let mut lines: Vec<(String, usize)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let expanded = expand_includes(&format!("{chapter}:{}", n + 1), line, dir, read, 0)?;
        lines.extend(expanded.split('\n').map(|l| (l.to_string(), n + 1)));
    }
    let mut cells = vec![Cell::code(DEP_CELL.to_string(), Vec::new())];
    cells.extend(markdown_cells(chapter, &lines)?);
    Ok(cells)
}

// ------------------------------------------------------------------------------------------------
// Includes, as mdBook expands them

/// How deep includes may nest (mdBook's limit).
const MAX_INCLUDE_DEPTH: usize = 10;

fn expand_includes(
    chapter: &str,
    text: &str,
    dir: &Path,
    read: ReadFile,
    depth: usize,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        let (before, from) = rest.split_at(at);
        // `\{{#...}}` is mdBook's escape: the link stays, without the backslash.
        if before.ends_with('\\') && from[2..].starts_with('#') {
            out.push_str(&before[..before.len() - 1]);
            let end = from.find("}}").map_or(from.len(), |e| e + 2);
            out.push_str(&from[..end]);
            rest = &from[end..];
            continue;
        }
        out.push_str(before);
        match parse_link(from) {
            Some((len, kind, args)) => {
                let link = &from[..len];
                match kind {
                    "include" => {
                        if depth >= MAX_INCLUDE_DEPTH {
                            return Err(format!(
                                "{chapter}: `{link}`: includes nested more than {MAX_INCLUDE_DEPTH} deep"
                            ));
                        }
                        let (included, included_dir) = include(chapter, link, args, dir, read)?;
                        out.push_str(&expand_includes(
                            chapter,
                            &included,
                            &included_dir,
                            read,
                            depth + 1,
                        )?);
                    }
                    "rustdoc_include" | "playground" | "playpen" | "title" => {
                        return Err(format!(
                            "{chapter}: `{link}`: `{{{{#{kind}}}}}` is not supported by the \
                             notebook generator; use `{{{{#include}}}}`"
                        ));
                    }
                    // Not an mdBook link: left as it is, as mdBook does.
                    _ => out.push_str(link),
                }
                rest = &from[len..];
            }
            None => {
                out.push_str("{{");
                rest = &from[2..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Parses `{{ #kind args }}` at the start of `s`: (length, kind, args).
fn parse_link(s: &str) -> Option<(usize, &str, &str)> {
    let inner = s.strip_prefix("{{")?;
    let trimmed = inner.trim_start();
    let after_hash = trimmed.strip_prefix('#')?;
    let kind_len = after_hash
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(after_hash.len());
    let kind = &after_hash[..kind_len];
    let after_kind = &after_hash[kind_len..];
    if kind.is_empty() || !after_kind.starts_with(char::is_whitespace) {
        return None;
    }
    let close = after_kind.find('}')?;
    if !after_kind[close..].starts_with("}}") {
        return None;
    }
    let args = after_kind[..close].trim();
    if args.is_empty() {
        return None;
    }
    let len = s.len() - after_kind.len() + close + 2;
    Some((len, kind, args))
}

/// The text an include stands for, and the directory its own includes are relative to.
fn include(
    chapter: &str,
    link: &str,
    args: &str,
    dir: &Path,
    read: ReadFile,
) -> Result<(String, PathBuf), String> {
    let (file, selector) = match args.split_once(':') {
        Some((file, selector)) => (file, Some(selector)),
        None => (args, None),
    };
    let path = dir.join(file);
    let content = read(&path)
        .map_err(|e| format!("{chapter}: `{link}`: cannot read {}: {e}", path.display()))?;
    let lines: Vec<&str> = content.lines().collect();
    let selected: Vec<&str> = match selector {
        None => lines,
        Some(selector) => match line_range(selector) {
            Some((from, to)) => {
                let to = to.unwrap_or(lines.len()).min(lines.len());
                if from >= to {
                    return Err(format!(
                        "{chapter}: `{link}`: no such lines in {} ({} lines)",
                        path.display(),
                        lines.len()
                    ));
                }
                lines[from..to].to_vec()
            }
            None => anchored_lines(&lines, selector).ok_or_else(|| {
                format!(
                    "{chapter}: `{link}`: no `ANCHOR: {selector}` ... `ANCHOR_END: {selector}` \
                     in {}",
                    path.display()
                )
            })?,
        },
    };
    let included_dir = path.parent().unwrap_or(dir).to_path_buf();
    Ok((selected.join("\n"), included_dir))
}

/// mdBook's line selectors, 1-based and inclusive: `N` (one line), `N:M`, `N:`, `:M`.
/// Returns a 0-based half-open range, or `None` when the selector is an anchor name.
fn line_range(selector: &str) -> Option<(usize, Option<usize>)> {
    let mut parts = selector.splitn(2, ':');
    let first = parts.next().unwrap_or("");
    let second = parts.next();
    let from = if first.is_empty() {
        0
    } else {
        first.parse::<usize>().ok()?.saturating_sub(1)
    };
    match second {
        None if first.is_empty() => Some((0, None)),
        None => Some((from, Some(from + 1))),
        Some(to) => Some((from, to.parse::<usize>().ok())),
    }
}

fn anchor_name<'l>(line: &'l str, marker: &str) -> Option<&'l str> {
    let at = line.find(marker)?;
    let name = line[at + marker.len()..].trim_start();
    let len = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(name.len());
    (len > 0).then(|| &name[..len])
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name` (every such region, as mdBook takes
/// them), without any anchor lines; `None` when the anchor is not there.
fn anchored_lines<'l>(lines: &[&'l str], anchor: &str) -> Option<Vec<&'l str>> {
    let mut found = false;
    let mut inside = false;
    let mut out = Vec::new();
    for line in lines {
        if let Some(name) = anchor_name(line, "ANCHOR_END:") {
            if inside && name == anchor {
                inside = false;
            }
            continue;
        }
        if let Some(name) = anchor_name(line, "ANCHOR:") {
            if name == anchor {
                inside = true;
                found = true;
            }
            continue;
        }
        if inside {
            out.push(*line);
        }
    }
    found.then_some(out)
}

// ------------------------------------------------------------------------------------------------
// Markdown to cells

/// What a fenced block becomes.
enum Fence {
    /// Stays in the Markdown (`text`, `console`, ...).
    Prose,
    /// A `rust,ignore` listing: a Markdown cell with a `rust` fence.
    Listing,
    /// A runnable snippet: a code cell with these tags.
    Code(Vec<String>),
}

/// rustdoc's code block attributes: a fence using one of them is Rust to rustdoc.
const RUSTDOC_ATTRIBUTES: &[&str] = &[
    "ignore",
    "should_panic",
    "no_run",
    "compile_fail",
    "test_harness",
    "standalone_crate",
];

fn classify_fence(chapter: &str, line_no: usize, info: &str) -> Result<Fence, String> {
    let tokens: Vec<&str> = info
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let Some(&language) = tokens.first() else {
        return Err(format!(
            "{chapter}:{line_no}: a fenced block without a language is Rust to rustdoc but not \
             to mdBook: write ```rust or ```text"
        ));
    };
    if language != "rust" {
        if RUSTDOC_ATTRIBUTES.contains(&language) || language.starts_with("edition") {
            return Err(format!(
                "{chapter}:{line_no}: ```{info} is Rust to rustdoc: write ```rust,{info}"
            ));
        }
        return Ok(Fence::Prose);
    }
    let mut ignore = false;
    let mut panics = false;
    for &token in &tokens[1..] {
        match token {
            "ignore" => ignore = true,
            "should_panic" => panics = true,
            "editable" | "noplayground" | "noplaypen" | "mdbook-runnable" => {}
            t if t.starts_with("edition") => {}
            other => {
                return Err(format!(
                    "{chapter}:{line_no}: ```{info}: the attribute `{other}` is not supported in \
                     notebooks (supported: ignore for listings, should_panic, editable, \
                     noplayground, editionNNNN)"
                ));
            }
        }
    }
    Ok(if ignore {
        Fence::Listing
    } else if panics {
        Fence::Code(vec![PANICS_TAG.to_string()])
    } else {
        Fence::Code(Vec::new())
    })
}

/// A fence opening line: (indent, fence character, fence length, info string).
fn fence_open(line: &str) -> Option<(usize, char, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|&c| c == '`' || c == '~')?;
    let len = rest.len() - rest.trim_start_matches(c).len();
    if len < 3 {
        return None;
    }
    let info = rest[len..].trim();
    if c == '`' && info.contains('`') {
        return None;
    }
    Some((indent, c, len, info))
}

fn is_fence_close(line: &str, c: char, len: usize) -> bool {
    let t = line.trim();
    t.len() >= len && t.chars().all(|x| x == c)
}

/// A rustdoc hidden line is dropped (`None`); `##` at the start stands for a literal `#`.
fn visible_line(line: &str) -> Option<String> {
    let trimmed = line.trim();
    if trimmed.starts_with("##") {
        Some(line.replacen("##", "#", 1))
    } else if trimmed.starts_with("# ") || trimmed == "#" {
        None
    } else {
        Some(line.to_string())
    }
}

/// The visible lines of a Rust block, without leading and trailing blank lines.
pub(crate) fn visible_code(lines: &[String]) -> String {
    let visible: Vec<String> = lines.iter().filter_map(|l| visible_line(l)).collect();
    trim_blank_lines(&visible).join("\n")
}

fn trim_blank_lines(lines: &[String]) -> &[String] {
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |e| e + 1);
    &lines[start..end]
}

/// Whether `line` is only a figure image: `![alt](figures/NAME.svg)` or with a title.
fn is_figure_image(line: &str) -> bool {
    let t = line.trim();
    let Some(rest) = t.strip_prefix("![") else {
        return false;
    };
    let Some(close) = rest.find("](") else {
        return false;
    };
    let target = &rest[close + 2..];
    let Some(target) = target.strip_suffix(')') else {
        return false;
    };
    let path = target.split_whitespace().next().unwrap_or("");
    path.starts_with("figures/") && path.ends_with(".svg") && !target.contains(')')
}

/// The cells of a chapter whose includes are expanded: its lines, each with the number of the
/// chapter's line it comes from.
fn markdown_cells(chapter: &str, numbered: &[(String, usize)]) -> Result<Vec<Cell>, String> {
    let lines: Vec<&str> = numbered.iter().map(|(l, _)| l.as_str()).collect();
    let mut cells = Vec::new();
    let mut prose: Vec<String> = Vec::new();
    let mut book_only: Option<usize> = None;
    let mut notebook_only: Option<usize> = None;

    fn flush(prose: &mut Vec<String>, cells: &mut Vec<Cell>) {
        let text = trim_blank_lines(prose).join("\n");
        if !text.is_empty() {
            cells.push(Cell::markdown(text));
        }
        prose.clear();
    }

    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let line_no = numbered[i].1;
        if let Some((indent, c, len, info)) = fence_open(line) {
            let close = (i + 1..lines.len())
                .find(|&j| is_fence_close(lines[j], c, len))
                .ok_or_else(|| format!("{chapter}:{line_no}: this fenced block is not closed"))?;
            if book_only.is_none() {
                let body: Vec<String> = lines[i + 1..close]
                    .iter()
                    .map(|l| {
                        let strip = l.len() - l.trim_start_matches(' ').len();
                        l[strip.min(indent)..].to_string()
                    })
                    .collect();
                match classify_fence(chapter, line_no, info)? {
                    Fence::Prose => {
                        prose.extend(lines[i..=close].iter().map(|l| l.to_string()));
                    }
                    Fence::Listing => {
                        flush(&mut prose, &mut cells);
                        let code = visible_code(&body);
                        let longest = code
                            .lines()
                            .map(|l| {
                                l.trim_start().len() - l.trim_start().trim_start_matches('`').len()
                            })
                            .max()
                            .unwrap_or(0);
                        let fence = "`".repeat(longest.max(2) + 1);
                        cells.push(Cell::markdown(format!("{fence}rust\n{code}\n{fence}")));
                    }
                    Fence::Code(tags) => {
                        flush(&mut prose, &mut cells);
                        let code = visible_code(&body);
                        if !code.is_empty() {
                            cells.push(Cell::code(code, tags));
                        }
                    }
                }
            }
            i = close + 1;
            continue;
        }
        let t = line.trim();
        let marker_error = |what: &str| Err(format!("{chapter}:{line_no}: {what}"));
        if t == "<!-- book-only -->" {
            if book_only.is_some() || notebook_only.is_some() {
                return marker_error(
                    "`<!-- book-only -->` inside another book-only or notebook-only region",
                );
            }
            book_only = Some(line_no);
        } else if t == "<!-- /book-only -->" {
            if book_only.take().is_none() {
                return marker_error("`<!-- /book-only -->` without `<!-- book-only -->`");
            }
        } else if book_only.is_some() {
            // Left out of the notebook.
        } else if t == "<!-- notebook-only" {
            if notebook_only.is_some() {
                return marker_error("`<!-- notebook-only` inside another notebook-only region");
            }
            notebook_only = Some(line_no);
        } else if t == "-->" && notebook_only.is_some() {
            notebook_only = None;
        } else if t.starts_with("<!-- book-only")
            || t.starts_with("<!-- /book-only")
            || t.starts_with("<!-- notebook-only")
        {
            return marker_error(
                "a book-only/notebook-only marker must be alone on its line, exactly \
                 `<!-- book-only -->`, `<!-- /book-only -->`, or `<!-- notebook-only` ... `-->`",
            );
        } else if is_figure_image(line) {
            // The code cell before it draws the figure.
        } else {
            if line.contains("](figures/") {
                return marker_error(
                    "a figure image must be a paragraph of its own (`![...](figures/NAME.svg)`), \
                     so that the notebook can leave it out",
                );
            }
            let blank = t.is_empty();
            if !(blank && prose.last().is_some_and(|l| l.trim().is_empty())) {
                prose.push(line.to_string());
            }
        }
        i += 1;
    }
    if let Some(open) = book_only {
        return Err(format!(
            "{chapter}:{open}: `<!-- book-only -->` is not closed"
        ));
    }
    if let Some(open) = notebook_only {
        return Err(format!(
            "{chapter}:{open}: `<!-- notebook-only` is not closed by `-->`"
        ));
    }
    flush(&mut prose, &mut cells);
    Ok(cells)
}

// ------------------------------------------------------------------------------------------------
// Notebook JSON

/// A 64-bit FNV-1a hash: stable across runs and platforms.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Deterministic cell ids: a hash of type and source, `-2`, `-3`... for repeated cells.
fn cell_ids(cells: &[Cell]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    cells
        .iter()
        .map(|cell| {
            let mut bytes = cell.kind.as_str().as_bytes().to_vec();
            bytes.push(0);
            bytes.extend_from_slice(cell.source.as_bytes());
            let id = format!("{:08x}", fnv1a(&bytes) >> 32);
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { id } else { format!("{id}-{n}") }
        })
        .collect()
}

/// A source as Jupyter stores it: a list of lines, each but the last ending in `\n`.
fn split_source(source: &str) -> Value {
    Value::Array(
        source
            .split_inclusive('\n')
            .map(|l| Value::String(l.to_string()))
            .collect(),
    )
}

/// A multi-line string field (string or list of strings) as one string.
pub(crate) fn joined(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
}

/// The stored result of running a code cell.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    outputs: Value,
    execution_count: Value,
}

impl Run {
    fn empty() -> Run {
        Run {
            outputs: json!([]),
            execution_count: Value::Null,
        }
    }
}

/// A cell read from a notebook file.
#[derive(Debug, Clone)]
struct StoredCell {
    cell: Cell,
    run: Run,
}

fn stored_cells(path: &Path, notebook: &Value) -> Result<Vec<StoredCell>, String> {
    let cells = notebook
        .get("cells")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{}: no `cells` list", path.display()))?;
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let kind = match c.get("cell_type").and_then(Value::as_str) {
                Some("markdown") => Kind::Markdown,
                Some("code") => Kind::Code,
                other => {
                    return Err(format!(
                        "{}: cell {i} has cell_type {other:?}, expected markdown or code",
                        path.display()
                    ));
                }
            };
            let source = c.get("source").map(joined).unwrap_or_default();
            let tags = c
                .pointer("/metadata/tags")
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            let run = Run {
                outputs: c.get("outputs").cloned().unwrap_or_else(|| json!([])),
                execution_count: c.get("execution_count").cloned().unwrap_or(Value::Null),
            };
            Ok(StoredCell {
                cell: Cell { kind, source, tags },
                run,
            })
        })
        .collect()
}

/// The notebook for `cells`, with `runs[i]` the outputs of cell i (code cells only).
fn notebook_json(cells: &[Cell], runs: &[Run]) -> Value {
    let ids = cell_ids(cells);
    let cells: Vec<Value> = cells
        .iter()
        .zip(&ids)
        .zip(runs)
        .map(|((cell, id), run)| {
            let mut metadata = Map::new();
            if !cell.tags.is_empty() {
                metadata.insert("tags".into(), json!(cell.tags));
            }
            let mut value = json!({
                "cell_type": cell.kind.as_str(),
                "id": id,
                "metadata": metadata,
                "source": split_source(&cell.source),
            });
            if cell.kind == Kind::Code {
                value["execution_count"] = run.execution_count.clone();
                value["outputs"] = run.outputs.clone();
            }
            value
        })
        .collect();
    json!({
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Rust", "language": "rust", "name": "rust"},
            "language_info": {
                "codemirror_mode": "rust",
                "file_extension": ".rs",
                "mimetype": "text/rust",
                "name": "Rust",
                "pygment_lexer": "rust",
                "version": "",
            },
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    })
}

/// For each new cell, the run of the stored code cell with the same source (each stored cell
/// used once, in order); an empty run for cells that are new or changed.
fn kept_runs(cells: &[Cell], stored: &[StoredCell]) -> Vec<Run> {
    let mut by_source: HashMap<&str, VecDeque<&Run>> = HashMap::new();
    for s in stored.iter().filter(|s| s.cell.kind == Kind::Code) {
        by_source
            .entry(&s.cell.source)
            .or_default()
            .push_back(&s.run);
    }
    cells
        .iter()
        .map(|cell| match cell.kind {
            Kind::Code => by_source
                .get_mut(cell.source.as_str())
                .and_then(VecDeque::pop_front)
                .cloned()
                .unwrap_or_else(Run::empty),
            Kind::Markdown => Run::empty(),
        })
        .collect()
}

/// JSON as Jupyter (nbformat) writes it: keys sorted, one space per level, no ASCII escaping,
/// and a trailing newline.
pub fn to_jupyter_json(value: &Value) -> String {
    fn write(out: &mut String, value: &Value, level: usize) {
        let pad = |out: &mut String, level: usize| out.extend(std::iter::repeat_n(' ', level));
        match value {
            Value::Array(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    pad(out, level + 1);
                    write(out, item, level + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                pad(out, level);
                out.push(']');
            }
            Value::Object(map) if !map.is_empty() => {
                out.push_str("{\n");
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                for (i, key) in keys.iter().enumerate() {
                    pad(out, level + 1);
                    out.push_str(&Value::String((*key).clone()).to_string());
                    out.push_str(": ");
                    write(out, &map[key.as_str()], level + 1);
                    out.push_str(if i + 1 < keys.len() { ",\n" } else { "\n" });
                }
                pad(out, level);
                out.push('}');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(&mut out, value, 0);
    out.push('\n');
    out
}

/// A notebook's text and JSON, or `None` when the file does not exist.
pub(crate) fn read_notebook(path: &Path) -> Result<Option<(String, Value)>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let value = serde_json::from_str(&text)
                .map_err(|e| format!("{}: not a notebook (invalid JSON: {e})", path.display()))?;
            Ok(Some((text, value)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The first cell where `found` differs from `expected`, described for a person.
fn first_difference(expected: &[Cell], found: &[Cell]) -> Option<String> {
    let show = |cell: Option<&Cell>| match cell {
        None => "no cell".to_string(),
        Some(c) => {
            let tags = if c.tags.is_empty() {
                String::new()
            } else {
                format!(" {:?}", c.tags)
            };
            format!("{}{tags}: {}", c.kind.as_str(), excerpt(&c.source))
        }
    };
    (0..expected.len().max(found.len()))
        .find(|&i| expected.get(i) != found.get(i))
        .map(|i| {
            format!(
                "cell {i}: expected {}\n      found {}",
                show(expected.get(i)),
                show(found.get(i))
            )
        })
}

/// The first line of a text (at most 100 characters), for messages.
fn excerpt(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    let short: String = first.chars().take(100).collect();
    let more = text.lines().nth(1).is_some() || short.len() < first.len();
    format!("{short:?}{}", if more { " ..." } else { "" })
}

// ------------------------------------------------------------------------------------------------
// The project: chapters and notebooks

struct Chapter {
    /// `NN-name`.
    stem: String,
    md: PathBuf,
}

struct Project {
    root: PathBuf,
}

/// Whether `file` is a chapter's file name: `NN-name.md`.
fn is_chapter_file(file: &str) -> bool {
    let Some(stem) = file.strip_suffix(".md") else {
        return false;
    };
    let b = stem.as_bytes();
    b.len() > 3
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2] == b'-'
        && stem[3..]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The link targets `](target)` of a Markdown text.
fn link_targets(text: &str) -> Vec<&str> {
    text.match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            rest.find(')').map(|end| rest[..end].trim())
        })
        .collect()
}

impl Project {
    fn new(root: PathBuf) -> Project {
        Project { root }
    }

    fn book_src(&self) -> PathBuf {
        self.root.join("book").join("src")
    }

    fn notebooks_dir(&self) -> PathBuf {
        self.root.join("notebooks")
    }

    fn notebook_path(&self, stem: &str) -> PathBuf {
        self.notebooks_dir().join(format!("{stem}.ipynb"))
    }

    fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// The chapters listed in `book/src/SUMMARY.md`, in its order.
    fn chapters(&self) -> Result<Vec<Chapter>, String> {
        let src = self.book_src();
        let summary_path = src.join("SUMMARY.md");
        let summary = std::fs::read_to_string(&summary_path)
            .map_err(|e| format!("cannot read {}: {e}", summary_path.display()))?;
        let mut chapters: Vec<Chapter> = Vec::new();
        for target in link_targets(&summary) {
            let target = target.strip_prefix("./").unwrap_or(target);
            if target.contains('/') || !is_chapter_file(target) {
                continue;
            }
            let stem = target.trim_end_matches(".md").to_string();
            let md = src.join(target);
            if !md.is_file() {
                return Err(format!("SUMMARY.md lists {target}, which does not exist"));
            }
            if !chapters.iter().any(|c| c.stem == stem) {
                chapters.push(Chapter { stem, md });
            }
        }
        if let Ok(entries) = std::fs::read_dir(&src) {
            let mut unlisted: Vec<String> = entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|f| is_chapter_file(f))
                .filter(|f| !chapters.iter().any(|c| format!("{}.md", c.stem) == *f))
                .collect();
            unlisted.sort();
            for f in unlisted {
                eprintln!("warning: book/src/{f} is not listed in SUMMARY.md: no notebook for it");
            }
        }
        Ok(chapters)
    }

    fn cells_of(&self, chapter: &Chapter) -> Result<Vec<Cell>, String> {
        let text = std::fs::read_to_string(&chapter.md)
            .map_err(|e| format!("cannot read {}: {e}", chapter.md.display()))?;
        let dir = chapter.md.parent().unwrap_or(Path::new("."));
        let read = |p: &Path| std::fs::read_to_string(p);
        chapter_cells(&format!("book/src/{}.md", chapter.stem), &text, dir, &read)
    }

    /// Notebook files in `notebooks/` (stems), sorted.
    fn notebook_stems(&self) -> Vec<String> {
        let mut stems: Vec<String> = std::fs::read_dir(self.notebooks_dir())
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|f| f.strip_suffix(".ipynb").map(String::from))
            .collect();
        stems.sort();
        stems
    }

    /// `cargo xtask notebooks`: writes every chapter's notebook whose cells changed.
    fn generate(&self) -> Result<Vec<Chapter>, String> {
        let chapters = self.chapters()?;
        std::fs::create_dir_all(self.notebooks_dir())
            .map_err(|e| format!("cannot create notebooks/: {e}"))?;
        for chapter in &chapters {
            let cells = self.cells_of(chapter)?;
            let path = self.notebook_path(&chapter.stem);
            let existing = read_notebook(&path)?;
            let stored = match &existing {
                Some((_, value)) => stored_cells(&path, value)?,
                None => Vec::new(),
            };
            let runs = kept_runs(&cells, &stored);
            let text = to_jupyter_json(&notebook_json(&cells, &runs));
            let shown = self.relative(&path).display();
            if existing.as_ref().is_some_and(|(old, _)| *old == text) {
                println!("unchanged {shown}");
            } else {
                write_file(&path, &text)?;
                println!("wrote     {shown} ({} cells)", cells.len());
            }
        }
        for stem in self.notebook_stems() {
            if !chapters.iter().any(|c| c.stem == stem) {
                eprintln!(
                    "warning: notebooks/{stem}.ipynb has no chapter book/src/{stem}.md in \
                     SUMMARY.md: delete it (`--check` fails on it)"
                );
            }
        }
        Ok(chapters)
    }

    /// `--check`: the problems, one entry per notebook.
    fn check_problems(&self) -> Result<Vec<String>, String> {
        let chapters = self.chapters()?;
        let mut problems = Vec::new();
        for chapter in &chapters {
            let expected = self.cells_of(chapter)?;
            let path = self.notebook_path(&chapter.stem);
            let shown = self.relative(&path).display().to_string();
            match read_notebook(&path)? {
                None => problems.push(format!("{shown}: missing (run `cargo xtask notebooks`)")),
                Some((_, value)) => {
                    let found: Vec<Cell> = stored_cells(&path, &value)?
                        .into_iter()
                        .map(|s| s.cell)
                        .collect();
                    if let Some(diff) = first_difference(&expected, &found) {
                        problems.push(format!(
                            "{shown}: stale, differs from book/src/{}.md (run `cargo xtask \
                             notebooks`)\n    {diff}",
                            chapter.stem
                        ));
                    }
                }
            }
        }
        for stem in self.notebook_stems() {
            if !chapters.iter().any(|c| c.stem == stem) {
                problems.push(format!(
                    "notebooks/{stem}.ipynb: no chapter book/src/{stem}.md in SUMMARY.md"
                ));
            }
        }
        Ok(problems)
    }

    fn check(&self) -> Result<(), String> {
        let problems = self.check_problems()?;
        if problems.is_empty() {
            println!("notebooks: every notebook matches its chapter");
            return Ok(());
        }
        for p in &problems {
            eprintln!("{p}");
        }
        Err(format!(
            "{} notebook(s) out of date with the book",
            problems.len()
        ))
    }

    /// The notebooks named on the command line (all when none), as stems.
    fn select(&self, names: &[String]) -> Result<Vec<String>, String> {
        let chapters = self.chapters()?;
        if names.is_empty() {
            return Ok(chapters.into_iter().map(|c| c.stem).collect());
        }
        names
            .iter()
            .map(|name| {
                let file = Path::new(name)
                    .file_name()
                    .and_then(|f| f.to_str())
                    .unwrap_or(name);
                let stem = file
                    .strip_suffix(".ipynb")
                    .or(file.strip_suffix(".md"))
                    .unwrap_or(file);
                let matching: Vec<&Chapter> = chapters
                    .iter()
                    .filter(|c| c.stem == stem || c.stem.split('-').next() == Some(stem))
                    .collect();
                match matching.as_slice() {
                    [one] => Ok(one.stem.clone()),
                    [] => Err(format!(
                        "no notebook `{name}`; the notebooks are: {}",
                        chapters
                            .iter()
                            .map(|c| c.stem.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                    _ => Err(format!("`{name}` names more than one notebook")),
                }
            })
            .collect()
    }

    /// `--execute`: regenerates the notebooks, runs the selected ones, stores their outputs.
    fn execute(&self, names: &[String]) -> Result<(), String> {
        let stems = self.select(names)?;
        self.generate()?;
        self.run_each(&stems, "executing", "executed", |path, stored, executed| {
            let problems = run_problems(&stored, &executed);
            if !problems.is_empty() {
                return Err(problems.join("\n"));
            }
            let cells: Vec<Cell> = stored.iter().map(|s| s.cell.clone()).collect();
            let runs: Vec<Run> = executed.iter().map(|e| e.run.clone()).collect();
            write_file(path, &to_jupyter_json(&notebook_json(&cells, &runs)))
        })
        .map_err(|failed| format!("notebook(s) failed, outputs not stored: {failed}"))
    }

    /// `--verify`: `--check`, then runs the selected notebooks and compares their outputs.
    fn verify(&self, names: &[String]) -> Result<(), String> {
        self.check()?;
        let stems = self.select(names)?;
        self.run_each(&stems, "verifying", "verified", |_, stored, executed| {
            let mut problems = run_problems(&stored, &executed);
            problems.extend(output_differences(&stored, &executed));
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems.join("\n"))
            }
        })
        .map_err(|failed| format!("notebook(s) failed verification: {failed}"))
    }

    /// Executes each notebook of `stems` with the kernel, printing progress and timings, and
    /// hands its stored and executed cells to `then`. Fails with the names of the notebooks that
    /// did not run or for which `then` failed (after printing why).
    fn run_each(
        &self,
        stems: &[String],
        doing: &str,
        done: &str,
        then: impl Fn(&Path, Vec<StoredCell>, Vec<StoredCell>) -> Result<(), String>,
    ) -> Result<(), String> {
        let runner = Runner::new(self)?;
        let start = Instant::now();
        let mut failures = Vec::new();
        for (n, stem) in stems.iter().enumerate() {
            let path = self.notebook_path(stem);
            print!(
                "[{}/{}] {doing} notebooks/{stem}.ipynb ... ",
                n + 1,
                stems.len()
            );
            flush_stdout();
            let outcome = runner.run(&path);
            let result = outcome.result.and_then(|executed| {
                let (_, value) = read_notebook(&path)?.ok_or("notebook vanished")?;
                let stored = stored_cells(&path, &value)?;
                then(&path, stored, executed)
            });
            println!(
                "{} ({})",
                if result.is_ok() { "ok" } else { "FAILED" },
                secs(outcome.elapsed)
            );
            if let Err(e) = result {
                eprintln!("{}", indent(&format!("notebooks/{stem}.ipynb:\n{e}")));
                failures.push(stem.clone());
            }
        }
        println!(
            "{done} {} notebook(s) in {}",
            stems.len(),
            secs(start.elapsed())
        );
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join(", "))
        }
    }
}

fn flush_stdout() {
    use std::io::Write;
    let _ = std::io::stdout().flush();
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}\n"))
        .collect::<String>()
        .trim_end()
        .to_string()
}

// ------------------------------------------------------------------------------------------------
// Execution with the evcxr kernel

/// Runs notebooks headless: `jupyter nbconvert --execute` with the `rust` (evcxr) kernel.
struct Runner {
    jupyter: PathBuf,
    root: PathBuf,
    notebooks_dir: PathBuf,
    scratch: PathBuf,
    evcxr_tmpdir: PathBuf,
    evcxr_config: PathBuf,
    /// The lock on the shared build directory, when this run holds it.
    lock: Option<PathBuf>,
}

struct Outcome {
    elapsed: Duration,
    result: Result<Vec<StoredCell>, String>,
}

impl Runner {
    fn new(project: &Project) -> Result<Runner, String> {
        crate::setup::ensure_python()?;
        crate::setup::ensure_kernel()?;
        let jupyter = crate::setup::venv_bin("jupyter");
        let scratch = std::env::temp_dir().join(format!("xtask-notebooks-{}", std::process::id()));
        let home = evcxr_home(&project.root);
        create_dir(&home)?;
        create_dir(&scratch)?;
        // One build directory for every kernel, so that the crate and its dependencies are
        // compiled once, not once per notebook (kernels run one after the other). Another
        // run on the same checkout gets a build directory of its own.
        let lock = home.join("lock");
        let (evcxr_tmpdir, lock) = if take_lock(&lock) {
            (home.join("build"), Some(lock))
        } else {
            println!(
                "notebooks: {} is in use by another run: building in a directory of our own",
                home.display()
            );
            (scratch.join("evcxr-build"), None)
        };
        let runner = Runner {
            jupyter,
            root: project.root.clone(),
            notebooks_dir: project.notebooks_dir(),
            scratch,
            evcxr_tmpdir,
            // Our own evcxr configuration, so that a user's init.evcxr or prelude.rs does not
            // change the outputs.
            evcxr_config: home.join("config"),
            lock,
        };
        create_dir(&runner.evcxr_tmpdir)?;
        create_dir(&runner.evcxr_config)?;
        write_file(&runner.evcxr_config.join("init.evcxr"), EVCXR_INIT)?;
        Ok(runner)
    }

    /// Executes one notebook into the scratch directory; the executed cells.
    fn run(&self, path: &Path) -> Outcome {
        let start = Instant::now();
        let result = self.run_inner(path);
        Outcome {
            elapsed: start.elapsed(),
            result,
        }
    }

    fn run_inner(&self, path: &Path) -> Result<Vec<StoredCell>, String> {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("notebook");
        let out = self.scratch.join(format!("{stem}.ipynb"));
        let _ = std::fs::remove_file(&out);
        let output = Command::new(&self.jupyter)
            .current_dir(&self.notebooks_dir)
            .env("EVCXR_TMPDIR", &self.evcxr_tmpdir)
            .env("EVCXR_CONFIG_DIR", &self.evcxr_config)
            .args([
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                // Failing cells are reported from their outputs, all of them, below.
                "--allow-errors",
                "--ExecutePreprocessor.kernel_name=rust",
                &format!("--ExecutePreprocessor.timeout={CELL_TIMEOUT_SECS}"),
                "--output-dir",
            ])
            .arg(&self.scratch)
            .arg("--output")
            .arg(format!("{stem}.ipynb"))
            .arg(path)
            .output()
            .map_err(|e| format!("cannot start {}: {e}", self.jupyter.display()))?;
        if !output.status.success() {
            // The kernel's own messages and Python's last words, without the frames of Python's
            // traceback (indented) or cargo's progress.
            let stderr = String::from_utf8_lossy(&output.stderr);
            let lines: Vec<&str> = stderr
                .lines()
                .filter(|l| !l.starts_with("  ") && !l.trim_start().starts_with("Compiling "))
                .collect();
            let tail = &lines[lines.len().saturating_sub(40)..];
            return Err(format!(
                "jupyter nbconvert --execute failed ({}):\n{}",
                output.status,
                tail.join("\n")
            ));
        }
        let (_, value) =
            read_notebook(&out)?.ok_or_else(|| format!("nbconvert wrote no {}", out.display()))?;
        let cells = stored_cells(&out, &value)?;
        // Only outputs and execution counts are kept from the executed notebook.
        Ok(cells
            .into_iter()
            .map(|mut c| {
                c.run.outputs = clean_outputs(&c.run.outputs, &self.root);
                c
            })
            .collect())
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.scratch);
        if let Some(lock) = &self.lock {
            let _ = std::fs::remove_file(lock);
        }
    }
}

fn create_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

/// Where the kernels of this checkout build, and evcxr's configuration for them:
/// `$TMPDIR/nn-from-scratch-notebooks-HASH` (HASH of the checkout's path).
///
/// Not inside the checkout: cargo refuses evcxr's generated crate there, since it is not a
/// member of the workspace ("Failed to load the project"). Not under `$HOME` either: evcxr loads
/// each cell's library from `target/TRIPLE/debug/`, a copy of the one in `deps/` whose relative
/// run path to the toolchain's `libstd` (in `~/.rustup`) is then one `..` short, which only
/// does no harm when the `..`s climb past `/` anyway ("dlopen failed" at kernel start).
/// evcxr's own default is a directory in `/tmp` too.
fn evcxr_home(root: &Path) -> PathBuf {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    std::env::temp_dir().join(format!(
        "nn-from-scratch-notebooks-{:016x}",
        fnv1a(root.to_string_lossy().as_bytes())
    ))
}

/// Takes the lock file `lock` (holding our process id); a lock left by a process that is gone
/// is taken over. False when a running process holds it.
fn take_lock(lock: &Path) -> bool {
    use std::io::Write;
    for _ in 0..2 {
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(lock)
        {
            Ok(mut file) => {
                return write!(file, "{}", std::process::id()).is_ok();
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = std::fs::read_to_string(lock).unwrap_or_default();
                let alive = holder
                    .trim()
                    .parse::<u32>()
                    .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
                if alive {
                    return false;
                }
                let _ = std::fs::remove_file(lock);
            }
            Err(_) => return false,
        }
    }
    false
}

/// The evcxr configuration for headless runs: evcxr's cache of compiled dependencies (in
/// `~/.cache/evcxr`, at most 2 GB), so that a fresh checkout on the same machine (CI) does not
/// compile them all again.
const EVCXR_INIT: &str = ":cache 2000\n";

/// Outputs as they are stored and compared: consecutive stream outputs of one stream merged
/// (evcxr sends a panic line by line), and what changes from run to run or machine to machine
/// taken out of the texts (see [`clean_text`]).
fn clean_outputs(outputs: &Value, root: &Path) -> Value {
    let mut cleaned: Vec<Value> = Vec::new();
    for output in outputs.as_array().into_iter().flatten() {
        let mut output = output.clone();
        if let Some(obj) = output.as_object_mut() {
            obj.remove("transient");
        }
        if output.get("output_type").and_then(Value::as_str) == Some("stream") {
            let text = output.get("text").map(joined).unwrap_or_default();
            if let Some(last) = cleaned.last_mut().filter(|l| {
                l.get("output_type") == output.get("output_type")
                    && l.get("name") == output.get("name")
            }) {
                let merged = joined(&last["text"]) + &text;
                last["text"] = Value::String(merged);
                continue;
            }
            output["text"] = Value::String(text);
        }
        cleaned.push(output);
    }
    for output in &mut cleaned {
        if output.get("text").is_some() {
            output["text"] = split_source(&clean_text(&joined(&output["text"]), root));
        }
        if let Some(data) = output.get_mut("data").and_then(Value::as_object_mut) {
            for (mime, value) in data.iter_mut() {
                if mime.starts_with("text/") || COMPARED_MIME.contains(&mime.as_str()) {
                    *value = split_source(&clean_text(&joined(value), root));
                }
            }
        }
    }
    Value::Array(cleaned)
}

/// A text output without what varies between runs: the thread id of a panic message
/// (`thread '<unnamed>' (4617) panicked at`), the stack backtrace evcxr always asks for
/// (it sets `RUST_BACKTRACE=1` for the code it runs), and the checkout's absolute path.
fn clean_text(text: &str, root: &Path) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_backtrace = false;
    for line in text.split_inclusive('\n') {
        if in_backtrace {
            if line.starts_with("note: ") {
                // `note: Some details are omitted, run with `RUST_BACKTRACE=full` ...`
                in_backtrace = false;
            } else if !(line.starts_with(' ') || line.trim().is_empty()) {
                in_backtrace = false;
                out.push_str(line);
            }
            continue;
        }
        if line.trim_end() == "stack backtrace:" {
            in_backtrace = true;
            continue;
        }
        out.push_str(&without_thread_id(line));
    }
    let root = root.to_string_lossy();
    if root.len() > 1 {
        out = out.replace(&format!("{root}/"), "");
    }
    out
}

/// `thread 'name' (1234) panicked at` without ` (1234)`.
fn without_thread_id(line: &str) -> String {
    if let Some(start) = line.find("thread '") {
        let name_start = start + "thread '".len();
        if let Some(q) = line[name_start..].find("' (") {
            let digits_start = name_start + q + "' (".len();
            let after = &line[digits_start..];
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 && after[digits..].starts_with(") panicked") {
                let quote_end = name_start + q + 1;
                return format!("{}{}", &line[..quote_end], &after[digits + 1..]);
            }
        }
    }
    line.to_string()
}

/// A text without ANSI colour codes (evcxr colours its compile errors, mdbook its log lines).
pub(crate) fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every text of an output, with what it is: (`stream stdout`, text), (`execute_result
/// text/plain`, text), ... Errors give (`error`, name: value and traceback).
fn output_texts(output: &Value) -> Vec<(String, String)> {
    let kind = output
        .get("output_type")
        .and_then(Value::as_str)
        .unwrap_or("?");
    match kind {
        "stream" => {
            let name = output.get("name").and_then(Value::as_str).unwrap_or("?");
            vec![(
                format!("stream {name}"),
                output.get("text").map(joined).unwrap_or_default(),
            )]
        }
        "execute_result" | "display_data" => {
            let mut texts: Vec<(String, String)> = output
                .get("data")
                .and_then(Value::as_object)
                .map(|data| {
                    data.iter()
                        .filter(|(mime, _)| {
                            mime.starts_with("text/") || COMPARED_MIME.contains(&mime.as_str())
                        })
                        .map(|(mime, v)| (format!("{kind} {mime}"), joined(v)))
                        .collect()
                })
                .unwrap_or_default();
            texts.sort();
            texts
        }
        "error" => {
            let field = |k: &str| {
                output
                    .get(k)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let traceback = output.get("traceback").map(|t| match t {
                Value::Array(lines) => lines
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => joined(other),
            });
            vec![(
                "error".to_string(),
                strip_ansi(&format!(
                    "{}: {}\n{}",
                    field("ename"),
                    field("evalue"),
                    traceback.unwrap_or_default()
                )),
            )]
        }
        other => vec![(other.to_string(), String::new())],
    }
}

/// How a panic shows: on stderr, `thread '<unnamed>' panicked at src/lib.rs:98:1:` then the
/// message (evcxr reports no error to Jupyter, so nbconvert does not fail).
const PANIC_MARKER: &str = "panicked at";

/// How a `plot::Figure` shows when evcxr could not call its `evcxr_display`: its `Debug` text.
const FIGURE_AS_TEXT: &str = "Figure {";

/// Problems with a run: cells that do not match, errors, panics and stderr output (except in
/// cells tagged `raises-exception`, which must panic).
fn run_problems(stored: &[StoredCell], executed: &[StoredCell]) -> Vec<String> {
    let stored_cells: Vec<Cell> = stored.iter().map(|s| s.cell.clone()).collect();
    let executed_cells: Vec<Cell> = executed.iter().map(|s| s.cell.clone()).collect();
    if let Some(diff) = first_difference(&stored_cells, &executed_cells) {
        return vec![format!(
            "the executed notebook's cells differ from the notebook's: {diff}"
        )];
    }
    let mut problems = Vec::new();
    for (i, cell) in executed.iter().enumerate() {
        if cell.cell.kind != Kind::Code {
            continue;
        }
        let outputs = cell.run.outputs.as_array().cloned().unwrap_or_default();
        let texts: Vec<(String, String)> = outputs.iter().flat_map(output_texts).collect();
        let failed: Vec<&(String, String)> = texts
            .iter()
            .filter(|(what, text)| {
                what == "error" || what == "stream stderr" || text.contains(PANIC_MARKER)
            })
            .collect();
        if let Some((_, text)) = texts.iter().find(|(_, t)| t.starts_with(FIGURE_AS_TEXT)) {
            problems.push(format!(
                "cell {i} ({}) shows a Figure as text, not as an image: {}\n    evcxr falls back \
                 to Debug when the first `?` of a notebook is in a cell's last expression; write \
                 `let fig = ...?;` then `fig`",
                excerpt(&cell.cell.source),
                excerpt(text)
            ));
        }
        if cell.cell.panics() {
            if !texts
                .iter()
                .any(|(what, text)| what == "error" || text.contains(PANIC_MARKER))
            {
                problems.push(format!(
                    "cell {i} ({}) is should_panic but did not panic",
                    excerpt(&cell.cell.source)
                ));
            }
        } else if let Some((what, text)) = failed.first() {
            problems.push(format!(
                "cell {i} ({}) failed; its {what} output:\n{}",
                excerpt(&cell.cell.source),
                indent(text)
            ));
        }
    }
    problems
}

/// Where the executed outputs differ from the stored ones.
fn output_differences(stored: &[StoredCell], executed: &[StoredCell]) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, (s, e)) in stored.iter().zip(executed).enumerate() {
        if s.cell.kind != Kind::Code {
            continue;
        }
        let texts = |run: &Run| -> Vec<(String, String)> {
            run.outputs
                .as_array()
                .map(|o| o.iter().flat_map(output_texts).collect())
                .unwrap_or_default()
        };
        let (expected, found) = (texts(&s.run), texts(&e.run));
        if expected == found {
            continue;
        }
        let at = (0..expected.len().max(found.len()))
            .find(|&k| expected.get(k) != found.get(k))
            .unwrap_or(0);
        let detail = match (expected.get(at), found.get(at)) {
            (Some((ew, et)), Some((fw, ft))) if ew == fw => {
                let line = et
                    .lines()
                    .zip(ft.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| et.lines().count().min(ft.lines().count()));
                format!(
                    "{ew} output, line {}:\n      expected {:?}\n      found    {:?}",
                    line + 1,
                    et.lines().nth(line).unwrap_or("<end of output>"),
                    ft.lines().nth(line).unwrap_or("<end of output>")
                )
            }
            (ex, fo) => format!(
                "output {at}:\n      expected {}\n      found    {}",
                ex.map_or("no output".to_string(), |(w, t)| format!(
                    "{w} {}",
                    excerpt(t)
                )),
                fo.map_or("no output".to_string(), |(w, t)| format!(
                    "{w} {}",
                    excerpt(t)
                ))
            ),
        };
        problems.push(format!(
            "cell {i} ({}): the output differs from the stored one (`cargo xtask notebooks \
             --execute` stores the new one)\n    {detail}",
            excerpt(&s.cell.source)
        ));
    }
    problems
}

// ------------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn files(
        list: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&Path) -> std::io::Result<String> {
        move |p: &Path| {
            list.iter()
                .find(|(name, _)| Path::new(name) == p)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
        }
    }

    fn cells(md: &str) -> Result<Vec<Cell>, String> {
        let read = files(&[
            (
                "book/src/../../src/neuron.rs",
                "use x;\n// ANCHOR: neuron\npub struct Neuron;\n    // ANCHOR: inner\nimpl Neuron {}\n    // ANCHOR_END: inner\n// ANCHOR_END: neuron\nfn after() {}\n",
            ),
            ("book/src/lines.txt", "one\ntwo\nthree\nfour\n"),
            (
                "book/src/nested.md",
                "before {{#include lines.txt:2}} after",
            ),
        ]);
        chapter_cells("01-test.md", md, Path::new("book/src"), &read)
    }

    fn md(s: &str) -> Cell {
        Cell::markdown(s.to_string())
    }

    fn code(s: &str) -> Cell {
        Cell::code(s.to_string(), Vec::new())
    }

    #[test]
    fn dep_cell_first_then_prose_split_at_code() {
        let got =
            cells("# Title\n\nSome $x^2$ math.\n\n```rust\nlet x = 1;\n```\n\nAfter.\n").unwrap();
        assert_eq!(
            got,
            vec![
                code(DEP_CELL),
                md("# Title\n\nSome $x^2$ math."),
                code("let x = 1;"),
                md("After.")
            ]
        );
    }

    #[test]
    fn hidden_lines_are_dropped_attributes_kept() {
        let got = cells(
            "```rust\n# use std::fmt;\n#\n#[derive(Debug)]\nstruct S;\n#![allow(unused)]\n    # fn main() {\nlet s = S;\n## not hidden\n# }\n\n```\n",
        )
        .unwrap();
        assert_eq!(
            got[1],
            code("#[derive(Debug)]\nstruct S;\n#![allow(unused)]\nlet s = S;\n# not hidden")
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn blank_lines_around_code_are_trimmed() {
        let got = cells("```rust\n# let a = 1;\n\nlet b = a;\n\n\nb\n\n```\n").unwrap();
        assert_eq!(got[1], code("let b = a;\n\n\nb"));
    }

    #[test]
    fn snippet_of_hidden_lines_only_makes_no_cell() {
        let got = cells("Text.\n\n```rust\n# let a = 1;\n```\n\nMore.\n").unwrap();
        assert_eq!(got, vec![code(DEP_CELL), md("Text."), md("More.")]);
    }

    #[test]
    fn include_with_anchor_in_listing() {
        let got = cells(
            "Read:\n\n```rust,ignore\n{{#include ../../src/neuron.rs:neuron}}\n```\n\nNext.\n",
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                code(DEP_CELL),
                md("Read:"),
                md("```rust\npub struct Neuron;\nimpl Neuron {}\n```"),
                md("Next."),
            ]
        );
    }

    #[test]
    fn include_inner_anchor_whole_file_and_lines() {
        let got = cells("```rust,ignore\n{{#include ../../src/neuron.rs:inner}}\n```\n").unwrap();
        assert_eq!(got[1], md("```rust\nimpl Neuron {}\n```"));
        let got = cells("```text\n{{#include lines.txt:2:3}}\n{{#include lines.txt:4}}\n{{#include lines.txt::1}}\n{{#include lines.txt:3:}}\n```\n").unwrap();
        assert_eq!(
            got[1],
            md("```text\ntwo\nthree\nfour\none\nthree\nfour\n```")
        );
        let got = cells("All: {{#include lines.txt}}\n").unwrap();
        assert_eq!(got[1], md("All: one\ntwo\nthree\nfour"));
    }

    #[test]
    fn nested_include_relative_to_included_file_and_escape() {
        let got = cells(
            "{{#include nested.md}}\n\n\\{{#include nowhere.rs}} and {{ #include lines.txt:1 }}\n",
        )
        .unwrap();
        assert_eq!(
            got[1],
            md("before two after\n\n{{#include nowhere.rs}} and one")
        );
    }

    #[test]
    fn format_braces_are_not_links() {
        let got = cells("```rust\nprintln!(\"{{}} {}\", 1);\n```\n").unwrap();
        assert_eq!(got[1], code("println!(\"{{}} {}\", 1);"));
    }

    #[test]
    fn unresolved_includes_name_chapter_and_include() {
        let e = cells("```rust,ignore\n{{#include ../../src/neuron.rs:nope}}\n```\n").unwrap_err();
        assert!(
            e.contains("01-test.md")
                && e.contains("{{#include ../../src/neuron.rs:nope}}")
                && e.contains("nope"),
            "{e}"
        );
        let e = cells("{{#include missing.rs}}\n").unwrap_err();
        assert!(
            e.contains("01-test.md") && e.contains("{{#include missing.rs}}"),
            "{e}"
        );
        let e = cells("{{#include lines.txt:9}}\n").unwrap_err();
        assert!(e.contains("no such lines"), "{e}");
        let e = cells("{{#rustdoc_include lines.txt}}\n").unwrap_err();
        assert!(e.contains("not supported"), "{e}");
    }

    #[test]
    fn messages_name_the_chapter_line_despite_includes() {
        // lines.txt has four lines: the fence is on the chapter's line 3, not the expanded 6.
        let e = cells("{{#include lines.txt}}\n\n```rust,no_run\nx\n```\n").unwrap_err();
        assert!(e.starts_with("01-test.md:3:"), "{e}");
        let e = cells("a\n\nb {{#include nowhere.rs}}\n").unwrap_err();
        assert!(e.starts_with("01-test.md:3:"), "{e}");
    }

    #[test]
    fn book_only_regions_and_notebook_only_comments() {
        let got = cells(
            "A.\n\n<!-- book-only -->\nOnly in the book.\n\n```rust\nlet hidden = 1;\n```\n<!-- /book-only -->\n\nB.\n\n<!-- notebook-only\nOnly in the notebook.\n-->\n\nC.\n",
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                code(DEP_CELL),
                md("A.\n\nB.\n\nOnly in the notebook.\n\nC.")
            ]
        );
        assert!(
            cells("<!-- book-only -->\nx\n")
                .unwrap_err()
                .contains("not closed")
        );
        assert!(
            cells("x\n<!-- /book-only -->\n")
                .unwrap_err()
                .contains("without")
        );
        assert!(
            cells("<!-- notebook-only\nx\n")
                .unwrap_err()
                .contains("not closed")
        );
    }

    #[test]
    fn markers_inside_fences_are_text() {
        let got = cells("```text\n<!-- book-only -->\n```\n").unwrap();
        assert_eq!(got[1], md("```text\n<!-- book-only -->\n```"));
    }

    #[test]
    fn figure_image_lines_are_dropped() {
        let got = cells(
            "```rust\nplot::loss(&history)\n```\n\n![The loss falls](figures/loss.svg)\n\nThe loss falls.\n\n![t](figures/b.svg \"title\")\n",
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                code(DEP_CELL),
                code("plot::loss(&history)"),
                md("The loss falls.")
            ]
        );
        let e = cells("See ![x](figures/loss.svg) here.\n").unwrap_err();
        assert!(e.contains("paragraph of its own"), "{e}");
        // Other images stay.
        let got = cells("![logo](https://example.org/logo.png)\n").unwrap();
        assert_eq!(got[1], md("![logo](https://example.org/logo.png)"));
    }

    #[test]
    fn other_fences_stay_in_markdown() {
        let got =
            cells("Run:\n\n```console\n$ cargo run\n\n\n# a comment\n```\n\nDone.\n").unwrap();
        assert_eq!(
            got[1],
            md("Run:\n\n```console\n$ cargo run\n\n\n# a comment\n```\n\nDone.")
        );
    }

    #[test]
    fn should_panic_is_tagged_and_unknown_attributes_fail() {
        let got = cells("```rust,should_panic\npanic!(\"no\");\n```\n").unwrap();
        assert_eq!(
            got[1],
            Cell::code("panic!(\"no\");".into(), vec![PANICS_TAG.into()])
        );
        let got = cells("```rust,editable,edition2024\n1 + 1\n```\n").unwrap();
        assert_eq!(got[1], code("1 + 1"));
        for bad in [
            "rust,no_run",
            "rust,compile_fail",
            "rust,hidelines=!",
            "",
            "ignore",
        ] {
            let e = cells(&format!("```{bad}\nx\n```\n")).unwrap_err();
            assert!(e.contains("01-test.md:1"), "{bad}: {e}");
        }
        assert!(
            cells("```rust\nlet x = 1;\n")
                .unwrap_err()
                .contains("not closed")
        );
    }

    #[test]
    fn indented_fences_and_longer_fences() {
        let got = cells("1. Step:\n\n   ```rust\n   let a = 1;\n       let b = 2;\n   ```\n\n````markdown\n```rust\n```\n````\n").unwrap();
        assert_eq!(got[1], md("1. Step:"));
        assert_eq!(got[2], code("let a = 1;\n    let b = 2;"));
        assert_eq!(got[3], md("````markdown\n```rust\n```\n````"));
    }

    #[test]
    fn blank_line_runs_collapse_in_prose() {
        let got = cells("A.\n\n\n\nB.\n").unwrap();
        assert_eq!(got[1], md("A.\n\nB."));
    }

    #[test]
    fn ids_are_deterministic_and_unique() {
        let c = vec![
            code(DEP_CELL),
            md("Same."),
            code("1"),
            md("Same."),
            md("Other."),
        ];
        let ids = cell_ids(&c);
        assert_eq!(ids, cell_ids(&c.clone()));
        assert_eq!(ids[3], format!("{}-2", ids[1]));
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len());
        assert!(
            ids.iter()
                .all(|id| id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-'))
        );
        // An id depends on its cell only, not on its neighbours.
        assert_eq!(cell_ids(&c[2..3])[0], ids[2]);
        // Known value: the hash must never change between versions of this tool.
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn json_is_written_like_jupyter() {
        let value = json!({"b": [1, {"z": "é\n\"", "a": []}], "a": {}, "c": null});
        assert_eq!(
            to_jupyter_json(&value),
            "{\n \"a\": {},\n \"b\": [\n  1,\n  {\n   \"a\": [],\n   \"z\": \"é\\n\\\"\"\n  }\n ],\n \"c\": null\n}\n"
        );
    }

    #[test]
    fn notebook_keeps_outputs_of_unchanged_code_cells() {
        let old_cells = vec![
            code(DEP_CELL),
            md("Intro."),
            code("let a = 1;\na"),
            code("a + 1"),
        ];
        let mut old_runs = vec![Run::empty(); 4];
        old_runs[2] = Run {
            outputs: json!([{"output_type": "execute_result", "data": {"text/plain": ["1"]}, "execution_count": 2, "metadata": {}}]),
            execution_count: json!(2),
        };
        old_runs[3] = Run {
            outputs: json!([{"output_type": "stream", "name": "stdout", "text": ["2\n"]}]),
            execution_count: json!(3),
        };
        let old = notebook_json(&old_cells, &old_runs);
        let stored = stored_cells(Path::new("x.ipynb"), &old).unwrap();
        assert_eq!(stored[2].run, old_runs[2]);

        // Prose edited, one snippet edited: the unchanged snippet keeps its outputs.
        let new_cells = vec![
            code(DEP_CELL),
            md("A new intro."),
            code("let a = 1;\na"),
            code("a + 2"),
        ];
        let runs = kept_runs(&new_cells, &stored);
        assert_eq!(runs[2], old_runs[2]);
        assert_eq!(runs[3], Run::empty());
        let nb = notebook_json(&new_cells, &runs);
        assert_eq!(nb["cells"][2]["outputs"][0]["data"]["text/plain"][0], "1");
        assert_eq!(nb["cells"][3]["outputs"], json!([]));
        assert_eq!(nb["cells"][3]["execution_count"], Value::Null);
        assert!(nb["cells"][1].get("outputs").is_none());
        assert_eq!(nb["nbformat"], 4);
        assert_eq!(nb["nbformat_minor"], 5);
        assert_eq!(nb["metadata"]["kernelspec"]["name"], "rust");
        assert_eq!(nb["cells"][2]["source"], json!(["let a = 1;\n", "a"]));
    }

    #[test]
    fn check_reports_first_differing_cell() {
        let expected = vec![code(DEP_CELL), md("A."), code("1")];
        let found = vec![code(DEP_CELL), md("A."), code("2")];
        let diff = first_difference(&expected, &found).unwrap();
        assert!(
            diff.starts_with("cell 2:") && diff.contains("\"1\"") && diff.contains("\"2\""),
            "{diff}"
        );
        assert_eq!(first_difference(&expected, &expected), None);
        assert!(
            first_difference(&expected, &expected[..2])
                .unwrap()
                .contains("no cell")
        );
    }

    fn executed(source: &str, tags: &[&str], outputs: Value) -> StoredCell {
        StoredCell {
            cell: Cell::code(source.into(), tags.iter().map(|t| t.to_string()).collect()),
            run: Run {
                outputs,
                execution_count: json!(1),
            },
        }
    }

    #[test]
    fn run_problems_find_panics_errors_and_stderr() {
        let ok = executed(
            "1",
            &[],
            json!([{"output_type": "execute_result", "data": {"text/plain": "1"}}]),
        );
        let panic = executed(
            "p",
            &[],
            json!([{"output_type": "stream", "name": "stdout", "text": "thread '<unnamed>' panicked at src/lib.rs:1:1:\nboom\n"}]),
        );
        let stderr = executed(
            "e",
            &[],
            json!([{"output_type": "stream", "name": "stderr", "text": "oops"}]),
        );
        let error = executed(
            "x",
            &[],
            json!([{"output_type": "error", "ename": "Error", "evalue": "cannot find value", "traceback": []}]),
        );
        let expected_panic = executed("p", &[PANICS_TAG], panic.run.outputs.clone());
        let missing_panic = executed("1", &[PANICS_TAG], ok.run.outputs.clone());
        assert!(run_problems(std::slice::from_ref(&ok), std::slice::from_ref(&ok)).is_empty());
        for bad in [&panic, &stderr, &error, &missing_panic] {
            let problems = run_problems(std::slice::from_ref(bad), std::slice::from_ref(bad));
            assert_eq!(problems.len(), 1, "{bad:?}");
        }
        assert!(
            run_problems(
                std::slice::from_ref(&expected_panic),
                std::slice::from_ref(&expected_panic)
            )
            .is_empty()
        );
    }

    #[test]
    fn output_differences_name_cell_and_line() {
        let a = executed(
            "x",
            &[],
            json!([{"output_type": "stream", "name": "stdout", "text": ["same\n", "old\n"]}]),
        );
        let b = executed(
            "x",
            &[],
            json!([{"output_type": "stream", "name": "stdout", "text": "same\nnew\n"}]),
        );
        assert!(output_differences(std::slice::from_ref(&a), std::slice::from_ref(&a)).is_empty());
        let d = output_differences(std::slice::from_ref(&a), std::slice::from_ref(&b));
        assert_eq!(d.len(), 1);
        assert!(
            d[0].contains("cell 0")
                && d[0].contains("line 2")
                && d[0].contains("\"old\"")
                && d[0].contains("\"new\""),
            "{}",
            d[0]
        );
    }

    #[test]
    fn outputs_are_cleaned_of_what_varies_between_runs() {
        // What evcxr sends for `assert!(false, "boom")` in a cell: stderr, line by line.
        let lines = [
            "\n",
            "thread '<unnamed>' (4617) panicked at src/lib.rs:98:1:\n",
            "boom\n",
            "stack backtrace:\n",
            "   0: __rustc::rust_begin_unwind\n",
            "             at /rustc/59807616e/library/std/src/panicking.rs:689:5\n",
            "   3: run_user_code_4\n",
            "note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.\n",
        ];
        let mut outputs: Vec<Value> = lines
            .iter()
            .map(|l| json!({"output_type": "stream", "name": "stderr", "text": l}))
            .collect();
        outputs.push(
            json!({"output_type": "stream", "name": "stdout", "text": "at /work/x/src/a.rs:1\n"}),
        );
        outputs.push(
            json!({"output_type": "execute_result", "execution_count": 4, "metadata": {},
            "data": {"text/plain": "\"/work/x/data\"", "image/png": "AAAA"}}),
        );
        let cleaned = clean_outputs(&Value::Array(outputs), Path::new("/work/x"));
        assert_eq!(
            cleaned,
            json!([
                {"output_type": "stream", "name": "stderr",
                 "text": ["\n", "thread '<unnamed>' panicked at src/lib.rs:98:1:\n", "boom\n"]},
                {"output_type": "stream", "name": "stdout", "text": ["at src/a.rs:1\n"]},
                {"output_type": "execute_result", "execution_count": 4, "metadata": {},
                 "data": {"text/plain": ["\"data\""], "image/png": "AAAA"}},
            ])
        );
        // Cleaning is idempotent: stored outputs compare equal to fresh ones.
        assert_eq!(clean_outputs(&cleaned, Path::new("/work/x")), cleaned);
        assert_eq!(
            without_thread_id("thread 'main' (1) panicked at x"),
            "thread 'main' panicked at x"
        );
        assert_eq!(
            without_thread_id("thread 'main' panicked at x"),
            "thread 'main' panicked at x"
        );
        assert_eq!(strip_ansi("\u{1b}[31mError:\u{1b}[0m bad"), "Error: bad");
    }

    #[test]
    fn figure_shown_as_text_is_a_problem() {
        let c = executed(
            "plot::x()?",
            &[],
            json!([{"output_type": "execute_result",
            "data": {"text/plain": "Figure { name: \"x\", svg: \"<svg\" }"}}]),
        );
        let problems = run_problems(std::slice::from_ref(&c), std::slice::from_ref(&c));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("Figure as text"), "{}", problems[0]);
    }

    #[test]
    fn fixture_chapter_gives_the_committed_fixture_notebook() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/notebooks");
        let project = Project::new(dir.clone());
        let chapters = project.chapters().unwrap();
        assert_eq!(
            chapters.iter().map(|c| c.stem.as_str()).collect::<Vec<_>>(),
            ["01-demo"]
        );
        let cells = project.cells_of(&chapters[0]).unwrap();
        let stored_text = std::fs::read_to_string(dir.join("notebooks/01-demo.ipynb")).unwrap();
        let stored_value: Value = serde_json::from_str(&stored_text).unwrap();
        let stored = stored_cells(Path::new("01-demo.ipynb"), &stored_value).unwrap();
        let generated = to_jupyter_json(&notebook_json(&cells, &kept_runs(&cells, &stored)));
        assert_eq!(
            generated, stored_text,
            "regenerating the fixture changed its bytes"
        );
        assert!(project.check_problems().unwrap().is_empty());
    }
}
