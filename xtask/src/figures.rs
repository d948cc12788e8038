//! `cargo xtask figures`: draws every figure of `plot::all_figures()` into
//! `book/src/figures/NAME.svg`; with `--check`, writes nothing and fails when a committed SVG is
//! missing, differs from what the code draws now, or is drawn by no figure at all.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use nn_from_scratch::plot::all_figures;

/// The folder of the book's figures.
fn figures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .join("book/src/figures")
}

/// The `.svg` files in `dir` (none when the folder does not exist).
fn svg_files(dir: &Path) -> Result<BTreeSet<String>, String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(format!("cannot list {}: {e}", dir.display())),
    };
    let mut files = BTreeSet::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".svg") {
            files.insert(name);
        }
    }
    Ok(files)
}

/// Writes the figures, or with `check` compares them with the committed files.
pub fn figures(check: bool) -> Result<(), String> {
    let figures = all_figures().map_err(|e| format!("cannot draw the figures: {e}"))?;
    let dir = figures_dir();
    let shown = |file: &str| format!("book/src/figures/{file}");
    let drawn: BTreeSet<String> = figures
        .iter()
        .map(|f| format!("{}.svg", f.name()))
        .collect();
    let strays: Vec<String> = svg_files(&dir)?.difference(&drawn).cloned().collect();

    if check {
        let mut problems = Vec::new();
        for figure in &figures {
            let file = format!("{}.svg", figure.name());
            match fs::read(dir.join(&file)) {
                Ok(bytes) if bytes == figure.svg().as_bytes() => {}
                Ok(_) => problems.push(format!(
                    "{} differs from what the code draws now",
                    shown(&file)
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    problems.push(format!("{} is missing", shown(&file)))
                }
                Err(e) => problems.push(format!("cannot read {}: {e}", shown(&file))),
            }
        }
        for file in &strays {
            problems.push(format!("{} is drawn by no figure", shown(file)));
        }
        if problems.is_empty() {
            println!("figures: all {} up to date", figures.len());
            return Ok(());
        }
        return Err(format!(
            "the figures are out of date (run `cargo xtask figures`, delete stray files):\n  {}",
            problems.join("\n  ")
        ));
    }

    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for figure in &figures {
        let file = format!("{}.svg", figure.name());
        let path = dir.join(&file);
        if fs::read(&path).is_ok_and(|old| old == figure.svg().as_bytes()) {
            println!("figures: {} unchanged", shown(&file));
            continue;
        }
        fs::write(&path, figure.svg())
            .map_err(|e| format!("cannot write {}: {e}", shown(&file)))?;
        println!("figures: wrote {}", shown(&file));
    }
    for file in &strays {
        eprintln!(
            "figures: warning: {} is drawn by no figure (delete it?)",
            shown(file)
        );
    }
    Ok(())
}
