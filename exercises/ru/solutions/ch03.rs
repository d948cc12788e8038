// Глава 3: решения.

// ANCHOR: mean_squared_error
/// Среднеквадратичная ошибка: среднее квадратов разностей.
pub fn mean_squared_error(y_true: &[f64], y_pred: &[f64]) -> f64 {
    let mut sum = 0.0;
    for i in 0..y_true.len() {
        sum += (y_true[i] - y_pred[i]) * (y_true[i] - y_pred[i]);
    }
    sum / y_true.len() as f64
}
// ANCHOR_END: mean_squared_error

// ANCHOR: my_people
/// Четыре придуманных нами человека; вес и рост — в килограммах и сантиметрах (так сказано
/// в названиях столбцов).
pub const MY_CSV: &str = "name,weight_kg,height_cm,sex
Ада,58,163,F
Бен,80,181,M
Клео,64,170,F
Дэн,72,175,M
";

/// Люди из `MY_CSV`, прочитанные функцией крейта для CSV.
pub fn my_people() -> Vec<nn_from_scratch::person::Person> {
    use nn_from_scratch::csv_data::{CsvOptions, read_people};
    read_people(MY_CSV.as_bytes(), &CsvOptions::default()).expect("MY_CSV должен быть корректным")
}
// ANCHOR_END: my_people

// ANCHOR: loss_by_hand
/// Ошибки 0.1, 0.2, 0.1, 0.4; квадраты 0.01, 0.04, 0.01, 0.16; сумма 0.22; среднее
/// 0.22 / 4 = 0.055.
pub const LOSS_BY_HAND: f64 = 0.055;
// ANCHOR_END: loss_by_hand
