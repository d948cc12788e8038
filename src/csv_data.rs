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
//! Column names are matched without regard to case or surrounding spaces or quotes. Nothing is
//! guessed: a file is rejected, naming the line, the column and the fix, when its header is
//! missing or ambiguous (two weight columns, a weight column in an unknown unit, both `,` and `;`
//! in the header), when a row has too few or too many fields, when it is not UTF-8 text (a UTF-8
//! byte order mark is fine, and so are CRLF line ends and quoted fields), and when a cell is
//! empty, not a number, not finite, not a label, or a measurement no person can have (see
//! [`WEIGHT_LB_RANGE`] and [`HEIGHT_IN_RANGE`]).
//!
//! The file is read as a stream, one row at a time, so memory holds the people and not the text.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::ops::RangeInclusive;

use crate::error::Error;
use crate::person::{Person, Sex};

choice! {
    /// Units of measurement for weight and height.
    pub enum Units: "units" {
        /// Pounds and inches, as in the tutorial.
        LbIn = "lb-in" ("pounds and inches"),
        /// Kilograms and centimetres.
        KgCm = "kg-cm" ("kilograms and centimetres"),
    }
}

/// Pounds in one kilogram.
pub const LB_PER_KG: f64 = 2.204_622_621_848_775_8;
/// Centimetres in one inch.
pub const CM_PER_IN: f64 = 2.54;

/// The weights (in pounds) a person can have: from a premature baby's to beyond the heaviest
/// person on record (about 1,400 lb). Anything outside is a typing or unit mistake.
pub const WEIGHT_LB_RANGE: RangeInclusive<f64> = 1.0..=1500.0;
/// The heights (in inches) a person can have: from a premature baby's to beyond the tallest
/// person on record (about 107 in). A height in centimetres read as inches falls outside.
pub const HEIGHT_IN_RANGE: RangeInclusive<f64> = 10.0..=110.0;

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

/// What [`read_people_with`] read: the people, and the columns their measurements came from.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvPeople {
    /// The people kept (after the age filter), in file order.
    pub people: Vec<Person>,
    /// The weight column used: `weight_lb`, `weight_kg` or `weight`.
    pub weight_column: &'static str,
    /// The height column used: `height_in`, `height_cm` or `height`.
    pub height_column: &'static str,
}

/// How a label column encodes sex.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LabelKind {
    /// 1/F = female, 0/M = male.
    Female,
    /// 1 = male, 0 = female.
    Male,
}

/// A CSV reader over a text whose first line was read already, then the rest.
pub(crate) type CsvReader<R> = csv::Reader<std::io::Chain<Cursor<Vec<u8>>, BufReader<R>>>;

/// Where a value lives, for error messages.
pub(crate) struct Cell<'a> {
    pub(crate) line: u64,
    pub(crate) column: &'a str,
    pub(crate) value: &'a str,
}

/// The finite number in `cell`, or an error naming its line and column.
pub(crate) fn parse_number(cell: Cell<'_>) -> Result<f64, Error> {
    if cell.value.trim().is_empty() {
        return Err(Error::MissingValue {
            line: cell.line,
            column: cell.column.to_string(),
        });
    }
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

/// Checks that a measurement, converted to `lb_or_in`, is one a person can have.
fn check_range(cell: Cell<'_>, lb_or_in: f64, range: &RangeInclusive<f64>) -> Result<(), Error> {
    if range.contains(&lb_or_in) {
        return Ok(());
    }
    Err(Error::Implausible {
        line: cell.line,
        column: cell.column.to_string(),
        value: cell.value.to_string(),
    })
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
    sex.ok_or_else(|| {
        if v.is_empty() {
            Error::MissingValue {
                line: cell.line,
                column: cell.column.to_string(),
            }
        } else {
            Error::BadLabel {
                line: cell.line,
                column: cell.column.to_string(),
                value: cell.value.to_string(),
            }
        }
    })
}

/// Describes a CSV-level error (wrong number of fields, bad quoting, invalid UTF-8) with its line.
pub(crate) fn csv_error(e: &csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => Error::Csv(format!(
            "line {}: {len} fields, but the header has {expected_len}; every row needs one value \
             per column (quote a value that contains the separator)",
            pos.as_ref().map_or(0, |p| p.line())
        )),
        csv::ErrorKind::Utf8 { pos, .. } => not_utf8(pos.as_ref().map_or(0, |p| p.line())),
        csv::ErrorKind::Io(e) => Error::Csv(format!("cannot read the data: {e}")),
        _ => Error::Csv(e.to_string()),
    }
}

fn not_utf8(line: u64) -> Error {
    Error::Csv(format!(
        "line {line}: not UTF-8 text; save the file as UTF-8 (\"CSV UTF-8\" in spreadsheet programs)"
    ))
}

/// A column name as the readers compare it: trimmed, unquoted, lower case.
pub(crate) fn normalise_header(h: &str) -> String {
    h.trim().trim_matches('"').trim().to_ascii_lowercase()
}

/// The separator of a header line: `,` or `;`, whichever occurs outside quotes; an error when
/// both do (the file is ambiguous) or when the columns are separated by tabs.
fn separator(header: &str) -> Result<u8, Error> {
    let (mut commas, mut semicolons, mut tabs, mut quoted) = (0, 0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    match (commas, semicolons) {
        (0, 0) if tabs > 0 => Err(Error::Csv(
            "line 1: the columns are separated by tabs; separate them with ',' or ';'".to_string(),
        )),
        (c, s) if c > 0 && s > 0 => Err(Error::Csv(format!(
            "line 1: the header holds both ',' ({c}) and ';' ({s}), so the separator is \
             ambiguous; separate the columns with one of them and quote names that contain the other"
        ))),
        (_, s) if s > 0 => Ok(b';'),
        _ => Ok(b','),
    }
}

/// The one column of `headers` among `names`, with its name; an error when two are present
/// (two weight columns, or the same one twice).
fn one_column(
    headers: &[String],
    names: &[&'static str],
) -> Result<Option<(usize, &'static str)>, Error> {
    let mut found: Option<(usize, &'static str)> = None;
    for (i, h) in headers.iter().enumerate() {
        let Some(name) = names.iter().find(|n| *n == h) else {
            continue;
        };
        if let Some((j, other)) = found {
            return Err(Error::Csv(format!(
                "line 1: columns {} ({other}) and {} ({name}) say the same thing, so which to use \
                 is ambiguous; keep one of them",
                j + 1,
                i + 1
            )));
        }
        found = Some((i, name));
    }
    Ok(found)
}

/// Rejects a `weight_...` or `height_...` column in a unit this reader does not know.
fn check_units(headers: &[String]) -> Result<(), Error> {
    let known = ["weight_lb", "weight_kg", "height_in", "height_cm"];
    for (i, h) in headers.iter().enumerate() {
        for (what, right) in [
            ("weight", "weight_lb or weight_kg"),
            ("height", "height_in or height_cm"),
        ] {
            if h.starts_with(&format!("{what}_")) && !known.contains(&h.as_str()) {
                return Err(Error::UnknownUnit {
                    index: i + 1,
                    header: h.clone(),
                    unit: h[what.len() + 1..].to_string(),
                    what,
                    right,
                });
            }
        }
    }
    Ok(())
}

/// Reads people from CSV text. Measurements are converted to pounds and inches.
///
/// Every problem is reported with the line and column it was found at.
pub fn read_people<R: Read>(reader: R, options: &CsvOptions) -> Result<Vec<Person>, Error> {
    read_people_with(reader, options, true, |_| {}).map(|r| r.people)
}

/// [`read_people`], reporting which columns were used, and calling `progress` with the number of
/// data rows read so far after every row (for a progress display on long files). With
/// `keep_names` false every name is left empty, which saves memory on large files.
pub fn read_people_with<R: Read>(
    reader: R,
    options: &CsvOptions,
    keep_names: bool,
    mut progress: impl FnMut(u64),
) -> Result<CsvPeople, Error> {
    let (mut rdr, headers) = open_csv(reader, Error::EmptyFile)?;
    check_units(&headers)?;
    let weight = one_column(&headers, &["weight_lb", "weight_kg", "weight"])?;
    let height = one_column(&headers, &["height_in", "height_cm", "height"])?;
    let label = one_column(&headers, &["label", "sex", "female", "male"])?;
    let name_col = one_column(&headers, &["name"])?.map(|(i, _)| i);
    let age = one_column(&headers, &["age"])?;
    let missing = |what: &'static str| {
        if let Some(h) = headers.iter().find(|h| h.parse::<f64>().is_ok()) {
            return Error::Csv(format!(
                "line 1: {h:?} is a value, not a column name; the first line must be a header \
                 naming the columns, such as weight_lb,height_in,sex"
            ));
        }
        Error::MissingColumn {
            what,
            found: headers.join(", "),
        }
    };
    let (weight_col, weight_name) =
        weight.ok_or_else(|| missing("weight (weight_lb, weight_kg or weight)"))?;
    let (height_col, height_name) =
        height.ok_or_else(|| missing("height (height_in, height_cm or height)"))?;
    let (label_col, label_name) =
        label.ok_or_else(|| missing("label (label, sex, female or male)"))?;
    let label_kind = if label_name == "male" {
        LabelKind::Male
    } else {
        LabelKind::Female
    };
    let age_col = match options.min_age {
        Some(min) if !min.is_finite() || min < 0.0 => {
            return Err(Error::InvalidMinAge(min));
        }
        Some(_) => Some(
            age.ok_or_else(|| missing("age (needed by the age filter)"))?
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
    let mut record = csv::StringRecord::new();
    let mut rows = 0u64;
    while rdr.read_record(&mut record).map_err(|e| csv_error(&e))? {
        rows += 1;
        let line = record.position().map_or(rows + 1, |p| p.line());
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
        let (weight_lb, _) = weight_units.to_lb_in(weight, 0.0);
        check_range(get(weight_col, weight_name)?, weight_lb, &WEIGHT_LB_RANGE)?;
        let height = parse_number(get(height_col, height_name)?)?;
        let (_, height_in) = height_units.to_lb_in(0.0, height);
        check_range(get(height_col, height_name)?, height_in, &HEIGHT_IN_RANGE)?;
        let sex = parse_label(get(label_col, label_name)?, label_kind)?;
        progress(rows);
        if let (Some(col), Some(min)) = (age_col, options.min_age) {
            let age = parse_number(get(col, "age")?)?;
            if age < min {
                continue;
            }
        }
        let name = match name_col.and_then(|c| record.get(c)) {
            _ if !keep_names => String::new(),
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("row {rows}"),
        };
        people.push(Person {
            name,
            weight_lb,
            height_in,
            sex,
        });
    }
    if people.is_empty() {
        return Err(match options.min_age {
            Some(min_age) if rows > 0 => Error::NoRowsOldEnough { rows, min_age },
            _ => Error::NoRows,
        });
    }
    Ok(CsvPeople {
        people,
        weight_column: weight_name,
        height_column: height_name,
    })
}

/// The reader of a CSV text: its header row read and checked (UTF-8, a UTF-8 byte order mark
/// dropped, not empty (else `empty`), the separator `,` or `;` detected), the column names
/// normalised ([`normalise_header`]); the rows to be read from the reader it returns.
pub(crate) fn open_csv<R: Read>(
    reader: R,
    empty: Error,
) -> Result<(CsvReader<R>, Vec<String>), Error> {
    let mut reader = BufReader::new(reader);
    let mut first = Vec::new();
    reader
        .read_until(b'\n', &mut first)
        .map_err(|e| Error::Csv(format!("cannot read the data: {e}")))?;
    if first.starts_with(&[0xFF, 0xFE]) || first.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Csv(
            "line 1: the file is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\" in spreadsheet \
             programs)"
                .to_string(),
        ));
    }
    let first = first
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&first)
        .to_vec();
    let header_line = std::str::from_utf8(&first).map_err(|_| not_utf8(1))?;
    if header_line.trim().is_empty() {
        return Err(empty);
    }
    let delimiter = separator(header_line)?;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(Cursor::new(first).chain(reader));
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| csv_error(&e))?
        .iter()
        .map(normalise_header)
        .collect();
    Ok((rdr, headers))
}
