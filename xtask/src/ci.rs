//! `cargo xtask ci`, the README's test command: every check, cheapest first, with each step's time
//! in a summary at the end (the slowest three named), so the budget shows at every run.
//!
//! Where the time goes and what runs at once (a 2-core machine): the kernel runs of the notebooks
//! (`notebooks --verify`, which also solves every exercise in its notebook's run, see `verify.rs`)
//! run on one kernel per core, and beside them, in a process of their own, the steps that do not
//! touch what the kernels read or write: `lab --check`, `bench --smoke` and `fuzz`, their output in
//! `target/ci/` (shown when one fails). The book is built once for every step that reads it.
//!
//! A notebook that passed before on this machine with the very same inputs (`verify.rs` lists
//! them: every file of the checkout outside the chapters, the notebook, the toolchain...) is not
//! run again; `--rerun` runs every one. A fresh clone runs them all.
//!
//! `--quick [CHAPTER...]`, the loop of someone editing a chapter: formatting, the chapters' doctests,
//! the translation check, the notebooks' check, and the given chapters' notebooks in the kernel
//! (both editions, their exercises solved); no clippy, no other test, no browser, bench or fuzz.

use std::fs::{self, File};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use xshell::cmd;

use crate::{book, exercises, notebooks, setup, translate};

/// Seconds each fuzz target runs in `ci`.
const FUZZ_SECONDS: u64 = 30;

/// The steps that ran: name, seconds, passed.
#[derive(Default)]
struct Summary {
    steps: Vec<(String, f64, bool)>,
    start: Option<Instant>,
}

impl Summary {
    /// Runs one step with a heading and records its time.
    fn step(&mut self, name: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
        println!("==> {name}");
        let start = Instant::now();
        let result = f();
        let secs = start.elapsed().as_secs_f64();
        println!("==> {name}: {} in {secs:.1} s", if result.is_ok() { "done" } else { "FAILED" });
        self.steps.push((name.into(), secs, result.is_ok()));
        result
    }

    /// The table of every step's time, the slowest three, and the total.
    fn print(&self, what: &str) {
        let total = self.start.map_or(0.0, |s| s.elapsed().as_secs_f64());
        println!("\n{what}: the time of each step (min:s)");
        for (name, secs, ok) in &self.steps {
            println!("  {:>6}  {}{name}", clock(*secs), if *ok { "" } else { "FAILED " });
        }
        let mut slowest: Vec<_> = self.steps.iter().collect();
        slowest.sort_by(|a, b| b.1.total_cmp(&a.1));
        let names: Vec<String> =
            slowest.iter().take(3).map(|(n, s, _)| format!("{n} ({})", clock(*s))).collect();
        println!("  slowest: {}", names.join(", "));
        println!(
            "  total:   {} wall clock (steps marked `beside` ran at the same time as the kernels)",
            clock(total)
        );
    }
}

/// `83.4` as `1:23`.
fn clock(secs: f64) -> String {
    let secs = secs.round() as u64;
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// Runs `steps`, then prints the summary, whether they passed or not.
fn with_summary(what: &str, steps: impl FnOnce(&mut Summary) -> Result<()>) -> Result<()> {
    let mut summary = Summary { start: Some(Instant::now()), ..Summary::default() };
    book::build_once();
    let result = steps(&mut summary);
    summary.print(what);
    match &result {
        Ok(()) => println!("{what}: everything passed"),
        Err(_) => println!("{what}: FAILED (the first failure is below)"),
    }
    result
}

/// The formatting check, the first step of every run.
const FMT: &str = "fmt --all -- --check";

/// A step that runs `cargo ARGS` (words split at spaces).
fn cargo(args: &'static str) -> impl FnOnce() -> Result<()> {
    move || Ok(setup::shell()?.cmd("cargo").args(args.split(' ')).run()?)
}

/// `cargo xtask ci`.
pub fn full(reuse: bool) -> Result<()> {
    // This program, copied before `cargo test` rebuilds it: the steps beside the kernels run the
    // copy, since the rebuilt file replaces the one this process was started from.
    let this = own_copy()?;
    with_summary("ci", |s| {
        s.step("fmt", cargo(FMT))?;
        s.step("clippy", cargo("clippy --workspace --all-targets --all-features -- -D warnings"))?;
        s.step("doc (rustdoc warns about nothing: no broken link)", || {
            let sh = setup::shell()?;
            let doc = cmd!(sh, "cargo doc --workspace --no-deps --all-features");
            Ok(doc.env("RUSTDOCFLAGS", "-D warnings").run()?)
        })?;
        s.step(
            "test (the crate, the chapters' snippets, every package)",
            cargo("test --workspace --all-features"),
        )?;
        s.step("setup", setup::ensure_all)?;
        s.step("translate --check (every message translated, none fuzzy)", translate::check)?;
        s.step("notebooks --check (builds the book: cells, figures, numbers)", notebooks::check)?;
        s.step("book-check (every page and widget in Chromium)", book::check)?;
        s.step("exercises --check (starters, solutions, mistakes)", || exercises::check(false))?;
        // Beside the kernels: steps that share nothing with them but the cores.
        let fuzz_seconds = FUZZ_SECONDS.to_string();
        let beside: &[(&str, &[&str])] = &[
            ("beside: bench --smoke", &["bench", "--smoke"]),
            (
                "beside: release-check (actionlint, cargo publish --dry-run, the package's files)",
                &["release-check"],
            ),
            (
                "beside: fuzz (each target; skipped without nightly)",
                &["fuzz", "--seconds", &fuzz_seconds],
            ),
            // Last: by then the notebooks' kernels have compiled the dependencies.
            ("beside: lab --check (JupyterLab in headless Chromium)", &["lab", "--check"]),
        ];
        let side = std::thread::scope(|scope| {
            let side = scope.spawn(|| run_beside(&this, beside));
            let kernels = s.step("notebooks --verify (kernel runs, exercises solved)", || {
                crate::verify::run(&notebooks::all()?, reuse)
            });
            let side = side.join().expect("the side steps' thread panicked");
            kernels.map(|()| side)
        })?;
        let mut failed = Vec::new();
        for (name, secs, log) in side {
            let ok = log.is_none();
            s.steps.push((name.into(), secs, ok));
            if let Some(log) = log {
                failed.push(format!("{name}: see {}", notebooks::shown(&log)));
            }
        }
        if !failed.is_empty() {
            bail!("{}", failed.join("\n"));
        }
        Ok(())
    })
}

/// A copy of this program in `target/ci/xtask`, taken when `ci` starts: `cargo test
/// --workspace` and clippy may rebuild `target/debug/xtask` (other features unified), and the
/// running program's file is then gone.
fn own_copy() -> Result<std::path::PathBuf> {
    let dir = setup::root().join("target/ci");
    fs::create_dir_all(&dir)?;
    let copy = dir.join(format!("xtask{}", std::env::consts::EXE_SUFFIX));
    let this = std::env::current_exe().context("cannot find this program's file")?;
    fs::copy(&this, &copy)
        .with_context(|| format!("cannot copy {} to {}", this.display(), copy.display()))?;
    Ok(copy)
}

/// Runs each step as `cargo xtask ARGS...` (this program), one after the other, each with its
/// output in `target/ci/NAME.log`: name, seconds, and the log of a step that failed (after its
/// last 30 lines are shown).
fn run_beside(
    exe: &std::path::Path,
    steps: &[(&'static str, &[&str])],
) -> Vec<(&'static str, f64, Option<std::path::PathBuf>)> {
    let dir = setup::root().join("target/ci");
    steps
        .iter()
        .map(|&(name, args)| {
            let log = dir.join(format!("{}.log", args[0]));
            println!("==> {name}: started, output in {}", notebooks::shown(&log));
            let start = Instant::now();
            let run = || -> Result<()> {
                fs::create_dir_all(&dir)?;
                let file = File::create(&log)?;
                let status = Command::new(exe)
                    .args(args)
                    .current_dir(setup::root())
                    .stdin(Stdio::null())
                    .stdout(file.try_clone()?)
                    .stderr(file)
                    .status()
                    .with_context(|| format!("cannot start {}", exe.display()))?;
                if !status.success() {
                    bail!("{status}");
                }
                Ok(())
            };
            let result = run();
            let secs = start.elapsed().as_secs_f64();
            println!(
                "==> {name}: {} in {secs:.1} s",
                if result.is_ok() { "done" } else { "FAILED" }
            );
            let failed = result.err().map(|e| {
                let text = fs::read_to_string(&log).unwrap_or_default();
                // The lines before anyhow's backtrace (with RUST_BACKTRACE set).
                let text = text.split("\nStack backtrace:").next().unwrap_or_default();
                let lines: Vec<&str> = text.lines().collect();
                eprintln!("{name} failed ({e:#}); its last lines:");
                for line in &lines[lines.len().saturating_sub(30)..] {
                    eprintln!("    {line}");
                }
                log.clone()
            });
            (name, secs, failed)
        })
        .collect()
}

/// `cargo xtask ci --quick [CHAPTER...]`.
pub fn quick(chapters: &[String], reuse: bool) -> Result<()> {
    with_summary("ci --quick", |s| {
        s.step("fmt", cargo(FMT))?;
        s.step(
            "the chapters' snippets (doctests)",
            cargo("test --quiet --doc --all-features -p nn-from-scratch chapters::"),
        )?;
        s.step("translate --check", translate::check)?;
        s.step("notebooks --check (builds the book)", notebooks::check)?;
        if chapters.is_empty() {
            println!(
                "ci --quick: no chapter named, so no notebook runs (e.g. `cargo xtask ci --quick 05`)"
            );
            return Ok(());
        }
        s.step("the chapters' notebooks in the kernel (exercises solved)", || {
            crate::verify::run(&notebooks::selected(chapters)?, reuse)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_minutes_and_seconds() {
        assert_eq!(clock(0.4), "0:00");
        assert_eq!(clock(83.4), "1:23");
        assert_eq!(clock(719.6), "12:00");
    }

    #[test]
    fn a_failed_step_is_recorded_and_returned() {
        let mut s = Summary::default();
        assert!(s.step("a", || Ok(())).is_ok());
        assert!(s.step("b", || bail!("no")).is_err());
        assert_eq!(
            s.steps.iter().map(|(n, _, ok)| (n.as_str(), *ok)).collect::<Vec<_>>(),
            [("a", true), ("b", false)]
        );
    }
}
