//! Reading people from CSV text (the `--data FILE` option of the trainer).
//!
//! The format, also described in the trainer's `--help` and the README:
//!
//! - a header row, then one person per row; fields separated by `,` or `;` (detected from the
//!   header);
//! - a weight column: `weight_lb`, `weight_kg`, or `weight` (in the units given by [`Units`]);
//! - a height column: `height_in`, `height_cm`, or `height` (in the units given by [`Units`]);
//! - a label column: `label`, `sex` or `female`, holding `1`/`0` (1 = female, as in the tutorial)
//!   or `F`/`M` (also `female`/`male`); or instead a `male` column holding 1 for male and 0 for
//!   female (the convention of the Howell census in `data/howell1.csv`);
//! - optional `name` and `age` columns; other columns are ignored.
//!
//! Column names are matched without regard to case or surrounding spaces or quotes.

use std::io::Read;

use crate::error::Error;
use crate::person::{Person, Sex};

/// Units of measurement for weight and height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Units {
    /// Pounds and inches, as in the tutorial.
    LbIn,
    /// Kilograms and centimetres.
    KgCm,
}

/// Pounds in one kilogram.
pub const LB_PER_KG: f64 = 2.204_622_621_848_775_8;
/// Centimetres in one inch.
pub const CM_PER_IN: f64 = 2.54;

impl Units {
    /// Converts a (weight, height) pair in these units to pounds and inches.
    pub fn to_lb_in(self, weight: f64, height: f64) -> (f64, f64) {
        match self {
            Units::LbIn => (weight, height),
            Units::KgCm => (weight * LB_PER_KG, height / CM_PER_IN),
        }
    }
}

/// How to read a CSV file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CsvOptions {
    /// Units of the `weight` and `height` columns when their names carry no unit.
    pub units: Units,
    /// Keep only rows whose `age` column is at least this (requires an `age` column).
    pub min_age: Option<f64>,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            units: Units::LbIn,
            min_age: None,
        }
    }
}

/// How a label column encodes sex.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LabelKind {
    /// 1/F = female, 0/M = male.
    Female,
    /// 1 = male, 0 = female.
    Male,
}

/// Where a value lives, for error messages.
struct Cell<'a> {
    line: u64,
    column: &'a str,
    value: &'a str,
}

fn parse_number(cell: Cell<'_>) -> Result<f64, Error> {
    let v: f64 = cell.value.trim().parse().map_err(|_| Error::BadNumber {
        line: cell.line,
        column: cell.column.to_string(),
        value: cell.value.to_string(),
    })?;
    if !v.is_finite() {
        return Err(Error::NonFiniteValue {
            line: cell.line,
            column: cell.column.to_string(),
            value: cell.value.to_string(),
        });
    }
    Ok(v)
}

fn parse_label(cell: Cell<'_>, kind: LabelKind) -> Result<Sex, Error> {
    let v = cell.value.trim().to_ascii_lowercase();
    let sex = match (kind, v.as_str()) {
        (LabelKind::Female, "1" | "f" | "female") => Some(Sex::Female),
        (LabelKind::Female, "0" | "m" | "male") => Some(Sex::Male),
        (LabelKind::Male, "1") => Some(Sex::Male),
        (LabelKind::Male, "0") => Some(Sex::Female),
        _ => None,
    };
    sex.ok_or_else(|| Error::BadLabel {
        line: cell.line,
        column: cell.column.to_string(),
        value: cell.value.to_string(),
    })
}

/// Describes a CSV-level error (wrong number of fields, bad quoting, invalid UTF-8) with its line.
fn csv_error(e: &csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => Error::Csv(format!(
            "line {}: {len} fields, but the header has {expected_len}",
            pos.as_ref().map_or(0, |p| p.line())
        )),
        csv::ErrorKind::Utf8 { pos, .. } => Error::Csv(format!(
            "line {}: not valid UTF-8 text",
            pos.as_ref().map_or(0, |p| p.line())
        )),
        _ => Error::Csv(e.to_string()),
    }
}

fn normalise_header(h: &str) -> String {
    h.trim().trim_matches('"').trim().to_ascii_lowercase()
}

/// Reads people from CSV text. Measurements are converted to pounds and inches.
///
/// Every problem is reported with the line and column it was found at.
pub fn read_people<R: Read>(mut reader: R, options: &CsvOptions) -> Result<Vec<Person>, Error> {
    let mut text = String::new();
    reader
        .read_to_string(&mut text)
        .map_err(|e| Error::Csv(format!("cannot read the data as UTF-8 text: {e}")))?;
    let header_line = text.lines().next().unwrap_or("");
    if header_line.trim().is_empty() {
        return Err(Error::EmptyFile);
    }
    let delimiter = if header_line.contains(';') && !header_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(normalise_header)
        .collect();
    let find = |names: &[&'static str]| -> Option<(usize, &'static str)> {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n).map(|i| (i, *n)))
    };
    let found = headers.join(", ");
    let missing = |what: &'static str| Error::MissingColumn {
        what,
        found: found.clone(),
    };

    let (weight_col, weight_name) = find(&["weight_lb", "weight_kg", "weight"])
        .ok_or_else(|| missing("weight (weight_lb, weight_kg or weight)"))?;
    let (height_col, height_name) = find(&["height_in", "height_cm", "height"])
        .ok_or_else(|| missing("height (height_in, height_cm or height)"))?;
    let (label_col, label_name) = find(&["label", "sex", "female", "male"])
        .ok_or_else(|| missing("label (label, sex, female or male)"))?;
    let label_kind = if label_name == "male" {
        LabelKind::Male
    } else {
        LabelKind::Female
    };
    let name_col = find(&["name"]).map(|(i, _)| i);
    let age_col = match options.min_age {
        Some(_) => Some(
            find(&["age"])
                .ok_or_else(|| missing("age (needed by the age filter)"))?
                .0,
        ),
        None => None,
    };
    let weight_units = match weight_name {
        "weight_lb" => Units::LbIn,
        "weight_kg" => Units::KgCm,
        _ => options.units,
    };
    let height_units = match height_name {
        "height_in" => Units::LbIn,
        "height_cm" => Units::KgCm,
        _ => options.units,
    };

    let mut people = Vec::new();
    for (row, record) in rdr.records().enumerate() {
        let record = record.map_err(|e| csv_error(&e))?;
        let line = record.position().map_or(row as u64 + 2, |p| p.line());
        let get = |col: usize, column: &'static str| -> Result<Cell<'_>, Error> {
            let value = record.get(col).ok_or(Error::MissingValue {
                line,
                column: column.to_string(),
            })?;
            Ok(Cell {
                line,
                column,
                value,
            })
        };
        let weight = parse_number(get(weight_col, weight_name)?)?;
        let height = parse_number(get(height_col, height_name)?)?;
        let sex = parse_label(get(label_col, label_name)?, label_kind)?;
        if let (Some(col), Some(min)) = (age_col, options.min_age) {
            let age = parse_number(get(col, "age")?)?;
            if age < min {
                continue;
            }
        }
        let name = match name_col.and_then(|c| record.get(c)) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("row {}", row + 1),
        };
        let (weight_lb, _) = weight_units.to_lb_in(weight, 0.0);
        let (_, height_in) = height_units.to_lb_in(0.0, height);
        people.push(Person {
            name,
            weight_lb,
            height_in,
            sex,
        });
    }
    if people.is_empty() {
        return Err(Error::EmptyDataset);
    }
    Ok(people)
}
