//! The CSV readers on any bytes: people, every one of them plausible, or a table, every row as
//! wide as its features, finite and of a known class; or an error with a message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nn_from_scratch::csv_data::{CsvOptions, HEIGHT_IN_RANGE, Units, WEIGHT_LB_RANGE, read_people};

fuzz_target!(|data: &[u8]| {
    let with_age = CsvOptions {
        units: Units::KgCm,
        min_age: Some(18.0),
    };
    for options in [CsvOptions::default(), with_age] {
        match read_people(data, &options) {
            Ok(people) => {
                assert!(!people.is_empty());
                for p in &people {
                    assert!(WEIGHT_LB_RANGE.contains(&p.weight_lb), "{p:?}");
                    assert!(HEIGHT_IN_RANGE.contains(&p.height_in), "{p:?}");
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    match nn_from_scratch::table::read_table(data) {
        Ok(t) => {
            assert!(t.classes.len() >= 2 && t.rows.len() == t.labels.len());
            for (row, &c) in t.rows.iter().zip(&t.labels) {
                assert!(row.len() == t.features.len() && c < t.classes.len());
                assert!(row.iter().all(|v| v.is_finite()));
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
