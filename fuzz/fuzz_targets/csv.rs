//! The CSV readers on any bytes: people, every one of them plausible, or a table, every row as
//! wide as its features, finite and of a known class; or an error with a message (the property
//! the proptest checks too, `tests/common/csv_readers.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/csv_readers.rs"]
mod csv_readers;

fuzz_target!(|data: &[u8]| csv_readers::check_csv(data));
