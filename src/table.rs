//! Tables: any CSV of numbers with a `label` column, for a network that tells `K ≥ 2` classes
//! apart (the trainer's `--data FILE` when the file does not describe people).
//!
//! The format, also described in the trainer's `--help` and the README:
//!
//! - a header row naming every column, then one sample per row, fields separated by `,` or `;`
//!   (detected from the header, as for people);
//! - one column named `label`, anywhere in the row: each row's class, a whole number (`0` to
//!   `9` for the digits) or a name (`setosa`); the classes are the distinct labels found, in
//!   numerical order when every label is a whole number, else in alphabetical order;
//! - every other column is a feature: a finite number in every row.
//!
//! Names are compared without regard to case or surrounding spaces and quotes. Nothing is
//! guessed: a file is refused, naming the line, the column and the fix, for a missing or second
//! `label` column, two columns of one name, no feature column, a row of the wrong length, a
//! cell that is empty, not a number or not finite, no rows, and a single class.
//!
//! ```
//! use nn_from_scratch::table::read_table;
//! let csv = "height,label,width\n1.5,cat,2\n0.5,dog,1\n2.5,cat,0\n";
//! let t = read_table(csv.as_bytes())?;
//! assert_eq!(t.features, ["height", "width"]);
//! assert_eq!(t.classes, ["cat", "dog"]);
//! assert_eq!(t.rows[1], [0.5, 1.0]);
//! assert_eq!(t.labels, [0, 1, 0]);
//! # Ok::<(), nn_from_scratch::Error>(())
//! ```

use std::collections::BTreeSet;
use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::csv_data::{Cell, csv_error, normalise_header, open_csv, parse_number};
use crate::error::Error;

/// The name of the column holding each row's class.
pub const LABEL: &str = "label";

/// The column names that make a CSV file a file of people ([`crate::csv_data`]) rather than a
/// table: any weight or height column, or a column of sex.
const PEOPLE_COLUMNS: [&str; 5] = ["weight", "height", "sex", "female", "male"];

/// Samples read from a table: features, classes and each row's class.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The feature columns' names, in the file's order (the label column left out).
    pub features: Vec<String>,
    /// The classes (the distinct labels), in order: the class number of a label is its index.
    pub classes: Vec<String>,
    /// Each row's features, in the order of [`Table::features`].
    pub rows: Vec<Vec<f64>>,
    /// Each row's class number, an index into [`Table::classes`].
    pub labels: Vec<usize>,
}

impl Table {
    /// The labels as the network takes them: class numbers as `f64`.
    pub fn label_values(&self) -> Vec<f64> {
        self.labels.iter().map(|&c| c as f64).collect()
    }

    /// The rows at `indices` (as [`crate::datasets::split_indices`] gives), features and
    /// labels, with the same columns and classes.
    pub fn select(&self, indices: &[usize]) -> Table {
        Table {
            features: self.features.clone(),
            classes: self.classes.clone(),
            rows: indices.iter().map(|&i| self.rows[i].clone()).collect(),
            labels: indices.iter().map(|&i| self.labels[i]).collect(),
        }
    }
}

/// True when the CSV header line names a column of people (a weight, a height or a sex), or
/// holds a number where a name belongs (a file of people without its header, which the people
/// reader explains): then the file is read as people ([`crate::csv_data`]), else as a table.
pub fn names_people(header_line: &str) -> bool {
    let separators = [',', ';', '\t'];
    header_line.split(separators).any(|h| {
        let h = normalise_header(h);
        if h.parse::<f64>().is_ok() {
            return true;
        }
        PEOPLE_COLUMNS
            .iter()
            .any(|p| h == *p || h.starts_with(&format!("{p}_")))
    })
}

/// Reads a table (see the [module documentation](self) for the format).
pub fn read_table<R: Read>(reader: R) -> Result<Table, Error> {
    let (mut rdr, headers) = open_csv(reader, empty_table())?;
    check_distinct(&headers)?;
    let label = match headers.iter().position(|h| h == LABEL) {
        Some(i) => i,
        None => {
            if let Some(h) = headers.iter().find(|h| h.parse::<f64>().is_ok()) {
                return Err(Error::Csv(format!(
                    "line 1: {h:?} is a value, not a column name; the first line must be a \
                     header naming the columns, one of them label"
                )));
            }
            return Err(Error::Csv(format!(
                "line 1: no column is named label; the header has: {}; name the column that \
                 holds each row's class label",
                headers.join(", ")
            )));
        }
    };
    if headers.len() == 1 {
        return Err(Error::Csv(
            "line 1: the only column is the label; add at least one column of numbers to learn \
             from"
                .to_string(),
        ));
    }
    let features: Vec<String> = (headers.iter().enumerate())
        .filter(|(i, _)| *i != label)
        .map(|(_, h)| h.clone())
        .collect();
    let mut rows = Vec::new();
    let mut names = Vec::new();
    let mut record = csv::StringRecord::new();
    while rdr.read_record(&mut record).map_err(|e| csv_error(&e))? {
        let line = record.position().map_or(0, |p| p.line());
        let name = record.get(label).unwrap_or_default();
        if name.is_empty() {
            return Err(Error::MissingValue {
                line,
                column: LABEL.to_string(),
            });
        }
        names.push(name.to_string());
        rows.push(numbers(&record, &headers, Some(label), line)?);
    }
    if rows.is_empty() {
        return Err(Error::Csv(
            "no rows: the header is followed by no data; add one sample per line".to_string(),
        ));
    }
    let classes = class_names(&names);
    if classes.len() < 2 {
        return Err(Error::OneLabel {
            label: classes[0].clone(),
        });
    }
    let labels = names
        .iter()
        .map(|n| classes.iter().position(|c| c == n).unwrap_or_default())
        .collect();
    Ok(Table {
        features,
        classes,
        rows,
        labels,
    })
}

/// Reads the rows of a CSV text with the columns `features` (in any order; a `label` column is
/// allowed and left out), each row's numbers in the order of `features`: the samples a trained
/// model classifies. Any other set of columns is [`Error::FeatureMismatch`].
pub fn read_features<R: Read>(reader: R, features: &[String]) -> Result<Vec<Vec<f64>>, Error> {
    let (mut rdr, headers) = open_csv(reader, empty_table())?;
    check_distinct(&headers)?;
    let label = headers.iter().position(|h| h == LABEL);
    let given: Vec<&String> = headers.iter().filter(|h| *h != LABEL).collect();
    let wanted: BTreeSet<&String> = features.iter().collect();
    if given.len() != features.len() || given.iter().any(|h| !wanted.contains(h)) {
        return Err(Error::FeatureMismatch {
            expected: list(features.iter()),
            found: list(given.into_iter()),
        });
    }
    // Where each of the model's features is in the file's rows, once they are read without
    // the label.
    let order: Vec<usize> = features
        .iter()
        .map(|f| given.iter().position(|h| *h == f).unwrap_or_default())
        .collect();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while rdr.read_record(&mut record).map_err(|e| csv_error(&e))? {
        let line = record.position().map_or(0, |p| p.line());
        let row = numbers(&record, &headers, label, line)?;
        rows.push(order.iter().map(|&i| row[i]).collect());
    }
    if rows.is_empty() {
        return Err(Error::Csv(
            "no rows: the header is followed by no data; add one sample per line".to_string(),
        ));
    }
    Ok(rows)
}

/// The error of an empty file.
fn empty_table() -> Error {
    Error::Csv(
        "the file is empty; it needs a header row naming the columns, one of them label, and \
         one sample per line"
            .to_string(),
    )
}

/// Names joined for a message, the first 8 and a count of the others.
fn list<'a>(names: impl ExactSizeIterator<Item = &'a String>) -> String {
    let n = names.len();
    let shown: Vec<&str> = names.take(8).map(|s| s.as_str()).collect();
    match n {
        0 => "none".to_string(),
        n if n > 8 => format!("{}, ... ({n} columns)", shown.join(", ")),
        _ => shown.join(", "),
    }
}

/// Every column has its own name.
fn check_distinct(headers: &[String]) -> Result<(), Error> {
    for (j, h) in headers.iter().enumerate() {
        if let Some(i) = headers[..j].iter().position(|g| g == h) {
            return Err(Error::Csv(format!(
                "line 1: columns {} and {} are both named {h:?}; give each column its own name",
                i + 1,
                j + 1
            )));
        }
    }
    Ok(())
}

/// The numbers of a row, every column but `skip`.
fn numbers(
    record: &csv::StringRecord,
    headers: &[String],
    skip: Option<usize>,
    line: u64,
) -> Result<Vec<f64>, Error> {
    let cells = record.iter().zip(headers).enumerate();
    cells
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, (value, column))| {
            parse_number(Cell {
                line,
                column,
                value,
            })
        })
        .collect()
}

/// The distinct labels in order: numerically when all are whole numbers, else alphabetically.
fn class_names(labels: &[String]) -> Vec<String> {
    let distinct: BTreeSet<&String> = labels.iter().collect();
    let mut classes: Vec<String> = distinct.into_iter().cloned().collect();
    if classes.iter().all(|c| c.parse::<i64>().is_ok()) {
        classes.sort_by_key(|c| c.parse::<i64>().unwrap_or_default());
    }
    classes
}

/// How a table's features become a network's inputs: `input_i = (x_i - offset_i) / scale_i`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scaling {
    /// Subtracted from each feature.
    pub offset: Vec<f64>,
    /// Then divided into it.
    pub scale: Vec<f64>,
}

impl Scaling {
    /// Standardisation over `rows`: each feature's mean subtracted and its (population)
    /// standard deviation divided, so every input has mean 0 and spread 1. A feature with the
    /// same value in every row (a pixel that is never inked) carries nothing to learn from; it
    /// is centred and left unscaled (scale 1), as scikit-learn's `StandardScaler` does, rather
    /// than divided by 0. Fails on no rows, and on a feature whose mean, spread or standardised
    /// values overflow ([`Error::Unscalable`]).
    pub fn standardise(rows: &[Vec<f64>]) -> Result<Scaling, Error> {
        let Some(first) = rows.first() else {
            return Err(Error::EmptyDataset);
        };
        let n = rows.len() as f64;
        let width = first.len();
        let mut offset = vec![0.0; width];
        let mut scale = vec![0.0; width];
        for i in 0..width {
            let mean = rows.iter().map(|r| r[i]).sum::<f64>() / n;
            let var = rows.iter().map(|r| (r[i] - mean).powi(2)).sum::<f64>() / n;
            let sd = var.sqrt();
            let s = if sd > 0.0 { sd } else { 1.0 };
            if !(mean.is_finite()
                && s.is_finite()
                && rows.iter().all(|r| ((r[i] - mean) / s).is_finite()))
            {
                return Err(Error::Unscalable { feature: i + 1 });
            }
            offset[i] = mean;
            scale[i] = s;
        }
        Ok(Scaling { offset, scale })
    }

    /// The inputs for one row of features.
    pub fn apply(&self, row: &[f64]) -> Vec<f64> {
        let scaled = row.iter().zip(&self.offset).zip(&self.scale);
        scaled.map(|((x, o), s)| (x - o) / s).collect()
    }

    /// Checks that the scaling has one finite offset and one finite, non-zero scale per
    /// feature, `width` of them.
    pub fn check(&self, width: usize) -> Result<(), Error> {
        let finite = self.offset.iter().chain(&self.scale).all(|v| v.is_finite());
        if self.offset.len() != width || self.scale.len() != width {
            return Err(Error::CorruptModel(format!(
                "the scaling has {} offsets and {} scales for {width} features",
                self.offset.len(),
                self.scale.len()
            )));
        }
        if !finite || self.scale.contains(&0.0) {
            return Err(Error::CorruptModel(
                "the scaling has a zero or non-finite value".to_string(),
            ));
        }
        Ok(())
    }
}
