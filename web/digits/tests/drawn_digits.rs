//! The ten digits of `digit_strokes.json` (the strokes the browser check draws with the mouse),
//! reduced and read natively by the chapter's committed model: what the page answers, without a
//! browser. The browser check (`xtask/widget_digits.py`) asks the same of the page.

use std::path::Path;

use nn_digits::{Digits, digit_cells};

/// The chapter's model, which the page fetches (`cargo xtask digits --model` writes it:
/// `xtask/src/digits.rs`, `MODEL`).
const MODEL: &str = "../../book/src/playground/digits-model.json";
/// How many of the ten must be read right (as the browser check asks).
const MIN_RIGHT: usize = 8;

/// The strokes of each digit, flattened as the page passes them: `x, y` pairs on a pad of 280
/// pixels (the unit box with the check's margins), NaN pairs between strokes.
fn drawn() -> Vec<Vec<f64>> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/digit_strokes.json"),
    )
    .expect("the strokes file is committed");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let digits = value["digits"].as_array().expect("a list of digits");
    digits
        .iter()
        .map(|strokes| {
            let mut flat = Vec::new();
            for stroke in strokes.as_array().expect("strokes") {
                for point in stroke.as_array().expect("points") {
                    let (x, y) = (point[0].as_f64().unwrap(), point[1].as_f64().unwrap());
                    flat.extend([280.0 * (0.15 + 0.7 * x), 280.0 * (0.1 + 0.8 * y)]);
                }
                flat.extend([f64::NAN, f64::NAN]);
            }
            flat
        })
        .collect()
}

#[test]
fn the_committed_model_reads_most_of_ten_drawn_digits() {
    let model = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(MODEL))
        .expect("the chapter's model is committed");
    let digits = Digits::new(&model).unwrap_or_else(|_| panic!("{MODEL} is a model of 8x8 digits"));
    let classes = digits.classes();
    assert_eq!(classes, (0..10).map(|d| d.to_string()).collect::<Vec<_>>());
    let mut right = 0;
    let mut read = Vec::new();
    for (digit, strokes) in drawn().iter().enumerate() {
        let cells = digit_cells(strokes);
        assert_eq!(cells.len(), 64);
        assert!(
            cells
                .iter()
                .all(|c| (0.0..=16.0).contains(c) && c.fract() == 0.0)
        );
        let p = digits.probabilities(&cells).expect("64 finite cells");
        assert_eq!(p.len(), 10);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{p:?}");
        let best = (0..10).fold(0, |b, j| if p[j] > p[b] { j } else { b });
        right += usize::from(best == digit);
        read.push(format!("{digit}→{best} ({:.2})", p[best]));
    }
    println!("{}", read.join(", "));
    assert!(
        right >= MIN_RIGHT,
        "{right} of 10 read right: {}",
        read.join(", ")
    );
}
