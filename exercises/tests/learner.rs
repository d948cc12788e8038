//! A scripted learner: solves every exercise with our solutions (copied over the starters, in a
//! scratch folder), then breaks one chapter's file, and checks what the project promises:
//!
//! - every chapter's tests pass with every exercise solved;
//! - a file that does not compile stops its own chapter only, and the error names its file and
//!   line; the other chapters still build and pass;
//! - the library (the checks, which the chapters' doctests and the notebooks load) does not read
//!   the reader's files at all: its dependency list from the compiler names none of them, so no
//!   answer, right, wrong or broken, can change the doctests or the notebooks.
//!
//! It runs cargo in its own target folder (`target/learner/`: the first run builds the crate
//! there, about a minute; later runs take seconds). Pasting the numbers of the by-hand messages
//! is `pasting_a_number_of_a_by_hand_message_still_fails` in `src/mistakes.rs`.
//!
//! The whole project with every exercise solved, by hand (too slow for a test):
//!
//! ```text
//! git worktree add /tmp/solved HEAD && cd /tmp/solved
//! for f in exercises/src/solutions/ch*.rs; do cp "$f" exercises/src/; done
//! cargo xtask ci
//! ```

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The chapters with exercises (`01`, ...): the test targets `tests/chNN.rs`.
fn chapters(package: &Path) -> Vec<String> {
    let mut found: Vec<String> = fs::read_dir(package.join("tests"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            Some(name.strip_prefix("ch")?.strip_suffix(".rs")?.to_string())
        })
        .collect();
    found.sort();
    found
}

/// Builds every chapter's tests against the files in `answers`, going on past errors: each
/// chapter's test program, or its first compile error (`file:line: message`).
fn build(package: &Path, answers: &Path) -> Vec<(String, Result<PathBuf, String>)> {
    let chapters = chapters(package);
    let mut cargo = Command::new(env!("CARGO"));
    cargo.args(["build", "--quiet", "-p", "exercises", "--keep-going"]);
    cargo.args(["--message-format=json"]);
    for chapter in &chapters {
        cargo.args(["--test", &format!("ch{chapter}")]);
    }
    let target = package.parent().unwrap().join("target/learner");
    let out = cargo
        .current_dir(package)
        .env("CARGO_TARGET_DIR", &target)
        .env("EXERCISES_ANSWERS", answers)
        .output()
        .unwrap();
    let messages: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    chapters
        .into_iter()
        .map(|chapter| {
            let name = format!("ch{chapter}");
            let of_chapter = |m: &&Value| m["target"]["name"] == name.as_str();
            let exe = messages
                .iter()
                .filter(of_chapter)
                .find_map(|m| m["executable"].as_str());
            let error = messages.iter().filter(of_chapter).find_map(|m| {
                let m = &m["message"];
                let span = &m["spans"][0];
                (m["level"] == "error").then(|| {
                    let file = span["file_name"].as_str().unwrap_or("?");
                    let text = m["message"].as_str().unwrap_or("?");
                    format!("{file}:{}: {text}", span["line_start"])
                })
            });
            let result = exe.map(PathBuf::from).ok_or_else(|| {
                error.unwrap_or_else(|| String::from_utf8_lossy(&out.stderr).into())
            });
            (chapter, result)
        })
        .collect()
}

/// Runs a chapter's test program: whether all its tests passed, and what it printed.
fn passes(exe: &Path) -> (bool, String) {
    let out = Command::new(exe)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
    )
}

#[test]
fn a_learner_who_solves_everything_then_breaks_one_file() {
    let package = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = package.parent().unwrap().join("target/learner/answers");
    fs::create_dir_all(&scratch).unwrap();
    // Every exercise solved: our solutions in place of the starters.
    for chapter in chapters(&package) {
        let ours = package.join(format!("src/solutions/ch{chapter}.rs"));
        fs::copy(ours, scratch.join(format!("ch{chapter}.rs"))).unwrap();
    }
    for (chapter, built) in build(&package, &scratch) {
        let exe =
            built.unwrap_or_else(|e| panic!("chapter {chapter}, solved, does not compile: {e}"));
        let (ok, out) = passes(&exe);
        assert!(ok, "chapter {chapter}, solved, fails:\n{out}");
    }
    // One mistake that stops chapter 5's file from compiling (the import its hint relies on).
    let file = scratch.join("ch05.rs");
    let solved = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        format!("{solved}\nfn broken(net: &Network) {{ backprop(net); }}\n"),
    )
    .unwrap();
    for (chapter, built) in build(&package, &scratch) {
        match (chapter.as_str(), built) {
            ("05", Ok(_)) => panic!("the broken chapter 5 compiles"),
            ("05", Err(e)) => assert!(
                e.contains("ch05.rs:"),
                "the error does not name the file: {e}"
            ),
            (_, Err(e)) => panic!("chapter {chapter} stopped by chapter 5's mistake: {e}"),
            (_, Ok(exe)) => assert!(
                passes(&exe).0,
                "chapter {chapter} fails next to a broken chapter 5"
            ),
        }
    }
    // The library, which the doctests and the notebooks load, reads none of the reader's files:
    // the compiler's list of its sources (deps/exercises-HASH.d, the one of src/lib.rs).
    let deps_dir = package.parent().unwrap().join("target/learner/debug/deps");
    let deps = fs::read_dir(deps_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "d"))
        .map(|p| fs::read_to_string(p).unwrap())
        .find(|d| d.contains("/libexercises-") && d.contains("exercises/src/lib.rs"))
        .expect("the library's list of sources");
    let reader_files: Vec<String> = chapters(&package)
        .iter()
        .map(|c| format!("exercises/src/ch{c}.rs"))
        .collect();
    assert!(deps.contains("exercises/src/check/mod.rs"), "{deps}");
    for file in reader_files {
        assert!(
            !deps.contains(&file),
            "the library depends on the reader's {file}: {deps}"
        );
    }
}
