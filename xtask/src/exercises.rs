//! `cargo xtask exercises`: your progress on the book's exercises (`exercises/`), Rustlings
//! style. `--language ru`: the Russian edition's, in Russian: the starters `exercises/ru/`
//! (written the first time from the English ones and `po/ru.po`, then the reader's: git ignores
//! them), checked with the package's feature `ru`, and this command's words from
//! `exercises_words.json` as `po/ru.po` translates them. `--check` (in `ci`): every starter of
//! every edition as shipped fails saying what is missing, in its language, every solution
//! passes (ours and their translations), every mistake is caught, and the notebooks pass with
//! the solutions in place of the starters.
//!
//! Each chapter's answers are compiled on their own (the test target `exercises/tests/chNN.rs`),
//! all in one `cargo build --keep-going`: a file that does not compile marks its own chapter and
//! no other. "Next" follows the reader: the chapter file they saved last among those they have
//! started (an exercise done, wrong or not compiling), and in it the last exercise they started;
//! from there, the first exercise not done, in the book's order (wrapping to the start).

use std::{
    fs,
    path::{Path, PathBuf},
    time::{Instant, SystemTime},
};

use anyhow::{Context, Result, bail, ensure};
use mdbook_nn::language::{self, Language};
use serde_json::Value;
use xshell::cmd;

use crate::{book, exercise_files, notebooks, setup, translate, words};

/// The English words of this command, by key.
const WORDS: &str = include_str!("exercises_words.json");

/// [`WORDS`], read once.
static PARSED: std::sync::LazyLock<Result<Value, String>> =
    std::sync::LazyLock::new(|| serde_json::from_str(WORDS).map_err(|e| e.to_string()));

/// The words of `key` (one of [`WORDS`]) in `language`, each `{}` replaced by the next of
/// `values`.
fn say(language: &Language, key: &str, values: &[&dyn std::fmt::Display]) -> Result<String> {
    let words = PARSED.as_ref().map_err(|e| anyhow::anyhow!("exercises_words.json: {e}"))?;
    let english =
        words[key].as_str().with_context(|| format!("exercises_words.json has no {key}"))?;
    Ok(catalog::fill(&language.word(english)?, values))
}

/// The folder of `language`'s chapter files in the package: `src` in English, else the
/// language's own (`ru`), and the cargo arguments that check them (its feature, named by its
/// code).
fn edition(language: &Language) -> (&'static str, Vec<String>) {
    match language.subdir {
        "" => ("src", Vec::new()),
        subdir => (subdir, vec!["--features".into(), language.code.into()]),
    }
}

/// Where an exercise stands.
#[derive(Debug, Clone, PartialEq)]
enum State {
    Done,
    /// Its answer is not written yet: the check's message, starting `not yet implemented`.
    NotStarted(String),
    /// Written, but wrong: the check's message.
    Wrong(String),
    /// Its chapter's file does not compile: the compiler's first error and where.
    NoCompile(String),
}

/// One exercise: its chapter (`"04"`), its test (`ex1_dl_dw5_alice`) and where it stands.
#[derive(Debug)]
struct Exercise {
    chapter: String,
    test: String,
    state: State,
}

impl Exercise {
    /// `4.1 dl_dw5_alice` (`chapter 4` while its file does not compile).
    fn label(&self, language: &Language) -> Result<String> {
        let rest = self.test.strip_prefix("ex").unwrap_or(&self.test);
        let chapter = self.chapter.trim_start_matches('0');
        match rest.split_once('_') {
            Some((number, what)) if !number.is_empty() => Ok(format!("{chapter}.{number} {what}")),
            _ => say(language, "chapter_label", &[&chapter]),
        }
    }

    fn started(&self) -> bool {
        !matches!(self.state, State::NotStarted(_))
    }
}

/// The chapters with exercises, `["01", "02", ...]`: one test target `exercises/tests/chNN.rs`
/// each.
fn chapters() -> Result<Vec<String>> {
    let dir = setup::root().join("exercises/tests");
    let mut found = Vec::new();
    for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
        let name = entry?.file_name().to_string_lossy().to_string();
        if let Some(nn) = name.strip_prefix("ch").and_then(|n| n.strip_suffix(".rs")) {
            found.push(nn.to_string());
        }
    }
    found.sort();
    Ok(found)
}

/// The tests of a test binary's output: `(name, passed, panic message)`.
fn test_results(stdout: &str) -> Vec<(String, bool, String)> {
    let mut tests: Vec<_> = (stdout.lines())
        .filter_map(|l| l.strip_prefix("test ")?.rsplit_once(" ... "))
        .map(|(name, result)| (name.to_string(), result == "ok", String::new()))
        .collect();
    for section in stdout.split("\n---- ").skip(1) {
        let (name, body) = section.split_once(" stdout ----").unwrap_or((section, ""));
        // The last section runs on into the summary of the run.
        let body = body.split("\nfailures:").next().unwrap_or_default();
        let lines = body.lines().skip_while(|l| !l.contains("panicked at")).skip(1);
        let message = lines.take_while(|l| !l.starts_with("note:")).collect::<Vec<_>>().join("\n");
        let message = message.replace("called `Result::unwrap()` on an `Err` value: ", "");
        tests.iter_mut().filter(|t| t.0 == name).for_each(|t| t.2 = message.trim().into());
    }
    tests.sort();
    tests
}

/// The first error of a compiler message: its first line (rustc's own words) and where
/// (`exercises/src/ch05.rs:12:5`).
fn compile_error(message: &Value, language: &Language) -> Result<String> {
    let root = setup::root();
    let rendered = message["rendered"].as_str().unwrap_or_default();
    let first = rendered.lines().next().unwrap_or("does not compile");
    let spans = message["spans"].as_array().cloned().unwrap_or_default();
    let primary = spans.iter().find(|s| s["is_primary"] == true).or(spans.first());
    let Some(s) = primary else { return Ok(first.to_string()) };
    let file = s["file_name"].as_str().unwrap_or_default();
    let file = Path::new(file).strip_prefix(&root).map(Path::to_path_buf);
    let file = file.unwrap_or_else(|_| PathBuf::from(s["file_name"].as_str().unwrap_or("")));
    let (line, column) = (&s["line_start"], &s["column_start"]);
    say(language, "compile_place", &[&first, &file.display(), line, column])
}

/// Every exercise of `language`'s edition, checked against the chapter files in `answers`
/// (`None`: the reader's, `exercises/src/` or `exercises/LANG/`), each chapter compiled on its
/// own.
fn run(answers: Option<&Path>, language: &Language) -> Result<Vec<Exercise>> {
    let sh = setup::shell()?;
    let chapters = chapters()?;
    let targets: Vec<String> =
        chapters.iter().flat_map(|c| ["--test".into(), format!("ch{c}")]).collect();
    let (_, features) = edition(language);
    let not_started = language.word(&translate::exercises_word("not_implemented"))?;
    let mut build = cmd!(
        sh,
        "cargo build --quiet -p exercises {features...} --keep-going {targets...} --message-format=json"
    );
    if let Some(dir) = answers {
        build = build.env("EXERCISES_ANSWERS", dir);
    }
    let out = build.ignore_status().output()?;
    let (mut executables, mut errors) = (Vec::new(), Vec::new());
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else { continue };
        let target = message["target"]["name"].as_str().unwrap_or_default().to_string();
        match message["reason"].as_str() {
            Some("compiler-artifact") if message["executable"].is_string() => executables
                .push((target, message["executable"].as_str().unwrap_or_default().to_string())),
            Some("compiler-message") if message["message"]["level"] == "error" => {
                errors.push((target, compile_error(&message["message"], language)?))
            }
            _ => {}
        }
    }
    let mut exercises = Vec::new();
    for chapter in chapters {
        let target = format!("ch{chapter}");
        let Some((_, exe)) = executables.iter().find(|(t, _)| *t == target) else {
            let Some((_, error)) = errors.iter().find(|(t, _)| *t == target) else {
                bail!(
                    "exercises/tests/{target}.rs was not built:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            };
            // Which exercises the file holds is unknown while it does not compile: one line.
            let state = State::NoCompile(error.clone());
            exercises.push(Exercise { chapter, test: "ex_".into(), state });
            continue;
        };
        let ran = cmd!(sh, "{exe}").env("RUST_BACKTRACE", "0").ignore_status().output()?;
        let tests = test_results(&String::from_utf8_lossy(&ran.stdout));
        ensure!(
            !tests.is_empty(),
            "{target} ran no test:\n{}",
            String::from_utf8_lossy(&ran.stderr)
        );
        for (test, passed, message) in tests {
            let state = match () {
                _ if passed => State::Done,
                _ if message.starts_with(&not_started) => State::NotStarted(message),
                _ => State::Wrong(message),
            };
            exercises.push(Exercise { chapter: chapter.clone(), test, state });
        }
    }
    Ok(exercises)
}

/// The reader's file of a chapter in `language`'s edition, from the repository's root.
fn answers_file(chapter: &str, language: &Language) -> String {
    format!("exercises/{}/ch{chapter}.rs", edition(language).0)
}

/// The index of the exercise to do next: from the last one started in the chapter file saved
/// last among those started, the first not done (wrapping round); None when all are done.
fn next(exercises: &[Exercise], saved: impl Fn(&str) -> Option<SystemTime>) -> Option<usize> {
    let started = exercises.iter().filter(|e| e.started());
    let latest = started.max_by_key(|e| saved(&e.chapter)).map(|e| e.chapter.clone());
    let from = match latest {
        Some(chapter) => exercises.iter().rposition(|e| e.chapter == chapter && e.started())?,
        None => 0,
    };
    (from..exercises.len()).chain(0..from).find(|&i| exercises[i].state != State::Done)
}

/// `cargo xtask exercises [--language LANG]`: each exercise of that edition done (✓), wrong
/// (✗, with the first line of what is wrong), not started (·) or in a file that does not compile
/// (!), then the next one to do; every word in `language`.
pub fn progress(language: &Language) -> Result<()> {
    let say = |key: &str, values: &[&dyn std::fmt::Display]| say(language, key, values);
    if !language.subdir.is_empty() {
        let (new, stale) = exercise_files::write_starters(language)?;
        let folder = format!("exercises/{}/", edition(language).0);
        if !new.is_empty() {
            println!("{}\n", say("starters_written", &[&folder])?);
        }
        if !stale.is_empty() {
            let files: Vec<String> = stale.iter().map(|f| f.display().to_string()).collect();
            println!("{}\n", say("starters_updated", &[&files.join(", ")])?);
        }
    }
    let exercises = run(None, language)?;
    let mut chapter = "";
    for e in &exercises {
        if e.chapter != chapter {
            chapter = &e.chapter;
            let file = answers_file(chapter, language);
            println!("{}", say("chapter", &[&chapter.trim_start_matches('0'), &file])?);
        }
        let first = |m: &str| m.lines().next().unwrap_or_default().to_string();
        let label = e.label(language)?;
        match &e.state {
            State::Done => println!("  ✓ {label}"),
            State::Wrong(m) => println!("  ✗ {}", say("wrong", &[&label, &first(m)])?),
            State::NotStarted(_) => println!("  · {}", say("not_started", &[&label])?),
            State::NoCompile(m) => println!("  ! {}", say("no_compile", &[m])?),
        }
    }
    let count = |f: fn(&State) -> bool| exercises.iter().filter(|e| f(&e.state)).count();
    let (done, wrong) = (count(|s| *s == State::Done), count(|s| matches!(s, State::Wrong(_))));
    let not_started = count(|s| matches!(s, State::NotStarted(_)));
    let broken = count(|s| matches!(s, State::NoCompile(_)));
    let totals = match broken {
        0 => say("totals", &[&done, &wrong, &not_started])?,
        _ => say("totals_broken", &[&done, &wrong, &not_started, &broken])?,
    };
    println!("\n{totals}");
    let saved = |chapter: &str| {
        let file = setup::root().join(answers_file(chapter, language));
        fs::metadata(file).and_then(|m| m.modified()).ok()
    };
    match next(&exercises, saved) {
        Some(i) => {
            let e = &exercises[i];
            let (chapter, n) = (&e.chapter, e.chapter.trim_start_matches('0'));
            let file = answers_file(chapter, language);
            let (what, message) = match &e.state {
                State::NoCompile(m) => (say("make_compile", &[&file])?, m),
                State::NotStarted(m) | State::Wrong(m) => {
                    (say("exercise_in", &[&e.label(language)?, &file])?, m)
                }
                State::Done => unreachable!("next() skips what is done"),
            };
            println!("{}", say("next", &[&what, &n])?);
            println!("  {}", message.replace('\n', "\n  "));
            let mut test = vec!["cargo test -p exercises".to_string()];
            test.extend(edition(language).1);
            test.push(format!("--test ch{chapter}"));
            println!("{}", say("check_with", &[&test.join(" ")])?);
        }
        None => println!("{}", say("all_done", &[])?),
    }
    Ok(())
}

/// The starters and our solutions of `language`'s edition as the project ships them
/// ([`exercise_files::editions`]: the English starters as committed, never the reader's
/// files), written to `target/exercises/shipped/LANG/` and its `solutions/`, which it returns.
fn shipped(language: &Language) -> Result<(PathBuf, PathBuf)> {
    let dir = setup::root().join("target/exercises/shipped").join(language.code);
    for (_, source, text) in exercise_files::editions(&exercise_files::po(language), language)? {
        let rest = source.strip_prefix("exercises/src").unwrap_or(&source);
        let path = dir.join(rest);
        fs::create_dir_all(path.parent().context("a file has a folder")?)?;
        // Written only when it changed, so that cargo does not rebuild for nothing.
        if fs::read_to_string(&path).ok().as_deref() != Some(&*text) {
            fs::write(&path, text)?;
        }
    }
    Ok((dir.clone(), dir.join("solutions")))
}

/// The package's part of `--check`, for every edition: the committed starters (each not
/// started, saying so in the edition's language), our solutions (and their translations) and
/// the mistakes.
fn check_package() -> Result<usize> {
    let mut problems = Vec::new();
    let mut solved = 0;
    for language in language::ALL {
        let (starters, solutions) = shipped(language)?;
        for e in run(Some(&starters), language)? {
            let file = answers_file(&e.chapter, language);
            let label = format!("starter {} (shipped {file})", e.label(&language::ENGLISH)?);
            match e.state {
                // What it says is in the edition's language, code aside.
                State::NotStarted(m) => {
                    let text = words::without_code(&m);
                    let foreign = match language.code {
                        "en" => words::cyrillic_words(&text),
                        _ => words::latin_words(&text),
                    };
                    if !foreign.is_empty() {
                        problems.push(format!("{label}: says {m:?}, with {}", foreign.join(" ")));
                    }
                }
                State::Done => problems.push(format!("{label}: passes")),
                State::Wrong(m) => {
                    problems.push(format!("{label}: does not say what is missing: {m}"))
                }
                State::NoCompile(m) => problems.push(format!("{label}: does not compile: {m}")),
            }
        }
        let folder = solutions.strip_prefix(setup::root()).unwrap_or(&solutions).display();
        let solutions = run(Some(&solutions), language)?;
        for e in solutions.iter().filter(|e| e.state != State::Done) {
            let label = e.label(&language::ENGLISH)?;
            problems.push(format!("{label} fails with {folder}: {:?}", e.state));
        }
        solved += solutions.len();
    }
    let sh = setup::shell()?;
    if let Err(e) = cmd!(sh, "cargo test --quiet -p exercises --lib").run() {
        problems.push(format!("the mistakes are not all caught (exercises/src/mistakes.rs): {e}"));
    }
    ensure!(problems.is_empty(), "exercises:\n  {}", problems.join("\n  "));
    Ok(solved)
}

/// `--check`: the starters, the solutions and the mistakes in the package, then the notebooks
/// with the solutions in place of the starters (the notebooks backend writes them), in every
/// edition.
pub fn check(with_notebooks: bool) -> Result<()> {
    let start = Instant::now();
    let count = check_package()?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "exercises: the starters of every edition fail, saying what's missing; {count} solutions \
         pass ({secs:.1} s)"
    );
    // The solved notebooks of every edition, each in one kernel run with its committed notebook
    // (`verify.rs`); `ci` runs them with every other notebook instead.
    if with_notebooks {
        book::build()?;
        crate::verify::run(&notebooks::with_exercises()?, false)?;
    }
    println!("exercises: all checked in {:.1} s", start.elapsed().as_secs_f64());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn exercise(chapter: &str, n: u8, state: State) -> Exercise {
        Exercise { chapter: chapter.into(), test: format!("ex{n}_x"), state }
    }

    #[test]
    fn every_word_is_used_and_filled_in() {
        let words: Value = serde_json::from_str(WORDS).unwrap();
        let source = include_str!("exercises.rs");
        for (key, english) in words.as_object().unwrap() {
            assert!(source.contains(&format!("\"{key}\"")), "{key} is used nowhere");
            let holes = english.as_str().unwrap().matches("{}").count();
            let values: Vec<&dyn std::fmt::Display> = vec![&7; holes];
            let said = say(&language::ENGLISH, key, &values).unwrap();
            assert!(!said.contains("{}") && said.matches('7').count() >= holes, "{said}");
        }
        assert!(say(&language::ENGLISH, "no such key", &[]).is_err());
    }

    #[test]
    fn next_follows_the_file_saved_last() {
        let wrong = || State::Wrong("off".into());
        let todo = || State::NotStarted("not yet implemented".into());
        let all = vec![
            exercise("01", 1, todo()),
            exercise("01", 2, State::Done),
            exercise("08", 1, State::Done),
            exercise("08", 2, wrong()),
            exercise("08", 3, todo()),
            exercise("09", 1, todo()),
        ];
        let at = |secs| Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
        // Chapter 8 saved last: its wrong 8.2 comes before anything else.
        assert_eq!(next(&all, |c| at(if c == "08" { 20 } else { 10 })), Some(3));
        // Chapter 1 saved last: after 1.2, the first not done is 8.2.
        assert_eq!(next(&all, |c| at(if c == "01" { 20 } else { 10 })), Some(3));
        // Nothing started: from the start.
        let fresh = vec![exercise("01", 1, todo()), exercise("02", 1, todo())];
        assert_eq!(next(&fresh, |_| at(1)), Some(0));
        // Everything after the last started is done: round to the start.
        let late = vec![exercise("01", 1, todo()), exercise("02", 1, State::Done)];
        assert_eq!(next(&late, |_| at(1)), Some(0));
        assert_eq!(next(&[exercise("01", 1, State::Done)], |_| at(1)), None);
    }

    #[test]
    fn a_chapter_that_does_not_compile_is_next_once_saved_last() {
        let all = vec![
            exercise("01", 1, State::Done),
            Exercise {
                chapter: "05".into(),
                test: "ex_".into(),
                state: State::NoCompile("E0425".into()),
            },
            exercise("07", 1, State::NotStarted("not yet implemented".into())),
        ];
        let saved = |c: &str| {
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(if c == "05" { 9 } else { 1 }))
        };
        assert_eq!(next(&all, saved), Some(1));
    }
}
