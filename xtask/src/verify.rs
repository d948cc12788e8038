//! What `notebooks --verify` runs: each committed notebook once in the evcxr kernel, and for a
//! chapter with exercises, in the same run, each exercise solved as well.
//!
//! A chapter with exercises runs as one notebook (`book/build/[LANG/]notebooks/verify/`, beside
//! the solved copies the notebooks backend writes): the committed notebook's cells, and right
//! after each exercise's check cell, the solution (the solved copy's cell in place of the
//! starter) and the check once more. The committed cells must show their stored outputs, as
//! every notebook must, and the second check must show `Ok(())`, as each check cell of the
//! solved copy must: so one kernel run per notebook does what a run of the notebook and a run of
//! its solved copy did (`exercises --check` ran those), with the committed cells in their order,
//! unchanged.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use mdbook_nn::notebook::{Cell, CellType, Notebook, joined};
use mdbook_nn::notebooks::{CHECK_CALL, SOLUTIONS_DIR};
use serde_json::Value;
use sha2::{Digest, Sha256};
use xshell::cmd;

use crate::{book, notebooks};

/// The metadata key marking the cells a solved exercise adds to the notebook run.
const SOLVED: &str = "xtask-solved-exercise";

/// The notebook to run for a committed notebook: itself, or, when the notebooks backend wrote a
/// solved copy of it, the two together (written into the build directory).
fn to_run(committed: &Path) -> Result<PathBuf> {
    let name = committed.file_name().context("a notebook without a name")?;
    let language = mdbook_nn::language::ALL
        .iter()
        .find(|l| notebooks::language_of(committed) == l.subdir)
        .context("a notebook of no language")?;
    let out = book::language_build_dir(language).join("notebooks");
    let Some(solved) = Notebook::read(&out.join(SOLUTIONS_DIR).join(name))? else {
        return Ok(committed.to_path_buf());
    };
    let stored = Notebook::read(committed)?.context("notebook vanished")?;
    let cells = with_solutions(stored.cells, &solved.cells).with_context(|| {
        format!("{}: the solved copy does not match; run `cargo xtask book`", committed.display())
    })?;
    // Beside `solutions/`, so that the solved copy's first cell finds the crate from there.
    let path = out.join("verify").join(name);
    fs::create_dir_all(path.parent().context("verify/")?)?;
    fs::write(&path, Notebook::new(cells).to_text())?;
    Ok(path)
}

/// The committed cells with, after each check cell, the solution that the solved copy has in
/// place of the exercise's starter and the check again (both marked [`SOLVED`]); the first cell
/// (the crate's path) from the solved copy.
fn with_solutions(committed: Vec<Cell>, solved: &[Cell]) -> Result<Vec<Cell>> {
    let same = |a: &Cell, b: &Cell| a.cell_type == b.cell_type;
    if committed.len() != solved.len() || !committed.iter().zip(solved).all(|(a, b)| same(a, b)) {
        bail!("its cells are not the committed notebook's");
    }
    let mut cells = Vec::new();
    for (i, cell) in committed.into_iter().enumerate() {
        let check = cell.cell_type == CellType::Code && cell.source.starts_with(CHECK_CALL);
        if i == 1 {
            cells.push(Cell { source: solved[1].source.clone(), ..cell });
            continue;
        }
        cells.push(cell.clone());
        if check {
            let starter = (0..i).rev().find(|&j| solved[j].cell_type == CellType::Code);
            let solution = &solved[starter.context("a check without a starter")?];
            for source in [&solution.source, &cell.source] {
                let mut added = Cell::code(source.clone(), false);
                added.metadata.insert(SOLVED.into(), Value::Bool(true));
                cells.push(added);
            }
        }
    }
    Ok(cells)
}

/// Whether a cell is one a solved exercise added.
fn added(cell: &Cell) -> bool {
    cell.metadata.get(SOLVED) == Some(&Value::Bool(true))
}

/// The committed notebook's cells of a run (those no solved exercise added).
fn committed_cells(nb: &Notebook) -> Notebook {
    Notebook::new(nb.cells.iter().filter(|c| !added(c)).cloned().collect())
}

/// Problems with a run: those of any run ([`notebooks::run_problems`]), outputs of the committed
/// cells that differ from the stored ones, and solved checks that do not show `Ok(())`.
fn judge(stored: &Notebook, executed: &Notebook) -> Vec<String> {
    let mut problems = notebooks::run_problems(stored, executed);
    problems.extend(notebooks::output_differences(
        &committed_cells(stored),
        &committed_cells(executed),
    ));
    let shows_ok =
        |c: &Cell| c.outputs().iter().any(|o| joined(&o["data"]["text/plain"]) == "Ok(())");
    let checks = executed.cells.iter().filter(|c| added(c) && c.source.starts_with(CHECK_CALL));
    problems.extend(
        checks
            .filter(|c| !shows_ok(c))
            .map(|c| format!("`{}` does not show Ok(()) with our solution", c.source)),
    );
    problems
}

/// Runs the committed notebooks given, each with its exercises solved (see the module's
/// documentation), and fails on any problem. The book must have been built (`book/build/`).
/// With `reuse`, a notebook that passed before with the very same inputs ([`Inputs`]) is not
/// run again, except the shortest of each language.
pub fn run(committed: &[PathBuf], reuse: bool) -> Result<()> {
    let runs = committed.iter().map(|p| to_run(p)).collect::<Result<Vec<_>>>()?;
    let inputs = Inputs::now()?;
    // Whatever the records say, the shortest notebook of each language runs, so that every run
    // tests the kernel itself in each edition.
    let mut shortest = std::collections::HashMap::new();
    for path in &runs {
        let cells = Notebook::read(path)?
            .map_or(0, |nb| nb.cells.iter().filter(|c| c.cell_type == CellType::Code).count());
        let language = notebooks::language_of(path);
        let best = shortest.entry(language).or_insert((cells, path.clone()));
        if cells < best.0 {
            *best = (cells, path.clone());
        }
    }
    let always: Vec<&PathBuf> = shortest.values().map(|(_, p)| p).collect();
    let mut todo = Vec::new();
    for path in runs.iter().cloned() {
        let record = inputs.record(&path)?;
        if reuse && record.is_file() && !always.contains(&&path) {
            println!(
                "notebooks: {}: passed before with these very inputs ({}), not run again",
                notebooks::shown(&path),
                notebooks::shown(&record)
            );
        } else {
            todo.push(path);
        }
    }
    if todo.is_empty() {
        return Ok(());
    }
    notebooks::run_each(&todo, |path, stored, executed| {
        let problems = judge(&stored, &executed);
        if !problems.is_empty() {
            bail!("{}", problems.join("\n"));
        }
        let record = inputs.record(path)?;
        fs::create_dir_all(record.parent().context("records")?)?;
        fs::write(&record, format!("{} passed\n", notebooks::shown(path)))?;
        Ok(())
    })
}

/// Everything a notebook's run depends on besides the notebook itself, as one SHA-256: a record
/// that a notebook passed (`target/notebook-runs/`, named by this and the notebook's own bytes)
/// then stands for a run with the very same inputs. In it:
/// - the content of every file of the checkout (committed or not, unless git-ignored), except
///   under `book/`, `notebooks/` and `po/`: the crate's and the exercises' sources, `data/`,
///   `Cargo.lock`, `xtask/` (how runs are judged, the pinned Python tools), everything else too;
///   the chapters and their translation reach a run only through the notebook, which
///   `notebooks --check` proves is what they make, in every `ci`;
/// - the toolchain (`rustc -vV`), the installed `evcxr_jupyter`, cargo's own configuration, the
///   variables that change how Rust compiles, and the processor's features (the crate's
///   kernels pick the widest at run time).
///
/// The records live in `target/` (git-ignored), written on this machine after a real run: a
/// fresh clone has none and runs every notebook. What this cannot see: the registry, for
/// dependencies evcxr resolves itself (a clean clone's CI run resolves afresh).
struct Inputs {
    hash: String,
}

impl Inputs {
    fn now() -> Result<Inputs> {
        let sh = crate::setup::shell()?;
        let mut hasher = Sha256::new();
        let files =
            cmd!(sh, "git ls-files -z --cached --others --exclude-standard").quiet().read()?;
        let mut files: Vec<&str> = files.split('\0').filter(|f| !f.is_empty()).collect();
        files.sort();
        files.dedup();
        for file in files {
            if ["book/", "notebooks/", "po/"].iter().any(|d| file.starts_with(d)) {
                continue;
            }
            let bytes =
                fs::read(crate::setup::root().join(file)).unwrap_or_else(|_| b"(missing)".to_vec());
            hasher.update(format!("{file}\0{}\0", bytes.len()));
            hasher.update(&bytes);
        }
        let rustc = cmd!(sh, "rustc -vV").quiet().read()?;
        let installed = cmd!(sh, "cargo install --list").quiet().read()?;
        let evcxr = crate::setup::tool_path(crate::setup::EVCXR_JUPYTER.binary);
        let evcxr = fs::metadata(&evcxr).and_then(|m| m.modified()).map(|t| format!("{t:?}"));
        hasher.update(format!("{rustc}\0{installed}\0{evcxr:?}\0"));
        let cargo_home = crate::setup::cargo_bin_dir().join("..");
        for config in ["config.toml", "config"] {
            hasher.update(fs::read(cargo_home.join(config)).unwrap_or_default());
        }
        for (name, value) in std::env::vars() {
            if name.starts_with("RUST")
                || name.starts_with("CARGO_BUILD")
                || name.ends_with("RUSTFLAGS")
            {
                hasher.update(format!("{name}={value}\0"));
            }
        }
        #[cfg(target_arch = "x86_64")]
        hasher.update(format!(
            "{} {} {}",
            std::arch::is_x86_feature_detected!("avx2"),
            std::arch::is_x86_feature_detected!("fma"),
            std::arch::is_x86_feature_detected!("avx512f")
        ));
        Ok(Inputs { hash: format!("{:x}", hasher.finalize()) })
    }

    /// The record of a pass of the notebook at `path` (a run file) with these inputs.
    fn record(&self, path: &Path) -> Result<PathBuf> {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut hasher = Sha256::new();
        hasher.update(&self.hash);
        hasher.update(&bytes);
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("notebook");
        let file = format!("{name}-{:x}", hasher.finalize());
        Ok(crate::setup::root().join("target/notebook-runs").join(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn solutions_follow_their_checks_and_must_pass() {
        let md = |s: &str| Cell::markdown(s.into());
        let code = |s: &str| Cell::code(s.into(), false);
        let committed = vec![
            md("# 1"),
            code(":dep x = { path = \"..\" }"),
            code("const A: f64 = f64::NAN;"),
            code("exercises::check::ch01::a(A)"),
            md("done"),
        ];
        let mut solved = committed.clone();
        solved[1] = code(":dep x = { path = \"../../../..\" }");
        solved[2] = code("const A: f64 = 1.0;");
        let cells = with_solutions(committed.clone(), &solved).unwrap();
        let sources: Vec<&str> = cells.iter().map(|c| c.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "# 1",
                ":dep x = { path = \"../../../..\" }",
                "const A: f64 = f64::NAN;",
                "exercises::check::ch01::a(A)",
                "const A: f64 = 1.0;",
                "exercises::check::ch01::a(A)",
                "done"
            ]
        );
        assert_eq!(cells.iter().filter(|c| added(c)).count(), 2);
        assert!(with_solutions(committed[..4].to_vec(), &solved).is_err());

        let shown = |text: &str| json!({"output_type": "execute_result", "data": {"text/plain": text}, "metadata": {}});
        let mut stored = Notebook::new(cells);
        stored.cells[3].outputs = Some(vec![shown("Err(not yet implemented: A)")]);
        let mut executed = stored.clone();
        executed.cells[5].outputs = Some(vec![shown("Ok(())")]);
        assert_eq!(judge(&stored, &executed), Vec::<String>::new());
        let mut wrong = executed.clone();
        wrong.cells[5].outputs = Some(vec![shown("Err(A is 2)")]);
        assert_eq!(judge(&stored, &wrong).len(), 1, "a solved check that fails");
        let mut changed = executed.clone();
        changed.cells[3].outputs = Some(vec![shown("Err(not yet implemented: B)")]);
        assert_eq!(judge(&stored, &changed).len(), 1, "a committed output that changed");
    }
}
