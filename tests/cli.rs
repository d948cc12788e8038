//! The trainer, driven through the real binary: the tutorial's run, JSON output, model files,
//! concurrent saves and a large input. Every kind of bad input (one clear error, exit status 2,
//! no panic, no partial file) is reviewed row by row in `tests/review.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use nn_from_scratch::data::{Dataset, TUTORIAL_SHIFT, emily};
use nn_from_scratch::model::ModelFile;
use nn_from_scratch::network::{Network, PARAM_NAMES};
use nn_from_scratch::training::{TrainConfig, train};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nn-from-scratch"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(o.status.success(), "{args:?} failed: {}", stderr(&o));
    stdout(&o)
}

fn json(args: &[&str]) -> Value {
    let out = ok(args);
    assert_eq!(out.trim().lines().count(), 1, "one JSON object: {out}");
    serde_json::from_str(&out).expect("valid JSON")
}

/// `predict --json` with the model file on one person, in `units` if given (else the default,
/// pounds and inches).
fn predict(model: &Path, units: Option<&str>, weight: &str, height: &str) -> Value {
    let model = s(model);
    let mut args = vec!["predict", "--json", "--model", &model];
    args.extend(units.map(|u| ["--units", u]).into_iter().flatten());
    json(&[&args[..], &["--weight", weight, "--height", height]].concat())
}

fn params_of(v: &Value) -> Network {
    let p = &v["params"];
    let values: Vec<f64> = PARAM_NAMES.iter().map(|n| p[n].as_f64().unwrap()).collect();
    Network::try_from_slice(&values).unwrap()
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }
    fn file(&self, name: &str, contents: &str) -> String {
        let p = self.0.path().join(name);
        std::fs::write(&p, contents).unwrap();
        p.display().to_string()
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
    /// The names of the files in the directory (to prove no partial or temporary file is left).
    fn listing(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.0.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

const PEOPLE_CSV: &str = "name,weight_lb,height_in,sex
Alice,133,65,F
Bob,160,72,M
Charlie,152,70,M
Diana,120,60,F
";

#[test]
fn train_with_no_arguments_is_the_tutorials_run() {
    let out = ok(&["train"]);
    assert!(out.contains("Seed: 42"), "{out}");
    let epochs: Vec<&str> = out.lines().filter(|l| l.starts_with("Epoch ")).collect();
    assert_eq!(epochs.len(), 100);
    assert!(epochs[0].starts_with("Epoch 0 loss: "));
    assert!(epochs[99].starts_with("Epoch 990 loss: "));
    let emily = out.lines().find(|l| l.starts_with("Emily")).unwrap();
    let frank = out.lines().find(|l| l.starts_with("Frank")).unwrap();
    assert!(emily.ends_with("-> female"), "{emily}");
    assert!(frank.ends_with("-> male"), "{frank}");

    // The same numbers as the library's run with the same seed.
    let data = Dataset::tutorial();
    let mut net = Network::random(42);
    let history = train(&mut net, &data, &TrainConfig::default(), |_| {}).unwrap();
    assert_eq!(epochs[0], format!("Epoch 0 loss: {:.3}", history[0].loss));
    let e = emily_prediction(&net);
    assert!(out.contains(&format!("Emily (128 lb, 63 in): {e:.3} -> female")));
}

fn emily_prediction(net: &Network) -> f64 {
    let e = emily();
    net.feedforward(TUTORIAL_SHIFT.apply(e.weight_lb, e.height_in))
}

#[test]
fn seed_changes_the_run() {
    let a = json(&["train", "--json"]);
    let b = json(&["train", "--json", "--seed", "7"]);
    let c = json(&["train", "--json", "--seed", "7"]);
    assert_eq!(a["seed"], 42);
    assert_eq!(b["seed"], 7);
    assert_ne!(a["params"], b["params"]);
    assert_eq!(b, c, "same seed, same output");
    assert!(ok(&["train", "--seed", "7"]).contains("Seed: 7"));
}

#[test]
fn json_output_round_trips_floats_exactly() {
    let v = json(&["train", "--json", "--epochs", "50", "--log-every", "7"]);
    let data = Dataset::tutorial();
    let mut net = Network::random(42);
    let config = TrainConfig {
        epochs: 50,
        log_every: 7,
        ..TrainConfig::default()
    };
    let history = train(&mut net, &data, &config, |_| {}).unwrap();
    assert_eq!(params_of(&v), net, "bit-for-bit the library's parameters");
    let h = v["history"].as_array().unwrap();
    assert_eq!(h.len(), history.len());
    for (j, r) in h.iter().zip(&history) {
        assert_eq!(j["epoch"].as_u64().unwrap() as usize, r.epoch);
        assert_eq!(j["loss"].as_f64().unwrap(), r.loss);
    }
    let epochs: Vec<u64> = h.iter().map(|r| r["epoch"].as_u64().unwrap()).collect();
    assert_eq!(epochs, vec![0, 7, 14, 21, 28, 35, 42, 49]);
}

#[test]
fn init_accepts_negative_values_in_both_spellings() {
    let list = "-0.5,1,0.25,-1,2,-2,0.1,-0.1,0";
    let a = json(&["train", "--json", "--epochs", "5", "--init", list]);
    let joined = format!("--init={list}");
    let b = json(&["train", "--json", "--epochs", "5", &joined]);
    assert_eq!(a, b);
    assert_eq!(a["seed"], Value::Null);
    let mut net =
        Network::try_from_slice(&[-0.5, 1.0, 0.25, -1.0, 2.0, -2.0, 0.1, -0.1, 0.0]).unwrap();
    let config = TrainConfig {
        epochs: 5,
        ..TrainConfig::default()
    };
    train(&mut net, &Dataset::tutorial(), &config, |_| {}).unwrap();
    assert_eq!(params_of(&a), net);
}

#[test]
fn save_then_predict_in_both_units() {
    let dir = Dir::new();
    let model = dir.path("model.json");
    let v = json(&["train", "--json", "--save", &s(&model)]);
    assert_eq!(dir.listing(), vec!["model.json"]);
    let trained = params_of(&v);
    let p = predict(&model, None, "128", "63");
    assert_eq!(p["p_female"].as_f64().unwrap(), emily_prediction(&trained));
    assert_eq!(p["label"], "female");
    let text = ok(&[
        "predict",
        "--model",
        &s(&model),
        "--weight",
        "155",
        "--height",
        "68",
    ]);
    assert!(text.contains("Label: male"), "{text}");
    // Emily in kilograms and centimetres: 128 lb = 58.0598 kg, 63 in = 160.02 cm.
    let kg = predict(&model, Some("kg-cm"), "58.05978077", "160.02");
    let diff = (kg["p_female"].as_f64().unwrap() - emily_prediction(&trained)).abs();
    assert!(diff < 1e-6, "kg-cm gives the same answer: {diff}");
}

#[test]
fn custom_csv_data_is_standardised_and_stored_in_the_model() {
    let dir = Dir::new();
    let csv = dir.file("people.csv", PEOPLE_CSV);
    let model = dir.path("m.json");
    let v = json(&["train", "--json", "--data", &csv, "--save", &s(&model)]);
    let norm = &v["normalisation"];
    let mean_w = (133.0 + 160.0 + 152.0 + 120.0) / 4.0;
    assert_eq!(norm["offset"][0].as_f64().unwrap(), mean_w);
    assert!(norm["scale"][0].as_f64().unwrap() > 1.0);
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    assert_eq!(saved["normalisation"], *norm);
    assert_eq!(saved["architecture"]["kind"], "tutorial");
    // predict takes raw measurements and applies the stored standardisation.
    let p = predict(&model, None, "120", "60");
    assert_eq!(p["label"], "female");

    // Metric columns, 0/1 labels and a ';' separator work too.
    let metric = dir.file(
        "metric.csv",
        "weight_kg;height_cm;label\n60.3;165.1;1\n72.6;182.9;0\n68.9;177.8;0\n54.4;152.4;1\n",
    );
    ok(&["train", "--data", &metric, "--epochs", "10"]);
}

#[test]
fn general_mlp_trains_saves_and_predicts() {
    let dir = Dir::new();
    let model = dir.path("mlp.json");
    let v = json(&[
        "train",
        "--json",
        "--dataset",
        "howell",
        "--layers",
        "2,8,1",
        "--activation",
        "tanh",
        "--optimizer",
        "adam",
        "--batch-size",
        "32",
        "--loss",
        "bce",
        "--shuffle",
        "--epochs",
        "200",
        "--learn-rate",
        "0.01",
        "--test-fraction",
        "0.25",
        "--save",
        &s(&model),
    ]);
    assert_eq!(v["params"]["sizes"], serde_json::json!([2, 8, 1]));
    assert_eq!(v["params"]["hidden"], "tanh");
    assert_eq!(
        v["params"]["params"].as_array().unwrap().len(),
        8 * 2 + 8 + 8 + 1
    );
    assert_eq!(v["history"].as_array().unwrap().len(), 20);
    assert_eq!(v["test"]["people"], 88);
    assert!(
        v["test"]["accuracy"].as_f64().unwrap() > 0.8,
        "{}",
        v["test"]
    );
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    assert_eq!(saved["architecture"]["kind"], "mlp");
    // predict loads the MLP model: a small, light adult of the census is predicted female.
    let p = predict(&model, Some("kg-cm"), "40", "148");
    assert_eq!(p["label"], "female", "{p}");
    let p = predict(&model, Some("kg-cm"), "55", "165");
    assert_eq!(p["label"], "male", "{p}");
}

#[test]
fn mlp_configured_as_the_tutorial_reproduces_the_tutorial_run() {
    let init = "--init=0.3,-0.2,0.5,1.1,-0.7,0.9,0.1,-0.4,0.2";
    let tutorial = json(&["train", "--json", init]);
    let mlp = json(&["train", "--json", init, "--layers", "2,2,1"]);
    // The MLP keeps its parameters layer by layer: w1 w2 w3 w4 b1 b2, then w5 w6 b3.
    let order = ["w1", "w2", "w3", "w4", "b1", "b2", "w5", "w6", "b3"];
    let flat = mlp["params"]["params"].as_array().unwrap();
    for (name, value) in order.iter().zip(flat) {
        let a = tutorial["params"][name].as_f64().unwrap();
        let b = value.as_f64().unwrap();
        assert!((a - b).abs() < 1e-12, "{name}: tutorial {a}, MLP {b}");
    }
    let a = tutorial["history"].as_array().unwrap();
    let b = mlp["history"].as_array().unwrap();
    assert_eq!(a.len(), 100);
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x["epoch"], y["epoch"]);
        assert!((x["loss"].as_f64().unwrap() - y["loss"].as_f64().unwrap()).abs() < 1e-12);
    }
}

#[test]
fn howell_file_and_builtin_dataset_agree() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/data/howell1.csv");
    let a = json(&["train", "--json", "--epochs", "20", "--dataset", "howell"]);
    let b = json(&[
        "train",
        "--json",
        "--epochs",
        "20",
        "--data",
        file,
        "--units",
        "kg-cm",
        "--min-age",
        "18",
    ]);
    assert_eq!(a["params"], b["params"]);
    assert_eq!(a["normalisation"], b["normalisation"]);
    let shift = json(&[
        "train",
        "--json",
        "--epochs",
        "20",
        "--dataset",
        "howell",
        "--normalisation",
        "tutorial-shift",
    ]);
    assert_eq!(
        shift["normalisation"]["offset"],
        serde_json::json!([135.0, 66.0])
    );
}

#[test]
fn eight_trainers_saving_to_one_path_leave_one_complete_model() {
    let dir = Dir::new();
    let model = dir.path("model.json");
    let children: Vec<_> = (0..8)
        .map(|seed| {
            Command::new(env!("CARGO_BIN_EXE_nn-from-scratch"))
                .args([
                    "train",
                    "--json",
                    "--epochs",
                    "300",
                    "--seed",
                    &seed.to_string(),
                ])
                .arg("--save")
                .arg(&model)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // While they run, every read finds no file yet, or one complete, valid model: never a mix.
    let mut reads = 0;
    let mut running = children.len();
    let mut outputs = Vec::new();
    let mut children: Vec<Option<std::process::Child>> = children.into_iter().map(Some).collect();
    while running > 0 {
        match std::fs::read_to_string(&model) {
            Ok(text) => {
                ModelFile::from_json(&text).expect("a complete model");
                reads += 1;
            }
            Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::NotFound),
        }
        for slot in children.iter_mut() {
            if slot
                .as_mut()
                .is_some_and(|c| c.try_wait().unwrap().is_some())
            {
                let out = slot.take().unwrap().wait_with_output().unwrap();
                assert!(out.status.success(), "{}", stderr(&out));
                outputs.push(serde_json::from_slice::<Value>(&out.stdout).unwrap());
                running -= 1;
            }
        }
    }
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    ModelFile::from_json(&saved.to_string()).unwrap();
    let matching = outputs
        .iter()
        .filter(|o| o["params"] == saved["architecture"]["params"])
        .count();
    assert_eq!(matching, 1, "the file is exactly one trainer's model");
    assert_eq!(
        dir.listing(),
        vec!["model.json"],
        "no temporary file is left"
    );
    println!("{reads} complete reads while the trainers ran");
}

/// The peak resident memory of a running process so far (Linux's VmHWM), in kB.
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_million_rows_train_in_bounded_memory_with_progress() {
    let dir = Dir::new();
    let csv = dir.path("big.csv");
    let mut text = String::from("name,weight_lb,height_in,sex\n");
    let mut pts = common::Points(7);
    for i in 0..1_000_000 {
        let female = i % 2 == 0;
        let (w, h) = if female { (140.0, 64.0) } else { (175.0, 70.0) };
        let (dw, dh) = (pts.next(-30.0, 30.0), pts.next(-5.0, 5.0));
        let sex = if female { 'F' } else { 'M' };
        text += &format!("p{i},{:.1},{:.1},{sex}\n", w + dw, h + dh);
    }
    std::fs::write(&csv, &text).unwrap();
    let file_mb = text.len() as f64 / 1e6;
    drop(text);
    let mut child = Command::new(env!("CARGO_BIN_EXE_nn-from-scratch"))
        .args(["train", "--epochs", "1", "--json", "--data"])
        .arg(&csv)
        .arg("--save")
        .arg(dir.path("model.json"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = peak_rss_kb(child.id()).unwrap_or(0).max(peak);
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("progress: read 1000000 rows"), "{err}");
    assert!(err.contains("progress: epoch 1 of 1"), "{err}");
    let peak_mb = peak as f64 / 1024.0;
    println!("1,000,000 rows, {file_mb:.1} MB of CSV: peak RSS {peak_mb:.0} MB");
    // The people (48 bytes each) and the dataset (24 bytes each), and not the text: about 75 MB
    // for 21 MB of CSV. Holding the text or the names as well would pass 100 MB.
    assert!(
        peak_mb < 100.0,
        "peak RSS {peak_mb:.0} MB for {file_mb:.1} MB of CSV"
    );
    let model = std::fs::read_to_string(dir.path("model.json")).unwrap();
    ModelFile::from_json(&model).unwrap();
}

#[test]
fn a_run_killed_while_training_leaves_no_file() {
    let dir = Dir::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nn-from-scratch"))
        .args(["train", "--epochs", "100000000", "--json", "--save"])
        .arg(dir.path("model.json"))
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "still training");
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(dir.listing(), Vec::<String>::new());
}

/// The help is read in a terminal: no rustdoc markup (code spans, links to items, line-break
/// backslashes) from the doc comments clap takes it from, in any subcommand's short or long help.
#[test]
fn help_is_plain_text() {
    for command in [&[][..], &["train"], &["predict"]] {
        for flag in ["--help", "-h"] {
            let args: Vec<&str> = command.iter().copied().chain([flag]).collect();
            let help = ok(&args);
            assert!(help.contains("Usage: nn-from-scratch"), "{args:?}: {help}");
            for markup in ["`", "[`", "`]", "\\\n"] {
                assert!(!help.contains(markup), "{args:?} shows {markup:?}:\n{help}");
            }
        }
    }
}
