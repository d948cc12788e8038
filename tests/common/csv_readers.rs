//! The CSV readers' property, one declaration for the proptest (`tests/properties.rs`) and the
//! fuzz target (`fuzz/fuzz_targets/csv.rs`): any bytes give people, every one of them plausible,
//! or a table, every row as wide as its features, finite and of a known class; or an error with a
//! message.

use nn_from_scratch::csv_data::{CsvOptions, HEIGHT_IN_RANGE, Units, WEIGHT_LB_RANGE, read_people};

/// Panics unless the readers take `bytes` as the property says.
pub fn check_csv(bytes: &[u8]) {
    let with_age = CsvOptions {
        units: Units::KgCm,
        min_age: Some(18.0),
    };
    for options in [CsvOptions::default(), with_age] {
        match read_people(bytes, &options) {
            Ok(people) => {
                assert!(!people.is_empty());
                for p in people {
                    assert!(WEIGHT_LB_RANGE.contains(&p.weight_lb), "{p:?}");
                    assert!(HEIGHT_IN_RANGE.contains(&p.height_in), "{p:?}");
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    // The same bytes as a table: every row as wide as the features, finite, of a known class.
    match nn_from_scratch::table::read_table(bytes) {
        Ok(t) => {
            assert!(t.classes.len() >= 2 && !t.rows.is_empty() && !t.features.is_empty());
            assert_eq!(t.rows.len(), t.labels.len());
            for (row, &c) in t.rows.iter().zip(&t.labels) {
                assert_eq!(row.len(), t.features.len());
                assert!(row.iter().all(|v| v.is_finite()) && c < t.classes.len());
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}
