// Chapter 3's exercises (book/src/03-data-and-loss.md, "Exercises"): write your
// answers in place of each `todo!()`, `f64::NAN` and `None`, then check them with
// `cargo test -p exercises --test ch03`, and your progress with `cargo xtask exercises`.

use nn_from_scratch::csv_data::{CsvOptions, read_people};
use nn_from_scratch::person::Person;

/// Exercise 3.1 (write the code): the mean squared error.
pub fn mean_squared_error(y_true: &[f64], y_pred: &[f64]) -> f64 {
    todo!("the average over i of (y_true[i] - y_pred[i])²")
}

/// Exercise 3.2 (write the code): at least four people of your own, both sexes, as CSV text
/// (see the README's "CSV data": a header row, then one person per row)...
pub const MY_CSV: &str = "";

/// ... read with the crate's reader (`csv_data::read_people`).
pub fn my_people() -> Vec<Person> {
    todo!("read MY_CSV with nn_from_scratch::csv_data::read_people")
}

/// Exercise 3.3 (by hand, to 0.000001): the MSE of the predictions [0.9, 0.2, 0.1, 0.6] for the
/// labels [1, 0, 0, 1].
pub const LOSS_BY_HAND: f64 = f64::NAN;
