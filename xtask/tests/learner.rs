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
            let exe = messages.iter().filter(of_chapter).find_map(|m| m["executable"].as_str());
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
    let out = Command::new(exe).env("RUST_BACKTRACE", "0").output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into())
}

#[test]
fn a_learner_who_solves_everything_then_breaks_one_file() {
    let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("../exercises");
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
    fs::write(&file, format!("{solved}\nfn broken(net: &Network) {{ backprop(net); }}\n")).unwrap();
    for (chapter, built) in build(&package, &scratch) {
        match (chapter.as_str(), built) {
            ("05", Ok(_)) => panic!("the broken chapter 5 compiles"),
            ("05", Err(e)) => {
                assert!(e.contains("ch05.rs:"), "the error does not name the file: {e}")
            }
            (_, Err(e)) => panic!("chapter {chapter} stopped by chapter 5's mistake: {e}"),
            (_, Ok(exe)) => {
                assert!(passes(&exe).0, "chapter {chapter} fails next to a broken chapter 5")
            }
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
    let reader_files: Vec<String> =
        chapters(&package).iter().map(|c| format!("exercises/src/ch{c}.rs")).collect();
    assert!(deps.contains("exercises/src/check/mod.rs"), "{deps}");
    for file in reader_files {
        assert!(!deps.contains(&file), "the library depends on the reader's {file}: {deps}");
    }
}

/// Each exercise's hint code, written out as a learner would paste it into the starter's
/// `todo!()`: `(chapter, function, body)`. Every code span of the hint that is code to paste
/// (one with `(` or `=`; `...` stands for any code) must appear in the body.
const HINTED: [(&str, &str, &str); 14] = [
    ("01", "sigmoid_derivative", "let fx = sigmoid(x);
        fx * (1.0 - fx)"),
    ("01", "slope_ratio", "nn_from_scratch::activation::deriv_sigmoid(0.0) / deriv_sigmoid(10.0)"),
    (
        "02",
        "feedforward",
        "let h1 = sigmoid(0.0 * x[0] + 1.0 * x[1] + 0.0);
        let h2 = sigmoid(0.0 * x[0] + 1.0 * x[1] + 0.0);
        sigmoid(0.0 * h1 + 1.0 * h2 + 0.0)",
    ),
    (
        "02",
        "all_zero_outputs",
        "let net = Network::uniform(0.0, 0.0);
        let mut outputs = Vec::new();
        for x in Dataset::tutorial().inputs { outputs.push(net.feedforward(x)); }
        outputs",
    ),
    (
        "03",
        "mean_squared_error",
        "let mut sum = 0.0;
        for i in 0..y_true.len() { sum += (y_true[i] - y_pred[i]) * (y_true[i] - y_pred[i]); }
        sum / y_true.len() as f64",
    ),
    ("03", "my_people", r#"read_people(MY_CSV.as_bytes(), &CsvOptions::default()).expect("...")"#),
    (
        "04",
        "numeric_d_l_d_w1",
        "let loss = |w1: f64| (1.0 - Network { w1, ..Network::uniform(1.0, 0.0) }.feedforward([-2.0, -1.0])).powi(2);
        (loss(1.0 + h) - loss(1.0 - h)) / (2.0 * h)",
    ),
    (
        "05",
        "gradient_step",
        "let g = backprop(net, x, y_true).gradients;
        net.w1 -= learn_rate * g.w1; net.w2 -= learn_rate * g.w2; net.w3 -= learn_rate * g.w3;
        net.w4 -= learn_rate * g.w4; net.w5 -= learn_rate * g.w5; net.w6 -= learn_rate * g.w6;
        net.b1 -= learn_rate * g.b1; net.b2 -= learn_rate * g.b2; net.b3 -= learn_rate * g.b3;",
    ),
    (
        "05",
        "final_loss",
        "let (dataset, mut net) = (Dataset::tutorial(), Network::random(42));
        let config = TrainConfig { learn_rate, ..TrainConfig::default() };
        match training::train(&mut net, &dataset, &config, |_| {}) {
            Ok(_) => training::dataset_loss(&net, &dataset).unwrap_or(f64::NAN),
            Err(_) => f64::NAN,
        }",
    ),
    (
        "07",
        "accuracy_without_shift",
        "let raw = Normalisation { offset: [0.0, 0.0], scale: [1.0, 1.0] };
        let (train, test) = datasets::train_test_split(&datasets::howell_adults(), 0.25, 1).expect(\"split\");
        let train = Dataset::from_people(&train, &raw).expect(\"inputs\");
        let mut net = Network::random(42);
        training::train(&mut net, &train, &TrainConfig::default(), |_| {}).expect(\"training\");
        let c = Confusion::evaluate(&|w, h| net.feedforward(raw.apply(w, h)), &test).expect(\"test\");
        c.accuracy()",
    ),
    (
        "08",
        "deep_network",
        r#"Mlp::new(&[2, 4, 4, 1], Activation::Sigmoid, Activation::Sigmoid, seed).expect("a shape")"#,
    ),
    (
        "08",
        "final_losses",
        "(0..10).map(|seed| {
            let (dataset, mut net) = (Dataset::tutorial(), Network::random(seed));
            let trained = training::train(&mut net, &dataset, &TrainConfig::default(), |_| {});
            trained.and_then(|_| training::dataset_loss(&net, &dataset)).unwrap_or(f64::NAN)
        }).collect()",
    ),
    (
        "12",
        "stable_softmax",
        "let largest = scores.iter().fold(f64::NEG_INFINITY, |m, &z| m.max(z));
        let exps: Vec<f64> = scores.iter().map(|&z| (z - largest).exp()).collect();
        let total: f64 = exps.iter().sum();
        exps.iter().map(|e| e / total).collect()",
    ),
    (
        "12",
        "output_gradient",
        "let mut p = stable_softmax(scores);
        p[class] -= 1.0;
        p",
    ),
];

/// 9.1's hint, in its loop.
const HINTED_MOMENTUM: (&str, &str, &str) = (
    "09",
    "momentum_step",
    "for ((p, v), g) in params.iter_mut().zip(velocity.iter_mut()).zip(grads) {
        *v = beta * *v + g;
        *p -= learn_rate * *v;
    }",
);

/// 3.2's CSV, from its hint's header and row.
const MY_CSV: &str = r#"const MY_CSV: &str = "name,weight_kg,height_cm,sex
Ada,58,163,F
Ben,80,181,M
Cleo,64,170,F
Dan,72,175,M
";"#;

/// `code` with `body` in place of the `todo!(...)` of `function`.
fn paste(code: &mut String, function: &str, body: &str) {
    let at = code.find(&format!("fn {function}(")).unwrap();
    let todo = at + code[at..].find("todo!(").unwrap();
    let end = todo + code[todo..].find(")\n").unwrap() + 1;
    code.replace_range(todo..end, body);
}

/// Whether `code` holds `span`, whitespace aside, with `...` in the span standing for any code.
fn holds(code: &str, span: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let code = squash(code);
    let mut at = 0;
    for part in squash(span).split("...").filter(|p| !p.is_empty()) {
        match code[at..].find(part) {
            Some(i) => at += i + part.len(),
            None => return false,
        }
    }
    true
}

/// Each exercise of a chapter's Markdown: its starter cell's visible code, and the code spans
/// of its hint.
fn exercises_of(name: &str, text: &str) -> Vec<(String, Vec<String>)> {
    use mdbook_nn::chapter::{self, Block};
    use pulldown_cmark::{Event, Parser};
    let blocks = chapter::blocks(name, text).unwrap();
    let mut found = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let Block::Snippet(range, code, _) = block else {
            continue;
        };
        if !code.starts_with("exercises::check::") {
            continue;
        }
        let before = blocks[..i].iter().rev().find_map(|b| match b {
            Block::Snippet(_, code, _) => Some(code),
            _ => None,
        });
        let starter = before.unwrap_or_else(|| panic!("{name}: a check without a starter"));
        let solution = blocks[i..].iter().find(|b| matches!(b, Block::Listing(..))).unwrap();
        let hint = &text[range.end..solution.range().start];
        let hint = &hint[hint.find("<summary>Hint</summary>").expect("a hint")..];
        let spans = Parser::new_ext(hint, chapter::options()).filter_map(|e| match e {
            Event::Code(code) => Some(code.to_string()),
            _ => None,
        });
        found.push((starter.clone(), spans.collect()));
    }
    found
}

#[test]
fn every_hint_compiles_pasted_into_its_starter_and_passes() {
    let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("../exercises");
    let book = package.parent().unwrap().join("book/src");
    let scratch = package.parent().unwrap().join("target/learner/hints");
    let scratch_editor = package.parent().unwrap().join("target/learner/hints-editor");
    fs::create_dir_all(&scratch).unwrap();
    fs::create_dir_all(&scratch_editor).unwrap();
    let hinted: Vec<_> = HINTED.iter().chain([&HINTED_MOMENTUM]).collect();
    let mut used = vec![false; hinted.len()];
    for chapter in chapters(&package) {
        let path = fs::read_dir(&book)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{chapter}-")))
            .unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let (mut uses, mut items) = (Vec::<String>::new(), String::new());
        // The editor's starters, as committed (the reader's own file may hold anything).
        let file = format!("HEAD:exercises/src/ch{chapter}.rs");
        let git = Command::new("git").args(["show", &file]).current_dir(&book).output().unwrap();
        assert!(git.status.success(), "git show {file}: this test reads the committed starters");
        let mut editor = String::from_utf8(git.stdout).unwrap();
        for (starter, spans) in exercises_of(&path.display().to_string(), &text) {
            let mut starter = starter;
            let code_spans: Vec<&String> =
                spans.iter().filter(|s| s.contains('(') || s.contains('=')).collect();
            if !code_spans.is_empty() {
                let (k, (_, function, body)) = (hinted.iter().enumerate())
                    .find(|(_, (c, f, _))| *c == chapter && starter.contains(&format!("fn {f}(")))
                    .unwrap_or_else(|| {
                        panic!("{chapter}: no body in HINTED for the hint {spans:?}")
                    });
                used[k] = true;
                for span in code_spans {
                    assert!(
                        holds(body, span),
                        "{chapter}: the hint's `{span}` is not in {function}'s body"
                    );
                }
                paste(&mut starter, function, body);
                paste(&mut editor, function, body);
            }
            let starter = starter.replace(r#"const MY_CSV: &str = "";"#, MY_CSV);
            // Public, for the tests beside them (a notebook's cells need not be).
            let starter = format!("\n{starter}");
            let starter = starter.replace("\nfn ", "\npub fn ").replace("\nconst ", "\npub const ");
            for line in starter.lines() {
                match line.starts_with("use ") {
                    true if !uses.iter().any(|u| u == line) => uses.push(line.to_string()),
                    true => {}
                    false => items.push_str(&format!("{line}\n")),
                }
            }
        }
        let book_file = format!("{}\n{items}", uses.join("\n"));
        fs::write(scratch.join(format!("ch{chapter}.rs")), book_file).unwrap();
        let editor = editor.replace(r#"pub const MY_CSV: &str = "";"#, &format!("pub {MY_CSV}"));
        fs::write(scratch_editor.join(format!("ch{chapter}.rs")), editor).unwrap();
    }
    assert!(used.iter().all(|u| *u), "a body of HINTED matches no hint: {used:?}");
    // Both faces: the notebook's cells (the book's starters, one after the other) and the
    // editor's file.
    for (face, dir) in [("the book's cells", &scratch), ("exercises/src", &scratch_editor)] {
        for (chapter, built) in build(&package, dir) {
            check_hinted(face, &chapter, built);
        }
    }
}

/// A chapter built with its hints pasted: it compiles, and no exercise is wrong.
fn check_hinted(face: &str, chapter: &str, built: Result<PathBuf, String>) {
    let exe = built.unwrap_or_else(|e| {
        panic!("{face}, chapter {chapter}, with its hints pasted, does not compile: {e}")
    });
    // Every exercise is right or waits for what the hints leave to the learner (a number worked
    // out by hand, a prediction): none is wrong.
    let (_, out) = passes(&exe);
    assert!(out.contains("test result"), "{face}, chapter {chapter}, ran no test:\n{out}");
    for failure in out.split("\n---- ").skip(1) {
        let message = failure.lines().skip_while(|l| !l.contains("panicked at")).nth(1);
        assert!(
            message.unwrap_or_default().contains("not yet implemented"),
            "{face}, chapter {chapter}: a hint pasted gives a wrong answer: {failure}"
        );
    }
}
