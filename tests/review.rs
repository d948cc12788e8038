//! The review of every input of the trainer, as a table: the CSV file (header, columns, cells,
//! encodings, separators, size), every option and their combinations, the `--save` destination,
//! the model file and the measurements `predict` takes, and the outcome of training.
//!
//! Each row is one decision, tested through the real binary by its own `#[test]`:
//!
//! - `Reject`: exit status 2, one line on stderr that names the problem, where it is (file, line,
//!   column or option) and the fix; nothing on stdout; no panic; the folder's files unchanged (no
//!   model written or replaced, no temporary file left).
//! - `Accept`: exit status 0, nothing on stderr, and (`check`) the input read right; a `--save`
//!   destination holds a valid model.
//! - `Warn`: accepted, with a `warning:` on stderr naming the problem.
//!
//! `was` says what this review changed: `Decision` for inputs that were silently accepted,
//! failed only after the work, replaced a file, or crashed; `Message` for inputs that were
//! rejected before too, but without saying where or what would be right.
//!
//! In `args`, `{csv}` is a file `data.csv` holding `data`, `{model}` a model file `model.json`
//! (a trained model, edited by `model`), `{save}` a file `out.json` not yet there, `{dir}` the
//! folder, and `{readonly}` a folder nobody may write in. Every folder also holds `notes.txt`,
//! which must survive every run.

use serde_json::Value;

/// What the trainer must do with an input.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Reject,
    Accept,
    Warn,
}
use Expect::*;

/// The contents of `data.csv`.
#[derive(Clone, Copy)]
enum Data {
    None,
    Text(&'static str),
    Bytes(&'static [u8]),
    Made(fn() -> String),
}

/// One row of the review.
struct Case {
    /// The arguments (see the module documentation for the placeholders).
    args: &'static [&'static str],
    /// The CSV file.
    data: Data,
    /// The model file: the text of a trained tutorial model, edited.
    model: Option<fn(&str) -> String>,
    /// The decision.
    expect: Expect,
    /// What stderr must mention (the problem, where, the fix).
    stderr: &'static [&'static str],
    /// A check of the JSON that stdout holds (for accepted `--json` runs): read right.
    check: Option<fn(&Value)>,
    /// What this review changed.
    was: Was,
}

/// What the trainer did with an input before this review.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Was {
    /// The same as now.
    Same,
    /// The same decision, with a message that did not say where or what would be right.
    Message,
    /// Another decision: accepted silently, failed after the work, replaced a file, or crashed.
    Decision,
}
use Was::{Decision, Message};

const CASE: Case = Case {
    args: &[],
    data: Data::None,
    model: None,
    expect: Reject,
    stderr: &[],
    check: None,
    was: Was::Same,
};

/// `predict` with the case's model file, for one person (130 lb, 64 in).
const PREDICT_WITH_MODEL: &[&str] = &[
    "predict", "--model", "{model}", "--weight", "130", "--height", "64",
];

// ---- fixtures ----

const PEOPLE: &str = "name,weight_lb,height_in,sex
Alice,133,65,F
Bob,160,72,M
Charlie,152,70,M
Diana,120,60,F
";

/// The standardisation of PEOPLE: the means of their weights and heights.
fn four_people(v: &Value) {
    assert_eq!(
        v["normalisation"]["offset"],
        serde_json::json!([141.25, 66.75])
    );
}

fn four_people_metric(v: &Value) {
    let o = &v["normalisation"]["offset"];
    assert!((o[0].as_f64().unwrap() - 141.25).abs() < 1e-6, "{o}");
    assert!((o[1].as_f64().unwrap() - 66.75).abs() < 1e-6, "{o}");
}

fn large_csv() -> String {
    let mut s = String::from("weight_lb,height_in,sex\n");
    for i in 0..200_000u32 {
        let female = i % 2 == 0;
        let w = if female { 125 + i % 20 } else { 150 + i % 25 };
        let h = if female { 62 + i % 5 } else { 68 + i % 6 };
        s += &format!("{w},{h},{}\n", if female { "F" } else { "M" });
    }
    s
}

fn same(model: &str) -> String {
    model.to_string()
}
fn truncated(model: &str) -> String {
    model[..model.len() / 2].to_string()
}
fn empty(_: &str) -> String {
    String::new()
}
fn not_json(_: &str) -> String {
    "hello".to_string()
}
fn other_format(_: &str) -> String {
    "{\"hello\": 1}".to_string()
}
fn version_2(model: &str) -> String {
    model.replace("\"version\": 1", "\"version\": 2")
}
fn no_w5(model: &str) -> String {
    model.replace("\"w5\"", "\"w55\"")
}
fn zero_scale(model: &str) -> String {
    let mut v: Value = serde_json::from_str(model).unwrap();
    v["normalisation"]["scale"][0] = serde_json::json!(0.0);
    v.to_string()
}
fn other_kind(model: &str) -> String {
    model.replace("\"kind\": \"tutorial\"", "\"kind\": \"mlp\"")
}
fn three_inputs(model: &str) -> String {
    let mut v: Value = serde_json::from_str(model).unwrap();
    v["architecture"] = serde_json::json!({"kind": "mlp", "network": {
        "sizes": [3, 1], "hidden": "sigmoid", "output": "sigmoid", "params": [1.0, 1.0, 1.0, 0.0]}});
    v.to_string()
}
fn tanh_output(model: &str) -> String {
    let mut v: Value = serde_json::from_str(model).unwrap();
    v["architecture"] = serde_json::json!({"kind": "mlp", "network": {
        "sizes": [2, 1], "hidden": "sigmoid", "output": "tanh", "params": [1.0, 1.0, 0.0]}});
    v.to_string()
}
fn huge_layers(model: &str) -> String {
    let mut v: Value = serde_json::from_str(model).unwrap();
    v["architecture"] = serde_json::json!({"kind": "mlp", "network": {
        "sizes": [2, u64::MAX, u64::MAX, 1], "hidden": "sigmoid", "output": "sigmoid", "params": []}});
    v.to_string()
}
fn overflowing_number(model: &str) -> String {
    let mut v: Value = serde_json::from_str(model).unwrap();
    v["architecture"]["params"]["w1"] = serde_json::json!(1.0);
    v.to_string().replacen("\"w1\":1.0", "\"w1\":1e999", 1)
}

fn tutorial_shift(v: &Value) {
    assert_eq!(
        v["normalisation"]["offset"],
        serde_json::json!([135.0, 66.0])
    );
}
fn history_len_1(v: &Value) {
    assert_eq!(v["history"].as_array().unwrap().len(), 1);
}
fn seed_max(v: &Value) {
    assert_eq!(v["seed"].as_u64(), Some(u64::MAX));
}
fn predicts_emily_female(v: &Value) {
    assert_eq!(v["label"], "female", "{v}");
}

// ---- the check of one row (review/check.rs) ----

#[path = "review/check.rs"]
mod check;
use check::check;

/// One `#[test]` per row, and the table itself (`ROWS`) for the count.
macro_rules! review {
    ($($name:ident: $case:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name), &$case);
            }
        )*
        const ROWS: &[(&str, Case)] = &[$((stringify!($name), $case)),*];
    };
}

#[test]
fn the_table_counts_its_rows() {
    let decisions = ROWS.iter().filter(|(_, c)| c.was == Decision).count();
    let messages = ROWS.iter().filter(|(_, c)| c.was == Message).count();
    let rejected = ROWS.iter().filter(|(_, c)| c.expect == Reject).count();
    let warned = ROWS.iter().filter(|(_, c)| c.expect == Warn).count();
    println!(
        "review: {} rows ({rejected} rejected, {warned} warned, {} accepted); this review changed \
         the decision of {decisions} and the message of {messages}",
        ROWS.len(),
        ROWS.len() - rejected - warned
    );
    assert!(ROWS.len() >= 100);
    // Every rejection says where and what would be right: more than the problem alone.
    for (name, c) in ROWS {
        if c.expect != Accept {
            assert!(!c.stderr.is_empty(), "{name}: what must stderr say?");
        }
    }
}

const TRAIN_CSV: &[&str] = &[
    "train", "--data", "{csv}", "--epochs", "5", "--save", "{save}",
];
const TRAIN_CSV_JSON: &[&str] = &["train", "--data", "{csv}", "--epochs", "5", "--json"];

review! {
    // ---- the CSV file: as a whole ----
    csv_empty_file: Case { args: TRAIN_CSV, data: Data::Text(""),
        stderr: &["data.csv", "empty", "header row"], was: Message, ..CASE };
    csv_header_only: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n"),
        stderr: &["data.csv", "no people", "add one person per line"], was: Message, ..CASE };
    csv_missing_file: Case { args: &["train", "--data", "{dir}/absent.csv", "--save", "{save}"],
        stderr: &["absent.csv", "No such file", "check the name and the folder"], ..CASE };
    csv_data_is_a_folder: Case { args: &["train", "--data", "{dir}", "--save", "{save}"],
        stderr: &["is a folder", "give the CSV file"], was: Message, ..CASE };
    csv_large_file_shows_progress: Case {
        args: &["train", "--data", "{csv}", "--epochs", "1", "--json", "--save", "{save}"],
        data: Data::Made(large_csv), expect: Accept,
        stderr: &["progress: read 200000 rows", "progress: epoch 1 of 1"], was: Decision, ..CASE };

    // ---- the header ----
    csv_no_header: Case { args: TRAIN_CSV, data: Data::Text("133,65,F\n160,72,M\n"),
        stderr: &["line 1", "\"133\" is a value, not a column name", "weight_lb,height_in,sex"],
        was: Message, ..CASE };
    csv_missing_height_column: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,sex\n133,F\n"),
        stderr: &["missing column: height", "height_in, height_cm or height", "add the column"], ..CASE };
    csv_missing_label_column: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb,height_in,gender\n133,65,F\n"),
        stderr: &["missing column: label", "gender", "gender to sex"], ..CASE };
    csv_duplicate_column: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb,height_in,sex,weight_lb\n133,65,F,134\n160,72,M,161\n"),
        stderr: &["line 1", "columns 1 (weight_lb) and 4 (weight_lb)", "keep one"], was: Decision, ..CASE };
    csv_weight_lb_and_weight_kg: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb,weight_kg,height_in,sex\n133,60.3,65,F\n160,72.6,72,M\n"),
        stderr: &["line 1", "weight_lb", "weight_kg", "ambiguous", "keep one"], was: Decision, ..CASE };
    csv_height_in_and_height: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb,height_in,height,sex\n133,65,65,F\n160,72,72,M\n"),
        stderr: &["height_in", "(height)", "keep one"], was: Decision, ..CASE };
    csv_sex_and_male_columns: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb,height_in,sex,male\n133,65,F,0\n160,72,M,1\n"),
        stderr: &["(sex)", "(male)", "keep one"], was: Decision, ..CASE };
    csv_unknown_weight_unit: Case { args: TRAIN_CSV,
        data: Data::Text("weight_st,height_in,sex\n9.5,65,F\n11.4,72,M\n"),
        stderr: &["line 1, column 1 (weight_st)", "unknown unit \"st\"", "weight_lb or weight_kg"],
        was: Message, ..CASE };
    csv_unknown_height_unit: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb,height_m,sex\n133,1.65,F\n160,1.83,M\n"),
        stderr: &["height_m", "unknown unit \"m\"", "height_in or height_cm"], was: Message, ..CASE };
    csv_header_case_spaces_quotes: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text(" Name ,\"Weight_LB\", HEIGHT_IN ,Sex\nAlice,133,65,F\nBob,160,72,M\nCharlie,152,70,M\nDiana,120,60,F\n"),
        ..CASE };
    csv_extra_columns_ignored: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text("city,weight_lb,age,height_in,sex\nX,133,30,65,F\nY,160,31,72,M\nZ,152,32,70,M\nW,120,33,60,F\n"),
        ..CASE };

    // ---- encodings and line ends ----
    csv_utf8_byte_order_mark: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Bytes(b"\xEF\xBB\xBFweight_lb,height_in,sex\n133,65,F\n160,72,M\n152,70,M\n120,60,F\n"),
        ..CASE };
    csv_utf16: Case { args: TRAIN_CSV, data: Data::Bytes(b"\xFF\xFEw\0e\0i\0g\0h\0t\0"),
        stderr: &["line 1", "UTF-16", "save it as UTF-8"], was: Message, ..CASE };
    csv_not_utf8: Case { args: TRAIN_CSV,
        data: Data::Bytes(b"name,weight_lb,height_in,sex\nAlice,133,65,F\nJos\xE9,160,72,M\n"),
        stderr: &["data.csv", "line 3", "not UTF-8", "save the file as UTF-8"], was: Message, ..CASE };
    csv_crlf_line_ends: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text("weight_lb,height_in,sex\r\n133,65,F\r\n160,72,M\r\n152,70,M\r\n120,60,F\r\n"), ..CASE };
    csv_quoted_fields: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text("name,weight_lb,height_in,sex\n\"Smith, Alice\",\"133\",65,F\n\"Bob \"\"B\"\"\",160,72,M\nCharlie,152,70,\"M\"\nDiana,120,60,F\n"),
        ..CASE };
    csv_blank_lines_skipped: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text("weight_lb,height_in,sex\n133,65,F\n\n160,72,M\n152,70,M\n\n120,60,F\n\n"), ..CASE };

    // ---- separators ----
    csv_semicolons: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text("weight_lb;height_in;sex\n133;65;F\n160;72;M\n152;70;M\n120;60;F\n"), ..CASE };
    csv_commas_and_semicolons_in_header: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb,height_in;sex\n133,65;F\n"),
        stderr: &["line 1", "both ',' (1) and ';' (1)", "ambiguous", "one of them"], was: Message, ..CASE };
    csv_tabs: Case { args: TRAIN_CSV, data: Data::Text("weight_lb\theight_in\tsex\n133\t65\tF\n"),
        stderr: &["line 1", "tabs", "',' or ';'"], was: Message, ..CASE };
    csv_row_with_the_other_separator: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb,height_in,sex\n133,65,F\n160;72;M\n"),
        stderr: &["line 3", "1 fields", "header has 3"], ..CASE };
    csv_decimal_comma: Case { args: TRAIN_CSV,
        data: Data::Text("weight_lb;height_in;sex\n133,5;65;F\n160;72;M\n"),
        stderr: &["line 2, column weight_lb", "\"133,5\"", "decimals with a point"], was: Message, ..CASE };

    // ---- rows and cells ----
    csv_row_too_short: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,F\n160,72\n"),
        stderr: &["line 3", "2 fields", "header has 3", "one value per column"], ..CASE };
    csv_row_too_long: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,F,x\n"),
        stderr: &["line 2", "4 fields", "quote a value"], ..CASE };
    csv_empty_weight: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,F\n,72,M\n"),
        stderr: &["line 3, column weight_lb", "empty", "fill it in"], was: Message, ..CASE };
    csv_empty_label: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,\n160,72,M\n"),
        stderr: &["line 2, column sex", "empty"], was: Message, ..CASE };
    csv_text_for_a_number: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,F\n160,abc,M\n"),
        stderr: &["line 3, column height_in", "\"abc\" is not a number", "65.5"], ..CASE };
    csv_nan: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,F\nNaN,72,M\n"),
        stderr: &["line 3, column weight_lb", "not a finite number"], ..CASE };
    csv_infinity: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,inf,F\n160,72,M\n"),
        stderr: &["line 2, column height_in", "not a finite number"], ..CASE };
    csv_negative_weight: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n-133,65,F\n160,72,M\n"),
        stderr: &["line 2, column weight_lb", "-133 is not a weight a person can have", "1 to 1500 lb"],
        was: Decision, ..CASE };
    csv_zero_height: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,0,F\n160,72,M\n"),
        stderr: &["line 2, column height_in", "0 is not a height a person can have", "10 to 110 in"],
        was: Decision, ..CASE };
    csv_2000_lb: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,F\n2000,72,M\n"),
        stderr: &["line 3, column weight_lb", "2000 is not a weight", "check the value and its unit"],
        was: Decision, ..CASE };
    csv_a_tenth_of_an_inch: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,0.1,F\n160,72,M\n"),
        stderr: &["line 2, column height_in", "0.1 is not a height"], was: Decision, ..CASE };
    csv_900_kg: Case { args: TRAIN_CSV, data: Data::Text("weight_kg,height_cm,sex\n60,165,F\n900,180,M\n"),
        stderr: &["line 3, column weight_kg", "900 is not a weight", "680 kg"], was: Decision, ..CASE };
    csv_centimetres_read_as_inches: Case { args: TRAIN_CSV,
        data: Data::Text("weight,height,sex\n60,165,F\n75,180,M\n"),
        stderr: &["line 2, column height", "165 is not a height", "--units"], was: Decision, ..CASE };
    csv_plain_columns_with_units_kg_cm: Case {
        args: &["train", "--data", "{csv}", "--units", "kg-cm", "--epochs", "5", "--json"],
        data: Data::Text("weight,height,sex\n60.327786,165.1,F\n72.574779,182.88,M\n68.946040,177.8,M\n54.431084,152.4,F\n"),
        expect: Accept, check: Some(four_people_metric), ..CASE };
    csv_plain_columns_default_units: Case { args: TRAIN_CSV_JSON, expect: Warn, check: Some(four_people),
        data: Data::Text("weight,height,sex\n133,65,F\n160,72,M\n152,70,M\n120,60,F\n"),
        stderr: &["warning: ", "data.csv", "weight and height name no unit", "--units kg-cm"],
        was: Decision, ..CASE };
    csv_units_given_for_suffixed_columns: Case {
        args: &["train", "--data", "{csv}", "--units", "kg-cm", "--save", "{save}"], data: Data::Text(PEOPLE),
        stderr: &["--units kg-cm", "weight_lb and height_in", "name their units already", "drop --units"],
        was: Decision, ..CASE };

    // ---- labels ----
    csv_labels_in_every_accepted_spelling: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text("weight_lb,height_in,sex\n133,65,female\n160,72,MALE\n152,70,m\n120,60,1\n"), ..CASE };
    csv_female_column_0_1: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text("weight_lb,height_in,female\n133,65,1\n160,72,0\n152,70,0\n120,60,1\n"), ..CASE };
    csv_male_column_0_1: Case { args: TRAIN_CSV_JSON, expect: Accept, check: Some(four_people),
        data: Data::Text("weight_lb,height_in,male\n133,65,0\n160,72,1\n152,70,1\n120,60,0\n"), ..CASE };
    csv_label_woman: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,woman\n160,72,M\n"),
        stderr: &["line 2, column sex", "\"woman\"", "1 or F for female, 0 or M for male"], was: Message, ..CASE };
    csv_label_1_point_0: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,label\n133,65,1.0\n160,72,0\n"),
        stderr: &["line 2, column label", "\"1.0\""], ..CASE };
    csv_male_column_with_letters: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,male\n133,65,F\n"),
        stderr: &["line 2, column male", "\"F\"", "1 for male and 0 for female"], was: Message, ..CASE };
    csv_one_sex_only: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,F\n120,60,F\n"),
        stderr: &["data.csv", "every person in the dataset is female", "add people of the other sex"], ..CASE };
    csv_no_spread: Case { args: TRAIN_CSV, data: Data::Text("weight_lb,height_in,sex\n133,65,F\n160,65,M\n"),
        stderr: &["data.csv", "the same height", "tutorial-shift"], ..CASE };

    // ---- age ----
    csv_min_age_needs_an_age_column: Case {
        args: &["train", "--data", "{csv}", "--min-age", "18", "--save", "{save}"], data: Data::Text(PEOPLE),
        stderr: &["missing column: age", "needed by the age filter"], ..CASE };
    csv_min_age_filters_everyone: Case {
        args: &["train", "--data", "{csv}", "--min-age", "99", "--save", "{save}"],
        data: Data::Text("weight_lb,height_in,sex,age\n133,65,F,20\n160,72,M,30\n"),
        stderr: &["none of the 2 rows has an age of at least 99", "lower the minimum age"], was: Message, ..CASE };
    csv_min_age_negative: Case { args: &["train", "--data", "{csv}", "--min-age", "-1"],
        data: Data::Text("weight_lb,height_in,sex,age\n133,65,F,20\n160,72,M,30\n"),
        stderr: &["minimum age", "0 or more, got -1"], was: Decision, ..CASE };
    csv_min_age_nan: Case { args: &["train", "--data", "{csv}", "--min-age", "nan"],
        data: Data::Text("weight_lb,height_in,sex,age\n133,65,F,20\n160,72,M,30\n"),
        stderr: &["minimum age", "got NaN"], was: Decision, ..CASE };
    csv_age_not_a_number: Case { args: &["train", "--data", "{csv}", "--min-age", "18"],
        data: Data::Text("weight_lb,height_in,sex,age\n133,65,F,old\n160,72,M,30\n"),
        stderr: &["line 2, column age", "\"old\" is not a number"], ..CASE };
    csv_min_age_keeps_adults: Case {
        args: &["train", "--data", "{csv}", "--min-age", "18", "--epochs", "5", "--json"], expect: Accept,
        data: Data::Text("weight_lb,height_in,sex,age\n133,65,F,20\n160,72,M,30\n152,70,M,40\n120,60,F,50\n50,40,M,5\n"),
        check: Some(four_people), ..CASE };

    // ---- numeric options ----
    epochs_zero: Case { args: &["train", "--epochs", "0", "--save", "{save}"],
        stderr: &["'0' for '--epochs <EPOCHS>'", "must be at least 1"], was: Message, ..CASE };
    epochs_negative: Case { args: &["train", "--epochs", "-3"],
        stderr: &["'-3' for '--epochs <EPOCHS>'", "at least 1"], was: Message, ..CASE };
    epochs_not_a_number: Case { args: &["train", "--epochs", "ten"],
        stderr: &["'ten' for '--epochs <EPOCHS>'", "not a whole number", "1000"], was: Message, ..CASE };
    epochs_beyond_64_bits: Case { args: &["train", "--epochs", "99999999999999999999999"],
        stderr: &["--epochs", "not a whole number from 1 to"], was: Message, ..CASE };
    log_every_zero: Case { args: &["train", "--log-every", "0"],
        stderr: &["'0' for '--log-every <N>'", "at least 1"], ..CASE };
    log_every_beyond_the_epochs: Case { args: &["train", "--epochs", "5", "--log-every", "100", "--json"],
        expect: Accept, check: Some(history_len_1), ..CASE };
    seed_largest: Case { args: &["train", "--epochs", "5", "--json", "--seed", "18446744073709551615"],
        expect: Accept, check: Some(seed_max), ..CASE };
    seed_negative: Case { args: &["train", "--seed", "-1"],
        stderr: &["'-1' for '--seed <SEED>'", "from 0 to 18446744073709551615"], was: Message, ..CASE };
    seed_beyond_64_bits: Case { args: &["train", "--seed", "18446744073709551616"],
        stderr: &["--seed", "from 0 to 18446744073709551615"], was: Message, ..CASE };
    seed_with_init_seeds_nothing: Case { args: &["train", "--seed", "7", "--init", "1,1,1,1,1,1,0,0,0"],
        stderr: &["--seed 7", "nothing to seed", "drop one of --seed and --init"], was: Decision, ..CASE };
    seed_with_init_and_shuffle: Case {
        args: &["train", "--seed", "7", "--init", "1,1,1,1,1,1,0,0,0", "--shuffle", "--epochs", "5"],
        expect: Accept, ..CASE };
    learn_rate_zero: Case { args: &["train", "--learn-rate", "0", "--save", "{save}"],
        stderr: &["--learn-rate 0.0", "positive finite number", "try 0.1"], was: Message, ..CASE };
    learn_rate_negative: Case { args: &["train", "--learn-rate", "-0.1"],
        stderr: &["--learn-rate -0.1", "positive"], was: Message, ..CASE };
    learn_rate_nan: Case { args: &["train", "--learn-rate", "nan"],
        stderr: &["--learn-rate NaN", "positive finite"], was: Message, ..CASE };
    learn_rate_infinite: Case { args: &["train", "--learn-rate", "inf"],
        stderr: &["--learn-rate inf", "positive finite"], was: Message, ..CASE };
    learn_rate_not_a_number: Case { args: &["train", "--learn-rate", "fast"],
        stderr: &["'fast' for '--learn-rate", "not a number", "0.5"], was: Message, ..CASE };
    learn_rate_1e300_saturates: Case { args: &["train", "--learn-rate", "1e300", "--save", "{save}"],
        expect: Warn, stderr: &["warning: training did not lower the loss", "1e300", "too large", "try 0.1"],
        was: Decision, ..CASE };
    learn_rate_too_small_to_move: Case { args: &["train", "--learn-rate", "1e-9", "--epochs", "10"],
        expect: Warn, stderr: &["warning: training did not lower the loss", "1e-9", "more epochs"],
        was: Decision, ..CASE };
    learn_rate_the_loss_rises: Case {
        args: &["train", "--dataset", "howell", "--layers", "2,4,1", "--optimizer", "adam",
                "--learn-rate", "0.8", "--epochs", "150"],
        expect: Warn, stderr: &["warning: the loss rose", "at epoch", "unstable", "too large"],
        was: Decision, ..CASE };
    training_diverges: Case {
        args: &["train", "--init", "1e308,-1e308,1,1,1,1,0,0,0", "--save", "{save}"],
        stderr: &["diverged at epoch 0", "smaller learn rate"], ..CASE };
    test_fraction_zero: Case { args: &["train", "--test-fraction", "0"],
        stderr: &["--test-fraction 0", "between 0 and 1", "try 0.25"], was: Message, ..CASE };
    test_fraction_one: Case { args: &["train", "--test-fraction", "1"],
        stderr: &["--test-fraction 1", "between 0 and 1"], was: Message, ..CASE };
    test_fraction_above_one: Case { args: &["train", "--dataset", "howell", "--test-fraction", "1.5"],
        stderr: &["--test-fraction 1.5", "between 0 and 1"], was: Message, ..CASE };
    test_fraction_negative: Case { args: &["train", "--test-fraction", "-0.5"],
        stderr: &["--test-fraction -0.5", "between 0 and 1"], was: Message, ..CASE };
    test_fraction_nan: Case { args: &["train", "--test-fraction", "NaN"],
        stderr: &["--test-fraction NaN", "between 0 and 1"], was: Message, ..CASE };
    test_fraction_too_small_for_the_data: Case { args: &["train", "--test-fraction", "0.1"],
        stderr: &["--test-fraction 0.1", "cannot hold out 0 of 4 people", "larger fraction"], was: Message, ..CASE };
    test_fraction_quarter_of_howell: Case {
        args: &["train", "--dataset", "howell", "--test-fraction", "0.25", "--epochs", "5"],
        expect: Accept, ..CASE };

    // ---- the network's shape and training ----
    layers_not_starting_with_2: Case { args: &["train", "--layers", "3,4,1"],
        stderr: &["--layers", "first size must be 2"], ..CASE };
    layers_not_ending_with_1: Case { args: &["train", "--layers", "2,4,2"],
        stderr: &["--layers", "output layer must have exactly 1", "got 2"], was: Message, ..CASE };
    layers_zero_width: Case { args: &["train", "--layers", "2,0,1"],
        stderr: &["'0' for '--layers <SIZES>'", "at least 1"], was: Message, ..CASE };
    layers_one_size: Case { args: &["train", "--layers", "2"],
        stderr: &["--layers", "at least 2 layer sizes"], was: Message, ..CASE };
    layers_not_a_number: Case { args: &["train", "--layers", "2,x,1"],
        stderr: &["--layers", "'x'", "not a layer size"], ..CASE };
    layers_too_many_parameters: Case { args: &["train", "--layers", "2,100000,100000,1"],
        stderr: &["--layers", "more than 268435456 parameters", "smaller layers"], was: Decision, ..CASE };
    batch_size_zero: Case { args: &["train", "--batch-size", "0"],
        stderr: &["'0' for '--batch-size <N>'", "at least 1"], ..CASE };
    batch_size_beyond_the_data: Case { args: &["train", "--batch-size", "64", "--epochs", "5"],
        expect: Warn, stderr: &["warning: --batch-size 64 is more than the 4 training people", "full-batch"],
        was: Decision, ..CASE };
    init_too_few: Case { args: &["train", "--init", "1,2,3"],
        stderr: &["--init", "9 parameters", "got 3"], ..CASE };
    init_too_many: Case { args: &["train", "--init", "1,2,3,4,5,6,7,8,9,10"],
        stderr: &["--init", "got 10"], ..CASE };
    init_not_a_number: Case { args: &["train", "--init", "1,2,x,4,5,6,7,8,9"],
        stderr: &["--init", "'x'", "not a number"], ..CASE };
    init_nan: Case { args: &["train", "--init", "1,2,3,4,5,6,7,8,nan"],
        stderr: &["--init", "b3", "finite"], ..CASE };
    init_with_other_layers: Case { args: &["train", "--layers", "2,3,1", "--init", "1,1,1,1,1,1,0,0,0"],
        stderr: &["--init", "--layers"], ..CASE };
    init_with_tanh: Case { args: &["train", "--activation", "tanh", "--init", "1,1,1,1,1,1,0,0,0"],
        stderr: &["--init", "--activation"], ..CASE };
    init_with_layers_2_2_1: Case {
        args: &["train", "--layers", "2,2,1", "--init", "1,1,1,1,1,1,0,0,0", "--epochs", "5"],
        expect: Accept, ..CASE };
    unknown_activation: Case { args: &["train", "--activation", "softsign"],
        stderr: &["'softsign'", "--activation", "possible values"], ..CASE };
    unknown_optimizer: Case { args: &["train", "--optimizer", "rmsprop"],
        stderr: &["'rmsprop'", "--optimizer", "possible values: sgd, momentum, adam"], ..CASE };
    unknown_loss: Case { args: &["train", "--loss", "hinge"],
        stderr: &["'hinge'", "--loss", "possible values: mse, bce"], ..CASE };
    unknown_dataset: Case { args: &["train", "--dataset", "iris"],
        stderr: &["'iris'", "--dataset", "possible values: tutorial, howell"], ..CASE };
    unknown_normalisation: Case { args: &["train", "--normalisation", "zscore"],
        stderr: &["'zscore'", "--normalisation", "possible values: tutorial-shift, standardise"], ..CASE };
    normalisation_tutorial_shift_on_a_csv: Case {
        args: &["train", "--data", "{csv}", "--normalisation", "tutorial-shift", "--epochs", "5", "--json"],
        data: Data::Text(PEOPLE), expect: Accept, check: Some(tutorial_shift), ..CASE };
    loss_bce_trains_an_mlp: Case { args: &["train", "--loss", "bce", "--epochs", "50"], expect: Accept, ..CASE };
    shuffle_alone_trains_an_mlp: Case { args: &["train", "--shuffle", "--epochs", "50"], expect: Accept, ..CASE };
    unknown_subcommand: Case { args: &["frobnicate"],
        stderr: &["unrecognized subcommand 'frobnicate'", "try '--help'"], ..CASE };
    unknown_option: Case { args: &["train", "--epoch", "5"],
        stderr: &["unexpected argument '--epoch'", "--epochs"], ..CASE };

    // ---- combinations ----
    units_without_data: Case { args: &["train", "--units", "kg-cm"],
        stderr: &["--units kg-cm", "there is no --data", "drop --units"], was: Decision, ..CASE };
    min_age_without_data: Case { args: &["train", "--dataset", "howell", "--min-age", "30"],
        stderr: &["--min-age", "--data"], ..CASE };
    data_and_dataset: Case { args: &["train", "--data", "{csv}", "--dataset", "howell"], data: Data::Text(PEOPLE),
        stderr: &["'--data <FILE>' cannot be used with '--dataset <DATASET>'"], ..CASE };

    // ---- the --save destination ----
    save_to_a_folder: Case { args: &["train", "--save", "{dir}"],
        stderr: &["--save", "is a folder", "model.json"], was: Decision, ..CASE };
    save_into_a_missing_folder: Case { args: &["train", "--save", "{dir}/no/such/model.json"],
        stderr: &["--save", "the folder", "no/such does not exist", "create it first"], was: Decision, ..CASE };
    save_into_a_read_only_folder: Case { args: &["train", "--save", "{readonly}/model.json"],
        stderr: &["--save", "cannot write in the folder", "save somewhere writable"], was: Decision, ..CASE };
    save_over_the_data_file: Case { args: &["train", "--data", "{csv}", "--save", "{csv}"], data: Data::Text(PEOPLE),
        stderr: &["--save", "data.csv", "is the --data file", "choose another name"], was: Decision, ..CASE };
    save_over_a_file_that_is_not_a_model: Case { args: &["train", "--save", "{dir}/notes.txt"],
        stderr: &["--save", "notes.txt", "not a model file", "choose another name"], was: Decision, ..CASE };
    save_over_a_model: Case { args: &["train", "--epochs", "5", "--save", "{model}"], model: Some(same),
        expect: Accept, ..CASE };
    save_with_json: Case { args: &["train", "--epochs", "5", "--json", "--save", "{save}"], expect: Accept,
        check: Some(history_len_1), ..CASE };

    // ---- predict: the model file ----
    predict_missing_model: Case { args: &["predict", "--model", "{dir}/absent.json", "--weight", "130", "--height", "64"],
        stderr: &["absent.json", "No such file"], ..CASE };
    predict_model_is_a_folder: Case { args: &["predict", "--model", "{dir}", "--weight", "130", "--height", "64"],
        stderr: &["Is a directory"], ..CASE };
    predict_good_model: Case { args: &["predict", "--json", "--model", "{model}", "--weight", "128", "--height", "63"],
        model: Some(same), expect: Accept, check: Some(predicts_emily_female), ..CASE };
    predict_truncated_model: Case { args: PREDICT_WITH_MODEL,
        model: Some(truncated), stderr: &["model.json", "not a valid model file", "train --save"], ..CASE };
    predict_empty_model: Case { args: PREDICT_WITH_MODEL,
        model: Some(empty), stderr: &["model.json", "not a valid model file"], ..CASE };
    predict_model_not_json: Case { args: PREDICT_WITH_MODEL,
        model: Some(not_json), stderr: &["model.json", "not a valid model file"], ..CASE };
    predict_model_of_another_format: Case { args: PREDICT_WITH_MODEL,
        model: Some(other_format), stderr: &["model.json", "\"format\" field"], ..CASE };
    predict_model_version_2: Case { args: PREDICT_WITH_MODEL,
        model: Some(version_2), stderr: &["model.json", "version 2 is not supported", "train --save"], ..CASE };
    predict_model_missing_a_parameter: Case { args: PREDICT_WITH_MODEL,
        model: Some(no_w5), stderr: &["model.json", "w5"], ..CASE };
    predict_model_zero_scale: Case { args: PREDICT_WITH_MODEL,
        model: Some(zero_scale), stderr: &["model.json", "normalisation"], ..CASE };
    predict_model_of_the_other_kind: Case { args: PREDICT_WITH_MODEL,
        model: Some(other_kind), stderr: &["model.json", "network"], ..CASE };
    predict_model_with_three_inputs: Case { args: PREDICT_WITH_MODEL,
        model: Some(three_inputs), stderr: &["model.json", "takes 3 inputs", "a person has 2"], was: Message, ..CASE };
    predict_model_with_a_tanh_output: Case { args: PREDICT_WITH_MODEL,
        model: Some(tanh_output), stderr: &["model.json", "output activation is tanh", "probability"], was: Decision, ..CASE };
    predict_model_with_absurd_layers: Case { args: PREDICT_WITH_MODEL,
        model: Some(huge_layers), stderr: &["model.json", "parameters"], was: Decision, ..CASE };
    predict_model_number_beyond_f64: Case { args: PREDICT_WITH_MODEL,
        model: Some(overflowing_number), stderr: &["model.json", "not a valid model file"], ..CASE };

    // ---- predict: the person ----
    predict_weight_nan: Case { args: &["predict", "--model", "{model}", "--weight", "nan", "--height", "64"],
        model: Some(same), stderr: &["--weight NaN (lb)", "not a weight a person can have"], was: Message, ..CASE };
    predict_weight_negative: Case { args: &["predict", "--model", "{model}", "--weight", "-130", "--height", "64"],
        model: Some(same), stderr: &["--weight -130.0 (lb)", "1 to 1500 lb"], was: Decision, ..CASE };
    predict_weight_5000_lb: Case { args: &["predict", "--model", "{model}", "--weight", "5000", "--height", "64"],
        model: Some(same), stderr: &["--weight 5000.0 (lb)", "--units kg-cm"], was: Decision, ..CASE };
    predict_height_a_tenth_of_an_inch: Case { args: &["predict", "--model", "{model}", "--weight", "130", "--height", "0.1"],
        model: Some(same), stderr: &["--height 0.1 (in)", "10 to 110 in"], was: Decision, ..CASE };
    predict_centimetres_as_inches: Case { args: &["predict", "--model", "{model}", "--weight", "58", "--height", "160"],
        model: Some(same), stderr: &["--height 160.0 (in)", "--units kg-cm"], was: Decision, ..CASE };
    predict_kg_cm: Case {
        args: &["predict", "--json", "--model", "{model}", "--units", "kg-cm", "--weight", "58.06", "--height", "160.02"],
        model: Some(same), expect: Accept, check: Some(predicts_emily_female), ..CASE };
    predict_weight_not_a_number: Case { args: &["predict", "--model", "{model}", "--weight", "heavy", "--height", "64"],
        model: Some(same), stderr: &["'heavy' for '--weight", "not a number"], was: Message, ..CASE };
    predict_units_unknown: Case { args: &["predict", "--model", "{model}", "--weight", "130", "--height", "64", "--units", "st-ft"],
        model: Some(same), stderr: &["'st-ft'", "--units", "possible values: lb-in, kg-cm"], ..CASE };
    predict_without_a_model: Case { args: &["predict", "--weight", "130", "--height", "64"],
        stderr: &["--model <MODEL.json>", "required"], ..CASE };
    predict_missing_height: Case { args: &["predict", "--model", "{model}", "--weight", "130"],
        model: Some(same), stderr: &["--height <HEIGHT>", "required"], ..CASE };

    // ---- the outcome of training ----
    outcome_the_tutorials_run: Case { args: &["train", "--save", "{save}"], expect: Accept, ..CASE };
    outcome_howell_mlp: Case {
        args: &["train", "--dataset", "howell", "--layers", "2,8,1", "--optimizer", "adam",
                "--learn-rate", "0.01", "--batch-size", "32", "--epochs", "50"],
        expect: Accept, ..CASE };
}
