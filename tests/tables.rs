//! The trainer on tables (any CSV of numbers with a `label` column), through the real binary:
//! the digits with softmax, named classes and two classes with the sigmoid, `predict --data`,
//! the committed model of the draw-a-digit widget, and every bad table or option refused the way
//! `tests/review.rs` asks of people (exit status 2, one line naming the problem, the place and
//! the fix, nothing on stdout, no file written or replaced).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nn_from_scratch::classifier::Classifier;
use nn_from_scratch::datasets;
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nn-from-scratch"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(o.status.success(), "{args:?} failed: {}", text(&o.stderr));
    text(&o.stdout)
}

/// A folder for one test, with `notes.txt` that every run must leave alone.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        let d = Dir(tempfile::tempdir().unwrap());
        std::fs::write(d.path("notes.txt"), "keep me\n").unwrap();
        d
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
    fn write(&self, name: &str, contents: &str) -> String {
        std::fs::write(self.path(name), contents).unwrap();
        s(&self.path(name))
    }
    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(self.0.path())
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    }
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Runs `args` in `dir` and checks the refusal: exit status 2, one line on stderr starting
/// `error: ` that mentions every `needle`, nothing on stdout, no panic, the files unchanged.
fn refused(dir: &Dir, args: &[&str], needles: &[&str]) {
    let before = dir.files();
    let o = run(args);
    let err = text(&o.stderr);
    let what = format!("{args:?}: {err}");
    assert_eq!(o.status.code(), Some(2), "{what}");
    assert!(o.stdout.is_empty(), "{what} / stdout {}", text(&o.stdout));
    assert!(
        err.starts_with("error: ") && err.trim_end().lines().count() == 1,
        "{what}"
    );
    assert!(!err.contains("panicked"), "{what}");
    for n in needles {
        assert!(err.contains(n), "should mention {n:?}: {what}");
    }
    assert_eq!(dir.files(), before, "files changed: {what}");
}

/// Three classes with names, the label in the middle: each class a cloud around its own point.
fn animals() -> String {
    let mut csv = String::from("length,label,width\n");
    for i in 0..60 {
        let (name, h, w) = [("cat", 1.0, 3.0), ("dog", 3.0, 1.0), ("eel", 3.0, 3.0)][i % 3];
        let jitter = ((i * 37) % 11) as f64 / 20.0 - 0.25;
        csv += &format!("{},{name},{}\n", h + jitter, w - jitter);
    }
    csv
}

#[test]
fn the_digits_train_with_softmax_and_report_held_out_accuracy() {
    let dir = Dir::new();
    let save = s(&dir.path("digits.json"));
    let args = [
        "train",
        "--data",
        "data/digits.csv",
        "--layers",
        "64,32,10",
        "--activation",
        "relu",
        "--optimizer",
        "adam",
        "--learn-rate",
        "0.003",
        "--batch-size",
        "32",
        "--shuffle",
        "--epochs",
        "15",
        "--log-every",
        "5",
        "--test-fraction",
        "0.25",
        "--json",
        "--save",
        &save,
    ];
    let v: Value = serde_json::from_str(&ok(&args)).unwrap();
    let test = &v["test"];
    assert_eq!(test["rows"], 449);
    let accuracy = test["accuracy"].as_f64().unwrap();
    assert!(accuracy > 0.93, "held-out accuracy {accuracy}");
    let counts = test["confusion"]["counts"].as_array().unwrap();
    assert_eq!(counts.len(), 10);
    let total: u64 = counts
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(total, 449);
    assert_eq!(test["confusion"]["classes"][9], "9");
    assert_eq!(v["params"]["output"], "softmax");
    assert_eq!(v["features"].as_array().unwrap().len(), 64);
    // The model file keeps the class names, and predicts the classes back.
    let model = Classifier::from_json(&std::fs::read_to_string(&save).unwrap()).unwrap();
    assert_eq!(
        model.classes,
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    );
    let rows = dir.write(
        "five.csv",
        &datasets::DIGITS_CSV
            .lines()
            .take(6)
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let out = ok(&["predict", "--model", &save, "--data", &rows]);
    assert_eq!(out.lines().count(), 5);
    assert!(
        out.lines().all(|l| model.classes.contains(&l.to_string())),
        "{out}"
    );
}

#[test]
fn named_classes_anywhere_in_the_row_and_predict_by_column_name() {
    let dir = Dir::new();
    let data = dir.write("animals.csv", &animals());
    let save = s(&dir.path("m.json"));
    let out = ok(&[
        "train",
        "--data",
        &data,
        "--layers",
        "2,8,3",
        "--activation",
        "tanh",
        "--optimizer",
        "adam",
        "--learn-rate",
        "0.05",
        "--batch-size",
        "8",
        "--epochs",
        "100",
        "--log-every",
        "50",
        "--save",
        &save,
    ]);
    assert!(out.contains("3 classes (cat, dog, eel)"), "{out}");
    assert!(out.contains("softmax output"), "{out}");
    // The columns in another order, a label column left out: by name.
    let rows = dir.write("new.csv", "width,length\n3,1\n1,3\n3,3\n");
    assert_eq!(
        ok(&["predict", "--model", &save, "--data", &rows]),
        "cat\ndog\neel\n"
    );
    let v: Value = serde_json::from_str(&ok(&[
        "predict", "--model", &save, "--data", &rows, "--json",
    ]))
    .unwrap();
    let p: f64 = v["rows"][0]["probabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_f64().unwrap())
        .sum();
    assert!((p - 1.0).abs() < 1e-12);
}

#[test]
fn two_classes_keep_the_sigmoid() {
    let dir = Dir::new();
    let two: String = animals()
        .lines()
        .filter(|l| !l.contains("eel"))
        .collect::<Vec<_>>()
        .join("\n");
    let data = dir.write("two.csv", &two);
    let save = s(&dir.path("m.json"));
    for loss in ["cross-entropy", "bce", "mse"] {
        let v: Value = serde_json::from_str(&ok(&[
            "train",
            "--data",
            &data,
            "--layers",
            "2,4,1",
            "--optimizer",
            "adam",
            "--learn-rate",
            "0.05",
            "--epochs",
            "60",
            "--loss",
            loss,
            "--json",
            "--save",
            &save,
        ]))
        .unwrap();
        assert_eq!(v["params"]["output"], "sigmoid", "{loss}");
        assert_eq!(v["classes"], serde_json::json!(["cat", "dog"]));
    }
    let rows = dir.write("new.csv", "length,width\n1,3\n3,1\n");
    assert_eq!(
        ok(&["predict", "--model", &save, "--data", &rows]),
        "cat\ndog\n"
    );
}

#[test]
fn the_widgets_model_loads_and_reads_the_digits() {
    // What `cargo xtask digits --model` writes (the chapter's network on every digit; the
    // xtask's --check compares the bytes on the machine that made it). Here, on any machine: it
    // loads, and it classifies the digits it was trained on as well as it did there.
    let text = std::fs::read_to_string("book/src/playground/digits-model.json").unwrap();
    let model = Classifier::from_json(&text).unwrap();
    assert_eq!(model.network.sizes(), [64, 64, 10]);
    let digits = datasets::digits();
    assert_eq!(model.features, digits.features);
    let got = model.classify(&digits.rows).unwrap();
    let right = got
        .iter()
        .zip(&digits.labels)
        .filter(|(a, b)| a == b)
        .count();
    assert!(right as f64 / 1797.0 > 0.99, "{right} of 1797");
}

#[test]
fn bad_tables_are_refused_before_any_work() {
    let dir = Dir::new();
    let save = s(&dir.path("out.json"));
    let cases: [(&str, &[&str]); 11] = [
        (
            "a,label\n1e308,x\n1.7e308,y\n-1e308,x\n",
            &["column a", "too large", "rescale"],
        ),
        (
            "a,label\n1,x\n2\n",
            &["line 3", "1 fields, but the header has 2"],
        ),
        (
            "a,label\n1,x\nabc,y\n",
            &["line 3", "column a", "\"abc\" is not a number"],
        ),
        (
            "a,b\n1,2\n3,4\n",
            &["no column is named label", "a, b", "name the column"],
        ),
        (
            "a,label,label\n1,x,y\n",
            &["columns 2 and 3", "\"label\"", "its own name"],
        ),
        (
            "a,label\n1,x\n2,x\n",
            &["every row has the label \"x\"", "other class"],
        ),
        (
            "a,label\nNaN,x\n1,y\n",
            &["line 2", "column a", "not a finite number"],
        ),
        ("a,label\n1,x\ninf,y\n", &["line 3", "not a finite number"]),
        ("a,label\n1,\n2,y\n", &["line 2", "column label", "empty"]),
        (
            "label\nx\ny\n",
            &["only column is the label", "add at least one column"],
        ),
        ("a,label\n", &["no rows", "add one sample per line"]),
    ];
    for (csv, needles) in cases {
        let data = dir.write("t.csv", csv);
        refused(&dir, &["train", "--data", &data, "--save", &save], needles);
    }
}

#[test]
fn options_that_do_not_fit_the_table_are_refused() {
    let dir = Dir::new();
    let data = dir.write("animals.csv", &animals());
    let save = s(&dir.path("out.json"));
    let two = dir.write("two.csv", "a,b,label\n1,2,x\n2,1,y\n");
    let cases: Vec<(Vec<&str>, &[&str])> = vec![
        (
            vec!["--data", &data, "--layers", "3,8,3"],
            &["--layers 3,8,3", "first size must be 2", "feature column"],
        ),
        (
            vec!["--data", &data, "--layers", "2,8,1"],
            &["--layers 2,8,1", "last size must be 3", "3 classes"],
        ),
        (
            vec!["--data", &two, "--layers", "2,4,2"],
            &["last size must be 1", "one sigmoid output"],
        ),
        (
            vec!["--data", &data, "--loss", "bce"],
            &["--loss bce", "softmax", "cross-entropy"],
        ),
        (
            vec!["--data", &data, "--units", "kg-cm"],
            &["--units", "is a table", "drop --units"],
        ),
        (
            vec!["--data", &data, "--min-age", "18"],
            &["--min-age", "drop --min-age"],
        ),
        (
            vec!["--data", &data, "--normalisation", "tutorial-shift"],
            &["tutorial-shift", "standardised"],
        ),
        (
            vec!["--data", &data, "--init", "1,1,1,1,1,1,1,1,1"],
            &["--init", "drop --init"],
        ),
        (
            vec!["--data", &data, "--test-fraction", "0.001"],
            &["--test-fraction 0.001"],
        ),
    ];
    for (args, needles) in cases {
        let args = [&["train", "--save", &save][..], &args].concat();
        refused(&dir, &args, needles);
    }
}

#[test]
fn models_and_data_that_do_not_match_are_refused() {
    let dir = Dir::new();
    let data = dir.write("animals.csv", &animals());
    let table_model = s(&dir.path("table.json"));
    ok(&[
        "train",
        "--data",
        &data,
        "--epochs",
        "2",
        "--save",
        &table_model,
    ]);
    let people_model = s(&dir.path("people.json"));
    ok(&["train", "--epochs", "2", "--save", &people_model]);
    let other = dir.write("other.csv", "length,depth\n1,2\n");
    refused(
        &dir,
        &["predict", "--model", &table_model, "--data", &other],
        &[
            "takes the columns length, width",
            "has length, depth",
            "model's columns",
        ],
    );
    let rows = dir.write("rows.csv", "length,width\n1,2\n");
    refused(
        &dir,
        &["predict", "--model", &people_model, "--data", &rows],
        &["people by weight and height", "--weight"],
    );
    refused(
        &dir,
        &[
            "predict",
            "--model",
            &table_model,
            "--weight",
            "130",
            "--height",
            "65",
        ],
        &["rows of a table", "--data FILE"],
    );
    // Units are for a person's measurements: refused with rows (clap's conflict, with usage).
    let o = run(&[
        "predict",
        "--model",
        &table_model,
        "--data",
        &rows,
        "--units",
        "kg-cm",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("cannot be used with"),
        "{}",
        text(&o.stderr)
    );
    let ragged = dir.write("ragged.csv", "length,width\n1,2\n3\n");
    refused(
        &dir,
        &["predict", "--model", &table_model, "--data", &ragged],
        &["line 3"],
    );
}
