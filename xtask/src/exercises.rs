//! `cargo xtask exercises`: your progress on the book's exercises (`exercises/`), Rustlings
//! style. `--check` (in `ci`): every starter fails saying what is missing, every solution passes,
//! every mistake is caught, and the notebooks pass with the solutions in place of the starters.

use std::time::Instant;

use anyhow::{Result, bail, ensure};
use xshell::cmd;

use crate::{book, notebooks, setup};

/// Each test of the package (`ch04::tests::ex1_dl_dw5_alice`, `mistakes::...`): whether it
/// passed, and its panic message. With `solutions`, the tests check our solutions.
fn run(solutions: bool) -> Result<Vec<(String, bool, String)>> {
    let sh = setup::shell()?;
    let features: &[&str] = if solutions { &["--features", "solutions"] } else { &[] };
    let out = cmd!(sh, "cargo test --quiet -p exercises --lib {features...} -- --format pretty")
        .env("RUST_BACKTRACE", "0")
        .ignore_status()
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut tests: Vec<_> = (text.lines())
        .filter_map(|l| l.strip_prefix("test ")?.rsplit_once(" ... "))
        .map(|(name, result)| (name.to_string(), result == "ok", String::new()))
        .collect();
    for section in text.split("\n---- ").skip(1) {
        let (name, body) = section.split_once(" stdout ----").unwrap_or((section, ""));
        let lines = body.lines().skip_while(|l| !l.contains("panicked at")).skip(1);
        let message = lines.take_while(|l| !l.starts_with("note:")).collect::<Vec<_>>().join("\n");
        let message = message.replace("called `Result::unwrap()` on an `Err` value: ", "");
        tests.iter_mut().filter(|t| t.0 == name).for_each(|t| t.2 = message.trim().into());
    }
    if tests.is_empty() {
        bail!("cargo test -p exercises ran no test:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    tests.sort();
    Ok(tests)
}

/// `("04", "4.1 dl_dw5_alice")` for the test `ch04::tests::ex1_dl_dw5_alice`; None for others.
fn exercise(test: &str) -> Option<(String, String)> {
    let (chapter, rest) = test.strip_prefix("ch")?.split_once("::tests::ex")?;
    let (number, what) = rest.split_once('_')?;
    Some((chapter.into(), format!("{}.{number} {what}", chapter.trim_start_matches('0'))))
}

/// `cargo xtask exercises`: ✓ or ✗ for each exercise, and the hint of the first one left.
pub fn progress() -> Result<()> {
    let tests = run(false)?;
    let exercises: Vec<_> = tests.iter().filter_map(|t| Some((exercise(&t.0)?, t))).collect();
    for ((_, label), (_, passed, _)) in &exercises {
        println!("{} {label}", if *passed { "✓" } else { "✗" });
    }
    let done = exercises.iter().filter(|(_, t)| t.1).count();
    println!("\n{done} of {} exercises done.", exercises.len());
    if let Some(((chapter, label), (_, _, message))) = exercises.iter().find(|(_, t)| !t.1) {
        let hint = message.replace('\n', "\n  ");
        println!("Next: {label}, in exercises/src/ch{chapter}.rs (hints: chapter {chapter})");
        println!("  {hint}\nCheck it with `cargo test -p exercises ch{chapter}`.");
    }
    Ok(())
}

/// `--check`: the starters, the solutions and the mistakes in the package, then the notebooks
/// with the solutions in place of the starters (the notebooks backend writes them), in every
/// edition.
pub fn check(with_notebooks: bool) -> Result<()> {
    let start = Instant::now();
    let mut problems = Vec::new();
    for (name, passed, message) in run(false)? {
        match exercise(&name) {
            Some(_) if passed => problems.push(format!("{name}: the starter passes")),
            Some(_) if !message.contains("not yet implemented") => problems
                .push(format!("{name}: the starter does not say what is missing: {message}")),
            None if !passed => problems.push(format!("{name} failed: {message}")),
            _ => {}
        }
    }
    let solved = run(true)?;
    let failed = solved.iter().filter(|t| !t.1);
    problems.extend(failed.map(|t| format!("{} fails with our solution: {}", t.0, t.2)));
    ensure!(problems.is_empty(), "exercises:\n  {}", problems.join("\n  "));
    let count = solved.iter().filter(|t| exercise(&t.0).is_some()).count();
    let secs = start.elapsed().as_secs_f64();
    println!("exercises: {count} starters fail, saying what's missing; ours pass ({secs:.1} s)");
    // The solved notebooks of every edition, each in one kernel run with its committed notebook
    // (`verify.rs`); `ci` runs them with every other notebook instead.
    if with_notebooks {
        book::build()?;
        crate::verify::run(&notebooks::with_exercises()?, false)?;
    }
    println!("exercises: all checked in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}
