//! Chapter 3's exercises (book/src/03-data-and-loss.md, "Exercises"): write your answers in place of each
//! `todo!()`, `f64::NAN` and `None`, then check them with `cargo test -p exercises ch03`.

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

#[cfg(test)]
mod tests {
    // The tests check your answers above; with `--features solutions`, ours.
    #[cfg(not(feature = "solutions"))]
    use super::*;
    use crate::check::ch03 as check;
    #[cfg(feature = "solutions")]
    use crate::solutions::ch03::*;

    #[test]
    fn ex1_mean_squared_error() {
        check::mse(mean_squared_error).unwrap();
    }

    #[test]
    fn ex2_my_people() {
        check::my_people(my_people).unwrap();
    }

    #[test]
    fn ex3_loss_by_hand() {
        check::loss_by_hand(LOSS_BY_HAND).unwrap();
    }
}
