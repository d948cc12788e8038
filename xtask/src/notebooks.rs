//! `cargo xtask notebooks`: the notebooks that the book's `notebooks` backend renders from the
//! chapters (see `mdbook_nn::notebooks`), put in place, checked, and run with the evcxr kernel.
//!
//! What the evcxr kernel (0.22) does, which the checks rely on: a panic is not an error to
//! Jupyter but a stderr stream `thread '<unnamed>' (ID) panicked at ...` with a stack backtrace
//! (evcxr sets `RUST_BACKTRACE=1`), both taken out of stored outputs; a compile error is an
//! `error` output; a cell's last expression is shown with its `evcxr_display` method (a
//! `plot::Figure` as `image/svg+xml`), else with `Debug` as `text/plain`, and while no `?` has
//! compiled yet in a notebook, a `?` inside the last expression makes evcxr fall back to `Debug`.
//! So a run fails on any `error` output, stderr output, panic (except in a cell tagged
//! `raises-exception`, which must panic) and any `Figure` shown as text.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::Value;
use xshell::cmd;

use crate::{book, setup};
use mdbook_nn::language;
use mdbook_nn::notebook::{Cell, CellType, Notebook, joined, split};

/// Seconds one cell may run (a first cell compiles the crate and its dependencies).
const CELL_TIMEOUT_SECS: u32 = 1200;

/// The committed notebooks (`notebooks/`, a translation's in `notebooks/LANG/`).
pub(crate) fn notebooks_dir() -> PathBuf {
    setup::root().join("notebooks")
}

fn figures_dir() -> PathBuf {
    setup::root().join("book/src/figures")
}

/// The files of `dir` ending in `ext`, by name.
pub(crate) fn files(dir: &Path, ext: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = match fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|f| f.ends_with(ext))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot list {}", dir.display())),
    };
    names.sort();
    Ok(names)
}

type Rendered = (Vec<(PathBuf, PathBuf, bool)>, Vec<PathBuf>, Vec<String>);

/// Builds the book in every language and compares what the notebooks backend rendered with the
/// committed notebooks and figures (`notebooks/`, `book/src/figures/`, and `ru/` in each for the
/// Russian edition): (rendered file, committed file, same bytes) for each, files committed but
/// not rendered, and the backend's problems.
fn rendered() -> Result<Rendered> {
    book::build()?;
    let mut pairs = Vec::new();
    let mut strays = Vec::new();
    let mut problems = Vec::new();
    for language in language::ALL {
        let out = book::language_build_dir(language).join("notebooks");
        for (from, to, ext) in [
            (out.clone(), notebooks_dir().join(language.subdir), ".ipynb"),
            (out.join("figures"), figures_dir().join(language.subdir), ".svg"),
        ] {
            let made = files(&from, ext)?;
            for name in &made {
                let (a, b) = (from.join(name), to.join(name));
                let same = fs::read(&a)? == fs::read(&b).unwrap_or_default();
                pairs.push((a, b, same));
            }
            strays.extend(
                files(&to, ext)?.into_iter().filter(|n| !made.contains(n)).map(|n| to.join(n)),
            );
        }
        problems.extend(fs::read_to_string(out.join("problems.txt"))?.lines().map(String::from));
    }
    Ok((pairs, strays, problems))
}

/// A path as the messages show it: relative to the checkout.
pub(crate) fn shown(path: &Path) -> String {
    path.strip_prefix(setup::root()).unwrap_or(path).display().to_string()
}

/// `cargo xtask notebooks`: writes the notebooks and figures that changed.
pub fn generate() -> Result<()> {
    let (pairs, strays, problems) = rendered()?;
    for (from, to, same) in pairs {
        if !same {
            if let Some(dir) = to.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::copy(&from, &to).with_context(|| format!("cannot write {}", to.display()))?;
            println!("notebooks: wrote {}", shown(&to));
        }
    }
    for path in strays {
        eprintln!("notebooks: warning: {} comes from no chapter: delete it", shown(&path));
    }
    for p in problems {
        eprintln!("notebooks: warning: {p}");
    }
    Ok(())
}

/// `cargo xtask notebooks --check`: every notebook and figure is what the chapters make, every
/// number the prose quotes was printed, every figure was drawn.
pub fn check() -> Result<()> {
    let (pairs, strays, mut problems) = rendered()?;
    let count = pairs.len();
    for (_, to, same) in pairs {
        if !same {
            problems
                .push(format!("{}: stale or missing (run `cargo xtask notebooks`)", shown(&to)));
        }
    }
    problems
        .extend(strays.iter().map(|p| format!("{}: comes from no chapter (delete it)", shown(p))));
    if !problems.is_empty() {
        bail!("the notebooks and figures disagree with the chapters:\n  {}", problems.join("\n  "));
    }
    println!(
        "notebooks: all {count} notebooks and figures match their chapters; every number quoted was printed"
    );
    Ok(())
}

/// The notebooks named, in every language (a stem `01-neuron`, a file name, or a number `01`;
/// `ru/01` for the Russian one only; all when none).
pub(crate) fn selected(names: &[String]) -> Result<Vec<PathBuf>> {
    let mut selected = Vec::new();
    for language in language::ALL {
        let dir = notebooks_dir().join(language.subdir);
        let all = files(&dir, ".ipynb")?;
        if names.is_empty() {
            selected.extend(all.iter().map(|n| dir.join(n)));
            continue;
        }
        for name in names {
            let (only, name) = match name.split_once('/') {
                Some((code, rest)) if language::ALL.iter().any(|l| l.code == code) => {
                    (Some(code), rest)
                }
                _ => (None, name.as_str()),
            };
            if only.is_some_and(|code| code != language.code) {
                continue;
            }
            let file = Path::new(name).file_name().and_then(|f| f.to_str()).unwrap_or(name);
            let stem = file.trim_end_matches(".ipynb").trim_end_matches(".md");
            match all
                .iter()
                .filter(|n| {
                    n.trim_end_matches(".ipynb") == stem || n.split('-').next() == Some(stem)
                })
                .collect::<Vec<_>>()[..]
            {
                [one] => selected.push(dir.join(one)),
                [] => bail!("no notebook `{name}`; the notebooks are: {}", all.join(", ")),
                _ => bail!("`{name}` names more than one notebook"),
            }
        }
    }
    Ok(selected)
}

/// `--execute`: regenerates, runs the selected notebooks, stores their outputs (and the figures
/// they draw).
pub fn execute(names: &[String]) -> Result<()> {
    generate()?;
    run_each(&selected(names)?, |path, stored, executed| {
        let problems = run_problems(&stored, &executed);
        if !problems.is_empty() {
            bail!("{}", problems.join("\n"));
        }
        let cells = stored.cells.iter().zip(executed.cells).map(|(s, e)| Cell {
            outputs: e.outputs,
            execution_count: e.execution_count,
            ..s.clone()
        });
        fs::write(path, Notebook::new(cells.collect()).to_text())
            .with_context(|| format!("cannot write {}", path.display()))
    })?;
    generate()
}

/// `--verify`: `--check`, then runs the selected notebooks and compares their outputs; a
/// chapter's exercises are solved in the same run (see `verify.rs`).
pub fn verify(names: &[String]) -> Result<()> {
    check()?;
    crate::verify::run(&selected(names)?, false)
}

/// Every committed notebook, in every language.
pub(crate) fn all() -> Result<Vec<PathBuf>> {
    selected(&[])
}

/// The committed notebooks of the chapters that have exercises (a solved copy in the build).
pub fn with_exercises() -> Result<Vec<PathBuf>> {
    let all = selected(&[])?;
    let solved = |p: &PathBuf| -> bool {
        let language = language::ALL.iter().find(|l| language_of(p) == l.subdir);
        let name = p.file_name().unwrap_or_default();
        language.is_some_and(|l| {
            book::language_build_dir(l)
                .join("notebooks")
                .join(mdbook_nn::notebooks::SOLUTIONS_DIR)
                .join(name)
                .is_file()
        })
    };
    Ok(all.into_iter().filter(solved).collect())
}

/// How many kernels run at once: one per core (two on a 2-core machine), at most
/// [`MAX_KERNELS`]; `XTASK_KERNELS=1` runs them one after the other.
pub(crate) fn kernels() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let wanted = std::env::var("XTASK_KERNELS").ok().and_then(|v| v.parse().ok()).unwrap_or(cores);
    wanted.clamp(1, MAX_KERNELS)
}

/// The most kernels [`run_each`] starts at once (each keeps a build directory of its own).
const MAX_KERNELS: usize = 4;

/// Runs each notebook headless (`jupyter nbconvert --execute` with the `rust` kernel), on
/// [`kernels`] kernels at once, and hands its stored and executed versions to `then`; fails
/// naming the notebooks that failed.
pub(crate) fn run_each(
    paths: &[PathBuf],
    then: impl Fn(&Path, Notebook, Notebook) -> Result<()> + Sync,
) -> Result<()> {
    setup::ensure_python()?;
    setup::ensure_kernel()?;
    let scratch = std::env::temp_dir().join(format!("xtask-notebooks-{}", std::process::id()));
    // A build directory per kernel running at once ("slot"), kept between runs, so that the
    // crate and its dependencies are compiled once per slot, not once per notebook; locked, since
    // two kernels must not build in one at once (evcxr rewrites its crate at every cell; another
    // run of this command takes the free slots, or a directory of its own). They live outside
    // the checkout (cargo refuses evcxr's crate inside our workspace) and outside $HOME (evcxr's
    // copied library finds the toolchain's libstd by a relative path that then climbs past `/`).
    let root = fs::canonicalize(setup::root())?;
    let home = std::env::temp_dir().join(format!(
        "nn-from-scratch-notebooks-{:016x}",
        mdbook_nn::notebook::fnv1a(root.to_string_lossy().as_bytes())
    ));
    // Our own evcxr configuration (a user's init.evcxr must not change the outputs), with
    // evcxr's cache of compiled dependencies, so that a fresh checkout on this machine reuses them.
    let config = home.join("config");
    fs::create_dir_all(&config)?;
    fs::write(config.join("init.evcxr"), ":cache 2000\n")?;
    let workers = kernels().min(paths.len()).max(1);
    let mut slots = Vec::new();
    for n in 0..MAX_KERNELS {
        if slots.len() == workers {
            break;
        }
        let dir = home.join(format!("slot-{n}"));
        fs::create_dir_all(&dir)?;
        let lock = File::create(dir.join("lock"))?;
        if lock.try_lock().is_ok() {
            slots.push((dir.join("build"), Some(lock)));
        }
    }
    while slots.len() < workers {
        slots.push((scratch.join(format!("build-{}", slots.len())), None));
    }
    let start = Instant::now();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::Mutex::new(Vec::new());
    // A slot that has built nothing yet waits for the first notebook to finish, so that it
    // takes the dependencies from evcxr's cache instead of compiling them at the same time
    // (and reading a cache entry while another kernel writes it).
    let first_done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        for (i, (build, _lock)) in slots.iter().enumerate() {
            let (next, failed, then, root, scratch, config, first_done) =
                (&next, &failed, &then, &root, &scratch, &config, &first_done);
            scope.spawn(move || -> Result<()> {
                let sh = setup::shell()?;
                if i > 0 && !build.join("target").is_dir() {
                    while !first_done.load(std::sync::atomic::Ordering::SeqCst)
                        && next.load(std::sync::atomic::Ordering::SeqCst) < paths.len()
                    {
                        std::thread::sleep(std::time::Duration::from_millis(500));
                    }
                }
                fs::create_dir_all(build)?;
                let _env =
                    (sh.push_env("EVCXR_TMPDIR", build), sh.push_env("EVCXR_CONFIG_DIR", config));
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(path) = paths.get(n) else { return Ok(()) };
                    let t = Instant::now();
                    println!("[{}/{}] {} ...", n + 1, paths.len(), shown(path));
                    let result = run_one(&sh, path, root, scratch, then);
                    first_done.store(true, std::sync::atomic::Ordering::SeqCst);
                    println!(
                        "[{}/{}] {}: {} ({:.1} s)",
                        n + 1,
                        paths.len(),
                        shown(path),
                        if result.is_ok() { "ok" } else { "FAILED" },
                        t.elapsed().as_secs_f64()
                    );
                    if let Err(e) = result {
                        eprintln!(
                            "    {}: {}",
                            shown(path),
                            format!("{e:#}").replace('\n', "\n    ")
                        );
                        failed.lock().expect("a worker panicked").push(shown(path));
                    }
                }
            });
        }
    });
    let _ = fs::remove_dir_all(&scratch);
    println!(
        "notebooks: ran {} notebook(s) on {workers} kernel(s) at once in {:.1} s",
        paths.len(),
        start.elapsed().as_secs_f64()
    );
    let mut failed = failed.into_inner().expect("a worker panicked");
    if !failed.is_empty() {
        failed.sort();
        bail!("notebook(s) failed: {}", failed.join(", "));
    }
    Ok(())
}

/// One notebook through nbconvert (once more if the first run fails), judged by `then`.
fn run_one(
    sh: &xshell::Shell,
    path: &Path,
    root: &Path,
    scratch: &Path,
    then: &(impl Fn(&Path, Notebook, Notebook) -> Result<()> + Sync),
) -> Result<()> {
    let jupyter = setup::venv_bin("jupyter");
    let name = path.file_name().and_then(|f| f.to_str()).unwrap_or("?");
    // The kernel starts in the notebook's directory, where its `:dep` path begins.
    let _dir = sh.push_dir(path.parent().context("a notebook in no directory")?);
    let output_dir = scratch.join(fnv_name(path));
    let out = output_dir.join(name);
    fs::create_dir_all(&output_dir)?;
    let attempt = || -> Result<()> {
        let timeout = format!("--ExecutePreprocessor.timeout={CELL_TIMEOUT_SECS}");
        let run = cmd!(sh, "{jupyter} nbconvert --to notebook --execute --allow-errors --ExecutePreprocessor.kernel_name=rust {timeout} --output-dir {output_dir} --output {name} {path}")
            .ignore_status()
            .output()?;
        if run.status.success() {
            let stored = Notebook::read(path)?.context("notebook vanished")?;
            let mut executed = Notebook::read(&out)?.context("nbconvert wrote nothing")?;
            for cell in &mut executed.cells {
                if let Some(outputs) = &mut cell.outputs {
                    *outputs = clean_outputs(outputs, root);
                }
            }
            then(path, stored, executed)
        } else {
            let stderr = String::from_utf8_lossy(&run.stderr);
            let lines: Vec<&str> = stderr
                .lines()
                .filter(|l| !l.starts_with("  ") && !l.contains("Compiling "))
                .collect();
            Err(anyhow::anyhow!(
                "nbconvert failed ({}):\n{}",
                run.status,
                lines[lines.len().saturating_sub(40)..].join("\n")
            ))
        }
    };
    let result = attempt();
    if let Err(e) = &result {
        // evcxr 0.22 can send a cell's output after it reported the cell done, and nbconvert
        // then misses it (seen on a loaded machine): one more run tells that from a failure.
        let first = format!("{e:#}");
        println!(
            "    {}: first run failed, running once more: {}",
            shown(path),
            first.lines().next().unwrap_or("")
        );
        return attempt();
    }
    result
}

/// A folder name of its own for each notebook's executed copy (two editions share file names).
fn fnv_name(path: &Path) -> String {
    format!("{:016x}", mdbook_nn::notebook::fnv1a(path.to_string_lossy().as_bytes()))
}

/// The edition of a notebook, from its path: `""` for English, `"ru"` for one under a folder
/// `ru/` (`notebooks/ru/`, `book/build/ru/notebooks/solutions/`).
pub(crate) fn language_of(path: &Path) -> String {
    let folders = path.parent().map(|p| p.components().collect::<Vec<_>>()).unwrap_or_default();
    let under = |dir: &str| folders.iter().any(|c| c.as_os_str() == dir);
    language::ALL
        .iter()
        .find(|l| !l.subdir.is_empty() && under(l.subdir))
        .map_or(String::new(), |l| l.subdir.to_string())
}

/// Outputs as they are stored and compared: consecutive outputs of one stream merged (evcxr
/// sends a panic line by line), transient data dropped, and what changes from run to run or
/// machine to machine taken out of the texts (see [`clean_text`]).
fn clean_outputs(outputs: &[Value], root: &Path) -> Vec<Value> {
    let mut cleaned: Vec<Value> = Vec::new();
    for output in outputs {
        let mut output = output.clone();
        if let Some(obj) = output.as_object_mut() {
            obj.remove("transient");
        }
        let same_stream =
            |l: &&mut Value| l["output_type"] == "stream" && l["name"] == output["name"];
        if let Some(last) = cleaned.last_mut().filter(same_stream)
            && output["output_type"] == "stream"
        {
            last["text"] = Value::String(joined(&last["text"]) + &joined(&output["text"]));
            continue;
        }
        cleaned.push(output);
    }
    for output in &mut cleaned {
        if output.get("text").is_some() {
            output["text"] = split(&clean_text(&joined(&output["text"]), root));
        }
        if let Some(data) = output.get_mut("data").and_then(Value::as_object_mut) {
            for (mime, value) in data.iter_mut() {
                if mime.starts_with("text/") || mime == "image/svg+xml" {
                    *value = split(&clean_text(&joined(value), root));
                }
            }
        }
    }
    cleaned
}

/// A text without what varies between runs: the thread id of a panic message (`thread
/// '<unnamed>' (4617) panicked at`), the stack backtrace evcxr asks for, and the checkout's path.
fn clean_text(text: &str, root: &Path) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_backtrace = false;
    for line in text.split_inclusive('\n') {
        if in_backtrace {
            // The frames are indented; `note: Some details are omitted...` ends the backtrace.
            if line.starts_with(' ') || line.trim().is_empty() || line.starts_with("note: ") {
                in_backtrace = !line.starts_with("note: ");
                continue;
            }
            in_backtrace = false;
        }
        if line.trim_end() == "stack backtrace:" {
            in_backtrace = true;
            continue;
        }
        out.push_str(&without_thread_id(line));
    }
    let root = format!("{}/", root.display());
    if root.len() > 2 { out.replace(&root, "") } else { out }
}

/// `thread 'name' (1234) panicked at` without ` (1234)`.
fn without_thread_id(line: &str) -> String {
    let Some(at) = line.find("' (") else {
        return line.to_string();
    };
    let rest = &line[at + 3..];
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if line[..at].contains("thread '") && digits > 0 && rest[digits..].starts_with(") panicked") {
        format!("{}{}", &line[..at + 1], &rest[digits + 1..])
    } else {
        line.to_string()
    }
}

/// A text without ANSI colour codes (evcxr colours its compile errors, mdbook its log lines).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|c| c.is_ascii_alphabetic());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every text of an output with what it is: (`stream stdout`, text), (`execute_result
/// text/plain`, text), ..., (`error`, name: value and traceback).
fn output_texts(output: &Value) -> Vec<(String, String)> {
    let kind = output["output_type"].as_str().unwrap_or("?");
    match kind {
        "stream" => vec![(
            format!("stream {}", output["name"].as_str().unwrap_or("?")),
            joined(&output["text"]),
        )],
        "error" => {
            let traceback: Vec<&str> = output["traceback"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let text = format!(
                "{}: {}\n{}",
                output["ename"].as_str().unwrap_or(""),
                output["evalue"].as_str().unwrap_or(""),
                traceback.join("\n")
            );
            vec![("error".into(), strip_ansi(&text))]
        }
        _ => {
            let data = output["data"].as_object().into_iter().flatten();
            let mut texts: Vec<_> = data
                .filter(|(mime, _)| mime.starts_with("text/") || *mime == "image/svg+xml")
                .map(|(mime, v)| (format!("{kind} {mime}"), joined(v)))
                .collect();
            texts.sort();
            texts
        }
    }
}

/// The first line of a text (at most 100 characters), for messages.
pub(crate) fn excerpt(text: &str) -> String {
    let first: String = text.lines().next().unwrap_or("").chars().take(100).collect();
    let more =
        text.lines().nth(1).is_some() || first.len() < text.lines().next().unwrap_or("").len();
    format!("{first:?}{}", if more { " ..." } else { "" })
}

/// Problems with a run: cells that differ, errors, panics, stderr output (a cell tagged
/// `raises-exception` must panic instead), a `Figure` shown as text, a cell with `println!`
/// that shows no output.
pub(crate) fn run_problems(stored: &Notebook, executed: &Notebook) -> Vec<String> {
    // nbconvert adds its timings to the metadata: compare what the chapter defines.
    let defined = |nb: &Notebook| {
        nb.cells.iter().map(|c| (c.cell_type, c.source.clone(), c.panics())).collect::<Vec<_>>()
    };
    if defined(stored) != defined(executed) {
        return vec!["the executed notebook's cells differ from the notebook's".into()];
    }
    let mut problems = Vec::new();
    for (i, cell) in
        executed.cells.iter().enumerate().filter(|(_, c)| c.cell_type == CellType::Code)
    {
        let texts: Vec<(String, String)> = cell.outputs().iter().flat_map(output_texts).collect();
        let panicked =
            texts.iter().any(|(what, text)| what == "error" || text.contains("panicked at"));
        let source = excerpt(&cell.source);
        if let Some((_, text)) = texts.iter().find(|(_, t)| t.starts_with("Figure {")) {
            problems.push(format!(
                "cell {i} ({source}) shows a Figure as text, not as an image: {}\n    evcxr falls back to Debug when \
                 the first `?` of a notebook is in a cell's last expression; write `let fig = ...?;` then `fig`",
                excerpt(text)
            ));
        }
        // evcxr 0.22 may send a cell's output after reporting the cell done, and nbconvert then
        // misses it: a cell that prints must show what it printed.
        if cell.source.contains("println!") && !texts.iter().any(|(w, _)| w == "stream stdout") {
            problems.push(format!(
                "cell {i} ({source}) prints but shows no output (evcxr may have lost it: run again)"
            ));
        }
        if cell.panics() {
            if !panicked {
                problems.push(format!("cell {i} ({source}) is should_panic but did not panic"));
            }
        } else if let Some((what, text)) = texts
            .iter()
            .find(|(w, t)| w == "error" || w == "stream stderr" || t.contains("panicked at"))
        {
            problems.push(format!(
                "cell {i} ({source}) failed; its {what} output:\n    {}",
                text.trim_end().replace('\n', "\n    ")
            ));
        }
    }
    problems
}

/// Where the executed outputs differ from the stored ones, as unified diffs.
pub(crate) fn output_differences(stored: &Notebook, executed: &Notebook) -> Vec<String> {
    let shown = |c: &Cell| -> String {
        c.outputs().iter().flat_map(output_texts).map(|(w, t)| format!("[{w}]\n{t}\n")).collect()
    };
    let pairs = stored.cells.iter().zip(&executed.cells).enumerate();
    pairs
        .filter(|(_, (s, e))| shown(s) != shown(e))
        .map(|(i, (s, e))| {
            let (want, found) = (shown(s), shown(e));
            let diff = similar::TextDiff::from_lines(&want, &found);
            let diff =
                diff.unified_diff().context_radius(1).header("stored", "executed").to_string();
            let lines: Vec<&str> = diff.lines().take(40).collect();
            format!(
                "cell {i} ({}): the output differs from the stored one (`cargo xtask notebooks \
                 --execute` stores the new one):\n    {}",
                excerpt(&s.source),
                lines.join("\n    ")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_notebook_s_edition_is_its_folder() {
        assert_eq!(language_of(Path::new("/x/notebooks/01-neuron.ipynb")), "");
        assert_eq!(language_of(Path::new("/x/notebooks/ru/01-neuron.ipynb")), "ru");
        assert_eq!(language_of(Path::new("/x/book/build/ru/notebooks/solutions/01.ipynb")), "ru");
    }

    #[test]
    fn outputs_are_cleaned_of_what_varies() {
        let root = Path::new("/home/me/nn");
        let outputs = [
            json!({"output_type": "stream", "name": "stderr", "text": ["thread '<unnamed>' (4617) panicked at /home/me/nn/src/lib.rs:3:1:\n"]}),
            json!({"output_type": "stream", "name": "stderr", "text": "boom\nstack backtrace:\n   0: f\n             at x.rs\nnote: Some details are omitted\n"}),
            json!({"output_type": "display_data", "data": {"text/plain": "1"}, "metadata": {}, "transient": {"display_id": "x"}}),
        ];
        let cleaned = clean_outputs(&outputs, root);
        assert_eq!(cleaned.len(), 2);
        assert_eq!(
            joined(&cleaned[0]["text"]),
            "thread '<unnamed>' panicked at src/lib.rs:3:1:\nboom\n"
        );
        assert!(cleaned[1].get("transient").is_none());
        assert_eq!(strip_ansi("\u{1b}[31merror\u{1b}[0m: x"), "error: x");
    }

    #[test]
    fn runs_are_judged() {
        let nb = |cells: Vec<(bool, Value)>| {
            Notebook::new(
                cells
                    .into_iter()
                    .map(|(panics, out)| Cell {
                        outputs: Some(vec![out]),
                        ..Cell::code("f()".into(), panics)
                    })
                    .collect(),
            )
        };
        let printed = json!({"output_type": "stream", "name": "stdout", "text": "1\n"});
        let panic = json!({"output_type": "stream", "name": "stderr", "text": "thread 'x' panicked at a.rs"});
        let figure = json!({"output_type": "execute_result", "data": {"text/plain": "Figure { name: \"x\" }"}});
        assert!(
            run_problems(&nb(vec![(false, printed.clone())]), &nb(vec![(false, printed.clone())]))
                .is_empty()
        );
        assert!(
            run_problems(&nb(vec![(true, panic.clone())]), &nb(vec![(true, panic.clone())]))
                .is_empty()
        );
        for (panics, out) in [(false, panic.clone()), (true, printed.clone()), (false, figure)] {
            assert_eq!(
                run_problems(&nb(vec![(panics, out.clone())]), &nb(vec![(panics, out)])).len(),
                1
            );
        }
        let silent = Notebook::new(vec![Cell {
            outputs: Some(vec![]),
            ..Cell::code("println!(\"1\");".into(), false)
        }]);
        assert_eq!(run_problems(&silent, &silent).len(), 1, "a println! without its output");
        let other = json!({"output_type": "stream", "name": "stdout", "text": "2\n"});
        let diff = output_differences(&nb(vec![(false, printed)]), &nb(vec![(false, other)]));
        assert!(diff[0].contains("\n    -1\n") && diff[0].contains("\n    +2"), "{diff:?}");
    }
}
