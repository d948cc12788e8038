// Chapter 3, solved.

// ANCHOR: mean_squared_error
/// The mean squared error: the average of the squared differences.
pub fn mean_squared_error(y_true: &[f64], y_pred: &[f64]) -> f64 {
    let mut sum = 0.0;
    for i in 0..y_true.len() {
        sum += (y_true[i] - y_pred[i]) * (y_true[i] - y_pred[i]);
    }
    sum / y_true.len() as f64
}
// ANCHOR_END: mean_squared_error

// ANCHOR: my_people
/// Four people of our own, in kilograms and centimetres (the column names say so).
pub const MY_CSV: &str = "name,weight_kg,height_cm,sex
Ada,58,163,F
Ben,80,181,M
Cleo,64,170,F
Dan,72,175,M
";

/// The people of `MY_CSV`, read with the crate's CSV reader.
pub fn my_people() -> Vec<nn_from_scratch::person::Person> {
    use nn_from_scratch::csv_data::{CsvOptions, read_people};
    read_people(MY_CSV.as_bytes(), &CsvOptions::default()).expect("MY_CSV should be valid")
}
// ANCHOR_END: my_people

// ANCHOR: loss_by_hand
/// Errors 0.1, 0.2, 0.1, 0.4; squares 0.01, 0.04, 0.01, 0.16; sum 0.22; mean 0.22 / 4 = 0.055.
pub const LOSS_BY_HAND: f64 = 0.055;
// ANCHOR_END: loss_by_hand
