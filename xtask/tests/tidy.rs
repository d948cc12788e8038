//! The project's tidiness, checked (as rust-analyzer's `tidy.rs` does for its own): every
//! invariant ARCHITECTURE.md states that a reading of the files can decide, one `#[test]` each,
//! run by `cargo test --workspace`. A broken rule fails its test with one line per place,
//! `FILE:LINE: the line`, under the rule and what to do instead.
//!
//! The files read are the ones git tracks (`git ls-files`), as they are in the working tree.
//! Comments are left out of the code rules (`// ...` to the end of the line), so that prose may
//! name what the code must not do.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

/// The most lines a source file (Rust, Python, JavaScript) may have.
const MAX_LINES: usize = 700;

/// The files allowed to contain `unsafe`, each with why.
const UNSAFE_ALLOWED: &[(&str, &str)] = &[
    (
        "src/mlp/kernels.rs",
        "the SIMD kernels: AVX2 and AVX-512 functions, called with a token only detection makes",
    ),
    ("tests/alloc.rs", "the counting allocator that proves training allocates nothing"),
    (
        "bench/speed/peak.rs",
        "the machine's peak for the roofline: fused multiply-adds in registers, after detection",
    ),
];

/// Printing the library may do, file and line (trimmed): a `Figure`'s `evcxr_display`, which
/// evcxr calls to show a figure inline, prints evcxr's markers around the SVG.
const PRINTING_ALLOWED: &[(&str, &str)] =
    &[("src/plot/mod.rs", r#"println!("{}", self.evcxr_content());"#)];

/// The files allowed an `include!` of Rust source, each with why: the exercises' test macro
/// compiles the reader's own chapter file as the module of answers it tests (helper exercises'
/// design; the file is the reader's, not a module of the project).
const INCLUDE_ALLOWED: &[(&str, &str)] =
    &[("exercises/src/lib.rs", "the exercises' tests compile the reader's chapter file")];

/// The files that hold Cyrillic outside the translation catalogs (`po/`) and what is built from
/// them (`notebooks/ru/`, `book/src/figures/ru/`), each with why. Issue 21
/// moved the reader's words into `po/`; only a file written from `po/` by a command may join the
/// list.
const CYRILLIC_ALLOWED: &[(&str, &str)] = &[
    (
        "book/src/bench/results.ru.md",
        "the bench report's Russian tables, written from po/ru.po by the report",
    ),
    (
        "book/src/bench/digits.ru.md",
        "the digits chapter's Russian table, written from po/ru.po by cargo xtask digits --tables",
    ),
    (
        "mdbook-nn/src/language.rs",
        "the patterns of Russian words the prose check reads (no word a reader sees)",
    ),
    ("xtask/src/words.rs", "tests of the words check on Russian outputs"),
    ("book/theme/head.hbs", "the language switch: each edition names the other in its language"),
    (
        "xtask/widget_check.py",
        "the widget check's Russian expectations: refusals and menus on the Russian page",
    ),
    ("mdbook-nn/src/notebooks.rs", "tests of the prose check on Russian sentences"),
    ("mdbook-nn/src/outputs.rs", "tests on a Russian chapter"),
    ("xtask/src/translate.rs", "tests of the translation check on Russian messages"),
    ("mdbook-nn/src/exercises.rs", "tests of a Russian starter written from a catalog"),
    ("ARCHITECTURE.md", "examples of what the Russian prose check reads"),
    ("README.md", "examples of the Russian edition"),
];

/// The workspace's root.
fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask/ has a parent").to_owned()
    })
}

/// Every file git tracks, relative to the root, with `/` between folders.
fn tracked() -> &'static [String] {
    static FILES: OnceLock<Vec<String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let out = Command::new("git")
            .args(["ls-files", "-z"])
            .current_dir(root())
            .output()
            .expect("git ls-files runs (the tidy test reads a git checkout)");
        assert!(out.status.success(), "git ls-files: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout)
            .expect("file names in UTF-8")
            .split('\0')
            .filter(|f| !f.is_empty() && root().join(f).is_file())
            .map(str::to_owned)
            .collect()
    })
}

fn tracked_with(extensions: &[&str]) -> impl Iterator<Item = &'static String> {
    tracked().iter().filter(|f| extensions.iter().any(|e| f.ends_with(&format!(".{e}"))))
}

fn read(file: &str) -> String {
    std::fs::read_to_string(root().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Each line of `files` that matches `pattern` (its code only, comments left out, if `code_only`),
/// as (file, line number, line).
fn lines_matching<'a>(
    files: impl Iterator<Item = &'a String>,
    pattern: &str,
    code_only: bool,
) -> Vec<(&'a str, usize, String)> {
    let re = Regex::new(pattern).expect("a valid pattern");
    let mut hits = Vec::new();
    for file in files {
        for (i, line) in read(file).lines().enumerate() {
            if re.is_match(if code_only { code(line) } else { line }) {
                hits.push((file.as_str(), i + 1, line.to_owned()));
            }
        }
    }
    hits
}

/// A line without its `//` comment (a line that is all comment is empty).
fn code(line: &str) -> &str {
    let trimmed = line.trim_start();
    if trimmed.starts_with("//") {
        return "";
    }
    match line.find(" //") {
        Some(i) if !line[..i].contains('"') => &line[..i],
        _ => line,
    }
}

/// Places that break a rule, gathered, then reported all at once.
struct Broken {
    rule: &'static str,
    fix: &'static str,
    places: Vec<String>,
}

impl Broken {
    fn new(rule: &'static str, fix: &'static str) -> Broken {
        Broken { rule, fix, places: Vec::new() }
    }

    fn at(&mut self, file: &str, line: usize, text: &str) {
        self.places.push(format!("{file}:{line}: {}", text.trim()));
    }

    /// Fails the test if any place broke the rule.
    fn check(self) {
        assert!(
            self.places.is_empty(),
            "\n{}\n  broken at:\n    {}\n  fix: {}\n",
            self.rule,
            self.places.join("\n    "),
            self.fix
        );
    }
}

/// The library's code: `src/` without the binary (`src/bin/`), and without test code (the
/// modules declared under `#[cfg(test)]`, in their own files or inline).
/// Each file with its lines, numbered from 1, comments left out.
fn library_code() -> Vec<(String, Vec<(usize, String)>)> {
    let sources: Vec<&String> = tracked_with(&["rs"])
        .filter(|f| f.starts_with("src/") && !f.starts_with("src/bin/"))
        .collect();
    let mut test_files = BTreeSet::new();
    let mut code_of = Vec::new();
    for file in &sources {
        let text = read(file);
        let lines: Vec<&str> = text.lines().collect();
        let mut test_lines = vec![false; lines.len()];
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "#[cfg(test)]" {
                continue;
            }
            let mut path = None;
            let mut j = i + 1;
            while let Some(attr) = lines.get(j).map(|l| l.trim()).filter(|l| l.starts_with("#[")) {
                path = attr.strip_prefix("#[path = \"").and_then(|p| p.strip_suffix("\"]"));
                j += 1;
            }
            let Some(decl) = lines.get(j).map(|l| l.trim()) else { continue };
            let Some(name) = decl.strip_prefix("mod ").or_else(|| decl.strip_prefix("pub mod "))
            else {
                continue;
            };
            if let Some(name) = name.strip_suffix(';') {
                test_files.insert(module_file(file, name, path));
            } else if name.ends_with('{') {
                // The inline module, to its closing brace.
                let mut depth = 0_i64;
                for (k, l) in lines.iter().enumerate().skip(j) {
                    let l = code(l);
                    depth += l.matches('{').count() as i64 - l.matches('}').count() as i64;
                    test_lines[i..=k].fill(true);
                    if depth <= 0 {
                        break;
                    }
                }
            }
        }
        let code = (lines.iter().enumerate())
            .filter(|(i, _)| !test_lines[*i])
            .map(|(i, l)| (i + 1, code(l).to_owned()))
            .collect();
        code_of.push(((*file).clone(), code));
    }
    code_of.retain(|(file, _)| !test_files.contains(file));
    code_of
}

/// The file of module `name`, declared in `file` (with `#[path = ...]` if given).
fn module_file(file: &str, name: &str, path: Option<&str>) -> String {
    let here = Path::new(file);
    let dir = here.parent().unwrap_or(Path::new(""));
    if let Some(path) = path {
        return dir.join(path).to_string_lossy().replace('\\', "/");
    }
    let stem = here.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let dir = match stem {
        "mod" | "lib" | "main" => dir.to_owned(),
        _ => dir.join(stem),
    };
    let flat = dir.join(format!("{name}.rs"));
    let flat = flat.to_string_lossy().replace('\\', "/");
    if tracked().contains(&flat) { flat } else { format!("{}/{name}/mod.rs", dir.display()) }
}

/// Each line of the library's code that matches one of `patterns`, unless `allowed`.
fn library_lines_matching(
    broken: &mut Broken,
    files: impl Fn(&str) -> bool,
    patterns: &str,
    allowed: &[(&str, &str)],
) {
    let re = Regex::new(patterns).expect("a valid pattern");
    for (file, lines) in library_code().iter().filter(|(f, _)| files(f)) {
        for (n, line) in lines {
            if re.is_match(line) && !allowed.contains(&(file.as_str(), line.trim())) {
                broken.at(file, *n, line);
            }
        }
    }
}

/// `cargo metadata` for the workspace's own packages.
fn metadata() -> &'static Value {
    static METADATA: OnceLock<Value> = OnceLock::new();
    METADATA.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let out = Command::new(cargo)
            .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
            .current_dir(root())
            .output()
            .expect("cargo metadata runs");
        assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
    })
}

/// The crate's package in `cargo metadata`.
fn library_package() -> &'static Value {
    metadata()["packages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "nn-from-scratch"))
        .expect("the package nn-from-scratch")
}

/// Invariant: the library does no I/O (no files, terminal, environment or processes).
#[test]
fn library_does_no_io() {
    let mut broken = Broken::new(
        "The library does no I/O: no files, no environment, no processes, no printing in `src/` \
         outside `src/bin/` (ARCHITECTURE.md, Invariants).",
        "take or return the data (a string, a value, a `Result`) and let the binary \
         (`src/bin/`) read, write or print it; a build-time choice is a `cfg`, not a variable",
    );
    library_lines_matching(
        &mut broken,
        |_| true,
        r"std::(fs|env|process|net)\b|\b(fs|env)::|\bFile\b|\bio::(stdin|stdout|stderr)\b|\b(e?print(ln)?|dbg)!",
        PRINTING_ALLOWED,
    );
    broken.check();
}

/// Invariant: `unsafe` only where listed (and ARCHITECTURE.md says why).
#[test]
fn unsafe_only_where_allowed() {
    let mut broken = Broken::new(
        "`unsafe` only in the files listed in UNSAFE_ALLOWED (xtask/tests/tidy.rs) and in \
         ARCHITECTURE.md's Invariants: the SIMD kernels, the counting allocator, the peak probe.",
        "write it without `unsafe`, or justify the file in ARCHITECTURE.md and the list",
    );
    let rust = tracked_with(&["rs"]).filter(|f| f.as_str() != "xtask/tests/tidy.rs");
    let hits = lines_matching(rust, r"\bunsafe\b", true);
    let seen: BTreeSet<&str> = hits.iter().map(|(f, _, _)| *f).collect();
    for (file, n, line) in &hits {
        if !UNSAFE_ALLOWED.iter().any(|(f, _)| f == file) {
            broken.at(file, *n, line);
        }
    }
    for (file, why) in UNSAFE_ALLOWED {
        if !seen.contains(file) {
            broken.at(
                file,
                0,
                &format!("listed ({why}) but has no `unsafe`: drop it from the list"),
            );
        }
    }
    broken.check();
}

/// No source file over `MAX_LINES` lines.
#[test]
fn no_source_file_over_700_lines() {
    let mut broken = Broken::new(
        "No source file (Rust, Python, JavaScript) over 700 lines.",
        "split the file by what its parts do (a module, a test file, a helper module)",
    );
    for file in tracked_with(&["rs", "py", "js"]) {
        let lines = read(file).lines().count();
        if lines > MAX_LINES {
            broken.at(file, MAX_LINES + 1, &format!("{lines} lines"));
        }
    }
    broken.check();
}

/// No notebook shows a bare `()`: a cell whose last line is a statement such as a `for` loop
/// makes evcxr print the unit value as the cell's result.
#[test]
fn no_bare_unit_output_in_a_notebook() {
    let mut broken = Broken::new(
        "No notebook cell shows a bare `()` as its result.",
        "end the chapter's snippet with a value worth showing or with a `;`, then \
         `cargo xtask notebooks --execute NN`",
    );
    for file in tracked_with(&["ipynb"]) {
        let notebook: Value =
            serde_json::from_str(&read(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        let cells = notebook["cells"].as_array().map(Vec::as_slice).unwrap_or_default();
        for (i, cell) in cells.iter().enumerate() {
            let outputs = cell["outputs"].as_array().map(Vec::as_slice).unwrap_or_default();
            let unit = outputs.iter().any(|o| text_of(&o["data"]["text/plain"]).trim() == "()");
            if unit {
                let first = text_of(&cell["source"]);
                let first = first.lines().next().unwrap_or("");
                broken.at(file, i + 1, &format!("cell {}, starting `{first}`, shows ()", i + 1));
            }
        }
    }
    broken.check();
}

/// A notebook's text: a string, or a list of lines.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(lines) => lines.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
}

/// Invariant: the library does not depend on clap; clap comes with the feature `cli`.
#[test]
fn clap_only_with_the_feature_cli() {
    let mut broken = Broken::new(
        "The library does not depend on clap outside the feature `cli` (ARCHITECTURE.md).",
        "keep clap optional and enabled only by `cli` (Cargo.toml), and every use of it in `src/` \
         under `#[cfg(feature = \"cli\")]` or `#[cfg_attr(feature = \"cli\", ...)]`",
    );
    let package = library_package();
    for dep in package["dependencies"].as_array().into_iter().flatten() {
        let normal = dep["kind"].is_null();
        if dep["name"] == "clap" && normal && dep["optional"] != true {
            broken.at("Cargo.toml", 0, "clap is not optional");
        }
    }
    let features = package["features"].as_object().expect("the features");
    for (feature, enables) in features {
        let clap = enables.as_array().into_iter().flatten().any(|e| e == "dep:clap" || e == "clap");
        if clap && feature != "cli" {
            broken.at("Cargo.toml", 0, &format!("the feature `{feature}` enables clap"));
        }
    }
    // A line naming clap is gated if it says `feature = "cli"` itself, or if it belongs to the
    // item after a `#[cfg(feature = "cli")]` (up to that item's closing line, at its indent).
    for (file, lines) in library_code() {
        let mut gated_at: Option<usize> = None;
        for (n, line) in &lines {
            let indent = line.len() - line.trim_start().len();
            if line.trim_start().starts_with("#[cfg(feature = \"cli\")]") {
                gated_at = Some(indent);
                continue;
            }
            let gated = gated_at.is_some_and(|at| indent >= at);
            if line.contains("clap") && !gated && !line.contains("feature = \"cli\"") {
                broken.at(&file, *n, line);
            }
            let item_ends = line.trim() == "}" || line.trim_end().ends_with(';');
            if gated_at == Some(indent) && item_ends && !line.trim_start().starts_with("#[") {
                gated_at = None;
            }
        }
    }
    broken.check();
}

/// Invariant: the library knows nothing of WebAssembly, Jupyter or mdBook.
#[test]
fn the_library_knows_no_face() {
    let mut broken = Broken::new(
        "The library knows nothing of WebAssembly, Jupyter or mdBook: `web/` holds the bindings, \
         `mdbook-nn/` and `xtask/` the tooling (ARCHITECTURE.md).",
        "move it to `web/` (wasm-bindgen) or to the tooling; a `Figure` only prints evcxr's markers",
    );
    library_lines_matching(
        &mut broken,
        |_| true,
        r"(?i)wasm_bindgen|wasm-bindgen|js_sys|web_sys|mdbook|jupyter|ipynb",
        &[],
    );
    let faces = ["wasm-bindgen", "js-sys", "web-sys", "mdbook", "mdbook-nn", "evcxr"];
    for dep in library_package()["dependencies"].as_array().into_iter().flatten() {
        let name = dep["name"].as_str().unwrap_or("");
        if dep["kind"].is_null() && faces.contains(&name) {
            broken.at("Cargo.toml", 0, &format!("the library depends on {name}"));
        }
    }
    broken.check();
}

/// Invariant: `plot` draws and never trains.
#[test]
fn plot_never_trains() {
    let mut broken = Broken::new(
        "`plot` draws and never trains: it takes computed values and returns SVG (ARCHITECTURE.md).",
        "train in the chapter's snippet and hand the figure what it computed",
    );
    library_lines_matching(
        &mut broken,
        |f| f.starts_with("src/plot/"),
        r"\btrain\(|\bTrainer\b|\.fit\(|\bFitConfig\b|\bOptimizer\b|\.step\(",
        &[],
    );
    broken.check();
}

/// Invariant: the figures write no word of their own: every title, axis, legend and note is the
/// caller's (`plot::Words`), so that one function draws every edition's figure (issue 21).
#[test]
fn plot_writes_no_words() {
    let mut broken = Broken::new(
        "A figure's words are its caller's (`plot::Words`), never the library's: the chapters \
         pass them as string literals, which the translation catalog translates (ARCHITECTURE.md).",
        "add the word to the figure's `Words::labels` (documented order) and pass it from the \
         chapter, the playground and the tests",
    );
    let literal = Regex::new(r#""((?:[^"\\]|\\.)*)""#).expect("a valid pattern");
    let placeholder = Regex::new(r"\{[^{}]*\}|\\.").expect("a valid pattern");
    let word = Regex::new(r"[A-Za-z]{3,}").expect("a valid pattern");
    // Names of figures, fonts and formats, and symbols.
    let symbols =
        ["sans", "serif", "svg", "width", "height", "xml", "image", "EVCXR", "BEGIN", "END"];
    let symbols = [symbols.as_slice(), &["CONTENT", "pred", "rest"]].concat();
    // The library's error messages, in English like its API (they never reach a figure).
    let errors = ["unexpected SVG header", "weight {w:.1} lb, height {h:.1} in"];
    for (file, lines) in library_code().iter().filter(|(f, _)| f.starts_with("src/plot/")) {
        for (n, line) in lines {
            // A figure's name: its file stem, as `render` and `Words::labels` take it.
            if line.contains("render(\"") || line.contains(".labels(\"") {
                continue;
            }
            for c in literal.captures_iter(line) {
                let bare = placeholder.replace_all(&c[1], " ");
                let words = word.find_iter(&bare).any(|w| !symbols.contains(&w.as_str()));
                if words && !errors.contains(&&c[1]) {
                    broken.at(file, *n, line);
                }
            }
        }
    }
    broken.check();
}

/// Invariant: library errors are values (the behaviour is tested by tests/review.rs, the
/// property tests and the fuzz targets; this rule keeps the obvious ways out of the code).
#[test]
fn library_errors_are_values() {
    let mut broken = Broken::new(
        "Library errors are values: no `panic!`, `todo!` or `unimplemented!` in the library's \
         code (ARCHITECTURE.md).",
        "return `Err(Error::...)` naming the problem and the fix",
    );
    library_lines_matching(&mut broken, |_| true, r"\b(panic|todo|unimplemented)!", &[]);
    broken.check();
}

/// Invariant: the tutorial's modules stay as the tutorial reads: they use nothing of the
/// general network.
#[test]
fn tutorial_modules_use_nothing_general() {
    let tutorial = ["activation", "neuron", "network", "loss", "backprop", "training"]
        .map(|m| format!("src/{m}.rs"));
    let mut broken = Broken::new(
        "The tutorial's modules (activation, neuron, network, loss, backprop, training) use \
         nothing of the general network (ARCHITECTURE.md).",
        "put the general code in `src/mlp/` (or its own module) and let it use the tutorial's",
    );
    library_lines_matching(
        &mut broken,
        |f| tutorial.iter().any(|t| t == f),
        r"crate::(mlp|optimizer|shapes|model|metrics|csv_data|plot)\b",
        &[],
    );
    broken.check();
}

/// What a forward pass of the web's own would use: the exponential, tanh, a derivative, the
/// sigmoid's formula, the function that did it.
const FORWARD_PASS: &str = r"\bexp\(|\.tanh\(|\.derivative\(|1\.0 / \(1\.0 \+|fn neuron_output";

/// Invariant: the web computes with the library only (no forward pass of its own).
#[test]
fn the_web_computes_with_the_library_only() {
    let mut broken = Broken::new(
        "The web computes with the library only: no forward pass, activation or derivative of its \
         own in `web/` (ARCHITECTURE.md).",
        "ask the library (`Mlp`, `Network`) for the outputs; add what is missing there, tested",
    );
    let web = tracked_with(&["rs"]).filter(|f| f.starts_with("web/"));
    for (file, n, line) in lines_matching(web, FORWARD_PASS, true) {
        broken.at(file, n, &line);
    }
    broken.check();
}

/// Invariant: the bench lives in one folder, `bench/`: the bench binary, the Python programs,
/// the Rust peers.
#[test]
fn the_bench_lives_in_bench() {
    let mut broken = Broken::new(
        "The benchmark's code lives in `bench/` (the bench binary, the Python programs, candle).",
        "move it under `bench/` (and Cargo.toml's `[[bench]]` path with it)",
    );
    for file in tracked() {
        let python_outside = file.ends_with(".py") && !file.starts_with("bench/");
        if file.starts_with("benches/") || (python_outside && !file.starts_with("xtask/")) {
            broken.at(file, 0, "outside bench/");
        }
    }
    let bench = root().join("bench");
    for target in library_package()["targets"].as_array().into_iter().flatten() {
        let is_bench = target["kind"].as_array().into_iter().flatten().any(|k| k == "bench");
        let path = Path::new(target["src_path"].as_str().unwrap_or(""));
        if is_bench && !path.starts_with(&bench) {
            broken.at("Cargo.toml", 0, &format!("[[bench]] at {}", path.display()));
        }
    }
    broken.check();
}

/// No `include!` of Rust source: a file of code is a module (`include_str!` of data and of the
/// chapters stays).
#[test]
fn no_include_of_source() {
    let mut broken = Broken::new(
        "No `include!` of source: code is shared as a module or a crate.",
        "declare the file a module (`mod name;`), or share it through a package",
    );
    let rust = tracked_with(&["rs"]).filter(|f| f.as_str() != "xtask/tests/tidy.rs");
    for (file, n, line) in lines_matching(rust, r"\binclude!\(", true) {
        if !INCLUDE_ALLOWED.iter().any(|(f, _)| *f == file) {
            broken.at(file, n, &line);
        }
    }
    broken.check();
}

/// The browser checks launch Chromium and guard their requests in one place,
/// `xtask/browser_common.py`.
#[test]
fn browser_checks_share_one_helper() {
    let mut broken = Broken::new(
        "The browser checks launch Chromium, guard their routes and serve files through \
         `xtask/browser_common.py` only.",
        "use `launch`, `guard_routes` and `serve` from browser_common",
    );
    let python = tracked_with(&["py"]).filter(|f| f.as_str() != "xtask/browser_common.py");
    let pattern = r#"chromium\.launch\(|"--no-sandbox"|\.route\(|http\.server"#;
    for (file, n, line) in lines_matching(python, pattern, false) {
        broken.at(file, n, &line);
    }
    broken.check();
}

/// The reader's words belong in the translation catalogs: no file outside `po/` and what is
/// built from it holds Cyrillic, except the listed ones (which issue 21 empties, as far as the
/// reader's words go); a Markdown chapter of its own per language never appears.
#[test]
fn translations_only_in_the_catalogs() {
    let built = ["po/", "notebooks/ru/", "book/src/figures/ru/"];
    let text = ["rs", "py", "js", "md", "hbs", "html", "css", "toml", "json", "txt", "sh"];
    let mut broken = Broken::new(
        "The reader's words in another language live in the translation catalogs (`po/`), not in \
         code or in Markdown of their own (ARCHITECTURE.md).",
        "write the English in the chapter or code and its translation in `po/ru.po`",
    );
    let files = tracked_with(&text).filter(|f| !built.iter().any(|b| f.starts_with(b)));
    let hits = lines_matching(files, r"\p{Cyrillic}", false);
    let seen: BTreeSet<&str> = hits.iter().map(|(f, _, _)| *f).collect();
    for file in &seen {
        if !CYRILLIC_ALLOWED.iter().any(|(f, _)| f == file) {
            let (_, n, line) = hits.iter().find(|(f, _, _)| f == file).expect("a hit");
            broken.at(file, *n, line);
        }
    }
    for (file, why) in CYRILLIC_ALLOWED {
        if !seen.contains(file) {
            broken.at(file, 0, &format!("listed ({why}) but has none: drop it from the list"));
        }
    }
    broken.check();
}
