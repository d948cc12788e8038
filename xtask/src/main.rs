//! Project automation: `cargo xtask ci` runs every check.

use std::process::{Command, ExitCode};

mod bench;
mod book;
mod book_outputs;
mod figures;
mod notebooks;
mod setup;
mod sync;

fn run(program: &str, args: &[&str]) -> Result<(), String> {
    println!("==> {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{program} {} failed ({status})", args.join(" ")))
    }
}

/// Runs one in-process step with a heading, so the log shows where the time goes.
fn step(name: &str, f: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    println!("==> {name}");
    let start = std::time::Instant::now();
    f()?;
    println!("==> {name}: done in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}

/// Every check, cheapest first: formatting, lints, the crate's tests (with the chapters'
/// snippets as doctests), the committed figures, notebooks and prose against their sources;
/// then the tools (installed when missing), the book in a browser, and every notebook executed
/// with the real kernel.
fn ci() -> Result<(), String> {
    let start = std::time::Instant::now();
    run("cargo", &["fmt", "--all", "--", "--check"])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run("cargo", &["test", "--workspace", "--all-features"])?;
    step("figures --check", || figures::figures(true))?;
    step("notebooks --check", || {
        notebooks::main(&["--check".to_string()])
    })?;
    step("sync (prose numbers and figures)", sync::check)?;
    step("setup", setup::ensure_all)?;
    step("book-check", book::check)?;
    step("notebooks --verify", || {
        notebooks::main(&["--verify".to_string()])
    })?;
    step("bench --smoke", || bench::main(&["--smoke".to_string()]))?;
    println!(
        "ci: everything passed in {:.1} min",
        start.elapsed().as_secs_f64() / 60.0
    );
    Ok(())
}

const USAGE: &str = "usage: cargo xtask <command>
  ci                    every check (the README's test command)
  setup                 install the pinned tools (venv, mdbook, evcxr kernel, chromium)
  book                  build the book (fails on any warning)
  book-check            build the book and check every page in headless Chromium
  book-outputs          (run by mdbook) show each snippet's output, from its notebook
  figures [--check]     draw the book's figures (or check the committed ones)
  notebooks [--check | --execute [NAME..] | --verify [NAME..]]
                        generate the notebooks from the chapters, run them, compare outputs
  sync                  prose numbers were printed by the code; book figures are the notebooks'
  bench [--smoke]       the speed comparisons (Rust, NumPy, scikit-learn); --smoke: a seconds-long check";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci(),
        Some("setup") => setup::ensure_all(),
        Some("bench") => bench::main(&args[1..]),
        Some("book") => book::build(),
        Some("book-outputs") => book_outputs::main(&args[1..]),
        Some("book-check") => book::check(),
        Some("figures") => match args.get(1).map(String::as_str) {
            None => figures::figures(false),
            Some("--check") => figures::figures(true),
            Some(other) => Err(format!(
                "usage: cargo xtask figures [--check] (got {other})"
            )),
        },
        Some("notebooks") => notebooks::main(&args[1..]),
        Some("sync") => sync::check(),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
